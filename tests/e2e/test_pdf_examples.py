#!/usr/bin/python3
"""Every example rendered to PDF and read back by real tools:
poppler (pdftotext, pdffonts, pdfinfo), mupdf (mutool) and qpdf: the text
layer, the fonts, the file's soundness, its information and determinism.
Each example twice: as rendered by default and with --compact (docs/pdf.md),
which must give the same pixels (pdftoppm, mutool) in a smaller file; the
reference report within the sizes issue 13 set.
(The layout's geometry is test_geometry.py's.)

usage: test_pdf_examples.py VANBAN [EXAMPLE.xml ...]"""
import glob
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, fold, input_paragraphs, mutool_text, pdfinfo, pdftotext, render, run

vanban = os.path.abspath(sys.argv[1])
examples = sys.argv[2:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")))
tmp = tempfile.mkdtemp(prefix="vanban-e2e-")

# inputs whose point is a warning: what each must print, and nothing else
EXPECTED = {
    "bang-rong": "warning: the table's columns need",  # issue 9 item 9: a landscape page of its own
}

# The reference report's sizes (docs/pdf.md has the figures measured).
SIZE_LIMIT = {"bao-cao-lap-vo": {"": 30000, "--compact": 26000}}


def pages_gray(pdf, tool):
    """Each page drawn at 72 dpi in grey by poppler or mupdf: (width, height, bytes) per page."""
    out = os.path.join(tmp, "px-" + tool)
    for old in glob.glob(out + "*"):
        os.remove(old)
    if tool == "poppler":
        r = run(["pdftoppm", "-r", "72", "-gray", pdf, out])
    else:
        r = run(["mutool", "draw", "-q", "-r", "72", "-c", "gray", "-o", out + "-%d.pgm", pdf])
    err = [ln for ln in r.stderr.decode().splitlines() if ln != "warning: ICC support is not available"]
    check(r.returncode == 0 and not err, f"{pdf}: {tool} draw: rc={r.returncode} {err}")
    pages = []
    for f in sorted(glob.glob(out + "-*.pgm"), key=lambda f: int(f.rsplit("-", 1)[1].split(".")[0])):
        data = open(f, "rb").read()
        magic, size, maxval, px = data.split(b"\n", 3)
        w, h = map(int, size.split())
        pages.append((w, h, px))
    return pages


NUMBER = re.compile(rb"(?<![A-Za-z0-9.#])[-+]?(?:\d+\.?\d*|\.\d+)(?![A-Za-z0-9.])")
STRING = re.compile(rb"\((?:\\.|[^\\)])*\)", re.S)


def check_content(label, pdf):
    """The page content streams are compact: numbers in the shortest form
    (no trailing zeros, no lone leading 0, at most 3 decimals: positions
    have 2, colours and sizes 3) and no font, colour or line width set to
    what it already is."""
    qdf = pdf + ".qdf"
    r = run(["qpdf", "--qdf", "--normalize-content=n", "--object-streams=disable", pdf, qdf])
    if not check(r.returncode == 0, f"{label}: qpdf --qdf: {r.stderr.decode()}"):
        return
    data = open(qdf, "rb").read()
    parts = data.split(b"%% Contents for page ")[1:]
    check(len(parts) >= 1, f"{label}: no page contents found")
    for part in parts:
        page = part.split(b"\n", 1)[0].decode()
        body = part.split(b"stream\n", 1)[1].split(b"\nendstream", 1)[0]
        ops = STRING.sub(b" ", body)
        bad = [n.decode() for n in NUMBER.findall(ops)
               if re.fullmatch(rb"-?0\.\d+|-?\d*\.\d*0|-?\d*\.|-?\d*\.\d{4,}|-0", n)]
        check(not bad, f"{label}: page {page}: numbers not in their shortest form: {bad[:5]}")
        last = {}
        for m in re.finditer(rb"([^\n]*?)\s*\b(Tf|rg|RG|w)\b", ops):
            op = m.group(2)
            args = m.group(1).split()[-(2 if op == b"Tf" else 3 if op in (b"rg", b"RG") else 1):]
            check(last.get(op) != args, f"{label}: page {page}: {op.decode()} {b' '.join(args).decode()} set twice")
            last[op] = args
    os.remove(qdf)


def check_pdf(name, src, pdf, flag):
    """The checks every PDF passes, rendered with flag ("" or "--compact")."""
    label = f"{name}{' ' + flag if flag else ''}"
    r = render(vanban, src, pdf, *([flag] if flag else []))
    if not check(r.returncode == 0, f"{label}: vanban exited {r.returncode}: {r.stderr.decode()}"):
        return False
    said = [l for l in r.stderr.decode().splitlines() if EXPECTED.get(name, "\0") not in l]
    check(not said and (name not in EXPECTED or r.stderr), f"{label}: vanban printed: {r.stderr.decode()}")
    size = os.path.getsize(pdf)
    if name in SIZE_LIMIT:
        limit = SIZE_LIMIT[name][flag]
        check(size <= limit, f"{label}: {size} bytes, more than {limit}")

    # the text layer gives back every paragraph of the input, exactly
    text, err, rc = pdftotext(pdf)
    check(rc == 0 and err == "", f"{label}: pdftotext: rc={rc} {err}")
    raw, err, rc = pdftotext(pdf, "-raw")
    mtext, merr, mrc = mutool_text(pdf)
    check(mrc == 0 and merr == "", f"{label}: mutool: rc={mrc} {merr}")
    folded = {"pdftotext": fold(text), "pdftotext -raw": fold(raw), "mutool": fold(mtext)}
    for para in input_paragraphs(src):
        for tool in ("pdftotext -raw", "mutool"):
            check(para in folded[tool], f"{label}: {tool} lacks: {para[:80]}")
    for tool, t in folded.items():
        check("\u0192" not in t and "\ufffd" not in t and "\u01a3" not in t, f"{label}: {tool}: broken characters")
        check("\u00d0" not in t, f"{label}: {tool}: U+00D0 instead of Đ")

    # a golden copy of the whole text, where one is kept
    golden = os.path.join(ROOT, "tests", "golden", name + ".txt")
    if os.path.exists(golden):
        want = fold(open(golden, encoding="utf-8").read())
        check(folded["pdftotext -raw"] == want, f"{label}: text differs from {golden}")
        if os.environ.get("VB_UPDATE_GOLDEN") and not flag:
            open(golden, "w", encoding="utf-8").write(raw)

    # qpdf finds nothing
    q = run(["qpdf", "--check", pdf])
    out = q.stdout.decode()
    check(q.returncode == 0 and "No syntax or stream encoding errors" in out and "WARNING" not in out
          and q.stderr == b"", f"{label}: qpdf --check: {out} {q.stderr.decode()}")

    # every font embedded and subset, with a ToUnicode map
    f = run(["pdffonts", pdf])
    rows = f.stdout.decode().splitlines()[2:]
    check(len(rows) >= 1 and f.stderr == b"", f"{label}: pdffonts: {f.stderr.decode()}")
    for row in rows:
        cols = row.split()
        check(cols[-5:-2] == ["yes", "yes", "yes"] and "+" in cols[0],
              f"{label}: font not embedded/subset/unicode: {row}")

    # document information
    info, err = pdfinfo(pdf)
    check(err == "", f"{label}: pdfinfo: {err}")
    check(info.get("Creator", "").startswith("vanban "), f"{label}: Creator {info.get('Creator')}")
    check(float(info.get("Page size", "0 x 0").split()[0]) == 595.276, f"{label}: not A4: {info.get('Page size')}")

    check_content(label, pdf)

    # the same input gives the same bytes
    pdf2 = os.path.join(tmp, name + "-again.pdf")
    render(vanban, src, pdf2, *([flag] if flag else []))
    check(open(pdf, "rb").read() == open(pdf2, "rb").read(), f"{label}: output differs between two runs")
    return True


for src in examples:
    name = os.path.splitext(os.path.basename(src))[0]
    pdf = os.path.join(tmp, name + ".pdf")
    if not check_pdf(name, src, pdf, ""):
        continue

    # --compact: smaller, and the same pages: poppler and mupdf draw the
    # same pixels as from the default file (only the deflate level, the
    # fonts' unused tables and nothing a page shows differ)
    small = os.path.join(tmp, name + "-compact.pdf")
    if check_pdf(name, src, small, "--compact"):
        check(os.path.getsize(small) < os.path.getsize(pdf),
              f"{name}: --compact gives {os.path.getsize(small)} bytes, the default {os.path.getsize(pdf)}")
        for tool in ("poppler", "mupdf"):
            want, got = pages_gray(pdf, tool), pages_gray(small, tool)
            check(len(want) == len(got) and len(want) >= 1, f"{name} --compact: {tool}: {len(got)} pages, not {len(want)}")
            for i, (a, b) in enumerate(zip(want, got)):
                check(a == b, f"{name} --compact: {tool}: page {i + 1} differs from the default's")

    # the JSON page model agrees on the rules (lengths the PDF cannot tell)
    js = os.path.join(tmp, name + ".json")
    render(vanban, src, js)
    model = json.load(open(js, encoding="utf-8"))
    boxes = {}
    for b in model["boxes"]:  # the main text's boxes: the first of each name
        boxes.setdefault(b["name"], b)
    if "tieu_ngu" in boxes and "tieu_ngu_rule" in boxes:
        check(abs(boxes["tieu_ngu_rule"]["w"] - boxes["tieu_ngu"]["w"]) < 0.5, f"{name}: motto rule length")
    if "co_quan" in boxes and "co_quan_rule" in boxes:
        # the agency's widest line is the box's width
        widest = max(boxes["co_quan"]["w"], boxes["co_quan_2"]["w"] if "co_quan_2" in boxes else 0)
        ratio = boxes["co_quan_rule"]["w"] / widest
        check(1 / 3 - 1e-6 <= ratio <= 1 / 2 + 1e-6, f"{name}: agency rule is {ratio:.2f} of the name")
    if "trich_yeu" in boxes and "trich_yeu_rule" in boxes:
        ratio = boxes["trich_yeu_rule"]["w"] / boxes["trich_yeu"]["w"]
        check(1 / 3 - 1e-6 <= ratio <= 1 / 2 + 1e-6, f"{name}: summary rule is {ratio:.2f} of the summary")
    if "noi_nhan" in boxes and "tham_quyen" in boxes and len(ET.parse(src).getroot().findall("chu_ky")) == 1:
        check(abs(boxes["noi_nhan"]["baseline"] - boxes["tham_quyen"]["baseline"]) < 0.5
              and boxes["noi_nhan"]["page"] == boxes["tham_quyen"]["page"],
              f"{name}: Nơi nhận not level with the first authority line")

finish("test_pdf_examples")
