"""The coach's settings and edited summaries: on disk, through the CLI."""

from __future__ import annotations

import json
from datetime import timedelta

from sessionpad.core.models import Audience
from sessionpad.core.settings import CoachSettings
from sessionpad.core.summary_edit import (
    EditState,
    SummaryEdit,
    SummaryFormat,
    cleaned_edit,
    edit_state,
)
from sessionpad.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.core.test_cli import one_line_error, run, seeded  # noqa: F401 (fixture)


def test_settings_round_trip(data_dir) -> None:
    with Store.open(data_dir) as store:
        assert store.settings() == CoachSettings()
        store.save_settings(CoachSettings("Sam Okafor", "Dear {name},", "Best,"))
    with Store.open(data_dir) as store:
        assert store.settings() == CoachSettings("Sam Okafor", "Dear {name},", "Best,")


def test_edit_is_kept_with_the_session(seeded) -> None:  # noqa: F811
    with Store.open(seeded) as store:
        session = store.session_headers()[-1]
        edit = SummaryEdit(Audience.CLIENT, SummaryFormat.TEXT, "mine\n", "rendered\n", FIXED_NOW)
        store.save_summary_edit(session.id, edit)
        store.save_summary_edit(session.id, edit)  # replaced, not doubled
    with Store.open(seeded) as store:
        assert store.summary_edit(session.id, Audience.CLIENT, SummaryFormat.TEXT) == edit
        assert store.summary_edit(session.id, Audience.CLIENT, SummaryFormat.MARKDOWN) is None
        store.discard_summary_edit(session.id, Audience.CLIENT, SummaryFormat.TEXT)
        assert store.summary_edit(session.id, Audience.CLIENT, SummaryFormat.TEXT) is None


def test_edit_state() -> None:
    edit = SummaryEdit(
        Audience.CLIENT, SummaryFormat.TEXT, "mine\n", "old\n", FIXED_NOW + timedelta(1)
    )
    assert edit_state(None, "old\n") is EditState.NONE
    assert edit_state(edit, "old\n") is EditState.CURRENT
    assert edit_state(edit, "corrected\n") is EditState.STALE


def test_cleaned_edit_neutralises_escapes() -> None:
    assert "\x1b" not in cleaned_edit("hi \x1b]52;c;aGk=\x07 there\n\n\n")
    assert cleaned_edit("hi").endswith("hi\n")


def test_cli_settings_then_txt_export(capsys, seeded) -> None:  # noqa: F811
    code, out, _ = run(
        capsys, "--data-dir", str(seeded), "settings", "--name", "Sam", "--greeting", "Hey {name}!"
    )
    assert code == 0 and "Sam" in out and "Hey {name}!" in out
    code, out, _ = run(capsys, "--data-dir", str(seeded), "export", "last", "--format", "txt")
    assert code == 0
    assert out.startswith("Hey Dana!\n\nSession with Dana")
    assert out.rstrip().endswith("Warm wishes,\nSam")
    assert "##" not in out and "- [ ]" not in out and "go gently" not in out


def test_cli_export_prints_the_edited_text(capsys, seeded) -> None:  # noqa: F811
    with Store.open(seeded) as store:
        session = store.session_headers()[-1]
        edit = SummaryEdit(Audience.CLIENT, SummaryFormat.TEXT, "EDITED\n", "x", FIXED_NOW)
        store.save_summary_edit(session.id, edit)
    args = ("--data-dir", str(seeded), "export", session.id, "--format", "txt")
    code, out, err = run(capsys, *args)
    assert (code, out) == (0, "EDITED\n")
    assert "later correction" in err  # based on a rendering that is not today's

    _, rendered, _ = run(capsys, "--data-dir", str(seeded), "export", session.id, "--format", "md")
    with Store.open(seeded) as store:
        edit = SummaryEdit(Audience.CLIENT, SummaryFormat.MARKDOWN, "MINE\n", rendered, FIXED_NOW)
        store.save_summary_edit(session.id, edit)
    code, out, err = run(capsys, "--data-dir", str(seeded), "export", session.id)
    assert (code, out, err) == (0, "MINE\n", "")


def test_cli_client_json_drops_coach_only(capsys, seeded) -> None:  # noqa: F811
    with Store.open(seeded) as store:
        first = store.session_headers(store.find_client("Dana").id)[0].id  # has a private note
    args = ("--data-dir", str(seeded), "export", first, "--format", "json")
    _, full, _ = run(capsys, *args)
    _, client, _ = run(capsys, *args, "--audience", "client")
    full_kinds = {e["kind"] for e in json.loads(full)["session"]["entries"]}
    client_doc = json.loads(client)
    client_kinds = {e["kind"] for e in client_doc["session"]["entries"]}
    assert "private" in full_kinds and "private" not in client_kinds
    assert "question" not in client_kinds and "note" not in client_kinds
    assert client_doc["client"]["context"] == "" and "Sponsor" in full
    assert "go gently" in full and "go gently" not in client
