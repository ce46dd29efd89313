#!/usr/bin/python3
"""Every example rendered to PDF and read back by real tools:
poppler (pdftotext, pdffonts, pdfinfo), mupdf (mutool) and qpdf.

usage: test_pdf_examples.py VANBAN [EXAMPLE.xml ...]"""
import glob
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (MM, ROOT, bbox_words, check, find_line, finish, fold, input_paragraphs, line_box,
                    mutool_text, pdfinfo, pdftotext, render, run)

vanban = os.path.abspath(sys.argv[1])
examples = sys.argv[2:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")))
tmp = tempfile.mkdtemp(prefix="vanban-e2e-")

# what the layout file says (layouts/nd30.xml): margins in mm
MARGIN = {"top": 20, "bottom": 20, "left": 30, "right": 15}

for src in examples:
    name = os.path.splitext(os.path.basename(src))[0]
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, src, pdf)
    if not check(r.returncode == 0, f"{name}: vanban exited {r.returncode}: {r.stderr.decode()}"):
        continue
    check(r.stderr == b"", f"{name}: vanban printed: {r.stderr.decode()}")

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

    # geometry read back from the PDF
    pages = bbox_words(pdf)
    W, H = pages[0]["w"], pages[0]["h"]
    left, right = MARGIN["left"] * MM, W - MARGIN["right"] * MM
    top, bottom = MARGIN["top"] * MM, H - MARGIN["bottom"] * MM
    for pi, pg in enumerate(pages):
        for ln in pg["lines"]:
            x0, y0, x1, y1 = line_box(ln)
            check(x0 >= left - 0.5 and x1 <= right + 0.5,
                  f"{name}: page {pi + 1}: text outside the side margins: {x0:.1f}..{x1:.1f}: {ln[0][0]}")
            is_number = pi > 0 and y1 < top
            check(is_number or (y0 >= top - 1 and y1 <= bottom + 1),
                  f"{name}: page {pi + 1}: text outside the top/bottom margins: {y0:.1f}..{y1:.1f}")
    # page numbers: none on page 1, centred in the top margin on the others
    for pi, pg in enumerate(pages):
        nums = [ln for ln in pg["lines"] if line_box(ln)[3] < top]
        if pi == 0:
            check(not nums, f"{name}: page 1 shows something in the top margin")
        else:
            ok = len(nums) == 1 and nums[0][0][0] == str(pi + 1)
            check(ok, f"{name}: page {pi + 1}: no page number in the top margin")
            if ok:
                x0, _, x1, _ = line_box(nums[0])
                check(abs((x0 + x1) / 2 - (left + right) / 2) < 1, f"{name}: page number not centred")

    # header: the motto and its rule, Số and the date on one baseline
    p1 = pages[0]
    motto = find_line(p1, lambda t: t.startswith("Độc lập - Tự do - Hạnh phúc"))
    qh = find_line(p1, lambda t: t.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    so = find_line(p1, lambda t: t.startswith("Số:"))
    check(motto and qh and so, f"{name}: header lines missing")
    if motto and qh:
        mx = line_box(motto)
        qx = line_box(qh)
        check(abs((mx[0] + mx[2]) / 2 - (qx[0] + qx[2]) / 2) < 1, f"{name}: motto not centred under Quốc hiệu")
    if so:
        # pdftotext may put Số and the date on one line: find the date words by content
        date_words = [w for ln in p1["lines"] for w in ln if w[0] == "ngày"]
        so_word = so[0]
        check(date_words and abs(date_words[0][4] - so_word[4]) < 1.5,
              f"{name}: Số and the date are not on one baseline")

    # the JSON page model agrees on the rules (lengths the PDF cannot tell)
    js = os.path.join(tmp, name + ".json")
    render(vanban, src, js)
    model = json.load(open(js, encoding="utf-8"))
    boxes = {b["name"]: b for b in model["boxes"]}
    if "tieu_ngu" in boxes and "tieu_ngu_rule" in boxes:
        check(abs(boxes["tieu_ngu_rule"]["w"] - boxes["tieu_ngu"]["w"]) < 0.5, f"{name}: motto rule length")
    if "co_quan" in boxes and "co_quan_rule" in boxes:
        # the agency's widest line is the box's width
        ratio = boxes["co_quan_rule"]["w"] / boxes["co_quan"]["w"]
        check(1 / 3 - 1e-6 <= ratio <= 1 / 2 + 1e-6, f"{name}: agency rule is {ratio:.2f} of the name")
    if "trich_yeu" in boxes and "trich_yeu_rule" in boxes:
        ratio = boxes["trich_yeu_rule"]["w"] / boxes["trich_yeu"]["w"]
        check(1 / 3 - 1e-6 <= ratio <= 1 / 2 + 1e-6, f"{name}: summary rule is {ratio:.2f} of the summary")
    if "noi_nhan" in boxes and "tham_quyen" in boxes:
        check(abs(boxes["noi_nhan"]["baseline"] - boxes["tham_quyen"]["baseline"]) < 0.5
              and boxes["noi_nhan"]["page"] == boxes["tham_quyen"]["page"],
              f"{name}: Nơi nhận not level with the first authority line")

finish("test_pdf_examples")
