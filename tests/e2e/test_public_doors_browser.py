"""In a real browser, #12's "Done when": a stranger comes in through the public doors and staff
see every step of it.

From a fresh server whose mail goes to a real local SMTP server (aiosmtpd, started by the test):
a person applies on /apply, reads the confirmation mail, opens its link (the own page confirms
the application), signs up for the published meetup (the mail carries an .ics with its title),
reports on a meeting with their project's company, withdraws a consent and downloads their data.
Then an admin signs in and finds each of these: the person in 人材台帳 (no longer 未確認), the
sign-up on イベント・出欠, one more 応募・登録 in the dashboard's funnel (its CSV), the
withdrawal and the download in 監査ログ, the application and the sign-up in 受付, the mails in
送信メール.

Everything is done once, as a person does: one click per step, no retries. The public pages are
photographed at a desktop's width and at a phone's (390×844).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlmodel import col, func, select

from colead.db import dispose_engines, session_scope
from colead.i18n import JST, today_in_japan
from colead.models import Company, EventKind, Programme, Project, Region, Talent
from colead.services import accounts, event_signup, events, funnel, projects, public_apply
from colead.services.public_apply import PublishInput
from colead.services.trends import fiscal_year_period
from tests.conftest import SmtpServer
from tests.e2e.conftest import (
    PHONE,
    TIMEOUT_MS,
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

REGION = "加賀市"
PROGRAMME_LABEL = "石川県 加賀市（令和8年度）"
SLUG = "kaga"
PURPOSE = (
    "ご記入いただいた個人情報は、ふるさとCo-LEADプログラム（加賀市）の運営"
    "（ご連絡、イベントのご案内、企業とのマッチング）のためにのみ利用します。"
)
MEETUP = "加賀オンライン交流会（山中漆器と温泉旅館のDX）"
AGENDA = "19:00–19:10　オープニング\n19:10–20:10　企業からの課題紹介\n20:10–20:30　交流"
COMPANY = "山中漆器工房（デモ）"
THEME = "受注から出荷までのデータ連携"
NAME = "山本 さくら"
KANA = "やまもと さくら"
EMAIL = "sakura.yamamoto@example.jp"
SKILL = "データサイエンティスト"
CHANNEL = "SNS・Web広告"
DISCUSSED = "受注台帳の項目を洗い出し、出荷記録との突き合わせ方を相談した。"
NEXT_STEPS = "次回までに過去1年分の受注データをCSVで受け取る。"
DESKTOP = {"width": 1440, "height": 900}
MAIL_WAIT_SECONDS = 30


@dataclass
class Doors:
    """The server, its SMTP server and what the test prepared in the database."""

    server: Server
    smtp: SmtpServer
    database: str
    programme_id: int
    registered_before: int  # the funnel's first stage (応募・登録) before anyone applied
    purpose: str  # the purpose of use of personal data the form shows


def _prepare(url: str) -> tuple[int, int, str]:
    """加賀市's recruitment page published with a purpose text, and a meetup a month from now
    published for sign-up, as staff do on 募集ページ and イベント・出欠 (a page the demo
    published already keeps its address and texts). Returns the programme's id and the
    funnel's first stage as the dashboard counts it now (the programme's fiscal year), and
    the purpose text the form shows."""
    with session_scope(write=True, url=url) as session:
        admin = accounts.load_actor(session, "admin")
        programme = session.exec(
            select(Programme)
            .join(Region, col(Region.id) == col(Programme.region_id))
            .where(Region.name == REGION)
        ).one()
        pid = programme.id
        if not (programme.published and programme.public_slug == SLUG):
            public_apply.save_publishing(
                session,
                admin,
                pid,
                PublishInput(
                    published=True,
                    slug=SLUG,
                    intro="山中温泉・山代温泉と九谷焼・山中漆器のまちで、企業のデジタル化を一緒に。",
                    purpose_text=PURPOSE,
                ),
            )
        day = today_in_japan() + timedelta(days=30)
        meetup = events.create_event(
            session,
            admin,
            pid,
            events.EventInput(
                kind=EventKind.MEETUP,
                title=MEETUP,
                starts_at=datetime(day.year, day.month, day.day, 19, tzinfo=JST),
                ends_at=datetime(day.year, day.month, day.day, 20, 30, tzinfo=JST),
                online_tool="Zoom",
            ),
        )
        event_signup.publish(session, admin, meetup.id, capacity=30, agenda=AGENDA)
        purpose = public_apply.publish_settings(session, admin, pid).purpose_text
        (counts,) = funnel.funnels(session, admin, [pid], fiscal_year_period(programme.fiscal_year))
    dispose_engines()
    return pid, counts.counts[0], purpose


@pytest.fixture(scope="module")
def doors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Doors]:
    """A fresh demo server that sends its mail every second to a local aiosmtpd server, with
    links to itself (COLEAD_PUBLIC_URL); the SMTP server listens before the app starts."""
    _require_browser()
    folder = tmp_path_factory.mktemp("doors")
    database = _demo_database(folder)
    programme_id, registered, purpose = _prepare(database)
    with mailing_server(folder, database) as (server, smtp):
        yield Doors(server, smtp, database, programme_id, registered, purpose)


# --- helpers -----------------------------------------------------------------------------------


def _mail(smtp: SmtpServer, subject_part: str, since: int = 0) -> EmailMessage:
    """The first mail to the applicant whose subject holds `subject_part`, among those received
    after the first `since`: waited for as the person waits for their inbox."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline:
        for message in smtp.messages[since:]:
            if EMAIL in str(message["To"]) and subject_part in str(message["Subject"]):
                return message
        time.sleep(0.3)
    received = [str(m["Subject"]) for m in smtp.messages]
    raise AssertionError(f"no mail «{subject_part}» within {MAIL_WAIT_SECONDS} s: {received}")


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None, "the mail has no text part"
    return body.get_content()


