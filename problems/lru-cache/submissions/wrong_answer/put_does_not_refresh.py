# Mistake: a PUT that updates an existing key changes the value but does not mark the
# key as recently used, so the wrong key gets evicted later.
import sys
from collections import OrderedDict


def main():
    data = sys.stdin.buffer.read().split()
    c, q = int(data[0]), int(data[1])
    cache = OrderedDict()
    out = []
    p = 2
    for _ in range(q):
        op = data[p]
        k = int(data[p + 1])
        if op == b"GET":
            p += 2
            if k in cache:
                cache.move_to_end(k)
                out.append(str(cache[k]))
            else:
                out.append("-1")
        else:
            v = int(data[p + 2])
            p += 3
            if k not in cache and len(cache) == c:
                cache.popitem(last=False)
            cache[k] = v  # updating an existing key keeps its old position
    sys.stdout.write("\n".join(out) + "\n")


main()
