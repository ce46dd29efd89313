"""Reads a PDF's drawing back with mupdf (`mutool draw -F trace`): every glyph
with its character, font, size and position, every stroked path with its
colour and width, every image. Positions are in points from the page's
top-left corner, so the tests speak the layout's language without using any
of its code."""
import re
import subprocess
import xml.etree.ElementTree as ET


class Glyph:
    __slots__ = ("ch", "x", "y", "adv", "size", "font", "color")

    def __init__(self, ch, x, y, adv, size, font, color):
        self.ch, self.x, self.y, self.adv, self.size, self.font, self.color = ch, x, y, adv, size, font, color

    @property
    def bold(self):
        return "Bold" in self.font

    @property
    def italic(self):
        return "Ital" in self.font  # mupdf cuts long font names ("…BoldItal")


class Line:
    """Glyphs on one baseline, close together (one line of one column)."""

    def __init__(self, glyphs):
        self.glyphs = glyphs
        self.text = "".join(g.ch for g in glyphs).strip()
        self.x0 = min(g.x for g in glyphs)
        self.x1 = max(g.x + g.adv for g in glyphs if g.ch != " ") if any(g.ch != " " for g in glyphs) else self.x0
        self.base = glyphs[0].y
        self.size = max(g.size for g in glyphs)
        letters = [g for g in glyphs if g.ch.strip()]
        self.bold = all(g.bold for g in letters)
        self.italic = all(g.italic for g in letters)
        self.color = letters[0].color if letters else None

    @property
    def mid(self):
        return (self.x0 + self.x1) / 2

    def __repr__(self):
        return f"Line({self.text!r}, x={self.x0:.1f}..{self.x1:.1f}, base={self.base:.1f}, size={self.size})"


class Path:
    def __init__(self, points, width, color, closed):
        self.points, self.width, self.color, self.closed = points, width, color, closed
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self.x0, self.x1, self.y0, self.y1 = min(xs), max(xs), min(ys), max(ys)

    @property
    def is_hline(self):
        return len(self.points) == 2 and abs(self.y1 - self.y0) < 0.01

    @property
    def is_rect(self):
        return len(self.points) >= 4 and self.x1 - self.x0 > 1 and self.y1 - self.y0 > 1

    def __repr__(self):
        return f"Path({self.x0:.1f},{self.y0:.1f}..{self.x1:.1f},{self.y1:.1f} color={self.color})"


class Page:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.glyphs, self.paths, self.images, self.lines = [], [], [], []


def _color(s, space):
    v = [float(x) for x in s.split()]
    if space.endswith("Gray"):
        v = v * 3
    return tuple(round(c * 255) for c in v[:3])


def read(pdf):
    r = subprocess.run(["mutool", "draw", "-q", "-F", "trace", "-o", "-", pdf], capture_output=True)
    root = ET.fromstring(r.stdout.decode("utf-8"))
    pages = []
    for pe in root.iter("page"):
        mb = [float(x) for x in pe.get("mediabox").split()]
        pg = Page(mb[2] - mb[0], mb[3] - mb[1])
        H = pg.h
        for el in pe:
            if el.tag == "fill_text":
                color = _color(el.get("color"), el.get("colorspace"))
                for span in el.iter("span"):
                    size = float(span.get("trm").split()[0])
                    font = span.get("font")
                    for g in span.iter("g"):
                        pg.glyphs.append(Glyph(g.get("unicode"), float(g.get("x")), H - float(g.get("y")),
                                               float(g.get("adv")) * size, size, font, color))
            elif el.tag == "stroke_path":
                pts = [(float(p.get("x")), H - float(p.get("y"))) for p in el if p.tag in ("moveto", "lineto")]
                closed = any(p.tag == "closepath" for p in el)
                if pts:
                    pg.paths.append(Path(pts, float(el.get("linewidth")), _color(el.get("color"), el.get("colorspace")), closed))
            elif el.tag == "fill_image":
                t = [float(x) for x in el.get("transform").split()]
                # unit square mapped by the matrix: width t[0], height t[3], origin t[4], t[5]
                w, h = abs(t[0]), abs(t[3])
                x = t[4]
                y = H - t[5] - (h if t[3] > 0 else 0)
                pg.images.append((x, y, w, h))
        pg.lines = _lines(pg.glyphs)
        pages.append(pg)
    return pages


def _lines(glyphs):
    """Groups glyphs into lines: same baseline, and no gap between columns."""
    rows = {}
    for g in glyphs:
        rows.setdefault(round(g.y, 1), []).append(g)
    out = []
    for y in sorted(rows):
        gs = sorted(rows[y], key=lambda g: g.x)
        cur = [gs[0]]
        for g in gs[1:]:
            prev = cur[-1]
            gap = g.x - (prev.x + prev.adv)
            # columns: a gap after a letter (justified text widens the gap
            # after a space glyph, and trailing spaces are not drawn)
            if gap > 3 * g.size or (gap > 0.3 * g.size and prev.ch != " "):
                out.append(Line(cur))
                cur = [g]
            else:
                cur.append(g)
        out.append(Line(cur))
    return out


def find(page, pred):
    for ln in page.lines:
        if pred(ln.text):
            return ln
    return None


def find_all(page, pred):
    return [ln for ln in page.lines if pred(ln.text)]
