#!/usr/bin/env bash
# Runs the JMH benchmarks (module benchmarks) — never part of the test command. Each section measures mediapath
# against a peer implementation in the same run; figures and commands go to docs/benchmarks.md.
#   scripts/bench.sh sdp [JMH options...]   SDP parsing: sdp-model vs JAIN-SIP (JMH, -prof gc) and sdp-transform (node)
#   scripts/bench.sh tls [targets [concurrency [samples]]]   1 000 pseudo-TLS probes on 127.0.x.y (tls-inspect vs TCP connect)
#   scripts/bench.sh ice [JMH options...]   candidate audit of one SDP (goal <= 10 us) vs parsing it (same run)
#   scripts/bench.sh logscan [--mb N] [--runs N]   LogScanner over a synthetic 200 MB log, one core, -Xmx256m (vs readLine)
#   scripts/bench.sh turn [JMH options...]  RFC 5769 decode+FINGERPRINT+MESSAGE-INTEGRITY: turn-client vs ice4j, and vs a bare JDK Mac
#   scripts/bench.sh turn-load [sessions [messages [allocations]]]   real coturn: relayed echo vs turnutils_uclient
#                                           (default 100 x 1000), then 10 000 concurrent allocations under -Xmx256m
#   scripts/bench.sh edge [runs]            the edge playbook on the lab: clean path and dropped UDP, concurrent vs the
#                                           same legs one after another (default 20 runs)
#   scripts/bench.sh capture [--mb N]       read+judge a synthetic 1 GB pcap of web+relay traffic, one core, -Xmx256m
#                                           (vs tshark -r FILE -T fields -e frame.number on the same file)
#   scripts/bench.sh scan [targets [lines [concurrency]]]   mediapath scan (the CLI jar, -Xmx256m) of a list over lab
#                                           Edges on loopback aliases (default 1000 targets, 1000 lines, 256)
#   scripts/bench.sh scan-stream [lines [concurrency]]   the same over a long mixed list (default 100 000 lines:
#                                           comments, blank lines, closed ports, 50 lab Edges), heap sampled every 5 s
#   scripts/bench.sh exporter [targets [concurrency [seconds]]]   sustained /probe scrapes: mediapath exporter
#                                           (pseudo_tls) vs prometheus-blackbox-exporter (tcp_connect, tls), same targets
#   scripts/bench.sh quality [seconds]     quality-run timer: send-schedule deviation p99 at 50 packets/s and CPU of one
#                                           run and of ten concurrent runs (goal < 5 % of one core) vs coturn relaying them
#   scripts/bench.sh html [--renders N] [--mb N]   HTML report: one edge report of the lab seed rendered as HTML vs
#                                           text vs JSON (goal < 50 ms), pcap writer throughput, and the page and heap
#                                           of a 1 GiB log generated as it is streamed (both bounded)
#   scripts/bench.sh responder [--connections N] [--slow N] [--flood-seconds S]   responder hardening under -Xmx128m:
#                                           10 000 connections, slowloris, UDP flood; valid probes answered meanwhile
#   scripts/bench.sh all [JMH options...]   every JMH benchmark
# Extra JMH options replace the defaults (e.g. -wi 2 -i 3 -f 1 for a short run).
# BENCH_SKIP_BUILD=1 skips the build of the scan and exporter sections (jars already built).
# Environment: SDP_FILE (default our Chrome-style Plan B sample in test-support), NODE_ITERATIONS, NODE_ROUNDS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
section="${1:-}"
[ $# -gt 0 ] && shift
if [ -z "$section" ]; then
  echo "usage: scripts/bench.sh sdp|tls|ice|logscan|turn|turn-load|edge|capture|scan|scan-stream|exporter|quality|html|responder|all [options...]" >&2
  exit 2
fi

build() {
  ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
}

# The lab fleet (LabFleet) in its own JVM, fed by a pipe: it serves until run_fleet's caller closes FLEET_IN.
start_fleet() {
  local targets="$1" list="$2" lines="$3" shape="${4:-}"
  coproc FLEET { java -Xmx512m -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.exporter.LabFleet \
      "$targets" "$list" "$lines" $shape; }
  local ready
  read -r ready <&"${FLEET[0]}"
  echo "== lab: $ready"
}

stop_fleet() {
  local pid="$FLEET_PID"
  eval "exec ${FLEET[1]}>&-"
  wait "$pid" || true
}

cli_jar() {
  ls cli/target/cli-*-cli.jar | head -1
}

# scan [targets] [lines] [concurrency]: the CLI jar under -Xmx256m (GC log: the heap after each collection).
run_scan() {
  local targets="${1:-1000}" lines="${2:-1000}" conc="${3:-256}" dir
  dir="$(mktemp -d)"
  start_fleet "$targets" "$dir/list.txt" "$lines"
  echo "== mediapath scan: $lines lines over $targets lab Edges, module pseudo_tls, concurrency $conc, -Xmx256m, $(nproc) CPUs"
  # One unmeasured pass first: the lab fleet's JVM warms up on it, so both measured runs meet the same lab.
  java -Xmx256m -jar "$(cli_jar)" scan "$dir/list.txt" --module pseudo_tls --concurrency "$conc" --progress none \
      > /dev/null 2>&1 || true
  local jit
  for jit in default c1; do
    # The second run, C1 only (-XX:TieredStopAtLevel=1), shows how much of the first one was the JIT compiling.
    local opts=(); [ "$jit" = c1 ] && opts=(-XX:TieredStopAtLevel=1)
    echo "-- JIT $jit"
    /usr/bin/time -f "wall %e s, CPU %P (user %U s, sys %S s), max RSS %M KiB" java -Xmx256m "${opts[@]}" \
        -Xlog:gc:file="$dir/gc.log" -jar "$(cli_jar)" \
        scan "$dir/list.txt" --module pseudo_tls --concurrency "$conc" --progress none \
        > "$dir/out.jsonl" 2> "$dir/err.txt" || true
    grep -v '^mediapath scan: .* done' "$dir/err.txt" | tail -n 4
    grep 'done' "$dir/err.txt" | tail -n 1
    echo "results: $(wc -l < "$dir/out.jsonl") lines, success: $(grep -c '"success":true' "$dir/out.jsonl")"
    heap_summary "$dir/gc.log"
  done
  # Where one probe's time goes, from the results: duration percentiles (connect, hello, answer, judging).
  python3 - "$dir/out.jsonl" <<'PY'
import json, sys
d = sorted(json.loads(l).get("durationMs", 0) for l in open(sys.argv[1]) if l.startswith("{"))
if d:
    n = len(d)
    print(f"probe durations: p50 {d[n // 2]} ms, p90 {d[int(n * .9)]} ms, max {d[-1]} ms")
PY
  stop_fleet
  rm -rf "$dir"
}

# The heap after each collection in a -Xlog:gc file: the number of collections and the max per quarter of the run.
heap_summary() {
  python3 - "$1" <<'PY'
import re, sys
after = [int(m.group(1)) for m in re.finditer(r'->(\d+)M', open(sys.argv[1]).read())]
if after:
    n = len(after); q = max(1, n // 4)
    print(f"heap after GC: {n} collections, max {max(after)} MiB; first quarter max {max(after[:q])} MiB, last quarter max {max(after[-q:])} MiB")
else:
    print("heap after GC: no collection")
PY
}

# scan-stream [lines] [concurrency]: a long mixed list (comments, blank lines, closed ports, 50 lab Edges) streamed
# through the CLI jar under -Xmx256m; the heap is sampled every 5 s (jcmd GC.heap_info) and logged after each GC.
run_scan_stream() {
  local lines="${1:-100000}" conc="${2:-256}" dir pid
  dir="$(mktemp -d)"
  start_fleet 50 "$dir/list.txt" "$lines" mixed
  echo "== mediapath scan: $lines mixed lines (2/20 comments, 1/20 blank, 4/20 closed ports, 13/20 over 50 lab Edges)," \
      "module pseudo_tls, concurrency $conc, -Xmx256m, $(nproc) CPUs"
  /usr/bin/time -f "wall %e s, CPU %P (user %U s, sys %S s), max RSS %M KiB" java -Xmx256m \
      -Xlog:gc:file="$dir/gc.log" -jar "$(cli_jar)" scan "$dir/list.txt" --module pseudo_tls \
      --concurrency "$conc" --progress lines > "$dir/out.jsonl" 2> "$dir/err.txt" &
  local timepid=$!
  sleep 1
  pid="$(pgrep -P "$timepid" java || true)"
  local t=0
  : > "$dir/heap.txt"
  while kill -0 "$timepid" 2>/dev/null; do
    if [ -n "$pid" ]; then
      # Printed as it is taken too, so a run stopped early still shows the heap over its time.
      jcmd "$pid" GC.heap_info 2>/dev/null | awk -v t="$t" '/garbage-first heap|def new generation|total/ && /used/ {
          for (i = 1; i <= NF; i++) if ($i == "used") { print t " s: used " $(i + 1); exit } }' \
          | tee -a "$dir/heap.txt" | sed "s/^/heap sample, $(wc -l < "$dir/out.jsonl") results so far: /"
    fi
    sleep 5; t=$((t + 5))
  done
  wait "$timepid" || true
  grep '^mediapath scan: .* done' "$dir/err.txt" | tail -n 1
  grep -A 8 '^CAUSE' "$dir/err.txt" | grep -v -e '^Command exited' -e '^wall' | cut -c1-160
  grep '^wall' "$dir/err.txt" || true
  echo "results: $(wc -l < "$dir/out.jsonl") lines, success: $(grep -c '"success":true' "$dir/out.jsonl")"
  heap_summary "$dir/gc.log"
  echo "heap used (jcmd GC.heap_info every 5 s, garbage included): $(tr '\n' ';' < "$dir/heap.txt")"
  stop_fleet
  rm -rf "$dir"
}

# exporter [targets] [concurrency] [seconds]: the same ScrapeLoad driver against both exporters, one after the other.
run_exporter() {
  local targets="${1:-200}" conc="${2:-16}" secs="${3:-20}" dir mport bport mpid bpid
  if ! command -v prometheus-blackbox-exporter >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q prometheus-blackbox-exporter; else
      echo "bench.sh: apt-get install -y prometheus-blackbox-exporter" >&2; exit 1; fi
  fi
  dir="$(mktemp -d)"
  start_fleet "$targets" "$dir/list.txt" "$targets"
  mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  bport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat > "$dir/blackbox.yml" <<'YML'
modules:
  tcp_connect: {prober: tcp, timeout: 10s}
  tls: {prober: tcp, timeout: 10s, tcp: {tls: true, tls_config: {insecure_skip_verify: true}}}
YML
  java -Xmx256m -jar "$(cli_jar)" exporter --listen "127.0.0.1:$mport" --allow 127.0.0.0/8 --max-concurrent 64 \
      2> "$dir/mediapath.log" & mpid=$!
  prometheus-blackbox-exporter --config.file="$dir/blackbox.yml" --web.listen-address="127.0.0.1:$bport" \
      --log.level=warn 2> "$dir/blackbox.log" & bpid=$!
  wait_http "http://127.0.0.1:$mport/metrics"
  wait_http "http://127.0.0.1:$bport/metrics"
  local load=(java -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.exporter.ScrapeLoad)
  echo "== $targets lab Edges, $conc concurrent scrapers, ${secs} s each, $(nproc) CPUs"
  # A JVM exporter runs for days: its first seconds (class loading, JIT) are warmed away before measuring.
  "${load[@]}" "warm-up mediapath pseudo_tls" "http://127.0.0.1:$mport" pseudo_tls "$dir/list.txt" "$conc" 15 >/dev/null
  "${load[@]}" "warm-up mediapath tls_interception" "http://127.0.0.1:$mport" tls_interception "$dir/list.txt" "$conc" 8 \
      >/dev/null
  # Each line is followed by the CPU seconds the exporter under test used during it (user + system, /proc).
  measure() {
    local pid="$1"; shift
    local c0 c1; c0="$(cpu_seconds "$pid")"
    [ "$pid" = "$mpid" ] && jstack "$pid" > "$dir/threads0.txt" 2>/dev/null
    "${load[@]}" "$@"
    c1="$(cpu_seconds "$pid")"
    echo "    exporter CPU: $(python3 -c "print(f'{$c1 - $c0:.1f}')") s"
    if [ "$pid" = "$mpid" ]; then
      jstack "$pid" > "$dir/threads1.txt" 2>/dev/null
      thread_cpu_delta "$dir/threads0.txt" "$dir/threads1.txt"
    fi
  }
  measure "$mpid" "mediapath exporter pseudo_tls" "http://127.0.0.1:$mport" pseudo_tls "$dir/list.txt" "$conc" "$secs"
  measure "$bpid" "blackbox_exporter tcp_connect" "http://127.0.0.1:$bport" tcp_connect "$dir/list.txt" "$conc" "$secs"
  measure "$bpid" "blackbox_exporter tls" "http://127.0.0.1:$bport" tls "$dir/list.txt" "$conc" "$secs"
  measure "$mpid" "mediapath exporter tls_interception" "http://127.0.0.1:$mport" tls_interception "$dir/list.txt" \
      "$conc" "$secs"
  kill "$mpid" "$bpid"; wait "$mpid" "$bpid" 2>/dev/null || true
  stop_fleet
  rm -rf "$dir"
}

# Waits (60 s at most) until URL answers: a fixed sleep measured a JVM still starting on a loaded machine.
wait_http() {
  python3 - "$1" <<'PY'
import sys, time, urllib.request
end = time.time() + 60
while True:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=5).read(); break
    except Exception:
        if time.time() > end: sys.exit(f"bench.sh: {sys.argv[1]} did not answer in 60 s")
        time.sleep(0.2)
PY
}

