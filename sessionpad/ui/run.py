"""Run the app for the CLI and hand back an exit code."""

from __future__ import annotations

from sessionpad.storage.store import Store


def run_app(
    store: Store,
    *,
    start_client: str | None = None,
    minutes: int = 60,
    notice: str | None = None,
) -> int:
    from sessionpad.shutdown import guard

    # Before Textual is even imported: a terminal closed during start-up ends us too.
    guard.install()
    from sessionpad.ui.app import SessionpadApp

    app = SessionpadApp(store, start_client=start_client, minutes=minutes, notice=notice)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
