"""The basis period of a rulebook and the choice of a rulebook by report year.

A rulebook writes its period under ``applies``: ``from_year`` and ``to_year`` (the first and last
report year its basis covers; ``from_year: null`` means every earlier year, no ``to_year`` an
open end) and ``basis`` (the documents it rests on). Choosing by year: a report inside a period
gets that rulebook; a report before the first period gets the oldest; a report after the last
period gets the newest, with a notice on every output that its basis period has ended.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    first: int | None = None  # first report year the basis covers; None: every earlier year
    last: int | None = None  # last report year; None: open end
    basis: tuple[str, ...] = ()

    @classmethod
    def of(cls, applies) -> "Period | None":
        """The period a rulebook's ``applies`` mapping declares, or None when it declares none."""
        if not isinstance(applies, dict) or (applies.get("from_year") is None and applies.get("to_year") is None):
            return None
        basis = applies.get("basis")
        basis = [] if basis is None else basis if isinstance(basis, list) else [basis]
        return cls(applies.get("from_year"), applies.get("to_year"), tuple(str(b) for b in basis))

    def covers(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    def ended_before(self, year: int | None) -> bool:
        return year is not None and self.last is not None and year > self.last

    def label(self) -> str:
        """``2021—2025 年度``, ``2020 年度及以前``, ``2021 年度及以后``."""
        if self.first is not None and self.last is not None:
            return f"{self.first}—{self.last} 年度" if self.first != self.last else f"{self.first} 年度"
        if self.last is not None:
            return f"{self.last} 年度及以前"
        return f"{self.first} 年度及以后" if self.first is not None else "各年度"

    def sort_key(self) -> tuple:
        return (self.first if self.first is not None else -10**6, self.last if self.last is not None else 10**6)


@dataclass(frozen=True)
class Entry:
    """A rulebook that takes part in the choice by year."""
    id: str
    name: str
    version: str
    path: str
    period: Period | None


def dated(entries) -> list[Entry]:
    """The entries with a period, oldest first."""
    return sorted((e for e in entries if e.period is not None), key=lambda e: e.period.sort_key())


def newest(entries) -> Entry | None:
    found = dated(entries)
    return found[-1] if found else None


def choose(year: int | None, entries) -> tuple[Entry | None, bool]:
    """(the entry for a report on ``year``, whether the year is after every period)."""
    found = dated(entries)
    if not found:
        return None, False
    if year is None:
        return found[-1], False
    for e in found:
        if e.period.covers(year):
            return e, False
    if found[-1].period.ended_before(year):
        return found[-1], True
    earlier = [e for e in found if e.period.ended_before(year)]
    if earlier:  # a gap between two periods (the lint reports it): the last period before it
        return earlier[-1], True
    return found[0], False  # before the first period


def notice(book_id: str, period: Period | None, year: int | None) -> str | None:
    """The notice for a report on ``year`` judged by a rulebook whose basis period has ended
    (None when the year is inside or before the period, unknown, or the rulebook has none)."""
    if period is None or not period.ended_before(year):
        return None
    basis = "、".join(period.basis) if period.basis else "其依据"
    return (f"规则集 {book_id} 依据{basis}，依据期为 {period.label()}，已于 {period.last} 年结束；"
            f"本报告为 {year} 年度，审查仍按该规则集判定，直到安装了覆盖 {year} 年度的新规则集。"
            f"如需按其他规则集审查，用 --rules 指定（check rules list 列出随工具提供的规则集）。")


def period_problems(entries) -> list[tuple[tuple[Entry, ...], str]]:
    """(the entries concerned, Chinese message) for each overlap of two periods and each gap between them: every
    report year from the first period on must have exactly one rulebook."""
    out = []
    for e in entries:
        if e.period is None:
            out.append(((e,), f"规则集 {e.id} 没有写依据期（applies 的 from_year、to_year），无法按报告年度选用"))
        elif e.period.first is not None and e.period.last is not None and e.period.first > e.period.last:
            out.append(((e,), f"规则集 {e.id} 的依据期起始年 {e.period.first} 晚于结束年 {e.period.last}"))
        elif not e.period.basis:
            out.append(((e,), f"规则集 {e.id} 没有写依据（applies.basis：所依据的文件）"))
    found = dated(entries)
    for a, b in zip(found, found[1:]):
        pa, pb = a.period, b.period
        if pa.last is None or pb.first is None or pa.last >= pb.first:
            lasts = [x for x in (pa.last, pb.last) if x is not None]
            years = Period(pb.first, min(lasts) if lasts else None).label()  # sorted: pb.first is the later start
            out.append(((a, b), f"依据期重叠：{a.id}（{pa.label()}）与 {b.id}（{pb.label()}）都覆盖 {years}"))
        elif pa.last + 1 < pb.first:
            gap = (f"{pa.last + 1} 年度" if pa.last + 1 == pb.first - 1 else f"{pa.last + 1}—{pb.first - 1} 年度")
            out.append(((a, b), f"依据期有空档：{gap}没有规则集（{a.id} 到 {pa.last} 年度，{b.id} 从 {pb.first} 年度起）"))
    return out
