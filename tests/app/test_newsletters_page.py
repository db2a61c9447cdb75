"""お知らせ配信 in the app: staff see who a message reaches, send it now or later, follow its
results, keep templates; a viewer only reads; a person stops the newsletters by their link."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from colead.db import session_scope
from colead.i18n import today_in_japan
from colead.models import MessageTemplate, Newsletter, NewsletterRecipient, Role, Talent
from colead.services import access_links, outreach, outreach_worker
from colead.services.outreach import Audience
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, text_input, visible_text

PAGE = "pages/newsletters.py"
SUBJECT = "件名 *"
BODY = "本文（Markdown） *"
KIND = "提供する情報の種類（A-4 STEP1） *"
MEMBERS = "協働プロジェクトのメンバーだけ"


def _open(role: str = "staff"):  # type: ignore[no-untyped-def]
    at = sign_in(new_app(), role).switch_page(PAGE).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at):  # type: ignore[no-untyped-def]
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _preview(make_actor, programme_id: int, audience: Audience) -> outreach.AudiencePreview:  # type: ignore[no-untyped-def]
    with session_scope() as session:
        return outreach.audience_preview(
            session, make_actor(Role.ADMIN), programme_id, audience, today_in_japan()
        )


def _widget(widgets, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in widgets if w.label == label)


def _count_lines(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.value for m in at.markdown if m.value.startswith("### 送信対象：")]


def _compose(at, subject: str, body: str, kind: str | None = "観光情報"):  # type: ignore[no-untyped-def]
    text_input(at, SUBJECT).input(subject)
    _widget(at.text_area, BODY).input(body)
    if kind is not None:
        _widget(at.selectbox, KIND).select(kind)
    return _run(at)


def _newsletters(subject: str) -> list[tuple[Newsletter, int]]:
    with session_scope() as session:
        letters = session.exec(select(Newsletter).where(Newsletter.subject == subject)).all()
        return [
            (
                n,
                len(
                    session.exec(
                        select(NewsletterRecipient).where(NewsletterRecipient.newsletter_id == n.id)
                    ).all()
                ),
            )
            for n in letters
        ]


def test_staff_see_the_page_and_the_count_the_service_gives(demo_url: str, make_actor) -> None:  # type: ignore[no-untyped-def]
    at = _open()
    assert "お知らせ配信" in [t.value for t in at.title]
    assert [tab.label for tab in at.tabs] == [
        "作成・送信",
        "送信済み・予約",
        "テンプレート・チャット",
    ]
    labels = [w.label for w in at.text_input] + [w.label for w in at.text_area]
    assert SUBJECT in labels and BODY in labels
    programme_id = at.session_state["colead_programme_id"]
    everyone = _preview(make_actor, programme_id, Audience())
    members = _preview(make_actor, programme_id, Audience(project_members=True))
    assert everyone.count > members.count  # the filter narrows: the test can tell them apart
    assert _count_lines(at) == [f"### 送信対象：{everyone.count}名"]
    assert f"{everyone.count}名に送信する" in [b.label for b in at.button]

    _widget(at.checkbox, MEMBERS).check()
    _run(at)
    assert _count_lines(at) == [f"### 送信対象：{members.count}名"]
    assert f"{members.count}名に送信する" in [b.label for b in at.button]


def test_staff_send_a_newsletter_and_follow_it(demo_url: str, make_actor) -> None:  # type: ignore[no-untyped-def]
    at = _open()
    programme_id = at.session_state["colead_programme_id"]
    everyone = _preview(make_actor, programme_id, Audience())
    n, first = everyone.count, everyone.first_names[0]
    subject = "十一月の観光情報"
    _compose(at, subject, "{氏名} 様\n\n紅葉が見頃です。")
    assert f"プレビュー（{first} 様が受け取るメール）" in [e.label for e in at.expander]
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert f"{first} 様" in shown and "紅葉が見頃です。" in shown and "{氏名}" not in shown

    at.button(key="colead_news_send").click()
    _run(at)
    assert at.button(key="colead_news_send").label == f"{n}名に送信する"
    assert any(f"「{subject}」を{n}名への送信に回しました" in s.value for s in at.success)
    assert text_input(at, SUBJECT).value == ""
    assert _widget(at.text_area, BODY).value == ""
    stored = _newsletters(subject)
    assert [(letter.status, count) for letter, count in stored] == [("scheduled", n)]
    assert stored[0][0].kind == "観光情報"

    outreach_worker.send_due()  # no SMTP: the mails stay in the outbox
    _run(at)
    text = visible_text(at)
    assert f"**{subject}**　:blue-badge[送信完了]" in text
    assert f"送信箱に保存 **{n}**" in text
    assert f"{n} / {n}名" in [p.proto.text for p in at.get("progress")]

    at.switch_page("pages/deliveries.py")
    _run(at)
    history = at.dataframe[-1].value
    row = history[history["件名・内容"] == subject].iloc[0]
    assert row["送った相手"] == f"{n}名"
    assert (row["提供した情報"], row["方法"]) == ("観光情報", "メールマガジン")


def _stored() -> int:
    with session_scope() as session:
        return len(session.exec(select(Newsletter.id)).all())


def test_an_empty_subject_and_body_are_refused_together(demo_url: str) -> None:
    before = _stored()  # the demo's sent newsletter and scheduled reminder
    at = _open()
    _compose(at, "", "", kind="観光情報")
    at.button(key="colead_news_send").click()
    _run(at)
    errors = " ".join(e.value for e in at.error)
    assert "件名を入力してください。" in errors and "本文を入力してください。" in errors

    _widget(at.text_area, BODY).input("{氏名} 様\n\n本文だけ書きました。")
    at.button(key="colead_news_send").click()
    _run(at)
    errors = " ".join(e.value for e in at.error)
    assert "件名を入力してください。" in errors and "本文を入力してください。" not in errors
    assert _widget(at.text_area, BODY).value == "{氏名} 様\n\n本文だけ書きました。"
    assert _stored() == before


def test_a_scheduled_newsletter_can_be_called_off(demo_url: str) -> None:
    at = _open()
    subject = "来月のミートアップ"
    _compose(at, subject, "{氏名} 様\n\nご案内です。")
    _widget(at.radio, "送信").set_value("later")
    _run(at)
    tomorrow = today_in_japan() + timedelta(days=1)
    assert _widget(at.date_input, "送信日").value == tomorrow
    at.button(key="colead_news_send").click()
    _run(at)
    assert any(f"「{subject}」を" in s.value and "予約しました" in s.value for s in at.success)
    [(letter, _)] = _newsletters(subject)
    assert letter.status == "scheduled"
    text = visible_text(at)
    assert f"**{subject}**　:blue-badge[予約]" in text
    cancel = at.button(key=f"colead_news_cancel_{letter.id}")
    assert cancel.label == "予約を取り消す"
    cancel.click()
    _run(at)
    assert "予約を取り消しました。" in visible_text(at)
    assert f"**{subject}**　:blue-badge[取り消し]" in visible_text(at)
    assert not [b for b in at.button if b.key == f"colead_news_cancel_{letter.id}"]
    assert _newsletters(subject)[0][0].status == "cancelled"


def test_starter_templates_are_added_and_loaded(demo_url: str) -> None:
    at = _open()
    programme_id = at.session_state["colead_programme_id"]
    with session_scope() as session:  # the demo's programmes start with the three
        for template in session.exec(
            select(MessageTemplate).where(MessageTemplate.programme_id == programme_id)
        ).all():
            session.delete(template)
        session.commit()
    _run(at)
    assert "テンプレートはまだありません。" in visible_text(at)
    seed = next(b for b in at.button if b.label.startswith("よく使う3つのテンプレート"))
    seed.click()
    _run(at)
    text = visible_text(at)
    assert "テンプレートを3件追加しました。" in text
    for name in ("ミートアップのご案内", "フィールドワークツアーのご案内", "月次ニュース"):
        assert f"**{name}**" in text
    delete = next(b for b in at.button if b.label == "削除")
    delete.click()
    _run(at)
    assert "テンプレートを削除しました。" in visible_text(at)
    assert len([b for b in at.button if b.label == "削除"]) == 2

    with session_scope() as session:
        monthly = session.exec(
            select(MessageTemplate.id).where(
                MessageTemplate.name == "月次ニュース",
                MessageTemplate.programme_id == programme_id,
            )
        ).one()
    _widget(at.selectbox, "テンプレートから作成").select(monthly)
    _run(at)
    button(at, "テンプレートを読み込む").click()
    _run(at)
    assert "テンプレート「月次ニュース」を読み込みました。" in visible_text(at)
    assert text_input(at, SUBJECT).value == "【月次ニュース】地域からのお知らせ"
    assert _widget(at.text_area, BODY).value.startswith("{氏名} 様\n\n今月の地域の話題")
    assert _widget(at.selectbox, KIND).value == "地域の時事ネタ"


def test_a_viewer_reads_but_cannot_send(demo_url: str) -> None:
    staff = _open()
    subject = "閲覧者にも見えるお知らせ"
    _compose(staff, subject, "{氏名} 様\n\n本文")
    staff.button(key="colead_news_send").click()
    _run(staff)
    assert _newsletters(subject)

    at = _open("viewer")
    text = visible_text(at)
    assert "閲覧のみの権限では送信できません。" in text
    assert not [b for b in at.button if b.label.endswith("名に送信する") or b.label == "予約する"]
    assert SUBJECT not in [w.label for w in at.text_input]
    # the demo viewer sees the staff's programme: the sent list reads, without a cancel button
    assert at.session_state["colead_programme_id"] == staff.session_state["colead_programme_id"]
    assert f"**{subject}**　:blue-badge[予約]" in text
    assert not [b for b in at.button if b.label == "予約を取り消す"]


def _open_public(token: str | None):  # type: ignore[no-untyped-def]
    at = new_app()
    if token is not None:
        at.query_params["t"] = token
    at.run(timeout=TIMEOUT)
    at.switch_page("pages/unsubscribe.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def test_a_person_stops_and_resumes_newsletters_by_their_link(demo_url: str) -> None:
    with session_scope(write=True) as session:
        talent = session.exec(
            select(Talent).where(Talent.email != "", outreach.contactable()).order_by(Talent.id)
        ).first()
        assert talent is not None
        talent_id, name = talent.id, talent.name
        token = access_links.issue(session, talent_id, "unsubscribe")

    at = _open_public(token)
    assert "配信停止" in [t.value for t in at.title]
    assert f"{name} 様、" in visible_text(at)
    with session_scope() as session:
        assert session.get(Talent, talent_id).unsubscribed_at is None  # opening changes nothing
    button(at, "配信を停止する").click()
    _run(at)
    assert "配信を停止しました。今後、お知らせメールはお送りしません。" in visible_text(at)
    with session_scope() as session:
        assert session.get(Talent, talent_id).unsubscribed_at is not None

    button(at, "配信を再開する").click()
    _run(at)
    assert "配信を再開しました。" in visible_text(at)
    assert "配信を停止する" in [b.label for b in at.button]
    with session_scope() as session:
        assert session.get(Talent, talent_id).unsubscribed_at is None


def test_a_bad_unsubscribe_link_offers_nothing(demo_url: str) -> None:
    for token in (None, "made-up-token"):
        at = _open_public(token)
        assert any(w.value.startswith("このリンクは使えません") for w in at.warning)
        assert not at.button
