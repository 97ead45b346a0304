#!/usr/bin/env python3
"""Regenerates data/sample and data/secret/level1..level4 for in-memory-db.
Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py

Each .ans comes from the reference solution (submissions/accepted/dict_of_dicts.py), and is
checked against this file's own model of the database. The rules the data keeps:
- every input passes check_input (the statement's constraints);
- levels 2 to 4 never delete a missing (or expired) field: every DELETE and DELETE_AT there
  prints `true`, so a solution whose only bug is that case fails level 1 alone.
"""
import os
import random
import re
import subprocess
import sys
from bisect import bisect_right

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
REFERENCE = os.path.join(HERE, "..", "submissions", "accepted", "dict_of_dicts.py")

WORD = re.compile(r"[a-z0-9]{1,10}\Z")
ARITY = {
    "SET": 3, "GET": 2, "DELETE": 2, "SCAN": 1, "SCAN_PREFIX": 2,
    "SET_AT": 4, "SET_AT_WITH_TTL": 5, "GET_AT": 3, "DELETE_AT": 3, "SCAN_AT": 2, "SCAN_PREFIX_AT": 3,
    "BACKUP": 1, "RESTORE": 2,
}
UNTIMED = {"SET", "GET", "DELETE", "SCAN", "SCAN_PREFIX"}
LEVEL_OF = {"SET": 1, "GET": 1, "DELETE": 1, "SCAN": 2, "SCAN_PREFIX": 2, "BACKUP": 4, "RESTORE": 4}
TS_MAX = 10**9


class Model:
    """The database, written apart from the reference: expired fields are removed eagerly."""

    def __init__(self):
        self.db = {}  # key -> {field: (value, expiry or None)}
        self.backups = []  # (ts, {key: {field: (value, remaining or None)}})

    def expire(self, ts):
        for key in list(self.db):
            record = self.db[key]
            for field in [f for f, (_, exp) in record.items() if exp is not None and exp <= ts]:
                del record[field]
            if not record:
                del self.db[key]

    def alive(self, ts):
        """(key, field) pairs alive at ts."""
        self.expire(ts)
        return [(k, f) for k, r in self.db.items() for f in r]

    def run(self, cmd):
        op, *a = cmd.split()
        ts = command_ts(op, a) or 0
        if op not in UNTIMED:
            self.expire(ts)
        if op in ("SET", "SET_AT"):
            self.db.setdefault(a[0], {})[a[1]] = (a[2], None)
            return "OK"
        if op == "SET_AT_WITH_TTL":
            self.db.setdefault(a[0], {})[a[1]] = (a[2], ts + int(a[4]))
            return "OK"
        if op in ("GET", "GET_AT"):
            return self.db.get(a[0], {}).get(a[1], ("NULL",))[0]
        if op in ("DELETE", "DELETE_AT"):
            record = self.db.get(a[0], {})
            if a[1] not in record:
                return "false"
            del record[a[1]]
            if not record:
                del self.db[a[0]]
            return "true"
        if op in ("SCAN", "SCAN_AT", "SCAN_PREFIX", "SCAN_PREFIX_AT"):
            prefix = a[1] if op.startswith("SCAN_PREFIX") else ""
            record = self.db.get(a[0], {})
            shown = ["%s=%s" % (f, record[f][0]) for f in sorted(record) if f.startswith(prefix)]
            return ",".join(shown) or "EMPTY"
        if op == "BACKUP":
            snap = {k: {f: (v, None if e is None else e - ts) for f, (v, e) in r.items()} for k, r in self.db.items()}
            self.backups.append((ts, snap))
            return str(len(snap))
        if op == "RESTORE":
            times = [t for t, _ in self.backups]
            _, snap = self.backups[bisect_right(times, int(a[1])) - 1]
            self.db = {k: {f: (v, None if left is None else ts + left) for f, (v, left) in r.items()} for k, r in snap.items()}
            return "OK"
        raise ValueError(op)


def command_ts(op, a):
    if op in UNTIMED:
        return None
    return int(a[3]) if op == "SET_AT_WITH_TTL" else int(a[0]) if op == "RESTORE" else int(a[-1])


