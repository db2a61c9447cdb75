"""Import talent or companies from a CSV or Excel file: map columns, preview every row with its
errors and what was tidied, then write only the valid rows once the user confirms.

Reading. Application forms are exported in many shapes; a Japanese Excel saves CSV in Shift_JIS
(cp932), so both UTF-8 and cp932 are read. An .xlsx is read with the values Excel cached for
formula cells; a formula cell with no cached value (a file written by a program, never opened in
Excel) is reported on its row, never read as an empty cell.

Mapping. Columns are guessed from their headers: an exact name first (氏名, メールアドレス …),
then a keyword of a longer question (ご所属（会社名・団体名）, この募集を知ったきっかけ,
個人情報の取り扱いについて …), then a weak word said of several fields (得意), so a typical
Google-Forms export maps without help; the page shows the guesses for the person to change.

Values. A column of a fixed vocabulary (人材タイプ, 状況) is read through a mapping of its
values confirmed once for the whole file: `value_choices` lists each distinct value that names
no choice exactly, with the nearest suggested (a known word: 「エンジニア」→
エンジニア・オペレータ, else the most alike name by difflib); a talent-type cell may list
several (「エンジニア, デザイナー」).
Dates are read from date-times too: a form's time stamp (2026/05/08 21:14, 2026/5/8 9:03:00,
午後 and GMT+9), ISO (an offset read in Japan's time) and Excel's date serials.

Checking. A row is checked with the same rules as the registry's own form (`check_talent`,
`check_company`), plus duplicates within the file, numbers within range (a PostgreSQL integer is
32-bit) and, for talent, the consent column of the form: consent given is recorded with the
column's header as its purpose and the row's applied date; a refused or empty consent refuses the
row. Every problem of a row is listed, not only the first, each naming the file's column
(`params["column"]`). What was tidied (a full-width e-mail
address, spaces around a value, words of a skills column that name no talent type) is said on
the row.

Writing: in batches, and what the promise is if it stops. `import_batches` writes the valid rows
in transactions of at most `BATCH_ROWS` rows (and about `BATCH_SECONDS` of work), so on SQLite
another person's save waits for one batch at most instead of the whole file; between batches it
pauses briefly so that a waiting writer gets the lock. Each committed batch stays committed:
there is no import-wide rollback. Instead the importer always knows, and says, what was written:
every batch reports the rows created and the last line reached, and records an audit row
(`<kind>.import.batch`) in the same transaction as its rows, so the audit log matches the
registry exactly. If an import stops half-way (an error, a closed browser tab), importing the same
file again is safe: the rows already written are reported as duplicates of the registry and only
the rest is written.
"""

from __future__ import annotations

import difflib
import io
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import zip_longest
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from colead.db import session_scope
from colead.i18n import JST, Label, translate
from colead.models import PartnerInstitution, Region, SkillType, TalentStatus
from colead.services import audit
from colead.services.access import Actor, require_programme
from colead.services.companies import CompanyInput, check_company, create_company
from colead.services.errors import InputError, InvalidInput
from colead.services.needs import skill_label
from colead.services.relationships import SCOPE_MAX, grant_consent
from colead.services.talent import TalentInput, check_talent, create_talent

MAX_ROWS = 20_000
TALENT, COMPANY = "talent", "company"
EMPLOYEES_MAX = 1_000_000  # well inside a 32-bit integer (PostgreSQL), and any company's size
BATCH_ROWS = 500  # rows written per transaction
BATCH_SECONDS = 0.5  # …or fewer, so that no batch holds SQLite's write lock for long
PAUSE_SECONDS = 0.15  # between batches on SQLite: longer than its busy handler's longest sleep


@dataclass(frozen=True)
class ImportField:
    key: str
    label_key: str
    required: bool = False
    aliases: tuple[str, ...] = ()  # whole headers
    keywords: tuple[str, ...] = ()  # words of a longer header (a form's question)
    weak: tuple[str, ...] = ()  # words that count only when no column names the field better


