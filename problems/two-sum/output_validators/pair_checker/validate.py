#!/usr/bin/env python3
"""Output validator for two-sum.

Usage: python3 validate.py input_file answer_file feedback_dir < team_output
Accepts (exit 42) any two distinct 1-based indices i, j with a_i + a_j = t, in either
order, or "-1 -1" when the judge's answer says no pair exists. Anything else is
rejected (exit 43) with a short reason in feedback_dir/judgemessage.txt.
"""
import os
import re
import sys

ACCEPT, REJECT = 42, 43
INT_RE = re.compile(rb"^-?[0-9]{1,12}$")


def feedback(msg):
    try:
        with open(os.path.join(sys.argv[3], "judgemessage.txt"), "a") as f:
            f.write(msg + "\n")
    except Exception:
        pass


def reject(msg):
    feedback(msg)
    sys.exit(REJECT)


def accept(msg=None):
    if msg:
        feedback(msg)
    sys.exit(ACCEPT)


def main():
    # Judge files are trusted; if they are broken, crash (judge error), not a verdict.
    with open(sys.argv[1], "rb") as f:
        inp = f.read().split()
    n, t = int(inp[0]), int(inp[1])
    a = [int(x) for x in inp[2:2 + n]]
    if len(a) != n:
        raise SystemExit("input file truncated")
    with open(sys.argv[2], "rb") as f:
        judge = f.read().split()
    judge_has_pair = [int(x) for x in judge[:2]] != [-1, -1]

    try:
        raw = sys.stdin.buffer.read()
    except Exception:
        reject("could not read output")
    tokens = raw.split()
    if len(tokens) < 2:
        reject("expected two integers, got %d token(s)" % len(tokens))
    if len(tokens) > 2:
        reject("expected exactly two integers, got more output")
    for tok in tokens:
        if not INT_RE.match(tok):
            reject("not an integer: %r" % tok[:40])
    i, j = int(tokens[0]), int(tokens[1])

    if i == -1 and j == -1:
        if judge_has_pair:
            reject("printed -1 -1 but a valid pair exists")
        accept()
    if not (1 <= i <= n and 1 <= j <= n):
        reject("index out of range: %d %d (n = %d)" % (i, j, n))
    if i == j:
        reject("the two indices must be different, got %d twice" % i)
    if a[i - 1] + a[j - 1] != t:
        reject("a[%d] + a[%d] = %d, not %d" % (i, j, a[i - 1] + a[j - 1], t))
    if not judge_has_pair:
        feedback("note: team found a valid pair where the judge answer says none exists")
    accept()


if __name__ == "__main__":
    main()
