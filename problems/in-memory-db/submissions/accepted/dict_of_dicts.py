# Reference solution: a dict of records, each a dict of field -> [value, expiry].
# An expired field stays in its record but counts as missing; a backup is a copy of the
# alive fields with their remaining TTLs. Untimed commands run at time 0, where nothing
# has a TTL.
import sys
from bisect import bisect_right


def main():
    tokens = sys.stdin.buffer.read().decode().split()
    q = int(tokens[0])
    pos = 1
    db = {}  # key -> {field: [value, expiry or None]}
    backup_times = []
    backups = []  # {key: {field: (value, remaining TTL or None)}}
    out = []

    def alive(entry, ts):
        return entry[1] is None or ts < entry[1]

    def set_at(key, field, value, ts, ttl):
        db.setdefault(key, {})[field] = [value, None if ttl is None else ts + ttl]
        return "OK"

    def get_at(key, field, ts):
        entry = db.get(key, {}).get(field)
        return entry[0] if entry is not None and alive(entry, ts) else "NULL"

    def delete_at(key, field, ts):
        record = db.get(key)
        if record is None or field not in record:
            return "false"
        entry = record.pop(field)
        if not record:
            del db[key]
        return "true" if alive(entry, ts) else "false"

    def scan_at(key, prefix, ts):
        record = db.get(key, {})
        pairs = sorted((f, e[0]) for f, e in record.items() if f.startswith(prefix) and alive(e, ts))
        return ",".join(f + "=" + v for f, v in pairs) if pairs else "EMPTY"

    def backup(ts):
        snapshot = {}
        for key, record in db.items():
            kept = {f: (e[0], None if e[1] is None else e[1] - ts) for f, e in record.items() if alive(e, ts)}
            if kept:
                snapshot[key] = kept
        backup_times.append(ts)
        backups.append(snapshot)
        return str(len(snapshot))

    def restore(ts, ts_to_restore):
        nonlocal db
        snapshot = backups[bisect_right(backup_times, ts_to_restore) - 1]
        db = {
            key: {f: [v, None if left is None else ts + left] for f, (v, left) in record.items()}
            for key, record in snapshot.items()
        }
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
        elif cmd == "RESTORE":
            out.append(restore(int(tokens[pos + 1]), int(tokens[pos + 2])))
            pos += 3
        else:
            raise ValueError("unknown command " + cmd)
    sys.stdout.write("\n".join(out) + "\n")


main()