def _settled(tab: Page) -> None:
    wait_until_idle(tab)


def _open_public(tab: Page, url: str) -> None:
    tab.goto(url)
    tab.locator("[data-testid='stApp']").wait_for()
    _settled(tab)


def _pick(tab: Page, label: str, option: str) -> None:
    """Choose in a Streamlit selectbox as a person does: open it, type, press Enter."""
    tab.get_by_role("combobox", name=label).click()
    tab.keyboard.type(option)
    tab.keyboard.press("Enter")


def _tick(form, label: str) -> None:  # type: ignore[no-untyped-def]
    """Tick a Streamlit checkbox as a person does: a click on its label."""
    form.get_by_test_id("stCheckbox").filter(has_text=label).click()
    expect(form.get_by_role("checkbox", name=label)).to_be_checked()


def _card(tab: Page, text: str):  # type: ignore[no-untyped-def]
    """The innermost box (a bordered container) holding `text`."""
    return tab.get_by_test_id("stVerticalBlock").filter(has_text=text).last


def _talent(url: str) -> Talent:
    with session_scope(url=url) as session:
        talent = session.exec(select(Talent).where(func.lower(Talent.email) == EMAIL)).one()
        session.expunge(talent)
    return talent


def _into_a_project(url: str, talent_id: int, programme_id: int) -> None:
    """Staff start a project with one of 加賀市's companies and put the person in its team (the
    demo has no 加賀市 company ready for a project yet, so the project row is written as the
    projects page would store it; the team through the service)."""
    with session_scope(write=True, url=url) as session:
        admin = accounts.load_actor(session, "admin")
        company = session.exec(
            select(Company).where(Company.programme_id == programme_id, Company.name == COMPANY)
        ).one()
        project = Project(
            programme_id=programme_id,
            company_id=company.id,
            theme=THEME,
            starts_on=today_in_japan(),
        )
        session.add(project)
        session.flush()
        projects.set_team(session, admin, project.id, {talent_id: "データ分析"}, today_in_japan())


def _grid(tab: Page):  # type: ignore[no-untyped-def]
    return tab.get_by_test_id("stDataFrame")


# --- the test ----------------------------------------------------------------------------------


