#!/usr/bin/env bash
# Regenerates analyzer/flinkapi/catalog_generated.json, the statefulness
# catalog judged from bytecode: Maven downloads every jar named in
# scripts/catalog-artifacts.txt (without dependencies) into the local
# repository, then internal/tools/catalog-gen reads them.
#
#   scripts/catalog-gen.sh              download what is missing, regenerate
#   CATALOG_OUT=/tmp/c.json scripts/catalog-gen.sh   write elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
list=scripts/catalog-artifacts.txt
repo=${MAVEN_REPO:-$HOME/.m2/repository}
out=${CATALOG_OUT:-analyzer/flinkapi/catalog_generated.json}
grep -vE '^(#|universe |$)' "$list" | while read -r coords; do
  IFS=: read -r g a v <<<"$coords"
  jar="$repo/${g//.//}/$a/$v/$a-$v.jar"
  if [ ! -f "$jar" ]; then
    echo "catalog-gen: downloading $coords" >&2
    mvn -q -B dependency:get -Dartifact="$coords" -Dtransitive=false -Dmaven.repo.local="$repo"
  fi
done
go run ./internal/tools/catalog-gen -artifacts "$list" -repo "$repo" -o "$out"
echo "catalog-gen: wrote $out" >&2
