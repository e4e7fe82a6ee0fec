#!/usr/bin/env bash
# Regenerates the API baseline of each library module: <module>/src/api/baseline.jar holds the classes of the packages
# its module-info exports to everyone (not `exports … to`), as built from the working tree. `./mvnw verify` compares
# the module's jar against it with japicmp (pom.xml, profile api-baseline) and fails on a binary- or
# source-incompatible change. Run this only for an intended API change, and commit the baselines with that change.
#   scripts/api-baseline.sh            all library modules
#   scripts/api-baseline.sh ice-core   one or more modules
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
modules=("$@")
if [ "${#modules[@]}" -eq 0 ]; then
  modules=(sdp-model ice-core turn-client tls-inspect lab capture responder diagnose exporter)
fi
list="$(IFS=,; echo "${modules[*]}")"
./mvnw -B -q package -pl "$list" -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -Djapicmp.skip
for m in "${modules[@]}"; do
  jar="$(ls "$m"/target/"$m"-*.jar | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -1)"
  work="$(mktemp -d)"
  (cd "$work" && unzip -q "$root/$jar")
  out="$(mktemp -d)"
  # Unqualified exports only: a package exported `to` sibling modules is not API.
  for pkg in $(sed -nE 's/^[[:space:]]*exports[[:space:]]+([a-zA-Z0-9_.]+)[[:space:]]*;.*/\1/p' "$m/src/main/java/module-info.java"); do
    dir="${pkg//.//}"
    mkdir -p "$out/$dir"
    find "$work/$dir" -maxdepth 1 -name '*.class' -exec cp {} "$out/$dir/" \;
  done
  mkdir -p "$m/src/api"
  rm -f "$m/src/api/baseline.jar"
  # Fixed timestamps so that regenerating an unchanged API gives the same bytes.
  find "$out" -exec touch -d '2000-01-01T00:00:00Z' {} +
  (cd "$out" && jar --create --date=2000-01-01T00:00:02Z --file "$root/$m/src/api/baseline.jar" .)
  rm -rf "$work" "$out"
  echo "api-baseline: $m/src/api/baseline.jar ($(unzip -l "$m/src/api/baseline.jar" | tail -1 | awk '{print $2}') files)"
done
