"""mockjudge's SQLite runner for database problems, run in the box as /box/mj_sqlite.py.

  python3 mj_sqlite.py check SOLUTION   the statements on the problem's empty tables: a syntax
                                         error or an unknown table or column fails here, as a
                                         compile error (exit 1, the database's message on stderr)
  python3 mj_sqlite.py run SOLUTION     the problem's schema, then the test's data (stdin), then
                                         the candidate's statements; the last one's rows go to
                                         mockjudge-result.json as {"columns": [...], "rows": [...]}
  python3 mj_sqlite.py steps SOLUTION   the problem's schema, then the candidate's (a schema
                                         task), then each statement of the test (stdin) on its
                                         own; what each did goes to mockjudge-result.json as
                                         {"steps": [{"rows": [...]} or {"error": NAME, "message": ...}]}

The candidate's SQL goes through Python's sqlite3 module, never the sqlite3 shell (whose dot
commands read and write files). An authorizer refuses ATTACH (another database file), DETACH
and PRAGMA (foreign_keys = OFF would let a schema break its own rules), and extensions cannot
be loaded. SQLite runs in this process, so the runner's CPU and memory limits bound it.

On every statement, the problem's too, an authorizer refuses fts3_tokenizer() (Debian's SQLite
is built with SQLITE_ENABLE_FTS3_TOKENIZER: it hands out a code pointer and takes one to call,
so SQL could crash or take over this process) and reading sqlite_stmt (the text of the
statements prepared on this connection: the reference solution's, or a hidden test's). A
test's data may not create views, triggers or virtual tables, nor attach files: a custom input
runs before the reference solution, and a view over sqlite_master or sqlite_stmt in place of a
table would show the solution's SQL as its rows.
"""

import json
import sqlite3
import sys
import time

RESULT_FILE = 'mockjudge-result.json'
SCHEMA = '/box/schema.sql'
DENIED = {sqlite3.SQLITE_ATTACH: 'ATTACH', sqlite3.SQLITE_DETACH: 'DETACH', sqlite3.SQLITE_PRAGMA: 'PRAGMA'}
DENIED_IN_DATA = {
    sqlite3.SQLITE_ATTACH: 'ATTACH',
    sqlite3.SQLITE_DETACH: 'DETACH',
    sqlite3.SQLITE_CREATE_VIEW: 'CREATE VIEW',
    sqlite3.SQLITE_CREATE_TEMP_VIEW: 'CREATE VIEW',
    sqlite3.SQLITE_CREATE_TRIGGER: 'CREATE TRIGGER',
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER: 'CREATE TRIGGER',
    sqlite3.SQLITE_CREATE_VTABLE: 'CREATE VIRTUAL TABLE',
}
# How long (CPU seconds) a check may run the statements that make tables before it leaves the
# rest to the tests: CREATE TABLE ... AS runs its query, which may never end.
CHECK_BUDGET = 2.0


def statements(sql):
    """The statements of a script, as SQLite's own tokenizer ends them; blank ones dropped. An
    unfinished last one is kept, for SQLite to say what is wrong with it."""
    out, start = [], 0
    for i, c in enumerate(sql):
        if c == ';' and sqlite3.complete_statement(sql[start:i + 1]):
            out.append(sql[start:i + 1])
            start = i + 1
    out.append(sql[start:])
    return [s for s in out if not only_comments(s)]


def only_comments(statement):
    """Whether a statement holds nothing but blanks, comments and semicolons."""
    return first_word(statement) == ''


refused = []


def never(action, arg1, arg2):
    """What no statement may use, the problem's included, by name; or None."""
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or '').lower() == 'fts3_tokenizer':
        return 'fts3_tokenizer()'
    if action == sqlite3.SQLITE_READ and (arg1 or '').lower() == 'sqlite_stmt':
        return 'sqlite_stmt'
    return None


def authorizer(denied):
    """An authorizer refusing `denied` actions, besides what no statement may use."""
    def authorize(action, arg1, arg2, *_):
        what = never(action, arg1, arg2) or denied.get(action)
        if what:
            refused.append(what)
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK
    return authorize


refuse = authorizer(DENIED)


