"""Import talent or companies from a CSV or Excel file: map columns, preview every row with its
errors, then write only the valid rows once the user confirms.

Application forms are exported in many shapes; a Japanese Excel saves CSV in Shift_JIS (cp932),
so both UTF-8 and cp932 are read. A row is checked with the same rules as the registry's own
form (`check_talent`, `check_company`), plus duplicates within the file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from colead.i18n import translate
from colead.models import PartnerInstitution, SkillType, TalentStatus
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.companies import CompanyInput, check_company, create_company
from colead.services.errors import InputError, InvalidInput
from colead.services.needs import skill_label
from colead.services.talent import TalentInput, check_talent, create_talent

MAX_ROWS = 20_000
TALENT, COMPANY = "talent", "company"


@dataclass(frozen=True)
class ImportField:
    key: str
    label_key: str
    required: bool = False
    aliases: tuple[str, ...] = ()


FIELDS: dict[str, tuple[ImportField, ...]] = {
    TALENT: (
        ImportField("name", "talent.field.name", True, ("氏名", "名前", "お名前", "name")),
        ImportField(
            "email", "talent.field.email", False, ("メールアドレス", "メール", "email", "e-mail")
        ),
        ImportField("affiliation", "talent.field.affiliation", False, ("所属", "勤務先", "会社")),
        ImportField("residence", "talent.field.residence", False, ("居住地", "お住まい", "住所")),
        ImportField(
            "recruitment_channel",
            "talent.field.recruitment_channel",
            False,
            ("募集チャネル", "応募経路", "きっかけ", "channel"),
        ),
        ImportField("status", "talent.field.status", False, ("状況", "ステータス", "status")),
        ImportField(
            "applied_on", "talent.field.applied_on", False, ("応募日", "登録日", "タイムスタンプ")
        ),
        ImportField("skills", "talent.field.skills", False, ("人材タイプ", "スキル", "専門")),
        ImportField(
            "interests", "talent.field.interests", False, ("関心・得意分野", "関心", "得意分野")
        ),
        ImportField("note", "talent.field.note", False, ("メモ", "備考", "note")),
    ),
    COMPANY: (
        ImportField("name", "company.field.name", True, ("企業名", "会社名", "事業者名", "name")),
        ImportField("industry", "company.field.industry", False, ("業種", "industry")),
        ImportField("employees", "company.field.employees", False, ("従業員数", "社員数")),
        ImportField("address", "company.field.address", False, ("所在地", "住所")),
        ImportField("representative", "company.field.representative", False, ("代表者",)),
        ImportField("partner", "company.field.partner", False, ("紹介元", "紹介機関")),
        ImportField("note", "company.field.note", False, ("メモ", "備考", "note")),
    ),
}


@dataclass
class PreviewRow:
    line: int  # the row's number in the spreadsheet: the header is line 1
    values: dict[str, str]
    errors: list[InputError] = field(default_factory=list)
    data: TalentInput | CompanyInput | None = None


@dataclass
class ImportPreview:
    kind: str
    rows: list[PreviewRow]

    @property
    def valid(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.errors]


@dataclass(frozen=True)
class ImportSummary:
    created: int
    skipped: int


def _normal(text: str) -> str:
    return re.sub(r"[\s_（）()]", "", str(text)).lower()


def _labels(fields: tuple[ImportField, ...]) -> dict[str, str]:
    """Every header a field answers to: its aliases and its label in both languages."""
    names: dict[str, str] = {}
    for f in fields:
        for alias in (*f.aliases, translate(f.label_key, "ja"), translate(f.label_key, "en")):
            names.setdefault(_normal(alias), f.key)
    return names


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's rows as text (blank cells ""); InputError when it cannot be used."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    try:
        if suffix == "csv":
            frame = None
            for encoding in ("utf-8-sig", "cp932"):
                try:
                    frame = pd.read_csv(
                        io.BytesIO(data), dtype=str, keep_default_na=False, encoding=encoding
                    )
                    break
                except UnicodeDecodeError:
                    continue
            if frame is None:
                raise InputError("import.error.unreadable")
        elif suffix == "xlsx":
            frame = pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")
            frame = frame.map(_cell_text)
        else:
            raise InputError("import.error.format")
    except InputError:
        raise
    except Exception as error:  # a damaged file: say so, never a traceback
        raise InputError("import.error.unreadable") from error
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame[[c for c in frame.columns if c and not c.startswith("Unnamed:")]]
    frame = frame[frame.apply(lambda row: any(str(v).strip() for v in row), axis=1)]
    if frame.empty or not len(frame.columns):
        raise InputError("import.error.empty")
    if len(frame) > MAX_ROWS:
        raise InputError("import.error.too_many", maximum=MAX_ROWS)
    return frame.reset_index(drop=True)


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def guess_mapping(kind: str, columns: list[str]) -> dict[str, str | None]:
    """Field key → the column that seems to hold it (None when no header fits)."""
    names = _labels(FIELDS[kind])
    mapping: dict[str, str | None] = {f.key: None for f in FIELDS[kind]}
    for column in columns:
        key = names.get(_normal(column))
        if key and mapping[key] is None:
            mapping[key] = column
    return mapping


def _date(text: str, today: date) -> date:
    if not text:
        return today
    for pattern in (
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y年%m月%d日",
        "%Y-%m-%d %H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
    ):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise InputError("import.error.date", value=text)


def _status(text: str) -> TalentStatus:
    if not text:
        return TalentStatus.APPLIED
    for status in TalentStatus:
        if text.strip().lower() in (
            status.value,
            translate(f"enum.talent_status.{status}", "ja"),
            translate(f"enum.talent_status.{status}", "en").lower(),
        ):
            return status
    raise InputError("import.error.status", value=text)


def _skills(text: str) -> tuple[SkillType, ...]:
    result = []
    for part in re.split(r"[、，,;；\n]+", text):  # not "/" nor "・": UI/UX, エンジニア・オペレータ
        part = part.strip()
        if not part:
            continue
        skill = next(
            (
                s
                for s in SkillType
                if part.lower()
                in (s.value, skill_label(s).lower(), translate(f"enum.skill.{s}", "en").lower())
            ),
            None,
        )
        if skill is None:
            raise InputError("import.error.skill", value=part)
        result.append(skill)
    return tuple(result)


def _talent(values: dict[str, str], today: date) -> tuple[TalentInput | None, list[InputError]]:
    errors: list[InputError] = []
    parsed: dict[str, Any] = {}
    for key, parse in (
        ("applied_on", lambda v: _date(v, today)),
        ("status", _status),
        ("skills", _skills),
    ):
        try:
            parsed[key] = parse(values.get(key, ""))
        except InputError as error:
            errors.append(error)
    if errors:
        return None, errors
    data = TalentInput(
        name=values.get("name", ""),
        email=values.get("email", ""),
        affiliation=values.get("affiliation", ""),
        residence=values.get("residence", ""),
        recruitment_channel=values.get("recruitment_channel", ""),
        interests=values.get("interests", ""),
        note=values.get("note", ""),
        **parsed,
    ).cleaned()
    return data, []


def _company(
    values: dict[str, str], partners: dict[str, int]
) -> tuple[CompanyInput | None, list[InputError]]:
    errors: list[InputError] = []
    employees: int | None = None
    text = values.get("employees", "").replace(",", "").replace("名", "").replace("人", "").strip()
    if text:
        try:
            employees = int(float(text))
        except ValueError:
            errors.append(InputError("company.error.employees"))
    partner_name = " ".join(values.get("partner", "").split())
    partner_id = partners.get(partner_name) if partner_name else None
    if partner_name and partner_id is None:
        errors.append(InputError("import.error.partner", value=partner_name))
    if errors:
        return None, errors
    data = CompanyInput(
        name=values.get("name", ""),
        industry=values.get("industry", ""),
        employees=employees,
        address=values.get("address", ""),
        representative=values.get("representative", ""),
        partner_id=partner_id,
        note=values.get("note", ""),
    ).cleaned()
    return data, []


def _identity(data: TalentInput | CompanyInput) -> str:
    if isinstance(data, TalentInput) and data.email:
        return data.email
    return data.name.lower()


def preview_import(
    session: Session,
    actor: Actor,
    programme_id: int,
    kind: str,
    frame: pd.DataFrame,
    mapping: dict[str, str | None],
    today: date,
) -> ImportPreview:
    """Every row with what it would store and every problem with it; nothing is written."""
    programme = require_programme(session, actor, programme_id)
    for f in FIELDS[kind]:
        if f.required and not mapping.get(f.key):
            raise InputError("import.error.unmapped", field=translate(f.label_key))
    partners = {
        p.name: p.id
        for p in session.exec(
            select(PartnerInstitution).where(PartnerInstitution.region_id == programme.region_id)
        )
    }
    seen: dict[str, int] = {}
    rows: list[PreviewRow] = []
    for index, record in enumerate(frame.to_dict("records")):
        values = {
            key: str(record.get(column, "")).strip() if column else ""
            for key, column in mapping.items()
        }
        row = PreviewRow(line=index + 2, values=values)
        if kind == TALENT:
            row.data, row.errors = _talent(values, today)
            if row.data is not None:
                row.errors = check_talent(session, programme_id, row.data)
        else:
            row.data, row.errors = _company(values, partners)
            if row.data is not None:
                row.errors = check_company(session, programme_id, row.data)
        if row.data is not None and row.data.name:
            identity = _identity(row.data)
            if identity in seen:
                row.errors.append(InputError("import.error.duplicate_in_file", line=seen[identity]))
            else:
                seen[identity] = row.line
        rows.append(row)
    return ImportPreview(kind=kind, rows=rows)


def commit_import(
    session: Session, actor: Actor, programme_id: int, preview: ImportPreview
) -> ImportSummary:
    """Write the preview's valid rows; each is checked again, as the registry may have changed
    since the preview. A row that fails now is skipped without undoing the others."""
    programme = require_programme(session, actor, programme_id, write=True)
    created = 0
    for row in preview.valid:
        try:
            with session.begin_nested():
                if preview.kind == TALENT:
                    create_talent(session, actor, programme_id, row.data)  # type: ignore[arg-type]
                else:
                    create_company(session, actor, programme_id, row.data)  # type: ignore[arg-type]
            created += 1
        except (InputError, InvalidInput):
            continue
    skipped = len(preview.rows) - created
    audit.record(
        session,
        actor.username,
        f"{preview.kind}.import",
        target=f"programme:{programme_id}",
        region_id=programme.region_id,
        detail=f"{created} created, {skipped} skipped",
    )
    return ImportSummary(created=created, skipped=skipped)
