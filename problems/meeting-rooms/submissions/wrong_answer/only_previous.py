# Mistake: after sorting by start, only compares each meeting with the previous one
# (longest run of consecutive overlaps) instead of tracking all rooms in use.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    m = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    cur = best = 1
    for i in range(1, n):
        if m[i][0] < m[i - 1][1]:
            cur += 1
        else:
            cur = 1
        best = max(best, cur)
    print(best)


main()
