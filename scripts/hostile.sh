#!/usr/bin/env bash
# The full-size hostile inputs the unit tests scale down: a 100 MB file with no newline,
# a million tiny messages, lines dense with findings (1, 2 and 4 MB: time must grow
# linearly). Each must finish, with the expected exit code, in bounded time and memory.
# usage: scripts/hostile.sh      (needs python3 and GNU time; files go to bench-corpus/hostile)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bin=$PWD/.build/release/evidence
dir=bench-corpus/hostile
mkdir -p "$dir"
[ -f "$dir/100mb-one-line.txt" ] || python3 -c "
import sys
chunk = ('这是一段很长的商品描述文字没有换行' * 64).encode()
with open('$dir/100mb-one-line.txt', 'wb') as f:
    for _ in range(100 * 1024 * 1024 // len(chunk)): f.write(chunk)
    f.write('，衣长68cm'.encode())"
[ -f "$dir/million.txt" ] || python3 -c "
with open('$dir/million.txt', 'w') as f:
    for i in range(1_000_000):
        f.write(f'2024-03-12 {10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d} {\"店:客服\" if i % 2 else \"买家\"}: 好的\n')
    f.write('2024-03-12 23:00:00 店:客服: 长30cm\n')"
for mb in 1 2 4; do
    [ -f "$dir/dense-${mb}mb.txt" ] || python3 -c "
text = '长30cm，重1.2公斤，宽20厘米，500ml，'
open('$dir/dense-${mb}mb.txt', 'w').write(text * ($mb * 1024 * 1024 // len(text.encode())))"
done
check() {  # check NAME EXPECTED_EXIT ARGS...: runs the binary once, prints exit code, time and memory
    local name=$1 expected=$2; shift 2
    local code=0
    /usr/bin/time -o "$dir/time.txt" -f "%e s, peak RSS %M KiB" "$bin" "$@" > "$dir/out.txt" 2> "$dir/err.txt" || code=$?
    printf '%-22s exit %s (expected %s)  %s  %s findings\n' "$name" "$code" "$expected" "$(cat "$dir/time.txt")" "$(grep -c '"finding"' "$dir/out.txt" || true)"
    [ "$code" = "$expected" ]
}
check "100 MB, no newline" 0 extract --format jsonl "$dir/100mb-one-line.txt"
check "1,000,000 messages" 0 extract --format jsonl "$dir/million.txt"
for mb in 1 2 4; do check "${mb} MB dense line" 0 extract --format jsonl "$dir/dense-${mb}mb.txt"; done
echo "all hostile inputs behaved"
