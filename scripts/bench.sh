#!/usr/bin/env bash
# Speed and memory of `evidence extract` against `rg -P` with the same regexes.
# usage: scripts/bench.sh [MEGABYTES] [FILES] [SMALL_MEGABYTES] [SINGLE_MEGABYTES] [MANY_FILES]
#   default: 500 MB in 10,000 files, and a 50 MB corpus to show how time grows; then peak
#   memory on one 200 MB chat file (read in parts) and on 20,000 small files.
# Needs: swift, python3, ripgrep (apt-get install -y ripgrep), GNU time. Corpora are
# generated (scripts/make-corpus.py) under bench-corpus/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-500}
files=${2:-10000}
small=${3:-50}
single=${4:-200}
many=${5:-20000}
swift build -c release >/dev/null
bin=$PWD/.build/release/evidence
cores=$(nproc)

corpus() {  # corpus MB FILES -> path
    local dir=bench-corpus/${1}mb-${2}
    [ -d "$dir" ] || python3 scripts/make-corpus.py "$dir" "$1" "$2"
    echo "$dir"
}
seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
mib() { python3 -c "print(round($(du -sb "$1" | cut -f1) / 1048576, 1))"; }

# The same regexes for rg: PCRE2's 64 KiB compiled-size limit does not take the whole
# catalogue as one alternation, so rg runs once per chunk of 6 patterns and the times add.
$bin patterns export --pcre > bench-corpus/catalogue.pcre
rm -f bench-corpus/chunk-*
split -l 6 bench-corpus/catalogue.pcre bench-corpus/chunk-
patterns=$(wc -l < bench-corpus/catalogue.pcre)

run_evidence() {  # run_evidence DIR JOBS -> "seconds kib findings"
    read -r t kb < <(seconds sh -c "$bin extract -r --format jsonl -j $2 $1 > bench-corpus/out.jsonl; test \$? -le 1")
    echo "$t $kb $(wc -l < bench-corpus/out.jsonl)"
}
run_rg() {  # run_rg DIR -> "seconds kib"
    local total=0 peak=0 t kb
    for chunk in bench-corpus/chunk-*; do
        read -r t kb < <(seconds rg -P -c -j1 -f "$chunk" "$1")
        total=$(python3 -c "print($total + $t)")
        peak=$(( kb > peak ? kb : peak ))
    done
    echo "$total $peak"
}

echo "patterns: $patterns; cores: $cores"
for size in "$small:$(( files * small / megabytes ))" "$megabytes:$files"; do
    mb=${size%%:*}; count=${size##*:}
    dir=$(corpus "$mb" "$count")
    real=$(mib "$dir")
    read -r e1 m1 found < <(run_evidence "$dir" 1)
    read -r en mn _ < <(run_evidence "$dir" "$cores")
    read -r r1 rm < <(run_rg "$dir")
    python3 - "$real" "$count" "$found" "$e1" "$m1" "$en" "$mn" "$r1" "$rm" "$cores" <<'PY'
import sys
mb, count, found, e1, m1, en, mn, r1, rm, cores = sys.argv[1:]
mb, e1, en, r1 = float(mb), float(e1), float(en), float(r1)
print(f"corpus {mb} MiB in {count} files: {found} findings")
print(f"  evidence -j1          {e1:7.2f} s  {mb / e1:6.1f} MB/s  peak RSS {int(m1) // 1024} MiB")
print(f"  evidence -j{cores:<2}         {en:7.2f} s  {mb / en:6.1f} MB/s  peak RSS {int(mn) // 1024} MiB  speed-up {e1 / en:.2f}x")
print(f"  rg -P -c -j1 (same)   {r1:7.2f} s  {mb / r1:6.1f} MB/s  peak RSS {int(rm) // 1024} MiB")
print(f"  ratio evidence -j1 / rg -P -j1 (time): {e1 / r1:.2f}")
PY
done

# Memory: one long export (read in parts of a few MB) and a batch of many small files.
one=$(corpus "$single" 1)
read -r t kb < <(seconds sh -c "$bin extract --format jsonl -j 1 $one/chat-00000.txt > bench-corpus/out.jsonl 2>/dev/null; test \$? -le 1")
echo "one file of $(mib "$one") MiB: $t s, peak RSS $(( kb / 1024 )) MiB, $(wc -l < bench-corpus/out.jsonl) findings"
files_dir=$(corpus $(( many / 500 )) "$many")
for jobs in 1 "$cores"; do
    read -r t kb < <(seconds sh -c "$bin extract -r --format jsonl -j $jobs $files_dir > bench-corpus/out.jsonl 2>/dev/null; test \$? -le 1")
    echo "$many files ($(mib "$files_dir") MiB), -j$jobs: $t s, peak RSS $(( kb / 1024 )) MiB"
done
