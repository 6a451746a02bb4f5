#!/usr/bin/env bash
# Tries the pre-commit hook the way a new user would: installs pre-commit from
# PyPI into a throwaway virtualenv, creates a sample Git repository with a
# Flink job, and runs `pre-commit try-repo` against this checkout. The
# uidcheck hook must fail on the job's missing uid and pass once it is fixed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q pre-commit
export PATH="$work/venv/bin:$PATH"

mkdir -p "$work/sample/src"
cd "$work/sample"
git init -q
git config user.email sample@example.com
git config user.name sample
cat > src/Job.java <<'JAVA'
package com.example;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 10).uid("numbers")
                .keyBy(v -> v % 4)
                .reduce((a, b) -> a + b)
                .print().uid("print");
        env.execute();
    }
}
JAVA
git add -A

rev=$(git -C "$repo" rev-parse HEAD)
if pre-commit try-repo "$repo" uidcheck --ref "$rev" --all-files; then
  echo "precommit-try: the hook passed on a job with a missing uid" >&2
  exit 1
fi
sed -i 's/.reduce((a, b) -> a + b)/.reduce((a, b) -> a + b).uid("totals")/' src/Job.java
git add -A
pre-commit try-repo "$repo" uidcheck --ref "$rev" --all-files
echo "precommit-try: ok (the hook failed on the missing uid and passed once fixed)"
