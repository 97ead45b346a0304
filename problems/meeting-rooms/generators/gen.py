#!/usr/bin/env python3
"""Regenerates data/secret for meeting-rooms. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "secret")
LIM = 10**9


def solve(meetings):
    # Sweep line; at equal times the end (-1) comes before the start (+1): [s, e) is half-open.
    events = []
    for s, e in meetings:
        events.append((s, 1))
        events.append((e, -1))
    events.sort()
    cur = best = 0
    for _, d in events:
        cur += d
        best = max(best, cur)
    return best


def write(name, meetings):
    assert 1 <= len(meetings) <= 100000
    assert all(0 <= s < e <= LIM for s, e in meetings)
    with open(os.path.join(OUT, name + ".in"), "w") as f:
        f.write("%d\n" % len(meetings))
        f.write("".join("%d %d\n" % m for m in meetings))
    with open(os.path.join(OUT, name + ".ans"), "w") as f:
        f.write("%d\n" % solve(meetings))


def rand_meetings(rng, n, lo, hi, maxlen):
    out = []
    for _ in range(n):
        s = rng.randint(lo, hi - 1)
        e = min(hi, s + rng.randint(1, maxlen))
        out.append((s, e))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = random.Random(777)

    write("01-single", [(0, 1)])
    write("02-back-to-back", [(10, 20), (0, 10), (20, 30)])
    write("03-identical", [(5, 9)] * 4)
    write("04-nested", [(0, 100), (10, 90), (20, 80), (30, 70), (40, 60)])
    write("05-extremes", [(0, LIM), (0, 1), (LIM - 1, LIM), (1, LIM - 1)])
    write("06-touch-and-overlap", [(1, 3), (3, 5), (2, 4), (4, 6), (5, 7)])
    write("07-disjoint", [(i * 10, i * 10 + 5) for i in range(10)][::-1])
    write("08-small-random", rand_meetings(rng, 50, 0, 100, 20))
    # Many touching endpoints: short meetings on a tiny time range.
    write("09-small-touching", rand_meetings(rng, 60, 0, 12, 3))

    n = 100000
    # Large random over the full time range.
    write("10-large-random", rand_meetings(rng, 60000, 0, LIM, 10**7))
    # Large, a long chain of back-to-back meetings (answer 1), shuffled.
    chain = [(2 * i, 2 * i + 2) for i in range(n)]
    rng.shuffle(chain)
    write("11-large-back-to-back", chain)
    # Large, every meeting overlaps every other (answer n).
    write("12-large-all-overlap", [(rng.randint(0, 999), rng.randint(1000, 2000)) for _ in range(n)])
    # Large, heavy endpoint ties on a small range.
    write("13-large-touching", rand_meetings(rng, n, 0, 5000, 5))
    # Large, two interleaved shifted chains (answer 2), shuffled, plus duplicates of one.
    m = [(3 * i, 3 * i + 3) for i in range(n // 4)] + [(3 * i + 1, 3 * i + 4) for i in range(n // 4)]
    rng.shuffle(m)
    write("14-large-two-chains", m)


if __name__ == "__main__":
    main()
