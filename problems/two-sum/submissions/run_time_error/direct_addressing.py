# Mistake: assumes |a_i| <= 10^6 and uses a plain list as a "hash table",
# indexed by value + OFFSET. Values up to 10^9 raise IndexError.
import sys

OFFSET = 10**6


def main():
    data = sys.stdin.buffer.read().split()
    n, t = int(data[0]), int(data[1])
    first = [0] * (2 * OFFSET + 1)
    for j in range(1, n + 1):
        x = int(data[1 + j])
        need = t - x
        if -OFFSET <= need <= OFFSET and first[need + OFFSET]:
            print(first[need + OFFSET], j)
            return
        if not first[x + OFFSET]:
            first[x + OFFSET] = j
    print(-1, -1)


main()