def test_a_stranger_comes_in_through_the_public_doors_and_staff_see_it(doors, browser) -> None:  # type: ignore[no-untyped-def]
    base = doors.server.url
    desktop = browser.new_context(viewport=DESKTOP, locale="ja-JP", accept_downloads=True)
    phone = browser.new_context(**PHONE, locale="ja-JP")
    staff = browser.new_context(viewport=DESKTOP, locale="ja-JP", accept_downloads=True)
    for context in (desktop, phone, staff):
        context.set_default_timeout(TIMEOUT_MS)
    try:
        tab, mobile, office = desktop.new_page(), phone.new_page(), staff.new_page()
        try:
            _public_side(doors, tab, mobile, base)
            _staff_side(doors, office, base)
        except Exception:  # what each browser showed when it failed
            for view, name in ((tab, "desktop"), (mobile, "phone"), (office, "staff")):
                shoot(view, f"FAILED_public_doors_{name}")
            raise
    finally:
        for context in (desktop, phone, staff):
            context.close()


def _public_side(doors: Doors, tab: Page, mobile: Page, base: str) -> None:
    # 1. the list of published programmes, and 加賀市's page opened from it, on a desktop and
    # on a phone
    for view, device in ((tab, "desktop"), (mobile, "phone")):
        _open_public(view, f"{base}/apply")
        expect(view.get_by_role("heading", name="募集・応募")).to_be_visible()
        link = view.get_by_role("link", name=f"{REGION}の募集を見る")
        expect(link).to_be_visible()
        no_error(view)
        shoot(view, f"public_apply_list_{device}")
        link.click()
        expect(view.get_by_role("heading", name="応募フォーム")).to_be_visible()
        _settled(view)
        meetup = _card(view, MEETUP)  # its published meetup, its end on the same day
        expect(meetup).to_contain_text("19:00 〜 20:30")
        no_error(view)
        shoot(view, f"public_apply_programme_{device}")
        # the page scrolls inside Streamlit's frame: the form is photographed where it is
        view.get_by_role("heading", name="応募フォーム").scroll_into_view_if_needed()
        shoot(view, f"public_apply_form_{device}")

    # 2. the application, filled in and sent once, on the desktop
    form = tab.get_by_test_id("stForm").filter(has_text="氏名")
    form.get_by_label("氏名 *", exact=True).fill(NAME)
    form.get_by_label("ふりがな *", exact=True).fill(KANA)
    form.get_by_label("メールアドレス *", exact=True).fill(EMAIL)
    form.get_by_label("所属（任意）", exact=True).fill("金沢データラボ")
    _tick(form, SKILL)
    form.get_by_label("関心のあること", exact=True).fill("伝統工芸の販路とデータ活用")
    _pick(tab, "このプログラムを何で知りましたか *", CHANNEL)
    _tick(form, "上記の個人情報の利用目的に同意します")
    before = len(doors.smtp.messages)
    form.get_by_role("button", name="応募する").click()
    expect(
        tab.get_by_text("ご応募ありがとうございます。確認メールをお送りしました。")
    ).to_be_visible()
    _settled(tab)
    shoot(tab, "public_apply_thanks_desktop")

    # 3. the confirmation mail, its link opened: the own page, the application confirmed
    confirmation = _mail(doors.smtp, "応募の確認", before)
    match = re.search(r"https?://\S+/me\?t=[A-Za-z0-9_\-]+", _text(confirmation))
    assert match, _text(confirmation)
    link = match.group(0)
    assert link.startswith(f"{base}/me?t="), link  # COLEAD_PUBLIC_URL made the link
    _open_public(tab, link)
    expect(tab.get_by_role("heading", name="本人ページ")).to_be_visible()
    expect(
        tab.get_by_text("メールアドレスを確認しました。ご登録ありがとうございます。")
    ).to_be_visible()
    expect(tab.get_by_text(f"{NAME} 様").first).to_be_visible()
    no_error(tab)
    shoot(tab, "public_me_desktop")
    _open_public(mobile, link)
    expect(mobile.get_by_text(f"{NAME} 様").first).to_be_visible()
    expect(mobile.get_by_role("tab", name="参加予定")).to_be_visible()
    no_error(mobile)
    shoot(mobile, "public_me_phone")
    talent = _talent(doors.database)
    assert not talent.awaiting_confirmation and talent.confirmed_at is not None

    # 4. the published meetup, signed up for on the own page; its mail carries the .ics
    before = len(doors.smtp.messages)
    _card(tab, MEETUP).get_by_role("button", name="参加を申し込む").click()
    expect(tab.get_by_text(f"「{MEETUP}」への参加を申し込みました。")).to_be_visible()
    _settled(tab)
    expect(_card(tab, MEETUP)).to_contain_text("申込")
    shoot(tab, "public_me_signed_up_desktop")
    registered = _mail(doors.smtp, "参加申込完了", before)
    calendars = [
        part for part in registered.iter_attachments() if part.get_content_type() == "text/calendar"
    ]
    assert len(calendars) == 1, [p.get_content_type() for p in registered.iter_attachments()]
    calendar = Calendar.from_ical(calendars[0].get_payload(decode=True))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == MEETUP
    assert vevent.decoded("DTSTART").date() == today_in_japan() + timedelta(days=30)

    # 5. staff put the person in a project; on the reloaded page they report on a meeting
    _into_a_project(doors.database, talent.id, doors.programme_id)
    tab.reload()
    tab.locator("[data-testid='stApp']").wait_for()
    _settled(tab)
    tab.get_by_role("tab", name="報告").click()
    report = tab.get_by_test_id("stForm").filter(has_text="話し合ったこと")
    expect(report.get_by_label("企業", exact=True)).to_have_value(COMPANY)
    report.get_by_label("話し合ったこと *", exact=True).fill(DISCUSSED)
    report.get_by_label("次のステップ", exact=True).fill(NEXT_STEPS)
    report.get_by_role("button", name="報告を送る").click()
    expect(tab.get_by_text("報告を送りました。")).to_be_visible()
    _settled(tab)
    # the person stays on the tab they acted on
    expect(tab.get_by_role("tab", name="報告")).to_have_attribute("aria-selected", "true")
    # the sent report is listed (the emptied form may still be in the page while it is redrawn)
    expect(tab.get_by_text(f"【話し合ったこと】 {DISCUSSED}")).to_be_visible()
    shoot(tab, "public_me_report_desktop")

    # 6. the application's consent withdrawn; their data downloaded
    tab.get_by_role("tab", name="同意").click()
    consent = _card(tab, "応募フォーム：個人情報の利用目的")
    expect(consent).to_contain_text("有効")
    consent.get_by_role("button", name="同意を取り消す").click()
    expect(tab.get_by_text("同意を取り消しました。")).to_be_visible()
    _settled(tab)
    expect(tab.get_by_role("tab", name="同意")).to_have_attribute("aria-selected", "true")
    expect(_card(tab, "応募フォーム：個人情報の利用目的")).to_contain_text("取り消し")
    shoot(tab, "public_me_consent_withdrawn_desktop")
    tab.get_by_role("tab", name="データ").click()
    button = tab.get_by_role("button", name="自分のデータをダウンロード")
    with tab.expect_download() as caught:
        button.click()
    data = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["name"] == NAME and data["person"]["email"] == EMAIL
    assert [(e["title"], e["status"]) for e in data["events"]] == [(MEETUP, "registered")]
    assert [r["company"] for r in data["reports"]] == [COMPANY]
    assert DISCUSSED in data["reports"][0]["summary"]
    assert NEXT_STEPS in data["reports"][0]["summary"]
    (withdrawn,) = data["consents"]
    assert withdrawn["withdrawn_on"] is not None and withdrawn["purpose"] == doors.purpose
    _settled(tab)
    no_error(tab)


