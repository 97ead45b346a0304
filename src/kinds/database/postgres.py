"""mockjudge's PostgreSQL runner for database problems, run in the box as /box/mj_postgres.py.

The box's server lives across the tests, as the runner's service uid (mj-db, 10003), with its
data directory and socket in /srv; the candidate's SQL runs in it as an unprivileged role.

  serve TIMEOUT_MS MEMORY_MIB   (as mj-db) unpacks the data directory the image made, starts the
                                server on the socket alone, and builds the problem's template
                                database from /box/schema.sql (exit 2 when the schema fails)
  reset                         (as mj-db) after a run the runner had to kill: ends every session
                                of the judged roles (a query of theirs goes on in the server
                                when its client dies), drops the test's database and resets the
                                candidate role's settings
  prepare data|none              before each test, in a run of its own (so that the candidate's
                                time is their SQL's alone): the test's database, cloned from
                                the template, with the test's data (stdin) loaded for `data`,
                                and analysed (exit 2 when the data fails)
  check SOLUTION                the statements on the problem's empty tables, each query only
                                planned (EXPLAIN): a syntax error or an unknown table or column
                                is a compile error (exit 1, the database's message on stderr)
  run SOLUTION TIMEOUT_MS       the candidate's statements on the prepared database; the last
                                one's rows and plan go to mockjudge-result.json
  steps SOLUTION TIMEOUT_MS     the candidate's statements (a schema task), then each statement
                                of the test (stdin) on its own, and what each did

Each test gets a database of its own, cloned from the template (the one before is dropped
first): no test sees another's changes. Who does what (roles made when the image was built, see sandbox/postgresql.sh):
  mj_harness    clones and drops the test's database (CREATEDB, pg_signal_backend), connected
                only to `postgres`, where no other judged role may connect
  mj_data       loads a test's data: rows into the tables, nothing else (no CREATE), so that a
                candidate's own input cannot plant a view or function that shows the reference
                solution's SQL when the reference runs on it
  mj_candidate  owns the problem's tables and runs the candidate's SQL (no superuser, no
                CREATEDB, no CREATEROLE: no COPY to or from files or programs, no file reads, no
                ALTER SYSTEM, no untrusted extensions)
No statement of ours ever runs with more than mj_candidate's rights where the candidate's SQL
has been: the superuser builds the template before any candidate SQL runs, and afterwards only
drops databases and resets roles from `postgres`.

Candidate text goes through psycopg2, never psql (whose backslash commands run shell commands).
The server's statement_timeout is only a backstop: a role may SET it to 0. The runner times the
run itself (the cgroup's CPU time counts the server's work for it) and kills the client; the
judge then runs `reset`, which ends the query in the server.
"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import psycopg2
import psycopg2.extensions

RESULT_FILE = 'mockjudge-result.json'
SCHEMA = '/box/schema.sql'
IMAGE_DATA = '/usr/local/share/mockjudge/pgdata.tar'
DATA = '/srv/data'
SOCKET_DIR = '/srv'
LOG = '/srv/server.log'
TEMPLATE = 'mj_template'
TEST_DB = 'mj_test'
# The test's rows are written until the file passes this, beyond the judge's cap on a result
# (judge::RESULT_CAP, 8 MiB), so that a cut result is an output-limit verdict there.
RESULT_BYTES = 16 << 20
# How long a check may run the statements that make tables before it leaves the rest to the
# tests: CREATE TABLE ... AS runs its query, which may never end. All its statements together,
# on the runner's clock (a statement may SET statement_timeout = 0).
CHECK_TIMEOUT_MS = 2000
# Statements EXPLAIN takes: a check plans them rather than running them, and a test records how
# the server means to run them.
EXPLAINABLE = ('select', 'with', 'values', 'table', 'insert', 'update', 'delete', 'merge', '(')

# Dates, times, intervals and UUIDs come back in PostgreSQL's own text (ISO dates, as SQLite's
# text holds them), not as Python objects whose str() differs.
_AS_TEXT = psycopg2.extensions.new_type(
    (1082, 1083, 1114, 1184, 1186, 1266, 2950), 'MJ_TEXT', lambda value, cursor: value)
psycopg2.extensions.register_type(_AS_TEXT)
psycopg2.extensions.register_type(psycopg2.extensions.new_array_type((1182, 1183, 1115, 1185, 1187, 1270, 2951), 'MJ_TEXT_ARRAY', _AS_TEXT))


def connect(role, database, **settings):
    options = ' '.join(f'-c {k}={v}' for k, v in settings.items())
    connection = psycopg2.connect(host=SOCKET_DIR, dbname=database, user=role, options=options)
    connection.autocommit = True
    return connection


def connect_when_up(role, database, deadline, server=None, **settings):
    """A session once the server takes connections: it may be starting (`server`, which must not
    have ended), or recovering from a crash an earlier run caused (a PANIC when its disk filled,
    a backend killed). Gives up at `deadline` (time.monotonic())."""
    while True:
        try:
            return connect(role, database, **settings)
        except psycopg2.OperationalError:
            if (server is not None and server.poll() is not None) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def fail(code, message):
    sys.stderr.write(message.rstrip() + '\n')
    sys.exit(code)


def message(e):
    """A database error as the server put it: its primary message, and its detail and hint."""
    diag = getattr(e, 'diag', None)
    if diag is None or diag.message_primary is None:
        return str(e).strip()
    extra = [x for x in (diag.message_detail, diag.message_hint) if x]
    return diag.message_primary + ''.join(f' ({x})' for x in extra)


# ---------------------------------------------------------------------------------------------
# The server (as mj-db)

def serve(timeout_ms, memory_mib):
    """Starts the server on the image's data directory and builds the problem's template."""
    os.mkdir(DATA, 0o700)
    subprocess.run(['tar', '-C', DATA, '-xf', IMAGE_DATA], check=True)
    settings = {
        'listen_addresses': '',
        'unix_socket_directories': SOCKET_DIR,
        # Nothing here outlives the box: durability costs time and buys nothing.
        'fsync': 'off', 'synchronous_commit': 'off', 'full_page_writes': 'off',
        'wal_level': 'minimal', 'max_wal_senders': '0', 'max_wal_size': '64MB', 'min_wal_size': '32MB',
        # The tests' runs are measured on the box's CPU time: nothing runs beside them, and a
        # query runs in its own backend alone, so its plan does not depend on spare workers.
        'autovacuum': 'off', 'max_worker_processes': '0', 'max_parallel_workers_per_gather': '0',
        'max_connections': '12', 'max_prepared_transactions': '0',
        'shared_buffers': '32MB', 'work_mem': '8MB', 'maintenance_work_mem': '32MB',
        'temp_file_limit': f'{memory_mib}MB',
        'statement_timeout': str(timeout_ms), 'idle_in_transaction_session_timeout': str(timeout_ms),
        'dynamic_shared_memory_type': 'mmap',
        'log_min_messages': 'fatal', 'log_min_error_statement': 'panic',
    }
    argv = ['/usr/lib/postgresql/15/bin/postgres', '-D', DATA] + [a for k, v in settings.items() for a in ('-c', f'{k}={v}')]
    with open(LOG, 'ab') as log:
        server = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    try:
        admin = connect_when_up('postgres', 'postgres', time.monotonic() + 10, server)
    except psycopg2.OperationalError:
        with open(LOG, errors='replace') as log:
            fail(1, 'the database server did not start: ' + log.read()[-2000:])
    admin.cursor().execute(f'CREATE DATABASE {TEMPLATE}')
    admin.cursor().execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE {TEMPLATE} FROM PUBLIC')
    template = connect('postgres', TEMPLATE)
    cursor = template.cursor()
    cursor.execute('GRANT CREATE ON SCHEMA public TO mj_candidate')
    # The problem's schema, owned by the role that runs the candidate's SQL (an index on a
    # table takes its owner). Nothing of the candidate's has run anywhere yet.
    cursor.execute('SET ROLE mj_candidate')
    with open(SCHEMA) as f:
        schema = f.read()
    try:
        if statements(schema):
            cursor.execute(schema)
    except psycopg2.Error as e:
        fail(2, f'the schema: {message(e)}')
    cursor.execute('RESET ROLE')
    cursor.execute("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspowner = 'mj_candidate'::regrole OR nspname = 'public'")
    for (schema_name,) in cursor.fetchall():
        cursor.execute(f'GRANT USAGE ON SCHEMA {schema_name} TO mj_data')
        cursor.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA {schema_name} TO mj_data')
        cursor.execute(f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema_name} TO mj_data')
    template.close()
    admin.cursor().execute(f'ALTER DATABASE {TEMPLATE} IS_TEMPLATE true')


def reset():
    """Ends what a killed run left: its sessions, its database, its role's settings.

    A backend does not always heed pg_terminate_backend: some work never checks for interrupts
    (libxml's XPath evaluation, for one), and goes on long after the client is gone. Such a
    backend is killed outright, as the server's own user; the postmaster then restarts every
    backend (a crash recovery, quick here), and the reset goes on once it takes connections."""
    deadline = time.monotonic() + 15
    admin = connect_when_up('postgres', 'postgres', deadline, statement_timeout=0)
    cursor = admin.cursor()
    # The sessions first, then each ended (a condition beside the call could be checked after).
    cursor.execute("SELECT pid FROM pg_stat_activity WHERE usename IN ('mj_candidate', 'mj_data', 'mj_harness')")
    stuck = []
    for (pid,) in cursor.fetchall():
        cursor.execute('SELECT pg_terminate_backend(%s, 1000)', (pid,))
        if not cursor.fetchone()[0]:
            stuck.append(pid)
    if stuck:
        admin.close()
        for pid in stuck:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        # Until the postmaster has seen the crash, a new session may yet be ended by it.
        while time.monotonic() < deadline and any(alive(pid) for pid in stuck):
            time.sleep(0.01)
        admin = connect_when_up('postgres', 'postgres', deadline, statement_timeout=0)
        cursor = admin.cursor()
    while True:
        try:
            cursor.execute(f'DROP DATABASE IF EXISTS {TEST_DB} WITH (FORCE)')
            cursor.execute('ALTER ROLE mj_candidate RESET ALL')
            return
        except psycopg2.OperationalError:
            # The restart ended this session too: again, on a new one.
            if time.monotonic() > deadline:
                raise
            admin = connect_when_up('postgres', 'postgres', deadline, statement_timeout=0)
            cursor = admin.cursor()


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


# ---------------------------------------------------------------------------------------------
# A test (as the run's uid)

def fresh_database():
    """A database for the next test, cloned from the template; the last test's goes first.
    A server still recovering from a crash an earlier test caused is waited for, so that the
    test's data is loaded only into a server that is up."""
    harness = connect_when_up('mj_harness', 'postgres', time.monotonic() + 10)
    cursor = harness.cursor()
    cursor.execute(f'DROP DATABASE IF EXISTS {TEST_DB} WITH (FORCE)')
    cursor.execute(f'CREATE DATABASE {TEST_DB} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY')
    harness.close()


def prepare(what):
    """The test's database, with its data loaded by the role that may only add rows, and
    analysed as a table in use would be."""
    fresh_database()
    if what != 'data':
        return
    data = sys.stdin.read()
    loader = connect('mj_data', TEST_DB, TimeZone='UTC')
    try:
        if statements(data):
            loader.cursor().execute(data)
    except psycopg2.Error as e:
        fail(2, f'the test data: {message(e)}')
    loader.close()
    connect('mj_candidate', TEST_DB).cursor().execute('ANALYZE')


def candidate_session(timeout_ms):
    return connect('mj_candidate', TEST_DB, statement_timeout=timeout_ms, TimeZone='UTC')


def end_test(session):
    """Leaves nothing for the next test but the database, which its preparation drops: the
    candidate role's own settings (ALTER ROLE ... SET persists) are reset from its session."""
    cursor = session.cursor()
    try:
        for statement in ('ROLLBACK', 'RESET ALL', 'ALTER ROLE mj_candidate RESET ALL'):
            cursor.execute(statement)
    except psycopg2.Error:
        # The session's own state refused it: the settings stay for this role's own later
        # tests, which only the candidate's SQL can mind.
        pass
    session.close()


def statements(sql):
    """The statements of a script (the problem's own, with the standard's strings), split as
    [`next_statement`] does; blank ones dropped."""
    out, i = [], 0
    while i < len(sql):
        statement, i = next_statement(sql, i, False)
        out.append(statement)
    return [s for s in out if first_word(s)]


def _ident_start(c):
    return c == '_' or (c.isascii() and c.isalpha()) or not c.isascii()


def _ident_char(c):
    return _ident_start(c) or c == '$' or c in '0123456789'


def next_statement(sql, i, backslashes):
    """The statement of `sql` that starts at `i`, through its `;`, and where the next one
    starts: the `;` the server's own lexer ends it at, never one it reads as part of the
    statement. A `;` is outside a string ('...', E'...', B'...', X'...', "..."), a
    dollar-quoted string ($tag$...$tag$, where `$` is no part of an identifier, which may hold
    `$`: `a$$b$$` is one name), and a comment (`--` to the end of the line, \\n or \\r; nested
    /* */). `backslashes`: whether plain strings take backslash escapes, as they do with
    standard_conforming_strings off (the session's, which the candidate may change).

    Where the server would read one statement as two, the runner would run, plan or take rows
    from another statement than the one it thinks it has (e.g. plan an indexed query while the
    rows come from a full scan); a split inside what the server reads as a string only makes
    a statement that fails."""
    n, start = len(sql), i
    while i < n:
        c = sql[i]
        if c == ';':
            return sql[start:i + 1], i + 1
        if c == "'":
            i = _after_quoted(sql, i, backslashes)
        elif c == '"':
            i = _after_quoted(sql, i, False)
        elif sql.startswith('--', i):
            i = _after_line_comment(sql, i)
        elif sql.startswith('/*', i):
            i = _after_block_comment(sql, i)
        elif c == '$':
            j = i + 1
            if j < n and _ident_start(sql[j]):
                j += 1
                while j < n and _ident_char(sql[j]) and sql[j] != '$':
                    j += 1
            if j < n and sql[j] == '$':
                tag = sql[i:j + 1]
                end = sql.find(tag, j + 1)
                i = n if end < 0 else end + len(tag)
            else:
                i += 1
        elif _ident_start(c):
            j = i + 1
            while j < n and _ident_char(sql[j]):
                j += 1
            if j == i + 1 and c in 'eEbBxX' and j < n and sql[j] == "'":
                # E'...' takes backslash escapes whatever the setting; B'...' and X'...' never.
                i = _after_quoted(sql, j, c in 'eE')
            else:
                i = j
        else:
            i += 1
    return sql[start:], n


def _after_quoted(sql, i, backslashes):
    """Where the string or quoted name that opens at `i` ends (a doubled quote is one)."""
    q, n, i = sql[i], len(sql), i + 1
    while i < n:
        if backslashes and sql[i] == '\\':
            i += 2
        elif sql[i] == q:
            if i + 1 < n and sql[i + 1] == q:
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return n


def first_word(statement):
    """The statement's first word, lowercase, past blanks and comments ('' for none)."""
    i = 0
    while True:
        while i < len(statement) and statement[i] in ' \t\r\n;':
            i += 1
        if statement.startswith('--', i):
            i = _after_line_comment(statement, i)
        elif statement.startswith('/*', i):
            i = _after_block_comment(statement, i)
        else:
            rest = statement[i:]
            return ('(' if rest.startswith('(') else rest.split(None, 1)[0].split('(')[0].lower()) if rest else ''


def _after_line_comment(sql, i):
    """Where the `--` comment at `i` ends: at a \\n or a \\r, as the server's lexer has it."""
    ends = [e for e in (sql.find('\n', i), sql.find('\r', i)) if e >= 0]
    return min(ends) if ends else len(sql)


def _after_block_comment(sql, i):
    """Where the `/*` comment at `i` ends (they nest)."""
    depth, i = 1, i + 2
    while i < len(sql) and depth:
        if sql.startswith('/*', i):
            depth, i = depth + 1, i + 2
        elif sql.startswith('*/', i):
            depth, i = depth - 1, i + 2
        else:
            i += 1
    return i


def cell(value):
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value in (float('inf'), float('-inf')):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return {'blob': bytes(value).hex()}
    if type(value).__name__ == 'Decimal':
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [cell(v) for v in value]
    return value


def plan(cursor, statement):
    """How the server means to run a statement, as lines in the words of SQLite's EXPLAIN QUERY
    PLAN, which the problem's plan rules read: `SCAN t` for a sequential scan or a whole-index
    scan, `SEARCH t USING INDEX i (cond)` where an index condition narrows the rows. Only the
    plan is made: the statement is not run.

    A function (or an operator) of the candidate's runs queries of its own, which the plan does
    not show: one the plan names (VERBOSE names every call) adds a line `FUNCTION name`, which
    no plan rule takes. Catalogs are named with their schema: the candidate may put tables of
    the same names first on the search path."""
    if first_word(statement) not in EXPLAINABLE:
        return []
    cursor.execute('EXPLAIN (FORMAT JSON, VERBOSE) ' + statement)
    tree = cursor.fetchone()[0]
    lines = []

    def walk(node):
        kind, table = node.get('Node Type'), node.get('Relation Name')
        children = node.get('Plans', [])
        if kind == 'Seq Scan':
            lines.append(f'SCAN {table}')
        elif kind in ('Index Scan', 'Index Only Scan'):
            cond = node.get('Index Cond')
            lines.append(f"SEARCH {table} USING INDEX {node['Index Name']} ({cond})" if cond else f"SCAN {table} USING INDEX {node['Index Name']}")
        elif kind == 'Bitmap Heap Scan':
            indexes = []

            def bitmap(n):
                if n.get('Node Type') == 'Bitmap Index Scan':
                    indexes.append(f"{n['Index Name']} ({n.get('Index Cond', '')})")
                for c in n.get('Plans', []):
                    bitmap(c)
            for c in children:
                bitmap(c)
            lines.append(f"SEARCH {table} USING INDEX {' AND '.join(indexes)}")
            children = []
        for child in children:
            walk(child)
    walk(tree[0]['Plan'])
    text = json.dumps(tree)
    cursor.execute("SELECT proname FROM pg_catalog.pg_proc WHERE proowner = 'mj_candidate'::pg_catalog.regrole")
    lines += [f'FUNCTION {name}' for (name,) in cursor.fetchall() if re.search(r'\b' + re.escape(name) + r'\b', text)]
    cursor.execute("SELECT oprname FROM pg_catalog.pg_operator WHERE oprowner = 'mj_candidate'::pg_catalog.regrole")
    lines += [f'FUNCTION operator {name}' for (name,) in cursor.fetchall() if f' {name} ' in text]
    return lines


def backslashes(session):
    """Whether the session's plain strings take backslash escapes (standard_conforming_strings
    off, which any role may set): the server reads a statement's strings by it."""
    return session.get_parameter_status('standard_conforming_strings') == 'off'


def same_strings(session, split_with, number):
    """Fails if the session's strings changed since the statement was split (a function the
    planner ran may set them): the server would now read it otherwise."""
    if backslashes(session) != split_with:
        fail(1, f'statement {number}: standard_conforming_strings changed while it ran')


def candidate_statements(session, sql):
    """The candidate's statements, each split off the rest only when it is to run, with the
    session's strings as they are then: (number, statement, whether it is the last, how its
    strings were read)."""
    i, number = 0, 0
    while i < len(sql):
        split_with = backslashes(session)
        statement, i = next_statement(sql, i, split_with)
        if first_word(statement):
            number += 1
            yield number, statement, not first_word(sql[i:]), split_with


def run_candidate(session, sql, mode):
    """Runs the statements, but for a test's last one (returned, with its number and how it was
    split, for [`write_rows`]); a check plans the queries rather than running them. Fails with
    the statement's number."""
    cursor = session.cursor()
    check = mode == 'check'
    # The check's own clock: the server's statement timeout is the candidate's to switch off.
    deadline = time.monotonic() + CHECK_TIMEOUT_MS / 1000
    number = 0
    for number, statement, last, split_with in candidate_statements(session, sql):
        if mode == 'run' and last:
            return statement, number, split_with
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), session.cancel) if check else None
        try:
            if watchdog:
                watchdog.start()
            if check and first_word(statement) in EXPLAINABLE:
                cursor.execute('EXPLAIN ' + statement)
            else:
                cursor.execute(statement)
        except psycopg2.Error as e:
            if check and (e.pgcode == '57014' or (e.pgcode or '').startswith('53')):
                # Out of time (the check's own timeout) or of room: the tests' to judge, under
                # their limits.
                fail(0, f'statement {number} takes long to run or much room; the rest is left to the tests')
            fail(1, f'statement {number}: {message(e)}')
        finally:
            if watchdog:
                watchdog.cancel()
    if number == 0:
        fail(1, 'no SQL statement to run')
    return None


