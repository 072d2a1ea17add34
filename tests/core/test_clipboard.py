"""Copying: the system clipboard first, then OSC 52, and an honest word on which worked."""

from __future__ import annotations

import pyperclip
import pytest

from sessionpad.clipboard import copy_text


def test_system_clipboard_when_pyperclip_works(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    sent: list[str] = []
    result = copy_text("the summary", sent.append)
    assert (result.copied, result.route) == (True, "system")
    assert copied == ["the summary"] and sent == []
    assert "copied to the clipboard" in result.describe("/x/summary.md")


def test_osc52_when_there_is_no_clipboard_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_backend(_text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_backend)
    sent: list[str] = []
    result = copy_text("the summary", sent.append)
    assert (result.copied, result.route) == (True, "osc52")
    assert sent == ["the summary"]
    message = result.describe("/x/summary.md")
    assert "OSC 52" in message and "/x/summary.md" in message


def test_neither_route_says_where_the_file_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_backend(_text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    def terminal_refuses(_text: str) -> None:
        raise OSError("not a terminal")

    monkeypatch.setattr(pyperclip, "copy", no_backend)
    for osc52 in (None, terminal_refuses):
        result = copy_text("the summary", osc52)
        assert (result.copied, result.route) == (False, "none")
        assert "/x/summary.md" in result.describe("/x/summary.md")
