#!/usr/bin/env bash
# corpus-eval.sh measures uidcheck on the hand-labelled development corpus
# (testdata/corpus): operators found, statefulness and uid accuracy, and the
# precision and recall of missinguid, per repository and in total.
#
#   scripts/corpus-eval.sh [-v] [-include-tests] [CHECKOUTS]
#
# -include-tests runs uidcheck with --include-tests and expects the
# operators labelled "test" too.
#
# CHECKOUTS holds one checkout per repository, named owner+name (default
# .corpus/). Missing ones are cloned from GitHub at the pinned commit; an
# existing one must be at that commit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
flags=()
while [[ ${1:-} == -v || ${1:-} == -include-tests ]]; do
	flags+=("$1")
	shift
done
checkouts=${1:-$root/.corpus}
mkdir -p "$checkouts"

cd "$root"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/uidcheck" ./cmd/uidcheck

python3 -c 'import json, sys; [print(r["repo"], r["commit"]) for r in json.load(open(sys.argv[1]))]' \
	testdata/corpus/repos.json | while read -r repo commit; do
	dir=$checkouts/${repo/\//+}
	if [[ ! -d $dir ]]; then
		git init -q "$dir"
		git -C "$dir" fetch -q --depth 1 "https://github.com/$repo" "$commit"
		git -C "$dir" checkout -q FETCH_HEAD
	fi
	if [[ -d $dir/.git ]]; then
		have=$(git -C "$dir" rev-parse HEAD)
		if [[ $have != "$commit" ]]; then
			echo "corpus-eval: $dir is at $have, want $commit" >&2
			exit 2
		fi
	fi
done

go run ./internal/tools/corpuseval -corpus testdata/corpus -checkouts "$checkouts" -uidcheck "$bin/uidcheck" "${flags[@]}"