def write_rows(session, statement, number, split_with):
    """Runs the last statement and writes its rows and plan, streaming a query's rows through a
    cursor so that a huge result is cut rather than held."""
    cursor = session.cursor()
    try:
        how = plan(cursor, statement)
        same_strings(session, split_with, number)
        declared = first_word(statement) in ('select', 'values', 'table', '(', 'with')
        if declared:
            session.autocommit = False
            try:
                cursor.execute('DECLARE mj_result NO SCROLL CURSOR FOR ' + statement)
            except psycopg2.errors.FeatureNotSupported:
                # A WITH that changes data cannot be a cursor's query.
                session.rollback()
                session.autocommit = True
                declared = False
        if not declared:
            same_strings(session, split_with, number)
            cursor.execute(statement)
        columns = [d[0] for d in cursor.description or ()] if not declared else None
        with open(RESULT_FILE, 'w') as out:
            written, first = 0, True
            fetch = (lambda: (cursor.execute('FETCH 1000 FROM mj_result'), cursor.fetchall())[1]) if declared else None
            batch = fetch() if declared else (cursor.fetchall() if cursor.description else [])
            if declared:
                columns = [d[0] for d in cursor.description or ()]
            out.write('{"columns": ' + json.dumps(columns) + ', "rows": [')
            while batch and written <= RESULT_BYTES:
                for row in batch:
                    text = ('' if first else ',') + json.dumps([cell(v) for v in row], default=str)
                    out.write(text)
                    written += len(text)
                    first = False
                batch = fetch() if declared else []
            out.write('], "plan": ' + json.dumps(how) + '}')
        if declared:
            session.rollback()
            session.autocommit = True
    except psycopg2.errors.QueryCanceled:
        fail(1, f'statement {number}: canceled (statement_timeout)')
    except psycopg2.Error as e:
        fail(1, f'statement {number}: {message(e)}')


