"""The summary screen's keys: audience, save, copy, invite — checked on disk."""

from __future__ import annotations

import stat

import pyperclip

from sessionpad.ui.screens.summary import SummaryScreen
from sessionpad.ui.widgets.capture_bar import CaptureBar


async def ended_session(app, pilot) -> SummaryScreen:
    await pilot.pause()
    bar = app.screen.query_one(CaptureBar)
    for line in (
        "* the deadline is self-imposed #deadlines",
        "~ private: seemed tired",
        "/book friday 15:00",
    ):
        bar.value = line
        await pilot.press("enter")
    await pilot.press("f10", "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    return app.screen


def status(screen: SummaryScreen) -> str:
    return str(screen.query_one("#summary-status").render())


async def test_save_copy_invite_and_audience(demo_store, data_dir, make_app, monkeypatch):
    def no_backend(_text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_backend)
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    sent: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", sent.append)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ended_session(app, pilot)
        exports = data_dir / "exports"

        await pilot.press("s")
        (saved,) = exports.glob("*-client.md")
        text = saved.read_text()
        assert text.startswith("# Session with Dana")
        assert "self-imposed" in text and "seemed tired" not in text
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert str(saved) in status(screen)

        await pilot.press("c")
        assert sent == [text]
        assert "OSC 52" in status(screen)

        await pilot.press("i")
        (invite,) = exports.glob("*.ics")
        assert "BEGIN:VEVENT" in invite.read_text()
        assert "DTSTART:20261204T140000Z" in invite.read_text()

        await pilot.press("a")
        await pilot.press("s")
        (coach,) = exports.glob("*-coach.md")
        assert "seemed tired" in coach.read_text()
        assert "## Timeline" in coach.read_text()


async def test_save_refuses_an_exports_folder_linked_out_of_the_data_dir(
    demo_store, data_dir, make_app, tmp_path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = make_app(demo_store, start_client=demo_store.find_client("Dana").id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ended_session(app, pilot)
        (data_dir / "exports").symlink_to(elsewhere, target_is_directory=True)
        await pilot.press("s")
        await pilot.pause()
        assert "symbolic link" in status(screen)
        assert list(elsewhere.iterdir()) == []
