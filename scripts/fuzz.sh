#!/usr/bin/env bash
# Runs every Jazzer @FuzzTest target in fuzzing mode, one target per JVM (Jazzer fuzzes one target per JVM),
# MEDIAPATH_FUZZ_LANES (default 2) at a time.
#   --short   a few seconds per target (part of the test command)
#   --long    MEDIAPATH_FUZZ_SECONDS (default 600) per target; figures go to docs/benchmarks.md
# Regression inputs live next to each test under src/test/resources/<package>/<Class>Inputs/<method>/; crashes
# found here are written there by Jazzer and must be kept as regressions.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:---short}"
case "$mode" in
  --short) secs="${MEDIAPATH_FUZZ_SECONDS:-8}" ;;
  --long)  secs="${MEDIAPATH_FUZZ_SECONDS:-600}" ;;
  *) echo "usage: scripts/fuzz.sh [--short|--long]" >&2; exit 2 ;;
esac
# Targets: module, class, method — found from the sources so a new @FuzzTest is picked up without editing here.
mapfile -t targets < <(grep -rl --include='*FuzzTest.java' '@FuzzTest' */src/test/java | sort)
if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets found" >&2
  exit 1
fi
# Two targets run at a time: each Jazzer run is one JVM on one core, and most of a short run's wall time is Maven
# starting, so two lanes halve the command on a 2-core machine without starving either fuzzer.
lanes="${MEDIAPATH_FUZZ_LANES:-2}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
jobs_list=()
for f in "${targets[@]}"; do
  module="${f%%/src/test/java/*}"
  cls="$(basename "$f" .java)"
  for m in $(grep -A3 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed -E 's/void ([a-zA-Z0-9_]+)\(/\1/'); do
    jobs_list+=("$module $cls $m")
  done
done
run_one() {
  local module="$1" cls="$2" m="$3" log="$logs/$2#$3.log"
  # Jazzer reads its options from JAZZER_* environment variables, which the forked test JVM inherits; a -DargLine
  # would be ignored because the parent pom sets surefire's argLine explicitly. The variable overrides
  # @FuzzTest(maxDuration) (verified with jazzer-junit 0.30.0: "Done N runs in <secs> second(s)"). Each run has its
  # own surefire temp dir: two lanes in one module otherwise delete each other's booter jar.
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" ./mvnw -B -q -o surefire:test -pl "$module" -Dtest="$cls#$m" \
      -Dsurefire.failIfNoSpecifiedTests=false -DtempDir="surefire-fuzz-$cls-$m" >"$log" 2>&1; then
    echo "== fuzz $module $cls#$m for ${secs}s: ok"
  else
    cat "$log"
    echo "fuzz.sh: $module $cls#$m FAILED (see $module/target/surefire-reports)" >&2
    touch "$logs/$cls#$m.failed"
  fi
}
running=0
for j in "${jobs_list[@]}"; do
  # shellcheck disable=SC2086
  run_one $j &
  running=$((running + 1))
  if [ "$running" -ge "$lanes" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true
failed=$(find "$logs" -name '*.failed' | wc -l)
ran=$(( ${#jobs_list[@]} - failed ))
echo "fuzz: $ran passed, $failed failed"
[ "$failed" -eq 0 ]
