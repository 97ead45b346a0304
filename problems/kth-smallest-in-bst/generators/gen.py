#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for kth-smallest-in-bst. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in holds two lines, the tree in LeetCode's level order (JSON, null for a missing
child, trailing nulls trimmed) and k; its .ans the k-th smallest value.
"""
import json
import os
import random
from collections import deque

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
NMAX = 10**5
VMAX = 2**31 - 1
DEEP = 50000


class Tree:
    """Nodes 0..n-1 with values and child indices (-1 = none); node 0 is the root."""

    def __init__(self):
        self.val, self.left, self.right = [], [], []

    def node(self, v):
        self.val.append(v)
        self.left.append(-1)
        self.right.append(-1)
        return len(self.val) - 1

    def level_order(self):
        out = []
        q = deque([0] if self.val else [])
        while q:
            i = q.popleft()
            if i < 0:
                out.append(None)
                continue
            out.append(self.val[i])
            q.append(self.left[i])
            q.append(self.right[i])
        while out and out[-1] is None:
            out.pop()
        return out

    def inorder(self):
        out, stack, i = [], [], 0 if self.val else -1
        while stack or i >= 0:
            while i >= 0:
                stack.append(i)
                i = self.left[i]
            i = stack.pop()
            out.append(self.val[i])
            i = self.right[i]
        return out

    def height(self):
        h, level = 0, [0] if self.val else []
        while level:
            h += 1
            level = [c for i in level for c in (self.left[i], self.right[i]) if c >= 0]
        return h


def bst_from_insertions(values):
    t = Tree()
    for v in values:
        if not t.val:
            t.node(v)
            continue
        i = 0
        while True:
            side = t.left if v < t.val[i] else t.right
            if side[i] < 0:
                side[i] = t.node(v)
                break
            i = side[i]
    return t


def chain(values, go_left):
    """A path: each node's only child on one side (values in insertion order)."""
    t = Tree()
    prev = -1
    for v in values:
        i = t.node(v)
        if prev >= 0:
            (t.left if go_left else t.right)[prev] = i
        prev = i
    return t


def zigzag(values):
    """A path alternating left and right: max, min, second max, second min, ..."""
    s = sorted(values)
    order, lo, hi = [], 0, len(s) - 1
    while lo <= hi:
        order.append(s[hi]); hi -= 1
        if lo <= hi:
            order.append(s[lo]); lo += 1
    t = Tree()
    prev = -1
    for j, v in enumerate(order):
        i = t.node(v)
        if prev >= 0:
            (t.left if j % 2 == 1 else t.right)[prev] = i
        prev = i
    return t


def write(group, name, tree, k):
    order = tree.inorder()
    n = len(order)
    assert 1 <= k <= n <= NMAX and all(0 <= v <= VMAX for v in order)
    assert all(a < b for a, b in zip(order, order[1:])), "not a BST with distinct values"
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(json.dumps(tree.level_order(), separators=(",", ":")) + "\n" + str(k) + "\n")
    with open(path + ".ans", "w") as f:
        f.write(str(order[k - 1]) + "\n")
    assert os.path.getsize(path + ".in") < 2_000_000


def from_level_order(values):
    t = Tree()
    t.node(values[0])
    q, i = deque([0]), 1
    while i < len(values):
        p = q.popleft()
        for side in (t.left, t.right):
            if i < len(values) and values[i] is not None:
                side[p] = t.node(values[i])
                q.append(side[p])
            i += 1
    return t


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240713)

    write("sample", "1", from_level_order([3, 1, 4, None, 2]), 1)
    write("sample", "2", from_level_order([5, 3, 6, 2, 4, None, None, 1]), 3)

    write("secret", "01-min-single", from_level_order([10]), 1)
    write("secret", "02-min-two-k2", from_level_order([1, None, 2]), 2)
    write("secret", "03-k-equals-n", bst_from_insertions([50, 30, 70, 20, 40, 60, 80, 35, 65]), 9)
    write("secret", "04-left-chain-small", chain([9, 7, 5, 3, 1], True), 2)
    write("secret", "05-right-chain-small", chain([2, 4, 6, 8, 10], False), 4)
    write("secret", "06-zigzag-small", zigzag(range(0, 70, 7)), 5)
    write("secret", "07-extremes", bst_from_insertions([VMAX // 2, 0, VMAX, 1, VMAX - 1]), 4)
    vals = rng.sample(range(1000), 40)
    write("secret", "08-small-random", bst_from_insertions(vals), rng.randint(1, 40))
    perfect = sorted(rng.sample(range(10**6), 63))

    def balanced(lo, hi, out):
        if lo <= hi:
            mid = (lo + hi) // 2
            out.append(perfect[mid])
            balanced(lo, mid - 1, out)
            balanced(mid + 1, hi, out)
        return out
    write("secret", "09-small-perfect", bst_from_insertions(balanced(0, 62, [])), 32)

    # Large random BSTs (insertion in random order: height about 40).
    vals = rng.sample(range(10**6), NMAX)
    write("secret", "10-large-random", bst_from_insertions(vals), rng.randint(NMAX // 3, 2 * NMAX // 3))
    vals = rng.sample(range(VMAX - 10**5, VMAX + 1), 60000)
    write("secret", "11-large-random-k-n", bst_from_insertions(vals), 60000)

    # Deep, skewed trees (a path of 50,000 nodes): recursion goes 50,000 calls deep, and
    # counting the left subtree at every step costs O(n^2).
    vals = sorted(rng.sample(range(10**6), DEEP), reverse=True)
    write("secret", "12-large-skewed-left-k1", chain(vals, True), 1)
    write("secret", "13-large-skewed-right-k-n", chain(sorted(vals), False), DEEP)
    write("secret", "14-large-skewed-zigzag", zigzag(rng.sample(range(10**6), DEEP)), DEEP // 2)
    vals = sorted(rng.sample(range(10**6), DEEP), reverse=True)
    write("secret", "15-large-skewed-left-k-middle", chain(vals, True), DEEP // 2 + 1)


if __name__ == "__main__":
    main()