FIELDS: dict[str, tuple[ImportField, ...]] = {
    TALENT: (
        ImportField(
            "name", "talent.field.name", True, ("氏名", "名前", "お名前", "name"), ("氏名", "名前")
        ),
        ImportField(
            "email",
            "talent.field.email",
            False,
            ("メールアドレス", "メール", "email", "e-mail", "mail"),
            ("メール", "mail"),
        ),
        ImportField(
            "affiliation",
            "talent.field.affiliation",
            False,
            ("所属", "ご所属", "勤務先", "会社"),
            ("所属", "勤務先", "勤め先", "会社", "organization", "company"),
        ),
        ImportField(
            "residence",
            "talent.field.residence",
            False,
            ("居住地", "お住まい", "住所"),
            ("お住まい", "居住", "在住", "住所", "residence"),
        ),
        ImportField(
            "recruitment_channel",
            "talent.field.recruitment_channel",
            False,
            ("募集チャネル", "応募経路", "きっかけ", "channel"),
            ("きっかけ", "チャネル", "経路", "知った", "channel"),
        ),
        ImportField(
            "status",
            "talent.field.status",
            False,
            ("状況", "ステータス", "status"),
            ("ステータス",),
        ),
        ImportField(
            "applied_on",
            "talent.field.applied_on",
            False,
            ("応募日", "登録日", "タイムスタンプ", "timestamp"),
            ("タイムスタンプ", "timestamp", "応募日", "登録日", "回答日"),
        ),
        ImportField(
            "skills",
            "talent.field.skills",
            False,
            ("人材タイプ", "スキル", "専門", "得意分野"),
            ("人材タイプ", "スキル", "得意分野", "専門", "skill"),
            ("得意",),
        ),
        ImportField(
            "interests",
            "talent.field.interests",
            False,
            ("関心・得意分野", "関心", "関心のあること"),
            ("関心", "興味", "interest"),
            ("得意",),
        ),
        ImportField(
            "note",
            "talent.field.note",
            False,
            ("メモ", "備考", "note"),
            ("備考", "メモ", "質問", "コメント", "自由記述", "ご意見", "note", "comment"),
        ),
        ImportField(
            "consent",
            "import.field.consent",
            False,
            ("同意", "同意する", "同意します", "consent"),
            ("同意", "個人情報", "プライバシー", "consent", "agree", "privacy"),
        ),
    ),
    COMPANY: (
        ImportField(
            "name",
            "company.field.name",
            True,
            ("企業名", "会社名", "事業者名", "name"),
            ("企業名", "会社名", "事業者名", "社名"),
        ),
        ImportField("industry", "company.field.industry", False, ("業種", "industry"), ("業種",)),
        ImportField(
            "employees", "company.field.employees", False, ("従業員数", "社員数"), ("従業員",)
        ),
        ImportField(
            "address", "company.field.address", False, ("所在地", "住所"), ("所在地", "住所")
        ),
        ImportField(
            "representative", "company.field.representative", False, ("代表者",), ("代表",)
        ),
        ImportField("partner", "company.field.partner", False, ("紹介元", "紹介機関"), ("紹介",)),
        ImportField("note", "company.field.note", False, ("メモ", "備考", "note"), ("備考",)),
    ),
}

# The order in which a longer header's keywords are tried: the most telling words first (a
# consent question may mention e-mail; "得意分野" is a skill before it is an interest).
_KEYWORD_ORDER: dict[str, tuple[str, ...]] = {
    TALENT: (
        "consent",
        "email",
        "recruitment_channel",
        "applied_on",
        "affiliation",
        "residence",
        "skills",
        "interests",
        "status",
        "name",
        "note",
    ),
    COMPANY: ("name", "employees", "industry", "address", "representative", "partner", "note"),
}
_NOT_A_NAME = ("フリガナ", "ふりがな", "カナ", "ローマ字", "kana")
# The registry's own export has a consent column (○ or empty) that names no purpose: it is not
# an application form's consent question, so it is not guessed (it can still be chosen).
_OWN_CONSENT_LABEL = "talent.field.consent"

_CONSENT_GIVEN = {
    "同意する", "同意します", "同意", "同意済", "同意済み", "同意しました", "はい", "yes", "y",
    "true", "1", "✓", "✔", "☑", "○", "〇", "◯", "済", "agree", "agreed", "iagree", "ok",
}  # fmt: skip
_CONSENT_REFUSED = {
    "同意しない", "同意しません", "同意しなかった", "不同意", "いいえ", "no", "n", "false", "0",
    "×", "✗", "✕", "disagree",
}  # fmt: skip

