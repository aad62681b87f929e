"""MinHash signatures of short texts over character 3-grams, in numpy.

Written here rather than taken from datasketch: a batch of 10,000 reports has about half a
million passages, and the main process must hold the signatures of all of them. datasketch
keeps one Python object per passage (a 128 x uint64 array, 1 KB, plus the object) and its LSH
index keeps Python tuples per band; here a passage is 63 bytes: 8 bits of each of 63 minimum
hashes (b-bit MinHash, Li & König 2010), from which the link also forms its bands. All the
passages of a report are hashed in one vectorised pass (``signatures``), 32-bit arithmetic.
"""

from __future__ import annotations

import numpy as np

NPERM = 63  # 21 bands of 3 rows (checker.across.lsh)
K = 3  # characters per shingle: a changed two-character word spoils 4 of a sentence's 3-grams
_rng = np.random.default_rng(20261201)
_A = _rng.integers(1, 2**31, size=NPERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)  # odd multipliers
_B = _rng.integers(0, 2**32, size=NPERM, dtype=np.uint32)
_MIX = np.uint64(0x9E3779B97F4A7C15)
CHUNK = 40_000  # characters hashed at once: bounds the temporary (NPERM x CHUNK x 4 bytes = 10 MB)
_NONE = np.uint32(0xFFFFFFFF)


def _hashes(texts: list[str]) -> np.ndarray:
    """(NPERM, len(texts)) minimum hashes of each text's 3-grams (each text >= 3 characters)."""
    joined = "".join(texts)
    c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    sh = (c[:-2] << np.uint64(42)) | (c[1:-1] << np.uint64(21)) | c[2:]  # exact: code points are 21 bits
    x = ((sh * _MIX) >> np.uint64(32)).astype(np.uint32)
    h = np.multiply.outer(_A, x)
    h += _B[:, None]
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lens)
    starts = ends - lens
    # the two 3-grams that run from one text into the next belong to neither
    cross = np.concatenate([ends[:-1] - 2, ends[:-1] - 1])
    h[:, cross[cross < h.shape[1]]] = _NONE
    return np.minimum.reduceat(h, starts, axis=1)


def _bbit(mins: np.ndarray) -> np.ndarray:
    return ((mins >> np.uint32(13)) & np.uint32(0xFF)).astype(np.uint8)  # middle bits: the low ones of a*x+b are weak


def signatures(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(len(texts), NPERM) uint8: the b-bit MinHash signature of each text (texts of at least
    3 characters); and (NPERM,) uint8, the signature of all of them together (the minimum of
    a union is the minimum of the parts' minima)."""
    out = np.zeros((len(texts), NPERM), dtype=np.uint8)
    whole = np.full(NPERM, _NONE, dtype=np.uint32)
    i = 0
    with np.errstate(over="ignore"):
        while i < len(texts):
            j, total = i, 0
            while j < len(texts) and (total < CHUNK or j == i):
                total += len(texts[j])
                j += 1
            mins = _hashes(texts[i:j])
            out[i:j] = _bbit(mins).T
            whole = np.minimum(whole, mins.min(axis=1))
            i = j
    return out, _bbit(whole)


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of rows of ``a`` and ``b`` (equal 8-bit values, less the
    1/256 chance that two different minima agree on those 8 bits)."""
    eq = (a == b).mean(axis=1)
    return np.clip((eq - 1 / 256) / (1 - 1 / 256), 0.0, 1.0)
