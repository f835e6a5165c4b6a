"""flashtext over gazette's own gazetteer aliases, one process.

Usage: python flashtext_bench.py CORPUS GAZETTEER_DIR

Reads every alias of the gazetteer files in GAZETTEER_DIR (the files whose
header is the gazetteer header; see corpora/gazetteer/README.md): the name and
the `|`-separated `aliases` column, each with its trailing `{rule}` suffixes
stripped. Builds a case-insensitive KeywordProcessor over them and runs
extract_keywords on every text, counting matches. Prints one JSON line; the
timed seconds exclude reading the corpus and building the keyword trie (both
reported apart). benches/examples/floor.rs reads the aliases by the same rules.
"""

import argparse
import re
import time
from pathlib import Path

from corpus import print_result, read_texts

HEADER = ["id", "kind", "name", "aliases", "country", "sector", "roles"]
RULE = re.compile(r"\{[a-z]+\}$")


def strip_rules(alias):
    alias = alias.strip()
    while RULE.search(alias):
        alias = RULE.sub("", alias).rstrip()
    return alias


def read_aliases(directory):
    """Distinct aliases, in file order (files sorted by name)."""
    seen = {}
    for path in sorted(Path(directory).glob("*.tsv")):
        header = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                if header != HEADER:
                    break  # not a gazetteer file (country-extras.tsv)
                continue
            if len(cols) < 4:
                continue
            for raw in cols[3].split("|") + [cols[2]]:
                alias = strip_rules(raw)
                if alias:
                    seen.setdefault(alias, None)
    return list(seen)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("gazetteer")
    args = ap.parse_args()

    from flashtext import KeywordProcessor

    t0 = time.perf_counter()
    texts = read_texts(args.corpus)
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    aliases = read_aliases(args.gazetteer)
    kp = KeywordProcessor(case_sensitive=False)
    for alias in aliases:
        kp.add_keyword(alias)
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    matches = 0
    for text in texts:
        matches += len(kp.extract_keywords(text))
    seconds = time.perf_counter() - t0

    print_result(
        {
            "tool": "flashtext",
            "aliases": len(aliases),
            "articles": len(texts),
            "bytes": sum(len(t.encode("utf-8")) for t in texts),
            "load_s": round(load_s, 3),
            "build_s": round(build_s, 3),
            "seconds": round(seconds, 4),
            "count": matches,
        }
    )


if __name__ == "__main__":
    main()
