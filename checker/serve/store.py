"""Batches of the page's uploads while they are checked, in memory only (never on disk, never in
a log). A finished batch waits for its results page to be fetched, is sent once and forgotten
(``pop``); one never fetched is forgotten after ``keep`` seconds or, oldest first, when more than
``limit`` reports are held. Each batch has an unguessable id."""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from checker.pipeline import Outcome


@dataclass
class Batch:
    id: str
    names: list[str]
    created: float = field(default_factory=time.monotonic)
    outcomes: list[Outcome | None] = field(default_factory=list)
    pages: list[str | None] = field(default_factory=list)  # HTML scorecards
    states: list[str | None] = field(default_factory=list)  # sealed report states (``state.seal``)
    finished: bool = False
    finished_at: float | None = None
    task: object = None  # the asyncio task checking it

    def __post_init__(self):
        self.outcomes = [None] * len(self.names)
        self.pages = [None] * len(self.names)
        self.states = [None] * len(self.names)

    @property
    def total(self) -> int:
        return len(self.names)

    @property
    def done(self) -> int:
        return sum(o is not None for o in self.outcomes)


class Store:
    def __init__(self, keep: float = 1800, limit: int = 300):
        self.keep, self.limit = keep, limit
        self._batches: OrderedDict[str, Batch] = OrderedDict()
        self._held = 0  # reports in all batches

    def new(self, names: list[str]) -> Batch:
        self._expire()
        while self._batches and self._held + len(names) > self.limit:
            self._drop()
        batch = Batch(secrets.token_urlsafe(16), names)
        self._batches[batch.id] = batch
        self._held += batch.total
        return batch

    def _drop(self) -> None:
        _, batch = self._batches.popitem(last=False)
        self._held -= batch.total

    def get(self, batch_id: str) -> Batch | None:
        self._expire()
        return self._batches.get(batch_id)

    def pop(self, batch_id: str) -> Batch | None:
        batch = self._batches.pop(batch_id, None)
        if batch is not None:
            self._held -= batch.total
        return batch

    def __len__(self) -> int:
        return len(self._batches)

    def _expire(self) -> None:
        """Forget finished batches nobody fetched within ``keep`` seconds (a batch still being
        checked is never dropped for its age: a long batch must not lose its results)."""
        now = time.monotonic()
        for bid in [b.id for b in self._batches.values()
                    if b.finished and now - (b.finished_at or b.created) >= self.keep]:
            self.pop(bid)