def check_input(cmds, level):
    """The statement's constraints, and that the test uses nothing beyond its level."""
    assert 1 <= len(cmds) <= 200000
    timed = untimed = False
    last_ts = 0
    backups = []
    fields = {}
    for cmd in cmds:
        op, *a = cmd.split(" ")
        assert op in ARITY and len(a) == ARITY[op], cmd
        assert LEVEL_OF.get(op, 3) <= level, (level, cmd)
        if op in UNTIMED:
            untimed = True
            words = a
        else:
            timed = True
            nums = {"SET_AT": a[3:], "SET_AT_WITH_TTL": a[3:], "BACKUP": a, "RESTORE": a}.get(op, a[-1:])
            words = a[: len(a) - len(nums)]
            assert all(re.fullmatch(r"[1-9][0-9]*", n) and int(n) <= TS_MAX for n in nums), cmd
            ts = command_ts(op, a)
            assert ts > last_ts, cmd
            last_ts = ts
            if op == "BACKUP":
                backups.append(ts)
            if op == "RESTORE":
                assert backups and backups[0] <= int(a[1]) < ts, cmd
        assert all(WORD.match(w) for w in words), cmd
        if op not in ("BACKUP", "RESTORE"):
            f = fields.setdefault(a[0], set())
            if op in ("SET", "GET", "DELETE", "SET_AT", "SET_AT_WITH_TTL", "GET_AT", "DELETE_AT"):
                f.add(a[1])
            assert len(f) <= 100, cmd
    assert not (timed and untimed)
    if backups:
        assert len(cmds) <= 10000 and len(backups) <= 100


def reference(text):
    return subprocess.run([sys.executable, REFERENCE], input=text.encode(), capture_output=True, check=True).stdout.decode()


def write(path, cmds, level):
    check_input(cmds, level)
    text = "%d\n%s\n" % (len(cmds), "\n".join(cmds))
    answer = reference(text)
    lines = answer.split("\n")
    assert lines[-1] == "" and len(lines) == len(cmds) + 1, path
    model = Model()
    for cmd, got in zip(cmds, lines):
        want = model.run(cmd)
        assert want == got, (path, cmd, want, got)
        if level >= 2 and cmd.startswith("DELETE"):
            assert got == "true", (path, "levels 2 to 4 never delete a missing field", cmd)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".in", "w") as f:
        f.write(text)
    with open(path + ".ans", "w") as f:
        f.write(answer)


def secret(level, name, cmds):
    write(os.path.join(DATA, "secret", "level%d" % level, name), cmds, level)


# ---------------------------------------------------------------- random streams


