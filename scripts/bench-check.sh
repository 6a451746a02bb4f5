#!/usr/bin/env bash
# bench-check.sh measures the whole `uidcheck check` command (text output,
# as CI runs it): wall time,
# throughput and peak memory (max RSS from /usr/bin/time -v), and the bare
# tree-sitter parse rate of the same files on the same cores for comparison.
#
#   scripts/bench-check.sh          # generates 10,000 job-dense files (~50 MB)
#   scripts/bench-check.sh DIR      # any tree, e.g. a checkout of a real repository
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

/usr/bin/time -v "$work/uidcheck" check --fail-on none "$dir" >"$work/out.txt" 2>"$work/time.txt" || {
	cat "$work/time.txt" >&2
	exit 1
}
elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
seconds=$(awk -v t="$elapsed" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
findings=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info): ' "$work/out.txt" || true)

cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/time.txt")

# The baseline: a bare tree-sitter parse of the same files on the same cores.
/usr/bin/time -v "$work/bareparse" "$dir" >/dev/null 2>"$work/bare.txt"
bare_elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/bare.txt")
bare_seconds=$(awk -v t="$bare_elapsed" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
bare_cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/bare.txt")

awk -v f="$files" -v b="$bytes" -v s="$seconds" -v c="$cpu" -v r="$rss_kb" -v o="$findings" \
	-v bs="$bare_seconds" -v bc="$bare_cpu" -v cores="$(nproc)" 'BEGIN {
	printf "files             %d\n", f
	printf "bytes             %.1f MB\n", b / 1e6
	printf "findings          %d\n", o
	printf "check             %.2f s wall, %.2f s CPU: %.2f MB/s\n", s, c, b / 1e6 / s
	printf "bare parse        %.2f s wall, %.2f s CPU: %.2f MB/s (%d cores)\n", bs, bc, b / 1e6 / bs, cores
	printf "ratio (wall)      %.2f of the bare parse rate\n", bs / s
	printf "ratio (CPU time)  %.2f of the bare parse rate\n", bc / c
	printf "peak RSS          %.0f MB\n", r / 1024
}'
