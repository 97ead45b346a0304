#!/usr/bin/env python3
"""Regenerates data/secret for two-sum. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
The .ans files hold one valid answer (found by the reference one-pass hash map);
the output validator accepts any valid pair.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "secret")
LIM = 10**9
# Input sizes of the complexity ladder (interview.yaml lists the same tests and sizes).
LADDER = [1000 * 2**k for k in range(8)]


def solve(t, a):
    seen = {}
    for j, x in enumerate(a):
        i = seen.get(t - x)
        if i is not None:
            return i + 1, j + 1
        if x not in seen:
            seen[x] = j
    return -1, -1


def write(name, t, a):
    assert 2 <= len(a) <= 200000 and -2 * LIM <= t <= 2 * LIM
    assert all(-LIM <= x <= LIM for x in a)
    with open(os.path.join(OUT, name + ".in"), "w") as f:
        f.write("%d %d\n%s\n" % (len(a), t, " ".join(map(str, a))))
    i, j = solve(t, a)
    with open(os.path.join(OUT, name + ".ans"), "w") as f:
        f.write("%d %d\n" % (i, j))


def no_pair_values(rng, n, t, lo, hi):
    """n distinct values in [lo, hi] with no two (different positions) summing to t."""
    chosen = set()
    out = []
    while len(out) < n:
        x = rng.randint(lo, hi)
        if x in chosen or (t - x) in chosen or 2 * x == t:
            continue
        chosen.add(x)
        out.append(x)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = random.Random(20240601)

    write("01-min-yes", 5, [2, 3])
    write("02-min-no", 5, [2, 2])
    write("03-equal-values", 6, [3, 3])
    # t/2 appears exactly once: using the same element twice is wrong.
    write("04-half-target-once", 6, [1, 3, 8, 10])
    write("05-negatives", -7, [-10, 4, 5, -2, 3, 11, -20])
    write("06-zeros", 0, [0, 0, 0, 0, 0])
    write("07-extremes-max", 2 * LIM, [LIM, -LIM, 5, LIM])
    write("08-extremes-min", -2 * LIM, [-LIM, 7, -LIM])
    # Only the half-target element and values that can't pair: answer -1 -1.
    write("09-single-half-no", 14, [7, 1, 2, 3, 20, 30])
    a = [rng.randint(-50, 50) for _ in range(30)]
    write("10-small-random-dups", rng.choice(a) + rng.choice(a), a)
    a = no_pair_values(rng, 40, 17, -100, 100)
    write("11-small-random-no", 17, a)

    # Large: exactly one valid pair, at far-apart positions.
    n = 200000
    t = 123457
    a = no_pair_values(rng, n - 2, t, -10**6, 10**6)
    x = rng.randint(-800000, 800000)
    while x in set(a) or (t - x) in set(a) or 2 * x == t:
        x += 1
    a = [x] + a + [t - x]
    write("12-large-one-pair-far", t, a)

    # Large, no pair at all (worst case for brute force): all even values, odd target.
    t = 99999
    a = [2 * rng.randint(-50000, 50000) for _ in range(n)]
    write("13-large-no-pair", t, a)

    # Large, t/2 appears exactly once; t = 0 (mod 4), every other value = 1 (mod 4),
    # t/2 = 2 (mod 4): the only way to reach t is to use t/2 twice -> no pair.
    t = 2 * 31418
    a = [4 * rng.randint(-25000, 25000) + 1 for _ in range(n - 1)]
    a.insert(n // 2, t // 2)
    write("14-large-half-trap", t, a)

    # Large, extremes: the only pair sums to 2e9 (other values are 1 mod 4, so any two of
    # them sum to 2 mod 4, and with 1e9 they sum to 1 mod 4; 2e9 is 0 mod 4).
    m = 100000
    a = [rng.randint(-250000, 250000) * 4 + 1 for _ in range(m - 2)]
    a = a[: m // 3] + [LIM] + a[m // 3:] + [LIM]
    write("15-large-extreme-pair", 2 * LIM, a)

    # Large, small value range -> many pairs.
    a = [rng.randint(-1000, 1000) for _ in range(50000)]
    write("16-large-many-pairs", 37, a)

    # Complexity ladder (interview.yaml's `complexity`): sizes doubling from 1000, each with
    # no pair at all (even values, odd target), the worst case for the O(n^2) brute force,
    # which must look at every pair. A generator of its own keeps the tests above unchanged.
    lrng = random.Random(20240617)
    for n in LADDER:
        t = 2 * lrng.randint(-LIM // 4, LIM // 4) + 1
        a = [2 * lrng.randint(-LIM // 2, LIM // 2) for _ in range(n)]
        write("17-ladder-%06d" % n, t, a)


if __name__ == "__main__":
    main()
