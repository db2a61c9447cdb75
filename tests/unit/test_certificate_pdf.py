"""The 活動実績の証明書 PDF: readable text, the Japanese font embedded as a subset, long lists,
characters the font lacks, and the same bytes for the same certificate."""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from colead.services import certificate_pdf as cp
from colead.services.certificate_pdf import CertificateContent, CertificateLine

ROOT = Path(__file__).resolve().parents[2]
ISSUED = date(2026, 11, 24)
LINES = (
    CertificateLine(date(2026, 6, 6), "オンラインミートアップ「釧路の中小企業と出会う夕べ」に参加"),
    CertificateLine(date(2026, 7, 18), "フィールドワークツアー「釧路湿原と水産加工の現場」に参加"),
    CertificateLine(
        date(2026, 9, 30),
        "株式会社釧路水産加工との協働プロジェクト「需要予測による仕込み量の最適化と"
        "データ基盤の整備」で中間報告会を実施",
    ),
)


def _content(**changes: object) -> CertificateContent:
    fields: dict[str, object] = {
        "number": "2026-0007",
        "issued_on": ISSUED,
        "person_name": "山田 花子",
        "region": "北海道 釧路市",
        "programme": "令和8年度 ふるさとCo-LEADプログラム（釧路市）",
        "fiscal_year": 2026,
        "activities": LINES,
        "issuer": "釧路市 ふるさとCo-LEADプログラム事務局",
    }
    fields.update(changes)
    return CertificateContent(**fields)  # type: ignore[arg-type]


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    """Extracted text without the line breaks the layout put in."""
    return text.replace("\n", "")


def test_the_certificate_text_reads_back_from_the_pdf() -> None:
    data = cp.certificate_pdf(_content())
    assert data.startswith(b"%PDF-")
    (text,) = _pages(data)
    flat = _flat(text)
    assert "活動実績の証明書" in flat
    assert "証明書番号　2026-0007" in flat
    assert "発行日　2026年11月24日" in flat
    assert "山田 花子　様" in flat
    assert (
        "あなたは、令和8年度ふるさとCo-LEADプログラム（北海道 釧路市）において、"
        "下記の活動を行ったことを証明します。" in flat
    )
    assert "日付" in flat and "活動内容" in flat
    for line in LINES:
        assert f"{line.day.year}年{line.day.month}月{line.day.day}日" in flat
        assert line.text in flat, line.text
    assert "釧路市 ふるさとCo-LEADプログラム事務局" in flat
    assert "1 / 1" in flat
    # the issue date is printed above the issuer, at the bottom, as well as at the top
    assert flat.count("2026年11月24日") == 2


def test_metadata_and_bytes_are_the_same_for_the_same_certificate() -> None:
    first = cp.certificate_pdf(_content())
    assert cp.certificate_pdf(_content()) == first
    meta = PdfReader(io.BytesIO(first)).metadata
    assert meta is not None
    assert meta.title == "活動実績の証明書 2026-0007"
    assert meta["/CreationDate"].startswith("D:20261124000000+09")
    assert cp.certificate_pdf(_content(number="2026-0008")) != first


def _fonts(data: bytes) -> list[dict]:  # type: ignore[type-arg]
    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.append(ref.get_object())
    return fonts


def test_the_japanese_font_is_embedded_as_a_subset() -> None:
    data = cp.certificate_pdf(_content())
    fonts = _fonts(data)
    assert fonts
    font_file = cp.japanese_font_path()
    for font in fonts:
        assert font["/Subtype"] == "/Type0"
        (descendant,) = [d.get_object() for d in font["/DescendantFonts"]]
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, "the TrueType font program is embedded"
        # a subset is named with a six-letter tag (PDF 32000-1, 9.6.4)
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", str(font["/BaseFont"]))
        embedded = descriptor["/FontFile2"].get_object().get_data()
        assert 0 < len(embedded) < font_file.stat().st_size / 20
        assert "/ToUnicode" in font, "text can be extracted and searched"


def test_a_long_list_continues_on_further_pages_with_the_header_repeated() -> None:
    many = [
        CertificateLine(
            date(2026, 6, 1) + timedelta(days=i), f"月次定例会「第{i + 1}回定例会」に参加"
        )
        for i in range(70)
    ]
    pages = _pages(cp.certificate_pdf(_content(activities=many)))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "活動内容" in text, f"the table header is repeated on page {number}"
        assert f"{number} / {len(pages)}" in text
        assert "証明書番号 2026-0007" in text
    everything = _flat("".join(pages))
    for line in many:
        assert line.text in everything
    assert "事務局" in pages[-1] and "事務局" not in pages[0]
    # in order: the 70th activity comes after the first, on a later page
    assert "第1回定例会" in pages[0] and "第70回定例会" in pages[-1]