def _staff_side(doors: Doors, page: Page, base: str) -> None:
    talent = _talent(doors.database)
    sign_in(page, base, "admin")
    wait_signed_in(page)
    _pick(page, "地域・プログラム", PROGRAMME_LABEL)
    _settled(page)
    expect(page.get_by_role("combobox", name="地域・プログラム")).to_have_value(PROGRAMME_LABEL)

    # 人材台帳: the person, 応募 and no longer 未確認, heard of it through SNS
    page.get_by_role("link", name="人材台帳").click()
    expect(page.get_by_role("heading", name="人材台帳")).to_be_visible()
    _settled(page)
    search = page.get_by_role("textbox", name="検索")
    search.fill(NAME)
    search.press("Enter")
    expect(page.get_by_text("1件中 1〜1件目")).to_be_visible()
    _settled(page)
    row = _grid(page).first
    expect(row).to_contain_text(NAME)
    expect(row).to_contain_text("応募")
    expect(row).to_contain_text(CHANNEL)
    expect(row).not_to_contain_text("未確認")
    shoot(page, "staff_talent_after_public_apply")

    # イベント・出欠: the sign-up among the meetup's registrations
    page.get_by_role("link", name="イベント・出欠").click()
    expect(page.get_by_role("heading", name="イベント・出欠")).to_be_visible()
    _settled(page)
    _pick(page, "出欠を確認するイベント", MEETUP)
    expect(page.get_by_text("申込・出欠", exact=True)).to_be_visible()
    _settled(page)
    attendance = _grid(page).filter(has_text=NAME)
    expect(attendance).to_contain_text("申込")
    page.get_by_test_id("stExpander").filter(has_text="参加者の公開募集").locator("summary").click()
    expect(page.get_by_text("公開中（定員 30・申込 1・キャンセル待ち 0）")).to_be_visible()
    shoot(page, "staff_event_after_public_sign_up")

    # ダッシュボード: one more 応募・登録 in the funnel (its CSV, exactly the chart's data)
    page.get_by_role("link", name="ダッシュボード").click()
    expect(page.get_by_role("heading", name="ダッシュボード")).to_be_visible()
    _settled(page)
    funnel_csv = page.get_by_role("button", name="データをCSVでダウンロード").first
    funnel_csv.scroll_into_view_if_needed()
    with page.expect_download() as caught:
        funnel_csv.click()
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text("utf-8-sig"))))
    counts = {r["段階"]: int(r["人数"]) for r in rows}
    assert counts["応募・登録"] == doors.registered_before + 1, counts
    _settled(page)
    shoot(page, "staff_dashboard_after_public_apply")

    # 監査ログ: the person's own withdrawal and download, named self:<id>
    page.get_by_role("link", name="監査ログ").click()
    expect(page.get_by_role("heading", name="監査ログ")).to_be_visible()
    _settled(page)
    target = page.get_by_role("textbox", name="対象（例：talent:12）")
    target.fill(f"talent:{talent.id}")
    target.press("Enter")
    _settled(page)
    log = _grid(page).first
    for action in ("consent.withdraw", "talent.data_export", "talent.confirm", "talent.apply"):
        expect(log).to_contain_text(action)
    expect(log).to_contain_text(f"self:{talent.id}")
    shoot(page, "staff_audit_after_public_doors")

    # 受付: the application (confirmed) and the sign-up
    page.get_by_role("link", name="受付").click()
    expect(page.get_by_role("heading", name="受付")).to_be_visible()
    _settled(page)
    expect(page.get_by_text(f"{NAME}（確認済み）")).to_be_visible()
    expect(_grid(page).filter(has_text=NAME)).to_contain_text(MEETUP)
    shoot(page, "staff_inbox_after_public_doors")

    # 送信メール: the two mails the person received, among those sent
    page.get_by_role("link", name="送信メール").click()
    expect(page.get_by_role("heading", name="送信メール")).to_be_visible()
    _settled(page)
    _pick(page, "状態", "送信済み")
    _settled(page)
    mails = _grid(page).first
    expect(mails).to_contain_text(f"{EMAIL}【参加申込完了】{MEETUP}")
    expect(mails).to_contain_text(
        f"{EMAIL}【令和8年度 ふるさとCo-LEADプログラム（加賀市）】応募の確認"
    )
    shoot(page, "staff_outbox_after_public_doors")
