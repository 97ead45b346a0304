#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for merge-intervals. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in holds one line, the JSON list of intervals; its .ans the merged intervals sorted
by start (the judge compares them as an unordered list).
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
LIM = 10**9
NMAX = 10**5


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def solve(intervals):
    out = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def write(group, name, intervals):
    assert 1 <= len(intervals) <= NMAX
    assert all(0 <= s <= e <= LIM for s, e in intervals)
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(dumps(intervals) + "\n")
    with open(path + ".ans", "w") as f:
        f.write(dumps(solve(intervals)) + "\n")
    assert os.path.getsize(path + ".in") < 2_000_000


def random_intervals(rng, n, hi, maxlen):
    out = []
    for _ in range(n):
        s = rng.randint(0, hi)
        out.append([s, min(hi, s + rng.randint(0, maxlen))])
    return out


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240711)

    write("sample", "1", [[1, 3], [2, 6], [8, 10], [15, 18]])
    write("sample", "2", [[1, 4], [4, 5]])
    write("sample", "3", [[4, 7], [1, 4], [10, 10]])

    write("secret", "01-min-single", [[0, 0]])
    # Touching intervals share a point, so they overlap.
    write("secret", "02-min-touching", [[1, 4], [4, 5]])
    # [1, 2] and [3, 4] leave the open gap (2, 3): they stay apart.
    write("secret", "03-gap-of-one", [[3, 4], [1, 2]])
    # The first interval contains the later ones: the end must be the max, not the last seen.
    write("secret", "04-nested", [[1, 10], [2, 3], [4, 5], [6, 10], [0, 1]])
    write("secret", "05-identical", [[2, 6]] * 6)
    # Only sorting reveals the chain: a single left-to-right pass over the input misses it.
    write("secret", "06-chain-unsorted", [[6, 8], [1, 3], [9, 12], [2, 6], [13, 13], [12, 13]])
    write("secret", "07-points", [[3, 3], [1, 1], [3, 3], [1, 3], [5, 5], [7, 9], [9, 9]])
    write("secret", "08-extremes", [[LIM, LIM], [0, LIM // 2], [LIM // 2 + 1, LIM - 1], [0, 0], [LIM - 1, LIM]])
    write("secret", "09-small-random", random_intervals(rng, 30, 100, 8))
    write("secret", "10-small-random-dense", random_intervals(rng, 60, 600, 12))

    # Disjoint intervals, shuffled: the answer has n intervals (slow for an O(n * answer) merge).
    starts = rng.sample(range(0, 10**6, 10), NMAX)
    a = [[s, s + rng.randint(0, 8)] for s in starts]
    write("secret", "11-large-disjoint-shuffled", a)

    # Random mix of overlaps and gaps.
    write("secret", "12-large-random", random_intervals(rng, NMAX, 10**6, 12))

    # Everything chains into one interval, in shuffled order; one long interval swallows a tail.
    a = [[i * 5, i * 5 + 5] for i in range(NMAX - 1)] + [[0, 10**6]]
    rng.shuffle(a)
    write("secret", "13-large-one-chain", a)

    # Values up to 10^9, nested intervals and long ones (fewer of them: the file stays small).
    a = random_intervals(rng, 80000, LIM, 2 * 10**4)
    a += [[s, s + rng.randint(0, 10**7)] for s in rng.sample(range(0, LIM - 10**7), 50)]
    rng.shuffle(a)
    write("secret", "14-large-extremes", a)


if __name__ == "__main__":
    main()
