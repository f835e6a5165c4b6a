#!/usr/bin/env bash
# End-to-end test of examples/spark/gazette_spark.py: runs the PySpark job in
# local[2] mode and `gazette extract` directly on the same input, and checks
# that both give the same records (as multisets, once the fields of `error`
# records that depend on where a line was read are normalised).
#
# Needs a JDK or JRE (17) and PyPI; installs pyspark in a virtualenv under
# ${SPARK_VENV:-/tmp/gazette-spark-venv}, reused on later runs. Set
# KEEP_WORK=1 to keep the temporary directory. Takes about 10 s on the
# 2-core VM once pyspark is installed (the first run also downloads it, about
# 300 MB); see examples/spark/README.md.
#
# Usage: bash scripts/spark-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=3.5.9   # supports Java 8/11/17 and Python 3.8-3.12
venv=${SPARK_VENV:-/tmp/gazette-spark-venv}
corpus=../shared/corpora/bbc-news-2004-2005.jsonl

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== java"
if ! command -v java >/dev/null || ! java -version >/dev/null 2>&1; then
  echo "spark-test: no working java here: Spark needs a JDK or JRE 17," >&2
  echo "  e.g. apt-get install openjdk-17-jre-headless" >&2
  exit 1
fi
java -version 2>&1 | head -1

echo "== pyspark $PYSPARK_VERSION in $venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || {
    echo "spark-test: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2
    exit 1
  }
fi
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  "$venv/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
"$venv/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'

echo "== build"
cargo build --release -q -p gazette-cli
bin=$PWD/target/release/gazette

work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-spark-test.XXXXXX")
cleanup() {
  status=$?
  if [ "$status" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then
    rm -rf "$work"
  else
    echo "work directory kept: $work" >&2
  fi
}
trap cleanup EXIT

echo "== test input in $work/input"
if [ -f "$corpus" ]; then
  bbc=$corpus
else
  bbc=
  echo "note: no $corpus here: testing on the fixtures alone"
fi
mkdir "$work/input"
# JSONL fixtures as they are (bad lines included), each JSON fixture as one
# line (an array as one line per element), the BBC corpus's first 3000 lines;
# then cut into 3 files, the last one gzipped.
"$venv/bin/python" - "$work/input" "$bbc" fixtures/articles <<'EOF'
import glob, gzip, json, os, sys

out_dir, bbc, fixtures = sys.argv[1], sys.argv[2], sys.argv[3]
lines = []
for path in sorted(glob.glob(os.path.join(fixtures, "*.jsonl"))):
    with open(path, "rb") as f:
        lines += [l.rstrip(b"\n") for l in f]
for path in sorted(glob.glob(os.path.join(fixtures, "*.json"))):
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    # Ids as the CLI gives a .json file's articles, so that no record gets a
    # FILE:LINE id that would differ between the two runs.
    if isinstance(doc, list):
        objs = [o if "id" in o else dict(o, id="%s#%d" % (stem, n))
                for n, o in enumerate(doc, 1)]
    else:
        objs = [doc if "id" in doc else dict(doc, id=stem)]
    lines += [json.dumps(o, ensure_ascii=False).encode("utf-8") for o in objs]
if bbc:
    with open(bbc, "rb") as f:
        for n, l in enumerate(f):
            if n == 3000:
                break
            lines.append(l.rstrip(b"\n"))
lines.append(b"")  # a blank line: skipped by both
third = (len(lines) + 2) // 3
for i in range(3):
    chunk = b"".join(l + b"\n" for l in lines[i * third:(i + 1) * third])
    name = os.path.join(out_dir, "articles-%d.jsonl" % (i + 1))
    if i == 2:
        with gzip.open(name + ".gz", "wb") as f:
            f.write(chunk)
    else:
        with open(name, "wb") as f:
            f.write(chunk)
print("%d lines in 3 files (%.1f MB before gzip)"
      % (len(lines), sum(len(l) + 1 for l in lines) / 1e6))
EOF
ls -l "$work/input" | tail -n +2

echo "== spark-submit --master local[2] (log: $work/spark.log)"
t0=$(now)
if ! SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python" \
    "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false \
    --files "$bin" examples/spark/gazette_spark.py "$work/input" "$work/spark-out" \
    --partitions 4 --emit all >"$work/spark.log" 2>&1; then
  tail -n 40 "$work/spark.log" >&2
  echo "spark-test: the Spark job failed (whole log: $work/spark.log)" >&2
  exit 1
fi
t1=$(now)
spark_time=$(elapsed "$t0" "$t1")
ls "$work/spark-out" | grep -c '^part-' | sed 's/^/part files: /'
cat "$work"/spark-out/part-* > "$work/spark.jsonl"

echo "== gazette extract -j 2"
t0=$(now)
"$bin" extract "$work"/input/* -q --bad-input-ok -j 2 > "$work/cli.jsonl" 2> "$work/cli.stderr"
t1=$(now)
cli_time=$(elapsed "$t0" "$t1")
echo "$(wc -l < "$work/cli.stderr") diagnostic lines on stderr (the bad fixture lines), Spark's log has the same with -:LINE places:"
sed 's/^/  /' "$work/cli.stderr" | cut -c1-160

echo "== compare"
status=0
"$venv/bin/python" - "$work/spark.jsonl" "$work/cli.jsonl" <<'EOF' || status=$?
import collections, json, re, sys

# An article id made up from where the line was read: FILE:LINE for the CLI
# (the file name as given on the command line), -:LINE for stdin (Spark).
PLACE_ID = re.compile(r"^(-|.*\.(jsonl|ndjson)(\.gz)?):[0-9]+$")

def load(path):
    records, kinds = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            rec = json.loads(line)
            kinds[rec["type"]] += 1
            if rec["type"] == "error":
                rec.pop("input", None)
                rec.pop("line", None)
                if PLACE_ID.match(rec.get("article_id", "")):
                    rec["article_id"] = "<FILE:LINE>"
                line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            records[line] += 1
    return records, kinds

spark, spark_kinds = load(sys.argv[1])
cli, cli_kinds = load(sys.argv[2])
for name, kinds, recs in (("spark", spark_kinds, spark), ("cli  ", cli_kinds, cli)):
    print("%s: %d records (%s)" % (name, sum(recs.values()),
          ", ".join("%s %d" % (k, kinds[k]) for k in ("article", "entity", "quote", "error"))))
only_spark, only_cli = spark - cli, cli - spark
if not only_spark and not only_cli:
    print("OK: the same %d records" % sum(cli.values()))
    sys.exit(0)
print("DIFFERENT: %d records only from Spark, %d only from the CLI"
      % (sum(only_spark.values()), sum(only_cli.values())))
for name, diff in (("spark only", only_spark), ("cli only", only_cli)):
    for line in sorted(diff)[:5]:
        print("  %s: %s" % (name, line[:300]))
sys.exit(1)
EOF

echo "wall time: spark-submit local[2] ${spark_time} s (JVM start-up included), gazette extract -j 2 ${cli_time} s"
exit "$status"
