#!/usr/bin/python3
"""No centred line breaks inside a Vietnamese word or a date (issue 9,
item 7): every example and every test input that renders is laid out to
JSON, and each centred paragraph (agency names, type names, trích yếu,
headings, signature titles, place and date) is judged with our own word
list (tests/breaks/words.txt, written apart from data/vi-words/): the last
syllables of a line and the first of the next must not make one of its
words, and a line must not end in ngày, tháng or năm with the number on
the next.

usage: test_breaks.py VANBAN"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-breaks-")


def norm(s):
    return unicodedata.normalize("NFC", s).lower().replace("hoá", "hóa").replace("uỷ", "ủy")


words = []
with open(os.path.join(ROOT, "tests", "breaks", "words.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(norm(line).split())

PUNCT = ".,;:()“”\"'"


def syllables(text):
    return [s.strip(PUNCT) for s in norm(text).split()]


def split_inside(a, b):
    """The word or date that lines ending in a and starting with b split, or None."""
    if not a or not b:
        return None
    last = norm(a).split()[-1]
    if last in ("ngày", "tháng", "năm") and b.split()[0][:1].isdigit():
        return f"{last} / {b.split()[0]}"
    if last[-1:] in PUNCT:
        return None  # a phrase ends there
    sa, sb = syllables(a), syllables(b)
    for w in words:
        for k in range(1, len(w)):
            if sa[-k:] == w[:k] and sb[: len(w) - k] == w[k:]:
                return " ".join(w[:k]) + " / " + " ".join(w[k:])
    return None


inputs = sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")))
inputs += sorted(glob.glob(os.path.join(ROOT, "tests", "breaks", "*.xml")))
inputs += sorted(glob.glob(os.path.join(ROOT, "tests", "data", "*.xml")))
inputs += sorted(glob.glob(os.path.join(ROOT, "tests", "lint", "*.xml")))
judged = 0
for src in inputs:
    name = os.path.relpath(src, ROOT)
    out = os.path.join(tmp, "x.json")
    r = subprocess.run([vanban, "render", src, "-o", out], capture_output=True)
    if r.returncode != 0:
        check(not src.startswith(os.path.join(ROOT, "examples")) and "tests/breaks" not in src,
              f"{name}: vanban exited {r.returncode}: {r.stderr.decode()}")
        continue
    with open(out, encoding="utf-8") as f:
        d = json.load(f)
    for p in d["paras"]:
        lines = p["lines"]
        centred = all(abs(l["left"] - (p["space_w"] - p["indent_left"] - l["width"]) / 2) < 0.6 for l in lines)
        if not centred or len(lines) < 2:
            continue
        judged += 1
        for a, b in zip(lines, lines[1:]):
            bad = split_inside(a["text"], b["text"])
            check(bad is None, f"{name}: {p['role']} breaks inside '{bad}': '{a['text']}' / '{b['text']}'")

# the judge can fail: the lines main laid out before the lexicon
check(split_inside("THỰC HIỆN CHƯƠNG", "TRÌNH KHUYẾN CÔNG") == "chương / trình", "the judge misses CHƯƠNG / TRÌNH")
check(split_inside("ngày 20 tháng", "02 năm 2024") == "tháng / 02", "the judge misses tháng / 02")
check(split_inside("tìm kiếm cứu", "nạn, ứng phó") == "cứu / nạn", "the judge misses cứu / nạn")
check(judged >= 35, f"only {judged} centred paragraphs of several lines judged")
print(f"{judged} centred paragraphs of several lines judged")

# ô 4 never wraps (item 8): 13 pt, then a wider column; the DOCX as well
import shutil
soffice = shutil.which("soffice") or shutil.which("libreoffice")
check(soffice, "LibreOffice (soffice) is not installed")
for n, widened in (("dia-danh-13pt", False), ("dia-danh-rong", True)):
    src = os.path.join(ROOT, "tests", "breaks", n + ".xml")
    out = os.path.join(tmp, n + ".json")
    r = subprocess.run([vanban, "render", src, "-o", out], capture_output=True)
    if not check(r.returncode == 0 and r.stderr == b"", f"{n}: vanban: {r.returncode} {r.stderr.decode()}"):
        continue
    with open(out, encoding="utf-8") as f:
        d = json.load(f)
    p = [p for p in d["paras"] if p["role"] == "dia_danh_ngay"][0]
    num = [p for p in d["paras"] if p["role"] == "so_ky_hieu"][0]
    check(len(p["lines"]) == 1, f"{n}: the place and date take {len(p['lines'])} lines")
    sizes = {it["size"] for it in d["pages"][0]["items"] if it.get("role") == "dia_danh_ngay"}
    check(sizes == {13}, f"{n}: the place and date are set at {sizes}, not 13 pt")
    check((p["space_w"] > 283.5) == widened, f"{n}: the column is {p['space_w']} pt wide")
    num_right = max(num["space_x"] + l["left"] + l["width"] for l in num["lines"])
    check(p["space_x"] + p["lines"][0]["left"] >= num_right + 8, f"{n}: the date comes within 3 mm of the number")
    docx = os.path.join(tmp, n + ".docx")
    r = subprocess.run([vanban, "render", src, "-o", docx], capture_output=True)
    check(r.returncode == 0, f"{n}: vanban docx: {r.stderr.decode()}")
    profile = os.path.join(tmp, "lo-profile")
    r = subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", tmp, docx], capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", os.path.join(tmp, n + ".pdf"), "-"],
                          capture_output=True).stdout.decode()
    check(any("ngày 20 tháng 12 năm 2024" in l and "Số:" in l for l in text.splitlines()),
          f"{n}: LibreOffice does not set the DOCX's place and date on one line beside the number")

# công điện (Mẫu 1.6, item 5): the addressees after "… điện:" are set as the
# body's paragraphs, justified with its first-line indent and spacing
out = os.path.join(tmp, "cong-dien.json")
r = subprocess.run([vanban, "render", os.path.join(ROOT, "examples", "cong-dien.xml"), "-o", out], capture_output=True)
if check(r.returncode == 0, f"cong-dien: {r.stderr.decode()}"):
    with open(out, encoding="utf-8") as f:
        paras = json.load(f)["paras"]
    i = next(k for k, p in enumerate(paras) if p["role"] == "tham_quyen_ban_hanh")
    body = next(p for p in paras[i + 1:] if p["role"] == "doan" and not p["lines"][0]["text"].startswith("- "))
    to = paras[i + 1:paras.index(body)]
    check(len(to) == 4 and all(p["role"] == "doan" and p["lines"][0]["text"].startswith("- ") for p in to),
          f"cong-dien: the addressees are not the body's paragraphs: {[p['role'] for p in to]}")
    for p in to:
        check(abs(p["lines"][0]["left"] - body["lines"][0]["left"]) < 0.01, "cong-dien: an addressee lacks the first-line indent")
    for a, b in zip([paras[i]] + to, to + [body]):
        check(b["top"] - a["top"] > len(a["lines"]) * a["pitch"] + 3, f"cong-dien: no space above '{b['lines'][0]['text'][:30]}'")

finish("breaks")
