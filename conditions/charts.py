"""Pictures drawn on the server as inline SVG, and the words that go with them.

Icon arrays: every chance is drawn out of the same 10,000 babies, as a 100 x 100 grid in
blocks of 100, filled in order from the top left (grouped, not scattered: scattered icons
are read as bigger risks). Three kinds of icon differ in shape and pattern as well as
colour: a solid square for the lowest estimate, a hatched square for the range up to the
highest estimate, a small dot for everyone else. Tiny chances get a zoomed inset of the
first 100 icons, where part of one icon can be seen.

Every number a parent reads is written by `chance_sentence`: "X out of 10,000 <people>
over <time> (source)". No function here returns a bare percentage."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .costs import YearCost, format_money

# The one denominator of every chance on the site (Trevena 2013: avoid changing denominators).
DENOMINATOR = 10_000
GRID = 100  # icons per row: a 100 x 100 grid
BLOCK = 10  # icons per block side: blocks of 10 x 10 = 100
PITCH = 6  # one icon cell, in SVG units; a block gutter is exactly one empty cell
TILE = (BLOCK + 1) * PITCH
GRID_SIZE = (GRID // BLOCK) * TILE - PITCH
INSET_PITCH = 30
INSET_SIZE = BLOCK * INSET_PITCH

COLOUR_LOW = "#1f4e8c"  # solid squares: the lowest estimate
COLOUR_RANGE = "#8a4b00"  # hatched squares: up to the highest estimate
COLOUR_OTHER = "#6b7486"  # dots: everyone else

PREPOSITIONS = (
    "over ",
    "by ",
    "during ",
    "in ",
    "within ",
    "up to ",
    "before ",
    "after ",
    "from ",
    "until ",
    "to ",
    "for ",
    "at ",
)


# --- Words ----------------------------------------------------------------------


def per_denominator(probability: float) -> float:
    return probability * DENOMINATOR


def format_count(count: float) -> str:
    """An icon count as a parent reads it: 46.08 -> '46', 3.704 -> '3.7', 0.05 -> '0.05'."""
    if count >= 10:
        return f"{round(count):,}"
    if count >= 1:
        text = f"{count:.1f}"
        return text[:-2] if text.endswith(".0") else text
    if count <= 0:
        return "0"
    digits = max(0, 1 - math.floor(math.log10(count)))  # two significant figures
    text = f"{count:.{digits}f}".rstrip("0").rstrip(".")
    return text


def _is_rounded(count: float) -> bool:
    return abs(float(format_count(count).replace(",", "")) - count) > 1e-9


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def period_phrase(time_period: str) -> str:
    """'Childhood' -> 'over childhood'; 'By age 70' -> 'by age 70'."""
    text = _lower_first(time_period)
    return text if text.startswith(PREPOSITIONS) else f"over {text}"


def count_phrase(*, low: float, best: float | None, high: float) -> str:
    """'Between 0.05 and 10', 'About 3.7', '46': the number of the 10,000, never a percentage."""
    low_n, high_n = per_denominator(low), per_denominator(high)
    if format_count(low_n) == format_count(high_n):
        value = per_denominator(best) if best is not None else low_n
        about = "About " if _is_rounded(value) else ""
        return f"{about}{format_count(value)}"
    phrase = f"Between {format_count(low_n)} and {format_count(high_n)}"
    return phrase


def chance_sentence(
    *, low: float, best: float | None, high: float, population: str, time_period: str, source: str
) -> str:
    """Always 'X out of 10,000 <population> <over time period> (source)'."""
    counts = count_phrase(low=low, best=best, high=high)
    best_note = ""
    if best is not None and format_count(per_denominator(low)) != format_count(
        per_denominator(high)
    ):
        best_note = f", most likely about {format_count(per_denominator(best))},"
    return (
        f"{counts}{best_note} out of {DENOMINATOR:,} {_lower_first(population)} "
        f"{period_phrase(time_period)} ({source})"
    )


# --- Icon arrays ----------------------------------------------------------------


@dataclass(frozen=True)
class IconArray:
    svg: SafeString
    inset: SafeString | None
    denominator: int
    low_icons: float
    high_icons: float

    @property
    def smaller_than_one_icon(self) -> bool:
        return 0 < self.low_icons < 1

    @property
    def groups_for_one(self) -> str:
        """At the lowest estimate, how many groups of 10,000 hold one such baby."""
        return f"{round(1 / self.low_icons):,}" if self.smaller_than_one_icon else ""


def _icon_xy(index: int) -> tuple[int, int]:
    """Top-left corner of icon `index` (0-based), filling block by block, row by row."""
    block, within = divmod(index, BLOCK * BLOCK)
    block_row, block_col = divmod(block, GRID // BLOCK)
    row, col = divmod(within, BLOCK)
    return block_col * TILE + col * PITCH, block_row * TILE + row * PITCH


def _span_rects(start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Rectangles (x, y, width, height) covering whole icons start..end-1, in few pieces."""
    rects = []
    index = start
    while index < end:
        within = index % (BLOCK * BLOCK)
        col = within % BLOCK
        x, y = _icon_xy(index)
        block_end = index - within + BLOCK * BLOCK
        if col == 0 and end - index >= BLOCK:
            rows = min((end - index) // BLOCK, (block_end - index) // BLOCK)
            rects.append((x, y, BLOCK * PITCH, rows * PITCH))
            index += rows * BLOCK
        else:
            count = min(BLOCK - col, end - index)
            rects.append((x, y, count * PITCH, PITCH))
            index += count
    return rects


def _patterns(prefix: str, pitch: int) -> str:
    size = pitch * 0.8
    pad = (pitch - size) / 2
    dot = pitch * 0.22
    return (
        f"<defs>"
        f'<pattern id="{prefix}-other" width="{pitch}" height="{pitch}" patternUnits="userSpaceOnUse">'
        f'<circle cx="{pitch / 2}" cy="{pitch / 2}" r="{dot:.2f}" fill="{COLOUR_OTHER}"/></pattern>'
        f'<pattern id="{prefix}-low" width="{pitch}" height="{pitch}" patternUnits="userSpaceOnUse">'
        f'<rect width="{pitch}" height="{pitch}" fill="#fff"/>'
        f'<rect x="{pad:.2f}" y="{pad:.2f}" width="{size:.2f}" height="{size:.2f}" fill="{COLOUR_LOW}"/></pattern>'
        f'<pattern id="{prefix}-range" width="{pitch}" height="{pitch}" patternUnits="userSpaceOnUse">'
        f'<rect width="{pitch}" height="{pitch}" fill="#fff"/>'
        f'<rect x="{pad:.2f}" y="{pad:.2f}" width="{size:.2f}" height="{size:.2f}" fill="none" '
        f'stroke="{COLOUR_RANGE}" stroke-width="{pitch * 0.12:.2f}"/>'
        f'<path d="M{pad:.2f} {pitch - pad:.2f}L{pitch - pad:.2f} {pad:.2f}" stroke="{COLOUR_RANGE}" '
        f'stroke-width="{pitch * 0.12:.2f}"/></pattern>'
        f"</defs>"
    )


def _svg_open(prefix: str, width: float, height: float, title: str, desc: str, css: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" data-denominator="{DENOMINATOR}" '
        f'focusable="false">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
    )


def _fill(rects, pattern: str) -> str:
    return "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{pattern})"/>'
        for x, y, w, h in rects
    )


