#!/usr/bin/env bash
# Scores the extractor on the seeds and the devset with the shared scorer (build first).
# usage: scripts/score.sh [--quiet]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
npx tsc -p tsconfig.build.json
out=$(mktemp -d)
node bin/mubiao.js extract --targets-json "$shared"/seeds/*.txt >"$out/seeds.json"
node bin/mubiao.js extract --targets-json "$shared"/devset/docs/*.txt >"$out/devset.json"
echo "== seeds"; node "$shared/eval/score-targets.mjs" "$shared/gold" "$out/seeds.json" "$@"
echo "== devset"; node "$shared/eval/score-targets.mjs" "$shared/devset/gold" "$out/devset.json" "$@"
