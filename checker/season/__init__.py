"""Reporting seasons: each national rulebook declares the report years its basis covers
(``applies``), the report year picks the rulebook, and a report after the last period is
judged by the newest rulebook with a notice that its basis period has ended.

- ``periods``: the period of one rulebook, the choice by year, the notice, and the lint of a
  set of periods (no overlaps, no gaps);
- ``catalog``: the rulebooks that come with the tool, each with id, name and period;
- ``diff``: what changed between two rulebooks (``check rules diff A B``).
"""
