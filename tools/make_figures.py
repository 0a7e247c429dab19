"""Draw the step illustrations as plain SVG text (stdlib only).

Run from the repository root:
    python tools/make_figures.py
It writes
    assets/images/pmr/<id>.svg      one figure, the muscle group that works in the accent teal
    assets/images/massage/<id>.svg  a calm face, hands placed for the step, the stroke shown by soft arrows
    assets/images/imagery/<id>.svg  wide, muted landscapes behind the guided imagery scripts

Every drawing is flat and viewBox-based, has a transparent background (the scenes excepted) and keeps
to what Qt's SVG Tiny 1.2 renderer draws: paths, basic shapes, gradients, groups, transforms, opacity.
Qt does not clip to the viewBox, so nothing is drawn outside it. The body and the face are defined once
below and every figure is drawn from them; a highlighted region is the face (or torso) clipped by a
simple shape, computed here rather than left to the renderer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "assets" / "images"

Point = tuple[float, float]

# Mid tones that read on the light (#f3f6f5) and the dark (#111a1c) theme alike.
SKIN = "#b9c7c9"
SKIN_LINE = "#7d9296"
HAIR = "#8fa3a7"
HAND = "#d3c3b1"
HAND_LINE = "#988779"
HAND_GROOVE = "#ad9c8c"
FEATURE = "#4f6468"
ACCENT = "#3aa39b"
ACCENT_LINE = "#23756e"
ACCENT_HAND = "#5db8b0"
SOFT = "#8ccac3"
SOFT_LINE = "#4d9790"
WARM = "#e0a458"
WARM_LINE = "#a8722f"

PORTRAIT = (300, 400)
WIDE = (1600, 900)


# --------------------------------------------------------------------------------------------- SVG text


def num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def attrs(**values: object) -> str:
    return "".join(f' {key.rstrip("_").replace("_", "-")}="{value}"' for key, value in values.items())


def poly_d(points: Sequence[Point], closed: bool = True) -> str:
    head, *rest = points
    body = " ".join(f"{num(x)} {num(y)}" for x, y in rest)
    return f"M{num(head[0])} {num(head[1])}L{body}{'Z' if closed else ''}"


def path(d: str, **style: object) -> str:
    return f'<path d="{d}"{attrs(**style)}/>'


def line(a: Point, b: Point, **style: object) -> str:
    return f'<line x1="{num(a[0])}" y1="{num(a[1])}" x2="{num(b[0])}" y2="{num(b[1])}"{attrs(**style)}/>'


def ellipse(c: Point, rx: float, ry: float, **style: object) -> str:
    return f'<ellipse cx="{num(c[0])}" cy="{num(c[1])}" rx="{num(rx)}" ry="{num(ry)}"{attrs(**style)}/>'


def circle(c: Point, r: float, **style: object) -> str:
    return f'<circle cx="{num(c[0])}" cy="{num(c[1])}" r="{num(r)}"{attrs(**style)}/>'


def group(items: Iterable[str], **style: object) -> str:
    return f"<g{attrs(**style)}>" + "".join(items) + "</g>"


def document(size: tuple[int, int], body: Iterable[str], defs: Iterable[str] = ()) -> str:
    w, h = size
    defs_text = "".join(defs)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
        + (f"<defs>{defs_text}</defs>" if defs_text else "")
        + "\n".join(body)
        + "</svg>\n"
    )


def linear(ident: str, stops: Sequence[tuple[float, str, float]], vertical: bool = True) -> str:
    end = 'x2="0" y2="1"' if vertical else 'x2="1" y2="0"'
    return f'<linearGradient id="{ident}" x1="0" y1="0" {end}>' + stops_text(stops) + "</linearGradient>"


def radial(ident: str, c: Point, r: float, stops: Sequence[tuple[float, str, float]]) -> str:
    return (
        f'<radialGradient id="{ident}" gradientUnits="userSpaceOnUse" cx="{num(c[0])}" cy="{num(c[1])}"'
        f' r="{num(r)}">' + stops_text(stops) + "</radialGradient>"
    )


def stops_text(stops: Sequence[tuple[float, str, float]]) -> str:
    return "".join(
        f'<stop offset="{num(offset)}" stop-color="{colour}" stop-opacity="{num(opacity)}"/>'
        if opacity < 1
        else f'<stop offset="{num(offset)}" stop-color="{colour}"/>'
        for offset, colour, opacity in stops
    )


# ------------------------------------------------------------------------------------------- geometry


def smooth(points: Sequence[Point], rounds: int = 3) -> list[Point]:
    """Chaikin's corner cutting on a closed polygon: a rough outline becomes a soft one."""
    pts = list(points)
    for _ in range(rounds):
        out: list[Point] = []
        for i, (ax, ay) in enumerate(pts):
            bx, by = pts[(i + 1) % len(pts)]
            out.append((0.75 * ax + 0.25 * bx, 0.75 * ay + 0.25 * by))
            out.append((0.25 * ax + 0.75 * bx, 0.25 * ay + 0.75 * by))
        pts = out
    return pts


