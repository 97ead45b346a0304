# Levels 1 and 2 only: SET, GET, DELETE, SCAN and SCAN_PREFIX are right, and the timed
# commands of levels 3 and 4 print `NULL`, as if time ran out after level 2. Passes every
# test of levels 1 and 2 and fails from the third sample on (and every test of levels 3 and 4).
import sys


def main():
    lines = sys.stdin.read().split("\n")
    q = int(lines[0])
    records = {}
    out = []
    for line in lines[1 : q + 1]:
        cmd, *args = line.split()
        if cmd == "SET":
            key, field, value = args
            records.setdefault(key, {})[field] = value
            out.append("OK")
        elif cmd == "GET":
            key, field = args
            out.append(records.get(key, {}).get(field, "NULL"))
        elif cmd == "DELETE":
            key, field = args
            record = records.get(key)
            if record is not None and field in record:
                del record[field]
                if not record:
                    del records[key]
                out.append("true")
            else:
                out.append("false")
        elif cmd in ("SCAN", "SCAN_PREFIX"):
            key = args[0]
            prefix = args[1] if cmd == "SCAN_PREFIX" else ""
            record = records.get(key, {})
            shown = [f"{f}={v}" for f, v in sorted(record.items()) if f.startswith(prefix)]
            out.append(",".join(shown) if shown else "EMPTY")
        else:
            out.append("NULL")  # levels 3 and 4: not written yet
    print("\n".join(out))


main()
