#!/usr/bin/env bash
# gazette against its peers on the BBC corpus: spaCy's en_core_web_sm (the
# full pipeline and NER alone), flashtext over gazette's own gazetteer aliases,
# and a floor (a bare aho-corasick scan for the same aliases, in Rust).
# Prints a Markdown table and the ratios to stdout, progress to stderr.
#
# Usage: bash benches/peers/run.sh [WORKDIR]   (default /tmp/gazette-peers)
#
# WORKDIR holds the Python virtualenv (made and filled from PyPI on the first
# run, about 350 MB) and the raw results (results.jsonl). Environment:
#   GAZETTE_PEERS_CORPUS        the corpus (default ../shared/corpora/bbc-news-2004-2005.jsonl)
#   GAZETTE_PEERS_SPACY_BUDGET  seconds a spaCy pass over the whole corpus may
#                               take before it runs on a subset only (default 240)
#   CARGO_TARGET_DIR            honoured as cargo does (default target)
set -euo pipefail
cd "$(dirname "$0")/../.."

work=${1:-/tmp/gazette-peers}
corpus=${GAZETTE_PEERS_CORPUS:-../shared/corpora/bbc-news-2004-2005.jsonl}
budget=${GAZETTE_PEERS_SPACY_BUDGET:-240}
target=${CARGO_TARGET_DIR:-target}
gazetteer=corpora/gazetteer
here=benches/peers

if [ ! -f "$corpus" ]; then
  echo "run.sh: no corpus at $corpus." >&2
  echo "The BBC corpus (2,225 JSONL articles) sits beside the repository in shared/corpora/;" >&2
  echo "set GAZETTE_PEERS_CORPUS to a copy of it elsewhere." >&2
  exit 1
fi
[ -n "${EPOCHREALTIME:-}" ] || { echo "run.sh: needs bash 5 or later" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: needs python3 (with the venv module)" >&2; exit 1; }
mkdir -p "$work"
start=$SECONDS

# 1. The virtualenv, (re)filled when requirements.txt changed since.
venv=$work/venv
t=$SECONDS
if ! cmp -s "$here/requirements.txt" "$venv/requirements.installed" 2>/dev/null; then
  echo "== virtualenv $venv: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.installed"
fi
venv_s=$((SECONDS - t))
py=$venv/bin/python

# 2. gazette and the floor, release builds.
t=$SECONDS
echo "== cargo build --release (gazette-cli, the floor example)" >&2
cargo build --release -q -p gazette-cli
cargo build --release -q -p gazette-benches --example floor
build_s=$((SECONDS - t))
gazette=$target/release/gazette
floor=$target/release/examples/floor

# 3. The runs. Each appends one line to results.jsonl: its name, the wall time
# and peak RSS of the whole process (/usr/bin/time), and the JSON line the
# program printed, if any.
results=$work/results.jsonl
: > "$results"
measure() {
  local name=$1
  shift
  echo "== $name: $*" >&2
  # Wall time from bash's microsecond clock, a builtin (/usr/bin/time counts
  # hundredths of a second, coarse for a 0.1 s run; two `date` processes
  # around the run added about 1.2 ms of their own to it); peak RSS from
  # /usr/bin/time, whose own start stays inside the wall time.
  local t0 t1 wall rss out
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$work/out.txt"
  t1=$EPOCHREALTIME
  read -r _ rss < <(tail -n 1 "$work/time.txt")
  # (The clock's decimal point is the locale's.)
  wall=$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.4f", b - a }')
  out=$(tail -n 1 "$work/out.txt")
  printf '{"name":"%s","wall_s":%s,"rss_kib":%s,"out":%s}\n' "$name" "$wall" "$rss" "${out:-null}" >> "$results"
}

t=$SECONDS
# gazette: nine runs of each, alternating (the report takes the median), and
# its start-up alone: the same command on the corpus's first article.
head -n 1 "$corpus" > "$work/one-article.jsonl"
for _ in 1 2 3 4 5 6 7 8 9; do
  measure gazette-j1 "$gazette" extract "$corpus" -j 1 -q -o /dev/null
  measure gazette-j2 "$gazette" extract "$corpus" -j 2 -q -o /dev/null
  measure gazette-start "$gazette" extract "$work/one-article.jsonl" -j 1 -q -o /dev/null
done
measure floor env GAZETTE_BENCH_CORPUS="$corpus" "$floor" "$gazetteer" 5
measure flashtext "$py" "$here/flashtext_bench.py" "$corpus" "$gazetteer"
measure spacy-ner "$py" "$here/spacy_bench.py" "$corpus" --mode ner --budget "$budget"
measure spacy-full "$py" "$here/spacy_bench.py" "$corpus" --mode full --budget "$budget"
runs_s=$((SECONDS - t))

# 4. The table and the ratios.
"$py" "$here/report.py" "$results" "$corpus"
echo
echo "Whole run: $((SECONDS - start)) s (virtualenv $venv_s s, build $build_s s, measurements $runs_s s); raw results in $results."
