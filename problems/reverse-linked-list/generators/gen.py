#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for reverse-linked-list. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in holds one line, the list's values as a JSON array ([] = the empty list); its
.ans the reversed list.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
NMAX = 10**5
LO, HI = -(2**31), 2**31 - 1


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def write(group, name, values):
    assert 0 <= len(values) <= NMAX and all(LO <= x <= HI for x in values)
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(dumps(values) + "\n")
    with open(path + ".ans", "w") as f:
        f.write(dumps(values[::-1]) + "\n")
    assert os.path.getsize(path + ".in") < 2_000_000


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240714)

    write("sample", "1", [1, 2, 3, 4, 5])
    write("sample", "2", [1, 2])
    write("sample", "3", [])

    write("secret", "01-min-empty", [])
    write("secret", "02-min-single", [7])
    write("secret", "03-two", [-1, 1])
    write("secret", "04-three", [10, 20, 30])
    write("secret", "05-duplicates", [4, 4, 2, 2, 4, 9, 9])
    write("secret", "06-all-equal", [0] * 50)
    write("secret", "07-extremes", [LO, HI, 0, -1, HI, LO])
    write("secret", "08-small-random", [rng.randint(-100, 100) for _ in range(60)])
    write("secret", "09-medium-random", [rng.randint(-5000, 5000) for _ in range(3000)])

    # Long lists: 100,000 nodes (a recursive reversal goes 100,000 calls deep).
    write("secret", "10-large-random", [rng.randint(-10**6, 10**6) for _ in range(NMAX)])
    write("secret", "11-large-extremes", [rng.choice((LO, HI, rng.randint(LO, HI))) for _ in range(NMAX)])
    write("secret", "12-large-increasing", list(range(-NMAX // 2, NMAX // 2)))


if __name__ == "__main__":
    main()
