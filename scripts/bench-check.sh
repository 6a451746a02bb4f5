#!/usr/bin/env bash
# bench-check.sh measures the whole `uidcheck check` command (text output,
# as CI runs it): wall time,
# throughput and peak memory (max RSS from /usr/bin/time -v), and the bare
# tree-sitter parse rate of the same files on the same cores for comparison.
#
#   scripts/bench-check.sh          # generates 10,000 job-dense files (~50 MB)
#   scripts/bench-check.sh DIR      # any tree, e.g. a checkout of a real repository
#   RUNS=9 scripts/bench-check.sh   # more runs for steadier medians (default 5)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/uidcheck" ./cmd/uidcheck
go build -o "$work/bareparse" ./internal/tools/bareparse

dir=${1:-}
if [[ -z $dir ]]; then
	dir=$work/jobs
	go run ./internal/tools/genjobs "$dir" "${FILES:-10000}" >/dev/null
fi

# The files check reads: .java outside .git, target, build and node_modules.
list=$work/files
find "$dir" \( -name .git -o -name target -o -name build -o -name node_modules \) -prune -o \
	-name '*.java' -type f -print >"$list"
files=$(wc -l <"$list")
bytes=$(tr '\n' '\0' <"$list" | xargs -0 cat | wc -c)
tr '\n' '\0' <"$list" | xargs -0 cat >/dev/null # warm the page cache

# measure CMD... runs the command under /usr/bin/time and prints its wall
# seconds, CPU seconds and peak RSS in KB.
measure() {
	/usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || {
		cat "$work/time.txt" >&2
		exit 1
	}
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
		/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set size/ { r = $2 }
		END { print w, u + s, r }' "$work/time.txt"
}

# This machine's timings vary by several percent from run to run, so check
# and the baseline (a bare tree-sitter parse of the same files on the same
# cores) run RUNS times, interleaved, and the medians are reported.
runs=${RUNS:-5}
for ((i = 0; i < runs; i++)); do
	measure "$work/uidcheck" check --fail-on none "$dir" >>"$work/check.txt"
	findings=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info): ' "$work/out.txt" || true)
	measure "$work/bareparse" "$dir" >>"$work/bare.txt"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds=$(cut -d' ' -f1 "$work/check.txt" | median)
cpu=$(cut -d' ' -f2 "$work/check.txt" | median)
rss_kb=$(cut -d' ' -f3 "$work/check.txt" | sort -n | tail -1)
bare_seconds=$(cut -d' ' -f1 "$work/bare.txt" | median)
bare_cpu=$(cut -d' ' -f2 "$work/bare.txt" | median)

awk -v f="$files" -v b="$bytes" -v s="$seconds" -v c="$cpu" -v r="$rss_kb" -v o="$findings" \
	-v bs="$bare_seconds" -v bc="$bare_cpu" -v cores="$(nproc)" -v runs="$runs" 'BEGIN {
	printf "files             %d\n", f
	printf "bytes             %.1f MB\n", b / 1e6
	printf "findings          %d\n", o
	printf "runs              %d each, medians below\n", runs
	printf "check             %.2f s wall, %.2f s CPU: %.2f MB/s\n", s, c, b / 1e6 / s
	printf "bare parse        %.2f s wall, %.2f s CPU: %.2f MB/s (%d cores)\n", bs, bc, b / 1e6 / bs, cores
	printf "ratio (wall)      %.2f of the bare parse rate\n", bs / s
	printf "ratio (CPU time)  %.2f of the bare parse rate\n", bc / c
	printf "peak RSS          %.0f MB (the largest of the runs)\n", r / 1024
}'
