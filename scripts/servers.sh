#!/usr/bin/env bash
# Start/stop the local database servers the integration tests talk to.
#
#   bash scripts/servers.sh start    # PostgreSQL 15 (cluster 15/main) + MariaDB, idempotent
#   bash scripts/servers.sh stop
#   bash scripts/servers.sh status
#
# Both servers listen on loopback and unix sockets only:
#   PostgreSQL: socket /var/run/postgresql, port 5432 (listen_addresses=localhost)
#   MariaDB:    socket /run/mysqld/mysqld.sock (bind-address=127.0.0.1)
# `start` also makes a passwordless SUPERUSER role named after the current OS
# user (peer auth over the socket), so `psql -h /var/run/postgresql -d postgres`
# just works. MariaDB root uses unix_socket auth on Debian.
#
# Works without systemd: daemons are started with pg_ctlcluster and the SysV
# init script (or mysqld_safe directly). Every daemon's stdout/stderr goes to a
# log file so no background process keeps the caller's pipe open.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_SOCKDIR=/var/run/postgresql
MARIA_SOCK=/run/mysqld/mysqld.sock
TIMEOUT=60
LOG_DIR=${DUMPFIX_SERVER_LOG_DIR:-/tmp/dumpfix-servers}

ME=$(id -un)
if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo -n); fi

die() { echo "servers.sh: $*" >&2; exit 1; }
log_tail() { # file...
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    echo "----- last lines of $f -----" >&2
    "${SUDO[@]}" tail -n 40 "$f" >&2 || true
  done
}
as_postgres() { (cd / && "${SUDO[@]}" runuser -u postgres -- "$@"); }

