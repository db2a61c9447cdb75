"""Regions and their programme years, set up by an admin: create, rename, archive, restore.

Nothing here deletes: an archived region or programme stays in every list and count, read-only.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from colead.models import Company, Programme, Region, Role, Talent
from colead.models.base import utcnow
from colead.services import audit
from colead.services.access import Actor, require_role
from colead.services.errors import InputError, InvalidInput
from colead.services.limits import too_long

# The 47 prefectures in the order of their codes (JIS X 0401): 北海道 is 01, 沖縄県 47.
PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

DEFAULT_PROGRAMME_NAME = "ふるさとCo-LEADプログラム"
DEFAULT_CONTACT_INTERVAL = 30
MIN_FISCAL_YEAR, MAX_FISCAL_YEAR = 2019, 2100  # 令和元年度 onwards
MAX_CONTACT_INTERVAL = 365


def fiscal_year_dates(fiscal_year: int) -> tuple[date, date]:
    """A Japanese fiscal year: April 1 to March 31 of the next calendar year."""
    return date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)


def _digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace("-", "")


def check_digit(first_five: str) -> int:
    """The sixth digit of a 全国地方公共団体コード (weights 6..2, modulus 11, last digit)."""
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def normalise_municipality_code(code: str, prefecture: str) -> str:
    """A valid 6-digit code for `prefecture` (full-width digits accepted), or "" when empty.

    Raises InputError when the code has the wrong form, a wrong check digit, or belongs to
    another prefecture (its first two digits are the prefecture's number).
    """
    code = _digits(code)
    if not code:
        return ""
    if len(code) == 5 and code.isdigit():
        code += str(check_digit(code))
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        raise InputError("region.error.code_form")
    if int(code[5]) != check_digit(code[:5]):
        raise InputError("region.error.code_check")
    if prefecture in PREFECTURES and int(code[:2]) != PREFECTURES.index(prefecture) + 1:
        raise InputError("region.error.code_prefecture", prefecture=prefecture)
    return code


def _region_errors(
    session: Session, prefecture: str, name: str, code: str, region_id: int | None
) -> tuple[list[InputError], str]:
    errors: list[InputError] = []
    if prefecture not in PREFECTURES:
        errors.append(InputError("region.error.prefecture"))
    if not name:
        errors.append(InputError("region.error.name"))
    errors += too_long(Region, "region", [("name", name)])
    try:
        code = normalise_municipality_code(code, prefecture)
    except InputError as error:
        errors.append(error)
    if name and not errors:
        clash = session.exec(
            select(Region.id).where(
                Region.prefecture == prefecture, Region.name == name, col(Region.id) != region_id
            )
        ).first()
        if clash is not None:
            errors.append(InputError("region.error.taken", name=f"{prefecture} {name}"))
    return errors, code


def create_region(
    session: Session, actor: Actor, *, prefecture: str, name: str, municipality_code: str = ""
) -> Region:
    """A new region. A prefecture running the programme itself gives its own name as `name`."""
    require_role(actor, Role.ADMIN)
    name = name.strip()
    errors, code = _region_errors(session, prefecture, name, municipality_code, None)
    if errors:
        raise InvalidInput(errors)
    region = Region(name=name, prefecture=prefecture, municipality_code=code)
    session.add(region)
    session.flush()
    audit.record(
        session, actor.username, "region.create", target=f"{prefecture} {name}", region_id=region.id
    )
    return region


def _region(session: Session, region_id: int) -> Region:
    region = session.get(Region, region_id)
    if region is None:
        raise InputError("region.error.not_found")
    return region


def update_region(
    session: Session,
    actor: Actor,
    region_id: int,
    *,
    prefecture: str,
    name: str,
    municipality_code: str = "",
) -> Region:
    """Rename a region (or correct its prefecture or code); its programmes keep everything."""
    require_role(actor, Role.ADMIN)
    region = _region(session, region_id)
    name = name.strip()
    errors, code = _region_errors(session, prefecture, name, municipality_code, region_id)
    if errors:
        raise InvalidInput(errors)
    before = f"{region.prefecture} {region.name}"
    region.prefecture, region.name, region.municipality_code = prefecture, name, code
    session.add(region)
    audit.record(
        session,
        actor.username,
        "region.update",
        target=f"{prefecture} {name}",
        region_id=region.id,
        detail=f"was {before}",
    )
    return region


def set_region_archived(session: Session, actor: Actor, region_id: int, archived: bool) -> Region:
    """Archive (every programme of the region becomes read-only) or restore a region."""
    require_role(actor, Role.ADMIN)
    region = _region(session, region_id)
    region.archived_at = utcnow() if archived else None
    session.add(region)
    audit.record(
        session,
        actor.username,
        "region.archive" if archived else "region.restore",
        target=f"{region.prefecture} {region.name}",
        region_id=region.id,
    )
    return region


@dataclass(frozen=True)
class ProgrammeInput:
    """What an admin types for a programme year."""

    fiscal_year: int
    name: str = DEFAULT_PROGRAMME_NAME
    starts_on: date | None = None
    ends_on: date | None = None
    contact_interval_days: int = DEFAULT_CONTACT_INTERVAL

    def cleaned(self) -> ProgrammeInput:
        start, end = fiscal_year_dates(self.fiscal_year)
        return ProgrammeInput(
            fiscal_year=int(self.fiscal_year),
            name=self.name.strip(),
            starts_on=self.starts_on or start,
            ends_on=self.ends_on or end,
            contact_interval_days=int(self.contact_interval_days),
        )


def _programme_errors(
    session: Session, region_id: int, data: ProgrammeInput, programme_id: int | None
) -> list[InputError]:
    errors: list[InputError] = []
    if not MIN_FISCAL_YEAR <= data.fiscal_year <= MAX_FISCAL_YEAR:
        errors.append(
            InputError("programme.error.year", minimum=MIN_FISCAL_YEAR, maximum=MAX_FISCAL_YEAR)
        )
    if not data.name:
        errors.append(InputError("programme.error.name"))
    errors += too_long(Programme, "programme", [("name", data.name)])
    if data.starts_on and data.ends_on and data.starts_on > data.ends_on:
        errors.append(InputError("programme.error.dates"))
    if not 1 <= data.contact_interval_days <= MAX_CONTACT_INTERVAL:
        errors.append(InputError("programme.error.interval", maximum=MAX_CONTACT_INTERVAL))
    clash = session.exec(
        select(Programme.id).where(
            Programme.region_id == region_id,
            Programme.fiscal_year == data.fiscal_year,
            col(Programme.id) != programme_id,
        )
    ).first()
    if clash is not None:
        errors.append(InputError("programme.error.taken", year=data.fiscal_year))
    return errors


def create_programme(
    session: Session,
    actor: Actor,
    region_id: int,
    data: ProgrammeInput,
    *,
    carried_from_id: int | None = None,
) -> Programme:
    """A region's programme for one fiscal year (one per region and year)."""
    require_role(actor, Role.ADMIN)
    region = _region(session, region_id)
    if region.archived_at is not None:
        raise InputError("programme.error.region_archived", region=region.name)
    data = data.cleaned()
    errors = _programme_errors(session, region_id, data, None)
    if errors:
        raise InvalidInput(errors)
    programme = Programme(
        region_id=region_id,
        fiscal_year=data.fiscal_year,
        name=data.name,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        contact_interval_days=data.contact_interval_days,
        carried_from_id=carried_from_id,
    )
    session.add(programme)
    session.flush()
    audit.record(
        session,
        actor.username,
        "programme.create",
        target=f"{region.name} {data.fiscal_year}",
        region_id=region_id,
    )
    return programme


def _programme(session: Session, programme_id: int) -> Programme:
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise InputError("programme.error.not_found")
    return programme


def update_programme(
    session: Session, actor: Actor, programme_id: int, data: ProgrammeInput
) -> Programme:
    """Rename a programme or change its dates and contact interval (not while archived)."""
    require_role(actor, Role.ADMIN)
    programme = _programme(session, programme_id)
    if programme.archived_at is not None:
        raise InputError("programme.error.archived")
    data = data.cleaned()
    errors = _programme_errors(session, programme.region_id, data, programme_id)
    if errors:
        raise InvalidInput(errors)
    programme.fiscal_year = data.fiscal_year
    programme.name = data.name
    programme.starts_on, programme.ends_on = data.starts_on, data.ends_on
    programme.contact_interval_days = data.contact_interval_days
    session.add(programme)
    audit.record(
        session,
        actor.username,
        "programme.update",
        target=f"{programme.id} {data.fiscal_year}",
        region_id=programme.region_id,
    )
    return programme


def set_programme_archived(
    session: Session, actor: Actor, programme_id: int, archived: bool
) -> Programme:
    """Archive a programme (read-only, still in every view and count) or restore it."""
    require_role(actor, Role.ADMIN)
    programme = _programme(session, programme_id)
    programme.archived_at = utcnow() if archived else None
    session.add(programme)
    audit.record(
        session,
        actor.username,
        "programme.archive" if archived else "programme.restore",
        target=f"{programme.id} {programme.fiscal_year}",
        region_id=programme.region_id,
    )
    return programme


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    fiscal_year: int
    name: str
    starts_on: date | None
    ends_on: date | None
    contact_interval_days: int
    archived: bool
    talents: int
    companies: int


@dataclass(frozen=True)
class RegionRow:
    id: int
    prefecture: str
    name: str
    municipality_code: str
    archived: bool
    programmes: tuple[ProgrammeRow, ...]


def region_overview(session: Session, actor: Actor) -> list[RegionRow]:
    """Every region with its programme years (newest first) and their sizes, for admins.

    Counted in three grouped queries, whatever the number of regions and programmes.
    """
    require_role(actor, Role.ADMIN)
    talents = dict(
        session.exec(
            select(Talent.programme_id, func.count()).group_by(col(Talent.programme_id))
        ).all()
    )
    companies = dict(
        session.exec(
            select(Company.programme_id, func.count()).group_by(col(Company.programme_id))
        ).all()
    )
    programmes: dict[int, list[ProgrammeRow]] = {}
    for p in session.exec(select(Programme).order_by(col(Programme.fiscal_year).desc())):
        programmes.setdefault(p.region_id, []).append(
            ProgrammeRow(
                id=p.id,
                fiscal_year=p.fiscal_year,
                name=p.name,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                contact_interval_days=p.contact_interval_days,
                archived=p.archived_at is not None,
                talents=talents.get(p.id, 0),
                companies=companies.get(p.id, 0),
            )
        )
    return [
        RegionRow(
            id=r.id,
            prefecture=r.prefecture,
            name=r.name,
            municipality_code=r.municipality_code,
            archived=r.archived_at is not None,
            programmes=tuple(programmes.get(r.id, ())),
        )
        for r in session.exec(
            select(Region).order_by(col(Region.archived_at).is_not(None), col(Region.id))
        )
    ]
