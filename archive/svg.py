"""Small, dependency-free SVG charts for the HTML report.

Every function returns one ``<svg>`` element as a string: inline-ready (no ``xmlns``
needed inside HTML, no external fonts, no scripts) and well-formed XML, so it can also be
parsed with ``xml.etree``. All text is escaped; layouts are deterministic (the same data
gives the same picture).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Colour-blind friendly categorical palette (Okabe-Ito, then a few Tableau tones).
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
    "#8C6D31", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD", "#F0E442",
)

TYPE_COLOURS = {
    "country": "#0072B2",
    "person": "#D55E00",
    "organization": "#009E73",
    "location": "#CC79A7",
}

# A white outline behind labels, so lines crossing them do not hide the letters.
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _t(text) -> str:
    """Escape text for element content and attribute values (valid in HTML and XML)."""
    return escape(str(text), quote=True)


def _n(x: float) -> str:
    """A short, stable number for coordinates."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _open(width: int, height: int, title: str, css_class: str) -> list[str]:
    return [
        f'<svg class="{_t(css_class)}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{_t(title)}" style="{FONT}">',
        f"<title>{_t(title)}</title>",
    ]


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def nice_ticks(maximum: float, n: int = 5) -> list[int]:
    """Integer axis ticks from 0 to at least ``maximum`` (about ``n`` of them)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / n
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = max(1, mag)
    for mult in (1, 2, 5, 10):
        if mag * mult >= raw:
            step = max(1, int(mag * mult))
            break
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def _label_every(n_labels: int, plot_width: float, label_width: float = 48) -> int:
    return max(1, math.ceil(n_labels * label_width / max(plot_width, 1)))


def _axes(parts: list[str], categories: list[str], ticks: list[int], x0: float, y0: float,
          plot_w: float, plot_h: float, centre_of) -> None:
    top = ticks[-1] or 1
    for t in ticks:
        y = y0 - plot_h * t / top
        parts.append(f'<line x1="{_n(x0)}" y1="{_n(y)}" x2="{_n(x0 + plot_w)}" y2="{_n(y)}" '
                     f'stroke="#e3e6ea" stroke-width="1"/>')
        parts.append(f'<text x="{_n(x0 - 6)}" y="{_n(y + 4)}" font-size="11" fill="#555" '
                     f'text-anchor="end">{t}</text>')
    parts.append(f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x0 + plot_w)}" y2="{_n(y0)}" '
                 f'stroke="#888" stroke-width="1"/>')
    every = _label_every(len(categories), plot_w)
    for i, cat in enumerate(categories):
        if i % every:
            continue
        parts.append(f'<text x="{_n(centre_of(i))}" y="{_n(y0 + 16)}" font-size="11" fill="#555" '
                     f'text-anchor="middle">{_t(cat)}</text>')


def _legend(parts: list[str], names: list[str], colours: list[str], x: float, y: float,
            width: float) -> float:
    """Draw a wrapping legend; return the height used."""
    cx, cy = x, y
    for name, col in zip(names, colours):
        w = 22 + 7 * len(name)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 18
        parts.append(f'<rect x="{_n(cx)}" y="{_n(cy - 9)}" width="11" height="11" rx="2" fill="{col}"/>')
        parts.append(f'<text x="{_n(cx + 15)}" y="{_n(cy)}" font-size="12" fill="#333">{_t(name)}</text>')
        cx += w
    return cy - y + 18


def stacked_bars(categories: list[str], series: list[tuple[str, list[int]]], *, title: str,
                 width: int = 1080, height: int = 280, css_class: str = "chart") -> str:
    """Vertical bars per category (e.g. month), stacked by series (e.g. event type)."""
    legend_rows = 1 + sum(len(name) * 7 + 22 for name, _ in series) // (width - 80)
    legend_h = 18 * legend_rows + 8
    parts = _open(width, height + legend_h, title, css_class)
    x0, y0 = 44.0, float(height - 28)
    plot_w, plot_h = width - x0 - 12, y0 - 12
    totals = [sum(vals[i] for _, vals in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    top = ticks[-1] or 1
    slot = plot_w / max(len(categories), 1)
    bar_w = max(2.0, min(48.0, slot * 0.7))

    def centre(i: int) -> float:
        return x0 + slot * (i + 0.5)

    _axes(parts, categories, ticks, x0, y0, plot_w, plot_h, centre)
    for i, cat in enumerate(categories):
        base = y0
        for k, (name, vals) in enumerate(series):
            v = vals[i]
            if not v:
                continue
            h = plot_h * v / top
            base -= h
            parts.append(
                f'<rect x="{_n(centre(i) - bar_w / 2)}" y="{_n(base)}" width="{_n(bar_w)}" '
                f'height="{_n(h)}" fill="{colour(k)}"><title>{_t(cat)}: {_t(name)} {v}</title></rect>'
            )
        if totals[i]:
            parts.append(f'<text x="{_n(centre(i))}" y="{_n(base - 4)}" font-size="11" fill="#333" '
                         f'text-anchor="middle">{totals[i]}</text>')
    _legend(parts, [n for n, _ in series], [colour(k) for k in range(len(series))],
            x0, height + 6, width - x0 - 12)
    parts.append("</svg>")
    return "".join(parts)


def line_chart(categories: list[str], series: list[tuple[str, list[int]]], *, title: str,
               width: int = 1080, height: int = 280, css_class: str = "chart") -> str:
    """One line (with dots) per series over the categories (e.g. months)."""
    legend_rows = 1 + sum(len(name) * 7 + 22 for name, _ in series) // (width - 80)
    legend_h = 18 * legend_rows + 8
    parts = _open(width, height + legend_h, title, css_class)
    x0, y0 = 44.0, float(height - 28)
    plot_w, plot_h = width - x0 - 24, y0 - 12
    ticks = nice_ticks(max((max(v, default=0) for _, v in series), default=0))
    top = ticks[-1] or 1
    n = len(categories)

    def centre(i: int) -> float:
        return x0 + 12 + ((plot_w - 12) * i / (n - 1) if n > 1 else (plot_w - 12) / 2)

    _axes(parts, categories, ticks, x0, y0, plot_w, plot_h, centre)
    # The first (most important) series last, so that it is drawn on top.
    for k, (name, vals) in reversed(list(enumerate(series))):
        pts = [(centre(i), y0 - plot_h * v / top) for i, v in enumerate(vals)]
        if len(pts) > 1:
            d = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            parts.append(f'<polyline points="{d}" fill="none" stroke="{colour(k)}" '
                         f'stroke-width="2.2" stroke-linejoin="round"/>')
        for (x, y), cat, v in zip(pts, categories, vals):
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.2" fill="{colour(k)}">'
                         f'<title>{_t(name)}, {_t(cat)}: {v}</title></circle>')
    _legend(parts, [nm for nm, _ in series], [colour(k) for k in range(len(series))],
            x0, height + 6, width - x0 - 12)
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    kind: str  # entity type, for the colour
    weight: int  # e.g. number of articles


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    weight: int


def network(nodes: list[Node], edges: list[Edge], *, title: str, centre: int | None = None,
            size: int = 760, css_class: str = "chart network") -> str:
    """Nodes on a circle (grouped by kind, heaviest first), edges as straight lines whose
    width grows with their weight. ``centre`` puts one node in the middle (a focus entity).
    Deterministic: no force simulation, no randomness."""
    pad_x = 170  # room for labels left and right
    width, height = size + 2 * pad_x, size
    parts = _open(width, height + 30, title, css_class)
    cx, cy = width / 2, height / 2
    radius = size / 2 - 70
    ring = [n for n in nodes if n.id != centre]
    kinds = list(TYPE_COLOURS) + sorted({n.kind for n in ring} - set(TYPE_COLOURS))
    ring.sort(key=lambda n: (kinds.index(n.kind), -n.weight, n.label.lower(), n.id))
    pos: dict[int, tuple[float, float, float]] = {}
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(ring), 1)
        pos[node.id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    if centre is not None and any(n.id == centre for n in nodes):
        pos[centre] = (cx, cy, 0.0)
    max_node = max((n.weight for n in nodes), default=1) or 1
    weights = [e.weight for e in edges]
    lo, hi = min(weights, default=1), max(weights, default=1)

    def stroke(w: int) -> float:
        return 1.0 + (7.0 * (w - lo) / (hi - lo) if hi > lo else 2.0)

    names = {n.id: n.label for n in nodes}
    for e in sorted(edges, key=lambda e: (e.weight, e.a, e.b)):
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1, _), (x2, y2, _) = pos[e.a], pos[e.b]
        opacity = 0.25 + 0.5 * ((e.weight - lo) / (hi - lo) if hi > lo else 0.5)
        parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="#5b6b7f" '
            f'stroke-opacity="{opacity:.2f}" stroke-width="{_n(stroke(e.weight))}" stroke-linecap="round">'
            f'<title>{_t(names[e.a])} and {_t(names[e.b])}: {e.weight} article'
            f'{"s" if e.weight != 1 else ""}</title></line>'
        )
    drawn = ring + [n for n in nodes if n.id == centre]
    for node in drawn:
        if node.id not in pos:
            continue
        x, y, angle = pos[node.id]
        r = 5 + 13 * math.sqrt(node.weight / max_node)
        fill = TYPE_COLOURS.get(node.kind, "#7F7F7F")
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}" stroke="#fff" '
                     f'stroke-width="1.5"><title>{_t(node.label)} ({_t(node.kind)}): {node.weight} '
                     f'article{"s" if node.weight != 1 else ""}</title></circle>')
        if node.id == centre:
            parts.append(f'<text x="{_n(x)}" y="{_n(y + r + 15)}" font-size="13" font-weight="600" '
                         f'fill="#111" text-anchor="middle" {HALO}>{_t(node.label)}</text>')
            continue
        lx, ly = x + (r + 6) * math.cos(angle), y + (r + 6) * math.sin(angle) + 4
        c = math.cos(angle)
        anchor = "start" if c > 0.15 else "end" if c < -0.15 else "middle"
        if anchor == "middle":
            ly += 8 if math.sin(angle) > 0 else -4
        parts.append(f'<text x="{_n(lx)}" y="{_n(ly)}" font-size="12" fill="#222" '
                     f'text-anchor="{anchor}" {HALO}>{_t(_short(node.label))}</text>')
    present = [k for k in kinds if any(n.kind == k for n in nodes)]
    _legend(parts, present, [TYPE_COLOURS.get(k, "#7F7F7F") for k in present], 16, height + 16,
            width - 32)
    parts.append("</svg>")
    return "".join(parts)
