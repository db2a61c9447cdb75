"""The guideline's timetables: blocks, start times, the two-hour warning."""

from __future__ import annotations

from datetime import time

from colead.services.agenda import meetup_agenda, pre_meeting_agendas


def test_meetup_blocks_follow_the_guideline_with_start_times() -> None:
    agenda = meetup_agenda(time(19, 0), companies=3, talents=6)
    assert [(i.start, i.title, i.minutes) for i in agenda.items] == [
        (time(19, 0), "趣旨説明", 15),
        (time(19, 15), "地域紹介", 20),
        (time(19, 35), "グループディスカッション", 30),
        (time(20, 5), "地域中小企業の紹介（15分×3社）", 45),
        (time(20, 50), "人材の自己紹介（5分×6名）", 30),
        (time(21, 20), "今後に関する説明", 5),
    ]
    assert agenda.minutes == 145
    assert agenda.too_long


def test_a_short_meetup_is_not_flagged() -> None:
    agenda = meetup_agenda(time(10, 0), companies=1, talents=4)
    assert agenda.minutes == 15 + 20 + 30 + 15 + 20 + 5 == 105
    assert not agenda.too_long
    assert agenda.items[-1].end == time(11, 45)


def test_blocks_without_companies_or_people_are_left_out() -> None:
    titles = [i.title for i in meetup_agenda(time(10, 0), companies=0, talents=0).items]
    assert titles == ["趣旨説明", "地域紹介", "グループディスカッション", "今後に関する説明"]


def test_pre_meetings_are_sixty_minutes_per_company_back_to_back() -> None:
    agendas = pre_meeting_agendas(time(13, 0), ["釧路水産加工", "阿寒観光"])
    assert [name for name, _ in agendas] == ["釧路水産加工", "阿寒観光"]
    first, second = agendas[0][1], agendas[1][1]
    assert [i.minutes for i in first.items] == [20, 10, 20, 10]
    assert first.minutes == 60
    assert (first.items[0].start, first.items[-1].end) == (time(13, 0), time(14, 0))
    assert second.items[0].start == time(14, 0)
