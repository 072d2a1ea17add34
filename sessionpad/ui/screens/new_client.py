"""A small form for a new client, or for editing one's profile; saves it, returns it or None."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static, TextArea

from sessionpad.core.models import Client
from sessionpad.core.names import short_name, starts_with_title
from sessionpad.core.sanitize import clean_text, one_line
from sessionpad.core.validate import MAX_GROUP_SIZE
from sessionpad.storage.store import StorageError
from sessionpad.ui.typed_app import OnSessionpadApp

_FIELDS = (
    ("name", "Name", "full name, e.g. Dana Reyes"),
    ("preferred_name", "Goes by", "what they like to be called"),
    ("pronouns", "Pronouns", "e.g. she/her, they/them"),
    ("language", "Language", "language of the sessions"),
    ("email", "E-mail", "contact, for your coaching log"),
)


@dataclass(frozen=True)
class _LogFields:
    """The profile's coaching-log part, as the form read it."""

    email: str
    group_size: int
    pro_bono: bool
    may_be_named: bool


def _single_line(text: str) -> str:
    return clean_text(text, keep_newlines=False).strip()


class NewClientScreen(OnSessionpadApp, ModalScreen[Client | None]):
    """``client`` given: edit that client's profile (same id); otherwise create a new one.

    The form saves the client itself, so a refused or failed save keeps it open with what
    was typed. A second client with a name already on record would make ``sessionpad start
    NAME`` ambiguous, so the form asks for a distinguishing name.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, client: Client | None = None) -> None:
        super().__init__()
        self._client = client
        # A name that starts with a title gets one question about "goes by" before saving.
        self._asked_goes_by_for: str | None = None

    def compose(self) -> ComposeResult:
        editing = self._client is not None
        with Vertical(id="client-form", classes="dialog"):
            heading = (
                f"Profile of {one_line(self._client.name, 40)}" if self._client else "New client"
            )
            yield Static(heading, id="client-form-title", markup=False)
            for field, label, placeholder in _FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(
                        value=_single_line(getattr(self._client, field)) if editing else "",
                        placeholder=placeholder,
                        id=f"client-{field.replace('_', '-')}",
                        compact=True,
                    )
            yield from self._log_fields()
            with Horizontal(classes="form-row form-row-tall"):
                yield Label("Context", classes="form-label")
                yield TextArea(
                    clean_text(self._client.context) if self._client is not None else "",
                    id="client-context",
                    compact=True,
                    soft_wrap=True,
                    show_line_numbers=False,
                    tab_behavior="focus",
                )
            yield Static("", id="client-form-error", markup=False)
            with Horizontal(id="client-form-buttons"):
                yield Button("Save", id="client-save", variant="primary", compact=True)
                yield Button("Cancel", id="client-cancel", compact=True)
            yield Static(
                "enter or ctrl+s saves · esc cancels · context: role, sponsor, anything to "
                "keep in mind",
                id="client-form-hint",
                markup=False,
            )
        yield Footer()

    def _log_fields(self) -> ComposeResult:
        """What the coaching log needs: paid or pro bono, individual or group, consent."""
        client = self._client or Client("")
        with Horizontal(classes="form-row", id="client-log-row"):
            yield Label("Log", classes="form-label")
            yield Checkbox("Pro bono", client.pro_bono, id="client-pro-bono", compact=True)
            yield Label("In group", id="client-group-label")
            yield Input(
                value=str(client.group_size),
                placeholder="1",
                id="client-group-size",
                compact=True,
                restrict=r"[0-9]*",
                max_length=3,
            )
            yield Checkbox(
                "May be named on my log", client.may_be_named, id="client-named", compact=True
            )

    def on_mount(self) -> None:
        self.query_one("#client-name", Input).focus()

    def _value(self, field: str) -> str:
        return _single_line(self.query_one(f"#client-{field.replace('_', '-')}", Input).value)

    def _show_error(self, message: str) -> None:
        self.query_one("#client-form-error", Static).update(message)

    def action_save(self) -> None:
        name = self._value("name")
        if not name:
            self._show_error("A name is needed — the rest can wait.")
            self.query_one("#client-name", Input).focus()
            return
        try:
            taken = {c.name.casefold() for c in self.app.store.clients() if c.id != self._own_id}
        except StorageError as error:
            self._show_error(f"Not saved — {one_line(error.message)}")
            return
        if name.casefold() in taken:
            self._show_error(
                f"There is already a client called {one_line(name, 40)} — "
                "add something to tell them apart."
            )
            self.query_one("#client-name", Input).focus()
            return
        if self._should_ask_goes_by(name):
            return
        log_values = self._log_values()
        if log_values is None:
            return
        context = clean_text(self.query_one("#client-context", TextArea).text).strip()
        client = replace(
            self._client or Client(name),
            name=name,
            preferred_name=self._value("preferred_name"),
            pronouns=self._value("pronouns"),
            language=self._value("language"),
            context=context,
            email=log_values.email,
            group_size=log_values.group_size,
            pro_bono=log_values.pro_bono,
            may_be_named=log_values.may_be_named,
        )
        try:
            self.app.store.save_client(client)
        except StorageError as error:
            self._show_error(f"Not saved — {one_line(error.message)}")
            return
        self.dismiss(client)

    def _log_values(self) -> _LogFields | None:
        """The coaching-log fields, or None with the reason shown when one is off."""
        email = self._value("email")
        if email and "@" not in email:
            self._refuse("#client-email", "That e-mail has no @ — check it, or leave it empty.")
            return None
        size_text = self._value("group_size") or "1"
        size = int(size_text) if size_text.isdigit() else 0
        if not 1 <= size <= MAX_GROUP_SIZE:
            self._refuse(
                "#client-group-size",
                f"In group is how many are coached together: 1 (individual) to {MAX_GROUP_SIZE}.",
            )
            return None
        return _LogFields(
            email=email,
            group_size=size,
            pro_bono=self.query_one("#client-pro-bono", Checkbox).value,
            may_be_named=self.query_one("#client-named", Checkbox).value,
        )

    def _refuse(self, field: str, message: str) -> None:
        self._show_error(message)
        self.query_one(field, Input).focus()

    def _should_ask_goes_by(self, name: str) -> bool:
        """Offer the given name as "goes by" once, so "Dr. Maria Lopez" isn't greeted "Dr."."""
        if (
            not starts_with_title(name)
            or self._value("preferred_name")
            or self._asked_goes_by_for == name
        ):
            return False
        self._asked_goes_by_for = name
        goes_by = self.query_one("#client-preferred-name", Input)
        goes_by.value = short_name(name)
        goes_by.focus()
        self._show_error(
            f"{one_line(name, 40)} starts with a title — check what they go by, then save again."
        )
        return True

    @property
    def _own_id(self) -> str | None:
        return self._client.id if self._client else None

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "client-save":
            self.action_save()
        else:
            self.action_cancel()