# Words that suggest a talent type when a value is not one of the five exactly (the person
# confirms every suggestion). Tried in this order: a セキュリティエンジニア is a security
# specialist before an engineer.
_SKILL_WORDS: dict[SkillType, tuple[str, ...]] = {
    SkillType.SECURITY: ("セキュリティ", "security"),
    SkillType.DATA_SCIENTIST: ("データサイエンティスト", "データサイエンス", "datascien"),
    SkillType.UX_DESIGNER: ("ui/ux", "uiux", "uxデザイ", "uiデザイ", "デザイナー", "designer"),
    SkillType.ENGINEER: ("エンジニア", "オペレータ", "engineer", "operator"),
    SkillType.BUSINESS_ARCHITECT: ("ビジネスアーキテクト", "businessarchitect", "アーキテクト"),
}
_STATUS_WORDS: dict[TalentStatus, tuple[str, ...]] = {
    TalentStatus.APPLIED: ("応募済", "応募中", "新規", "登録"),
    TalentStatus.ACTIVE: ("参加", "活動中"),
    TalentStatus.PAUSED: ("休止中", "保留", "中断"),
    TalentStatus.WITHDRAWN: ("辞退済", "取り下げ", "取下げ", "キャンセル"),
}
_NEGATION = ("不", "未", "非", "not")
_NEGATION_AFTER = ("しない", "しません", "なし", "無し", "ではない")
_CLOSE = 0.6  # how alike (difflib's ratio) a value must be to a type's name to suggest it
# A cell of a talent-type column may list several, as a form's checkboxes do: 「エンジニア,
# デザイナー」. Not split at "/" nor "・": UI/UX, エンジニア・オペレータ.
_PARTS = re.compile(r"[、，,;；\n]+")
VALUE_FIELDS: dict[str, tuple[str, ...]] = {TALENT: ("skills", "status"), COMPANY: ()}
MULTIPLE = frozenset({"skills"})  # a value of these may stand for several codes
# A date, then perhaps a weekday, a time (with 午前/午後 or am/pm on either side) and a time
# zone: 2026/05/08 21:14, 2026/5/8 9:03:00, 2026/05/09 午後 4:02:11, 2026/05/09 15:25:43 GMT+9,
# 2026年5月8日(金) 21時14分. The date is what is kept: a form's time stamp is local time.
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"\s*(?:[(（][^)）]{1,3}[)）])?"
    r"(?:(?:\s+|t)(?:(?:午前|午後|am|pm)\s*)?\d{1,2}\s*[:時]\s*\d{1,2}\s*分?"
    r"(?::\d{1,2}(?:\.\d+)?|\s*\d{1,2}\s*秒)?(?:\s*(?:午前|午後|am|pm))?)?"
    r"(?:\s*(?:z|(?:gmt|utc|jst)?\s*[+-]\s*\d{1,2}(?::?\d{2})?|gmt|utc|jst))?$"
)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # an Excel date serial, as a CSV of Excel may hold
_SERIAL_RANGE = (20_000, 80_000)  # 1954 to 2119: a serial, not a year or a postal code
_EXCEL_EPOCH = date(1899, 12, 30)


class FormulaWithoutValue(str):
    """An .xlsx cell holding a formula whose result was never saved: empty text that knows it
    is not an empty cell."""

    formula: str

    def __new__(cls, formula: str) -> FormulaWithoutValue:
        cell = super().__new__(cls, "")
        cell.formula = formula
        return cell


@dataclass
class PreviewRow:
    line: int  # the row's number in the spreadsheet: the header is line 1
    values: dict[str, str]  # what would be stored, tidied
    errors: list[InputError] = field(default_factory=list)
    data: TalentInput | CompanyInput | None = None
    changes: list[InputError] = field(default_factory=list)  # what was tidied, as messages
    consent: str = ""  # the purpose consent was given for ("" when there is no consent column)


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

    @property
    def changed(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.changes]


@dataclass(frozen=True)
class RefusedRow:
    """A row valid in the preview but refused when written (the registry changed meanwhile)."""

    line: int
    errors: tuple[InputError, ...]


@dataclass(frozen=True)
class BatchResult:
    next_index: int  # index into `preview.valid` of the first row not handled yet
    created: int
    refused: tuple[RefusedRow, ...]
    last_line: int  # the file's line of the last row handled


@dataclass(frozen=True)
class ImportProgress:
    """Where an import stands after a committed batch: everything counted here is written."""

    done: int  # valid rows handled (created or refused)
    total: int  # valid rows of the preview
    created: int
    refused: tuple[RefusedRow, ...]
    last_line: int
    batches: int
    batch_seconds: float  # how long the last batch's transaction took

    @property
    def finished(self) -> bool:
        return self.done >= self.total


@dataclass(frozen=True)
class ImportSummary:
    created: int
    skipped: int


# --- reading -------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Full-width letters and digits as half-width (ＡＢＣ１ → ABC1), lower-case, trimmed."""
    return unicodedata.normalize("NFKC", str(text)).strip().lower()


def _normal(text: str) -> str:
    return re.sub(r"[\s_（）()「」【】・:：?？]", "", _fold(text))


