# Level 1 only: SET, GET and DELETE are right, and every other command is skipped without
# printing its line, as if time ran out after level 1. Passes every level-1 test and fails
# from the second sample on (and every test of levels 2 to 4).
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
        # Levels 2 to 4: not written yet.
    print("\n".join(out))


main()
