#!/usr/bin/env bash
# Runs every Jazzer @FuzzTest target in fuzzing mode, one target per JVM (Jazzer fuzzes one target per JVM),
# MEDIAPATH_FUZZ_LANES (default 2) at a time, each JVM started by scripts/FuzzMain.java rather than by Maven.
#   --short   a few seconds per target (part of the test command)
#   --long    MEDIAPATH_FUZZ_SECONDS (default 600) per target; figures go to docs/benchmarks.md
#   MEDIAPATH_FUZZ_ONLY=REGEX runs only the targets whose test file path matches
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
# MEDIAPATH_FUZZ_ONLY (an extended regex over the test files' paths) narrows the run, e.g. to one module.
if [ -n "${MEDIAPATH_FUZZ_ONLY:-}" ]; then
  mapfile -t targets < <(printf '%s\n' "${targets[@]}" | grep -E "$MEDIAPATH_FUZZ_ONLY" || true)
fi
if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets found" >&2
  exit 1
fi
# Each target runs in a plain JVM started by FuzzMain (next to this script), not through Maven: starting Maven and
# surefire cost ~25 s per target, three times a short run's fuzzing. Maven is asked once for every module's test
# classpath; the classes come from the build that ran before (scripts/test.sh runs `./mvnw install` first, which
# also puts our modules in the local repository, where Maven resolves them for that classpath).
# Two targets run at a time: each Jazzer run is one JVM fuzzing on one core.
lanes="${MEDIAPATH_FUZZ_LANES:-2}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
jobs_list=()
modules=()
for f in "${targets[@]}"; do
  module="${f%%/src/test/java/*}"
  rel="${f#*/src/test/java/}"
  fqcn="${rel%.java}"
  fqcn="${fqcn//\//.}"
  if [ ! -d "$module/target/test-classes" ]; then
    echo "fuzz.sh: $module/target/test-classes is missing; build first: ./mvnw -B install" >&2
    exit 1
  fi
  [[ " ${modules[*]} " == *" $module "* ]] || modules+=("$module")
  for m in $(grep -A3 '@FuzzTest' "$f" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed -E 's/void ([a-zA-Z0-9_]+)\(/\1/'); do
    jobs_list+=("$module $fqcn $m")
  done
done
modules_csv="$(IFS=,; echo "${modules[*]}")"
# Not offline (-o): the dependency plugin is declared only in pluginManagement, so on a fresh machine the build has
# not fetched it yet.
if ! ./mvnw -B -q dependency:build-classpath -pl "$modules_csv" -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz-classpath.txt >"$logs/classpath.log" 2>&1; then
  cat "$logs/classpath.log"
  echo "fuzz.sh: Maven could not give the test classpaths; build and install first: ./mvnw -B install" >&2
  exit 1
fi
# Maven names our own modules by their jars in the local repository, which may be older than this checkout; the
# fuzzers must run this checkout's code, so each is replaced by the module's own target/classes.
for module in "${modules[@]}"; do
  sed -i -E "s#[^:]*/io/mediapath/([a-z-]+)/[^/:]+/[^:]+\.jar#$root/\1/target/classes#g" "$module/target/fuzz-classpath.txt"
done
# The same JVM flags the tests run with (leak detection at PARANOID, JUnit extension autodetection): one place.
read -r -a argline <<<"$(sed -n 's#.*<mediapath.test.argLine>\(.*\)</mediapath.test.argLine>.*#\1#p' pom.xml)"
launcher="$logs/launcher"
javac -d "$launcher" -cp "$(cat "${modules[0]}/target/fuzz-classpath.txt")" scripts/FuzzMain.java
run_one() {
  local module="$1" fqcn="$2" m="$3" cls="${2##*.}"
  local log="$logs/$cls#$m.log"
  # Jazzer reads its options from JAZZER_* environment variables; JAZZER_MAX_DURATION overrides
  # @FuzzTest(maxDuration) (verified with jazzer-junit 0.30.0: "Done N runs in <secs> second(s)"). The JVM runs in
  # the module's directory, as surefire's would, so Jazzer finds src/test/resources for inputs and findings.
  if (cd "$module" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" java "${argline[@]}" \
      -cp "$launcher:target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" FuzzMain "$fqcn#$m") \
      >"$log" 2>&1; then
    echo "== fuzz $module $cls#$m for ${secs}s: ok ($(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | sed 's/Done //'))"
  else
    cat "$log"
    echo "fuzz.sh: $module $cls#$m FAILED (output above)" >&2
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
