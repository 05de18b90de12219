#!/usr/bin/env bash
# Renders the samples' claim page and a three-order manifest index in headless Chromium, with
# the network cut off, and writes PNG screenshots. Fails when a page does not render: no page
# text in the rendered DOM, a screenshot too small to hold the page, a request to anywhere, or
# no CJK font (Chinese would show as boxes).
#
#   scripts/browser-check.sh [OUT_DIR]        (default .build/browser-check)
#
# Installs Debian's chromium and fonts-noto-cjk when missing (needs root and the apt registry).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/browser-check}
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig
fi
fail() { echo "browser-check: $*" >&2; exit 1; }
fc-match "Noto Sans CJK SC" | grep -q "Noto Sans CJK" || fail "no CJK font: Chinese text would show as boxes (install fonts-noto-cjk)"

swift build -c release >/dev/null
bin=.build/release/evidence

# The samples' claim page (exit 1: a claim was drafted).
status=0
"$bin" claim samples/taobao-dress-chat.txt --listing samples/listing-dress.txt --measured samples/measured-dress.txt \
    --price 189 --received 2024-03-15 --format html > "$out/claim.html" || status=$?
[ "$status" = 1 ] || fail "claim --format html exited $status, not 1"

# A manifest of three orders: one claim, one within tolerance, one with a missing notes file (exit 2).
orders="$out/orders"
rm -rf "$orders" && mkdir -p "$orders"
printf '衣长 92cm\n胸围 84cm\n' > "$orders/short.txt"
printf '衣长 97cm\n' > "$orders/fine.txt"
chat="$PWD/samples/taobao-dress-chat.txt"
printf 'id,chat,measurements,price,received\nTB-1001,%s,short.txt,189,2024-03-15\nTB-1002,%s,fine.txt,189,2024-03-15\nTB-1003,%s,missing.txt,189,2024-03-15\n' \
    "$chat" "$chat" "$chat" > "$orders/orders.csv"
status=0
"$bin" claim --manifest "$orders/orders.csv" --out "$orders/out" --format html 2> "$out/manifest.stderr" || status=$?
[ "$status" = 2 ] || fail "claim --manifest exited $status, not 2 (one order's notes are missing)"

render() {  # render NAME FILE EXPECTED_TEXT...
    local name=$1 file=$2; shift 2
    local url="file://$(realpath "$file")"
    grep -Eq '(src|href)="?(https?:)?//' "$file" && fail "$file asks for something over the network"
    # --host-resolver-rules: any request to a host would fail; the page must not need one.
    local flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --host-resolver-rules="MAP * ~NOTFOUND" --window-size=1200,1800)
    timeout 120 chromium "${flags[@]}" --dump-dom "$url" > "$out/$name.dom.html" 2>/dev/null || fail "$name: chromium could not load $file"
    for text in "$@"; do
        grep -qF "$text" "$out/$name.dom.html" || fail "$name: the rendered page lacks \`$text\`"
    done
    timeout 120 chromium "${flags[@]}" --screenshot="$out/$name.png" "$url" >/dev/null 2>&1 || fail "$name: no screenshot"
    local size
    size=$(stat -c %s "$out/$name.png")
    [ "$size" -gt 40000 ] || fail "$name: the screenshot is $size bytes: an empty or error page"
    echo "browser-check: $name rendered: $out/$name.png ($size bytes)"
}
render claim "$out/claim.html" "退款申请草稿" "大小/尺寸与商品描述不符" '<svg class="chart"' "<mark>" "时间线"
render index "$orders/out/index.html" "订单索引" "TB-1001" "TB-1002" "TB-1003" 'data-status="error"'
echo "browser-check: ok"
