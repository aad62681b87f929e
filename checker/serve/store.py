"""Results of the page's uploads, kept in memory only (never on disk, never in a log) for the
downloads that follow a scorecard (PDF, JSON, CSV), and forgotten after ``keep`` seconds or,
oldest first, when more than ``limit`` reports are held. Each batch has an unguessable id."""

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
    dashboard: str | None = None
    finished: bool = False

    def __post_init__(self):
        self.outcomes = [None] * len(self.names)
        self.pages = [None] * len(self.names)

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

    def __len__(self) -> int:
        return len(self._batches)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._batches:
            oldest = next(iter(self._batches.values()))
            if now - oldest.created < self.keep:
                break
            self._drop()
