"""Export the talent and company registries to CSV and Excel.

Headers are the registry's own field labels, so an exported file imports again as it is.
Exporting talent is an export of personal data and is written to the audit log.
Every CSV and Excel file the app writes is made here (or by colead.services.export for the
worksheets), and every cell goes through colead.services.cells: no user text becomes a formula.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlmodel import Session, col, select

from colead.i18n import translate
from colead.models import (
    Company,
    ConsentRecord,
    PartnerInstitution,
    SkillType,
    Talent,
    TalentSkill,
)
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.cells import append_row, safe_frame
from colead.services.companies import list_companies
from colead.services.talent import TalentFilter, last_contacts, talent_filters


def talent_frame(
    session: Session, actor: Actor, programme_id: int, chosen: TalentFilter, lang: str = "ja"
) -> pd.DataFrame:
    """Every person matching the filter, one row each, with labels in `lang`."""
    programme = require_programme(session, actor, programme_id)
    people = session.exec(
        select(Talent)
        .where(*talent_filters(programme_id, chosen))
        .order_by(col(Talent.applied_on), col(Talent.id))
    ).all()
    ids = [p.id for p in people]
    skills: dict[int, list[str]] = {}
    consenting: set[int] = set()
    contacts = {}
    for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):  # SQLite's variable limit
        for talent_id, skill in session.exec(
            select(TalentSkill.talent_id, TalentSkill.skill_type).where(
                col(TalentSkill.talent_id).in_(chunk)
            )
        ):
            skills.setdefault(talent_id, []).append(skill)
        consenting |= set(
            session.exec(
                select(ConsentRecord.talent_id).where(
                    col(ConsentRecord.talent_id).in_(chunk),
                    col(ConsentRecord.withdrawn_on).is_(None),
                )
            )
        )
        contacts.update(last_contacts(session, chunk))

    def label(key: str) -> str:
        return translate(f"talent.field.{key}", lang)

    rows = [
        {
            label("name"): p.name,
            label("email"): p.email,
            label("affiliation"): p.affiliation,
            label("residence"): p.residence,
            label("recruitment_channel"): p.recruitment_channel,
            label("status"): translate(f"enum.talent_status.{p.status}", lang),
            label("applied_on"): p.applied_on.isoformat(),
            label("skills"): "、".join(
                translate(f"enum.skill.{s}", lang)
                for s in sorted(skills.get(p.id, []), key=list(SkillType).index)
            ),
            label("interests"): p.interests,
            label("note"): p.note,
            label("consent"): "○" if p.id in consenting else "",
            label("last_contact"): contacts[p.id].isoformat() if p.id in contacts else "",
        }
        for p in people
    ]
    audit.record(
        session,
        actor.username,
        "talent.export",
        target=f"programme:{programme_id}",
        region_id=programme.region_id,
        detail=f"{len(rows)} people",
    )
    columns = [
        label(k)
        for k in (
            "name", "email", "affiliation", "residence", "recruitment_channel", "status",
            "applied_on", "skills", "interests", "note", "consent", "last_contact",
        )
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def company_frame(
    session: Session, actor: Actor, programme_id: int, query: str = "", lang: str = "ja"
) -> pd.DataFrame:
    """Every company matching the search, with readiness (B-1) and needs (B-3)."""
    listing = list_companies(session, actor, programme_id, query, page=1, per_page=100_000)
    extra = {
        c.id: c
        for c in session.exec(
            select(Company).where(col(Company.id).in_([r.id for r in listing.rows] or [-1]))
        )
    }
    partners = dict(session.exec(select(PartnerInstitution.id, PartnerInstitution.name)).all())

    def label(key: str) -> str:
        return translate(f"company.field.{key}", lang)

    rows = [
        {
            label("name"): r.name,
            label("industry"): r.industry,
            label("employees"): "" if r.employees is None else r.employees,
            label("address"): extra[r.id].address,
            label("representative"): extra[r.id].representative,
            label("partner"): partners.get(extra[r.id].partner_id, ""),
            label("note"): extra[r.id].note,
            label("ready"): translate("company.ready", lang)
            if r.ready
            else translate("company.not_ready", lang, missing="、".join(r.missing)),
            label("needs"): "、".join(translate(f"enum.skill.{s}", lang) for s in r.needs),
        }
        for r in listing.rows
    ]
    columns = [
        label(k)
        for k in (
            "name", "industry", "employees", "address", "representative", "partner", "note",
            "ready", "needs",
        )
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Japanese correctly; text cells
    that a spreadsheet would read as a formula are quoted (colead.services.cells). Lines end
    in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone CR: Python's
    csv module leaves it bare under a "\\n" terminator, and Excel would break the row there."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_title: str) -> bytes:
    """One sheet: bold headers, then the rows; text is written as text, never a formula."""
    frame = safe_frame(frame)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    append_row(sheet, frame.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False):
        append_row(sheet, record)
    for index, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in frame[column])], default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, 4 + longest * 1.6)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
