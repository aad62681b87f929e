"""MinHash signatures of short texts over character 3-grams, in numpy.

Written here rather than taken from datasketch: a batch of 10,000 reports has about half a
million passages, and the main process must hold the signatures of all of them. datasketch
keeps one Python object per passage (a 128 x uint64 array, 1 KB, plus the object) and its LSH
index keeps Python tuples per band; here a passage is 63 bytes: the lowest 8 bits of each of 63
minimum hashes (b-bit MinHash, Li & König 2010), from which the link also forms its bands.
All signatures of a report are computed in one vectorised pass (``signatures``).
"""

from __future__ import annotations

import numpy as np

NPERM = 63  # 21 bands of 3 rows (checker.across.lsh)
K = 3  # characters per shingle: a changed two-character word spoils 4 of a sentence's 3-grams
_SEED = 20261201
_rng = np.random.default_rng(_SEED)
_A = (_rng.integers(1, 2**62, size=NPERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd
_B = _rng.integers(0, 2**62, size=NPERM, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
CHUNK = 40_000  # shingles hashed at once: bounds the temporary (NPERM x CHUNK x 8 bytes = 20 MB)


def _shingles(text: str) -> np.ndarray:
    """The 3-grams of ``text`` as exact 64-bit numbers (three 21-bit code points)."""
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(c) < K:
        c = np.concatenate([c, np.zeros(K - len(c), dtype=np.uint64)])
    return (c[:-2] << np.uint64(42)) | (c[1:-1] << np.uint64(21)) | c[2:]


def signatures(texts: list[str]) -> np.ndarray:
    """(len(texts), NPERM) uint8: the b-bit MinHash signature of each text (texts of at least
    3 characters)."""
    out = np.zeros((len(texts), NPERM), dtype=np.uint8)
    i = 0
    with np.errstate(over="ignore"):
        while i < len(texts):
            parts, offsets, total, j = [], [], 0, i
            while j < len(texts) and (total < CHUNK or j == i):
                sh = _shingles(texts[j])
                offsets.append(total)
                parts.append(sh)
                total += len(sh)
                j += 1
            x = np.concatenate(parts) * _MIX
            x ^= x >> np.uint64(29)
            h = (x[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(32)
            mins = np.minimum.reduceat(h, np.asarray(offsets, dtype=np.intp), axis=1)
            out[i:j] = (mins & np.uint64(0xFF)).astype(np.uint8).T
            i = j
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of rows of ``a`` and ``b`` (equal 8-bit values, less the
    1/256 chance that two different minima agree on their lowest 8 bits)."""
    eq = (a == b).mean(axis=1)
    return np.clip((eq - 1 / 256) / (1 - 1 / 256), 0.0, 1.0)
