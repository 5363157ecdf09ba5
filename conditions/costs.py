"""What private storage costs over the years: plain functions, no request or response.

The total is the upfront fees plus, for each year y from 1 to the number of years, the
annual fees times (1 + rise/100) to the power (y - 1). Year 1 also carries the upfront
fees, so the last cumulative figure is the total. Money is Decimal, rounded to the cent
once per year, so the year-by-year table adds up to the total shown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# Limits for the calculator's inputs, and the friendly messages the form and API give.
MAX_UPFRONT = Decimal("1000000")
MAX_ANNUAL = Decimal("100000")
MAX_YEARS = 100
MAX_RISE = Decimal("25")

ERROR_MISSING = "Enter {label}, for example {example}. Enter 0 if there is none."
ERROR_NOT_A_NUMBER = "Enter {label} as a number, like {example}, without letters."
ERROR_NEGATIVE = "{Label} cannot be less than 0."
ERROR_TOO_LARGE = "{Label} looks too large. Enter an amount below {maximum}."
ERROR_DECIMALS = "Enter {label} with no more than 2 figures after the decimal point."
ERROR_YEARS_MISSING = "Enter the number of years of storage, for example 20."
ERROR_YEARS_NOT_WHOLE = "Enter the number of years as a whole number, like 20."
ERROR_YEARS_TOO_FEW = "Enter at least 1 year of storage."
ERROR_YEARS_TOO_MANY = "Enter 100 years or fewer. Storage contracts run for decades, not centuries."
ERROR_RISE_TOO_LARGE = "A yearly rise of more than 25% looks like a mistake. Enter 25 or less."
ERROR_COUNTRY = "Choose a country from the list."


@dataclass(frozen=True)
class YearCost:
    year: int
    paid: Decimal
    cumulative: Decimal


@dataclass(frozen=True)
class LifetimeCost:
    upfront: Decimal
    annual: Decimal
    years: int
    rise: Decimal
    by_year: tuple[YearCost, ...]

    @property
    def total(self) -> Decimal:
        return self.by_year[-1].cumulative if self.by_year else self.upfront

    @property
    def annual_fees_total(self) -> Decimal:
        return self.total - self.upfront

    @property
    def last_annual_fee(self) -> Decimal:
        """The annual fee in the last year, after the rises."""
        if not self.by_year:
            return Decimal(0)
        last = self.by_year[-1]
        return last.paid - (self.upfront if last.year == 1 else 0)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def annual_fee_in_year(*, annual: Decimal, rise: Decimal, year: int) -> Decimal:
    """The annual fee in year `year` (1-based), after (year - 1) yearly rises, unrounded."""
    return Decimal(annual) * (1 + Decimal(rise) / 100) ** (year - 1)


def lifetime_cost(
    *,
    upfront: Decimal,
    annual: Decimal,
    years: int,
    rise: Decimal = Decimal(0),
    tissue_upfront: Decimal = Decimal(0),
    tissue_annual: Decimal = Decimal(0),
) -> LifetimeCost:
    """Everything paid for `years` of storage, year by year, with fees rising by `rise`
    per cent a year (compounding). Cord tissue fees, if any, add to the cord blood fees."""
    upfront_total = _money(Decimal(upfront) + Decimal(tissue_upfront))
    annual_total = Decimal(annual) + Decimal(tissue_annual)
    rows = []
    cumulative = Decimal(0)
    for year in range(1, years + 1):
        paid = _money(annual_fee_in_year(annual=annual_total, rise=rise, year=year))
        if year == 1:
            paid += upfront_total
        cumulative += paid
        rows.append(YearCost(year=year, paid=paid, cumulative=cumulative))
    return LifetimeCost(
        upfront=upfront_total,
        annual=_money(annual_total),
        years=years,
        rise=Decimal(rise),
        by_year=tuple(rows),
    )


def as_json(cost: LifetimeCost) -> dict:
    """The shape /api/costs/calculate/ returns: numbers, not strings."""

    def number(value: Decimal) -> int | float:
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "total": number(cost.total),
        "by_year": [
            {"year": row.year, "paid": number(row.paid), "cumulative": number(row.cumulative)}
            for row in cost.by_year
        ],
    }


def format_money(amount: Decimal | int | float | None, symbol: str = "", code: str = "") -> str:
    """1234.5 -> '£1,234.50'; whole amounts lose the pence: 1500 -> '£1,500'. A symbol made of
    letters (AED) is written before the amount with a space."""
    if amount is None:
        return ""
    value = _money(Decimal(str(amount)))
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    if value < 0:
        text = text.lstrip("-")
        sign = "-"
    else:
        sign = ""
    prefix = symbol or code
    if prefix and prefix[-1].isalpha():
        prefix += " "
    return f"{sign}{prefix}{text}"
