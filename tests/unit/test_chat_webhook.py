"""Chat webhooks: posts to a real HTTP server on 127.0.0.1, which records what arrives."""

from __future__ import annotations

import socket

import pytest

from colead.i18n import translate
from colead.services import chat_webhook
from colead.services.chat_webhook import (
    MAX_TEXT,
    MAX_URL,
    WebhookError,
    chat_payload,
    check_webhook_url,
    post_message,
)
from colead.services.errors import InputError
from tests.conftest import Hook

TITLE = "第3回ミートアップのお知らせ"
TEXT = "会場は東京・丸の内です。\n持ち物：名刺 & ノートPC"


def test_a_200_delivers_the_json_body_with_japanese_intact(hook: Hook) -> None:
    post_message(hook.url, TITLE, TEXT, "http://127.0.0.1:8501/events/3")
    (seen,) = hook.seen
    assert seen.path == "/hook"
    assert seen.headers["Content-Type"] == "application/json; charset=utf-8"
    assert seen.body == chat_payload(TITLE, TEXT, "http://127.0.0.1:8501/events/3")
    assert seen.body == {
        "text": (
            "*第3回ミートアップのお知らせ*\n\n"
            "会場は東京・丸の内です。\n持ち物：名刺 &amp; ノートPC\n\n"
            "http://127.0.0.1:8501/events/3"
        )
    }
    assert "丸の内".encode() in seen.raw  # UTF-8 on the wire, not \u escapes


def test_any_2xx_is_success(hook: Hook) -> None:
    hook.status = 204
    hook.answer = b""
    post_message(hook.url, TITLE, TEXT)
    assert len(hook.seen) == 1


def test_a_500_raises_with_the_status(hook: Hook) -> None:
    hook.status = 500
    with pytest.raises(WebhookError, match="500"):
        post_message(hook.url, TITLE, TEXT)
    assert len(hook.seen) == 1


def test_an_error_answer_is_in_the_reason_but_not_the_url(hook: Hook) -> None:
    hook.status = 404
    hook.answer = b"no_service\n" + b"x" * 1000
    hook.url += "/T000/B000/secret-token"
    with pytest.raises(WebhookError) as caught:
        post_message(hook.url, TITLE, TEXT)
    reason = str(caught.value)
    assert reason.startswith("HTTP 404") and "no_service" in reason
    assert "secret-token" not in reason and "127.0.0.1" not in reason
    assert len(reason) <= 300 and "\n" not in reason


def test_a_redirect_is_not_followed(hook: Hook) -> None:
    hook.status = 302
    hook.location = hook.url + "/elsewhere"
    with pytest.raises(WebhookError, match="302"):
        post_message(hook.url, TITLE, TEXT)
    assert [seen.path for seen in hook.seen] == ["/hook"]


def test_a_closed_port_raises() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(WebhookError, match="network error"):
        post_message(f"http://127.0.0.1:{port}/hook", TITLE, TEXT)


def test_a_slow_server_times_out(hook: Hook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_webhook, "TIMEOUT_SECONDS", 0.5)
    hook.wait_seconds = 10  # released when the test ends
    with pytest.raises(WebhookError, match="timed out"):
        post_message(hook.url, TITLE, TEXT)
    assert len(hook.seen) == 1


def test_an_unusable_url_raises_webhook_error_only() -> None:
    with pytest.raises(WebhookError, match="no webhook URL"):
        post_message("", TITLE, TEXT)
    with pytest.raises(WebhookError, match="not a usable"):
        post_message("ftp://127.0.0.1/hook", TITLE, TEXT)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.slack.com/services/X",
        "http://127.0.0.1:8080/hook",
        "HTTPS://example.webhook.office.com/webhookb2/abc",
    ],
)
def test_good_urls_are_accepted(url: str) -> None:
    assert check_webhook_url(url) == url
    assert check_webhook_url(f"  {url}\n") == url


def test_an_empty_url_means_no_channel() -> None:
    assert check_webhook_url("") == ""
    assert check_webhook_url("   ") == ""


@pytest.mark.parametrize(
    "url",
    [
        "ftp://x",
        "https://",
        "https:///path",
        "https://u:p@host/x",
        "https://token@host/x",
        "https://hooks.slack.com/services/X Y",
        "https://hooks.slack.com/services/X\nY",
        "https://hooks.slack.com/services/X\x00",
        "https://hooks.slack.com/サービス",
        "https://host:99999/x",
        "javascript:alert(1)",
        "hooks.slack.com/services/X",
        "https://hooks.slack.com/" + "x" * MAX_URL,
    ],
)
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(InputError) as caught:
        check_webhook_url(url)
    assert caught.value.key == "chat.error.url"
    assert caught.value.params == {"url": url.strip()[:100]}


def test_a_url_of_exactly_max_length_is_accepted() -> None:
    url = "https://hooks.slack.com/"
    url += "x" * (MAX_URL - len(url))
    assert check_webhook_url(url) == url


def test_the_payload_is_cut_to_3000_characters() -> None:
    payload = chat_payload(TITLE, "長" * 5000)
    assert list(payload) == ["text"]
    assert len(payload["text"]) == MAX_TEXT == 3000
    assert payload["text"].startswith(f"*{TITLE}*\n\n長")
    assert payload["text"].endswith("長…")


def test_a_cut_payload_keeps_its_link() -> None:
    link = "http://127.0.0.1:8501/events/3"
    payload = chat_payload(TITLE, "長" * 5000, link)
    assert len(payload["text"]) == MAX_TEXT
    assert payload["text"].endswith(f"…\n\n{link}")


def test_a_short_payload_is_not_cut() -> None:
    assert chat_payload("題", "本文") == {"text": "*題*\n\n本文"}
    assert chat_payload("題", "本文", "https://x.example/a") == {
        "text": "*題*\n\n本文\n\nhttps://x.example/a"
    }


def test_user_text_cannot_ping_the_channel_or_disguise_a_link() -> None:
    text = chat_payload("<!channel>", "<https://evil.example|公式サイト> & more")["text"]
    assert "<" not in text and ">" not in text
    assert text == "*&lt;!channel&gt;*\n\n&lt;https://evil.example|公式サイト&gt; &amp; more"


def test_the_message_fills_in_the_url() -> None:
    for language in ("ja", "en"):
        message = translate("chat.error.url", language, url="ftp://x")
        assert "ftp://x" in message
