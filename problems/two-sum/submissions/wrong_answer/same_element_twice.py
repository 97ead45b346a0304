# Classic mistake: build the whole value -> index map first, then look up the
# complement without checking that it is a *different* element. When t = 2 * a_i
# and a_i occurs once, this "pairs" a_i with itself.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, t = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    where = {}
    for i, x in enumerate(a):
        where[x] = i + 1
    for i, x in enumerate(a):
        j = where.get(t - x)
        if j is not None:
            print(i + 1, j)
            return
    print(-1, -1)


main()
