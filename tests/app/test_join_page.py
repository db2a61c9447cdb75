"""企業の応募 (/join) as a stranger sees it: the open programmes, the form, its errors (what was
typed stays), and the thanks; staff then find the company in 受付."""

from __future__ import annotations

from sqlmodel import select

from colead.db import session_scope
from colead.models import Company, OutboxMail, PartnerInstitution, Programme
from tests.app.helpers import TIMEOUT, new_app, text_input, visible_text

SLUG = "kushiro-join"


def _publish() -> int:
    with session_scope(write=True) as session:
        programme = session.exec(select(Programme).order_by(Programme.id)).first()
        programme.published = True
        programme.public_slug = SLUG
        session.add(programme)
        session.flush()
        return programme.id


def _open(slug: str | None = SLUG):  # type: ignore[no-untyped-def]
    at = new_app().run(timeout=TIMEOUT)
    if slug is not None:
        at.query_params["p"] = slug
    at.switch_page("pages/join.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _submit(at):  # type: ignore[no-untyped-def]
    next(b for b in at.button if b.label == "応募する").click()
    return at.run(timeout=TIMEOUT)


def test_without_a_slug_the_open_programmes_are_listed(demo_url: str) -> None:
    at = _open(None)
    assert "join?p=kaga" in visible_text(at)  # the demo publishes 加賀市's page
    with session_scope(write=True) as session:
        for programme in session.exec(select(Programme)).all():
            programme.published = False
            session.add(programme)
    at = _open(None)
    assert "現在、応募を受け付けているプログラムはありません。" in visible_text(at)
    _publish()
    at = _open(None)
    assert f"join?p={SLUG}" in visible_text(at)
    at = _open("no-such-programme")
    assert "このプログラムは現在応募を受け付けていません。" in visible_text(at)
    assert not at.text_input  # no form


def test_a_stranger_applies_and_errors_keep_what_was_typed(demo_url: str) -> None:
    programme_id = _publish()
    at = _open()
    text_input(at, "会社名 *").input("阿寒観光")
    text_input(at, "ご担当者名 *").input("鈴木 次郎")
    text_input(at, "メールアドレス *").input("not-an-address")
    next(r for r in at.radio if r.label.endswith("（経営者の参加）")).set_value("yes")
    next(a for a in at.text_area if a.label.startswith("現在直面している")).input("人手不足")
    at = _submit(at)
    assert "メールアドレスの形式が正しくありません。" in visible_text(at)
    assert text_input(at, "会社名 *").value == "阿寒観光"
    assert (
        next(a for a in at.text_area if a.label.startswith("現在直面している")).value == "人手不足"
    )
    with session_scope() as session:
        partners = session.exec(select(PartnerInstitution.name)).all()
    if partners:
        box = next(s for s in at.selectbox if s.label == "紹介機関")
        box.select(box.options[1])
    text_input(at, "メールアドレス *").input("jiro@example.jp")
    at = _submit(at)
    assert "ご応募ありがとうございました" in visible_text(at)
    with session_scope() as session:
        company = session.exec(select(Company).where(Company.name == "阿寒観光")).one()
        assert (company.programme_id, company.status) == (programme_id, "applied")
        assert session.exec(
            select(OutboxMail).where(OutboxMail.to_address == "jiro@example.jp")
        ).one()


def test_the_public_form_shows_no_partner_contacts(demo_url: str) -> None:
    _publish()
    at = _open()
    with session_scope() as session:
        emails = [e for e in session.exec(select(PartnerInstitution.email)).all() if e]
    page = visible_text(at) + " ".join(" ".join(map(str, s.options)) for s in at.selectbox)
    assert all(email not in page for email in emails)
