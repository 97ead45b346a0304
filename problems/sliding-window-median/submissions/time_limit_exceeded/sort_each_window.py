# Correct but O(n * k log k): sorts every window from scratch.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    out = []
    for i in range(n - k + 1):
        w = sorted(a[i:i + k])
        if k % 2:
            out.append("%.1f" % w[k // 2])
        else:
            out.append("%.1f" % ((w[k // 2 - 1] + w[k // 2]) / 2))
    sys.stdout.write("\n".join(out) + "\n")


main()