# Where a JVM's CPU went between two jstack dumps: per thread group (names without their numbers), in seconds.
thread_cpu_delta() {
  python3 - "$1" "$2" <<'PY'
import re, sys, collections
def read(path):
    out = {}
    for m in re.finditer(r'^"([^"]*)"(?: #(\d+))?.*?cpu=([0-9.]+)ms', open(path).read(), re.M):
        out[(m.group(1), m.group(2))] = float(m.group(3))
    return out
a, b = read(sys.argv[1]), read(sys.argv[2])
groups = collections.Counter()
for k, v in b.items():
    name = re.sub(r'[-#]?\d+(-\d+)?$', '', k[0]).strip() or k[0]
    groups[name] += (v - a.get(k, 0.0)) / 1000
print("    by thread: " + ", ".join(f"{n} {s:.2f} s" for n, s in groups.most_common(8) if s >= 0.01))
PY
}

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
  python3 -c "import os,sys; f=open('/proc/'+sys.argv[1]+'/stat').read().rsplit(')',1)[1].split(); \
print((int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK'))" "$1"
}

run_sdp() {
  local file
  file="${SDP_FILE:-$root/test-support/src/main/resources/io/mediapath/testing/samples/sdp/chrome-plan-b-offer.sdp}"
  local opts=("$@")
  if [ "${#opts[@]}" -eq 0 ]; then opts=(-wi 3 -w 2s -i 5 -r 2s -f 1); fi
  echo "== JMH: sdp-model vs JAIN-SIP on $file"
  java -jar benchmarks/target/benchmarks.jar 'io.mediapath.benchmarks.sdp.SdpParseBenchmark' \
      -p file="$file" -prof gc "${opts[@]}" -rf json -rff benchmarks/target/jmh-sdp.json
  echo "== node: sdp-transform on $file"
  if ! command -v node >/dev/null; then
    echo "bench.sh: node is required for the sdp-transform comparison (apt-get install -y nodejs npm)" >&2
    exit 1
  fi
  (cd benchmarks/sdp-transform && { [ -d node_modules/sdp-transform ] || npm install --no-audit --no-fund --silent; } \
    && node bench.js "$file" "${NODE_ITERATIONS:-100000}" "${NODE_ROUNDS:-5}" | tee ../target/sdp-transform.json)
}

