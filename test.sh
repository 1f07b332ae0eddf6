#!/usr/bin/env bash
# Runs every Closeloop test: ./test.sh
# Installs what the tests need (Debian packages only: postgresql, chromium, fonts-noto-cjk), runs `dotnet test` on the solution,
# and ends with one summary line: "N passed, N failed[, N skipped]". Exits with dotnet test's code.
set -euo pipefail

RESULTS_DIR_NAME=artifacts/test-results

# Prefix for commands that need root: nothing when root, sudo when available.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "test.sh: need root or sudo to run: $*" >&2
    return 1
  fi
}

APT_UPDATED=0
apt_install() {
  if ((APT_UPDATED == 0)); then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update || return
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# PostgreSQL server binaries; the tests start throwaway clusters from them (see docs/TESTING.md).
install_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "test.sh: installing PostgreSQL server binaries" >&2
    apt_install postgresql
  fi
}

# Prints "N passed, N failed[, N skipped]" summed over the <Counters> of every .trx under $1.
# Returns 1 (after printing "0 passed, 0 failed") when there is no .trx file.
print_summary() {
  local dir=$1
  local trx_files=()
  if [[ -d $dir ]]; then
    mapfile -d '' trx_files < <(find "$dir" -type f -name '*.trx' -print0)
  fi
  if ((${#trx_files[@]} == 0)); then
    echo "test.sh: no .trx results under $dir" >&2
    echo "0 passed, 0 failed"
    return 1
  fi
  # Plain POSIX awk (Debian's default is mawk): join each file into one string, find <Counters ...>
  # and read its attributes. error/timeout/aborted outcomes count as failed.
  awk '
    function attr(tag, name,    m) {
      if (match(tag, "[ \t\r\n]" name "=\"[0-9]+\"")) {
        m = substr(tag, RSTART, RLENGTH)
        sub(/^[^"]*"/, "", m)
        sub(/"$/, "", m)
        return m + 0
      }
      return 0
    }
    function flush(    start, tag, end, notrun) {
      if (buf == "") return
      start = index(buf, "<Counters")
      if (start == 0) { printf "test.sh: no <Counters> in %s\n", file > "/dev/stderr"; buf = ""; return }
      tag = substr(buf, start)
      end = index(tag, ">")
      if (end > 0) tag = substr(tag, 1, end)
      passed += attr(tag, "passed")
      failed += attr(tag, "failed") + attr(tag, "error") + attr(tag, "timeout") + attr(tag, "aborted")
      # vstest writes skipped tests as total - executed and leaves notExecuted at 0; take the larger.
      notrun = attr(tag, "total") - attr(tag, "executed")
      skipped += (attr(tag, "notExecuted") > notrun) ? attr(tag, "notExecuted") : notrun
      buf = ""
    }
    FNR == 1 { flush(); file = FILENAME }
    { buf = buf " " $0 }
    END {
      flush()
      line = sprintf("%d passed, %d failed", passed, failed)
      if (skipped > 0) line = line sprintf(", %d skipped", skipped)
      print line
    }
  ' "${trx_files[@]}"
}

# Debian's chromium for the browser tests (Playwright drives it; no browser download), and CJK
# fonts so that Chinese pages render as text rather than boxes in their screenshots.
install_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
  if ((${#missing[@]} > 0)); then
    echo "test.sh: installing ${missing[*]} for the browser tests" >&2
    apt_install "${missing[@]}"
  fi
}

main() {
  cd "$(dirname "${BASH_SOURCE[0]}")"
  export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
  export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

  install_postgres
  install_browser

  local results_dir="$PWD/$RESULTS_DIR_NAME"
  rm -rf "$results_dir"
  mkdir -p "$results_dir"

  # LogFilePrefix, not LogFileName: with a fixed LogFileName every test project of the solution
  # writes the same file and only the last one survives. The prefix gives one .trx per project.
  local status=0
  dotnet test Closeloop.slnx \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$results_dir" || status=$?

  local summary
  if ! summary=$(print_summary "$results_dir"); then
    ((status != 0)) || status=1
  fi
  # A failed test must fail the run even if dotnet test said otherwise.
  if [[ $summary =~ ,\ ([0-9]+)\ failed ]] && ((BASH_REMATCH[1] > 0 && status == 0)); then
    status=1
  fi
  echo "$summary"
  exit "$status"
}

# Sourcing the script (e.g. to test print_summary) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
