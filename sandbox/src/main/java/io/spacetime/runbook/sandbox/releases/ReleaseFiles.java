package io.spacetime.runbook.sandbox.releases;

/**
 * The text of a sandbox release's files. Small on purpose: what matters to the runbook is that
 * they exist where it looks (2.2, Step 4) and that {@code tests/run_tests.sh} really tests.
 */
final class ReleaseFiles {

  private ReleaseFiles() {}

  /** Step 4 greps {@code [autoload]} and expects these three services. */
  static String projectGodot(String version) {
    return """
        ; Engine configuration file (sandbox release).
        config_version=5

        [application]
        config/name="SpaceTime"
        config/version="%s"
        run/main_scene="res://vr_main.tscn"

        [autoload]
        ResonanceEngine="*res://scripts/core/engine.gd"
        GodotBridge="*res://addons/godot_debug_connection/godot_bridge.gd"
        TelemetryServer="*res://addons/godot_debug_connection/telemetry_server.gd"
        """.formatted(version);
  }

  static final String MAIN_SCENE = """
      [gd_scene format=3]

      [node name="VRMain" type="Node3D"]
      """;

  static final String ENGINE_SCRIPT = """
      extends Node
      # ResonanceEngine: initialises the subsystems and reports "All subsystems initialized".
      """;

  static final String GODOT_BRIDGE = """
      extends Node
      # GodotBridge: the HTTP Scene Management API (/status, /connect, /disconnect, /scene/load).
      # In the sandbox the stand-in service (io.spacetime.runbook.sandbox.standin.StandInService) serves it.
      """;

  static final String TELEMETRY_SERVER = """
      extends Node
      # TelemetryServer: WebSocket on TELEMETRY_PORT; sends {"event":"connected"} then fps events.
      """;

  static final String HTTP_API = """
      # SpaceTime HTTP Scene Management API

      | method | path | answer |
      | --- | --- | --- |
      | GET | /status | debug_adapter, language_server (state 2 = connected), overall_ready, version |
      | POST | /connect | {"status":"connecting","message":"Connection initiated"} |
      | POST | /disconnect | {"status":"disconnected","message":"Disconnected"} |
      | POST | /scene/load | body {"scene_path":"res://vr_main.tscn"}; 400 without scene_path |

      Telemetry: WebSocket on TELEMETRY_PORT, first message {"event":"connected"}, then
      {"event":"fps","fps":90.0,"frame_time_ms":11.1} every second.
      """;

  /**
   * Runbook 4.1 "Run automated test suite", run in the staging directory with the staging base
   * URL. Uses only bash and curl, which the runbook's hosts have. Exits non-zero when a test fails.
   */
  static final String RUN_TESTS = """
      #!/usr/bin/env bash
      # SpaceTime staging test suite (RUNBOOK_DEPLOYMENT.md 4.1 "Run automated test suite").
      # Usage: tests/run_tests.sh BASE_URL      e.g. tests/run_tests.sh http://127.0.0.2:18080
      # Exit status: 0 when every test passes, 1 otherwise, 2 on wrong usage.
      set -u
      if [ $# -ne 1 ]; then
        echo "usage: tests/run_tests.sh BASE_URL   (e.g. http://127.0.0.2:18080)" >&2
        exit 2
      fi
      base=${1%/}
      release_dir=$(cd "$(dirname "$0")/.." && pwd)
      expected_version=$(cat "$release_dir/VERSION")
      passed=0
      failed=0

      # request METHOD PATH [JSON_BODY]: sets $status (000 when nothing answered) and $body.
      request() {
        local out
        if [ $# -ge 3 ]; then
          out=$(curl -sS --max-time 5 -X "$1" -H 'Content-Type: application/json' -d "$3" \\
            -w '\\n%{http_code}' "$base$2" 2>&1) || { status=000; body=$out; return 0; }
        else
          out=$(curl -sS --max-time 5 -X "$1" -w '\\n%{http_code}' "$base$2" 2>&1) \\
            || { status=000; body=$out; return 0; }
        fi
        status=${out##*$'\\n'}
        body=${out%$'\\n'*}
      }

      # check NAME CONDITION...: runs the condition, counts and prints the result.
      check() {
        local name=$1
        shift
        if "$@"; then
          passed=$((passed + 1))
          echo "✓ $name"
        else
          failed=$((failed + 1))
          echo "✗ $name (HTTP $status: ${body:0:200})"
        fi
      }

      contains() { [[ $body == *"$1"* ]]; }
      status_is() { [ "$status" = "$1" ]; }

      # The instance was just started: give it a bounded time to report ready (runbook: "wait").
      for _ in $(seq 1 50); do
        request GET /status
        if status_is 200 && contains '"overall_ready":true'; then break; fi
        sleep 0.2
      done

      echo "Testing $base (release $expected_version)"
      request GET /status
      check "GET /status answers 200" status_is 200
      check "overall_ready is true" contains '"overall_ready":true'
      check "serves release $expected_version" contains "\\"version\\":\\"$expected_version\\""
      request POST /connect
      check "POST /connect initiates a connection" contains '"status":"connecting"'
      request POST /scene/load '{"scene_path":"res://vr_main.tscn"}'
      check "POST /scene/load loads res://vr_main.tscn" contains '"status":"success"'
      request POST /scene/load '{}'
      check "POST /scene/load without scene_path answers 400" status_is 400

      total=$((passed + failed))
      rate=$((passed * 1000 / total))
      echo "================================================"
      echo "Test Suite Results"
      echo "================================================"
      echo "Total Tests: $total"
      echo "Passed: $passed"
      echo "Failed: $failed"
      echo "Success Rate: $((rate / 10)).$((rate % 10))%"
      [ "$failed" -eq 0 ]
      """;
}