def _labels(fields: tuple[ImportField, ...]) -> dict[str, str]:
    """Every header a field answers to: its aliases and its label in both languages."""
    names: dict[str, str] = {}
    for f in fields:
        for alias in (*f.aliases, translate(f.label_key, "ja"), translate(f.label_key, "en")):
            names.setdefault(_normal(alias), f.key)
    return names


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's rows as text (blank cells ""); InputError when it cannot be used.

    A formula cell of an .xlsx without a saved result is a `FormulaWithoutValue`.
    """
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
            frame = _read_xlsx(data)
        else:
            raise InputError("import.error.format")
    except InputError:
        raise
    except Exception as error:  # a damaged file: say so, never a traceback
        raise InputError("import.error.unreadable") from error
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame[[c for c in frame.columns if c and not c.startswith("Unnamed:")]]
    frame = frame[
        frame.apply(
            lambda row: any(str(v).strip() or isinstance(v, FormulaWithoutValue) for v in row),
            axis=1,
        )
    ]
    if frame.empty or not len(frame.columns):
        raise InputError("import.error.empty")
    if len(frame) > MAX_ROWS:
        raise InputError("import.error.too_many", maximum=MAX_ROWS)
    return frame.reset_index(drop=True)


def _read_xlsx(data: bytes) -> pd.DataFrame:
    """The first sheet, with the results Excel saved for formulas (`data_only`); the formulas
    themselves are read too, to tell a formula without a result from an empty cell."""
    from openpyxl import load_workbook

    values_book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formula_book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        rows: list[list[Any]] = []
        for cached, written in zip_longest(
            values_book.worksheets[0].iter_rows(values_only=True),
            formula_book.worksheets[0].iter_rows(values_only=True),
            fillvalue=(),
        ):
            row: list[Any] = []
            for value, source in zip_longest(cached, written):
                if value is None and _is_formula(source):
                    row.append(FormulaWithoutValue(str(getattr(source, "text", source))))
                else:
                    row.append(_cell_text(value))
            rows.append(row)
    finally:
        values_book.close()
        formula_book.close()
    if not rows:
        return pd.DataFrame()
    width = max(len(row) for row in rows)
    header = [str(c) for c in rows[0]] + [""] * (width - len(rows[0]))
    names: list[str] = []
    for index, name in enumerate(header):
        name = name.strip() or f"Unnamed: {index}"
        unique, n = name, 0
        while unique in names:
            n += 1
            unique = f"{name}.{n}"
        names.append(unique)
    body = [row + [""] * (width - len(row)) for row in rows[1:]]
    return pd.DataFrame(body, columns=names, dtype=object)


def _is_formula(source: Any) -> bool:
    if isinstance(source, str):
        return source.startswith("=")
    return source is not None and "Formula" in type(source).__name__  # array / table formulas


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def guess_mapping(kind: str, columns: list[str]) -> dict[str, str | None]:
    """Field key → the column that seems to hold it (None when no header fits).

    A header that is a field's name wins; the other headers are then read for keywords, each
    field taking the first column that mentions it; a weak keyword (得意, said of skills and of
    interests alike) is read last, so 「関心のあること・得意なこと」 is an interest and
    「得意分野（あてはまるものをすべて選択）」 the talent type, in whichever order they come.
    """
    fields = {f.key: f for f in FIELDS[kind]}
    names = _labels(FIELDS[kind])
    mapping: dict[str, str | None] = dict.fromkeys(fields)
    own_consent = {_normal(translate(_OWN_CONSENT_LABEL, lang)) for lang in ("ja", "en")}
    left: list[str] = []
    for column in columns:
        key = names.get(_normal(column))
        if key and mapping[key] is None:
            mapping[key] = column
        else:
            left.append(column)
    for strength in ("keywords", "weak"):
        for column in list(left):
            header = _normal(column)
            if header in own_consent:
                continue
            for key in _KEYWORD_ORDER[kind]:
                if mapping[key] is not None:
                    continue
                if key == "name" and any(_normal(word) in header for word in _NOT_A_NAME):
                    continue
                if any(_normal(word) in header for word in getattr(fields[key], strength)):
                    mapping[key] = column
                    left.remove(column)
                    break
    return mapping


# --- one row -------------------------------------------------------------------------------------


def _date(text: str, today: date) -> date:
    """2026-05-08, 2026/5/8, 2026年5月8日, a form's time stamp (2026/05/08 21:14,
    2026/5/8 9:03:00, 2026/05/09 午後 4:02:11 GMT+9), an ISO date-time (an explicit offset is
    read in Japan's time) or an Excel date serial (46150)."""
    if not text:
        return today
    folded = _fold(text)
    if "-" in folded and ":" in folded:
        try:
            moment = datetime.fromisoformat(folded.upper())
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                moment = moment.astimezone(JST)
            return moment.date()
    if _SERIAL.match(folded) and _SERIAL_RANGE[0] <= float(folded) < _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + timedelta(days=int(float(folded)))
    found = _DATE.match(folded)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            pass
    raise InputError("import.error.date", value=text)


def value_key(text: str) -> str:
    """How a value of a fixed vocabulary is compared: folded, without spaces (ｴﾝｼﾞﾆｱ and
    エンジニア are one value)."""
    return re.sub(r"\s+", "", _fold(text))


def value_codes(field_key: str) -> tuple[str, ...]:
    """The codes a value of `field_key` can be read as (SkillType or TalentStatus values)."""
    return tuple(str(c) for c in (SkillType if field_key == "skills" else TalentStatus))


def value_label_key(field_key: str, code: str) -> str:
    """The catalog key naming a code of `field_key` (エンジニア・オペレータ, 参加中 …)."""
    return f"enum.skill.{code}" if field_key == "skills" else f"enum.talent_status.{code}"


@lru_cache(maxsize=64)
def _names(field_key: str, code: str) -> tuple[str, ...]:
    """A code's names: itself, its label in either language (and, for a talent type, the
    guideline's wording of B-3)."""
    label = value_label_key(field_key, code)
    names = [code, translate(label, "ja"), translate(label, "en")]
    if field_key == "skills":
        names.append(skill_label(code))
    return tuple(dict.fromkeys(value_key(n) for n in names))


def _exact(field_key: str, key: str) -> str | None:
    """The code a value names exactly (its code or its label in either language)."""
    return next((c for c in value_codes(field_key) if key in _names(field_key, c)), None)


def suggest(field_key: str, value: str) -> tuple[str, ...]:
    """The nearest codes for a value that names none exactly: a known word (within a talent
    type: 「セキュリティエンジニア」; a whole status: 「参加」), else the most alike name (difflib);
    () for none."""
    key = value_key(value)
    exact = _exact(field_key, key)
    if exact:
        return (exact,)
    words: dict[str, tuple[str, ...]] = {
        str(code): tuple(value_key(w) for w in found)
        for code, found in (_SKILL_WORDS if field_key == "skills" else _STATUS_WORDS).items()
    }
    for code, found in words.items():
        if key in found or (field_key in MULTIPLE and any(w in key for w in found)):
            return (code,)
    if key.startswith(_NEGATION) or key.endswith(_NEGATION_AFTER):
        return ()  # 不参加 is not 参加中, however alike they look
    candidates = {
        name: code
        for code in value_codes(field_key)
        for name in (*_names(field_key, code), *words.get(code, ()))
    }
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=_CLOSE)
    return (candidates[close[0]],) if close else ()