def area(points: Sequence[Point]) -> float:
    return sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(points, [*points[1:], points[0]], strict=True))


def clip(subject: Sequence[Point], window: Sequence[Point]) -> list[Point]:
    """Sutherland-Hodgman: the part of `subject` inside the convex polygon `window`."""
    win = list(window) if area(window) > 0 else list(reversed(window))
    out = list(subject)
    for (ax, ay), (bx, by) in zip(win, [*win[1:], win[0]], strict=True):

        def side(p: Point, ax: float = ax, ay: float = ay, bx: float = bx, by: float = by) -> float:
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)

        source, out = out, []
        for i, p in enumerate(source):
            q = source[(i + 1) % len(source)]
            sp, sq = side(p), side(q)
            if sp >= 0:
                out.append(p)
            if (sp >= 0) != (sq >= 0):
                t = sp / (sp - sq)
                out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
        if not out:
            break
    return out


def thin(points: Sequence[Point], step: float = 2.5) -> list[Point]:
    """Drop points closer than `step` to the last one kept, so the SVG text stays small."""
    out = [points[0]]
    for p in points[1:]:
        if math.dist(p, out[-1]) >= step:
            out.append(p)
    return out


def ellipse_points(c: Point, rx: float, ry: float, n: int = 48) -> list[Point]:
    return [
        (c[0] + rx * math.cos(2 * math.pi * i / n), c[1] + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]


def egg(c: Point, rx: float, ry: float, taper: float, n: int = 96) -> list[Point]:
    """A head: an ellipse a little broader above its middle than below (y grows downwards)."""
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        s = math.sin(a)
        pts.append((c[0] + rx * math.cos(a) * (1 - taper * s), c[1] + ry * s))
    return pts


def band(
    top: Callable[[float], float], bottom: Callable[[float], float], x0: float, x1: float
) -> list[Point]:
    """The region between two curves y = top(x) and y = bottom(x), sampled from x0 to x1."""
    xs = [x0 + (x1 - x0) * i / 40 for i in range(41)]
    return [(x, top(x)) for x in xs] + [(x, bottom(x)) for x in reversed(xs)]


def rect_points(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


# ----------------------------------------------------------------------------------- the standing body
#
# The person faces the viewer: their right side is on the viewer's left (x < 150).
# Each part is a list of shapes; a shape is a round-capped stroke (a capsule), a polygon or an ellipse.
# A cluster (a leg, an arm, the torso...) is drawn as one silhouette: every outline first, then every
# fill, so joints inside a cluster show no seams; clusters overlap one another in drawing order.


@dataclass(frozen=True)
class Capsule:
    a: Point
    b: Point
    width: float


@dataclass(frozen=True)
class Poly:
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Oval:
    c: Point
    rx: float
    ry: float


Shape = Capsule | Poly | Oval


def shape_svg(shape: Shape, fill: str, grow: float = 0.0) -> str:
    """The shape filled with `fill`, grown by `grow` on every side (for outlines and halos)."""
    if isinstance(shape, Capsule):
        return line(
            shape.a, shape.b, stroke=fill, stroke_width=num(shape.width + 2 * grow), stroke_linecap="round"
        )
    if isinstance(shape, Poly):
        extra = {"stroke": fill, "stroke_width": num(2 * grow), "stroke_linejoin": "round"} if grow else {}
        return path(poly_d(shape.points), fill=fill, **extra)
    return ellipse(shape.c, shape.rx + grow, shape.ry + grow, fill=fill)


def mitten(wrist: Point, side: int) -> list[Shape]:
    """A small relaxed hand hanging from the wrist; side -1 is the person's right (viewer's left)."""
    x, y = wrist
    return [
        Capsule((x, y + 3), (x - 1.5 * side, y + 20), 17),
        Capsule((x + 6 * side, y + 5), (x + 9 * side, y + 14), 7),
    ]


def torso_outline() -> list[Point]:
    half = [(150, 100), (184, 103), (197, 111), (201, 126), (195, 170), (189, 200), (192, 232), (186, 252)]
    mirrored = [(300 - x, y) for x, y in reversed(half[1:])]
    return smooth([*half, (150, 259), *mirrored], 3)


TORSO = torso_outline()
CHEST_LINE = 180.0


def body_parts() -> dict[str, list[Shape]]:
    parts: dict[str, list[Shape]] = {}
    for side, name in ((-1, "right"), (1, "left")):
        sx = 150 + side * 44
        elbow = (150 + side * 61, 190)
        wrist = (150 + side * 73, 254)
        parts[f"{name}-upper-arm"] = [Capsule((sx, 120), elbow, 26)]
        parts[f"{name}-forearm"] = [Capsule(elbow, wrist, 21)]
        parts[f"{name}-hand"] = mitten(wrist, side)
        hip = (150 + side * 18, 244)
        knee = (150 + side * 22, 314)
        ankle = (150 + side * 23, 368)
        parts[f"{name}-thigh"] = [Capsule(hip, knee, 33)]
        parts[f"{name}-calf"] = [Capsule(knee, ankle, 25)]
        parts[f"{name}-foot"] = [Oval((150 + side * 29, 381), 17, 9)]
    parts["neck"] = [Capsule((150, 76), (150, 106), 25)]
    parts["chest"] = [Poly(tuple(clip(TORSO, rect_points(0, 0, 300, CHEST_LINE))))]
    parts["abdomen"] = [Poly(tuple(clip(TORSO, rect_points(0, CHEST_LINE, 300, 400))))]
    parts["head"] = [Oval((150, 48), 26, 31)]
    return parts


BODY = body_parts()
CLUSTERS: list[list[str]] = [
    ["right-thigh", "right-calf", "right-foot"],
    ["left-thigh", "left-calf", "left-foot"],
    ["right-upper-arm", "right-forearm", "right-hand"],
    ["left-upper-arm", "left-forearm", "left-hand"],
    ["neck"],
    ["chest", "abdomen"],
    ["head"],
]
HANDS = {"right-hand", "left-hand"}
BODY_LINE = 2.6


def body_figure(lit: set[str], soft: bool = False) -> str:
    """The standing figure; the parts in `lit` in the accent (all of them gently when `soft`)."""
    out: list[str] = []
    halo = [shape_svg(s, ACCENT, BODY_LINE + 7) for name in sorted(lit) for s in BODY[name]]
    if halo:
        out.append(group(halo, opacity="0.2" if not soft else "0.16"))
    for cluster in CLUSTERS:
        order = sorted(cluster, key=lambda name: name in lit)  # lit parts on top of their neighbours
        outlines, fills = [], []
        for name in order:
            on = name in lit
            if on:
                edge, fill = (
                    (SOFT_LINE, SOFT) if soft else (ACCENT_LINE, ACCENT_HAND if name in HANDS else ACCENT)
                )
            else:
                edge, fill = (HAND_LINE, HAND) if name in HANDS else (SKIN_LINE, SKIN)
            outlines += [shape_svg(s, edge, BODY_LINE) for s in BODY[name]]
            fills += [shape_svg(s, fill) for s in BODY[name]]
        out += outlines + fills
    out.append(small_face("head" in lit and not soft))
    return "\n".join(out)


def small_face(lit: bool) -> str:
    ink = ACCENT_LINE if lit else FEATURE
    hair = path(
        "M124 44C122 22 136 14 150 14C166 14 178 22 176 44C170 34 160 29 150 30C140 29 130 34 124 44Z",
        fill=HAIR,
        stroke=SKIN_LINE,
        stroke_width="2",
        stroke_linejoin="round",
    )
    eyes = [path(f"M{x - 5} 50Q{x} 54 {x + 5} 50", fill="none") for x in (140, 160)]
    mouth = path("M144 63Q150 67 156 63", fill="none")
    return hair + group([*eyes, mouth], stroke=ink, stroke_width="2", stroke_linecap="round")


# ------------------------------------------------------------------------------- head and shoulders view

FACE_CENTRE = (150.0, 172.0)
FACE = egg(FACE_CENTRE, 80, 102, 0.12)
FACE_TOP = FACE_CENTRE[1] - 102
HEAD_LINE = 3.0
EYES = ((118.0, 174.0), (182.0, 174.0))


def bust_outline() -> list[Point]:
    half = [(150, 318), (178, 303), (206, 310), (246, 326), (270, 352), (280, 384), (282, 397)]
    mirrored = [(300 - x, y) for x, y in reversed(half[1:])]
    pts = smooth([*half, *mirrored], 3)
    return [(x, min(y, 397.0)) for x, y in pts]


BUST = bust_outline()
NECK = smooth([(119, 236), (181, 236), (183, 290), (190, 316), (150, 326), (110, 316), (117, 290)], 3)


def hair_shape() -> list[Point]:
    def hairline(x: float) -> float:
        return 99 + 0.0062 * (x - 150) ** 2 + 8 * math.sin((x - 150) / 30)

    crown = egg((FACE_CENTRE[0], FACE_CENTRE[1] - 3), 84, 106, 0.12)
    return thin(clip(band(lambda _x: 0, hairline, 40, 260), crown))


HAIR_SHAPE = hair_shape()


def face_region(subject: Sequence[Point]) -> list[Point]:
    return thin(clip(subject, FACE), 2.0)


def face_regions() -> dict[str, list[list[Point]]]:
    """Each face group as polygons on the face outline (the forehead is partly under the hair)."""
    return {
        "forehead": [face_region(band(lambda _x: 0, lambda x: 153 + 0.002 * (x - 150) ** 2, 40, 260))],
        "eyes": [thin(ellipse_points(c, 31, 20), 2.0) for c in EYES],
        "upper-cheeks-nose": [
            *(face_region(ellipse_points((x, 204), 30, 20)) for x in (108, 192)),
            face_region(smooth([(144, 172), (156, 172), (166, 214), (134, 214)], 3)),
        ],
        "lower-cheeks-jaw": [
            face_region(band(lambda x: 222 - 0.0012 * (x - 150) ** 2, lambda _x: 400, 40, 260))
        ],
        "mouth": [thin(ellipse_points((150, 238), 30, 16), 2.0)],
        "face": [thin(FACE, 2.0)],
    }


REGIONS = face_regions()


def shoulder_line() -> list[Point]:
    """The bust's upper edge from the left shoulder over the neck's foot to the right shoulder."""
    start = max(range(len(BUST)), key=lambda i: (BUST[i][1] >= 396.5, -BUST[i][0]))
    ring = BUST[start:] + BUST[:start]
    return thin([p for p in ring if p[1] < 393], 2.0)


SHOULDER_LINE = shoulder_line()
SHOULDERS = SHOULDER_LINE + [(x, min(y + 38, 397.0)) for x, y in reversed(SHOULDER_LINE)]
HAIR_SHINE = "M100 104Q112 82 142 76"


def head_view(lit: Iterable[str] = (), soft: bool = False) -> list[str]:
    """Head and shoulders, eyes closed; `lit` names face regions, "neck" or "shoulders"."""
    lit = set(lit)
    fill_on, line_on = (SOFT, SOFT_LINE) if soft else (ACCENT, ACCENT_LINE)

    def piece(points: Sequence[Point], on: bool) -> str:
        return path(
            poly_d(thin(points, 2.0)),
            fill=fill_on if on else SKIN,
            stroke=line_on if on else SKIN_LINE,
            stroke_width=num(2 * HEAD_LINE / 1.5),
            stroke_linejoin="round",
        )

    out = [piece(NECK, "neck" in lit), piece(BUST, False)]
    if "shoulders" in lit:
        out.append(path(poly_d(SHOULDERS), fill=fill_on))
        out.append(
            path(poly_d(SHOULDER_LINE, closed=False), fill="none", stroke=line_on, stroke_width=num(4))
        )
    for x in (68, 232):
        out.append(ellipse((x, 180), 13, 23, fill=SKIN, stroke=SKIN_LINE, stroke_width=num(4)))
    out.append(path(poly_d(thin(FACE, 2.0)), fill=SKIN))
    for name in sorted(lit & REGIONS.keys()):
        out += [path(poly_d(poly), fill=fill_on) for poly in REGIONS[name]]
    any_face = bool(lit & REGIONS.keys())
    out.append(path(poly_d(thin(FACE, 2.0)), fill="none", stroke=SKIN_LINE, stroke_width=num(4)))
    out.append(
        path(poly_d(HAIR_SHAPE), fill=HAIR, stroke=SKIN_LINE, stroke_width=num(4), stroke_linejoin="round")
    )
    out.append(
        path(HAIR_SHINE, fill="none", stroke=SKIN, stroke_width="4", stroke_linecap="round", opacity="0.5")
    )
    out.append(features(ACCENT_LINE if any_face and not soft else FEATURE))
    return out


def features(ink: str) -> str:
    items = []
    for x, y in EYES:
        items.append(path(f"M{num(x - 16)} {num(y - 2)}Q{num(x)} {num(y + 10)} {num(x + 16)} {num(y - 2)}"))
        items.append(path(f"M{num(x - 17)} {num(y - 24)}Q{num(x)} {num(y - 33)} {num(x + 17)} {num(y - 25)}"))
    items.append(path("M148 186Q140 206 147 210Q152 212 157 208"))
    items.append(path("M134 236Q150 246 166 236"))
    return group(
        items, fill="none", stroke=ink, stroke_width="4", stroke_linecap="round", stroke_linejoin="round"
    )


# -------------------------------------------------------------------------------------- PMR figures

BODY_GROUPS: dict[str, set[str]] = {
    "right-hand": {"right-forearm", "right-hand"},
    "right-upper-arm": {"right-upper-arm"},
    "left-hand": {"left-forearm", "left-hand"},
    "left-upper-arm": {"left-upper-arm"},
    "chest-shoulders-back": {"chest"},
    "abdomen": {"abdomen"},
    "right-thigh": {"right-thigh"},
    "right-calf": {"right-calf"},
    "right-foot": {"right-foot"},
    "left-thigh": {"left-thigh"},
    "left-calf": {"left-calf"},
    "left-foot": {"left-foot"},
    "right-arm": {"right-upper-arm", "right-forearm", "right-hand"},
    "left-arm": {"left-upper-arm", "left-forearm", "left-hand"},
    "chest-back-abdomen": {"chest", "abdomen"},
    "right-leg": {"right-thigh", "right-calf", "right-foot"},
    "left-leg": {"left-thigh", "left-calf", "left-foot"},
    "arms": {f"{s}-{p}" for s in ("right", "left") for p in ("upper-arm", "forearm", "hand")},
    "torso": {"chest", "abdomen"},
    "legs": {f"{s}-{p}" for s in ("right", "left") for p in ("thigh", "calf", "foot")},
}
# The face is too small on the whole figure, so these show the head and shoulders instead; the neck and
# the shoulders too, since they come right after the face groups in every routine that has them.
HEAD_GROUPS: dict[str, set[str]] = {
    "forehead": {"forehead"},
    "eyes": {"eyes"},
    "upper-cheeks-nose": {"upper-cheeks-nose"},
    "lower-cheeks-jaw": {"lower-cheeks-jaw"},
    "mouth": {"mouth"},
    "face": {"face"},
    "face-neck": {"face", "neck"},
    "neck": {"neck"},
    "shoulders": {"shoulders"},
}


def pmr_figures() -> dict[str, str]:
    figures = {name: document(PORTRAIT, [body_figure(parts)]) for name, parts in BODY_GROUPS.items()}
    figures |= {name: document(PORTRAIT, head_view(lit)) for name, lit in HEAD_GROUPS.items()}
    figures["whole-body"] = document(PORTRAIT, [body_figure(set(BODY), soft=True)])
    return figures


# ------------------------------------------------------------------------------------ massage steps


def hand(tip: Point, angle: float, mirror: bool = False, scale: float = 1.0) -> str:
    """A relaxed open hand, fingertips at `tip`; angle 0 points the fingers up, 90 to the viewer's right.
    The thumb is on the viewer's right unless `mirror`."""
    fingers = [
        ((-14.5, 15.0), (-11.5, 52.0), 8.6),
        ((-5.2, 3.5), (-4.2, 50.0), 9.6),
        ((4.2, 0.0), (4.0, 50.0), 9.6),
        ((13.2, 6.0), (12.0, 52.0), 9.4),
    ]
    shapes: list[Shape] = [Capsule(a, b, w) for a, b, w in fingers]
    shapes.append(Poly(tuple(smooth([(-16, 44), (17, 44), (19, 70), (14, 98), (-11, 98), (-16, 70)], 3))))
    shapes.append(Capsule((12, 84), (24, 58), 12.5))
    outline = [shape_svg(s, HAND_LINE, 2.2) for s in shapes]
    fill = [shape_svg(s, HAND) for s in shapes]
    grooves = [
        line((x, top), (x, 47), stroke=HAND_GROOVE, stroke_width="1.5", stroke_linecap="round")
        for x, top in ((-9.6, 20.0), (0.0, 15.0), (8.6, 17.0))
    ]
    flip = -scale if mirror else scale
    transform = f"translate({num(tip[0])} {num(tip[1])}) rotate({num(angle)}) scale({num(flip)} {num(scale)})"
    return group([*outline, *fill, *grooves], transform=transform)


def hands_pair(tip: Point, angle: float, scale: float = 1.0) -> list[str]:
    """The person's two hands, mirror images about the face's middle; `tip` is on the viewer's left."""
    return [hand(tip, angle, scale=scale), hand((300 - tip[0], tip[1]), -angle, mirror=True, scale=scale)]


STROKE = {
    "fill": "none",
    "stroke": ACCENT,
    "stroke_width": "4.5",
    "stroke_linecap": "round",
    "stroke_linejoin": "round",
}


def arrowhead(tip: Point, towards: Point) -> str:
    """An open chevron at `tip` for a line arriving from the direction of `towards`."""
    dx, dy = tip[0] - towards[0], tip[1] - towards[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    wings = [(tip[0] - 10 * ux + side * 7 * uy, tip[1] - 10 * uy - side * 7 * ux) for side in (1, -1)]
    return poly_d([wings[0], tip, wings[1]], closed=False)


def arrow(a: Point, c: Point, b: Point) -> str:
    """A soft curved arrow from a to b bending towards c."""
    d = f"M{num(a[0])} {num(a[1])}Q{num(c[0])} {num(c[1])} {num(b[0])} {num(b[1])}"
    return path(d + arrowhead(b, c), **STROKE)


def turn(c: Point, r: float, start: float, sweep: float, clockwise: bool = True) -> str:
    """A circular arrow around c: from angle `start` (degrees, 0 = right, 90 = down) through `sweep`."""
    sign = 1 if clockwise else -1
    a0 = math.radians(start)
    a1 = math.radians(start + sign * sweep)
    p0 = (c[0] + r * math.cos(a0), c[1] + r * math.sin(a0))
    p1 = (c[0] + r * math.cos(a1), c[1] + r * math.sin(a1))
    before = (p1[0] + 20 * math.sin(a1) * sign, p1[1] - 20 * math.cos(a1) * sign)
    arc = f"A{num(r)} {num(r)} 0 {1 if sweep > 180 else 0} {1 if clockwise else 0} {num(p1[0])} {num(p1[1])}"
    return path(f"M{num(p0[0])} {num(p0[1])}" + arc + arrowhead(p1, before), **STROKE)


def dots(points: Iterable[Point], r: float = 3.4, colour: str = ACCENT) -> str:
    return group([circle(p, r) for p in points], fill=colour)


def dotted_ring(c: Point, rx: float, ry: float, n: int, colour: str = ACCENT) -> str:
    return dots(ellipse_points(c, rx, ry, n), 3.2, colour)


def mirror_x(p: Point) -> Point:
    return (300 - p[0], p[1])


def both(draw: Callable[[Point, Point, Point], str], a: Point, c: Point, b: Point) -> list[str]:
    return [draw(a, c, b), draw(mirror_x(a), mirror_x(c), mirror_x(b))]


def sparkle(c: Point, r: float) -> str:
    x, y = c
    d = (
        f"M{num(x)} {num(y - r)}Q{num(x + r * 0.18)} {num(y - r * 0.18)} {num(x + r)} {num(y)}"
        f"Q{num(x + r * 0.18)} {num(y + r * 0.18)} {num(x)} {num(y + r)}"
        f"Q{num(x - r * 0.18)} {num(y + r * 0.18)} {num(x - r)} {num(y)}"
        f"Q{num(x - r * 0.18)} {num(y - r * 0.18)} {num(x)} {num(y - r)}Z"
    )
    return path(d, fill=ACCENT)


def warmth(x: float, y: float, height: float) -> str:
    """A rising wavy line of warmth."""
    step = height / 4
    d = f"M{num(x)} {num(y)}"
    for i in range(4):
        bend = 7 if i % 2 == 0 else -7
        d += f"Q{num(x + bend)} {num(y - step * (i + 0.5))} {num(x)} {num(y - step * (i + 1))}"
    return path(d, **{**STROKE, "stroke": WARM})


def cloth() -> list[str]:
    top = [(62 + 176 * i / 20, 124 - 10 * math.sin(math.pi * i / 20)) for i in range(21)]
    bottom = [(x, y + 70) for x, y in reversed(top)]
    shape = smooth([*top, *bottom], 2)
    fold = [(x, y + 22) for x, y in top[1:-1]]
    return [
        path(
            poly_d(thin(shape, 2.0)), fill=WARM, stroke=WARM_LINE, stroke_width="4", stroke_linejoin="round"
        ),
        path(
            poly_d(fold, closed=False),
            fill="none",
            stroke=WARM_LINE,
            stroke_width="3",
            stroke_linecap="round",
        ),
        path(
            poly_d([(x, y + 48) for x, y in top[2:-2]], closed=False),
            fill="none",
            stroke="#eab878",
            stroke_width="3",
            stroke_linecap="round",
        ),
    ]


def massage_steps() -> dict[str, list[str]]:
    face = head_view()
    steps: dict[str, list[str]] = {
        "prepare": [
            *face,
            hand((62, 284), -10, mirror=True),
            hand((238, 284), 10),
            sparkle((34, 262), 11),
            sparkle((268, 258), 9),
            sparkle((40, 318), 7),
            sparkle((262, 314), 7),
        ],
        "compress": [
            *face,
            *cloth(),
            warmth(112, 60, 40),
            warmth(150, 52, 44),
            warmth(188, 60, 40),
        ],
        "forehead": [
            *face,
            *hands_pair((86, 128), 58, 0.9),
            *both(arrow, (143, 116), (122, 112), (104, 118)),
            *both(arrow, (143, 138), (122, 134), (104, 134)),
            dots([(150, 116), (150, 138)], 4),
        ],
        "temples": [
            *face,
            *hands_pair((84, 150), 36, 0.9),
            turn((84, 150), 22, 200, 290),
            turn((216, 150), 22, -20, 290, clockwise=False),
        ],
        "brows": [
            *face,
            *hands_pair((97, 150), 78, 0.85),
            *both(arrow, (138, 137), (122, 126), (105, 134)),
            dots(
                [p for x in (130, 114) for p in ((x, 141), (x, 156), mirror_x((x, 141)), mirror_x((x, 156)))],
                3,
            ),
        ],
        "eyes": [
            *face,
            dotted_ring((EYES[0][0] - 2, EYES[0][1] - 1), 26, 23, 13),
            dotted_ring((EYES[1][0] + 2, EYES[1][1] - 1), 26, 23, 13),
            *hands_pair((92, 186), 40, 0.85),
        ],
        "cheeks": [
            *face,
            *hands_pair((112, 214), 20, 0.85),
            turn((112, 214), 20, 220, 280),
            turn((188, 214), 20, -40, 280, clockwise=False),
            *both(arrow, (104, 190), (92, 178), (84, 168)),
        ],
        "jaw": [
            *face,
            *hands_pair((100, 232), 16, 0.85),
            turn((100, 232), 20, 220, 290),
            turn((200, 232), 20, -40, 290, clockwise=False),
        ],
        "lips-chin": [
            *face,
            *both(arrow, (146, 222), (126, 216), (114, 229)),
            *both(arrow, (146, 263), (126, 268), (114, 252)),
            *hands_pair((112, 268), 28, 0.8),
        ],
        "neck": [
            *face,
            *hands_pair((100, 250), 150, 0.85),
            *both(arrow, (114, 262), (116, 296), (108, 334)),
        ],
    }
    return steps


# -------------------------------------------------------------------------------------- imagery scenes


def framed(points: Sequence[Point]) -> list[Point]:
    """The part of a polygon inside the wide picture (Qt would draw past the viewBox)."""
    return clip(points, rect_points(0, 0, *WIDE))


def beach_dusk() -> str:
    defs = [
        linear("sky", [(0, "#2c3553", 1), (0.45, "#6a5a7e", 1), (0.8, "#c78c86", 1), (1, "#e6ad86", 1)]),
        linear("sea", [(0, "#6b6f8c", 1), (1, "#3b4561", 1)]),
        linear("sand", [(0, "#8a7483", 1), (0.35, "#6a5868", 1), (1, "#594a5a", 1)]),
        radial("glow", (1060, 500), 420, [(0, "#f6c58e", 0.55), (0.5, "#e8a07c", 0.18), (1, "#e8a07c", 0)]),
    ]
    body = [
        path("M0 0H1600V520H0Z", fill="url(#sky)"),
        path("M0 0H1600V640H0Z", fill="url(#glow)"),
        circle((1060, 506), 62, fill="#f7cf98"),
        path("M0 504H1600V900H0Z", fill="url(#sea)"),
        group(
            [
                path(f"M{num(1060 - w)} {y}H{num(1060 + w)}", stroke_width=num(t))
                for y, w, t in ((520, 120, 6), (540, 86, 5), (562, 60, 4), (586, 40, 4), (612, 22, 3))
            ],
            stroke="#f3c28f",
            stroke_linecap="round",
            opacity="0.55",
        ),
        group(
            [
                path(f"M{x} {y}Q{x + 40} {y - 6} {x + 80} {y}", fill="none")
                for x, y in ((180, 560), (420, 590), (760, 548), (1300, 580), (1420, 545), (600, 620))
            ],
            stroke="#8b8fad",
            stroke_width="3",
            stroke_linecap="round",
            opacity="0.6",
        ),
        path(
            "M0 656C300 630 620 668 900 650C1180 632 1420 640 1600 628V900H0Z", fill="#cfd3dd", opacity="0.35"
        ),
        path("M0 668C320 646 640 680 920 662C1200 646 1420 652 1600 642V900H0Z", fill="url(#sand)"),
    ]
    return document(WIDE, body, defs)


def conifer(x: float, base: float, height: float, width: float) -> str:
    """A flat fir: three softened triangles stacked on a short trunk (one path, so one colour)."""
    d = ""
    for k in range(3):
        top = base - height * (1 - 0.21 * k)
        bottom = base - height * (0.5 - 0.2 * k)
        half = width * (0.3 + 0.2 * k)
        tier = smooth([(x, top), (x + half, bottom), (x - half, bottom)], 1)
        d += poly_d(thin(framed(tier), 4.0))
    trunk = width * 0.06
    return d + poly_d(framed(rect_points(x - trunk, base - height * 0.12, x + trunk, base + 30)))


def forest_rain() -> str:
    rng = random.Random(7)
    defs = [
        linear("sky", [(0, "#8fa39f", 1), (0.6, "#b5c2bd", 1), (1, "#c3cdc8", 1)]),
        linear("ground", [(0, "#4a6059", 1), (1, "#34463f", 1)]),
        linear("path", [(0, "#9aa59b", 1), (1, "#71806f", 1)]),
        linear("mist", [(0, "#dfe6e2", 0), (0.5, "#dfe6e2", 0.55), (1, "#dfe6e2", 0)]),
    ]
    layers: list[str] = [path("M0 0H1600V900H0Z", fill="url(#sky)")]
    for base, height, count, colour, width in (
        (560, 320, 16, "#9db0ab", 100),
        (600, 400, 11, "#7b938d", 130),
        (660, 520, 7, "#5b756e", 170),
    ):
        trees = []
        for i in range(count):
            x = (i + rng.uniform(0.15, 0.85)) * 1600 / count
            if abs(x - 800) < 60 and count == 7:
                x += 140
            h = height * rng.uniform(0.8, 1.1)
            trees.append(path(conifer(x, base, h, width * rng.uniform(0.85, 1.15))))
        layers.append(group(trees, fill=colour))
        layers.append(path(f"M0 {base - 90}H1600V{base + 40}H0Z", fill="url(#mist)"))
    layers.append(
        path("M0 660C300 640 560 652 800 648C1060 644 1320 636 1600 656V900H0Z", fill="url(#ground)")
    )
    layers.append(
        path(
            "M770 652C790 652 812 652 826 654C860 720 900 800 1010 900H560C660 820 740 740 770 652Z",
            fill="url(#path)",
            opacity="0.7",
        )
    )
    streaks = []
    for _ in range(70):
        x, y = rng.uniform(30, 1600), rng.uniform(0, 600)
        length = rng.uniform(22, 42)
        streaks.append(f"M{num(x)} {num(y)}l{num(-length * 0.22)} {num(length)}")
    layers.append(
        path("".join(streaks), stroke="#eef3f1", stroke_width="2", stroke_linecap="round", opacity="0.35")
    )
    drops = [circle((rng.uniform(40, 1560), rng.uniform(700, 880)), rng.uniform(4, 8)) for _ in range(10)]
    layers.append(group(drops, fill="none", stroke="#8fa39c", stroke_width="2", opacity="0.45"))
    return document(WIDE, layers, defs)


def mountain_lake() -> str:
    defs = [
        linear("sky", [(0, "#a9c3d2", 1), (0.6, "#d6dfe2", 1), (1, "#efd9c4", 1)]),
        linear("lake", [(0, "#8fa8b6", 1), (0.35, "#6f8a99", 1), (1, "#5b7482", 1)]),
        linear("calm", [(0, "#5b7482", 0), (0.45, "#5b7482", 0.6), (1, "#55707e", 0.8)]),
        radial("sun", (1180, 300), 260, [(0, "#fbe7cc", 0.9), (0.3, "#f6dcc0", 0.35), (1, "#f6dcc0", 0)]),
    ]
    horizon = 540
    ridge = [
        (0, 380),
        (180, 300),
        (300, 340),
        (470, 210),
        (600, 300),
        (700, 260),
        (860, 130),
        (1010, 280),
        (1120, 240),
        (1280, 320),
        (1420, 250),
        (1600, 360),
    ]
    far = poly_d(framed(smooth([(-40, 600), (-40, 400), *ridge, (1640, 380), (1640, 600)], 1)))
    snow = [
        [(810, 175), (860, 130), (910, 182), (884, 172), (862, 190), (838, 172)],
        [(440, 245), (470, 210), (505, 250), (488, 244), (470, 256), (455, 244)],
    ]
    near = (
        "M0 540L0 440C120 420 220 380 330 400C450 420 520 380 640 410C760 440 900 400 1040 420"
        "C1200 445 1380 400 1600 430V540Z"
    )
    shore = "M0 540V520C300 512 500 530 800 524C1100 518 1300 528 1600 516V540Z"
    scene = [
        path(far, fill="#8c9fb0"),
        *[path(poly_d(smooth(cap, 1)), fill="#e9eef1") for cap in snow],
        path(near, fill="#6d8493"),
        path(shore, fill="#55707a"),
    ]
    # The mirror image is squashed a little so that it ends above the picture's bottom edge.
    reflection = group(
        scene, transform=f"translate(0 {horizon}) scale(1 -0.8) translate(0 {-horizon})", opacity="0.3"
    )
    body = [
        path("M0 0H1600V540H0Z", fill="url(#sky)"),
        circle((1180, 300), 260, fill="url(#sun)"),
        circle((1180, 300), 46, fill="#fbeede", opacity="0.9"),
        *scene,
        path(f"M0 {horizon}H1600V900H0Z", fill="url(#lake)"),
        reflection,
        group(
            [
                path(f"M{x} {y}H{x + w}")
                for x, y, w in ((200, 600, 160), (900, 580, 220), (1240, 640, 140), (520, 680, 180))
            ],
            stroke="#c9d6dc",
            stroke_width="3",
            stroke_linecap="round",
            opacity="0.45",
        ),
        path("M0 560H1600V900H0Z", fill="url(#calm)"),
    ]
    return document(WIDE, body, defs)


def warm_light() -> str:
    c = (800.0, 400.0)
    defs = [
        linear("bg", [(0, "#2b1f2a", 1), (0.6, "#22181f", 1), (1, "#1a1318", 1)]),
        radial(
            "glow",
            c,
            620,
            [(0, "#f2b46a", 0.75), (0.25, "#d98b52", 0.35), (0.6, "#a0574a", 0.12), (1, "#a0574a", 0)],
        ),
        linear("calm", [(0, "#1a1318", 0), (0.5, "#1a1318", 0.35), (1, "#1a1318", 0.5)]),
        radial("core", c, 130, [(0, "#ffe2b0", 1), (0.6, "#f7c27c", 0.8), (1, "#f0a862", 0)]),
    ]
    rings = [
        circle(c, r, fill="none", stroke="#f4c27e", stroke_width=num(w), opacity=num(o))
        for r, w, o in ((180, 3, 0.22), (250, 2.5, 0.15), (320, 2, 0.1), (385, 2, 0.06))
    ]
    rng = random.Random(3)
    motes = []
    for _ in range(26):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(160, 520)
        motes.append(circle((c[0] + d * math.cos(a) * 1.3, c[1] + d * math.sin(a) * 0.55), rng.uniform(2, 5)))
    body = [
        path("M0 0H1600V900H0Z", fill="url(#bg)"),
        path("M0 0H1600V900H0Z", fill="url(#glow)"),
        *rings,
        group(motes, fill="#f6cf94", opacity="0.35"),
        circle(c, 130, fill="url(#core)"),
        path("M0 560H1600V900H0Z", fill="url(#calm)"),
    ]
    return document(WIDE, body, defs)


# ------------------------------------------------------------------------------------------- writing


def write(folder: str, drawings: dict[str, str]) -> None:
    target = IMAGES / folder
    target.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(drawings.items()):
        (target / f"{name}.svg").write_text(text, encoding="utf-8")
    print(f"wrote {len(drawings)} drawings to {target.relative_to(ROOT)}")


def main() -> int:
    write("pmr", pmr_figures())
    write("massage", {name: document(PORTRAIT, body) for name, body in massage_steps().items()})
    write(
        "imagery",
        {
            "beach-dusk": beach_dusk(),
            "forest-rain": forest_rain(),
            "mountain-lake": mountain_lake(),
            "warm-light": warm_light(),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
