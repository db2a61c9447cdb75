"""The pages of the app: one list drives st.navigation, role filtering and the map's links."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from colead.config import PROJECT_ROOT
from colead.models import Role
from colead.services.access import role_at_least


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the project folder, as st.Page and st.page_link take it
    url: str
    section: str  # catalog key of the navigation section
    title_key: str = ""  # catalog key; empty for worksheet pages (titled by their code)
    worksheet: str = ""  # worksheet code for worksheet pages
    icon: str = ""
    minimum: Role = Role.VIEWER
    default: bool = False

    @property
    def file(self) -> Path:
        """The page file as an absolute path, for st.Page, st.page_link and st.switch_page:
        they resolve a relative path against the running script's folder, which is pages/
        when a fresh server runs a page file by its URL."""
        return page_file(self.path)


def page_file(path: str) -> Path:
    return PROJECT_ROOT / path


WORKSHEET_FILES = {
    "A-1": "a1_roles",
    "A-2": "a2_recruitment",
    "A-3": "a3_meetup",
    "A-4": "a4_information",
    "B-1": "b1_screening",
    "B-2": "b2_company_recruitment",
    "B-3": "b3_issues_needs",
    "B-4": "b4_information",
    "B-5": "b5_tour",
    "B-6": "b6_projects",
}

PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/home.py", "home", "nav.home", "page.home", icon=":material/map:", default=True),
    *(
        PageSpec(
            f"pages/{name}.py",
            name,
            "nav.track_a" if code.startswith("A") else "nav.track_b",
            worksheet=code,
            icon=":material/edit_note:",
        )
        for code, name in WORKSHEET_FILES.items()
    ),
    *(
        PageSpec(f"pages/{name}.py", name, "nav.registries", f"page.{name}", icon=icon)
        for name, icon in (
            ("talent", ":material/groups:"),
            ("companies", ":material/factory:"),
            ("events", ":material/event:"),
            ("deliveries", ":material/send:"),
            ("newsletters", ":material/forward_to_inbox:"),
            ("projects", ":material/handshake:"),
            ("partners", ":material/account_balance:"),
        )
    ),
    PageSpec(
        "pages/inbox.py",
        "inbox",
        "nav.registries",
        "page.inbox",
        icon=":material/inbox:",
        minimum=Role.STAFF,
    ),
    PageSpec(
        "pages/publishing.py",
        "publishing",
        "nav.registries",
        "page.publishing",
        icon=":material/campaign:",
        minimum=Role.STAFF,
    ),
    *(
        PageSpec(f"pages/{name}.py", name, "nav.collaboration", f"page.{name}", icon=icon)
        for name, icon in (
            ("matching", ":material/join_inner:"),
            ("incentives", ":material/military_tech:"),
            ("relationships", ":material/all_inclusive:"),
        )
    ),
    PageSpec(
        "pages/dashboard.py",
        "dashboard",
        "nav.analysis",
        "page.dashboard",
        icon=":material/filter_alt:",
    ),
    PageSpec(
        "pages/setup.py",
        "setup",
        "nav.admin",
        "page.setup",
        icon=":material/rocket_launch:",
        minimum=Role.ADMIN,
    ),
    PageSpec(
        "pages/regions.py",
        "regions",
        "nav.admin",
        "page.regions",
        icon=":material/location_city:",
        minimum=Role.ADMIN,
    ),
    PageSpec(
        "pages/accounts.py",
        "accounts",
        "nav.admin",
        "page.accounts",
        icon=":material/manage_accounts:",
        minimum=Role.ADMIN,
    ),
    PageSpec(
        "pages/audit.py",
        "audit",
        "nav.admin",
        "page.audit",
        icon=":material/policy:",
        minimum=Role.ADMIN,
    ),
    PageSpec(
        "pages/outbox.py",
        "outbox",
        "nav.admin",
        "page.outbox",
        icon=":material/outgoing_mail:",
        minimum=Role.ADMIN,
    ),
)


# The only pages reachable without signing in: everything they take is treated as hostile.
PUBLIC_PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/apply.py", "apply", "", "page.apply", icon=":material/campaign:"),
    PageSpec("pages/join.py", "join", "", "page.join", icon=":material/factory:"),
    PageSpec("pages/me.py", "me", "", "page.me", icon=":material/person:"),
    PageSpec(
        "pages/unsubscribe.py", "unsubscribe", "", "page.unsubscribe", icon=":material/unsubscribe:"
    ),
)


def pages_for(role: Role) -> list[PageSpec]:
    return [page for page in PAGES if role_at_least(role, page.minimum)]


def worksheet_page(code: str) -> PageSpec:
    return next(page for page in PAGES if page.worksheet == code)
