#!/usr/bin/python3
"""Tables wider than the page (issue 9 item 9, docs/layouts.md "Wide tables").

tests/data/bang-rong.xml: eleven columns of Vietnamese headings and large
amounts. No word, syllable or number of its cells is split across lines
(pdftotext -bbox: the table page's words are exactly the cells' words, and
compounds stay on one line); the table stands alone on a landscape page
(pdfinfo) at 12 pt (mutool trace); render and check print the same warning,
in English and under a Vietnamese locale; the DOCX puts the table in a
landscape section of its own with the PDF's column widths and size.

tests/data/bang-thu-nho.xml: fits at 12 pt, not at 13: one portrait page, the
cells at 12 pt, nothing printed (a note under -v, from render and check
alike).

A generated table too wide even for a landscape page at 12 pt: words broken,
a warning, the same from check.

usage: test_tables.py VANBAN"""
import collections
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, bbox_words, check, finish, pdfinfo, render, run

import docx as python_docx

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-tables-")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ENV_EN = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": ""}
ENV_VI = {"LANG": "vi_VN.UTF-8", "LC_ALL": "vi_VN.UTF-8", "LANGUAGE": ""}


def vb(*args, env=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    e.update(env or ENV_EN)
    return run([vanban, *args], env=e)


def cell_texts(src):
    """The text of every <o> of the input's tables, white space folded."""
    out = []
    for o in ET.parse(src).getroot().iter("o"):
        out.append(re.sub(r"\s+", " ", "".join(o.itertext())).strip())
    return out


def trace(pdf, page):
    """mutool trace of one page: the stroked rectangles (x0, y0, x1, y1) and
    the text sizes."""
    r = run(["mutool", "trace", pdf, str(page)])
    rects, sizes = [], collections.Counter()
    root = ET.fromstring(r.stdout.decode("utf-8"))
    for sp in root.iter("stroke_path"):
        xs = [float(p.get("x")) for p in sp if p.get("x") is not None]
        ys = [float(p.get("y")) for p in sp if p.get("y") is not None]
        if len(xs) >= 4:
            rects.append((min(xs), min(ys), max(xs), max(ys)))
    for span in root.iter("span"):
        trm = span.get("trm", "").split()
        if trm:
            sizes[round(float(trm[0]), 2)] += len(list(span))
    return rects, sizes


def docx_sections(path):
    """The DOCX body as a list of sections, each (orientation, its tables)."""
    d = python_docx.Document(path)
    secs, tables = [], []
    for el in d.element.body:
        if el.tag == W + "tbl":
            tables.append(el)
        sp = el.find(f"{W}pPr/{W}sectPr") if el.tag == W + "p" else (el if el.tag == W + "sectPr" else None)
        if sp is not None:
            sz = sp.find(W + "pgSz")
            secs.append((sz.get(W + "orient") or "portrait", tables))
            tables = []
    return secs


def grid_pt(tbl):
    return [int(g.get(W + "w")) / 20 for g in tbl.find(W + "tblGrid").findall(W + "gridCol")]


def run_sizes(tbl):
    sizes = collections.Counter()
    for sz in tbl.iter(W + "sz"):
        sizes[int(sz.get(W + "val")) / 2] += 1
    return sizes


# ---- the eleven columns: a landscape page of its own -----------------------------------

src = os.path.join(ROOT, "tests", "data", "bang-rong.xml")
pdf = os.path.join(tmp, "bang-rong.pdf")
r = render(vanban, src, pdf, env=ENV_EN)
check(r.returncode == 0, f"bang-rong: vanban exited {r.returncode}: {r.stderr.decode()}")
warn = r.stderr.decode()
check(re.fullmatch(r".*bang-rong\.xml:20:5: warning: the table's columns need \d+ mm at 12 pt \(no word or number "
                   r"broken\), more than the 165 mm of a portrait page; it is set on a landscape page of its own, "
                   r"at 12 pt\n", warn, re.S) is not None and warn.count("\n") == 1,
      f"bang-rong: render's warning: {warn!r}")
c = vb("check", src)
check(c.returncode == 0 and c.stderr.decode() == warn, f"bang-rong: check printed {c.stderr.decode()!r}, render {warn!r}")
# the same in Vietnamese, from both
rv = render(vanban, src, os.path.join(tmp, "vi.pdf"), env=ENV_VI)
cv = vb("check", src, env=ENV_VI)
vi = rv.stderr.decode()
check("cảnh báo: các cột của bảng cần" in vi and "trang ngang riêng" in vi and cv.stderr.decode() == vi,
      f"bang-rong: under vi_VN render printed {vi!r}, check {cv.stderr.decode()!r}")

info, _ = pdfinfo(pdf)
n_pages = int(info.get("Pages", "0"))
sizes = []
for p in range(1, n_pages + 1):
    ir = run(["pdfinfo", "-f", str(p), "-l", str(p), pdf]).stdout.decode()
    m = re.search(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", ir)
    sizes.append((float(m.group(1)), float(m.group(2))) if m else (0, 0))
landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
check(n_pages == 3 and landscape == [1], f"bang-rong: page sizes {sizes}: expected portrait, landscape, portrait")

pages = bbox_words(pdf)
cells = cell_texts(src)
want = collections.Counter(w for t in cells for w in t.split())
if check(len(pages) == n_pages and landscape, "bang-rong: pdftotext -bbox-layout"):
    tp = pages[landscape[0]]
    words = [w for ln in tp["lines"] for w in ln]
    # the page number aside, the landscape page holds the cells' words, each whole
    got = collections.Counter(w[0] for w in words if not (w[0] == "2" and w[2] < 50))
    check(got == want, f"bang-rong: the table page's words differ from the cells': "
                       f"missing {sorted((want - got).elements())}, extra {sorted((got - want).elements())}")
    for t in ("12.345.678", "748,8", "STT", "2.062,6", "33.456.788", "thường"):
        check(got[t] >= 1, f"bang-rong: {t!r} is not one word on the table page")
    # compounds of the headings stay on one line
    for a, b in (("thường", "xuyên"), ("thành", "phố"), ("cơ", "sở"), ("ngân", "sách"), ("khuyến", "công")):
        wa = [w for w in words if w[0] == a]
        wb = [w for w in words if w[0] == b]
        check(any(abs(x[2] - y[2]) < 1 and 0 < y[1] - x[3] < 6 for x in wa for y in wb),
              f"bang-rong: {a} {b} is broken across lines")
    # nothing of the table outside its page
    for i, pg in enumerate(pages):
        if i != landscape[0]:
            other = {w[0] for ln in pg["lines"] for w in ln}
            check(not ({"12.345.678", "STT", "Ghi"} & other), f"bang-rong: table text on page {i + 1}")

rects, tsizes = trace(pdf, landscape[0] + 1) if landscape else ([], {})
# 12 pt but for the page number's one glyph
check(tsizes.get(12.0, 0) > 400 and sum(n for s_, n in tsizes.items() if s_ != 12.0) <= 1,
      f"bang-rong: the table page's text sizes {dict(tsizes)}: expected 12 pt only")
# the header row's cells (the row of the first cell drawn): the column edges the PDF draws
first = rects[0] if rects else (0, 0, 0, 0)
head = sorted(r_ for r_ in rects if abs(r_[1] - first[1]) < 0.01 and abs(r_[3] - first[3]) < 0.01)
pdf_cols = [round(x1 - x0, 2) for x0, _, x1, _ in head]
check(len(pdf_cols) == 11, f"bang-rong: {len(pdf_cols)} header cells drawn, expected 11")

out = os.path.join(tmp, "bang-rong.docx")
r = render(vanban, src, out, env=ENV_EN)
check(r.returncode == 0 and r.stderr.decode() == warn, f"bang-rong: DOCX render printed {r.stderr.decode()!r}")
secs = docx_sections(out)
orient = [s[0] for s in secs]
wide = [(i, t) for i, s in enumerate(secs) for t in s[1] if len(grid_pt(t)) == 11]
check(orient == ["portrait", "landscape", "portrait"], f"bang-rong: DOCX sections {orient}")
if check(len(wide) == 1 and wide[0][0] == 1 and len(secs[1][1]) == 1,
         f"bang-rong: the 11-column table is not alone in the DOCX's landscape section: {[(i, len(s[1])) for i, s in enumerate(secs)]}"):
    t = wide[0][1]
    cols = grid_pt(t)
    check(len(cols) == len(pdf_cols) and all(abs(a - b) < 0.1 for a, b in zip(cols, pdf_cols)),
          f"bang-rong: DOCX grid {cols} against the PDF's columns {pdf_cols}")
    check(set(run_sizes(t)) == {12.0}, f"bang-rong: DOCX cell sizes {dict(run_sizes(t))}")

# ---- fits at 12 pt: portrait, smaller, silent ------------------------------------------

src = os.path.join(ROOT, "tests", "data", "bang-thu-nho.xml")
pdf = os.path.join(tmp, "bang-thu-nho.pdf")
r = render(vanban, src, pdf, env=ENV_EN)
check(r.returncode == 0 and r.stderr == b"", f"bang-thu-nho: vanban: {r.returncode} {r.stderr.decode()!r}")
c = vb("check", src)
check(c.returncode == 0 and c.stderr == b"", f"bang-thu-nho: check printed {c.stderr.decode()!r}")
rn = vb("render", "-v", src, "-o", os.path.join(tmp, "v.pdf"))
cn = vb("check", "-v", src)
note = [l for l in rn.stderr.decode().splitlines() if "the table" in l]
check(note == [f"{src}:18:5: note: the table is set at 12 pt instead of 13 pt, so that no word or number in it is broken"]
      and note == [l for l in cn.stderr.decode().splitlines() if "the table" in l],
      f"bang-thu-nho: -v notes: render {note}, check {cn.stderr.decode()!r}")
info, _ = pdfinfo(pdf)
check(info.get("Pages") == "1" and "595.276 x 841.89" in info.get("Page size", ""),
      f"bang-thu-nho: {info.get('Pages')} pages of {info.get('Page size')}: expected one portrait page")
cells = cell_texts(src)
boxes = [w for pg in bbox_words(pdf) for ln in pg["lines"] for w in ln]
words = [w[0] for w in boxes]
for t in cells:
    for w in t.split():
        check(w in words, f"bang-thu-nho: {w!r} is not one word in the PDF")
# the cells at 12 pt against the body's 14: the words' boxes are as tall as their size
h = {w[0]: w[4] - w[2] for w in boxes}
ratio = h.get("123.456.789", 0) / h.get("Nguồn", 1)
check(abs(ratio - 12 / 14) < 0.01, f"bang-thu-nho: the cells are set at {ratio * 14:.2f} pt, expected 12")
out = os.path.join(tmp, "bang-thu-nho.docx")
render(vanban, src, out, env=ENV_EN)
secs = docx_sections(out)
tabs = [t for s in secs for t in s[1] if len(grid_pt(t)) == 7]
check([s[0] for s in secs] == ["portrait"] and len(tabs) == 1 and set(run_sizes(tabs[0])) == {12.0},
      f"bang-thu-nho: DOCX sections {[s[0] for s in secs]}, table sizes {[dict(run_sizes(t)) for t in tabs]}")

# ---- too wide even for a landscape page at 12 pt: words broken, and said ---------------

n = 22
row = "".join(f"<o can=\"phai\">{12345678 + k:,}</o>".replace(",", ".") for k in range(n))
xml = open(os.path.join(ROOT, "tests", "data", "bang-thu-nho.xml"), encoding="utf-8").read()
xml = re.sub(r"<bang>.*</bang>", f"<bang><dong>{row}</dong></bang>", xml, flags=re.S)
src = os.path.join(tmp, "qua-rong.xml")
with open(src, "w", encoding="utf-8") as f:
    f.write(xml)
pdf = os.path.join(tmp, "qua-rong.pdf")
r = render(vanban, src, pdf, env=ENV_EN)
said = r.stderr.decode()
check(r.returncode == 0 and re.fullmatch(r".*qua-rong\.xml:\d+:\d+: warning: the table's columns need \d+ mm at 12 pt, "
                                         r"more than the 252 mm of a landscape page; words in it are broken between "
                                         r"letters\n", said, re.S) is not None and said.count("\n") == 1,
      f"qua-rong: render printed {said!r}")
c = vb("check", src)
check(c.stderr.decode() == said, f"qua-rong: check printed {c.stderr.decode()!r}, render {said!r}")
sizes = [tuple(map(float, m)) for m in re.findall(r"size:\s+([\d.]+) x ([\d.]+)",
                                                  run(["pdfinfo", "-f", "1", "-l", "9", pdf]).stdout.decode())]
check(any(w > h for w, h in sizes), f"qua-rong: no landscape page: {sizes}")

finish("test_tables")