def _parts(field_key: str, text: str) -> list[str]:
    if field_key not in MULTIPLE:
        return [text.strip()] if text.strip() else []
    return [part.strip() for part in _PARTS.split(text) if part.strip()]


@dataclass(frozen=True)
class ValueChoice:
    """A value of a fixed vocabulary that the file writes differently from the app: read the
    same way on every row once the person has confirmed what it stands for."""

    field: str  # "skills" or "status"
    key: str  # the value as compared (`value_key`): what a confirmed mapping is keyed by
    value: str  # as first written in the file
    rows: int  # how many rows give it
    suggested: tuple[str, ...]  # the nearest codes; () when none is near

    @property
    def several(self) -> bool:
        return self.field in MULTIPLE


# field → value key → the codes the person confirmed (several for a talent type; () for none)
ValueMap = dict[str, dict[str, tuple[str, ...]]]


def value_choices(
    kind: str, frame: pd.DataFrame, mapping: dict[str, str | None]
) -> list[ValueChoice]:
    """Each distinct value of a mapped fixed-vocabulary column (人材タイプ, 状況) that names no
    code exactly, with the nearest codes suggested: the person confirms them once for the file."""
    choices: list[ValueChoice] = []
    for field_key in VALUE_FIELDS[kind]:
        column = mapping.get(field_key)
        if not column or column not in frame.columns:
            continue
        seen: dict[str, list[Any]] = {}  # key → [first spelling, rows]
        for cell in frame[column]:
            keys_in_row: set[str] = set()
            for part in _parts(field_key, "" if cell is None else str(cell)):
                key = value_key(part)
                if _exact(field_key, key) or key in keys_in_row:
                    continue
                keys_in_row.add(key)
                seen.setdefault(key, [part, 0])[1] += 1
        choices += [
            ValueChoice(field_key, key, value, rows, suggest(field_key, value))
            for key, (value, rows) in seen.items()
        ]
    return choices


def suggested_values(choices: list[ValueChoice]) -> ValueMap:
    """The mapping the suggestions make, as if the person confirmed each of them."""
    values: ValueMap = {}
    for choice in choices:
        values.setdefault(choice.field, {})[choice.key] = choice.suggested
    return values


