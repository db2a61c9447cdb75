"""In a real browser: a Google-Forms export with a refused consent, imported under a progress bar
(#11 items 10 and 12)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, wait_signed_in, wait_until_idle

pytestmark = pytest.mark.e2e

CONSENT = "個人情報の取扱いに同意します"
ROWS = 1500
REFUSED_LINE = 3  # the header is line 1


def _form_export() -> bytes:
    """What a Google Form's answers look like when downloaded as CSV: one person refused."""
    lines = [
        "タイムスタンプ,メールアドレス,お名前,ご所属（会社名・団体名）,お住まいの都道府県,"
        f"スキル・得意分野,関心のあること,この募集を知ったきっかけ,{CONSENT}"
    ]
    for i in range(ROWS):
        answer = "同意しない" if i + 2 == REFUSED_LINE else "同意します"
        lines.append(
            f"2026/05/08 21:14,form{i}@example.jp,フォーム 応募者{i},会社{i},東京都,"
            f"データサイエンティスト,観光DX,AIクエストの案内,{answer}"
        )
    return ("\n".join(lines) + "\n").encode()


def test_a_form_export_names_the_refused_row_and_imports_the_rest_under_a_progress_bar(
    server, page, screenshot
) -> None:
    sign_in(page, server.url, "staff")
    wait_signed_in(page)
    page.get_by_role("link", name="人材台帳").click()
    expect(page.get_by_role("heading", name="人材台帳")).to_be_visible()
    wait_until_idle(page)
    page.get_by_role("tab", name="取り込み").click()
    wait_until_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "フォームの回答.csv", "mimeType": "text/csv", "buffer": _form_export()}]
    )
    refusal = (
        f"{REFUSED_LINE}行目：「{CONSENT}」列：同意の欄が「同意しない」です。"
        "同意のない人は登録できません。"
    )
    expect(page.get_by_text(refusal).first).to_be_visible()
    expect(page.get_by_text(f"「{CONSENT}」の列を同意の欄として読みます").first).to_be_visible()
    wait_until_idle(page)
    screenshot(page, "talent_import_form_preview")
    page.get_by_role("button", name=f"{ROWS - 1}行を取り込む").click()
    bar = page.locator("[data-testid='stProgress']")
    expect(bar).to_be_visible()
    expect(page.get_by_text("取り込んでいます…").first).to_be_visible()
    screenshot(page, "talent_import_form_progress")
    expect(page.get_by_text(f"{ROWS - 1}件を登録しました").first).to_be_visible(timeout=180_000)
    wait_until_idle(page)
    expect(bar).to_have_count(0)
    screenshot(page, "talent_import_form_done")
    page.get_by_role("tab", name="一覧").click()
    page.get_by_role("textbox", name="検索").fill("フォーム 応募者1499")
    page.get_by_role("textbox", name="検索").press("Enter")
    wait_until_idle(page)
    expect(page.get_by_text("1件中 1〜1件目")).to_be_visible()
