"""The corpus as every peer runner reads it: the `text` field of each JSONL
line that has one, in order (lines that are not JSON objects are skipped)."""

import json


def read_texts(path):
    """The texts of the corpus, in order."""
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str):
                texts.append(text)
    return texts
