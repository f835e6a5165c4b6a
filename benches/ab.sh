#!/usr/bin/env bash
# Interleaved timing of whole commands, for comparing two builds on this
# noisy VM: round after round, each command runs once in turn, so that a
# slow spell of the machine falls on all of them alike (hyperfine runs each
# command's repeats together, which such spells bias). Prints, for each
# command, the 10th, 25th, 50th, 75th and 90th percentiles of its wall time
# in ms (bash's microsecond clock around the run, the fork included).
#
# Usage: bash benches/ab.sh ROUNDS 'COMMAND 1' 'COMMAND 2' ...
# For example, a start build against a new one on two threads:
#   bash benches/ab.sh 60 \
#     '/tmp/gazette-old extract ../shared/corpora/bbc-news-2004-2005.jsonl -j 2 -q -o /dev/null' \
#     'target/release/gazette extract ../shared/corpora/bbc-news-2004-2005.jsonl -j 2 -q -o /dev/null'
set -euo pipefail
[ "$#" -ge 2 ] || { echo "usage: bash benches/ab.sh ROUNDS 'COMMAND' ['COMMAND' ...]" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "ab.sh: needs bash 5 or later" >&2; exit 1; }
rounds=$1
shift
times=()
for _ in "$@"; do times+=(""); done
for ((r = 0; r < rounds; r++)); do
  i=0
  for cmd in "$@"; do
    t0=$EPOCHREALTIME
    eval "$cmd" > /dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    # (The clock's decimal point is the locale's.)
    times[i]+="$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
    i=$((i + 1))
  done
done
i=0
for cmd in "$@"; do
  printf '%s\n' ${times[i]} | sort -n | awk -v cmd="$cmd" '
    { t[NR] = $1 }
    END {
      printf "p10 %7.1f  p25 %7.1f  median %7.1f  p75 %7.1f  p90 %7.1f  (%d runs)  %s\n",
        t[int(NR * 0.1) + 1], t[int(NR * 0.25) + 1], t[int((NR + 1) / 2)], t[int(NR * 0.75)], t[int(NR * 0.9)], NR, cmd
    }'
  i=$((i + 1))
done