def problem_sql(connection, sql, what):
    """Runs the problem's own SQL; its failure is the problem's, not the candidate's (exit 2)."""
    try:
        connection.executescript(sql)
    except sqlite3.Error as e:
        why = f'{refused[-1]} is not allowed there' if refused else e
        sys.stderr.write(f"the {what}: {why}\n")
        sys.exit(2)


def database():
    connection = sqlite3.connect(':memory:', isolation_level=None)
    connection.execute('PRAGMA foreign_keys = ON')
    connection.set_authorizer(authorizer({}))
    with open(SCHEMA) as schema:
        problem_sql(connection, schema.read(), 'schema')
    return connection


def cell(value):
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value in (float('inf'), float('-inf')):
        return str(value)
    if isinstance(value, bytes):
        return {'blob': value.hex()}
    return value


def first_word(statement):
    text = statement
    while True:
        text = text.lstrip(' \t\r\n;')
        if text.startswith('--'):
            text = text.partition('\n')[2]
        elif text.startswith('/*'):
            text = text.partition('*/')[2]
        else:
            return text.split(None, 1)[0].lower() if text else ''


def run_candidate(connection, sql, check):
    """Runs every statement; returns the last one's cursor and plan. Fails with the statement's
    number. A check only compiles each statement (EXPLAIN), except those that make or change tables
    and views, which later ones may need: a query that would run forever is the tests' to
    time, not the compiler's."""
    connection.set_authorizer(refuse)
    cursor, how = None, []
    over_budget = []
    if check:
        deadline = time.process_time() + CHECK_BUDGET
        connection.set_progress_handler(lambda: bool(time.process_time() > deadline and not over_budget.append(True)), 10000)
    for number, statement in enumerate(statements(sql), 1):
        try:
            shapes = first_word(statement) in ('create', 'drop', 'alter')
            how = plan(connection, statement) if not check else []
            cursor = connection.execute(statement if shapes or not check else 'EXPLAIN ' + statement)
        except (sqlite3.Error, sqlite3.Warning) as e:
            if over_budget:
                # Not the compiler's to time: the tests run it under their limits.
                sys.stderr.write(f'statement {number} takes long to run; the rest is left to the tests\n')
                sys.exit(0)
            why = f'{refused[-1]} is not allowed here' if refused else e
            sys.stderr.write(f'statement {number}: {why}\n')
            sys.exit(1)
    if cursor is None:
        sys.stderr.write('no SQL statement to run\n')
        sys.exit(1)
    return cursor, how


def plan(connection, statement):
    """How SQLite means to run a statement: EXPLAIN QUERY PLAN's lines (SCAN t, SEARCH t USING
    INDEX i (c=?)), without running it."""
    return [row[3] for row in connection.execute('EXPLAIN QUERY PLAN ' + statement)]


def steps(connection, sql):
    """Runs each of the test's statements on its own and writes what it did, with its plan."""
    connection.set_authorizer(authorizer({}))
    out = []
    for statement in statements(sql):
        try:
            how = plan(connection, statement)
            out.append({'rows': [[cell(v) for v in row] for row in connection.execute(statement)], 'plan': how})
        except sqlite3.Error as e:
            out.append({'error': getattr(e, 'sqlite_errorname', type(e).__name__), 'message': str(e)})
    with open(RESULT_FILE, 'w') as f:
        json.dump({'steps': out}, f)


def main():
    mode, solution = sys.argv[1], sys.argv[2]
    with open(solution, encoding='utf-8', errors='replace') as f:
        sql = f.read()
    connection = database()
    if mode == 'run':
        connection.set_authorizer(authorizer(DENIED_IN_DATA))
        problem_sql(connection, sys.stdin.read(), 'test data')
    cursor, how = run_candidate(connection, sql, mode == 'check')
    if mode == 'steps':
        steps(connection, sys.stdin.read())
    if mode != 'run':
        return
    columns = [d[0] for d in cursor.description or ()]
    with open(RESULT_FILE, 'w') as out:
        out.write('{"columns": ' + json.dumps(columns) + ', "rows": [')
        first = True
        try:
            for row in cursor:
                out.write(('' if first else ',') + json.dumps([cell(v) for v in row]))
                first = False
        except sqlite3.Error as e:
            sys.stderr.write(f'the last statement: {e}\n')
            sys.exit(1)
        out.write('], "plan": ' + json.dumps(how) + '}')


main()
