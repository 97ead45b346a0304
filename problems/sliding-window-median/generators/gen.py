#!/usr/bin/env python3
"""Regenerates data/secret for sliding-window-median. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
Reference: offline ranks + Fenwick tree order statistics (independent of the
two-heap accepted solution). Answers are printed with one decimal, which is exact.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "secret")
LO, HI = -2**31, 2**31 - 1


def solve(k, a):
    n = len(a)
    order = sorted(range(n), key=lambda i: (a[i], i))
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r + 1
    tree = [0] * (n + 1)
    top = 1 << n.bit_length()

    def add(i, d):
        while i <= n:
            tree[i] += d
            i += i & -i

    def kth(m):  # the m-th smallest (1-based) currently in the tree
        pos = 0
        step = top
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] < m:
                pos = nxt
                m -= tree[nxt]
            step >>= 1
        return a[order[pos]]

    out = []
    for i in range(n):
        add(rank[i], 1)
        if i >= k:
            add(rank[i - k], -1)
        if i >= k - 1:
            if k % 2:
                s = 2 * kth((k + 1) // 2)
            else:
                s = kth(k // 2) + kth(k // 2 + 1)
            out.append("%.1f" % (s / 2))
    return out


def write(name, k, a):
    assert 1 <= k <= len(a) <= 100000
    assert all(LO <= x <= HI for x in a)
    with open(os.path.join(OUT, name + ".in"), "w") as f:
        f.write("%d %d\n%s\n" % (len(a), k, " ".join(map(str, a))))
    with open(os.path.join(OUT, name + ".ans"), "w") as f:
        f.write("\n".join(solve(k, a)) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = random.Random(31337)

    write("01-single", 1, [LO])
    write("02-k-equals-n-even", 6, [7, -3, 12, 0, 5, 5])
    write("03-k1", 1, [4, -2, 0, HI, LO, 3])
    write("04-all-equal", 3, [8] * 7)
    write("05-negative-halves", 2, [-1, -2, -4, -7, 0, -3, 3])
    # Sums of the two middle values overflow 32-bit integers.
    write("06-extremes-even-k", 2, [HI, HI, LO, LO, HI, HI - 1, LO + 1, 0])
    write("07-extremes-k4", 4, [HI, HI - 2, HI, HI - 3, LO, LO + 1, LO, HI])
    write("08-small-random-odd", 5, [rng.randint(-20, 20) for _ in range(40)])
    write("09-small-random-even-dups", 6, [rng.randint(0, 4) for _ in range(50)])
    write("10-sorted-increasing", 4, list(range(-15, 16, 3)))

    n = 100000
    write("11-large-random-odd", 49999, [rng.randint(LO, HI) for _ in range(n)])
    # Big values, even k: the two middle values sum to about 2^32 (overflows 32-bit ints).
    write("12-large-high-even", 50000, [rng.randint(HI - 10**6, HI) for _ in range(n)])
    # Small window, few distinct values: lots of ties.
    write("13-large-k2-ties", 2, [rng.randint(-50, 50) for _ in range(n)])
    # Zigzag with a drift, even k: the median moves between the halves constantly.
    write("14-large-zigzag", 30000, [(i // 2) * (1 if i % 2 else -1) for i in range(n)])


if __name__ == "__main__":
    main()
