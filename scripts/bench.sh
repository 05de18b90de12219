#!/usr/bin/env bash
# Speed and memory of `evidence extract` against `rg -P` with the same regexes.
# usage: scripts/bench.sh [MEGABYTES] [FILES]     (default 100 MB in 2,000 files)
# Needs: swift, python3, ripgrep (apt-get install -y ripgrep), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-100}
files=${2:-2000}
corpus=bench-corpus/${megabytes}mb
swift build -c release >/dev/null
bin=.build/release/evidence
[ -d "$corpus" ] || python3 scripts/make-corpus.py "$corpus" "$megabytes" "$files"
bytes=$(du -sb "$corpus" | cut -f1)
mb=$(python3 -c "print(round($bytes / 1048576, 1))")
echo "corpus: $corpus, $mb MiB in $(ls "$corpus" | wc -l) files"

# The same regexes for rg: PCRE2's 64 KiB compiled-size limit does not take the whole
# catalogue as one alternation, so rg runs once per chunk of patterns and the times add up.
$bin patterns export --pcre > bench-corpus/catalogue.pcre
patterns=$(wc -l < bench-corpus/catalogue.pcre)
rm -f bench-corpus/chunk-*
split -l 6 bench-corpus/catalogue.pcre bench-corpus/chunk-

seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

ls "$corpus"/*.txt > bench-corpus/files.txt
read -r ev_time ev_kb < <(seconds sh -c "xargs -a bench-corpus/files.txt $bin extract --format jsonl > bench-corpus/out.jsonl; test \$? -le 1")
findings=$(wc -l < bench-corpus/out.jsonl)

rg_time=0
rg_kb=0
for chunk in bench-corpus/chunk-*; do
    read -r t kb < <(seconds rg -P -c -j1 -f "$chunk" "$corpus")
    rg_time=$(python3 -c "print($rg_time + $t)")
    rg_kb=$(( kb > rg_kb ? kb : rg_kb ))
done

python3 - "$mb" "$patterns" "$findings" "$ev_time" "$ev_kb" "$rg_time" "$rg_kb" <<'PY'
import sys
mb, patterns, findings, ev, ev_kb, rg, rg_kb = sys.argv[1:]
mb, ev, rg = float(mb), float(ev), float(rg)
print(f"patterns: {patterns}, findings: {findings}")
print(f"evidence extract --format jsonl (1 thread): {ev:.2f} s, {mb / ev:.1f} MB/s, peak RSS {int(ev_kb) // 1024} MiB")
print(f"rg -P -c -j1, same regexes:                 {rg:.2f} s, {mb / rg:.1f} MB/s, peak RSS {int(rg_kb) // 1024} MiB")
print(f"ratio evidence/rg (time): {ev / rg:.2f}")
PY
