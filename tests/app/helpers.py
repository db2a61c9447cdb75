"""Driving the app in AppTest the way a person would."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

TIMEOUT = 30
HOME = str(Path(__file__).resolve().parents[2] / "Home.py")


def new_app() -> AppTest:
    return AppTest.from_file(HOME, default_timeout=TIMEOUT)


def visible_text(at: AppTest) -> str:
    """Everything a person reads on the page: titles, text, captions, alerts, metrics."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in at.metric]
    return "\n".join(parts)


def text_input(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(widget for widget in at.text_input if widget.label == label)


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(widget for widget in at.button if widget.label == label)


def sign_in(at: AppTest, username: str, password: str = "colead-demo") -> AppTest:
    at.run(timeout=TIMEOUT)
    text_input(at, "ユーザー名").input(username)
    text_input(at, "パスワード").input(password)
    button(at, "ログイン").click()
    return at.run(timeout=TIMEOUT)
