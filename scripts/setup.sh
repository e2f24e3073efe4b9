#!/bin/sh
# Prepares this machine for cellar's demo and tests: system tools, a local MariaDB, node modules, build.
# Idempotent and silent when there is nothing to do; run it as often as you like.
set -eu

cd "$(dirname "$0")/.."

DB_HOST=127.0.0.1
DB_PORT=3306
MARIADBD=/usr/sbin/mariadbd

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Debian package that provides a command.
package_for() {
  case "$1" in
    rsync) echo rsync ;;
    mariadb | mariadb-dump | mariadb-admin) echo mariadb-client ;;
    restic) echo restic ;;
    rclone) echo rclone ;;
    sshd) echo openssh-server ;;
    ssh | ssh-keygen) echo openssh-client ;;
    btrfs | mkfs.btrfs) echo btrfs-progs ;;
    openssl) echo openssl ;;
    unshare) echo util-linux ;;
    losetup | mount) echo mount ;;
    systemd-analyze) echo systemd ;;
    zsh) echo zsh ;;
    *) fail "no Debian package is known for $1" ;;
  esac
}

# Commands cellar's demo and tests need: the database and rsync; restic and the servers its tests
# start (REST through rclone, SFTP and ssh nodes through sshd); btrfs snapshots of loop
# images; systemd-analyze and zsh for the checks of the shipped unit files and completion.
needed_tools="rsync mariadb mariadb-dump mariadb-admin restic rclone sshd ssh ssh-keygen openssl \
  btrfs mkfs.btrfs unshare losetup mount systemd-analyze zsh"

# The commands in $needed_tools that are missing.
missing_tools() {
  for tool in $needed_tools; do
    command -v "$tool" >/dev/null 2>&1 || printf '%s ' "$tool"
  done
}

# Prefix that runs a command as root: nothing when we are root, sudo when it works without a prompt.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    echo ""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    echo "sudo"
  else
    return 1
  fi
}

install_tools() {
  tools=$(missing_tools)
  [ -n "$tools" ] || return 0
  packages=$(for tool in $tools; do package_for "$tool"; done | sort -u | tr '\n' ' ')
  command="apt-get update && apt-get install -y --no-install-recommends ${packages% }"
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "missing ${tools% } and no apt-get here. Install the packages that provide them" \
      "(on Debian/Ubuntu: ${packages% }), then run this again."
  fi
  if ! sudo=$(as_root); then
    fail "missing ${tools% }. Install them as root, then run this again:
  sudo sh -c '$command'"
  fi
  say "installing ${packages% } (apt-get)"
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      $sudo apt-get install -y -qq --no-install-recommends $packages; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    fail "apt-get could not install ${packages% }; fix the error above, or run: $command"
  fi
  rm -f "$log"
  still=$(missing_tools)
  [ -z "$still" ] || fail "still missing ${still% } after installing ${packages% }; install them by hand."
}

db_answers() {
  mariadb-admin --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" --connect-timeout=2 ping >/dev/null 2>&1
}

start_db() {
  if [ ! -x "$MARIADBD" ]; then
    fail "no MariaDB answers on $DB_HOST:$DB_PORT. Install one (apt-get install -y mariadb-server)" \
      "or start yours there, with a root user that has an empty password."
  fi
  if ! sudo=$(as_root); then
    fail "MariaDB is not running on $DB_HOST:$DB_PORT. Start it as root, then run this again:
  sudo start-stop-daemon --start --oknodo --background --exec $MARIADBD"
  fi
  say "starting MariaDB"
  # /run is emptied at boot; mariadbd needs its socket folder.
  $sudo install -d -o mysql -g mysql /run/mysqld 2>/dev/null || true
  $sudo start-stop-daemon --start --quiet --oknodo --background --exec "$MARIADBD"
}

ensure_db() {
  db_answers && return 0
  start_db
  waited=0
  until db_answers; do
    [ "$waited" -lt 30 ] || fail "MariaDB did not answer on $DB_HOST:$DB_PORT within 30 s; see /var/log/mysql/error.log."
    sleep 1
    waited=$((waited + 1))
  done
}

install_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing node modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

# Builds dist/ unless it is newer than every source file.
build() {
  stamp=dist/.setup-built
  if [ -f "$stamp" ] && [ -z "$(find src demo bench bin package.json package-lock.json tsconfig.json \
      tsconfig.build.json -newer "$stamp" -print 2>/dev/null | head -n 1)" ]; then
    return 0
  fi
  npm run --silent build
  touch "$stamp"
}

install_tools
ensure_db
install_modules
build
