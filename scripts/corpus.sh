#!/usr/bin/env bash
# Precision and recall of promise extraction on the labelled corpus (Tests/Corpus), and of
# quantities per unit family on the quantity corpus (Tests/Quantities).
# usage: scripts/corpus.sh [--misses]     --misses also lists every missed or extra finding
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(swift test --filter 'CorpusTests' 2>&1 || true)
for corpus in corpus quantities; do
    if [ "${1:-}" = "--misses" ]; then
        grep "^$corpus:" <<<"$output" | sed "s/^$corpus: //"
    else
        grep "^$corpus:" <<<"$output" | grep -v ': missed \|: extra ' | sed "s/^$corpus: //"
    fi
    echo
done
grep -q 'Test run with .* passed' <<<"$output"