def steps(session, sql):
    """Runs each of the test's statements on its own and writes what it did, with its plan.
    Tables a statement changed are analysed before the next plan, as they would be in use."""
    cursor = session.cursor()
    out, changed = [], False
    for statement in statements(sql):
        try:
            if changed and first_word(statement) in EXPLAINABLE:
                cursor.execute('ANALYZE')
                changed = False
            how = plan(cursor, statement)
            cursor.execute(statement)
            rows = [[cell(v) for v in row] for row in cursor.fetchall()] if cursor.description else []
            changed = changed or first_word(statement) not in ('select', 'values', 'table')
            out.append({'rows': rows, 'plan': how})
        except psycopg2.Error as e:
            out.append({'error': e.pgcode or 'XX000', 'message': message(e)})
    with open(RESULT_FILE, 'w') as f:
        json.dump({'steps': out}, f, default=str)


def test(mode, solution, timeout_ms):
    with open(solution, encoding='utf-8', errors='replace') as f:
        sql = f.read()
    if mode == 'check':
        fresh_database()
    session = candidate_session(timeout_ms)
    try:
        last = run_candidate(session, sql, mode)
        if mode == 'run':
            write_rows(session, *last)
        elif mode == 'steps':
            steps(session, sys.stdin.read())
    finally:
        # Also when a statement failed (fail() exits through here).
        end_test(session)


def main():
    mode = sys.argv[1]
    if mode == 'serve':
        serve(int(sys.argv[2]), int(sys.argv[3]))
    elif mode == 'reset':
        reset()
    elif mode == 'prepare':
        prepare(sys.argv[2])
    else:
        test(mode, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else CHECK_TIMEOUT_MS)


main()
