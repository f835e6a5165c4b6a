#!/usr/bin/env python3
"""Validate corpora/events/triggers.tsv against the PLOVER manual and cameo2plover.txt.

Usage: python3 scripts/check_triggers.py [TRIGGERS.tsv] [REFERENCE_DIR]  (default ../shared/reference)
"""
import re, sys, collections

HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
TSV = sys.argv[1] if len(sys.argv) > 1 else HERE + "/../corpora/events/triggers.tsv"
REF = sys.argv[2] if len(sys.argv) > 2 else HERE + "/../../shared/reference/"
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
HEADER = "surface\tlemma\tpos\ttype\tmode\tcameo\ttarget"
PREPS = {"on", "against", "with", "to", "from", "for", "in", "into", "of", "at", "between",
         "by", "near", "around", "along", "outside", "over", "about", "behind", "upon"}

# CAMEO code -> set of PLOVER types (the 2-digit root 08 has two)
cameo = collections.defaultdict(set)
for line in open(REF + "cameo2plover.txt", encoding="utf-8"):
    m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
    if m:
        cameo[m.group(1)].add(m.group(2))

# modes per type from the manual's mode tables (commented-out rows skipped)
tex = open(REF + "plover_manual.tex", encoding="utf-8").read()
modes = {}
for m in re.finditer(r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}? ?modes.*?\\end\{tabular\}", tex, re.S):
    names = set()
    for row in m.group(0).splitlines():
        row = row.strip()
        if not row or row.startswith("%") or "&" not in row:
            continue
        name = row.split("&")[0].strip()
        if name and name != "Name":
            names.add(name)
    modes[m.group(1)] = names
modes["REJECT"] = modes.get("REJECT", set()) | modes.get("REQUEST", set())
errors = []
rows = []
seen = {}
header_seen = False
for n, line in enumerate(open(TSV, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    if not header_seen:
        if line != HEADER:
            errors.append(f"{n}: bad header {line!r}")
        header_seen = True
        continue
    f = line.split("\t")
    if len(f) != 7:
        errors.append(f"{n}: {len(f)} fields: {line!r}")
        continue
    surface, lemma, pos, typ, mode, code, target = f
    rows.append(f)
    if surface != surface.lower() or surface != " ".join(surface.split()) or "\u2019" in surface:
        errors.append(f"{n}: surface not lowercase/normalised: {surface!r}")
    if not lemma or lemma != " ".join(lemma.split()) or lemma != lemma.lower():
        errors.append(f"{n}: bad lemma {lemma!r}")
    if surface in seen:
        errors.append(f"{n}: duplicate surface {surface!r} (first at {seen[surface]})")
    seen[surface] = n
    if pos not in ("verb", "noun", "phrase"):
        errors.append(f"{n}: bad pos {pos!r}")
    if pos == "verb" and " " in surface:
        errors.append(f"{n}: multiword verb {surface!r}")
    if pos == "phrase" and " " not in surface:
        errors.append(f"{n}: one-word phrase {surface!r}")
    if typ not in TYPES:
        errors.append(f"{n}: bad type {typ!r}")
    if mode != "-" and mode not in modes.get(typ, set()):
        errors.append(f"{n}: mode {mode!r} not a {typ} mode in the manual")
    if mode != "-" and mode not in tex:
        errors.append(f"{n}: mode {mode!r} not in manual text")
    if not re.fullmatch(r"\d{2,4}", code):
        errors.append(f"{n}: bad cameo {code!r}")
    elif code not in cameo:
        errors.append(f"{n}: cameo {code} not in cameo2plover.txt")
    elif typ not in cameo[code]:
        errors.append(f"{n}: cameo {code} maps to {sorted(cameo[code])}, row says {typ}: {surface!r}")
    parts = target.split(";")
    for p in parts:
        if p in ("obj", "after", "-"):
            continue
        if not re.fullmatch(r"P:[a-z]+", p) or p[2:] not in PREPS:
            errors.append(f"{n}: bad target part {p!r}")
    if ("-" in parts or "after" in parts) and len(parts) > 1:
        errors.append(f"{n}: '-'/'after' combined: {target!r}")
    last = surface.split()[-1]
    if "after" in parts and last not in PREPS:
        errors.append(f"{n}: 'after' but surface does not end with a preposition: {surface!r}")

counts = collections.Counter(r[3] for r in rows)
for t in TYPES:
    if counts[t] < 15:
        errors.append(f"type {t}: only {counts[t]} rows")
if len(rows) < 650:
    errors.append(f"only {len(rows)} rows")
print("modes from manual:", {k: sorted(v) for k, v in sorted(modes.items())})
for t in TYPES:
    print(f"{t:10} {counts[t]}")
print("total", len(rows))
print("pos:", dict(collections.Counter(r[2] for r in rows)))
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
