#!/usr/bin/python3
"""The forms of issue 9 (items 1-4, 6), one test input each in tests/data:
what the PDF prints, in reading order (pdftotext -raw), and what the DOCX
holds (python-docx): the end mark after the last block of the main text
whatever its kind, articles with run-in text, appendix numbers and labels,
the address footer's fields with the decree's labels, and the Lưu line.

usage: test_forms.py VANBAN"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, fold, pdftotext, render

import docx as python_docx

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-forms-")

# each case: the strings the PDF's text gives back in this order (white
# space folded), and the strings it must not give
CASES = {
    "dau-ket-dieu-tieu-de": (
        ["Điều 1. Phê duyệt danh sách hộ được hỗ trợ", "2. Mức hỗ trợ: 30 triệu đồng một hộ. Điều 2.",
         "thi hành Quyết định này./. KT. CHỦ TỊCH", "Phụ lục DANH SÁCH HỘ ĐƯỢC HỖ TRỢ",
         "Mỹ An Hưng A."],
        ["một hộ./.", "hiệu lực kể từ ngày ký./.", "Hưng A./."]),
    "dieu-chay-chu": (
        ["QUYẾT ĐỊNH: Điều 1. Công nhận xã Bình Thành, huyện Lấp Vò đạt chuẩn nông thôn mới năm 2023. "
         "Điều 2. Ủy ban nhân dân xã Bình Thành có trách nhiệm: 1. Duy trì",
         "Điều 3. Chánh Văn phòng", "thi hành Quyết định này./."],
        []),
    "phu-luc-so": (
        ["tại Phụ lục I kèm theo./.", "Phụ lục I DANH MỤC ĐỀ ÁN KHUYẾN CÔNG NĂM 2024 (Kèm theo Kế hoạch số "
         "41/KH-UBND ngày 26 tháng 02 năm 2024 của Ủy ban nhân dân huyện Lấp Vò)"],
        []),
    "phu-luc-nhan": (
        ["Phụ lục A DANH MỤC ĐỀ ÁN", "Phụ lục III KINH PHÍ NGÂN SÁCH TỈNH", "Phụ lục IV KINH PHÍ NGÂN SÁCH HUYỆN"],
        ["Phụ lục I DANH", "Phụ lục II KINH"]),
    "dia-chi-truong": (
        ["- Lưu: VT, QLCN. Số 12, đường 30 Tháng 4, Phường 1, thành phố Cao Lãnh, tỉnh Đồng Tháp "
         "ĐT: (0277) 3851 635, Fax: (0277) 3851 636 "
         "E-Mail: sct@dongthap.gov.vn, Website: sct.dongthap.gov.vn "
         "Bộ phận một cửa: tầng trệt, làm việc từ thứ Hai đến thứ Sáu"],
        []),
    "luu-so-ban": (
        ["- Ủy ban nhân dân các xã, thị trấn; - Lưu: VT, VP(2). NH(10)."],
        []),
}

# Word joiners are the DOCX writer's to keep numbers whole (issue 9 item 11):
# compare the words without them
def words(s):
    return fold(s.replace("\u2060", ""))

for name, (want, unwanted) in CASES.items():
    src = os.path.join(ROOT, "tests", "data", name + ".xml")
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, src, pdf)
    if not check(r.returncode == 0 and r.stderr == b"", f"{name}: vanban: {r.returncode} {r.stderr.decode()}"):
        continue
    raw, err, rc = pdftotext(pdf, "-raw")
    text = fold(raw)
    at = 0
    for w in want:
        k = text.find(w, at)
        check(k >= 0, f"{name}: the PDF lacks, after what came before: {w!r}")
        if k >= 0:
            at = k + len(w)
    for w in unwanted:
        check(w not in text, f"{name}: the PDF prints {w!r}")

    out = os.path.join(tmp, name + ".docx")
    r = render(vanban, src, out)
    if not check(r.returncode == 0, f"{name}: vanban (docx): {r.stderr.decode()}"):
        continue
    d = python_docx.Document(out)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def ptext(p):
        """A paragraph's text as Word shows it: python-docx 0.8 drops the
        DOCX's w:noBreakHyphen (a hyphen inside a word, docs/docx.md)."""
        return "".join((e.text or "") if e.tag == W + "t" else "-" if e.tag == W + "noBreakHyphen" else "\n"
                       for e in p._p.iter(W + "t", W + "noBreakHyphen", W + "br"))

    body = [words(ptext(p)) for p in d.paragraphs]
    cells = [words(ptext(p)) for t in d.tables for c in t._cells for p in c.paragraphs]
    footers = [words(ptext(p)) for s in d.sections for f in (s.first_page_footer, s.footer) for p in f.paragraphs]
    alltext = " ".join(body + cells + footers)

    if name == "dau-ket-dieu-tieu-de":
        last = [p for p in body if p.startswith("Điều 3.")]
        check(len(last) == 1 and last[0].endswith("thi hành Quyết định này./."), f"{name}: DOCX Điều 3: {last}")
        check(not any(p.endswith("./.") for p in body if not p.startswith("Điều 3.")), f"{name}: DOCX: a second ./.")
    if name == "dieu-chay-chu":
        for n in (1, 2, 3):
            ps = [p for p in d.paragraphs if words(ptext(p)).startswith(f"Điều {n}. ")]
            if not check(len(ps) == 1, f"{name}: DOCX: Điều {n} in {len(ps)} paragraphs"):
                continue
            runs = [r for r in ps[0].runs if r.text]
            check(words(runs[0].text) == f"Điều {n}." and runs[0].bold, f"{name}: DOCX: Điều {n}.'s label not bold alone")
            check(all(not r.bold for r in runs[1:]), f"{name}: DOCX: Điều {n}'s text is bold")
    if name in ("phu-luc-so", "phu-luc-nhan"):
        labels = [p for p in body if p.startswith("Phụ lục")]
        want_labels = ["Phụ lục I"] if name == "phu-luc-so" else ["Phụ lục A", "Phụ lục III", "Phụ lục IV"]
        check(labels == want_labels, f"{name}: DOCX appendix headings {labels}")
    if name == "dia-chi-truong":
        for line in ("ĐT: (0277) 3851 635, Fax: (0277) 3851 636",
                     "E-Mail: sct@dongthap.gov.vn, Website: sct.dongthap.gov.vn",
                     "Bộ phận một cửa: tầng trệt, làm việc từ thứ Hai đến thứ Sáu"):
            check(line in footers, f"{name}: DOCX footer lacks {line!r}: {footers}")
    if name == "luu-so-ban":
        check("- Lưu: VT, VP(2). NH(10)." in cells, f"{name}: DOCX Lưu line")

finish("test_forms")
