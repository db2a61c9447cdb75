"""What staff see of the fieldwork tour: B-5 registers the tour and its pre-meetings in one step
and asks before repeating them; the events list shows a cancelled event as 中止, cancelling
lists the registrants to tell, an event with registrations is not deleted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as time_
from io import BytesIO

from openpyxl import load_workbook
from sqlmodel import col, select
from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.i18n import JST, to_jst
from colead.models import Company, Event, EventKind, Talent
from colead.services import accounts, answers, events, export
from colead.services.events import EventInput
from colead.ui.events_page import NEW as NEW_EVENT
from colead.ui.nav import worksheet_page
from colead.worksheets import WORKSHEETS
from tests.app.helpers import TIMEOUT, button, new_app, sign_in, visible_text

B5 = WORKSHEETS["B-5"]
B5_ITINERARY = next(q for q in B5.questions() if q.id == "s4_itinerary")
FIRST_DAY = date(2027, 1, 20)


def _programme(at: AppTest) -> int:
    return at.session_state["colead_programme_id"]


def _b5_companies(programme_id: int, count: int) -> list[str]:
    """Answer B-5's participating companies (STEP4) with the programme's first `count`."""
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        companies = session.exec(
            select(Company).where(Company.programme_id == programme_id).order_by(Company.id)
        ).all()[:count]
        rows = [{"record_id": c.id} for c in companies]
        stored = answers.load_answers(session, staff, programme_id, B5).get("s4_companies")
        version = stored.version if stored else 0
        answers.save_answer(session, staff, programme_id, B5, "s4_companies", rows, version)
        return [c.name for c in companies]


def _events_of(programme_id: int, since: date) -> list[Event]:
    with session_scope() as session:
        return list(
            session.exec(
                select(Event)
                .where(
                    Event.programme_id == programme_id,
                    col(Event.kind).in_([EventKind.PRE_MEETING, EventKind.TOUR]),
                    Event.starts_at >= datetime.combine(since, datetime.min.time(), tzinfo=JST),
                )
                .order_by(Event.starts_at, Event.id)
            ).all()
        )


def _fill_tour_form(at: AppTest) -> None:
    next(d for d in at.date_input if d.label == "ツアー初日").set_value(FIRST_DAY)
    next(d for d in at.date_input if d.label == "事前顔合わせの実施日").set_value(
        FIRST_DAY - timedelta(days=7)
    )
    next(n for n in at.number_input if n.label == "日数").set_value(3)
    next(w for w in at.text_input if w.label == "オンラインツール").input("Zoom")
    button(at, "まとめて登録").click()
    at.run(timeout=TIMEOUT)


def test_b5_registers_a_three_day_tour_and_its_pre_meetings_in_one_step(
    demo_url: str,
) -> None:
    at = sign_in(new_app(), "staff")
    pid = _programme(at)
    names = _b5_companies(pid, 2)
    at.switch_page(worksheet_page("B-5").path).run(timeout=TIMEOUT)
    assert not at.exception
    assert "フィールドワークツアーと事前顔合わせをイベントに登録" in visible_text(at)
    assert "事前顔合わせを登録する（参加企業2社、1社60分）" in [c.label for c in at.checkbox]

    _fill_tour_form(at)
    assert not at.exception
    text = visible_text(at)
    assert "3件のイベントを登録しました。" in text
    since = FIRST_DAY - timedelta(days=7)
    made = _events_of(pid, since)
    assert [e.kind for e in made] == [EventKind.PRE_MEETING] * 2 + [EventKind.TOUR]
    assert [e.title for e in made[:2]] == [f"事前顔合わせ（{n}）" for n in names]
    assert {e.online_tool for e in made[:2]} == {"Zoom"}
    tour = made[2]
    assert to_jst(tour.starts_at).date() == FIRST_DAY
    assert to_jst(tour.ends_at).date() == FIRST_DAY + timedelta(days=2)
    assert "2027年1月20日 13:00〜2027年1月22日 17:00" in text

    # the same again: asked first, nothing made until confirmed
    _fill_tour_form(at)
    assert "同じ種類・名称・開催日のイベントがすでに登録されています" in visible_text(at)
    assert len(_events_of(pid, since)) == 3
    button(at, "それでも登録する").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert len(_events_of(pid, since)) == 6


def test_a_viewer_sees_no_tour_form(demo_url: str) -> None:
    at = sign_in(new_app(), "viewer")
    at.switch_page(worksheet_page("B-5").path).run(timeout=TIMEOUT)
    assert not at.exception
    assert "フィールドワークツアーと事前顔合わせをイベントに登録" not in visible_text(at)


# --- B-5's example itinerary: shown apart, the answer only once used ------------------------


def _stored_itinerary(programme_id: int):  # type: ignore[no-untyped-def]
    with session_scope() as session:
        staff = accounts.load_actor(session, "staff")
        stored = answers.load_answers(session, staff, programme_id, B5).get("s4_itinerary")
        return stored.value if stored else None


def _exported_texts(programme_id: int) -> list[str]:
    with session_scope() as session:
        staff = accounts.load_actor(session, "staff")
        book = load_workbook(BytesIO(export.workbook(session, staff, programme_id, [B5])))
    return [
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    ]


def test_the_example_itinerary_is_shown_as_an_example_until_used(demo_url: str) -> None:
    at = sign_in(new_app(), "staff")
    pid = _programme(at)
    at.switch_page(worksheet_page("B-5").path).run(timeout=TIMEOUT)
    assert "ガイドラインの例（まだ回答ではありません）" in visible_text(at)
    table = at.session_state["ws:B-5||s4_itinerary:grid"]
    assert table.base is None  # the answer's table is empty: the example is not shown as it
    assert _stored_itinerary(pid) is None
    assert not any("現地への移動" in text for text in _exported_texts(pid))

    button(at, "この例を回答に入れる").click()
    at.run(timeout=TIMEOUT)
    assert not at.exception
    expected = B5_ITINERARY.example_rows()
    assert _stored_itinerary(pid) == expected
    assert "ガイドラインの例（まだ回答ではありません）" not in visible_text(at)
    editor = next(e for e in at.data_editor if list(e.value.columns) == ["day", "am", "pm"])
    assert editor.value.to_dict("records") == expected  # what is shown is what is stored
    assert any("現地への移動" in text for text in _exported_texts(pid))


def test_a_viewer_sees_the_example_without_the_button(demo_url: str) -> None:
    at = sign_in(new_app(), "viewer")
    at.switch_page(worksheet_page("B-5").path).run(timeout=TIMEOUT)
    assert "ガイドラインの例（まだ回答ではありません）" in visible_text(at)
    assert "この例を回答に入れる" not in [b.label for b in at.button]


# --- the events page: several days, a repeat asked about, cancel and delete -----------------


def _events_page(user: str = "staff") -> AppTest:
    at = sign_in(new_app(), user)
    at.switch_page("pages/events.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _tour_with_registrants(programme_id: int, title: str, people: int) -> tuple[int, list[str]]:
    """A tour next year with the first `people` of the programme registered; their e-mails."""
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        start = datetime(2027, 2, 10, 13, tzinfo=JST)
        event = events.create_event(
            session,
            staff,
            programme_id,
            EventInput(EventKind.TOUR, title, start, ends_at=start + timedelta(days=2, hours=4)),
        )
        talent = session.exec(
            select(Talent)
            .where(Talent.programme_id == programme_id, Talent.email != "")
            .order_by(Talent.id)
        ).all()[:people]
        if talent:
            events.register(session, staff, event.id, [p.id for p in talent])
        return event.id, [p.email for p in talent]


def _open(at: AppTest, event_id: int) -> AppTest:
    next(w for w in at.selectbox if w.label == "種類").set_value(EventKind.TOUR)
    at = _run(at)
    next(w for w in at.selectbox if w.label == "出欠を確認するイベント").set_value(event_id)
    return _run(at)


def _listed(at: AppTest, title: str) -> dict:  # type: ignore[type-arg]
    table = next(d.value for d in at.dataframe if "状態" in d.value.columns)
    return table[table["名称"] == title].iloc[0].to_dict()


def test_cancelling_marks_the_event_and_lists_the_registrants_to_tell(demo_url: str) -> None:
    at = _events_page()
    event_id, emails = _tour_with_registrants(_programme(at), "冬の釧路ツアー", 2)
    at = _open(at, event_id)
    assert _listed(at, "冬の釧路ツアー")["状態"] == "予定"
    assert "2027年2月10日 13:00〜2027年2月12日 17:00" in _listed(at, "冬の釧路ツアー")["日時"]

    # deleting is refused: people registered
    next(c for c in at.checkbox if c.label == "削除します（元に戻せません）").check()
    button(at, "このイベントを削除する").click()
    at = _run(at)
    assert "申込・出欠の記録（2件）があるイベントは削除できません。中止にしてください。" in (
        visible_text(at)
    )

    button(at, "このイベントを中止にする").click()
    at = _run(at)
    assert "中止にする場合は、確認のチェックを入れてください。" in visible_text(at)
    next(c for c in at.checkbox if c.label.startswith("中止にします")).check()
    button(at, "このイベントを中止にする").click()
    at = _run(at)
    text = visible_text(at)
    assert "イベント「冬の釧路ツアー」を中止にしました。" in text
    assert "中止をお知らせした申込者（2名）" in text
    assert "このイベントは中止です。" in text
    assert _listed(at, "冬の釧路ツアー")["状態"] == "中止"
    told = next(d.value for d in at.dataframe if "メールアドレス" in d.value.columns)
    assert sorted(told["メールアドレス"]) == sorted(emails)
    assert all(email in at.code[0].value for email in emails)  # one block to copy
    assert "申込を登録" not in [b.label for b in at.button]  # no more registrations
    with session_scope() as session:
        assert session.get(Event, event_id).cancelled_at is not None


def test_an_event_nobody_registered_for_is_deleted(demo_url: str) -> None:
    at = _events_page()
    event_id, _ = _tour_with_registrants(_programme(at), "誤って登録したツアー", 0)
    at = _open(at, event_id)
    next(c for c in at.checkbox if c.label == "削除します（元に戻せません）").check()
    button(at, "このイベントを削除する").click()
    at = _run(at)
    assert "イベント「誤って登録したツアー」を削除しました。" in visible_text(at)
    with session_scope() as session:
        assert session.get(Event, event_id) is None


def test_the_event_form_takes_several_days_and_asks_before_a_repeat(demo_url: str) -> None:
    at = _events_page()
    at.session_state[NEW_EVENT] = True  # what opening the expander does
    at = _run(at)

    def fill(at: AppTest) -> AppTest:
        kinds = [w for w in at.selectbox if w.label == "種類"]
        kinds[-1].set_value(EventKind.TOUR)
        next(w for w in at.text_input if w.label == "名称 *").input("春の釧路ツアー")
        next(w for w in at.date_input if w.label == "開催日").set_value(date(2027, 4, 7))
        next(w for w in at.date_input if w.label == "終了日").set_value(date(2027, 4, 9))
        next(w for w in at.time_input if w.label == "開始").set_value(time_(13))
        next(w for w in at.time_input if w.label == "終了").set_value(time_(17))
        button(at, "イベントを登録").click()
        return _run(at)

    at = fill(at)
    assert "イベント「春の釧路ツアー」を登録しました。" in visible_text(at)
    with session_scope() as session:
        (event,) = session.exec(select(Event).where(Event.title == "春の釧路ツアー")).all()
    assert to_jst(event.ends_at) == datetime(2027, 4, 9, 17, tzinfo=JST)

    at = fill(at)
    assert "同じ種類・名称・開催日のイベントがすでに登録されています" in visible_text(at)
    button(at, "登録をやめる").click()
    at = _run(at)
    at = fill(at)
    button(at, "それでも登録する").click()
    at = _run(at)
    assert "イベント「春の釧路ツアー」を登録しました。" in visible_text(at)
    with session_scope() as session:
        assert len(session.exec(select(Event).where(Event.title == "春の釧路ツアー")).all()) == 2
