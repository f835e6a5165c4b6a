"""What every peer runner shares: the corpus as it reads it (the `text` field
of each JSONL line that has one, in order; lines that are not JSON objects
are skipped), and the one JSON line of results it prints."""

import json
import resource


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


def print_result(fields):
    """Prints the run's results as one JSON line, with the process's peak RSS."""
    fields = dict(fields, maxrss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(json.dumps(fields))
