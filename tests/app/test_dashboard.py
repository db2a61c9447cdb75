"""The dashboard as people use it on the demo data (as of 2026-11-24, fiscal year 2026): the
period filter, the six charts with their headings, each chart's CSV, a period that runs
backwards or holds nothing, and a region's staff seeing only their region."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from colead.db import session_scope
from colead.models import Role
from colead.services import accounts
from colead.services.programmes import list_regions
from colead.services.talent import TalentInput, create_talent
from tests.app.helpers import TIMEOUT, new_app, sign_in, visible_text

HEADINGS = (
    "応募・登録から継続関係までのファネル",
    "募集チャネル別の応募",
    "プロジェクトのマイルストーン",
    "情報提供の推移",
    "人材タイプの供給と企業のニーズ",
)
FROM, TO = "期間（から）", "期間（まで）"
CSV_HEADERS = {
    "funnel.csv": "プログラム,段階,人数,前の段階からの移行率",
    "funnel_regions.csv": "プログラム,段階,人数,前の段階からの移行率",
    "channels.csv": "チャネル,確認済み,未確認",
    "milestones.csv": "プロジェクト（企業：テーマ）,種類,マイルストーン,期限,実施日,状態",
    "deliveries.csv": "月,情報提供の回数,届けた延べ人数",
    "skills.csv": "人材タイプ,登録人材（人）,必要とする企業（社）",
}


def _dashboard(username: str = "staff", password: str = "colead-demo") -> AppTest:
    at = sign_in(new_app(), username, password)
    at.switch_page("pages/dashboard.py").run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def _date(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(widget for widget in at.date_input if widget.label == label)


def _set_period(at: AppTest, start: date, end: date) -> AppTest:
    _date(at, FROM).set_value(start)
    _date(at, TO).set_value(end)
    at.run(timeout=TIMEOUT)
    assert not at.exception, at.exception
    return at


def test_every_chart_over_the_fiscal_year_with_its_csv(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    at = _dashboard()
    assert _date(at, FROM).value == date(2026, 4, 1)
    assert _date(at, TO).value == date(2027, 3, 31)
    subheaders = [s.value for s in at.subheader]
    assert [h for h in subheaders if h in HEADINGS] == list(HEADINGS)  # the funnel first
    assert "地域別の比較" in subheaders  # staff of the three demo regions
    assert len(at.get("plotly_chart")) == 6
    assert "応募日" in visible_text(at)  # the caption says which date each chart is read by
    assert len(at.download_button) == 6
    assert {name for name in downloads if name.endswith(".csv")} == set(CSV_HEADERS)
    for name, header in CSV_HEADERS.items():
        data = downloads[name]
        assert data.startswith(b"\xef\xbb\xbf"), name  # utf-8-sig: Excel reads the Japanese
        assert data.decode("utf-8-sig").splitlines()[0] == header, name
    funnel = downloads["funnel.csv"].decode("utf-8-sig").splitlines()
    assert len(funnel) == 1 + 7 and funnel[1].split(",")[1] == "応募・登録"
    milestones = downloads["milestones.csv"].decode("utf-8-sig").splitlines()[1:]
    states = {line.rsplit(",", 1)[1] for line in milestones}
    assert states <= {"実施済み", "期限超過", "予定"} and "期限超過" in states  # demo: one slipped


def test_a_period_running_backwards_is_refused_in_words(demo_url: str) -> None:
    at = _dashboard()
    at = _set_period(at, date(2027, 6, 1), date(2027, 3, 31))
    assert "期間の始まりが終わりより後になっています" in visible_text(at)
    assert len(at.get("plotly_chart")) == 0
    assert len(at.date_input) == 2  # the dates stay on screen to be corrected
    at = _set_period(at, date(2026, 4, 1), date(2027, 3, 31))
    assert "期間の始まりが終わりより後になっています" not in visible_text(at)
    assert len(at.get("plotly_chart")) == 6


def test_a_period_without_records_says_what_is_missing(demo_url: str) -> None:
    at = _set_period(_dashboard(), date(2030, 1, 1), date(2030, 3, 31))
    infos = "\n".join(str(i.value) for i in at.info)
    assert "この期間に応募・登録した人材や参加の記録はまだありません" in infos
    assert "この期間に期限のあるマイルストーンはありません" in infos
    assert "この期間の情報提供はまだ記録されていません" in infos
    assert len(at.get("plotly_chart")) == 1  # talent types do not depend on the period
    assert [s.value for s in at.subheader if s.value in HEADINGS] == list(HEADINGS)


def test_a_viewer_reads_the_same_dashboard(demo_url: str) -> None:
    at = _dashboard("viewer")
    assert len(at.get("plotly_chart")) == 6


def test_staff_of_one_region_see_only_their_region(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    with session_scope(write=True) as session:
        admin = accounts.load_actor(session, "admin")
        kaga = next(r.id for r in list_regions(session, admin) if r.name == "加賀市")
        accounts.create_account(
            session, admin, username="kaga-staff", display_name="加賀担当",
            password="kaga-pass-1", role=Role.STAFF, region_ids=[kaga],
        )  # fmt: skip
    at = _dashboard("kaga-staff", "kaga-pass-1")
    assert "地域別の比較" not in [s.value for s in at.subheader]
    csv = [data.decode("utf-8-sig") for name, data in downloads.items() if name.endswith(".csv")]
    shown = visible_text(at) + "".join(csv)
    assert "加賀市" in shown
    assert "釧路" not in shown and "funnel_regions.csv" not in downloads


def test_a_person_registered_meanwhile_is_counted_at_the_next_rerun(
    demo_url: str, downloads: dict[str, bytes]
) -> None:
    """The dashboard's figures are cached between reruns, never past a write."""

    def registered() -> int:
        funnel = downloads["funnel.csv"].decode("utf-8-sig").splitlines()
        return int(funnel[1].split(",")[2])

    at = _dashboard()
    before = registered()
    at.run(timeout=TIMEOUT)
    assert registered() == before  # a rerun without a write: the same figures
    with session_scope(write=True) as session:
        staff = accounts.load_actor(session, "staff")
        create_talent(
            session,
            staff,
            at.session_state["colead_programme_id"],
            TalentInput("新しく応募した人", date(2026, 11, 20)),
        )
    at.run(timeout=TIMEOUT)
    assert registered() == before + 1
