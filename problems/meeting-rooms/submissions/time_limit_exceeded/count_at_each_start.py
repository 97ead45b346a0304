# Correct but O(n^2): the answer is the largest number of meetings in progress at
# some meeting's start time; count them directly for every start.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    m = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
    best = 0
    for s, _ in m:
        cnt = 0
        for s2, e2 in m:
            if s2 <= s < e2:
                cnt += 1
        best = max(best, cnt)
    print(best)


main()
