#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for lru-cache-class. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in holds two lines as LeetCode writes a design problem's test: the calls
(["LRUCache","put","get",...], the constructor first) and their argument lists
([[capacity],[key,value],[key],...]); its .ans what each call returned (null for the
constructor and for put).
"""
import json
import os
import random
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
CAPMAX = 10**5
KMAX = 10**5
VMAX = 10**9
QMAX = 10**5


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def solve(capacity, ops):
    cache = OrderedDict()
    out = [None]
    for op in ops:
        if op[0] == "get":
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
            elif len(cache) == capacity:
                cache.popitem(last=False)
            cache[k] = v
            out.append(None)
    return out


def write(group, name, capacity, ops):
    assert 1 <= capacity <= CAPMAX and 1 <= len(ops) <= QMAX
    assert any(op[0] == "get" for op in ops)
    assert all(0 <= op[1] <= KMAX for op in ops) and all(0 <= op[2] <= VMAX for op in ops if op[0] == "put")
    calls = ["LRUCache"] + [op[0] for op in ops]
    args = [[capacity]] + [list(op[1:]) for op in ops]
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(dumps(calls) + "\n" + dumps(args) + "\n")
    with open(path + ".ans", "w") as f:
        f.write(dumps(solve(capacity, ops)) + "\n")
    assert os.path.getsize(path + ".in") < 2_000_000


def rand_ops(rng, q, keys, vmax, p_get):
    ops = []
    for _ in range(q):
        k = rng.randint(0, keys)
        if rng.random() < p_get:
            ops.append(("get", k))
        else:
            ops.append(("put", k, rng.randint(0, vmax)))
    return ops


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240715)

    write("sample", "1", 2, [("put", 1, 1), ("put", 2, 2), ("get", 1), ("put", 3, 3), ("get", 2),
                             ("put", 4, 4), ("get", 1), ("get", 3), ("get", 4)])
    write("sample", "2", 1, [("put", 2, 1), ("get", 2), ("put", 3, 2), ("get", 2), ("get", 3)])

    write("secret", "01-min-get", 1, [("get", 0)])
    write("secret", "02-cap1-thrash", 1, [("put", 1, 5), ("put", 2, 6), ("get", 1), ("get", 2), ("put", 1, 7),
                                          ("get", 2), ("get", 1)])
    # put on an existing key must refresh it, so key 2 (not key 1) is evicted.
    write("secret", "03-put-refreshes", 2, [("put", 1, 1), ("put", 2, 2), ("put", 1, 10), ("put", 3, 3),
                                            ("get", 1), ("get", 2), ("get", 3)])
    # Updating an existing key in a full cache must not evict anything.
    write("secret", "04-update-when-full", 3, [("put", 1, 1), ("put", 2, 2), ("put", 3, 3), ("put", 2, 20),
                                               ("get", 1), ("get", 2), ("get", 3)])
    # A failed get does not change the order; a successful get does.
    write("secret", "05-get-refreshes", 2, [("put", 5, 50), ("put", 6, 60), ("get", 9), ("get", 5), ("put", 7, 70),
                                            ("get", 6), ("get", 5), ("get", 7)])
    # Value 0 is a value (not "missing"); the largest key and value.
    write("secret", "06-extreme-values", 2, [("put", KMAX, VMAX), ("put", 0, 0), ("get", KMAX), ("get", 0),
                                             ("put", KMAX, 0), ("get", KMAX), ("put", 1, 1), ("get", 0)])
    write("secret", "07-never-full", CAPMAX, rand_ops(rng, 200, 50, 100, 0.5))
    write("secret", "08-small-random", 3, rand_ops(rng, 300, 8, 1000, 0.5))
    write("secret", "09-small-random-put-heavy", 4, rand_ops(rng, 300, 10, 1000, 0.2))

    # Large: a big, full cache where most calls hit (scanning it per call is slow).
    keys = rng.sample(range(KMAX + 1), 30000)
    ops = [("put", k, rng.randint(0, VMAX)) for k in keys]
    ops += rand_ops(rng, QMAX - len(ops), 33000, 10**5, 0.6)
    write("secret", "10-large-big-capacity", 30000, ops)
    # Large: the whole key range, small values; the cache is full most of the time.
    write("secret", "11-large-full-range", CAPMAX, rand_ops(rng, QMAX, KMAX, 9999, 0.5))
    # Large: fill the cache with distinct keys, then cycle through more keys than fit
    # (every get misses, every put evicts), then read back the survivors.
    c = 30000
    ops = [("put", k, k * 7 % 100003) for k in range(c)]
    ops += [op for k in range(c, 2 * c) for op in (("put", k, k), ("get", k - c))]
    ops += [("get", k) for k in range(2 * c - 1, 2 * c - 1 - (QMAX - len(ops)), -1)]
    write("secret", "12-large-sequential-evictions", c, ops)
    # Large: a small hot set read over and over in a big cache (gets refresh, few evictions).
    ops = [("put", k, rng.randint(0, VMAX)) for k in range(35000)]
    ops += rand_ops(rng, QMAX - len(ops), 200, 10**4, 0.9)
    write("secret", "13-large-hot-keys", 35000, ops)


if __name__ == "__main__":
    main()
