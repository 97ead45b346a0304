# Correct, but keeps every field of every record in one flat list of
# [key, field, value, expiry] and searches it from the start for each command: O(n) per
# command, far too slow for the large tests (tens of thousands of fields alive at once).
import sys


def main():
    tokens = sys.stdin.read().split()
    q = int(tokens[0])
    pos = 1
    entries = []  # [key, field, value, expiry or None]
    backups = []  # (ts, [[key, field, value, remaining or None]])
    out = []

    def alive(e, ts):
        return e[3] is None or ts < e[3]

    def find(key, field):
        for i, e in enumerate(entries):
            if e[0] == key and e[1] == field:
                return i
        return -1

    def set_at(key, field, value, ts, ttl):
        i = find(key, field)
        entry = [key, field, value, None if ttl is None else ts + ttl]
        if i < 0:
            entries.append(entry)
        else:
            entries[i] = entry
        return "OK"

    def get_at(key, field, ts):
        i = find(key, field)
        return entries[i][2] if i >= 0 and alive(entries[i], ts) else "NULL"

    def delete_at(key, field, ts):
        i = find(key, field)
        if i < 0:
            return "false"
        e = entries.pop(i)
        return "true" if alive(e, ts) else "false"

    def scan_at(key, prefix, ts):
        shown = sorted((e[1], e[2]) for e in entries if e[0] == key and e[1].startswith(prefix) and alive(e, ts))
        return ",".join(f + "=" + v for f, v in shown) if shown else "EMPTY"

    def backup(ts):
        kept = [[e[0], e[1], e[2], None if e[3] is None else e[3] - ts] for e in entries if alive(e, ts)]
        backups.append((ts, kept))
        return str(len({e[0] for e in kept}))

    def restore(ts, ts_to_restore):
        nonlocal entries
        kept = [b for t, b in backups if t <= ts_to_restore][-1]
        entries = [[e[0], e[1], e[2], None if e[3] is None else ts + e[3]] for e in kept]
        return "OK"

    for _ in range(q):
        cmd = tokens[pos]
        if cmd == "SET":
            out.append(set_at(tokens[pos + 1], tokens[pos + 2], tokens[pos + 3], 0, None))
            pos += 4
        elif cmd == "GET":
            out.append(get_at(tokens[pos + 1], tokens[pos + 2], 0))
            pos += 3
        elif cmd == "DELETE":
            out.append(delete_at(tokens[pos + 1], tokens[pos + 2], 0))
            pos += 3
        elif cmd == "SCAN":
            out.append(scan_at(tokens[pos + 1], "", 0))
            pos += 2
        elif cmd == "SCAN_PREFIX":
            out.append(scan_at(tokens[pos + 1], tokens[pos + 2], 0))
            pos += 3
        elif cmd == "SET_AT":
            out.append(set_at(tokens[pos + 1], tokens[pos + 2], tokens[pos + 3], int(tokens[pos + 4]), None))
            pos += 5
        elif cmd == "SET_AT_WITH_TTL":
            out.append(set_at(tokens[pos + 1], tokens[pos + 2], tokens[pos + 3], int(tokens[pos + 4]), int(tokens[pos + 5])))
            pos += 6
        elif cmd == "GET_AT":
            out.append(get_at(tokens[pos + 1], tokens[pos + 2], int(tokens[pos + 3])))
            pos += 4
        elif cmd == "DELETE_AT":
            out.append(delete_at(tokens[pos + 1], tokens[pos + 2], int(tokens[pos + 3])))
            pos += 4
        elif cmd == "SCAN_AT":
            out.append(scan_at(tokens[pos + 1], "", int(tokens[pos + 2])))
            pos += 3
        elif cmd == "SCAN_PREFIX_AT":
            out.append(scan_at(tokens[pos + 1], tokens[pos + 2], int(tokens[pos + 3])))
            pos += 4
        elif cmd == "BACKUP":
            out.append(backup(int(tokens[pos + 1])))
            pos += 2
        else:
            out.append(restore(int(tokens[pos + 1]), int(tokens[pos + 2])))
            pos += 3
    sys.stdout.write("\n".join(out) + "\n")


main()
