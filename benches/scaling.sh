#!/usr/bin/env bash
# Time and peak memory of `gazette extract` (default output) on dumps made by
# repeating the BBC corpus: ~10 MB (2x), ~105 MB (20x) and ~1.05 GB (200x), on
# 1 and 2 threads, plus the 2-thread speed-up on the 105 MB dump with
# hyperfine when it is installed (apt-get install hyperfine).
# Usage: bash benches/scaling.sh [WORKDIR]   (default /tmp/gazette-scaling)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpora/bbc-news-2004-2005.jsonl
[ -f "$corpus" ] || { echo "needs $corpus"; exit 1; }
work=${1:-/tmp/gazette-scaling}
mkdir -p "$work"
cargo build --release -q -p gazette-cli
bin=${CARGO_TARGET_DIR:-target}/release/gazette
[ -f "$work/bbc-10mb.jsonl" ] || for i in $(seq 2); do cat "$corpus"; done > "$work/bbc-10mb.jsonl"
[ -f "$work/bbc-100mb.jsonl" ] || for i in $(seq 10); do cat "$work/bbc-10mb.jsonl"; done > "$work/bbc-100mb.jsonl"
[ -f "$work/bbc-1gb.jsonl" ] || for i in $(seq 10); do cat "$work/bbc-100mb.jsonl"; done > "$work/bbc-1gb.jsonl"
for f in bbc-10mb bbc-100mb bbc-1gb; do
  for j in 1 2; do
    /usr/bin/time -f "$f $(stat -c %s "$work/$f.jsonl") bytes, threads=$j: %e s wall, %U s user, peak RSS %M KB" \
      "$bin" extract "$work/$f.jsonl" -j "$j" -q -o /dev/null
  done
done
if command -v hyperfine >/dev/null; then
  hyperfine -w 1 -r 6 -N "$bin extract $work/bbc-100mb.jsonl -j 1 -q -o /dev/null" \
                         "$bin extract $work/bbc-100mb.jsonl -j 2 -q -o /dev/null"
fi
