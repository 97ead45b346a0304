# Correct but O(n^2): checks every pair.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, t = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    for i in range(n):
        ai = a[i]
        for j in range(i + 1, n):
            if ai + a[j] == t:
                print(i + 1, j + 1)
                return
    print(-1, -1)


main()