def _codes(field_key: str, part: str, values: ValueMap) -> tuple[str, ...] | None:
    """The codes a value stands for: its exact code, else what was confirmed for it (None when
    the value is not in the confirmed mapping)."""
    key = value_key(part)
    exact = _exact(field_key, key)
    if exact:
        return (exact,)
    confirmed = values.get(field_key, {})
    return tuple(confirmed[key]) if key in confirmed else None


def _status(text: str, values: ValueMap) -> TalentStatus:
    if not text.strip():
        return TalentStatus.APPLIED
    codes = _codes("status", text.strip(), values)
    if codes:
        return TalentStatus(codes[0])
    raise InputError("import.error.status", value=text)


def _skills(
    text: str, values: ValueMap
) -> tuple[tuple[SkillType, ...], list[str], list[InputError]]:
    """The talent types a skills cell names, the words confirmed to name none (kept in
    interests), and the values the confirmed mapping does not know."""
    found: list[SkillType] = []
    other: list[str] = []
    errors: list[InputError] = []
    for part in _parts("skills", text):
        codes = _codes("skills", part, values)
        if codes is None:
            errors.append(InputError("import.error.skill", value=part))
        elif codes:
            found += [SkillType(c) for c in codes]
        else:
            other.append(part)
    return tuple(dict.fromkeys(found)), other, errors


def _consent(text: str) -> bool | None:
    """True when the answer gives consent, False when it refuses, None when it cannot be read."""
    folded = re.sub(r"[\s。.!！]", "", _fold(text))
    if not folded:
        return False
    if folded in _CONSENT_REFUSED or "同意しない" in folded or "同意しません" in folded:
        return False
    if folded in _CONSENT_GIVEN or folded.endswith(("同意します", "同意する", "同意しました")):
        return True
    return None


def _tidy(
    kind: str, record: dict[str, Any], mapping: dict[str, str | None]
) -> tuple[dict[str, str], list[InputError], list[InputError]]:
    """The row's values trimmed (an e-mail address also half-width), what was changed, and the
    formula cells that have no saved result."""
    labels = {f.key: f.label_key for f in FIELDS[kind]}
    values: dict[str, str] = {}
    changes: list[InputError] = []
    errors: list[InputError] = []
    for key, column in mapping.items():
        cell = record.get(column, "") if column else ""
        if isinstance(cell, FormulaWithoutValue):
            errors.append(
                InputError("import.error.formula", field=Label(labels[key]), formula=cell.formula)
            )
        text = "" if cell is None else str(cell)
        value = text.strip()
        if value != text and value:
            changes.append(InputError("import.changed.spaces", field=Label(labels[key])))
        if key == "email":
            folded = unicodedata.normalize("NFKC", value).strip()
            if folded != value:
                changes.append(InputError("import.changed.email_width"))
            value = folded
        values[key] = value
    return values, changes, errors


def _talent(
    values: dict[str, str], today: date, consent_column: str | None, confirmed: ValueMap
) -> tuple[TalentInput, list[InputError], list[InputError], str]:
    """The person a row gives, every problem with what was typed, what was tidied, and the
    purpose of the consent it gives ("" for none)."""
    errors: list[InputError] = []
    changes: list[InputError] = []
    applied_on, status = today, TalentStatus.APPLIED
    try:
        applied_on = _date(values.get("applied_on", ""), today)
    except InputError as error:
        errors.append(error)
    try:
        status = _status(values.get("status", ""), confirmed)
    except InputError as error:
        errors.append(error)
    skills, other, unknown = _skills(values.get("skills", ""), confirmed)
    errors += unknown
    interests = values.get("interests", "")
    if other:
        kept = "、".join(other)
        interests = f"{interests}\n{kept}" if interests else kept
        changes.append(InputError("import.changed.skills_kept", words=kept))
    consent = ""
    if consent_column:
        answer = values.get("consent", "")
        given = _consent(answer)
        if given:
            consent = consent_column.strip()
            if len(consent) > SCOPE_MAX:
                errors.append(InputError("import.error.consent_too_long", maximum=SCOPE_MAX))
        elif given is None:
            errors.append(InputError("import.error.consent_unknown", value=answer))
        elif answer:
            errors.append(InputError("import.error.consent_refused", value=answer))
        else:
            errors.append(InputError("import.error.consent_missing"))
    data = TalentInput(
        name=values.get("name", ""),
        email=values.get("email", ""),
        affiliation=values.get("affiliation", ""),
        residence=values.get("residence", ""),
        recruitment_channel=values.get("recruitment_channel", ""),
        interests=interests,
        note=values.get("note", ""),
        applied_on=applied_on,
        status=status,
        skills=skills,
    ).cleaned()
    return data, errors, changes, consent


