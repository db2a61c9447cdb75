"""The 活動実績の証明書 (certificate of activity) as a PDF: pure rendering, no database.

A4 portrait, in Japanese: title, number and issue date, the person, the statement, a table of
the verified activities (日付 | 活動内容; long lists continue on further pages with the header
repeated), the issuer, and page numbers. The Japanese font is embedded as a subset, so the file
reads the same on any computer and its text can be extracted (search, screen readers, tests).

The same content always gives the same bytes: the creation date is the issue date (midnight in
Japan) and fpdf2 derives the file id from the content, so a reprinted certificate is identical.
"""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from colead.i18n import JST, format_date, reiwa_year, translate

FONT_ENV = "COLEAD_PDF_FONT"
FONT_FAMILY = "colead-ja"
MISSING = "〓"  # 下駄記号: the Japanese printer's mark for a character that cannot be set
LANG = "ja"  # a certificate is an official Japanese document, whatever the screen language

MARGIN = 20.0  # mm
LINE = 7.0  # mm, table line height
GREY = (90, 90, 90)
COLUMNS = (24, 76)  # 日付 | 活動内容, as fractions of the width
CELL_PADDING = (1.2, 2.5)  # mm, vertical and horizontal

# Japanese line breaking (禁則処理): no line starts with closing brackets, punctuation, the
# prolonged sound mark or small kana, and none ends with an opening bracket.
NO_LINE_START = set(
    "、。，．,.・：；:;？！?!ー―…‥々ゝゞヽヾ」』）］｝〕〉》】〙〗)]}"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = set("「『（［｛〔〈《【〘〖([{")
# A run of Latin letters and digits ("Co-LEAD", "2026") is kept on one line when it fits.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-.,'/:&][A-Za-z0-9]+)*|\s|.", re.DOTALL)


class FontNotFound(RuntimeError):
    """No TrueType font with Japanese glyphs to embed: the certificate cannot be drawn."""


@dataclass(frozen=True)
class CertificateLine:
    day: date
    text: str


@dataclass(frozen=True)
class CertificateContent:
    number: str  # e.g. 2026-0001
    issued_on: date
    person_name: str
    region: str  # e.g. 北海道 釧路市
    programme: str  # the programme's name (document metadata)
    fiscal_year: int  # of the programme, e.g. 2026 → 令和8年度
    activities: Sequence[CertificateLine]
    issuer: str  # e.g. 釧路市 ふるさとCo-LEADプログラム事務局


def japanese_font_path() -> Path:
    """The TrueType font to embed: $COLEAD_PDF_FONT, else the IPAexGothic (ipaexg.ttf) that
    japanize-matplotlib ships.

    The package is located without importing it (importing it would load matplotlib).
    """
    configured = os.environ.get(FONT_ENV, "").strip()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise FontNotFound(f"{FONT_ENV}={configured!r} is not a font file")
        return path
    spec = importlib.util.find_spec("japanize_matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / "ipaexg.ttf"
        if path.is_file():
            return path
    raise FontNotFound(
        "no Japanese font for PDF certificates: install japanize-matplotlib (it ships "
        f"IPAexGothic) or set {FONT_ENV} to a TrueType font with Japanese glyphs"
    )


FALLBACK_ENV = "COLEAD_PDF_FALLBACK_FONTS"
# Fonts tried after the main one, for characters IPAexGothic lacks: Noto Sans CJK JP covers
# JIS X 0213 and the supplementary ideographs (𠮷), Symbola the emoji (monochrome, embeddable).
# Both are Debian packages (fonts-noto-cjk, fonts-symbola); missing ones are skipped.
SYSTEM_FALLBACKS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),  # 0: the JP face
    ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", 0),
)


def fallback_fonts() -> list[tuple[Path, int]]:
    """(font file, face number in a collection) of each fallback font present.

    $COLEAD_PDF_FALLBACK_FONTS (paths separated by the system's path separator) replaces the
    system list, `none` switches fallbacks off; a configured path that is not a file is an
    error, as for the main font.
    """
    configured = os.environ.get(FALLBACK_ENV, "").strip()
    if configured.lower() == "none":
        return []
    if configured:
        paths = [Path(p).expanduser() for p in configured.split(os.pathsep) if p.strip()]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise FontNotFound(f"{FALLBACK_ENV}: not font files: {', '.join(missing)}")
        return [(p, 0) for p in paths]
    return [(Path(p), face) for p, face in SYSTEM_FALLBACKS if Path(p).is_file()]


def era_label(fiscal_year: int) -> str:
    """令和8年度 for fiscal year 2026; the first year of an era is written 元年."""
    year = reiwa_year(fiscal_year)
    if year == 1:
        return translate("certificate.era_first", LANG)
    return translate("certificate.era", LANG, year=year)


class _CertificatePdf(FPDF):
    def __init__(self, number: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.number = number
        self.glyphs: set[int] = set()

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT_FAMILY, size=8.5)
        self.set_text_color(*GREY)
        text = translate(
            "certificate.page", LANG, number=self.number, page=self.page_no(), pages="{nb}"
        )
        self.cell(0, 5, self.printable(text), align=Align.C)
        self.set_text_color(0, 0, 0)

    def printable(self, text: str) -> str:
        """`text` with the characters the font lacks replaced, so that a name with an emoji
        prints as 山田〓 instead of failing or silently dropping a character."""
        text = unicodedata.normalize("NFC", text)
        kept: list[str] = []
        for char in text:
            if char in "\n{}" or ord(char) in self.glyphs:
                kept.append(char)
            elif (
                unicodedata.category(char) in ("Mn", "Me", "Cf") or 0x1F3FB <= ord(char) <= 0x1F3FF
            ):
                continue  # variation selectors, zero-width joiners, skin tones of an emoji
            else:
                kept.append(MISSING)
        return "".join(kept)


