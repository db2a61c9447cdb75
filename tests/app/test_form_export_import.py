"""Importing a real application-form export on the talent page (#17 item 1): upload, the
columns guessed from the usual headers, the values confirmed once, 14 of 15 rows imported."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import func, select

from colead.db import session_scope
from colead.i18n import translate
from colead.models import Talent
from colead.ui.talent_page import TAB as TALENT_TAB
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

FORM = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "form_export.csv"


def _people(programme_id: int) -> int:
    with session_scope() as s:
        return s.exec(
            select(func.count()).select_from(Talent).where(Talent.programme_id == programme_id)
        ).one()


def _run(at):  # type: ignore[no-untyped-def]
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def test_a_form_export_imports_14_of_15_rows_after_one_confirmation(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    at.switch_page("pages/talent.py")
    at.session_state[TALENT_TAB] = translate("talent.tab.import", "ja")
    _run(at)
    programme_id = at.session_state["colead_programme_id"]
    before = _people(programme_id)

    at.file_uploader[0].set_value((FORM.name, FORM.read_bytes(), "text/csv"))
    _run(at)
    guessed = {box.label.rstrip(" *"): box.value for box in at.selectbox}
    assert guessed["人材タイプ"] == "得意分野（あてはまるものをすべて選択）"
    assert guessed["関心・得意分野"] == "関心のあること・得意なこと"
    assert guessed["所属"] == "ご所属"
    assert guessed["募集チャネル"] == "この募集を知ったきっかけ"
    assert guessed["応募日"] == "タイムスタンプ"
    # The values are offered with the nearest type; nothing can be imported before confirming.
    offered = {box.label: box.value for box in at.multiselect}
    assert offered["人材タイプ「エンジニア」（7行）"] == ["engineer"]
    assert offered["人材タイプ「デザイナー」（2行）"] == ["ux_designer"]
    assert "値の対応（5件）を確認して" in visible_text(at)
    assert not [b for b in at.button if b.label.endswith("行を取り込む")]

    next(b for b in at.form_submit_button if b.label == "この対応で読む").click()
    _run(at)
    text = visible_text(at)
    assert "15行のうち 14行を取り込めます。1行にエラーがあります" in text
    errors = "\n".join(str(e.value) for e in at.error)
    for said in (
        "16行目：「タイムスタンプ」列：日付「先週」を読み取れません",
        "「お名前」列：氏名を入力してください。",
        "「メールアドレス」列：メールアドレスの形式が正しくありません",
        "「個人情報の取り扱いについて」列：同意の欄が「同意しない」です。",
    ):
        assert said in errors, errors

    next(b for b in at.button if b.label == "14行を取り込む").click()
    _run(at)
    assert "14件を登録しました（取り込まなかった行：1件）。" in visible_text(at)
    assert _people(programme_id) == before + 14