def _employees(text: str) -> int | None:
    """A head count: a whole number from 0 to EMPLOYEES_MAX (1,200, 45名 and 1.2e3 read)."""
    folded = _fold(text).replace(",", "").removesuffix("名").removesuffix("人").strip()
    if not folded:
        return None
    try:
        number = Decimal(folded)
    except InvalidOperation:
        number = None
    if (
        number is None
        or not number.is_finite()
        or number != number.to_integral_value()
        or not 0 <= number <= EMPLOYEES_MAX
    ):
        raise InputError("import.error.employees", value=text, maximum=f"{EMPLOYEES_MAX:,}")
    return int(number)


def _company(
    values: dict[str, str], partners: dict[str, int]
) -> tuple[CompanyInput, list[InputError]]:
    errors: list[InputError] = []
    employees: int | None = None
    try:
        employees = _employees(values.get("employees", ""))
    except InputError as error:
        errors.append(error)
    partner_name = " ".join(values.get("partner", "").split())
    partner_id = partners.get(partner_name) if partner_name else None
    if partner_name and partner_id is None:
        errors.append(InputError("import.error.partner", value=partner_name))
    data = CompanyInput(
        name=values.get("name", ""),
        industry=values.get("industry", ""),
        employees=employees,
        address=values.get("address", ""),
        representative=values.get("representative", ""),
        partner_id=partner_id,
        note=values.get("note", ""),
    ).cleaned()
    return data, errors


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
    values: ValueMap | None = None,
) -> ImportPreview:
    """Every row with what it would store, what was tidied and every problem with it, each
    problem naming its column; nothing is written.

    `values` is the confirmed reading of the values of fixed vocabularies (`value_choices`);
    without it the suggestions are taken as they are. A value it does not know is an error.
    """
    programme = require_programme(session, actor, programme_id)
    for f in FIELDS[kind]:
        if f.required and not mapping.get(f.key):
            raise InputError("import.error.unmapped", field=translate(f.label_key))
    if values is None:
        values = suggested_values(value_choices(kind, frame, mapping))
    consent_column = mapping.get("consent") if kind == TALENT else None
    partners = {
        p.name: p.id
        for p in session.exec(
            select(PartnerInstitution).where(PartnerInstitution.region_id == programme.region_id)
        )
    }
    seen: dict[str, int] = {}
    rows: list[PreviewRow] = []
    for index, record in enumerate(frame.to_dict("records")):
        tidied_values, changes, errors = _tidy(kind, record, mapping)
        row = PreviewRow(line=index + 2, values=tidied_values, changes=changes)
        data: TalentInput | CompanyInput
        if kind == TALENT:
            data, problems, tidied, row.consent = _talent(row.values, today, consent_column, values)
            row.changes += tidied
            checked = check_talent(session, programme_id, data)
        else:
            data, problems = _company(row.values, partners)
            checked = check_company(session, programme_id, data)
        row.data = data
        row.errors = errors + problems + checked
        if data.name:
            identity = _identity(data)
            if identity in seen:
                row.errors.append(InputError("import.error.duplicate_in_file", line=seen[identity]))
            else:
                seen[identity] = row.line
        for error in row.errors:
            _locate(error, kind, data, mapping)
        rows.append(row)
    return ImportPreview(kind=kind, rows=rows)


_ERROR_FIELDS = {
    "talent.error.name_required": "name",
    "talent.error.name_too_long": "name",
    "talent.error.duplicate_name": "name",
    "talent.error.email_malformed": "email",
    "talent.error.duplicate_email": "email",
    "import.error.date": "applied_on",
    "import.error.status": "status",
    "import.error.skill": "skills",
    "import.error.consent_refused": "consent",
    "import.error.consent_missing": "consent",
    "import.error.consent_unknown": "consent",
    "import.error.consent_too_long": "consent",
    "company.error.name_required": "name",
    "company.error.name_too_long": "name",
    "company.error.duplicate": "name",
    "company.error.employees": "employees",
    "import.error.employees": "employees",
    "company.error.partner": "partner",
    "import.error.partner": "partner",
}


def _locate(
    error: InputError, kind: str, data: TalentInput | CompanyInput, mapping: dict[str, str | None]
) -> None:
    """Name the file's column an error is about (`error.params["column"]`), where one is."""
    key = _ERROR_FIELDS.get(error.key)
    if error.key == "import.error.duplicate_in_file":
        key = "email" if isinstance(data, TalentInput) and data.email else "name"
    elif key is None and isinstance(error.params.get("field"), Label):
        label = str(error.params["field"])
        key = next((f.key for f in FIELDS[kind] if f.label_key == label), None)
        if key is None and ".field." in label:
            key = label.rsplit(".field.", 1)[1]
    column = mapping.get(key) if key else None
    if column:
        error.params["column"] = column


