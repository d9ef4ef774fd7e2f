"""The geometry of the dashboard's charts, drawn as inline SVG by the templates in
`templates/claims/charts/`.

No chart library is loaded: these functions turn counts into positions, sizes and colours, and
give every mark a text (`title`) that screen readers announce and a link to the claims behind it.
"""

import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import dateformat

from claims.models import Credibility
from sources.models import Reliability

#: Column labels of the heat map, two short lines that fit a cell's width.
CREDIBILITY_SHORT = {
    1: ("Confirmed", ""),
    2: ("Probably", "true"),
    3: ("Possibly", "true"),
    4: ("Doubtful", ""),
    5: ("Improbable", ""),
    6: ("Cannot", "judge"),
}

# Light and dark ends of the heat map scale (the site's paper and accent colours).
_COLD = (0xF1, 0xF4, 0xF8)
_HOT = (0x1F, 0x3A, 0x5F)


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    value: int
    href: str
    x: float
    y: float
    width: float
    height: float
    title: str
    css_class: str = ""

    @property
    def text_y(self) -> float:
        return self.y + self.height / 2 + 4

    @property
    def value_x(self) -> float:
        return self.x + self.width + 6


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: one row per label, bars scaled to the largest value."""

    chart_id: str
    title: str
    description: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    row_height: int
    value_label: str


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Iterable[tuple[str, int, str] | tuple[str, int, str, str]],
    unit: tuple[str, str] = ("claim", "claims"),
    width: int = 560,
    label_width: int = 190,
    row_height: int = 24,
) -> BarChart:
    """Bars for `rows` of (label, value, href[, css class]), in the order given; `unit` names
    one and several of what is counted, for the text each bar carries."""
    rows = list(rows)
    largest = max((row[1] for row in rows), default=0)
    room = width - label_width - 8 - 56  # space for the value after the bar
    bars = [
        Bar(
            label=row[0],
            short_label=_short(row[0], 26),
            value=row[1],
            href=row[2],
            x=label_width + 8,
            y=index * row_height + 4,
            width=round(room * row[1] / largest, 1) if largest else 0,
            height=row_height - 6,
            title=f"{row[0]}: {row[1]} {unit[0] if row[1] == 1 else unit[1]}",
            css_class=row[3] if len(row) > 3 else "",
        )
        for index, row in enumerate(rows)
    ]
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=bars,
        width=width,
        height=max(1, len(bars)) * row_height + 8,
        label_width=label_width,
        row_height=row_height,
        value_label=unit[1],
    )


@dataclass(frozen=True)
class HeatCell:
    row: str
    column: int
    value: int
    href: str
    x: int
    y: int
    size: int
    fill: str
    on_dark: bool
    title: str

    @property
    def center_x(self) -> float:
        return self.x + self.size / 2

    @property
    def text_y(self) -> float:
        return self.y + self.size / 2 + 5

    @property
    def inner_size(self) -> int:
        return self.size - 4


@dataclass(frozen=True)
class HeatMap:
    """Reliability (rows A–F) × credibility (columns 1–6), shaded by the number of claims."""

    chart_id: str
    title: str
    description: str
    cells: list[HeatCell]
    rows: list[tuple[str, str, int]]  # (letter, meaning, y)
    columns: list[tuple[int, tuple[str, str], int]]  # (number, two-line meaning, x)
    cell: int
    left: int
    top: int
    width: int
    height: int
    largest: int
    table: list[tuple[str, str, list[HeatCell]]] = field(default_factory=list)


def _shade(intensity: float) -> str:
    red, green, blue = (
        round(cold + (hot - cold) * intensity) for cold, hot in zip(_COLD, _HOT, strict=True)
    )
    return f"#{red:02x}{green:02x}{blue:02x}"


def grade_heat_map(
    counts: dict[tuple[str, int], int], *, href: Callable[[str, int], str], chart_id: str
) -> HeatMap:
    """Every grade from A1 to F6 with its count; `href(reliability, credibility)` is the link
    to the claims of that grade. Shades grow with the square root of the count so that a few
    common grades do not wash out the rest."""
    cell, left, top = 64, 230, 64
    largest = max(counts.values(), default=0)
    cells, table = [], []
    rows = []
    for row_index, (letter, meaning) in enumerate(Reliability.choices):
        y = top + row_index * cell
        rows.append((letter, str(meaning).split("–", 1)[-1].strip(), y + cell // 2 + 4))
        row_cells = []
        for column_index, (number, credibility_meaning) in enumerate(Credibility.choices):
            value = counts.get((letter, number), 0)
            intensity = math.sqrt(value / largest) if largest else 0.0
            heat_cell = HeatCell(
                row=letter,
                column=number,
                value=value,
                href=href(letter, number),
                x=left + column_index * cell,
                y=y,
                size=cell,
                fill=_shade(intensity),
                on_dark=intensity > 0.55,
                title=(
                    f"{letter}{number}: {value} claim{'s' if value != 1 else ''} "
                    f"({str(meaning).split('–', 1)[-1].strip()} source, "
                    f"{str(credibility_meaning).split('–', 1)[-1].strip().lower()})"
                ),
            )
            cells.append(heat_cell)
            row_cells.append(heat_cell)
        table.append((letter, str(meaning), row_cells))
    columns = [
        (number, CREDIBILITY_SHORT[number], left + index * cell + cell // 2)
        for index, (number, _) in enumerate(Credibility.choices)
    ]
    return HeatMap(
        chart_id=chart_id,
        title="Claims by grade",
        description=(
            "Source reliability A to F down, information credibility 1 to 6 across; darker "
            "cells hold more claims. Each cell links to its claims."
        ),
        cells=cells,
        rows=rows,
        columns=columns,
        cell=cell,
        left=left,
        top=top,
        width=left + 6 * cell + 4,
        height=top + 6 * cell + 4,
        largest=largest,
        table=table,
    )


@dataclass(frozen=True)
class WeekColumn:
    x: float
    y: float
    height: float
    value: int
    title: str


@dataclass(frozen=True)
class ActivityRow:
    author: str
    total: int
    href: str
    y: int
    columns: list[WeekColumn]

    @property
    def baseline(self) -> int:
        return self.y + 30


@dataclass(frozen=True)
class ActivityChart:
    """Small multiples: one row of weekly columns per author, on a shared scale."""

    chart_id: str
    title: str
    description: str
    weeks: list[tuple[str, float]]  # (label, x of the column's centre)
    rows: list[ActivityRow]
    width: int
    height: int
    left: int
    column_width: float
    largest: int
    week_dates: list[datetime.date]


def activity_chart(
    counts: Sequence[dict],
    *,
    weeks: list[datetime.date],
    href: Callable[[int], str],
    chart_id: str,
    authors: int = 8,
) -> ActivityChart:
    """Claims recorded per week for the `authors` busiest authors in `counts` (rows of
    `created_by_id`, `created_by__username`, `week`, `n`), over `weeks` (Mondays, oldest
    first). `href(user_id)` links an author's row to their claims."""
    per_author: dict[int, dict[datetime.date, int]] = {}
    names: dict[int, str] = {}
    for row in counts:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        author = row["created_by_id"]
        names[author] = row["created_by__username"]
        per_author.setdefault(author, {})
        per_author[author][week] = per_author[author].get(week, 0) + row["n"]
    busiest = sorted(per_author, key=lambda pk: (-sum(per_author[pk].values()), names[pk]))
    busiest = busiest[:authors]
    largest = max((n for pk in busiest for n in per_author[pk].values()), default=0)
    left, width, row_height, top = 160, 1180, 40, 24
    column_width = (width - left) / max(1, len(weeks))
    rows = []
    for index, author in enumerate(busiest):
        y = top + index * row_height
        columns = []
        for week_index, week in enumerate(weeks):
            value = per_author[author].get(week, 0)
            height = round(28 * value / largest, 1) if largest else 0
            columns.append(
                WeekColumn(
                    x=round(left + week_index * column_width + 2, 1),
                    y=round(y + 30 - height, 1),
                    height=height,
                    value=value,
                    title=(
                        f"{names[author]}, week of {dateformat.format(week, 'j M Y')}: "
                        f"{value} claim{'s' if value != 1 else ''}"
                    ),
                )
            )
        rows.append(
            ActivityRow(
                author=names[author],
                total=sum(per_author[author].values()),
                href=href(author),
                y=y,
                columns=columns,
            )
        )
    labels = [
        (dateformat.format(week, "j M"), round(left + (index + 0.5) * column_width, 1))
        for index, week in enumerate(weeks)
    ]
    return ActivityChart(
        chart_id=chart_id,
        title="Activity per analyst",
        description=(
            f"Claims recorded each week over the last {len(weeks)} weeks, one row per analyst "
            f"(the {authors} busiest), on a shared scale up to {largest} a week."
        ),
        weeks=labels,
        rows=rows,
        width=width,
        height=top + max(1, len(rows)) * row_height + 8,
        left=left,
        column_width=round(column_width - 4, 1),
        largest=largest,
        week_dates=weeks,
    )
