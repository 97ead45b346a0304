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
            v = cache.get(k)
            if v is None:
                out.append("-1")
            else:
                cache.move_to_end(k)
                out.append(str(v))
        else:
            v = int(data[p + 2])
            p += 3
            if k in cache:
                cache.move_to_end(k)
            elif len(cache) == c:
                cache.popitem(last=False)
            cache[k] = v
    sys.stdout.write("\n".join(out) + "\n")


main()
