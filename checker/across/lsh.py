"""Which passages of a batch are near-duplicates of each other: banded MinHash (locality
sensitive hashing), so the work grows with the number of passages, never with the number of
pairs of reports.

Each signature (checker.across.minhash) is cut into 21 bands of 3 values; passages sharing a
band are candidates (a pair of similarity 0.5 shares one with probability 0.94, a pair of 0.2
with 0.15), and each candidate is kept when its estimated similarity reaches ``SIMILAR``.

Template: a band shared by passages of more than ``common_cap(n)`` reports of the batch is
the batch's common text, not copying: its passages are left out and never paired (so a
sentence every report has cannot make the pairs grow with the square of the batch); so is a
passage found similar to passages of more than that many reports. Reports that are copies of
each other as a whole (the same report under two names, a report re-dated; found by the same
method on one signature per report) count once there: eight identical reports in a batch of
eight are copies, not a template.
"""

from __future__ import annotations

import numpy as np

from checker.across.minhash import NPERM, similarity

ROWS = 3
BANDS = NPERM // ROWS
SIMILAR = 0.45  # estimated Jaccard similarity of 3-gram sets: a passage reworded in a few words stays above
DF_SHARE = 0.1  # a passage in more than this share of a batch's reports is template ...
DF_MIN = 5  # ... when that is more than this many reports (a batch of 2 cannot tell)
NEIGHBOURS = 8  # pairs formed per passage and band, at most
WHOLE_COPY = 0.5  # similarity of two whole reports that makes them one for the template test
VERIFY_CHUNK = 100_000  # pairs compared at once: two 63-byte rows each


def unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (``np.unique`` of numpy 2 hashes integers: 100 times slower here)."""
    a = np.sort(a, kind="stable")
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def common_cap(n_reports: int) -> int:
    """The most reports (groups of whole copies) a passage may appear in and still count as
    copied, not template."""
    return max(DF_MIN, int(DF_SHARE * n_reports))


def _band_keys(sig: np.ndarray, band: int) -> np.ndarray:
    s = sig[:, band * ROWS:(band + 1) * ROWS].astype(np.uint32)
    return (s[:, 0] << 16) | (s[:, 1] << 8) | s[:, 2]


def _order(keys: np.ndarray, group: np.ndarray) -> np.ndarray:
    """``np.lexsort((group, keys))``: the passages by band key, then group, then position. When
    the three fit in 63 bits (a batch of 10,000 reports needs about 57), one sort of them packed
    into an int64, about ten times faster than the lexsort."""
    n = len(keys)
    gbits = int(group.max()).bit_length() if n else 0
    ibits = max(1, (n - 1).bit_length())
    if 8 * ROWS + gbits + ibits > 63:
        return np.lexsort((group, keys))
    packed = keys.astype(np.int64) << (gbits + ibits)
    packed |= group.astype(np.int64) << ibits
    packed |= np.arange(n, dtype=np.int64)
    packed.sort()
    packed &= (1 << ibits) - 1
    return packed


def _buckets(keys: np.ndarray, group: np.ndarray):
    """Passages sorted by (band key, group): the order, each one's bucket, and the number of
    distinct groups in its bucket."""
    n = len(keys)
    order = _order(keys, group)
    k, g = keys[order], group[order]
    new_bucket = np.empty(n, dtype=bool)
    new_bucket[:1] = True
    new_bucket[1:] = k[1:] != k[:-1]
    new_group = new_bucket.copy()
    new_group[1:] |= g[1:] != g[:-1]
    del k, g
    bucket = np.cumsum(new_bucket, dtype=np.int32) - 1  # int32 throughout: a batch's passages stay under 2**31
    groups = np.bincount(bucket, weights=new_group).astype(np.int32) if n else np.zeros(0, dtype=np.int32)
    return order, bucket, groups[bucket]


def candidates(sig: np.ndarray, rep: np.ndarray, group: np.ndarray, cap: int):
    """(first, second, common): candidate pairs of items of different ``rep`` (first <
    second), and the items in a band shared by more than ``cap`` groups."""
    n = len(rep)
    common = np.zeros(n, dtype=bool)
    code = np.zeros(0, dtype=np.int64)
    for band in range(BANDS):
        codes = [code]
        order, bucket, groups = _buckets(_band_keys(sig, band), group)
        common[order[groups > cap]] = True
        pos = np.flatnonzero((groups <= cap) & (groups >= 1))
        if len(pos) < 2:
            continue
        b, rr, units = bucket[pos], rep[order][pos], order[pos]
        for d in range(1, NEIGHBOURS + 1):
            same = (b[:-d] == b[d:]) & (rr[:-d] != rr[d:])
            if not same.any():
                break
            u1, u2 = units[:-d][same], units[d:][same]
            codes.append(np.minimum(u1, u2).astype(np.int64) * n + np.maximum(u1, u2))
        if len(codes) > 1:  # merged band by band: whole copies give the same pairs in every band
            code = unique(np.concatenate(codes))
    return code // n, code % n, common


def _verified(sig, first, second, threshold):
    keep_a, keep_b, keep_s = [], [], []
    for i in range(0, len(first), VERIFY_CHUNK):
        a, b = first[i:i + VERIFY_CHUNK], second[i:i + VERIFY_CHUNK]
        s = similarity(sig[a], sig[b])
        ok = s >= threshold
        keep_a.append(a[ok])
        keep_b.append(b[ok])
        keep_s.append(s[ok].astype(np.float32))
    if not keep_a:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(keep_a), np.concatenate(keep_b), np.concatenate(keep_s)


def copy_groups(whole: list) -> np.ndarray:
    """A group id per report: reports whose whole bodies are near-duplicates are one group
    (union-find over the pairs found among the reports' own signatures)."""
    n = len(whole)
    parent = np.arange(n, dtype=np.int32)
    have = [k for k, w in enumerate(whole) if w is not None]
    if len(have) < 2:
        return parent
    sig = np.stack([whole[k] for k in have])
    ids = np.arange(len(have))
    first, second, _ = candidates(sig, ids, ids, n)
    a, b, _ = _verified(sig, first, second, WHOLE_COPY)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a, b):
        rx, ry = root(have[int(x)]), root(have[int(y)])
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    return np.array([root(i) for i in range(n)], dtype=np.int32)


def similar_pairs(sig: np.ndarray, rep: np.ndarray, whole: list):
    """(first, second, similarity) of the pairs of passages of different reports that are
    near-duplicates, template passages left out. ``whole``: each report's own signature."""
    n_reports = len(whole)
    cap = common_cap(n_reports)
    group = copy_groups(whole)[rep]
    first, second, common = candidates(sig, rep, group, cap)
    a, b, s = _verified(sig, first, second, SIMILAR)
    # a passage similar to passages of more than cap other groups
    units = np.concatenate([a, b])
    others = np.concatenate([group[b], group[a]])
    if len(units):
        pair = unique(units.astype(np.int64) * np.int64(n_reports + 1) + others)
        counts = np.bincount((pair // (n_reports + 1)).astype(np.int64), minlength=len(rep))
        common |= counts > cap
    ok = ~common[a] & ~common[b]
    return a[ok], b[ok], s[ok]
