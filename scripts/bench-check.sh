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

bare=$(UIDCHECK_BENCH_DIR=$dir go test ./analyzer/rules -run '^$' -bench BareParse -benchtime 3x 2>/dev/null |
	awk '/BenchmarkBareParse/ {print $(NF-1)}')

awk -v f="$files" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" -v o="$findings" -v bare="$bare" -v cores="$(nproc)" 'BEGIN {
	mbs = b / 1e6 / s
	printf "files            %d\n", f
	printf "bytes            %.1f MB\n", b / 1e6
	printf "findings         %d\n", o
	printf "wall time        %.2f s\n", s
	printf "check rate       %.2f MB/s\n", mbs
	printf "bare parse rate  %s MB/s (go test -bench BareParse, %d cores)\n", bare, cores
	if (bare > 0) printf "ratio            %.2f of the bare parse rate\n", mbs / bare
	printf "peak RSS         %.0f MB\n", r / 1024
}'