# --- writing -------------------------------------------------------------------------------------


def write_batch(
    session: Session,
    actor: Actor,
    programme_id: int,
    preview: ImportPreview,
    start: int = 0,
    *,
    size: int = BATCH_ROWS,
    seconds: float = BATCH_SECONDS,
) -> BatchResult:
    """Write valid rows from `preview.valid[start]` on: at most `size` rows, and no new row once
    `seconds` have passed. Each row is checked again (the registry may have changed since the
    preview); a row refused now is reported and the others are still written. A consent given in
    the file is recorded through the audited consent path. One audit row names the batch."""
    programme = require_programme(session, actor, programme_id, write=True)
    # Held for the batch: the session keeps loaded rows only while something refers to them,
    # and every row's access check reads the region again otherwise.
    region = session.get(Region, programme.region_id)
    rows = preview.valid
    began = time.monotonic()
    created, index = 0, start
    refused: list[RefusedRow] = []
    while index < len(rows) and index - start < size:
        if index > start and time.monotonic() - began > seconds:
            break
        row = rows[index]
        index += 1
        try:
            with session.begin_nested():
                if preview.kind == TALENT:
                    talent = create_talent(session, actor, programme_id, row.data)  # type: ignore[arg-type]
                    if row.consent:
                        grant_consent(
                            session,
                            actor,
                            talent.id,
                            row.consent,
                            row.data.applied_on,  # type: ignore[union-attr]
                        )
                else:
                    create_company(session, actor, programme_id, row.data)  # type: ignore[arg-type]
            created += 1
        except InvalidInput as error:
            refused.append(RefusedRow(row.line, tuple(error.errors)))
        except InputError as error:
            refused.append(RefusedRow(row.line, (error,)))
    first = rows[start].line if start < len(rows) else 0
    last = rows[index - 1].line if index > start else first
    if index > start:
        audit.record(
            session,
            actor.username,
            f"{preview.kind}.import.batch",
            target=f"programme:{programme_id}",
            region_id=programme.region_id,
            detail=f"lines {first}-{last}: {created} created, {len(refused)} refused",
        )
    del region
    return BatchResult(next_index=index, created=created, refused=tuple(refused), last_line=last)


def finish_import(
    session: Session, actor: Actor, programme_id: int, preview: ImportPreview, created: int
) -> ImportSummary:
    """The audit row of a whole import, written after its last batch."""
    programme = require_programme(session, actor, programme_id, write=True)
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


def import_batches(
    actor: Actor,
    programme_id: int,
    preview: ImportPreview,
    *,
    size: int = BATCH_ROWS,
    seconds: float = BATCH_SECONDS,
    url: str | None = None,
) -> Iterator[ImportProgress]:
    """Write the preview's valid rows one transaction per batch, yielding after each commit.

    The caller drives it (a progress bar between batches) and may stop at any yield: what was
    yielded last is exactly what is written. An error in a batch rolls back that batch only and
    is raised; the batches before it stay written (see the module's note).
    """
    total = len(preview.valid)
    start, created, batches = 0, 0, 0
    refused: list[RefusedRow] = []
    last_line = 0
    sqlite = False
    while True:
        began = time.monotonic()
        with session_scope(write=True, url=url) as session:
            sqlite = session.get_bind().dialect.name == "sqlite"
            result = write_batch(
                session, actor, programme_id, preview, start, size=size, seconds=seconds
            )
            if result.next_index >= total:
                finish_import(session, actor, programme_id, preview, created + result.created)
        held = time.monotonic() - began
        start = result.next_index
        created += result.created
        refused += result.refused
        last_line = result.last_line or last_line
        batches += 1
        progress = ImportProgress(
            done=start,
            total=total,
            created=created,
            refused=tuple(refused),
            last_line=last_line,
            batches=batches,
            batch_seconds=held,
        )
        yield progress
        if progress.finished:
            return
        if sqlite:  # let a writer waiting on the lock in before the next batch takes it
            time.sleep(PAUSE_SECONDS)


def commit_import(
    session: Session, actor: Actor, programme_id: int, preview: ImportPreview
) -> ImportSummary:
    """Write the preview's valid rows in the caller's one transaction (a script, a test). The
    app writes through `import_batches`, which never holds the write lock for the whole file."""
    start, created = 0, 0
    require_programme(session, actor, programme_id, write=True)
    while start < len(preview.valid):
        result = write_batch(session, actor, programme_id, preview, start, seconds=float("inf"))
        start, created = result.next_index, created + result.created
    return finish_import(session, actor, programme_id, preview, created)
