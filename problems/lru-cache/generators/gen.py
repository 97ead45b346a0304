#!/usr/bin/env python3
"""Regenerates data/secret for lru-cache. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
"""
import os
import random
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "secret")
LIM = 10**9


def solve(c, ops):
    cache = OrderedDict()
    out = []
    for op in ops:
        if op[0] == "GET":
            k = op[1]
            if k in cache:
                cache.move_to_end(k)
                out.append(cache[k])
            else:
                out.append(-1)
        else:
            _, k, v = op
            if k in cache:
                cache.move_to_end(k)
            elif len(cache) == c:
                cache.popitem(last=False)
            cache[k] = v
    return out


def write(name, c, ops):
    assert 1 <= c <= 100000 and 1 <= len(ops) <= 200000
    assert any(op[0] == "GET" for op in ops)
    assert all(0 <= x <= LIM for op in ops for x in op[1:])
    with open(os.path.join(OUT, name + ".in"), "w") as f:
        f.write("%d %d\n" % (c, len(ops)))
        f.write("".join(" ".join(map(str, op)) + "\n" for op in ops))
    with open(os.path.join(OUT, name + ".ans"), "w") as f:
        f.write("".join("%d\n" % x for x in solve(c, ops)))


def rand_ops(rng, q, keys, vmax, p_get):
    ops = []
    for _ in range(q):
        k = rng.choice(keys) if isinstance(keys, list) else rng.randint(0, keys)
        if rng.random() < p_get:
            ops.append(("GET", k))
        else:
            ops.append(("PUT", k, rng.randint(0, vmax)))
    return ops


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = random.Random(4242)

    write("01-min-get", 1, [("GET", 0)])
    write("02-cap1-thrash", 1, [("PUT", 1, 5), ("PUT", 2, 6), ("GET", 1), ("GET", 2), ("PUT", 1, 7), ("GET", 2), ("GET", 1)])
    # PUT on an existing key must refresh it, so key 2 (not key 1) is evicted.
    write("03-put-refreshes", 2, [("PUT", 1, 1), ("PUT", 2, 2), ("PUT", 1, 10), ("PUT", 3, 3),
                                  ("GET", 1), ("GET", 2), ("GET", 3)])
    # Updating an existing key in a full cache must not evict anything.
    write("04-update-when-full", 3, [("PUT", 1, 1), ("PUT", 2, 2), ("PUT", 3, 3), ("PUT", 2, 20),
                                     ("GET", 1), ("GET", 2), ("GET", 3)])
    # A failed GET does not change the order; a successful GET does.
    write("05-get-refreshes", 2, [("PUT", 5, 50), ("PUT", 6, 60), ("GET", 9), ("GET", 5), ("PUT", 7, 70),
                                  ("GET", 6), ("GET", 5), ("GET", 7)])
    write("06-extreme-values", 2, [("PUT", LIM, LIM), ("PUT", 0, 0), ("GET", LIM), ("GET", 0),
                                   ("PUT", LIM, 0), ("GET", LIM), ("PUT", 1, 1), ("GET", 0)])
    write("07-never-full", 100000, rand_ops(rng, 200, 50, 100, 0.5))
    write("08-small-random", 3, rand_ops(rng, 300, 8, 1000, 0.5))
    write("09-small-random-put-heavy", 4, rand_ops(rng, 300, 10, 1000, 0.2))

    q = 200000
    # Large, big capacity, key range larger than the capacity: many hits and many evictions.
    write("10-large-evictions", 50000, rand_ops(rng, 120000, 130000, 9999, 0.4))
    # Large, many distinct keys streamed in, each read back soon after, capacity 1e5 (constant evictions).
    ops = []
    nxt = 0
    while len(ops) < q:
        if nxt > 0 and rng.random() < 0.5:
            ops.append(("GET", max(0, nxt - 1 - rng.randint(0, 40000))))
        else:
            ops.append(("PUT", nxt, rng.randint(0, 9999)))
            nxt += 1
    write("11-large-stream", 30000, ops)
    # Large, capacity 1, tiny key range.
    write("12-large-cap1", 1, rand_ops(rng, 100000, 3, 9, 0.5))
    # Large, updates of existing keys dominate (refresh-on-PUT matters), keys spread over 0..1e9.
    keys = [rng.randint(0, LIM) for _ in range(2000)]
    write("13-large-updates", 1000, rand_ops(rng, 60000, keys, 99, 0.3))


if __name__ == "__main__":
    main()
