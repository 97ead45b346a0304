# Correct but slow: stores a "last used" timestamp per key and scans every cached key
# to find the least recently used one on each eviction: O(c) per eviction.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    c, q = int(data[0]), int(data[1])
    value = {}
    last_used = {}
    out = []
    p = 2
    for now in range(q):
        op = data[p]
        k = int(data[p + 1])
        if op == b"GET":
            p += 2
            if k in value:
                last_used[k] = now
                out.append(str(value[k]))
            else:
                out.append("-1")
        else:
            v = int(data[p + 2])
            p += 3
            if k not in value and len(value) == c:
                oldest = None
                for key in value:
                    if oldest is None or last_used[key] < last_used[oldest]:
                        oldest = key
                del value[oldest]
                del last_used[oldest]
            value[k] = v
            last_used[k] = now
    sys.stdout.write("\n".join(out) + "\n")


main()
