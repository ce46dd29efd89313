#!/usr/bin/python3
"""Every example rendered to PDF and read back by real tools:
poppler (pdftotext, pdffonts, pdfinfo), mupdf (mutool) and qpdf: the text
layer, the fonts, the file's soundness, its information and determinism.
(The layout's geometry is test_geometry.py's.)

usage: test_pdf_examples.py VANBAN [EXAMPLE.xml ...]"""
import glob
import json
import os
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

for src in examples:
    name = os.path.splitext(os.path.basename(src))[0]
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, src, pdf)
    if not check(r.returncode == 0, f"{name}: vanban exited {r.returncode}: {r.stderr.decode()}"):
        continue
    said = [l for l in r.stderr.decode().splitlines() if EXPECTED.get(name, "\0") not in l]
    check(not said and (name not in EXPECTED or r.stderr), f"{name}: vanban printed: {r.stderr.decode()}")

    # the text layer gives back every paragraph of the input, exactly
    text, err, rc = pdftotext(pdf)
    check(rc == 0 and err == "", f"{name}: pdftotext: rc={rc} {err}")
    raw, err, rc = pdftotext(pdf, "-raw")
    mtext, merr, mrc = mutool_text(pdf)
    check(mrc == 0 and merr == "", f"{name}: mutool: rc={mrc} {merr}")
    folded = {"pdftotext": fold(text), "pdftotext -raw": fold(raw), "mutool": fold(mtext)}
    for para in input_paragraphs(src):
        for tool in ("pdftotext -raw", "mutool"):
            check(para in folded[tool], f"{name}: {tool} lacks: {para[:80]}")
    for tool, t in folded.items():
        check("\u0192" not in t and "\ufffd" not in t and "\u01a3" not in t, f"{name}: {tool}: broken characters")
        check("\u00d0" not in t, f"{name}: {tool}: U+00D0 instead of Đ")

    # a golden copy of the whole text, where one is kept
    golden = os.path.join(ROOT, "tests", "golden", name + ".txt")
    if os.path.exists(golden):
        want = fold(open(golden, encoding="utf-8").read())
        check(folded["pdftotext -raw"] == want, f"{name}: text differs from {golden}")
        if os.environ.get("VB_UPDATE_GOLDEN"):
            open(golden, "w", encoding="utf-8").write(raw)

    # qpdf finds nothing
    q = run(["qpdf", "--check", pdf])
    out = q.stdout.decode()
    check(q.returncode == 0 and "No syntax or stream encoding errors" in out and "WARNING" not in out
          and q.stderr == b"", f"{name}: qpdf --check: {out} {q.stderr.decode()}")

    # every font embedded and subset, with a ToUnicode map
    f = run(["pdffonts", pdf])
    rows = f.stdout.decode().splitlines()[2:]
    check(len(rows) >= 1 and f.stderr == b"", f"{name}: pdffonts: {f.stderr.decode()}")
    for row in rows:
        cols = row.split()
        check(cols[-5:-2] == ["yes", "yes", "yes"] and "+" in cols[0],
              f"{name}: font not embedded/subset/unicode: {row}")

    # document information
    info, err = pdfinfo(pdf)
    check(err == "", f"{name}: pdfinfo: {err}")
    check(info.get("Creator", "").startswith("vanban "), f"{name}: Creator {info.get('Creator')}")
    check(float(info.get("Page size", "0 x 0").split()[0]) == 595.276, f"{name}: not A4: {info.get('Page size')}")

    # the same input gives the same bytes
    pdf2 = os.path.join(tmp, name + "-again.pdf")
    render(vanban, src, pdf2)
    check(open(pdf, "rb").read() == open(pdf2, "rb").read(), f"{name}: output differs between two runs")

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
