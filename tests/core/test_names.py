"""The short name a client is called by: never a title (issue 8: "Dr. Maria Lopez")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sessionpad.core.models import Audience, Client
from sessionpad.core.names import short_name, starts_with_title
from sessionpad.core.summary import render_markdown
from tests.core.test_summary import build_context


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Dr. Maria Lopez", "Maria"),
        ("Dr Maria Lopez", "Maria"),
        ("dr. maria lopez", "maria"),
        ("Prof. Dr. Ana Ruiz", "Ana"),
        ("Ms. Dana Reyes", "Dana"),
        ("Mx Sam Lee", "Sam"),
        ("Dr. Lopez", "Dr. Lopez"),  # a surname alone would be ruder than the title
        ("Dana Reyes", "Dana"),
        ("Miss", "Miss"),
        ("Drew Barry", "Drew"),
        ("", ""),
    ],
)
def test_short_name_skips_titles(name: str, short: str) -> None:
    assert short_name(name) == short


def test_starts_with_title() -> None:
    assert starts_with_title("Dr. Maria Lopez")
    assert starts_with_title("prof ana ruiz")
    assert not starts_with_title("Drew Barry")
    assert not starts_with_title("Dr.")


def test_display_name_prefers_goes_by_then_the_given_name() -> None:
    assert Client("Dr. Maria Lopez").display_name == "Maria"
    assert Client("Dr. Maria Lopez", preferred_name="Mari").display_name == "Mari"
    assert Client("Dr. Maria Lopez", preferred_name="  ").display_name == "Maria"


def test_the_summary_greets_the_given_name_not_the_title() -> None:
    ctx = build_context()
    ctx = replace(ctx, client=Client("Dr. Maria Lopez", id=ctx.client.id))
    text = render_markdown(ctx, Audience.CLIENT)
    assert "Session with Maria" in text
    assert "Dr." not in text
