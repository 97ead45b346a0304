import sys
from heapq import heappush, heappop


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    lo = []  # max-heap (negated) holding the smaller half
    hi = []  # min-heap holding the larger half
    delayed = {}  # value -> number of pending lazy deletions
    lo_n = hi_n = 0  # number of live elements in each heap

    def prune_lo():
        while lo:
            x = -lo[0]
            c = delayed.get(x, 0)
            if not c:
                return
            if c == 1:
                del delayed[x]
            else:
                delayed[x] = c - 1
            heappop(lo)

    def prune_hi():
        while hi:
            x = hi[0]
            c = delayed.get(x, 0)
            if not c:
                return
            if c == 1:
                del delayed[x]
            else:
                delayed[x] = c - 1
            heappop(hi)

    out = []
    odd = k % 2 == 1
    for i in range(n):
        x = a[i]
        # Insert.
        if not lo or x <= -lo[0]:
            heappush(lo, -x)
            lo_n += 1
        else:
            heappush(hi, x)
            hi_n += 1
        # Remove the element leaving the window (lazily).
        if i >= k:
            y = a[i - k]
            delayed[y] = delayed.get(y, 0) + 1
            if y <= -lo[0]:
                lo_n -= 1
                if y == -lo[0]:
                    prune_lo()
            else:
                hi_n -= 1
                if y == hi[0]:
                    prune_hi()
        # Rebalance: lo_n == hi_n or lo_n == hi_n + 1.
        if lo_n > hi_n + 1:
            heappush(hi, -heappop(lo))
            lo_n -= 1
            hi_n += 1
            prune_lo()
        elif lo_n < hi_n:
            heappush(lo, -heappop(hi))
            lo_n += 1
            hi_n -= 1
            prune_hi()
        if i >= k - 1:
            if odd:
                out.append("%d.0" % -lo[0])
            else:
                out.append("%.1f" % ((hi[0] - lo[0]) / 2))
    sys.stdout.write("\n".join(out) + "\n")


main()
