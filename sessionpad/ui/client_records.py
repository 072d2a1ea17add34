"""Home's archive, restore and delete: the store work goes through core/records.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sessionpad.core.records import delete_client, set_archived
from sessionpad.core.sanitize import one_line
from sessionpad.storage.store import StorageError
from sessionpad.ui.feedback import notify_storage_error

if TYPE_CHECKING:
    from sessionpad.storage.store import Store
    from sessionpad.ui.app import SessionpadApp
    from sessionpad.ui.screens.home import HomeScreen


def _store(home: HomeScreen) -> Store:
    return cast("SessionpadApp", home.app).store


def archive_or_restore(home: HomeScreen, client_id: str | None) -> None:
    store = _store(home)
    client = store.client(client_id) if client_id else None
    if client is None:
        home.notify("No client highlighted.", severity="warning", markup=False)
        return
    try:
        saved = set_archived(store, client, not client.archived)
    except StorageError as error:
        notify_storage_error(home, error)
        return
    home.refresh_data()
    name = one_line(client.name, 40)
    if saved.archived:
        home.notify(
            f"Archived {name}: off Home, every record kept. A shows archived clients.",
            markup=False,
        )
    else:
        home.notify(f"Restored {name}.", markup=False)


def ask_to_delete(home: HomeScreen, client_id: str | None) -> None:
    from sessionpad.ui.screens.delete_client import DeleteClientScreen

    store = _store(home)
    client = store.client(client_id) if client_id else None
    if client is None:
        home.notify("No client highlighted.", severity="warning", markup=False)
        return
    sessions = len(store.session_headers(client.id))

    def answered(confirmed: bool | None) -> None:
        if not confirmed:
            home.notify("Nothing was deleted.", markup=False)
            return
        try:
            deletion = delete_client(store, client)
        except StorageError as error:
            notify_storage_error(home, error, "Not deleted")
            return
        home.refresh_data()
        still = deletion.still_named_in
        named = f" Their name is still in {len(still)} file(s) of other clients." if still else ""
        home.notify(
            f"Deleted {one_line(client.name, 40)} and everything of theirs "
            f"({len(deletion.removed)} files).{named}",
            markup=False,
        )

    home.app.push_screen(DeleteClientScreen(client, sessions), answered)
