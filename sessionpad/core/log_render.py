"""The coaching log as CSV (for a spreadsheet or ICF's template) or Markdown (to read)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from sessionpad.core.coaching_log import CoachingLog, LoggedSession, LogRow, hours
from sessionpad.core.sanitize import one_line

LOG_COLUMNS = (
    "Client name",
    "Contact",
    "Individual/group",
    "Number in group",
    "Start date",
    "End date",
    "Paid hours",
    "Pro bono hours",
)
SESSION_COLUMNS = ("Date", "Client", "Minutes", "Paid/pro bono")

#: A spreadsheet runs a cell starting with these as a formula: a name must stay a name.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What means something inside a Markdown table cell.
_CELL_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&]")


def render_log(log: CoachingLog, fmt: str) -> str:
    rows = [_row_cells(row) for row in log.rows]
    totals = ["Total", "", "", "", "", "", hours(log.paid_minutes), hours(log.pro_bono_minutes)]
    if fmt == "csv":
        table = [LOG_COLUMNS, *rows, totals]
        if log.unnamed_clients:
            table.append(["", "", "", "", "", "", "", ""])
            table.append([_unnamed_line(log), "", "", "", "", "", "", ""])
        return _csv(table)
    lines = _markdown_table(LOG_COLUMNS, rows, totals)
    if log.unnamed_clients:
        lines += ["", _unnamed_line(log)]
    return "\n".join(lines) + "\n"


def render_sessions(sessions: Sequence[LoggedSession], fmt: str) -> str:
    rows = [
        [
            item.day.isoformat(),
            item.client.name if item.client.may_be_named else "(not named)",
            str(item.minutes),
            "pro bono" if item.pro_bono else "paid",
        ]
        for item in sessions
    ]
    paid = sum(item.minutes for item in sessions if not item.pro_bono)
    pro_bono = sum(item.minutes for item in sessions if item.pro_bono)
    total = [
        "Total",
        f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}",
        str(paid + pro_bono),
        f"{hours(paid)} h paid, {hours(pro_bono)} h pro bono",
    ]
    if fmt == "csv":
        return _csv([SESSION_COLUMNS, *rows, total])
    return "\n".join(_markdown_table(SESSION_COLUMNS, rows, total)) + "\n"


def _row_cells(row: LogRow) -> list[str]:
    client = row.client
    return [
        client.name,
        client.email,
        "group" if client.is_group else "individual",
        str(client.group_size),
        row.start.isoformat(),
        row.end.isoformat(),
        hours(row.paid_minutes),
        hours(row.pro_bono_minutes),
    ]


def _unnamed_line(log: CoachingLog) -> str:
    count = log.unnamed_clients
    who = "client" if count == 1 else "clients"
    return (
        f"Not named on this log: {count} {who} who did not agree to be named, "
        f"{hours(log.unnamed_paid_minutes)} paid hours and "
        f"{hours(log.unnamed_pro_bono_minutes)} pro bono hours (not in the total above)."
    )


def _csv(table: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in table:
        writer.writerow([_csv_cell(cell) for cell in line])
    return out.getvalue()


def _csv_cell(text: str) -> str:
    cell = one_line(text)
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], totals: Sequence[str]
) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    body = [line([_md_cell(cell) for cell in row]) for row in rows]
    bold = line([f"**{_md_cell(cell)}**" if cell else "" for cell in totals])
    return [line(header), line(["---"] * len(header)), *body, bold]


def _md_cell(text: str) -> str:
    # Inside a table cell only inline marks matter; a leading "1." or "#" is plain text.
    return _CELL_SPECIAL.sub(r"\\\g<0>", one_line(text))
