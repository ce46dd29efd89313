"""Helpers shared by the end-to-end tests: run vanban and the real PDF tools."""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MM = 72 / 25.4

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def finish(name):
    if failures:
        print(f"{name}: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print(f"{name}: ok")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


def render(vanban, src, out, *extra, env=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    return run([vanban, "render", src, "-o", out, *extra], env=e)


def pdftotext(pdf, *args):
    r = run(["pdftotext", "-enc", "UTF-8", *args, pdf, "-"])
    return r.stdout.decode("utf-8"), r.stderr.decode("utf-8", "replace"), r.returncode


def mutool_text(pdf):
    r = run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf])
    err = "\n".join(l for l in r.stderr.decode("utf-8", "replace").splitlines()
                    if "ICC support is not available" not in l)
    return r.stdout.decode("utf-8"), err.strip(), r.returncode


def pdfinfo(pdf):
    r = run(["pdfinfo", "-enc", "UTF-8", pdf])
    info = {}
    for line in r.stdout.decode("utf-8").splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    return info, r.stderr.decode("utf-8", "replace")


def bbox_words(pdf):
    """Words with their page and box (pt, top-left origin) from pdftotext -bbox-layout."""
    r = run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", pdf, "-"])
    text = r.stdout.decode("utf-8")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    root = ET.fromstring(text)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            words = []
            for w in line.iter("{http://www.w3.org/1999/xhtml}word"):
                words.append((w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                              float(w.get("xMax")), float(w.get("yMax"))))
            if words:
                lines.append(words)
        pages.append({"w": float(page.get("width")), "h": float(page.get("height")), "lines": lines})
    return pages


def line_text(words):
    return " ".join(w[0] for w in words)


def find_line(page, pred):
    for ln in page["lines"]:
        if pred(line_text(ln)):
            return ln
    return None


def line_box(words):
    return (min(w[1] for w in words), min(w[2] for w in words),
            max(w[3] for w in words), max(w[4] for w in words))


def input_paragraphs(xml_path):
    """The texts a document's XML holds, one per text-bearing element, folded
    and in NFC: what must come back out of the PDF's text layer."""
    tree = ET.parse(xml_path)
    out = []
    blocks = {"co_quan_chu_quan", "co_quan_ban_hanh", "dia_danh", "trich_yeu", "noi", "doan", "tieu_de",
              "tham_quyen", "chuc_vu", "ho_ten", "nhan", "khoan", "diem", "gach", "dieu"}

    def text_of(el):
        parts = []

        def walk(e):
            if e.tag == "xuong_dong":
                parts.append(" ")
            elif e is not el and e.tag in blocks:
                return
            else:
                if e.text:
                    parts.append(e.text)
            for c in e:
                walk(c)
                if c.tail:
                    parts.append(c.tail)
        walk(el)
        return fold(unicodedata.normalize("NFC", "".join(parts)))

    for el in tree.iter():
        if el.tag in blocks:
            t = text_of(el)
            if t:
                out.append(t)
    return out