def test_characters_the_font_lacks_are_replaced_not_fatal(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cp.FALLBACK_ENV, "none")  # only IPAexGothic: emoji are not in it
    content = _content(
        person_name="山田 花子😀👍🏽",
        activities=(CertificateLine(date(2026, 6, 6), "ミートアップ「AI🤖ナイト」に参加"),),
    )
    (text,) = _pages(cp.certificate_pdf(content))
    flat = _flat(text)
    assert "山田 花子〓〓　様" in flat  # the skin-tone modifier is dropped with its emoji
    assert "ミートアップ「AI〓ナイト」に参加" in flat
    assert "😀" not in flat
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_japanese_line_breaking_keeps_closing_marks_off_the_start_of_a_line() -> None:
    pdf = FPDF()
    pdf.add_font("ja", "", str(cp.japanese_font_path()))
    pdf.set_font("ja", size=10.5)
    text = "「需要予測」「在庫」、「仕込み量」。" * 6 + "Co-LEADプログラムのDX推進"
    for width in (20.0, 23.0, 31.0, 47.0):
        wrapped = cp.wrap_japanese(pdf, text, width)
        lines = wrapped.split("\n")
        assert "".join(lines) == text
        assert len(lines) > 1
        for line in lines:
            assert pdf.get_string_width(line) <= width or len(line) <= 2, (width, line)
        for before, after in itertools.pairwise(lines):
            assert after[0] not in cp.NO_LINE_START, (width, before, after)
            assert before[-1] not in cp.NO_LINE_END, (width, before, after)
            assert not (before[-1].isascii() and after[0].isascii() and after[0].isalnum()), (
                "a Latin word is not split"
            )


def test_the_era_year_of_the_programme() -> None:
    assert cp.era_label(2026) == "令和8年度"
    assert cp.era_label(2019) == "令和元年度"
    (text,) = _pages(cp.certificate_pdf(_content(fiscal_year=2019)))
    assert "令和元年度ふるさとCo-LEADプログラム" in _flat(text)


def test_the_font_is_found_without_importing_matplotlib() -> None:
    code = (
        "import sys\n"
        "from colead.services.certificate_pdf import japanese_font_path\n"
        "path = japanese_font_path()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
        "print(path.name)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "COLEAD_COOKIE_KEY": "x" * 48}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ipaexg.ttf"


def test_a_configured_font_is_used_and_a_missing_one_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    default = cp.japanese_font_path()
    monkeypatch.setenv(cp.FONT_ENV, str(default))
    assert cp.japanese_font_path() == default
    monkeypatch.setenv(cp.FONT_ENV, str(tmp_path / "no-such-font.ttf"))
    with pytest.raises(cp.FontNotFound, match=cp.FONT_ENV):
        cp.certificate_pdf(_content())


def _require_fallback_fonts() -> None:
    missing = [p for p, _ in cp.SYSTEM_FALLBACKS if not Path(p).is_file()]
    if not missing:
        return
    reason = f"fallback fonts missing: {missing} (apt-get install fonts-noto-cjk fonts-symbola)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_rare_kanji_and_emoji_print_through_the_fallback_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """𠮷 (a supplementary-plane ideograph), 髙 and 﨑 (JIS X 0213) and an emoji are not in
    IPAexGothic: the fallback fonts draw them, so nobody's name prints as 〓."""
    _require_fallback_fonts()
    monkeypatch.delenv(cp.FALLBACK_ENV, raising=False)
    content = _content(
        person_name="𠮷田 髙﨑 花子😀",
        activities=(CertificateLine(date(2026, 6, 6), "ミートアップ「𠮷日😀の会」に参加"),),
    )
    data = cp.certificate_pdf(content)
    (text,) = _pages(data)
    # pypdf reads an invisible NUL where the text switches to a fallback font's subset
    flat = _flat(text).replace("\x00", "")
    assert "〓" not in flat
    assert "𠮷田 髙﨑 花子😀　様" in flat
    assert "ミートアップ「𠮷日😀の会」に参加" in flat
    names = {str(font["/BaseFont"]).split("+", 1)[-1] for font in _fonts(data)}
    assert any("NotoSansCJK" in n for n in names) and any("Symbola" in n for n in names)


def test_configured_fallback_fonts_replace_the_system_ones(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    main = cp.japanese_font_path()
    monkeypatch.setenv(cp.FALLBACK_ENV, str(main))
    assert cp.fallback_fonts() == [(main, 0)]
    monkeypatch.setenv(cp.FALLBACK_ENV, "none")
    assert cp.fallback_fonts() == []
    monkeypatch.setenv(cp.FALLBACK_ENV, str(tmp_path / "missing.ttf"))
    with pytest.raises(cp.FontNotFound, match=cp.FALLBACK_ENV):
        cp.fallback_fonts()
