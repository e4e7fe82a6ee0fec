#!/usr/bin/env bash
# Runs every Jazzer @FuzzTest target in fuzzing mode, one at a time (Jazzer fuzzes one target per JVM).
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
failed=0
ran=0
for f in "${targets[@]}"; do
  module="${f%%/src/test/java/*}"
  cls="$(basename "$f" .java)"
  for m in $(grep -A3 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed -E 's/void ([a-zA-Z0-9_]+)\(/\1/'); do
    echo "== fuzz $module $cls#$m for ${secs}s"
    # Jazzer reads its options from JAZZER_* environment variables, which the forked test JVM inherits; a -DargLine
    # would be ignored because the parent pom sets surefire's argLine explicitly. The variable overrides
    # @FuzzTest(maxDuration) (verified with jazzer-junit 0.30.0: "Done N runs in <secs> second(s)").
    if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" ./mvnw -B -q -o surefire:test -pl "$module" -Dtest="$cls#$m" \
        -Dsurefire.failIfNoSpecifiedTests=false ; then
      ran=$((ran + 1))
    else
      echo "fuzz.sh: $module $cls#$m FAILED (see $module/target/surefire-reports)" >&2
      failed=$((failed + 1))
    fi
  done
done
echo "fuzz: $ran passed, $failed failed"
[ "$failed" -eq 0 ]
