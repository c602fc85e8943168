#!/usr/bin/env bash
# Rebuilds crates/core/assets/fonts/NotoSansCJKsc-Regular-GB2312.otf: Noto
# Sans CJK SC Regular (SIL OFL 1.1, as Debian's fonts-noto-cjk ships it)
# cut to the characters a Chinese report needs: all of GB 2312 (6,763 hanzi
# and its symbols), every character of the zh-CN catalogs and UI strings,
# CJK punctuation and full-width forms. The reimbursement PDF draws with it
# what DejaVu Sans lacks; krilla subsets it again to the glyphs a PDF uses.
# Needs: apt fonts-noto-cjk, pip fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
out=crates/core/assets/fonts/NotoSansCJKsc-Regular-GB2312.otf
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
python3 - "$chars" <<'PY'
import glob, sys
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for f in glob.glob("crates/core/i18n/zh-CN/*.ftl") + ["ui/src/i18n/zh-CN.json"]:
    chars |= set(open(f, encoding="utf-8").read())
for lo, hi in [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027)]:
    chars |= {chr(c) for c in range(lo, hi + 1)}
chars = {c for c in chars if ord(c) >= 0x2000 or c == "\u00a5"}
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY
# Face 2 of the collection is Simplified Chinese (SC).
python3 -m fontTools.subset "$src" --font-number=2 --text-file="$chars" \
  --output-file="$out" --layout-features='' --no-hinting --name-IDs='*' \
  --notdef-outline --drop-tables+=vhea,vmtx,VORG,BASE,GPOS,GSUB
ls -l "$out"