def icon_array(
    *, key: str, low: float, best: float | None, high: float, title: str, desc: str
) -> IconArray:
    """The chance drawn as 10,000 icons. `low` and `high` are probabilities (0..1)."""
    if not 0 <= low <= high <= 1:
        raise ValueError(f"{key}: expected 0 <= low <= high <= 1, got {low}, {best}, {high}")
    prefix = f"ia-{key}"
    low_n, high_n = per_denominator(low), per_denominator(high)
    whole_low = math.floor(low_n)
    # A range is drawn only when the estimates differ; a single figure has no band.
    range_end = min(DENOMINATOR, math.ceil(high_n)) if high_n > low_n else whole_low

    parts = [
        _svg_open(prefix, GRID_SIZE, GRID_SIZE, title, desc, "icon-array"),
        _patterns(prefix, PITCH),
    ]
    # Everyone: dots over the whole grid, with the block gutters left blank.
    parts.append(_fill(_span_rects(0, DENOMINATOR), f"{prefix}-other"))
    parts.append(_fill(_span_rects(whole_low, range_end), f"{prefix}-range"))
    parts.append(_fill(_span_rects(0, whole_low), f"{prefix}-low"))
    if low_n > whole_low and whole_low < DENOMINATOR:
        x, y = _icon_xy(whole_low)
        parts.append(
            f'<rect x="{x}" y="{y}" width="{PITCH * (low_n - whole_low):.3f}" height="{PITCH}" '
            f'fill="url(#{prefix}-low)"/>'
        )
    parts.append("</svg>")
    svg = mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only

    inset = None
    if low_n < 1 or high_n <= BLOCK * BLOCK:
        inset = _inset(prefix=f"{prefix}-zoom", low_n=low_n, high_n=high_n, title=title, desc=desc)
    return IconArray(
        svg=svg, inset=inset, denominator=DENOMINATOR, low_icons=low_n, high_icons=high_n
    )