def word(rng, lo=1, hi=10, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


FIELD_NAMES = ["name", "age", "email", "city", "zip", "phone", "a", "ab", "abc", "a1", "b", "b2",
               "x1", "x10", "x9", "n", "nick", "note", "notes", "id", "0", "1", "10", "9"]


def random_untimed(rng, q, nkeys, nfields, weights, delete_missing):
    """weights: SET, GET, DELETE, SCAN, SCAN_PREFIX. With delete_missing, a DELETE names a
    random field (missing about half of the time); without, only a field that exists."""
    keys = ["u%d" % i for i in range(nkeys)] if nkeys > 50 else [word(rng, 1, 6) for _ in range(nkeys)]
    keys = list(dict.fromkeys(keys))
    pool = FIELD_NAMES[:nfields] if nfields <= len(FIELD_NAMES) else FIELD_NAMES + ["f%d" % i for i in range(nfields - len(FIELD_NAMES))]
    db = {}
    cmds = []
    ops = ["SET", "GET", "DELETE", "SCAN", "SCAN_PREFIX"]
    while len(cmds) < q:
        op = rng.choices(ops, weights)[0]
        key = rng.choice(keys)
        field = rng.choice(pool)
        if op == "SET":
            value = word(rng, 1, 8) if rng.random() < 0.7 else str(rng.randint(0, 999))
            cmds.append("SET %s %s %s" % (key, field, value))
            db.setdefault(key, set()).add(field)
        elif op == "GET":
            if db.get(key) and rng.random() < 0.6:
                field = rng.choice(sorted(db[key]))
            cmds.append("GET %s %s" % (key, field))
        elif op == "DELETE":
            if delete_missing and rng.random() < 0.5:
                pass  # any field: present or not
            elif db.get(key):
                field = rng.choice(sorted(db[key]))
            else:
                continue  # only fields that exist: try another key
            cmds.append("DELETE %s %s" % (key, field))
            if field in db.get(key, ()):
                db[key].discard(field)
                if not db[key]:
                    del db[key]
        elif op == "SCAN":
            cmds.append("SCAN %s" % key)
        else:
            if db.get(key) and rng.random() < 0.8:
                f = rng.choice(sorted(db[key]))
                prefix = f[: rng.randint(1, len(f))]
            else:
                prefix = word(rng, 1, 2)
            cmds.append("SCAN_PREFIX %s %s" % (key, prefix))
    return cmds


def random_timed(rng, q, nkeys, nfields, with_backups, max_ttl=30, max_step=3):
    """Timed commands; DELETE_AT only names a field alive at its time."""
    keys = ["k%d" % i for i in range(nkeys)]
    pool = FIELD_NAMES[:nfields]
    model = Model()
    cmds = []
    ts = rng.randint(1, 100)
    backups = 0
    ops = ["SET_AT", "SET_AT_WITH_TTL", "GET_AT", "DELETE_AT", "SCAN_AT", "SCAN_PREFIX_AT", "BACKUP", "RESTORE"]
    weights = [22, 22, 20, 10, 10, 10, 3 if with_backups else 0, 3 if with_backups else 0]
    while len(cmds) < q:
        ts += rng.randint(1, max_step)
        op = rng.choices(ops, weights)[0]
        key = rng.choice(keys)
        field = rng.choice(pool)
        alive = model.alive(ts)
        if op == "SET_AT":
            cmd = "SET_AT %s %s %s %d" % (key, field, word(rng, 1, 6), ts)
        elif op == "SET_AT_WITH_TTL":
            cmd = "SET_AT_WITH_TTL %s %s %s %d %d" % (key, field, word(rng, 1, 6), ts, rng.randint(1, max_ttl))
        elif op == "GET_AT":
            if alive and rng.random() < 0.5:
                key, field = rng.choice(alive)
            cmd = "GET_AT %s %s %d" % (key, field, ts)
        elif op == "DELETE_AT":
            if not alive:
                continue
            key, field = rng.choice(alive)
            cmd = "DELETE_AT %s %s %d" % (key, field, ts)
        elif op == "SCAN_AT":
            if alive and rng.random() < 0.7:
                key = rng.choice(alive)[0]
            cmd = "SCAN_AT %s %d" % (key, ts)
        elif op == "SCAN_PREFIX_AT":
            if alive and rng.random() < 0.7:
                key, f = rng.choice(alive)
                prefix = f[: rng.randint(1, len(f))]
            else:
                prefix = word(rng, 1, 2)
            cmd = "SCAN_PREFIX_AT %s %s %d" % (key, prefix, ts)
        elif op == "BACKUP":
            if backups == 100:
                continue
            backups += 1
            cmd = "BACKUP %d" % ts
        else:
            if not model.backups:
                continue
            first = model.backups[0][0]
            # Mostly a recent point (an exact backup time now and then), sometimes an old one.
            target = rng.choice([t for t, _ in model.backups]) if rng.random() < 0.3 else rng.randint(first, ts - 1)
            cmd = "RESTORE %d %d" % (ts, target)
        model.run(cmd)
        cmds.append(cmd)
    return cmds


# ---------------------------------------------------------------- the tests


SAMPLES = [
    [
        "SET user1 name ada", "SET user1 age 30", "GET user1 name", "SET user1 age 31", "GET user1 age",
        "GET user2 name", "GET user1 email", "DELETE user1 age", "GET user1 age",
    ],
    [
        "SET user1 name ada", "SET user1 age 36", "SET user1 alias countess", "SET user2 city london",
        "SET user2 zip e1", "SCAN user1", "SCAN_PREFIX user1 a", "SCAN_PREFIX user1 x", "DELETE user2 city",
        "SCAN user2", "DELETE user2 zip", "SCAN user2",
    ],
    [
        "SET_AT user1 name ada 1", "SET_AT_WITH_TTL user1 token abc 3 4", "GET_AT user1 token 4",
        "SCAN_AT user1 6", "GET_AT user1 token 7", "SCAN_AT user1 8", "SET_AT_WITH_TTL user1 name bob 9 20",
        "SCAN_PREFIX_AT user1 n 18", "DELETE_AT user1 name 19", "GET_AT user1 name 20",
    ],
    [
        "SET_AT user1 name ada 1", "SET_AT_WITH_TTL user1 session s1 2 5", "SET_AT_WITH_TTL user2 session s2 3 1",
        "BACKUP 5", "SET_AT user1 name bob 6", "SET_AT user3 name eve 8", "BACKUP 10", "RESTORE 20 9",
        "GET_AT user1 session 21", "GET_AT user1 session 22", "SCAN_AT user1 23", "GET_AT user3 name 24",
        "BACKUP 25",
    ],
]


def level1(rng):
    secret(1, "01-basic", [
        "SET alice city paris", "SET alice lang fr", "SET bob city rome", "GET alice city", "GET bob city",
        "GET alice lang", "DELETE alice city", "GET alice city", "GET alice lang", "SET alice city oslo",
        "GET alice city", "DELETE bob city", "GET bob city",
    ])
    # Missing records and fields: GET and DELETE of each, a double DELETE, a record deleted
    # down to nothing and asked again.
    secret(1, "02-missing", [
        "GET ghost name", "DELETE ghost name", "SET u1 name ann", "GET u1 age", "DELETE u1 age",
        "DELETE u2 name", "GET u1 name", "DELETE u1 name", "DELETE u1 name", "GET u1 name",
        "DELETE u1 name", "SET u1 age 7", "GET u1 name", "GET u1 age", "DELETE name u1", "GET age u1",
        "SET x y z", "DELETE x z", "DELETE y x", "GET x y", "DELETE x y", "GET x y", "DELETE x y",
    ])
    # Overwrites (same value, new value, after a delete), values that look like the replies,
    # and names of the largest and smallest sizes.
    secret(1, "03-overwrite", [
        "SET k f v1", "SET k f v2", "GET k f", "SET k f v2", "GET k f", "DELETE k f", "SET k f v3", "GET k f",
        "SET k g null", "GET k g", "SET k h false", "DELETE k h", "GET k h", "SET k i true", "GET k i",
        "SET k j ok", "GET k j", "SET k empty empty", "GET k empty",
        "SET zzzzzzzzzz 9999999999 abcdefghij", "GET zzzzzzzzzz 9999999999", "SET 0 0 0", "GET 0 0",
        "SET 0 0 1", "GET 0 0", "GET 00 0", "GET 0 00", "SET f k x", "GET f k", "GET k f",
    ])
    secret(1, "04-small-random", random_untimed(rng, 400, 6, 6, [40, 35, 25, 0, 0], True))
    secret(1, "05-large-random", random_untimed(rng, 200000, 30000, 10, [45, 35, 20, 0, 0], True))


def level2(rng):
    secret(2, "01-basic", [
        "SET p name ada", "SET p age 36", "SET p city london", "SCAN p", "SCAN_PREFIX p c", "SCAN_PREFIX p a",
        "SET p age 37", "SCAN p", "DELETE p city", "SCAN p", "GET p city", "SET q name bob", "SCAN q",
        "SCAN_PREFIX q n", "SCAN_PREFIX q name", "SCAN p",
    ])
    # Sorted as strings, not as numbers and not by insertion.
    fields = ["b", "a", "ab", "a1", "10", "9", "1", "ba", "aa", "z9", "0", "a0", "b10", "b9", "100"]
    cmds = ["SET r %s v%d" % (f, i) for i, f in enumerate(fields)]
    cmds += ["SCAN r", "SCAN_PREFIX r a", "SCAN_PREFIX r 1", "SCAN_PREFIX r b", "SET r a x", "SET r 0 y",
             "SCAN r", "DELETE r a", "DELETE r 100", "SCAN_PREFIX r 1", "SCAN r"]
    secret(2, "02-sort-order", cmds)
    # A prefix as long as a field, longer than any field, one a field is a prefix of, one
    # that matches nothing; scans of a missing record and of one deleted down to nothing.
    secret(2, "03-prefix-edges", [
        "SCAN none", "SCAN_PREFIX none a", "SET r name ann", "SET r name2 bob", "SET r na x", "SET r nick y",
        "SCAN_PREFIX r name", "SCAN_PREFIX r name2", "SCAN_PREFIX r name22", "SCAN_PREFIX r nam",
        "SCAN_PREFIX r n", "SCAN_PREFIX r m", "SCAN_PREFIX r nick", "SCAN_PREFIX r nicknamexy", "SCAN_PREFIX r r",
        "DELETE r name", "DELETE r name2", "DELETE r na", "SCAN_PREFIX r n", "DELETE r nick", "SCAN r",
        "SCAN_PREFIX r n", "GET r nick", "SET r nick z", "SCAN r", "SET s abcdefghij 1", "SCAN_PREFIX s abcdefghij",
        "SCAN_PREFIX s abcdefghi", "SCAN_PREFIX s b",
    ])
    secret(2, "04-small-random", random_untimed(rng, 500, 5, 12, [40, 15, 15, 15, 15], False))
    secret(2, "05-large-scans", random_untimed(rng, 200000, 5000, 24, [40, 18, 10, 16, 16], False))


def level3(rng):
    secret(3, "01-basic", [
        "SET_AT a x 1 10", "GET_AT a x 11", "SET_AT_WITH_TTL a y 2 12 5", "GET_AT a y 13", "SCAN_AT a 14",
        "GET_AT a y 16", "GET_AT a y 17", "SCAN_AT a 18", "SET_AT_WITH_TTL b z 3 20 100", "DELETE_AT b z 25",
        "GET_AT b z 26", "SCAN_PREFIX_AT a x 30", "GET_AT a x 1000",
    ])
    # Alive at ts + ttl - 1, expired at ts + ttl, for GET and for scans; the largest times.
    secret(3, "02-expiry-boundary", [
        "SET_AT_WITH_TTL k a 1 10 5", "GET_AT k a 14", "GET_AT k a 15", "SET_AT_WITH_TTL k b 2 16 2",
        "SCAN_AT k 17", "SCAN_AT k 18", "SET_AT_WITH_TTL k c 3 19 1", "SET_AT_WITH_TTL k d 4 20 3",
        "GET_AT k c 21", "SCAN_PREFIX_AT k d 22", "SCAN_PREFIX_AT k d 23", "SET_AT k e 5 24",
        "SET_AT_WITH_TTL k f 6 25 1000000000", "SET_AT_WITH_TTL m g 7 999999990 1000000000",
        "SET_AT_WITH_TTL m h 8 999999991 8", "GET_AT k e 999999992", "SCAN_AT m 999999998",
        "SCAN_AT m 999999999", "GET_AT k f 1000000000",
    ])
    # SET_AT drops a TTL, SET_AT_WITH_TTL adds, shortens or lengthens one; an expired field set again.
    secret(3, "03-overwrite-ttl", [
        "SET_AT_WITH_TTL k f v1 1 5", "SET_AT k f v2 3", "GET_AT k f 100",
        "SET_AT k g w1 104", "SET_AT_WITH_TTL k g w2 105 3", "GET_AT k g 107", "GET_AT k g 108",
        "SET_AT_WITH_TTL k h x 109 2", "GET_AT k h 112", "SET_AT_WITH_TTL k h y 113 10", "GET_AT k h 120",
        "SET_AT_WITH_TTL k i a 121 100", "SET_AT_WITH_TTL k i b 122 2", "GET_AT k i 123", "GET_AT k i 124",
        "SET_AT_WITH_TTL k j a 125 2", "SET_AT_WITH_TTL k j b 126 10", "GET_AT k j 130", "GET_AT k j 136",
        "SET_AT_WITH_TTL k l a 137 50", "DELETE_AT k l 138", "GET_AT k l 139", "SET_AT k l c 140",
        "GET_AT k l 500", "SCAN_AT k 501",
    ])
    # Scans over fields that expire one after another, down to a record with nothing alive.
    # f0..f5 expire at 61, 52, 43, 34, 25 and 16, keep at 1007: each is scanned at its last
    # time alive (a prefix scan) and at its first time expired (a full scan).
    cmds = ["SET_AT_WITH_TTL r f%d v%d %d %d" % (i, i, 1 + i, 10 * (6 - i)) for i in range(6)]
    cmds += ["SET_AT_WITH_TTL r keep k 7 1000", "SCAN_AT r 8"]
    for expiry in (16, 25, 34, 43, 52, 61):
        cmds += ["SCAN_PREFIX_AT r f %d" % (expiry - 1), "SCAN_AT r %d" % expiry]
    secret(3, "04-scan-expired", cmds + [
        "SCAN_AT r 1006", "SCAN_AT r 1007", "SET_AT_WITH_TTL s a 1 1010 3", "SET_AT_WITH_TTL s b 2 1011 2", "SCAN_AT s 1012",
        "SCAN_AT s 1013", "SCAN_PREFIX_AT s a 1014", "SCAN_AT nobody 1015",
    ])
    secret(3, "05-random", random_timed(rng, 20000, 40, 10, False))


def level4(rng):
    secret(4, "01-basic", [
        "SET_AT a x 1 1", "SET_AT a y 2 2", "SET_AT b x 3 3", "BACKUP 4", "SET_AT a x 10 5", "DELETE_AT b x 6",
        "SET_AT c z 9 7", "SCAN_AT a 8", "BACKUP 9", "RESTORE 10 4", "SCAN_AT a 11", "GET_AT b x 12",
        "GET_AT c z 13", "BACKUP 14", "RESTORE 15 9", "SCAN_AT a 16", "GET_AT c z 17", "GET_AT b x 18",
    ])
    # Remaining TTLs counted from the restore; fields without a TTL stay without one.
    # At the backup (time 15): a has 15 left, b 3, c no TTL, d has just expired.
    secret(4, "02-ttl-recompute", [
        "SET_AT_WITH_TTL k a 1 10 20", "SET_AT_WITH_TTL k b 2 11 7", "SET_AT k c 3 12",
        "SET_AT_WITH_TTL k d 4 13 2", "BACKUP 15", "GET_AT k a 29", "GET_AT k a 30",
        "RESTORE 100 20", "GET_AT k b 102", "GET_AT k b 103", "GET_AT k a 114", "GET_AT k a 115",
        "SCAN_AT k 116", "GET_AT k d 117", "RESTORE 200 15", "SCAN_AT k 201", "GET_AT k b 202",
        "GET_AT k b 203", "SCAN_AT k 214", "SCAN_AT k 215", "SET_AT_WITH_TTL k e 5 216 30", "BACKUP 226",
        "RESTORE 1000 300", "GET_AT k e 1019", "GET_AT k e 1020", "SCAN_AT k 1000000000",
    ])
    # The latest backup at or before the time: between two, at one exactly, one made after
    # an earlier restore, the first one; and a backup restored twice stays as it was saved.
    secret(4, "03-latest-backup", [
        "SET_AT r v one 5", "BACKUP 10", "SET_AT r v two 15", "BACKUP 20", "SET_AT r v three 25", "BACKUP 30",
        "RESTORE 40 25", "GET_AT r v 41", "RESTORE 50 20", "GET_AT r v 51", "SET_AT r v four 52",
        "SET_AT r w extra 53", "BACKUP 54", "RESTORE 60 35", "SCAN_AT r 61", "RESTORE 70 10", "SCAN_AT r 71",
        "SET_AT r v five 72", "SET_AT s x new 73", "RESTORE 80 19", "SCAN_AT r 81", "GET_AT s x 82",
        "RESTORE 90 59", "SCAN_AT r 91", "RESTORE 95 29", "SCAN_AT r 96", "BACKUP 97",
    ])
    # BACKUP counts records with a field alive: not those emptied by deletes or by expiry.
    secret(4, "04-backup-counts", [
        "BACKUP 1", "SET_AT a x 1 2", "SET_AT_WITH_TTL b x 1 3 3", "SET_AT c x 1 4", "SET_AT c y 1 5",
        "BACKUP 6", "DELETE_AT c x 7", "BACKUP 8", "DELETE_AT c y 9", "BACKUP 10", "SET_AT_WITH_TTL d x 1 11 10",
        "SET_AT_WITH_TTL d y 1 12 12", "BACKUP 21", "BACKUP 22", "RESTORE 23 1", "BACKUP 24", "SCAN_AT a 25",
        "RESTORE 26 21", "BACKUP 27", "GET_AT d y 28", "BACKUP 30",
    ])
    secret(4, "05-random", random_timed(rng, 10000, 25, 10, True, max_ttl=60))


def main():
    for sub in ["sample", "secret/level1", "secret/level2", "secret/level3", "secret/level4"]:
        d = os.path.join(DATA, sub)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.endswith((".in", ".ans")):
                os.remove(os.path.join(d, f))
    for i, cmds in enumerate(SAMPLES, 1):
        # Samples never delete a missing field either: they show each level's commands.
        write(os.path.join(DATA, "sample", str(i)), cmds, max(i, 2))
    rng = random.Random(2024)
    level1(rng)
    level2(rng)
    level3(rng)
    level4(rng)


if __name__ == "__main__":
    main()