# ---------------------------------------------------------------- PostgreSQL
pg_port() {
  pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" 2>/dev/null | awk '{print $3}'
}
pg_logfile() {
  local f
  f=$(pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" 2>/dev/null | awk '{print $7}')
  echo "${f:-/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log}"
}
# run as postgres (peer auth) so probing leaves no FATAL lines in the server log
pg_running() { as_postgres pg_isready -q -h "$PG_SOCKDIR" -p "$(pg_port)" -d postgres -t 2 >/dev/null 2>&1; }

pg_start() {
  [[ -x $PG_BIN/postgres ]] || die "PostgreSQL $PG_VERSION is not installed ($PG_BIN/postgres missing); apt-get install postgresql-$PG_VERSION"
  command -v pg_ctlcluster >/dev/null || die "pg_ctlcluster missing (postgresql-common not installed)"
  mkdir -p "$LOG_DIR"
  local out=$LOG_DIR/pg_ctlcluster.log
  : >"$out"

  if ! pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" 2>/dev/null | grep -q .; then
    echo "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    "${SUDO[@]}" pg_createcluster --locale=C.UTF-8 -e UTF8 "$PG_VERSION" "$PG_CLUSTER" </dev/null >>"$out" 2>&1 \
      || { log_tail "$out"; die "pg_createcluster $PG_VERSION $PG_CLUSTER failed"; }
  fi
  "${SUDO[@]}" install -d -m 2775 -o postgres -g postgres "$PG_SOCKDIR"

  if ! pg_running; then
    # -o overrides postgresql.conf: never listen on anything but loopback.
    local rc=0
    "${SUDO[@]}" pg_ctlcluster -o "-c listen_addresses=localhost" "$PG_VERSION" "$PG_CLUSTER" start \
      </dev/null >>"$out" 2>&1 || rc=$?
    # rc 2 = already running (e.g. still starting up); anything else is logged below if it never comes up
    [[ $rc -eq 0 || $rc -eq 2 ]] || echo "pg_ctlcluster start exited with $rc, waiting anyway" >&2
  fi

  local i
  for ((i = 0; i < TIMEOUT; i++)); do
    pg_running && break
    sleep 1
  done
  if ! pg_running; then
    log_tail "$out" "$(pg_logfile)"
    die "PostgreSQL $PG_VERSION/$PG_CLUSTER did not become ready within ${TIMEOUT}s"
  fi

  if [[ $ME != postgres ]]; then
    local exists
    # psql -c does not interpolate :'u', so feed the query on stdin
    exists=$(printf '%s\n' "SELECT 1 FROM pg_roles WHERE rolname = :'u';" |
      as_postgres psql -X -q -At -h "$PG_SOCKDIR" -p "$(pg_port)" -d postgres -v u="$ME" -f - 2>&1) \
      || { echo "$exists" >&2; die "cannot query PostgreSQL as the postgres user"; }
    if [[ $exists != 1 ]]; then
      as_postgres createuser -h "$PG_SOCKDIR" -p "$(pg_port)" --superuser --login "$ME" \
        || die "could not create PostgreSQL role $ME"
      echo "created PostgreSQL SUPERUSER role $ME"
    fi
  fi
  psql -X -q -At -h "$PG_SOCKDIR" -p "$(pg_port)" -d postgres -c 'SELECT 1' >/dev/null \
    || die "PostgreSQL is up but '$ME' cannot connect: psql -h $PG_SOCKDIR -d postgres"
  local port note=""
  port=$(pg_port)
  [[ $port == 5432 ]] || note=" (not the default port: export PGPORT=$port)"
  echo "PostgreSQL $PG_VERSION ready: socket $PG_SOCKDIR port $port, role $ME$note"
}

pg_stop() {
  command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL: not installed"; return 0; }
  if pg_lsclusters -h "$PG_VERSION" "$PG_CLUSTER" 2>/dev/null | grep -q online; then
    "${SUDO[@]}" pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast </dev/null
  fi
  echo "PostgreSQL $PG_VERSION stopped"
}

pg_status() {
  if command -v pg_isready >/dev/null && pg_running; then
    echo "PostgreSQL $PG_VERSION: running (socket $PG_SOCKDIR port $(pg_port))"
  else
    echo "PostgreSQL $PG_VERSION: not running"; return 1
  fi
}

# ------------------------------------------------------------------- MariaDB
maria_ok() { mariadb --connect-timeout=2 -N -B -e 'SELECT 1' >/dev/null 2>&1; }
maria_alive() { mariadb-admin --connect-timeout=2 ping >/dev/null 2>&1; }

maria_start() {
  command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] \
    || die "MariaDB server is not installed (mariadbd missing); apt-get install mariadb-server"
  command -v mariadb >/dev/null || die "mariadb client missing; apt-get install mariadb-client"
  mkdir -p "$LOG_DIR"
  local out=$LOG_DIR/mariadb-service.log err=$LOG_DIR/mariadb.err
  if maria_ok; then
    echo "MariaDB ready: socket $MARIA_SOCK (already running)"
    return 0
  fi
  : >"$out"
  "${SUDO[@]}" install -d -m 755 -o mysql -g root /run/mysqld
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    echo "initialising MariaDB data directory"
    "${SUDO[@]}" mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db \
      </dev/null >>"$out" 2>&1 || { log_tail "$out"; die "mariadb-install-db failed"; }
  fi

  if ! maria_alive; then
    # 1) the Debian SysV script (no systemd needed; it logs to syslog, so keep its output)
    if [[ -x /etc/init.d/mariadb ]] && command -v service >/dev/null; then
      timeout 90 "${SUDO[@]}" service mariadb start </dev/null >>"$out" 2>&1 || true
    fi
    # 2) fallback: mysqld_safe in the background with the Debian config, logging to a file
    if ! maria_alive; then
      echo "service mariadb start did not work, starting mysqld_safe directly (log: $err)"
      : >"$err"; "${SUDO[@]}" chown mysql "$err" 2>/dev/null || true
      # shellcheck disable=SC2024 # the log is ours
      "${SUDO[@]}" setsid nohup /usr/bin/mysqld_safe --skip-syslog --log-error="$err" \
        --bind-address=127.0.0.1 --socket="$MARIA_SOCK" </dev/null >>"$out" 2>&1 &
      disown || true
    fi
  fi

  local i
  for ((i = 0; i < TIMEOUT; i++)); do
    maria_ok && break
    sleep 1
  done
  if ! maria_ok; then
    mariadb -N -B -e 'SELECT 1' >&2 || true
    log_tail "$out" "$err" /var/log/mysql/error.log
    die "MariaDB did not become ready for '$ME' within ${TIMEOUT}s"
  fi
  echo "MariaDB ready: socket $MARIA_SOCK, user root via unix_socket ($(mariadb -N -B -e 'SELECT VERSION()'))"
}

maria_stop() {
  if maria_alive; then
    if [[ -x /etc/init.d/mariadb ]] && command -v service >/dev/null; then
      timeout 90 "${SUDO[@]}" service mariadb stop </dev/null >/dev/null 2>&1 || true
    fi
    if maria_alive; then mariadb-admin shutdown || true; fi
    local i
    for ((i = 0; i < TIMEOUT; i++)); do
      maria_alive || break
      sleep 1
    done
    maria_alive && die "MariaDB did not stop within ${TIMEOUT}s"
  fi
  echo "MariaDB stopped"
}

maria_status() {
  if command -v mariadb >/dev/null && maria_ok; then
    echo "MariaDB: running (socket $MARIA_SOCK)"
  else
    echo "MariaDB: not running"; return 1
  fi
}

case "${1:-}" in
  start) pg_start; maria_start ;;
  stop) pg_stop; maria_stop ;;
  status)
    rc=0
    pg_status || rc=1
    maria_status || rc=1
    exit $rc
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
