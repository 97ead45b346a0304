#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for top-k-frequent. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in holds two lines, nums (a JSON list) and k; its .ans the k most frequent values,
most frequent first (the judge compares them as an unordered list). Every test's answer is
unique: the k-th highest count is strictly higher than the (k+1)-th.
"""
import json
import os
import random
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
NMAX = 10**5
LO, HI = -(2**31), 2**31 - 1


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def ranked(nums):
    """(value, count) pairs, most frequent first."""
    return sorted(Counter(nums).items(), key=lambda vc: -vc[1])


def valid_ks(nums):
    r = ranked(nums)
    return [k for k in range(1, len(r) + 1) if k == len(r) or r[k - 1][1] > r[k][1]]


def write(group, name, nums, k):
    assert 1 <= len(nums) <= NMAX and all(LO <= x <= HI for x in nums)
    assert k in valid_ks(nums), (name, k)
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(dumps(nums) + "\n" + str(k) + "\n")
    with open(path + ".ans", "w") as f:
        f.write(dumps([v for v, _ in ranked(nums)[:k]]) + "\n")
    assert os.path.getsize(path + ".in") < 2_000_000


def from_counts(rng, counts, lo=-10**9, hi=10**9):
    """A shuffled list holding distinct random values, the i-th one counts[i] times."""
    values = rng.sample(range(lo, hi + 1), len(counts))
    nums = [v for v, c in zip(values, counts) for _ in range(c)]
    rng.shuffle(nums)
    return nums


def pick_k(rng, nums, lo, hi):
    ks = [k for k in valid_ks(nums) if lo <= k <= hi]
    return rng.choice(ks)


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240712)

    write("sample", "1", [1, 1, 1, 2, 2, 3], 2)
    write("sample", "2", [1], 1)
    write("sample", "3", [4, -1, 4, 7, -1, 4, -1, 4], 2)

    write("secret", "01-min-single", [7], 1)
    # All distinct: only k = n has a unique answer (everything).
    write("secret", "02-min-all-distinct", [3, -5, 9], 3)
    write("secret", "03-k-equals-distinct", [2, 2, 8, 8, 8, 1, 2, 2, 5], 4)
    write("secret", "04-extremes", [LO, HI, HI, 0, LO, HI, -1, 0, LO, HI], 2)
    # The answer ties among itself (both counted 3); the rest ties below it (all counted 1).
    write("secret", "05-ties-off-boundary", [6, 9, 6, 9, 6, 9, 1, 2, 3, 4, 5], 2)
    # One value fills all but one slot.
    write("secret", "06-one-dominant", [0] * 9 + [-3], 1)
    # One value counted n times: a bucket per count needs n + 1 slots.
    write("secret", "07-all-equal", [42] * 1000, 1)
    a = [rng.randint(-20, 20) for _ in range(200)]
    write("secret", "08-small-random", a, pick_k(rng, a, 1, 10))
    a = [rng.randint(-10**9, 10**9) for _ in range(30)] + [rng.randint(0, 15) for _ in range(300)]
    rng.shuffle(a)
    write("secret", "09-small-random-wide", a, pick_k(rng, a, 3, 12))

    # Large: all distinct, k = n (the answer is every value).
    write("secret", "10-large-all-distinct", rng.sample(range(-10**9, 10**9), NMAX), NMAX)

    # Large: ~50,000 distinct values, counts 1..few; k in the hundreds.
    counts = [1] * 40000 + [2] * 10000 + [3] * 3000 + [4] * 500 + list(range(5, 305))
    counts = counts[: NMAX]
    while sum(counts) > NMAX:
        counts.pop(0)
    a = from_counts(rng, counts)
    write("secret", "11-large-many-distinct", a, 300)

    # Large: a few hundred distinct values with heavy-tailed counts; k between 100 and 250.
    a = [int(rng.paretovariate(1.2)) * 7919 % 2000003 - 10**6 for _ in range(NMAX)]
    write("secret", "12-large-skewed", a, pick_k(rng, a, 100, 250))

    # Large: few distinct values, k = 10.
    counts = sorted({rng.randint(1, 3000) for _ in range(60)}, reverse=True)
    counts = counts[:50]
    scale = NMAX // sum(counts)
    a = from_counts(rng, [c * scale for c in counts], LO, HI)
    write("secret", "13-large-few-distinct", a, 10)


if __name__ == "__main__":
    main()