def _inset(*, prefix: str, low_n: float, high_n: float, title: str, desc: str) -> SafeString:
    """The first 100 of the 10,000 icons, five times larger, drawn one by one so that part
    of one icon shows (0.05 of an icon is one baby in 20 groups of 10,000)."""
    pitch = INSET_PITCH
    size, pad = pitch * 0.8, pitch * 0.1
    parts = [
        _svg_open(
            prefix,
            INSET_SIZE,
            INSET_SIZE,
            f"Zoomed in: the first 100 of the 10,000 icons. {title}",
            f"The same picture, closer. {desc}",
            "icon-array-inset",
        ),
        _patterns(prefix, pitch),
    ]
    whole_low = math.floor(low_n)
    for index in range(BLOCK * BLOCK):
        row, col = divmod(index, BLOCK)
        x, y = col * pitch, row * pitch
        if index < whole_low:
            parts.append(
                f'<rect x="{x + pad:g}" y="{y + pad:g}" width="{size:g}" height="{size:g}" '
                f'fill="{COLOUR_LOW}"/>'
            )
        elif index < high_n:
            if high_n > low_n:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{pitch}" height="{pitch}" '
                    f'fill="url(#{prefix}-range)"/>'
                )
            else:
                parts.append(
                    f'<rect x="{x + pad:g}" y="{y + pad:g}" width="{size:g}" height="{size:g}" '
                    f'fill="#fff" stroke="{COLOUR_LOW}" stroke-width="1"/>'
                )
            if index == whole_low and low_n > whole_low:
                parts.append(
                    f'<rect x="{x + pad:g}" y="{y + pad:g}" width="{size * (low_n - whole_low):.3f}" '
                    f'height="{size:g}" fill="{COLOUR_LOW}"/>'
                )
        else:
            parts.append(
                f'<circle cx="{x + pitch / 2:g}" cy="{y + pitch / 2:g}" r="{pitch * 0.22:g}" '
                f'fill="{COLOUR_OTHER}"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only


def legend_swatch(kind: str) -> SafeString:
    """A small picture of one icon for the legend beside an array (decorative)."""
    shapes = {
        "low": f'<rect x="2" y="2" width="16" height="16" fill="{COLOUR_LOW}"/>',
        "range": (
            f'<rect x="2.5" y="2.5" width="15" height="15" fill="#fff" stroke="{COLOUR_RANGE}" stroke-width="2"/>'
            f'<path d="M2.5 17.5L17.5 2.5" stroke="{COLOUR_RANGE}" stroke-width="2"/>'
        ),
        "other": f'<circle cx="10" cy="10" r="4" fill="{COLOUR_OTHER}"/>',
    }
    return mark_safe(  # noqa: S308 - fixed markup
        f'<svg class="swatch" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" '
        f'focusable="false">{shapes[kind]}</svg>'
    )


# --- The cumulative cost chart --------------------------------------------------


def _nice_ceiling(value: Decimal) -> Decimal:
    """A round number at or above value for the top of the axis: 1, 2, 2.5 or 5 x 10^n."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal(1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def cumulative_cost_chart(
    *, by_year: Sequence[YearCost], symbol: str, title: str, desc: str, key: str = "cost"
) -> SafeString:
    """Bars: the total paid by the end of each year. A line along the bottom: public
    donation, which costs the family nothing."""
    width, height = 720, 380
    left, right, top, bottom = 110, 16, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    years = len(by_year)
    top_value = _nice_ceiling(by_year[-1].cumulative if by_year else Decimal(0))
    prefix = f"chart-{key}"
    parts = [_svg_open(prefix, width, height, title, desc, "cost-chart")]

    def y_of(value: Decimal) -> float:
        return top + plot_h - float(value / top_value) * plot_h

    for step in range(5):
        value = top_value * step / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" class="axis">'
            f"{escape(format_money(value, symbol))}</text>"
        )
    if years:
        slot = plot_w / years
        bar = max(slot * 0.75, 1)
        label_every = max(1, math.ceil(years / 10))
        for row in by_year:
            x = left + (row.year - 1) * slot + (slot - bar) / 2
            y = y_of(row.cumulative)
            parts.append(
                f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{bar:.2f}" '
                f'height="{top + plot_h - y:.2f}"/>'
            )
            if row.year == 1 or row.year == years or row.year % label_every == 0:
                if row.year != years and years - row.year < label_every / 2:
                    continue  # keep the last label clear of its neighbour
                parts.append(
                    f'<text x="{x + bar / 2:.2f}" y="{top + plot_h + 22}" text-anchor="middle" '
                    f'class="axis">{row.year}</text>'
                )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" class="free"/>'
    )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle" class="axis">'
        f"Years of storage</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only
