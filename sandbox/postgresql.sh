#!/bin/sh
# The PostgreSQL image's set-up, run as root when the image is built (after its packages).
#
# The box's uids get names, so that the server's peer authentication can map them to roles:
# mj-db (10003) is the server and its superuser; the judge's scripts run as mj-build (10001,
# checking) and mj-program (10002, tests) and may log in only as the judged roles. The data
# directory is made here, with those roles, so that a box unpacks it and starts the server in a
# fraction of a second (src/kinds/database/postgres.py).
set -eu
for user in mj-build:10001:/box mj-program:10002:/tmp mj-db:10003:/srv; do
    IFS=: read -r name id home <<END
$user
END
    groupadd -g "$id" "$name"
    useradd -u "$id" -g "$id" -M -d "$home" -s /usr/sbin/nologin "$name"
done

bin=/usr/lib/postgresql/15/bin
data=/usr/local/share/mockjudge/pgdata
install -d -o mj-db -g mj-db -m 0700 "$data"
as_db() { setpriv --reuid=mj-db --regid=mj-db --clear-groups "$@"; }
# C collation: text sorts by its bytes, as SQLite's does.
as_db "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C --no-sync --no-instructions --wal-segsize=1 >/dev/null
cat >"$data/pg_hba.conf" <<END
# Unix socket only (the server listens on no address); each OS user as its mapped roles.
local all all peer map=box
END
cat >"$data/pg_ident.conf" <<END
box mj-db      postgres
box mj-build   mj_harness
box mj-build   mj_data
box mj-build   mj_candidate
box mj-program mj_harness
box mj-program mj_data
box mj-program mj_candidate
END
as_db "$bin/pg_ctl" -D "$data" -w -s -o "-c listen_addresses='' -c unix_socket_directories=/tmp -c fsync=off" start
as_db "$bin/psql" -h /tmp -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<'END'
-- Who clones and drops each test's database: it connects only to `postgres`, where no judged
-- role may, and may end the judged roles' sessions.
CREATE ROLE mj_harness LOGIN CREATEDB;
GRANT pg_signal_backend TO mj_harness;
-- Who loads a test's data (granted rows on each problem's tables when its template is made).
CREATE ROLE mj_data LOGIN;
-- Who runs the candidate's SQL: no superuser, no CREATEDB, no CREATEROLE, no memberships.
CREATE ROLE mj_candidate LOGIN;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 FROM PUBLIC;
GRANT CONNECT ON DATABASE postgres TO mj_harness;
END
as_db "$bin/pg_ctl" -D "$data" -w -s -m fast stop
# One file, not a thousand: a box unpacks it faster than it copies a tree out of the image's
# (overlay) file system.
tar -C "$data" -cf "$data.tar" .
chown mj-db:mj-db "$data.tar"
chmod 0400 "$data.tar"
rm -rf "$data"
