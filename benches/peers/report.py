"""The table and the ratios of benches/peers/run.sh, from its results.jsonl.

Usage: python report.py RESULTS CORPUS

Each line of RESULTS: {"name", "wall_s", "rss_kib", "out"}, where wall_s is
the whole process's wall time (nanosecond clock), rss_kib its peak RSS
(/usr/bin/time) and out the JSON line the program printed (null for gazette,
which is timed as a whole process).
"""

import json
import statistics
import sys

from corpus import read_texts

TARGETS = {
    # name: (what the ratio compares, target, how to show it)
    "spacy-full": ("gazette / spaCy full pipeline", 1000.0, "x"),
    "spacy-ner": ("gazette / spaCy NER only", None, "x"),
    "flashtext": ("gazette / flashtext", 5.0, "x"),
    "floor": ("gazette / aho-corasick floor", 0.30, "%"),
}


def corpus_stats(path):
    """Articles with a `text` field and their bytes, as every runner counts them."""
    texts = read_texts(path)
    return len(texts), sum(len(t.encode("utf-8")) for t in texts)


def main():
    results_path, corpus = sys.argv[1], sys.argv[2]
    results = [json.loads(line) for line in open(results_path, encoding="utf-8") if line.strip()]
    by_name = {}
    for r in results:
        by_name.setdefault(r["name"], []).append(r)
    articles, size = corpus_stats(corpus)
    problems = []
    rows = {}
    notes = []

    for name, threads in (("gazette-j1", 1), ("gazette-j2", 2)):
        runs = by_name[name]
        walls = sorted(r["wall_s"] for r in runs)
        rows[name] = {
            "run": f"`gazette extract -j {threads}`",
            "timed": f"whole process, median of {len(runs)} runs ({', '.join(f'{w:.3f}' for w in walls)} s): "
            "start-up, reading the JSONL, every stage, events as JSON to /dev/null",
            "articles": articles,
            "bytes": size,
            "seconds": statistics.median(walls),
            "rss_kib": max(r["rss_kib"] for r in runs),
            "wall_s": statistics.median(walls),
            "count": None,
        }

    def peer(name, run, timed):
        r = by_name[name][0]
        out = r["out"]
        if out is None:
            raise SystemExit(f"report.py: {name} printed no result")
        total_articles = out.get("corpus_articles", out["articles"])
        total_bytes = out.get("corpus_bytes", out["bytes"])
        if (total_articles, total_bytes) != (articles, size):
            problems.append(
                f"{name} read {total_articles} articles, {total_bytes} bytes; the corpus has {articles}, {size}"
            )
        rows[name] = {
            "run": run,
            "timed": timed,
            "articles": out["articles"],
            "bytes": out["bytes"],
            "seconds": out["seconds"],
            "rss_kib": r["rss_kib"],
            "wall_s": r["wall_s"],
            "count": out["count"],
        }
        return out

    start = statistics.median(r["wall_s"] for r in by_name["gazette-start"])
    g1 = rows["gazette-j1"]["seconds"]
    notes.append(
        f"gazette's start-up (building the pipeline; the same command on a one-article input, median of "
        f"{len(by_name['gazette-start'])}) takes {start:.2f} s of the {g1:.2f} s; less start-up, one thread "
        f"runs at {size / 1e6 / max(g1 - start, 1e-3):.1f} MB/s. The ratios below keep it in."
    )

    fl = peer("floor", "aho-corasick floor (Rust)", "")
    rows["floor"]["timed"] = (
        f"median of {fl['passes']} scans for {fl['aliases']} aliases ({fl['kind']}, "
        f"{fl['automaton_bytes'] / 2**20:.1f} MiB); corpus load {fl['load_s']:.3f} s "
        f"and automaton build {fl['build_s']:.3f} s not timed; count: matches"
    )
    ft = peer("flashtext", "flashtext 2.7 `extract_keywords`", "")
    rows["flashtext"]["timed"] = (
        f"one pass, {ft['aliases']} aliases; keyword trie build {ft['build_s']:.3f} s not timed; count: matches"
    )
    if ft["aliases"] != fl["aliases"]:
        problems.append(f"flashtext read {ft['aliases']} aliases, the floor {fl['aliases']}")
    for name, what in (("spacy-full", "full pipeline"), ("spacy-ner", "NER only")):
        sp = peer(name, f"spaCy {what}", "")
        scope = (
            f"the first {sp['articles']} articles ({sp['bytes'] / 1e6:.2f} MB) only"
            if sp["subset"]
            else "one pass over the whole corpus"
        )
        rows[name]["timed"] = (
            f"`nlp.pipe`, batch {sp['batch_size']}, pipes {'+'.join(sp['pipes'])}: {scope}; "
            f"model load {sp['load_s']:.2f} s not timed; count: entities"
        )
        if sp["subset"]:
            notes.append(
                f"{name} ran on a subset: the first {sp['articles']} of {articles} articles "
                f"({sp['bytes'] / 1e6:.2f} of {size / 1e6:.2f} MB), because the whole corpus would have taken "
                f"about {sp['projected_full_s']:.0f} s; its MB/s and articles/s are the subset's, and "
                f"extrapolate to {sp['seconds'] * size / sp['bytes']:.0f} s for the whole corpus."
            )
        spacy_version, model = sp["spacy"], sp["model"]

    order = ["gazette-j1", "gazette-j2", "spacy-full", "spacy-ner", "flashtext", "floor"]
    print(f"Corpus: {corpus}: {articles} articles, {size / 1e6:.2f} MB of text (10^6 bytes).")
    print()
    print(f"Peers: spaCy {spacy_version} with {model} (en_core_web_sm), flashtext 2.7, aho-corasick 1.x.")
    print()
    print("| run | articles | MB | seconds | MB/s | articles/s | peak RSS | process wall | count |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in order:
        r = rows[name]
        speed = r["bytes"] / 1e6 / r["seconds"]
        r["speed"] = speed
        count = "" if r["count"] is None else f"{r['count']:,}"
        print(
            f"| {r['run']} | {r['articles']:,} | {r['bytes'] / 1e6:.2f} | {r['seconds']:.3f} | {speed:,.3f} | "
            f"{r['articles'] / r['seconds']:,.0f} | {r['rss_kib'] / 1024:.1f} MiB | {r['wall_s']:.2f} s | {count} |"
        )
    print()
    print("What each row times (`seconds`; `process wall` is the whole process's wall time, `peak RSS` its /usr/bin/time figure):")
    print()
    for name in order:
        print(f"- {rows[name]['run']}: {rows[name]['timed']}.")
    print()
    for n in notes:
        print(f"Note: {n}")
        print()
    for p in problems:
        print(f"WARNING: {p}")
        print()

    g = rows["gazette-j1"]["speed"]
    print("Ratios (speed in MB/s; gazette on 1 thread, whole process against the peers' timed sections):")
    print()
    print("| ratio | value | target | met |")
    print("|---|---|---|---|")
    for name, (label, target, unit) in TARGETS.items():
        ratio = g / rows[name]["speed"]
        shown = f"{ratio * 100:.0f}%" if unit == "%" else f"{ratio:,.1f}x"
        if target is None:
            print(f"| {label} | {shown} | | |")
        else:
            goal = f">= {target * 100:.0f}%" if unit == "%" else f">= {target:,.0f}x"
            print(f"| {label} | {shown} | {goal} | {'yes' if ratio >= target else '**no**'} |")
    speedup = rows["gazette-j2"]["speed"] / g
    print(f"| gazette 2 threads / 1 thread | {speedup:.2f}x | >= 1.8x | {'yes' if speedup >= 1.8 else '**no**'} |")


if __name__ == "__main__":
    main()