def wrap_japanese(pdf: FPDF, text: str, width: float) -> str:
    """`text` with line breaks so that each line fits `width` (mm) in the current font,
    following the basic 禁則 rules; fpdf2 alone would break before a closing 」 or 。."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        for token in _TOKEN.findall(paragraph):
            if not line or pdf.get_string_width("".join(line) + token) <= width:
                if line or not token.isspace():
                    line.append(token)
                continue
            # 追い出し: carry over what may not end this line, or what would leave the next
            # line starting with a character that may not start one
            carried: list[str] = []
            while len(line) > 1 and (
                line[-1][-1] in NO_LINE_END or (carried or [token])[0][0] in NO_LINE_START
            ):
                carried.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = [*carried, token] if carried or not token.isspace() else []
        lines.append("".join(line).rstrip())
    return "\n".join(lines)


def certificate_pdf(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes (deterministic for the same content)."""
    pdf = _CertificatePdf(content.number)
    families = []
    for index, (path, face) in enumerate(fallback_fonts()):
        family = f"{FONT_FAMILY}-fallback{index}"
        pdf.add_font(family, "", str(path), collection_font_number=face)
        pdf.set_font(family, size=11)
        pdf.glyphs |= set(getattr(pdf.current_font, "cmap", {}) or {})
        families.append(family)
    pdf.add_font(FONT_FAMILY, "", str(japanese_font_path()))
    pdf.set_font(FONT_FAMILY, size=11)
    pdf.glyphs |= set(getattr(pdf.current_font, "cmap", {}) or {})
    if families:
        pdf.set_fallback_fonts(families)
    title = translate("certificate.title", LANG)
    pdf.set_title(f"{title} {content.number}")
    pdf.set_subject(content.programme)
    pdf.set_author(content.issuer)
    pdf.set_creator("Co-LEAD Workbook")
    pdf.set_producer("Co-LEAD Workbook")
    pdf.set_lang("ja-JP")
    pdf.set_creation_date(datetime.combine(content.issued_on, time(0, 0), tzinfo=JST))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    s = pdf.printable

    # number and date, top right
    pdf.set_font(size=10)
    issued = format_date(content.issued_on, LANG)
    for text in (
        translate("certificate.number", LANG, number=content.number),
        translate("certificate.issued_on", LANG, date=issued),
    ):
        pdf.cell(0, 5.5, s(text), align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # title
    pdf.ln(12)
    pdf.set_font(size=24)
    pdf.set_char_spacing(4)
    pdf.cell(0, 14, s(title), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_char_spacing(0)
    pdf.ln(12)

    # the person, underlined across half the page
    pdf.set_font(size=15)
    name = translate("certificate.addressee", LANG, name=content.person_name)
    pdf.multi_cell(pdf.epw * 0.6, 9, s(name), align=Align.L, new_x=XPos.LMARGIN)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.l_margin + pdf.epw * 0.6, pdf.get_y() + 0.5)
    pdf.ln(9)

    pdf.set_font(size=11.5)
    statement = translate(
        "certificate.statement", LANG, era=era_label(content.fiscal_year), region=content.region
    )
    statement = wrap_japanese(pdf, s(statement), pdf.epw - 0.5)
    pdf.multi_cell(0, 7.5, statement, align=Align.L, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN)
    pdf.ln(5)
    record = s(translate("certificate.record", LANG))
    pdf.cell(0, 8, record, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    # the activities
    pdf.set_font(size=10.5)
    text_width = pdf.epw * COLUMNS[1] / sum(COLUMNS) - 2 * CELL_PADDING[1] - 1.0
    with pdf.table(
        col_widths=COLUMNS,
        line_height=LINE,
        text_align=(Align.C, Align.L),
        headings_style=FontFace(emphasis="", fill_color=(228, 232, 238)),
        borders_layout=TableBordersLayout.ALL,
        wrapmode=WrapMode.CHAR,
        padding=CELL_PADDING,
        repeat_headings=1,
    ) as table:
        heading = table.row()
        heading.cell(s(translate("certificate.column.day", LANG)), align=Align.C)
        heading.cell(s(translate("certificate.column.activity", LANG)), align=Align.C)
        for line in content.activities:
            row = table.row()
            row.cell(s(format_date(line.day, LANG)))
            row.cell(wrap_japanese(pdf, s(line.text), text_width))
    pdf.ln(3)
    pdf.set_font(size=11)
    pdf.cell(0, 7, s(translate("certificate.end", LANG)), align=Align.R)
    pdf.ln(7)

    # issuer and date, kept together at the bottom of the last page
    block = 26.0
    if pdf.will_page_break(block + 8):
        pdf.add_page()
    pdf.set_y(max(pdf.get_y() + 8, pdf.h - pdf.b_margin - block))
    pdf.set_font(size=11)
    pdf.cell(0, 7, s(issued), align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=13)
    pdf.multi_cell(0, 8, s(content.issuer), align=Align.R, new_x=XPos.LMARGIN)
    return bytes(pdf.output())
