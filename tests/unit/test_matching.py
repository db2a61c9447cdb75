"""Match suggestions: each criterion on known data, weights, access, ranking, the bulk matrix."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from colead.db import get_engine
from colead.i18n import JST, translate
from colead.models import (
    Attendance,
    AuditLog,
    Company,
    CompanyNeed,
    DeliveryRecipient,
    Event,
    EventKind,
    InformationDelivery,
    MatchWeight,
    Milestone,
    MilestoneKind,
    Programme,
    Project,
    ProjectMember,
    Region,
    Role,
    SkillType,
    Talent,
    TalentSkill,
    WorksheetAnswer,
)
from colead.services import matching
from colead.services.access import AccessDenied, Actor
from colead.services.answers import save_answer
from colead.services.errors import InvalidInput
from colead.services.matching import MatchWeights, Suggestion
from colead.worksheets import WORKSHEETS

B3 = WORKSHEETS["B-3"]
TODAY = date(2026, 11, 24)
ENGINEER, DATA, UX, SECURITY = (
    SkillType.ENGINEER,
    SkillType.DATA_SCIENTIST,
    SkillType.UX_DESIGNER,
    SkillType.SECURITY,
)


@dataclass(frozen=True)
class Setting:
    pid: int
    other_pid: int
    company: int  # needs engineer + data scientist, industry 水産加工
    staff: Actor
    viewer: Actor
    outsider: Actor


def _programme(s: Session, name: str) -> tuple[int, int]:
    region = Region(name=name, prefecture="北海道")
    s.add(region)
    s.flush()
    programme = Programme(region_id=region.id, fiscal_year=2026, name=name)
    s.add(programme)
    s.flush()
    return region.id, programme.id


def _company(
    s: Session, pid: int, name: str, needs: tuple[SkillType, ...] = (), **fields: object
) -> int:
    company = Company(programme_id=pid, name=name, **fields)
    s.add(company)
    s.flush()
    s.add_all(CompanyNeed(company_id=company.id, skill_type=skill) for skill in needs)
    s.flush()
    return company.id


def _person(
    s: Session,
    pid: int,
    name: str,
    skills: tuple[SkillType, ...] = (),
    interests: str = "",
    status: str = "active",
) -> int:
    talent = Talent(
        programme_id=pid, name=name, applied_on=date(2026, 5, 1), interests=interests, status=status
    )
    s.add(talent)
    s.flush()
    s.add_all(TalentSkill(talent_id=talent.id, skill_type=skill) for skill in skills)
    s.flush()
    return talent.id


def _event(
    s: Session,
    pid: int,
    kind: EventKind,
    attendance: dict[int, str],
    *,
    at: datetime = datetime(2026, 10, 1, 5, tzinfo=UTC),
    company: int | None = None,
) -> int:
    item = Event(programme_id=pid, kind=kind, title=str(kind), starts_at=at, company_id=company)
    s.add(item)
    s.flush()
    s.add_all(Attendance(event_id=item.id, talent_id=t, status=st) for t, st in attendance.items())
    s.flush()
    return item.id


def _project(
    s: Session, pid: int, company: int, members: tuple[int, ...], *, finished: bool = False
) -> int:
    project = Project(programme_id=pid, company_id=company, theme="需要予測", starts_on=TODAY)
    s.add(project)
    s.flush()
    s.add_all(ProjectMember(project_id=project.id, talent_id=t) for t in members)
    s.add(
        Milestone(
            project_id=project.id,
            kind=MilestoneKind.FINAL_REPORT,
            title="最終報告会",
            due_on=TODAY,
            done_on=TODAY if finished else None,
        )
    )
    s.flush()
    return project.id


def _delivery(s: Session, pid: int, sent_on: date, people: tuple[int, ...]) -> None:
    delivery = InformationDelivery(
        programme_id=pid, kind="news", channel="mail", sent_on=sent_on, subject="お知らせ"
    )
    s.add(delivery)
    s.flush()
    s.add_all(DeliveryRecipient(delivery_id=delivery.id, talent_id=t) for t in people)
    s.flush()


@pytest.fixture
def setting(write_session: Session, make_actor) -> Setting:  # type: ignore[no-untyped-def]
    region, pid = _programme(write_session, "釧路市")
    other_region, other_pid = _programme(write_session, "松本市")
    company = _company(write_session, pid, "釧路港水産加工", (ENGINEER, DATA), industry="水産加工")
    return Setting(
        pid=pid,
        other_pid=other_pid,
        company=company,
        staff=make_actor(Role.STAFF, (region,)),
        viewer=make_actor(Role.VIEWER, (region,)),
        outsider=make_actor(Role.STAFF, (other_region,)),
    )


def _suggest(s: Session, setting: Setting, company: int | None = None, **options) -> dict:  # type: ignore[no-untyped-def]
    found = matching.suggest_for_company(
        s, setting.staff, company or setting.company, TODAY, limit=None, **options
    )
    return {suggestion.talent_id: suggestion for suggestion in found}


def _texts(suggestion: Suggestion, criterion: str, lang: str = "ja") -> list[tuple[str, bool]]:
    return [
        (translate(r.key, lang, **r.params), r.met) for r in suggestion.criterion(criterion).reasons
    ]


# --- keywords -----------------------------------------------------------------------------------


def test_interests_split_into_keywords_with_their_terms() -> None:
    keywords = matching.interest_keywords(
        "水産業のデータ活用、酪農DX／ものづくり現場のＩｏＴ,  地域の人との交流\n観光・食"
    )
    assert [k.shown for k in keywords] == [
        "水産業のデータ活用",
        "酪農DX",
        "ものづくり現場のIoT",
        "地域の人との交流",
        "観光",
        "食",
    ]
    terms = {k.shown: [t.shown for t in k.terms] for k in keywords}
    # hiragana are glue; 業 is also tried away; generic words (活用, DX, 地域) never count
    assert terms["水産業のデータ活用"] == ["水産業", "水産", "データ"]
    assert terms["酪農DX"] == ["酪農"]
    assert terms["ものづくり現場のIoT"] == ["現場", "IoT"]
    assert terms["地域の人との交流"] == ["交流"]
    assert terms["食"] == []  # one character says too little
    assert matching.interest_keywords("  ") == ()


# --- skills -------------------------------------------------------------------------------------


def test_skills_is_the_share_of_needed_types_offered_and_names_both(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    half = _person(s, setting.pid, "半分", (ENGINEER, UX))
    full = _person(s, setting.pid, "全部", (DATA, ENGINEER))
    none = _person(s, setting.pid, "なし", (SECURITY,))
    found = _suggest(s, setting)
    assert found[half].criterion("skills").score == 0.5
    assert found[full].criterion("skills").score == 1.0
    assert found[none].criterion("skills").score == 0.0
    assert _texts(found[half], "skills") == [
        ("必要な人材タイプ 2件中1件に該当", False),
        ("エンジニア・オペレータ：該当", True),
        ("データサイエンティスト：該当なし", False),
    ]
    assert _texts(found[half], "skills", "en")[1:] == [
        ("Engineer / operator: offered", True),
        ("Data scientist: not offered", False),
    ]
    assert _texts(found[full], "skills")[0] == ("必要な人材タイプ 2件中2件に該当", True)
    assert found[half].skills == (UX, ENGINEER)  # in SkillType order


def test_a_company_without_needs_scores_no_skills_and_says_why(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    bakery = _company(s, setting.pid, "霧の街ベーカリー", industry="食品製造")
    person = _person(s, setting.pid, "田中", (ENGINEER,))
    found = _suggest(s, setting, bakery)
    assert found[person].criterion("skills").score == 0.0
    assert _texts(found[person], "skills") == [("B-3の人材ニーズが未記入", False)]


# --- interests ----------------------------------------------------------------------------------


def test_interests_match_the_company_text_and_b3_answers(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    save_answer(
        s, setting.staff, setting.pid, B3, "s3_barriers", "在庫データが紙で管理されている", 0,
        setting.company,
    )  # fmt: skip
    rows = [{"rank": 1, "issue": "冬季の物流コスト"}]
    save_answer(s, setting.staff, setting.pid, B3, "s4_priorities", rows, 0, setting.company)
    # STEP5 is the needs themselves: its labels are not "the company's issues"
    talent_types = {"choices": ["データサイエンティスト"], "other": ""}
    save_answer(
        s, setting.staff, setting.pid, B3, "s5_talent_types", talent_types, 0, setting.company
    )
    one = _person(s, setting.pid, "一致1", interests="水産業のデータ活用、湿原と自然体験")
    two = _person(s, setting.pid, "一致2", interests="水産加工・物流の効率化・ＩｏＴ")
    generic = _person(s, setting.pid, "一般", interests="地域の中小企業のDX推進")
    s5_only = _person(s, setting.pid, "職種", interests="サイエンティスト")
    blank = _person(s, setting.pid, "未登録")

    found = _suggest(s, setting)
    assert found[one].criterion("interests").score == 0.5
    assert _texts(found[one], "interests") == [
        ("関心分野 2件中1件が企業と一致", False),
        ("「水産業のデータ活用」が一致（水産・データ）", True),
        ("「湿原と自然体験」は一致なし", False),
    ]
    assert found[two].criterion("interests").score == 1.0  # two matches are enough
    assert _texts(found[two], "interests") == [
        ("関心分野 3件中2件が企業と一致", True),
        ("「水産加工」が一致", True),
        ("「物流の効率化」が一致（物流）", True),
        ("「IoT」は一致なし", False),
    ]
    assert found[generic].criterion("interests").score == 0.0
    assert _texts(found[generic], "interests")[0] == ("関心分野に企業と一致するものなし", False)
    assert found[s5_only].criterion("interests").score == 0.0
    assert _texts(found[blank], "interests") == [("関心分野が未登録", False)]


def test_latin_terms_match_whole_words_and_an_empty_company_matches_nothing(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    mail = _company(s, setting.pid, "メール便", note="Email marketing と AI 需要予測")
    empty = _company(s, setting.pid, "白紙")
    person = _person(s, setting.pid, "佐藤", interests="ai・ＩｏＴ・マーケティング")
    found = _suggest(s, setting, mail)
    assert found[person].criterion("interests").score == 0.5
    assert [r.params.get("keyword") for r in found[person].criterion("interests").reasons] == [
        None,
        "ai",
        "IoT",
        "マーケティング",
    ]  # "ai" is a word of the note; "IoT" is not, though "mail" contains "ai"
    found = _suggest(s, setting, empty)
    assert _texts(found[person], "interests") == [("企業の業種・課題（B-3）が未記入", False)]


# --- participation ------------------------------------------------------------------------------


def test_participation_counts_attended_events_and_only_this_companys_pre_meeting(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    other = _company(s, setting.pid, "阿寒ミルクファーム")
    a, b, c = (_person(s, setting.pid, name) for name in ("A", "B", "C"))
    _event(s, setting.pid, EventKind.MEETUP, {a: "attended", b: "registered", c: "attended"})
    _event(s, setting.pid, EventKind.TOUR, {a: "attended", b: "absent"})
    _event(s, setting.pid, EventKind.PRE_MEETING, {a: "attended", b: "attended"}, company=other)
    here = {a: "attended", c: "registered"}
    _event(s, setting.pid, EventKind.PRE_MEETING, here, company=setting.company)
    _event(s, setting.pid, EventKind.MONTHLY_MEETING, {b: "attended"})  # not a participation step
    # an event of another programme never counts
    _event(s, setting.other_pid, EventKind.MEETUP, {b: "attended"})

    found = _suggest(s, setting)
    assert found[a].criterion("participation").score == pytest.approx(1.0)
    assert found[b].criterion("participation").score == 0.0
    assert found[c].criterion("participation").score == 0.25
    assert _texts(found[c], "participation") == [
        ("ミートアップに参加", True),
        ("ツアーに未参加", False),
        ("この企業との事前顔合わせに未参加", False),
    ]
    assert _texts(_suggest(s, setting, other)[b], "participation")[2] == (
        "この企業との事前顔合わせに参加",
        True,
    )


# --- load ---------------------------------------------------------------------------------------


def test_load_counts_current_projects_and_flags_this_companys_team(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    other = _company(s, setting.pid, "道東製紙サービス")
    free, one, two, done, here = (
        _person(s, setting.pid, name) for name in ("空き", "1件", "2件", "完了", "当社")
    )
    _project(s, setting.pid, other, (one, two))
    _project(s, setting.pid, other, (two,))
    _project(s, setting.pid, other, (done,), finished=True)  # a finished project is no load
    _project(s, setting.pid, setting.company, (here,))

    found = _suggest(s, setting)
    assert here not in found  # the company's own team is normally left out
    assert {t: found[t].criterion("load").score for t in (free, one, two, done)} == {
        free: 1.0,
        one: 0.5,
        two: 0.0,
        done: 1.0,
    }
    assert _texts(found[two], "load") == [("参加中のプロジェクト 2件", False)]
    assert _texts(found[free], "load") == [("参加中のプロジェクトなし", True)]
    assert not any(suggestion.already_on_project for suggestion in found.values())

    with_team = _suggest(s, setting, include_team=True)
    assert with_team[here].already_on_project
    assert with_team[here].criterion("load").score == 0.5
    assert _texts(with_team[here], "load") == [
        ("参加中のプロジェクト 1件", False),
        ("この企業のプロジェクトに参加中", False),
    ]
    assert _suggest(s, setting, other, include_team=True)[here].already_on_project is False


# --- engagement ---------------------------------------------------------------------------------


def test_engagement_falls_with_days_since_the_last_contact_in_japan_time(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    early, mailed, stale, never = (
        _person(s, setting.pid, name) for name in ("朝", "メール", "疎遠", "未接触")
    )
    # 08:00 JST on 25 October is still 24 October in UTC: the Japanese day counts, 30 days ago
    morning = datetime(2026, 10, 25, 8, tzinfo=JST)
    _event(s, setting.pid, EventKind.MEETUP, {early: "attended"}, at=morning)
    _delivery(s, setting.pid, TODAY - timedelta(days=105), (mailed,))
    _delivery(s, setting.pid, TODAY - timedelta(days=200), (stale,))

    found = _suggest(s, setting)
    assert found[early].criterion("engagement").score == 1.0
    assert _texts(found[early], "engagement") == [("最後の接点は30日前", True)]
    assert found[mailed].criterion("engagement").score == pytest.approx(0.5)
    assert _texts(found[mailed], "engagement") == [
        ("最後の接点は105日前（間隔が空いている）", False)
    ]
    assert found[stale].criterion("engagement").score == 0.0
    assert found[never].criterion("engagement").score == 0.0
    assert _texts(found[never], "engagement") == [("接点の記録なし", False)]
    assert [matching.engagement_score(d) for d in (0, 31, 179, 180, None)] == [
        1.0,
        pytest.approx(149 / 150),
        pytest.approx(1 / 150),
        0.0,
        0.0,
    ]


# --- weights ------------------------------------------------------------------------------------


def test_weights_default_persist_and_are_audited(write_session: Session, setting: Setting) -> None:
    s = write_session
    assert matching.get_weights(s, setting.viewer, setting.pid) == matching.DEFAULT_WEIGHTS
    assert sum(matching.DEFAULT_WEIGHTS.values()) == 100
    s.add(MatchWeight(programme_id=setting.pid, criterion="load", weight=5))
    s.flush()
    assert matching.get_weights(s, setting.staff, setting.pid) == MatchWeights(load=5)

    chosen = MatchWeights(skills=60, interests=0, participation=20, load=10, engagement=10)
    matching.set_weights(s, setting.staff, setting.pid, chosen)
    s.flush()
    assert matching.get_weights(s, setting.viewer, setting.pid) == chosen
    assert matching.get_weights(s, setting.outsider, setting.other_pid) == (
        matching.DEFAULT_WEIGHTS
    )
    log = s.exec(select(AuditLog).where(AuditLog.action == "match.weights")).one()
    assert log.target == f"programme:{setting.pid}"
    assert "skills=60" in log.detail


def test_weights_are_checked(write_session: Session, setting: Setting) -> None:
    s = write_session
    with pytest.raises(InvalidInput) as error:
        matching.set_weights(s, setting.staff, setting.pid, MatchWeights(skills=-1, load=101))
    assert [(e.key, e.params["criterion"]) for e in error.value.errors] == [
        ("match.error.weight_range", "match.criterion.skills"),
        ("match.error.weight_range", "match.criterion.load"),
    ]
    first = error.value.errors[0]
    assert (
        translate(first.key, "ja", **first.params) == "人材タイプの重みは0〜100で入力してください"
    )
    zero = MatchWeights(0, 0, 0, 0, 0)
    with pytest.raises(InvalidInput) as error:
        matching.set_weights(s, setting.staff, setting.pid, zero)
    assert [e.key for e in error.value.errors] == ["match.error.weights_all_zero"]
    with pytest.raises(InvalidInput):
        matching.set_weights(s, setting.staff, setting.pid, MatchWeights(skills=float("nan")))
    with pytest.raises(InvalidInput):  # previewing weights is checked the same way
        matching.score_matrix(s, setting.staff, setting.pid, TODAY, weights=zero)
    assert s.exec(select(MatchWeight)).all() == []
    # rows written around set_weights that could rank nothing fall back to the defaults
    s.add_all(
        MatchWeight(programme_id=setting.pid, criterion=c, weight=0) for c in matching.CRITERIA
    )
    s.flush()
    assert matching.get_weights(s, setting.staff, setting.pid) == matching.DEFAULT_WEIGHTS


def test_a_viewer_reads_but_does_not_set_and_other_regions_see_nothing(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    person = _person(s, setting.pid, "田中", (ENGINEER,))
    assert matching.get_weights(s, setting.viewer, setting.pid)
    found = matching.suggest_for_company(s, setting.viewer, setting.company, TODAY)
    assert [f.talent_id for f in found] == [person]
    assert matching.score_matrix(s, setting.viewer, setting.pid, TODAY)
    with pytest.raises(AccessDenied):
        matching.set_weights(s, setting.viewer, setting.pid, MatchWeights())
    with pytest.raises(AccessDenied):
        matching.set_weights(s, setting.outsider, setting.pid, MatchWeights())
    with pytest.raises(AccessDenied):
        matching.get_weights(s, setting.outsider, setting.pid)
    with pytest.raises(AccessDenied):
        matching.suggest_for_company(s, setting.outsider, setting.company, TODAY)
    with pytest.raises(AccessDenied):
        matching.score_matrix(s, setting.outsider, setting.pid, TODAY)
    with pytest.raises(AccessDenied):
        matching.suggest_for_company(s, setting.staff, 999_999, TODAY)


# --- ranking and totals -------------------------------------------------------------------------


def test_suggestions_are_ranked_by_total_then_skills_then_name(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    best = _person(s, setting.pid, "最適", (ENGINEER, DATA), interests="水産加工")
    _event(s, setting.pid, EventKind.PRE_MEETING, {best: "attended"}, company=setting.company)
    # equal totals: 40 × 0.5 + 15 × 1 (load) vs 15 × 1 (load) + 20 × 1 (participation) = 35
    skilled = _person(s, setting.pid, "技術", (ENGINEER,))
    engaged = _person(s, setting.pid, "参加", ())
    _event(
        s, setting.pid, EventKind.MEETUP, {engaged: "attended"}, at=datetime(2025, 1, 1, tzinfo=UTC)
    )
    _event(
        s, setting.pid, EventKind.TOUR, {engaged: "attended"}, at=datetime(2025, 1, 2, tzinfo=UTC)
    )
    _event(
        s, setting.pid, EventKind.PRE_MEETING, {engaged: "attended"}, company=setting.company,
        at=datetime(2025, 1, 3, tzinfo=UTC),
    )  # fmt: skip
    b, a = _person(s, setting.pid, "B"), _person(s, setting.pid, "A")
    gone = _person(s, setting.pid, "辞退", (ENGINEER, DATA), status="withdrawn")
    _person(s, setting.other_pid, "他地域", (ENGINEER, DATA))

    found = matching.suggest_for_company(s, setting.staff, setting.company, TODAY)
    assert [f.talent_id for f in found] == [best, skilled, engaged, a, b]
    assert gone not in {f.talent_id for f in found}
    assert found[1].total == pytest.approx(35) and found[2].total == pytest.approx(35)
    top = found[0]
    assert sum(c.points for c in top.criteria) == pytest.approx(top.total)
    assert [c.key for c in top.criteria] == list(matching.CRITERIA)
    assert [c.max_points for c in top.criteria] == [40, 15, 20, 15, 10]
    assert len(matching.suggest_for_company(s, setting.staff, setting.company, TODAY, limit=2)) == 2

    # weights change the order: with only participation counting, 参加 comes first
    only = MatchWeights(skills=0, interests=0, participation=100, load=0, engagement=0)
    reordered = matching.suggest_for_company(s, setting.staff, setting.company, TODAY, weights=only)
    assert reordered[0].talent_id == engaged and reordered[0].total == pytest.approx(100)
    assert reordered[0].criterion("skills").max_points == 0


def test_every_reason_reads_in_both_languages(write_session: Session, setting: Setting) -> None:
    s = write_session
    person = _person(s, setting.pid, "田中", (ENGINEER,), interests="水産業、温泉")
    _project(s, setting.pid, setting.company, (person,))
    for suggestion in _suggest(s, setting, include_team=True).values():
        for criterion in suggestion.criteria:
            assert translate(f"match.criterion.{criterion.key}", "en") != (
                f"match.criterion.{criterion.key}"
            )
            for reason in criterion.reasons:
                for lang in ("ja", "en"):
                    assert translate(reason.key, lang, **reason.params) != reason.key


# --- the matrix ---------------------------------------------------------------------------------


def _populate(s: Session, pid: int, companies: int, people: int) -> tuple[list[int], list[int]]:
    """A programme with some of everything, of the given size."""
    skills = list(SkillType)
    company_ids = [
        _company(
            s,
            pid,
            f"企業{i}",
            (skills[i % 5], skills[(i + 2) % 5]) if i % 4 else (),
            industry=("水産加工", "観光", "物流", "酪農")[i % 4],
            note="データ活用で需要予測",
        )
        for i in range(companies)
    ]
    s.add_all(
        WorksheetAnswer(
            programme_id=pid, worksheet="B-3", question="s3_barriers", subject=f"company:{c}",
            company_id=c, value="紙の台帳と人手不足", answered=True,
        )
        for c in company_ids[::2]
    )  # fmt: skip
    talent_ids = [
        _person(
            s,
            pid,
            f"人材{i:03d}",
            (skills[i % 5],) if i % 3 else (skills[i % 5], skills[(i + 1) % 5]),
            interests=("水産業のデータ活用、温泉", "観光DX・物流", "", "酪農 人手不足")[i % 4],
            status="withdrawn" if i % 11 == 5 else "active",
        )
        for i in range(people)
    ]
    _event(s, pid, EventKind.MEETUP, {t: "attended" for t in talent_ids[::2]})
    _event(s, pid, EventKind.TOUR, {t: "attended" for t in talent_ids[::3]})
    for i, c in enumerate(company_ids):
        _event(s, pid, EventKind.PRE_MEETING, {talent_ids[i % people]: "attended"}, company=c)
        _project(s, pid, c, tuple(talent_ids[i % people : i % people + 2]))
    _delivery(s, pid, TODAY - timedelta(days=60), tuple(talent_ids[::4]))
    return company_ids, talent_ids


def test_score_matrix_gives_the_suggestions_totals(
    write_session: Session, setting: Setting
) -> None:
    s = write_session
    companies, people = _populate(s, setting.pid, 8, 30)
    weights = MatchWeights(skills=30, interests=25, participation=20, load=5, engagement=20)
    for chosen in (None, weights):
        matrix = matching.score_matrix(s, setting.viewer, setting.pid, TODAY, weights=chosen)
        active = {
            t
            for t in people
            if s.get(Talent, t).status != "withdrawn"  # type: ignore[union-attr]
        }
        assert set(matrix) == {(c, t) for c in [setting.company, *companies] for t in active}
        assert all(0 <= v <= 1 for v in matrix.values())
        for company in [setting.company, *companies]:
            found = matching.suggest_for_company(
                s, setting.staff, company, TODAY, weights=chosen, limit=None, include_team=True
            )
            assert {f.talent_id for f in found} == active
            for suggestion in found:
                assert matrix[(company, suggestion.talent_id)] * 100 == suggestion.total


@contextmanager
def _counting(url: str) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_score_matrix_reads_with_a_fixed_number_of_queries(
    db_url: str, write_session: Session, setting: Setting
) -> None:
    s = write_session

    def queries() -> int:
        s.flush()
        s.expire_all()
        with _counting(db_url) as statements:
            matrix = matching.score_matrix(s, setting.staff, setting.pid, TODAY)
        assert matrix
        return len(statements)

    _populate(s, setting.pid, 2, 3)
    small = queries()
    _populate(s, setting.pid, 25, 60)
    assert queries() == small
    assert small <= 12

    def suggest_queries() -> int:
        s.expire_all()
        with _counting(db_url) as statements:
            matching.suggest_for_company(s, setting.staff, setting.company, TODAY)
        return len(statements)

    before = suggest_queries()
    _populate(s, setting.pid, 5, 40)
    s.flush()
    assert suggest_queries() == before


def test_demo_data_scores_explain_themselves(demo_url: str) -> None:
    from colead.db import session_scope

    admin = Actor(0, "admin", "Admin", Role.ADMIN, frozenset())
    with session_scope(url=demo_url) as s:
        programme = s.exec(select(Programme).order_by(col(Programme.id))).first()
        assert programme is not None
        matrix = matching.score_matrix(s, admin, programme.id, TODAY)
        companies = sorted({c for c, _ in matrix})
        assert companies and all(0 <= v <= 1 for v in matrix.values())
        found = matching.suggest_for_company(s, admin, companies[0], TODAY, include_team=True)
        assert found and found[0].total > 0
        for suggestion in found:
            assert matrix[(companies[0], suggestion.talent_id)] * 100 == suggestion.total
        assert any(
            r.key.startswith("match.interests.matched")
            for c in companies
            for f in matching.suggest_for_company(s, admin, c, TODAY)
            for r in f.criterion("interests").reasons
        )
