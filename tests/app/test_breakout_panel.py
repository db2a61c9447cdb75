"""The meetup's breakout groups on the events page, as a facilitator and a viewer use them:
every attendee in exactly one group, the size changes the groups, the print view, the CSV."""

from __future__ import annotations

from sqlmodel import col, select

from colead.db import session_scope
from colead.models import Attendance, AttendanceStatus, Event, EventKind, Talent, TalentStatus
from colead.services.breakout import group_count
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

GROUP_SIZE = "1グループの人数（目安）"


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|<>~:$" else c for c in text)


def _open_event(username: str, kind: EventKind = EventKind.MEETUP):  # type: ignore[no-untyped-def]
    """The events page with the programme's first event of `kind` opened; and its id."""
    at = sign_in(new_app(), username)
    at.switch_page("pages/events.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    with session_scope() as session:
        event_id = session.exec(
            select(Event.id)
            .where(
                Event.programme_id == at.session_state["colead_programme_id"], Event.kind == kind
            )
            .order_by(col(Event.starts_at))
        ).first()
    assert event_id is not None
    picker = next(w for w in at.selectbox if w.label == "出欠を確認するイベント")
    picker.select(event_id).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at, event_id


def _expected(event_id: int) -> tuple[str, list[str]]:
    """Whom the groups are made of, read here on its own: the attended, else the registered."""
    with session_scope() as session:
        rows = session.exec(
            select(Talent.name, Attendance.status)
            .join(Attendance, col(Attendance.talent_id) == col(Talent.id))
            .where(Attendance.event_id == event_id, Talent.status != TalentStatus.WITHDRAWN)
        ).all()
    basis = (
        AttendanceStatus.ATTENDED
        if any(s == AttendanceStatus.ATTENDED for _, s in rows)
        else AttendanceStatus.REGISTERED
    )
    return str(basis), sorted(name for name, s in rows if s == basis)


def _group_headings(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.value for m in at.markdown if m.value.startswith("### :primary[グループ")]


def _cards(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The people's lines of the group cards: a name in bold over its talent types."""
    return [m.value for m in at.markdown if m.value.startswith("**") and "  \n:gray[" in m.value]


def test_the_meetup_shows_everyone_in_exactly_one_group_with_the_csv(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    at, meetup = _open_event("staff")
    basis, names = _expected(meetup)
    assert len(names) >= 10  # the demo's meetup is worth splitting
    text = visible_text(at)
    assert "グループ分け（ブレイクアウトルーム）" in [s.value for s in at.subheader]
    assert "５名程度のグループ分け" in text  # the guideline's sentence
    expected_basis = "出席者" if basis == "attended" else "申込者"
    assert f"{expected_basis} {len(names)}名から {group_count(len(names))}グループ" in text
    headings = _group_headings(at)
    assert headings[0].startswith("### :primary[グループ1]")
    assert len(headings) == group_count(len(names))
    cards = _cards(at)
    for name in names:
        assert sum(line.startswith(f"**{_escaped(name)}**  \n") for line in cards) == 1, name
    assert len(cards) == len(names)

    csv = downloads[next(n for n in downloads if n.startswith("breakout_groups_"))]
    assert csv.startswith(b"\xef\xbb\xbf")  # utf-8-sig: Excel reads the Japanese
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[0] == "グループ,氏名,人材タイプ"
    rows = [line.split(",") for line in lines[1:]]
    assert sorted(row[1] for row in rows) == names
    assert {int(row[0]) for row in rows} == set(range(1, len(headings) + 1))
    assert any(n.endswith(".xlsx") for n in downloads)


def test_the_group_size_changes_the_number_of_groups(demo_url: str) -> None:
    at, meetup = _open_event("staff")
    _, names = _expected(meetup)
    size = next(w for w in at.number_input if w.label == GROUP_SIZE)
    assert size.value == 5
    size.set_value(3).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    assert len(_group_headings(at)) == group_count(len(names), 3) > group_count(len(names))
    assert len(_cards(at)) == len(names)
    next(w for w in at.number_input if w.label == GROUP_SIZE).set_value(10).run(timeout=TIMEOUT)
    assert len(_group_headings(at)) == group_count(len(names), 10) < group_count(len(names))


def test_the_print_view_lists_the_same_groups_without_widgets(demo_url: str) -> None:
    at, meetup = _open_event("staff")
    _, names = _expected(meetup)
    groups = len(_group_headings(at))
    next(w for w in at.toggle if w.label == "印刷用の表示").set_value(True).run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    # the page's own calendar download stays above the panel (the print prints only the sheet)
    panel_downloads = [b.label for b in at.download_button if not b.key.startswith("colead_event_")]
    assert _cards(at) == [] and panel_downloads == []
    sheet = next(m.value for m in at.markdown if "## グループ1（" in m.value)
    assert sheet.count("\n## グループ") == groups
    lines = [line for line in sheet.splitlines() if line.startswith("1. ")]
    shown = sorted(line[3:].split("　（")[0] for line in lines)
    assert shown == sorted(f"**{_escaped(name)}**" for name in names)


def test_a_viewer_sees_the_groups_too(demo_url: str) -> None:
    at, meetup = _open_event("viewer")
    _, names = _expected(meetup)
    assert len(_cards(at)) == len(names)
    assert any(b.label == "CSVをダウンロード" for b in at.download_button)


def test_an_event_other_than_a_meetup_has_no_groups(demo_url: str) -> None:
    at, _ = _open_event("staff", EventKind.TOUR)
    assert "グループ分け（ブレイクアウトルーム）" not in [s.value for s in at.subheader]
