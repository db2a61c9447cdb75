"""受付 as staff see it: applications waiting with their state, accept and decline (mailed),
and an erasure request carried out after the confirmation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from colead.db import session_scope
from colead.models import Company, OutboxMail, Talent
from colead.services import accounts
from colead.services.programmes import list_programmes
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text


@pytest.fixture
def waiting(demo_url: str) -> dict[str, int]:
    """In the staff's first programme: a confirmed application, a company application and an
    erasure request."""
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        pid = list_programmes(session, staff)[0].id
        talent = Talent(
            programme_id=pid,
            name="応募 花子",
            email="hanako.apply@example.jp",
            applied_on=date(2026, 11, 20),
        )
        company = Company(
            programme_id=pid,
            name="応募水産",
            status="applied",
            contact_name="山田",
            contact_email="yamada.apply@example.jp",
            applied_at=datetime(2026, 11, 20, tzinfo=UTC),
        )
        leaving = session.exec(
            select(Talent).where(Talent.programme_id == pid, Talent.status == "active")
        ).first()
        leaving.erasure_requested_at = datetime(2026, 11, 21, tzinfo=UTC)
        session.add_all([talent, company, leaving])
        session.flush()
        return {"talent": talent.id, "company": company.id, "leaving": leaving.id}  # fmt: skip


def _inbox(role: str = "staff"):  # type: ignore[no-untyped-def]
    at = sign_in(new_app(), role)
    at.switch_page("pages/inbox.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def test_staff_see_what_waits_and_act_on_it(waiting: dict[str, int]) -> None:
    at = _inbox()
    text = visible_text(at)
    assert "受付" in [t.value for t in at.title]
    assert "企業の応募（1件）" in text and "削除の依頼（1件）" in text
    assert any(e.label.startswith("応募 花子") for e in at.expander)
    next(b for b in at.button if b.label == "参加中として受け入れる").click()
    at.run(timeout=TIMEOUT)
    assert "受け入れました。" in visible_text(at)
    # decline the company: a reason is needed, then the contact is mailed
    reason = next(a for a in at.text_area if a.key.endswith(f"company_reason_{waiting['company']}"))
    next(b for b in at.button if b.key.endswith(f"company_reject_{waiting['company']}")).click()
    at.run(timeout=TIMEOUT)
    assert "見送りの理由を入力してください。" in visible_text(at)
    reason = next(a for a in at.text_area if a.key.endswith(f"company_reason_{waiting['company']}"))
    reason.input("募集枠が埋まりました")
    next(b for b in at.button if b.key.endswith(f"company_reject_{waiting['company']}")).click()
    at.run(timeout=TIMEOUT)
    assert "見送りました" in visible_text(at)
    # the erasure waits for the confirmation
    erase = next(b for b in at.button if b.label == "削除する")
    assert erase.disabled
    next(c for c in at.checkbox if c.label == "元に戻せないことを確認しました").check()
    at.run(timeout=TIMEOUT)
    next(b for b in at.button if b.label == "削除する").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert "削除しました" in visible_text(at)
    with session_scope() as session:
        assert session.get(Talent, waiting["talent"]).status == "active"
        assert session.get(Company, waiting["company"]).status == "rejected"
        mail = session.exec(
            select(OutboxMail).where(OutboxMail.to_address == "yamada.apply@example.jp")
        ).one()
        assert "募集枠が埋まりました" in mail.body_text
        assert session.get(Talent, waiting["leaving"]).erased_at is not None


def test_viewers_have_no_inbox(demo_url: str) -> None:
    at = sign_in(new_app(), "viewer")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/inbox.py").run(timeout=TIMEOUT)
