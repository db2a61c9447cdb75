"""In a real browser, お知らせ配信 from the compose form to the recipient's inbox and back.

From a fresh demo server whose background sender mails every second to a real local SMTP server
(aiosmtpd, started by the test), staff see the quiet list on 情報提供の記録, write a newsletter on
お知らせ配信 (件名, 提供する情報の種類, a Markdown text with {氏名}) for the people not contacted
for too long, check the count and the preview as a recipient sees it, and send it with one press.
The message's row on 送信済み・予約 shows it sent to every one of them; the SMTP server received
one personal mail per person, each with its List-Unsubscribe header; 情報提供の記録 lists the
message with its number of recipients and its quiet list is that many people shorter. Then one
recipient, on a phone, opens the unsubscribe link of their mail and stops the newsletters.

The numbers the page must show are computed from the database through the services. Everything
is done once, as a person does: one click per step, no retries.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from colead.db import dispose_engines, session_scope
from colead.i18n import reiwa_year, today_in_japan
from colead.models import Programme, Talent
from colead.services import accounts, deliveries, outreach, programmes
from colead.services.outreach import Audience
from tests.conftest import SmtpServer
from tests.e2e.conftest import (
    PHONE,
    TIMEOUT_MS,
    VIEWPORT,
    Server,
    _demo_database,
    _require_browser,
    mailing_server,
    no_error,
    shoot,
    sign_in,
    wait_signed_in,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

SUBJECT = f"冬のお便り（{secrets.token_hex(3)}）"
KIND = "観光情報"
BODY = "{氏名} 様\n\n**流氷**の季節です。"
SUBJECT_LABEL = "件名 *"
KIND_LABEL = "提供する情報の種類（A-4 STEP1） *"
BODY_LABEL = "本文（Markdown） *"
MAIL_WAIT_SECONDS = 30


@dataclass
class Newsroom:
    """The server, its SMTP server and what the test learnt from the database beforehand."""

    server: Server
    smtp: SmtpServer
    database: str
    programme_id: int
    programme_label: str  # as the page's header names it
    interval_days: int  # the programme's contact interval (the quiet checkbox's label)


def _programme(url: str) -> tuple[int, str, int]:
    """The programme the staff account opens (its first), its label, its contact interval."""
    with session_scope(url=url) as session:
        staff = accounts.load_actor(session, "staff")
        first = programmes.list_programmes(session, staff)[0]
        interval = outreach.channels(session, staff, first.id).contact_interval_days
    dispose_engines()
    place = (
        first.region_name
        if first.region_name == first.prefecture
        else f"{first.prefecture} {first.region_name}"
    )
    return first.id, f"{place}（令和{reiwa_year(first.fiscal_year)}年度）", interval


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    """A fresh demo server that sends its mail every second to a local aiosmtpd server, with
    links to itself (COLEAD_PUBLIC_URL); the SMTP server listens before the app starts."""
    _require_browser()
    folder = tmp_path_factory.mktemp("newsletters")
    database = _demo_database(folder)
    programme_id, label, interval = _programme(database)
    with mailing_server(folder, database) as (server, smtp):
        yield Newsroom(server, smtp, database, programme_id, label, interval)


# --- helpers -----------------------------------------------------------------------------------


def _card(tab: Page, text: str):  # type: ignore[no-untyped-def]
    """The innermost box (a bordered container) holding `text`."""
    return tab.get_by_test_id("stVerticalBlock").filter(has_text=text).last


def _open(tab: Page, link: str, heading: str) -> None:
    """A page opened from the sidebar, as a person does."""
    tab.get_by_test_id("stSidebar").get_by_role("link", name=link).click()
    expect(tab.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    wait_until_idle(tab)


def _audience(url: str, programme_id: int) -> tuple[outreach.AudiencePreview, dict[str, str], int]:
    """What the page must show for the quiet audience (the service's preview), who must get a
    mail (address → name: quiet and contactable), and the quiet list's length."""
    today = today_in_japan()
    with session_scope(url=url) as session:
        staff = accounts.load_actor(session, "staff")
        preview = outreach.audience_preview(
            session, staff, programme_id, Audience(quiet_only=True), today
        )
        programme = session.get(Programme, programme_id)
        assert programme is not None
        people = session.exec(
            select(Talent.email, Talent.name).where(
                deliveries.quiet_condition(programme, today), outreach.contactable()
            )
        ).all()
        quiet = deliveries.quiet_people(session, staff, programme_id, today).total
    dispose_engines()
    return preview, dict(people), quiet


def _quiet_now(url: str, programme_id: int) -> int:
    with session_scope(url=url) as session:
        staff = accounts.load_actor(session, "staff")
        total = deliveries.quiet_people(session, staff, programme_id, today_in_japan()).total
    dispose_engines()
    return total


def _mails(smtp: SmtpServer, subject: str, count: int) -> list[EmailMessage]:
    """The mails whose subject is `subject`, once `count` of them arrived: waited for as the
    recipients wait for their inbox (the page already said they were sent)."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while True:
        found = [m for m in smtp.messages if str(m["Subject"]) == subject]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.3)


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None, "the mail has no text part"
    return body.get_content()


def _html(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("html",))
    assert body is not None, "the mail has no HTML part"
    return body.get_content()


def _unsubscribed(url: str, email: str) -> bool:
    with session_scope(url=url) as session:
        talent = session.exec(select(Talent).where(Talent.email == email)).one()
        stopped = talent.unsubscribed_at is not None
    dispose_engines()
    return stopped


# --- the test ----------------------------------------------------------------------------------


def test_staff_send_a_newsletter_to_the_quiet_list_and_a_recipient_unsubscribes(
    newsroom: Newsroom, browser: Browser
) -> None:
    desktop = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    phone = browser.new_context(**PHONE, locale="ja-JP")
    for context in (desktop, phone):
        context.set_default_timeout(TIMEOUT_MS)
    try:
        tab, mobile = desktop.new_page(), phone.new_page()
        try:
            expected, count, quiet_before = _send(newsroom, tab)
            mails = _inbox(newsroom, expected)
            _deliveries_after(newsroom, tab, count, quiet_before)
            _unsubscribe(newsroom, mobile, mails[0], expected)
        except Exception:  # what each browser showed when it failed
            for view, name in ((tab, "desktop"), (mobile, "phone")):
                shoot(view, f"FAILED_newsletters_{name}")
            raise
    finally:
        for context in (desktop, phone):
            context.close()


def _send(newsroom: Newsroom, tab: Page) -> tuple[dict[str, str], int, int]:
    """Steps 1–3; returns who must get a mail (address → name), how many, and the quiet
    list's length before the message."""
    days = newsroom.interval_days
    sign_in(tab, newsroom.server.url, "staff")
    wait_signed_in(tab)
    # Read once the server runs: its sender starts with the first page and sends what the demo
    # has due (reminders count as information received, as on the page).
    preview, expected, quiet_before = _audience(newsroom.database, newsroom.programme_id)
    count = preview.count
    assert count > 0, "the demo's staff programme has nobody on its quiet list to write to"
    assert len(expected) == count, (expected, preview)
    reader = preview.first_names[0]
    more = " など" if count > len(preview.first_names) else ""

    # 情報提供の記録 before: the quiet list as the service counts it
    _open(tab, "情報提供の記録", "情報提供の記録")
    expect(tab.get_by_test_id("stMain")).to_contain_text(newsroom.programme_label)
    expect(
        tab.get_by_role("heading", name=f"{days}日以上接触のない人：{quiet_before}名")
    ).to_be_visible()

    # 1. お知らせ配信, opened from the sidebar
    _open(tab, "お知らせ配信", "お知らせ配信")
    main = tab.get_by_test_id("stMain")
    expect(main).to_contain_text(newsroom.programme_label)
    expect(tab.get_by_role("tab", name="作成・送信")).to_have_attribute("aria-selected", "true")
    # every field drawn (the text area, the uploader and the checkboxes load after the rest)
    expect(tab.get_by_role("textbox", name=SUBJECT_LABEL)).to_be_visible()
    expect(tab.get_by_role("textbox", name=BODY_LABEL)).to_be_visible()
    expect(tab.get_by_test_id("stFileUploaderDropzone")).to_be_visible()
    members = tab.get_by_test_id("stCheckbox").filter(has_text="協働プロジェクトのメンバーだけ")
    expect(members).to_be_visible()
    wait_until_idle(tab)
    no_error(tab)
    shoot(tab, "newsletters_compose_desktop")

    # 2. the message, its kind, its text, and the quiet people as its audience
    subject = tab.get_by_role("textbox", name=SUBJECT_LABEL)
    subject.fill(SUBJECT)
    subject.press("Enter")
    wait_until_idle(tab)
    kind = tab.get_by_role("combobox", name=KIND_LABEL)
    kind.click()
    tab.get_by_role("option", name=KIND, exact=True).click()
    expect(kind).to_have_value(KIND)
    wait_until_idle(tab)
    tab.get_by_role("textbox", name=BODY_LABEL).fill(BODY)
    quiet = f"連絡が途絶えている人だけ（{days}日以上）"
    tab.get_by_test_id("stCheckbox").filter(has_text=quiet).click()
    expect(tab.get_by_role("checkbox", name=quiet)).to_be_checked()
    expect(tab.get_by_role("heading", name=f"送信対象：{count}名", exact=True)).to_be_visible()
    names = "、".join(preview.first_names) + more
    expect(tab.get_by_test_id("stMarkdownContainer").filter(has_text=names)).to_have_text(names)
    shown = tab.get_by_test_id("stExpander").filter(
        has_text=f"プレビュー（{reader} 様が受け取るメール）"
    )
    expect(shown).to_contain_text(f"件名：{SUBJECT}")
    expect(shown).to_contain_text(f"{reader} 様")
    expect(shown.locator("strong", has_text="流氷")).to_be_visible()
    expect(shown).not_to_contain_text("{氏名}")
    expect(shown).not_to_contain_text("**")
    wait_until_idle(tab)
    no_error(tab)
    # the count, the preview and the button to press, on one screen
    send = tab.get_by_role("button", name=f"{count}名に送信する", exact=True)
    send.evaluate("e => e.scrollIntoView({block: 'end'})")
    shoot(tab, "newsletters_preview_desktop")

    # 3. sent with one press; its row on 送信済み・予約 follows it to the end
    send.click()
    expect(tab.get_by_text(f"「{SUBJECT}」を{count}名への送信に回しました。")).to_be_visible()
    wait_until_idle(tab)
    tab.get_by_role("tab", name="送信済み・予約").click()
    row = _card(tab, SUBJECT)
    expect(row).to_contain_text("送信完了", timeout=MAIL_WAIT_SECONDS * 1000)
    expect(row).to_contain_text(f"送信済み {count}", timeout=MAIL_WAIT_SECONDS * 1000)
    expect(row).to_contain_text(f"{count} / {count}名")
    expect(row).to_contain_text(KIND)
    expect(row).not_to_contain_text("失敗")
    expect(row).not_to_contain_text("送信待ち")
    no_error(tab)
    shoot(tab, "newsletters_sent_desktop")
    return expected, count, quiet_before


def _inbox(newsroom: Newsroom, expected: dict[str, str]) -> list[EmailMessage]:
    """4. one personal mail per person of the audience, each with its unsubscribe link."""
    base = newsroom.server.url
    mails = _mails(newsroom.smtp, SUBJECT, len(expected))
    addresses = [str(m["To"]) for m in mails]
    assert sorted(addresses) == sorted(expected), addresses
    for message in mails:
        name = expected[str(message["To"])]
        text = _text(message)
        assert text.startswith(f"{name} 様\n"), text
        assert "流氷" in text and "{氏名}" not in text, text
        assert f"{name} 様" in _html(message)
        assert "<strong>流氷</strong>" in _html(message), _html(message)
        header = str(message["List-Unsubscribe"] or "")
        assert re.fullmatch(rf"<{re.escape(base)}/unsubscribe\?t=[A-Za-z0-9_\-]+>", header), header
        assert header[1:-1] in text, text  # the same link at the end of the text
    return sorted(mails, key=lambda m: str(m["To"]))


def _deliveries_after(newsroom: Newsroom, tab: Page, count: int, quiet_before: int) -> None:
    """5. 情報提供の記録: the message with its recipients; the quiet list shorter by as many."""
    days = newsroom.interval_days
    quiet_after = quiet_before - count
    assert _quiet_now(newsroom.database, newsroom.programme_id) == quiet_after
    _open(tab, "情報提供の記録", "情報提供の記録")
    expect(
        tab.get_by_role("heading", name=f"{days}日以上接触のない人：{quiet_after}名")
    ).to_be_visible()
    if quiet_after == 0:
        expect(tab.get_by_text("全員に間隔内で接触できています。")).to_be_visible()
    history = tab.get_by_test_id("stDataFrame").locator("table[role='grid'] tbody tr")
    sent = history.filter(has_text=SUBJECT)
    sent.first.wait_for(state="attached")  # the accessible table beside the canvas
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text(f"{count}名")
    expect(sent).to_contain_text(KIND)
    expect(sent).to_contain_text("メールマガジン")
    wait_until_idle(tab)
    no_error(tab)
    shoot(tab, "newsletters_deliveries_after_desktop")


def _unsubscribe(
    newsroom: Newsroom, mobile: Page, message: EmailMessage, expected: dict[str, str]
) -> None:
    """6. a recipient opens their mail's link on a phone and stops the newsletters."""
    address = str(message["To"])
    name = expected[address]
    link = str(message["List-Unsubscribe"])[1:-1]
    mobile.goto(link)
    mobile.locator("[data-testid='stApp']").wait_for()
    expect(mobile.get_by_role("heading", name="配信停止")).to_be_visible()
    expect(mobile.get_by_text(f"{name} 様、")).to_be_visible()
    expect(mobile.get_by_text("配信を停止しますか？", exact=False)).to_be_visible()
    wait_until_idle(mobile)
    assert not _unsubscribed(newsroom.database, address)  # opening the link changed nothing
    mobile.get_by_role("button", name="配信を停止する", exact=True).click()
    expect(mobile.get_by_text("配信を停止しました。", exact=False)).to_be_visible()
    expect(mobile.get_by_role("button", name="配信を再開する")).to_be_visible()
    wait_until_idle(mobile)
    no_error(mobile)
    shoot(mobile, "unsubscribe_phone")
    assert _unsubscribed(newsroom.database, address)