case "$section" in
  sdp) build; run_sdp "$@" ;;
  # tls [targets] [concurrency] [single-samples]: 1 000 loopback pseudo-TLS relays probed concurrently (not JMH:
  # one wall-clock burst); a 256 MiB heap shows the fleet's memory stays bounded.
  tls) ./mvnw -o -q -B -pl benchmarks package -DskipTests
       java -Xmx256m -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.tls.ProbeFleetBenchmark "$@" ;;
  # edge [runs]: not JMH (a run is a burst of concurrent network legs under a deadline); in-process lab Edge.
  edge) ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
       java -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.edge.EdgePlaybookBenchmark "$@" ;;
  ice) build
       opts=("$@"); if [ "${#opts[@]}" -eq 0 ]; then opts=(-wi 3 -w 2s -i 5 -r 2s -f 1); fi
       java -jar benchmarks/target/benchmarks.jar 'io.mediapath.benchmarks.ice.CandidateAuditBenchmark' -prof gc \
           "${opts[@]}" -rf json -rff benchmarks/target/jmh-ice.json ;;
  # logscan [--mb N] [--runs N]: not JMH (one pass over a 200 MB temp file is the measurement); pinned to one core
  # with a 256 MiB heap to show the scan streams. The peer in the same run is BufferedReader.readLine over the file.
  logscan) ./mvnw -o -q -B -pl benchmarks package -DskipTests
       pin=(); if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
       "${pin[@]}" java -Xmx256m -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar \
           io.mediapath.benchmarks.logscan.LogScanBenchmark "$@" ;;
  turn) build
       opts=("$@"); if [ "${#opts[@]}" -eq 0 ]; then opts=(-wi 3 -w 2s -i 5 -r 2s -f 1); fi
       java -jar benchmarks/target/benchmarks.jar 'io.mediapath.benchmarks.turn.StunIntegrityBenchmark' -prof gc \
           "${opts[@]}" -rf json -rff benchmarks/target/jmh-turn.json ;;
  # turn-load [sessions] [messages] [allocations]: not JMH (one burst each is the measurement), against one real
  # coturn on 127.0.0.1 per driver. The allocations driver needs ~1 open file per allocation here and ~2 in coturn
  # (which inherits this shell's limit), so the soft limit is raised to the hard one first.
  turn-load) ./mvnw -o -q -B -pl benchmarks package -DskipTests
       ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
       echo "== relayed echo: mediapath vs turnutils_uclient (open-file limit $(ulimit -n))"
       rc=0
       java -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.turn.TurnLoadBenchmark \
           --sessions "${1:-100}" --messages "${2:-1000}" || rc=$?
       echo "== concurrent allocations under -Xmx256m (GC log: benchmarks/target/turn-allocations-gc.log)"
       java -Xmx256m -Xlog:gc:file=benchmarks/target/turn-allocations-gc.log -cp benchmarks/target/benchmarks.jar \
           io.mediapath.benchmarks.turn.TurnAllocationsBenchmark --allocations "${3:-10000}" || rc=$?
       exit "$rc" ;;
  # capture [--mb N]: not JMH (one pass over a generated 1 GB pcap, deleted afterwards); mediapath pinned to one core
  # with a 256 MiB heap, tshark pinned to the same core in the same run.
  capture) ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
       pin=(); if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
       "${pin[@]}" java -Xmx256m -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar \
           io.mediapath.benchmarks.capture.CaptureBenchmark "$@" ;;
  # scan / exporter: not JMH (a fleet burst, sustained HTTP load); the lab fleet runs in its own JVM.
  scan) [ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -o -q -B -pl benchmarks,cli -am package -DskipTests; run_scan "$@" ;;
  scan-stream) [ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -o -q -B -pl benchmarks,cli -am package -DskipTests
               run_scan_stream "$@" ;;
  exporter) [ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -o -q -B -pl benchmarks,cli -am package -DskipTests; run_exporter "$@" ;;
  # quality [seconds]: not JMH (a real-time 50 packets/s schedule); real coturn and turnutils_peer on loopback.
  quality) ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
       java -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.quality.QualityTimerBenchmark "$@" ;;
  # html [--renders N] [--mb N] [--skip-edge]: not JMH (one lab run, then many renders of the same report, timed per
  # call); pcap writer throughput; the logs (16 MB and --mb MB, default 1024) are generated as they are read (never on
  # disk) and analyzed streamed under -Xmx256m: the page's size and the heap's peak are printed and bounded.
  html) ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
       java -Xmx256m -cp benchmarks/target/benchmarks.jar io.mediapath.benchmarks.html.HtmlReportBenchmark "$@" ;;
  # responder [--connections N] [--slow N] [--flood-seconds S]: not JMH (each phase is one burst); the responder and
  # its clients share one JVM under -Xmx128m (the stated bound; phase 1's 10 000 silent connections come from a
  # child JVM, as one process may hold fewer descriptors than both ends need), 1 000 slowloris
  # connections, a UDP flood from one loopback source, valid probes of every leg meanwhile. Each JVM needs
  # one descriptor a connection (10 000 + the rest): the soft limit is raised to the hard one.
  responder) ./mvnw -o -q -B -pl benchmarks -am package -DskipTests
       ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
       java -Xmx128m -cp benchmarks/target/benchmarks.jar \
           io.mediapath.benchmarks.responder.ResponderHardeningBenchmark "$@" ;;
  all) build; java -jar benchmarks/target/benchmarks.jar "$@" ;;
  *) echo "bench.sh: unknown section '$section' (sdp|tls|ice|logscan|turn|turn-load|edge|capture|scan|scan-stream|exporter|quality|html|responder|all)" >&2; exit 2 ;;
esac
