"""numpy's float64 results for the few operations the segmenter needs, in pure Python.

Importing numpy costs a fresh process more than the rest of reading a short article, so the
segmenter computes a short document without it (`segmentation.SMALL_BLOCKS`), and must then get
the very same numbers: the sections it chooses hang on comparisons of them. So each function
here does what numpy does, in numpy's order: sums are pairwise as numpy's reductions are
(`add_reduce`), `Generator.permutation` draws from PCG64 seeded by `SeedSequence` as
`numpy.random.default_rng` does (`Permutations`). Tests compare every one with numpy.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

_PAIRWISE_BLOCK = 128
"""numpy's PW_BLOCKSIZE: below it a sum runs in eight interleaved accumulators."""


def pairwise_sum(values: Sequence[float], start: int = 0, count: int | None = None) -> float:
    """numpy's pairwise summation of values[start : start + count] (`DOUBLE_pairwise_sum`)."""
    n = len(values) - start if count is None else count
    if n < 8:
        total = 0.0
        for i in range(start, start + n):
            total += values[i]
        return total
    if n <= _PAIRWISE_BLOCK:
        r = list(values[start : start + 8])
        i = 8
        stop = n - n % 8
        while i < stop:
            for j in range(8):
                r[j] += values[start + i + j]
            i += 8
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            total += values[start + i]
            i += 1
        return total
    half = n // 2
    half -= half % 8
    return pairwise_sum(values, start, half) + pairwise_sum(values, start + half, n - half)


def add_reduce(values: Sequence[float]) -> float:
    """`np.add.reduce` of a 1-D float64 array (and `sum` along a contiguous axis)."""
    return pairwise_sum(values)


def row_sums(matrix: Sequence[Sequence[float]]) -> list[float]:
    """`matrix.sum(1)`."""
    return [add_reduce(row) for row in matrix]


def total_sum(matrix: Sequence[Sequence[float]]) -> float:
    """`matrix.sum()` of a C-ordered 2-D array: one reduction over all its elements."""
    return add_reduce([x for row in matrix for x in row])


def cumsum(values: Sequence[float]) -> list[float]:
    """`np.cumsum`: running sums, left to right."""
    out = []
    total = 0.0
    for k, x in enumerate(values):
        total = x if k == 0 else total + x
        out.append(total)
    return out


def argmax(values: Sequence[float]) -> int:
    """`np.argmax`: the first maximum, or the first NaN."""
    best = 0
    for k, x in enumerate(values):
        if x != x:
            return k
        if x > values[best]:
            best = k
    return best


def mean(values: Sequence[float]) -> float:
    """`np.mean` of a 1-D array."""
    return add_reduce(values) / len(values)


def std(values: Sequence[float]) -> float:
    """`np.std` of a 1-D array (ddof 0)."""
    centre = add_reduce(values) / len(values)
    squares = [(x - centre) * (x - centre) for x in values]
    return math.sqrt(add_reduce(squares) / len(values))


# --- numpy.random.default_rng(seed).permutation ---------------------------------------

_M32 = 0xFFFFFFFF
_M64 = (1 << 64) - 1
_M128 = (1 << 128) - 1
_PCG_MULTIPLIER = (2549297995355413924 << 64) + 4865540595714422341
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715
_POOL = 4


def _seed_words(seed: int, words: int) -> list[int]:
    """`SeedSequence(seed).generate_state(words, np.uint32)`."""
    entropy = []
    while True:
        entropy.append(seed & _M32)
        seed >>= 32
        if not seed:
            break
    hash_const = _INIT_A

    def hashmix(value: int) -> int:
        nonlocal hash_const
        value ^= hash_const
        hash_const = hash_const * _MULT_A & _M32
        value = value * hash_const & _M32
        return value ^ value >> 16

    def mix(x: int, y: int) -> int:
        result = (_MIX_L * x - _MIX_R * y) & _M32
        return result ^ result >> 16

    pool = [hashmix(entropy[i] if i < len(entropy) else 0) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    for src in range(_POOL, len(entropy)):
        for dst in range(_POOL):
            pool[dst] = mix(pool[dst], hashmix(entropy[src]))
    out = []
    hash_const_b = _INIT_B
    for k in range(words):
        value = pool[k % _POOL] ^ hash_const_b
        hash_const_b = hash_const_b * _MULT_B & _M32
        value = value * hash_const_b & _M32
        out.append(value ^ value >> 16)
    return out


class Permutations:
    """Successive `permutation(n)` of `numpy.random.default_rng(seed)` (PCG64, XSL-RR)."""

    def __init__(self, seed: int) -> None:
        w = _seed_words(seed, 8)
        state = w[0] | w[1] << 32 | w[2] << 64 | w[3] << 96  # two little-endian uint64
        inc = w[4] | w[5] << 32 | w[6] << 64 | w[7] << 96
        state = (state >> 64) | (state & _M64) << 64  # seed[0] is the high word
        inc = (inc >> 64) | (inc & _M64) << 64
        self._inc = (inc << 1 | 1) & _M128
        self._state = 0
        self._step()
        self._state = (self._state + state) & _M128
        self._step()
        self._half: int | None = None

    def _step(self) -> None:
        self._state = (self._state * _PCG_MULTIPLIER + self._inc) & _M128

    def _next64(self) -> int:
        self._step()
        s = self._state
        value = ((s >> 64) ^ s) & _M64
        rot = s >> 122
        return ((value >> rot) | (value << (64 - rot))) & _M64

    def _next32(self) -> int:
        if self._half is not None:
            value, self._half = self._half, None
            return value
        value = self._next64()
        self._half = value >> 32
        return value & _M32

    def _interval(self, high: int) -> int:
        """A uniform integer in [0, high] (`random_interval`)."""
        if high == 0:
            return 0
        mask = high
        for shift in (1, 2, 4, 8, 16, 32):
            mask |= mask >> shift
        draw = self._next32 if high <= _M32 else self._next64
        while True:
            value = draw() & mask
            if value <= high:
                return value

    def permutation(self, n: int) -> list[int]:
        """`rng.permutation(n)`: a Fisher-Yates shuffle of range(n), from the end."""
        out = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self._interval(i)
            out[i], out[j] = out[j], out[i]
        return out


def permutations(seed: int, n: int, count: int) -> Iterator[list[int]]:
    """`count` successive permutations of range(n) from `default_rng(seed)`."""
    rng = Permutations(seed)
    for _ in range(count):
        yield rng.permutation(n)
