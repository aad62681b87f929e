"""Which passages of a batch are near-duplicates of each other: banded MinHash (locality
sensitive hashing), so the work grows with the number of passages, never with the number of
pairs of reports.

Each signature (checker.across.minhash) is cut into 21 bands of 3 values; passages sharing a
band are candidates (a pair of similarity 0.5 shares one with probability 0.94, a pair of 0.2
with 0.15), and each candidate is kept when its estimated similarity reaches ``SIMILAR``.
A passage found in more than ``common_cap(n)`` reports of the batch is template, not copying.
"""

from __future__ import annotations

import numpy as np

from checker.across.minhash import NPERM, similarity

ROWS = 3
BANDS = NPERM // ROWS
SIMILAR = 0.45  # estimated Jaccard similarity of 3-gram sets: a passage reworded in a few words stays above
DF_SHARE = 0.25  # a passage in more than this share of a batch's reports is template ...
DF_MIN = 5  # ... when that is more than this many reports (a batch of 2 cannot tell)
VERIFY_CHUNK = 500_000


def common_cap(n_reports: int) -> int:
    """The most reports a passage may appear in and still count as copied, not template."""
    return max(DF_MIN, int(DF_SHARE * n_reports))


def _band_keys(sig: np.ndarray, band: int) -> np.ndarray:
    s = sig[:, band * ROWS:(band + 1) * ROWS].astype(np.uint32)
    return (s[:, 0] << 16) | (s[:, 1] << 8) | s[:, 2]


def candidates(sig: np.ndarray, rep: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first, second, common): candidate pairs of passages of different reports (first <
    second), and the passages whose band is shared by more than ``cap`` reports (template)."""
    n = len(rep)
    common = np.zeros(n, dtype=bool)
    codes = []
    for band in range(BANDS):
        keys = _band_keys(sig, band)
        order = np.lexsort((rep, keys))
        k, r = keys[order], rep[order]
        new_bucket = np.empty(n, dtype=bool)
        new_bucket[0] = True
        new_bucket[1:] = k[1:] != k[:-1]
        new_rep = new_bucket.copy()
        new_rep[1:] |= r[1:] != r[:-1]
        bucket = np.cumsum(new_bucket) - 1
        reports = np.bincount(bucket, weights=new_rep).astype(np.int64)
        size = np.bincount(bucket)
        too_many = reports[bucket] > cap
        common[order[too_many]] = True
        keep = (reports[bucket] >= 2) & ~too_many & (size[bucket] <= 4 * cap)
        pos = np.flatnonzero(keep)
        if len(pos) == 0:
            continue
        b, rr, units = bucket[pos], r[pos], order[pos]
        for d in range(1, int(size[b].max())):
            same = (b[:-d] == b[d:]) & (rr[:-d] != rr[d:])
            if not same.any():
                break
            u1, u2 = units[:-d][same], units[d:][same]
            lo, hi = np.minimum(u1, u2), np.maximum(u1, u2)
            codes.append(lo.astype(np.int64) * n + hi)
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, common
    code = np.unique(np.concatenate(codes))
    return code // n, code % n, common


def similar_pairs(sig: np.ndarray, rep: np.ndarray, n_reports: int):
    """(first, second, similarity) of the pairs of passages of different reports that are
    near-duplicates, template passages left out."""
    cap = common_cap(n_reports)
    first, second, common = candidates(sig, rep, cap)
    keep_a, keep_b, keep_s = [], [], []
    for i in range(0, len(first), VERIFY_CHUNK):
        a, b = first[i:i + VERIFY_CHUNK], second[i:i + VERIFY_CHUNK]
        s = similarity(sig[a], sig[b])
        ok = s >= SIMILAR
        keep_a.append(a[ok])
        keep_b.append(b[ok])
        keep_s.append(s[ok].astype(np.float32))
    a = np.concatenate(keep_a) if keep_a else np.zeros(0, dtype=np.int64)
    b = np.concatenate(keep_b) if keep_b else np.zeros(0, dtype=np.int64)
    s = np.concatenate(keep_s) if keep_s else np.zeros(0, dtype=np.float32)
    # a passage matching passages of more than ``cap`` reports is template too
    units = np.concatenate([a, b])
    others = np.concatenate([rep[b], rep[a]])
    if len(units):
        pair = np.unique(units * np.int64(n_reports + 1) + others)
        counts = np.bincount((pair // (n_reports + 1)).astype(np.int64), minlength=len(rep))
        common |= counts > cap
    ok = ~common[a] & ~common[b]
    return a[ok], b[ok], s[ok]
