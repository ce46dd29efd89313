#!/usr/bin/python3
"""Every example rendered to DOCX and read back: the zip (unzip -t), every
XML part, python-docx, the document properties, determinism; then
LibreOffice converts all the DOCX files to PDF in one run and each must
match our own PDF: the same number of pages; of our PDF's lines, at least
99.5 % (PARITY) found on the same page of LibreOffice's rendering, in the
same order, word for word; and the header, title, signature block within
3 mm of where our PDF has them.

usage: test_docx.py VANBAN [EXAMPLE.xml ...]
Set VB_KEEP_DOCX_TEST=1 to keep the files (the directory is printed)."""
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import MM, ROOT, bbox_words, check, finish, fold, input_paragraphs, render, run

vanban = os.path.abspath(sys.argv[1])
examples = sys.argv[2:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")) +
                                  glob.glob(os.path.join(ROOT, "tests", "data", "*.xml")))
tmp = tempfile.mkdtemp(prefix="vanban-docx-")
TOLERANCE = 3 * MM  # positions in LibreOffice's rendering against ours
PARITY = 99.5       # % of our lines that LibreOffice sets the same, on the same page
COLUMN_GAP = 15.0   # pt: words further apart on one baseline stand in different columns

# The parts, in the order the package stores them; the empty first-page
# header of the appendices (when page 1 has stamps, ô 11 and 14), the address
# footer (ô 13) and the pictures (ô 7c, 8) only when the document has them.
PARTS = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
         "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml",
         "word/header3.xml?", "word/footer1.xml?", "word/footer2.xml?", "word/media/*", "docProps/core.xml", "docProps/app.xml"]


def parts_in_order(names):
    """Whether the part names follow PARTS (optional ones may be missing)."""
    i = 0
    for pat in PARTS:
        if pat.endswith("*"):
            while i < len(names) and names[i].startswith(pat[:-1]):
                i += 1
        elif pat.endswith("?"):
            if i < len(names) and names[i] == pat[:-1]:
                i += 1
        elif i < len(names) and names[i] == pat:
            i += 1
        else:
            return False
    return i == len(names)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# the page of layouts/nd30.xml, in mm
UNITS = {"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72}


def layout_page():
    page = ET.parse(os.path.join(ROOT, "layouts", "nd30.xml")).getroot().find("page")
    out = {}
    for k in ("width", "height", "top", "bottom", "left", "right", "header"):
        m = re.fullmatch(r"\s*([0-9.]+)\s*(mm|cm|in|pt)\s*", page.get(k))
        out[k] = float(m.group(1)) * UNITS[m.group(2)]
    return out


PAGE = layout_page()


def word_text(w):
    """A word as a reader sees it: NFC, without the word joiners (U+2060)
    next to dashes and with the no-break spaces (U+00A0) the DOCX uses to
    keep our lines read as spaces."""
    return unicodedata.normalize("NFC", w).replace("\u2060", "").replace("\u00a0", " ")



def page_lines(page):
    """The lines of a page, top to bottom and left to right, each the words
    of one column on one baseline: words whose bottoms are within 2 pt stand
    on one baseline, and a gap wider than COLUMN_GAP starts another column
    (the header's two blocks, Nơi nhận beside the signature). pdftotext's
    own lines and blocks are its guesses and differ between two renderings
    of the same page."""
    words = sorted((w for ln in page["lines"] for w in ln), key=lambda w: w[4])
    rows, cur, y = [], [], None
    for w in words:
        if y is not None and w[4] - y > 2:
            rows.append(cur)
            cur = []
        cur.append(w)
        y = w[4]
    if cur:
        rows.append(cur)
    lines = []
    for row in rows:
        row.sort(key=lambda w: w[1])
        seg = [row[0]]
        for w in row[1:]:
            if w[1] - seg[-1][3] > COLUMN_GAP:
                lines.append(seg)
                seg = []
            seg.append(w)
        lines.append(seg)
    return [" ".join(word_text(w[0]) for w in seg) for seg in lines]


def common_in_order(a, b):
    """How many items of a stand in b in the same order (longest common
    subsequence)."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def first_line_in(page, box):
    """The words of our PDF inside a box of the page model: the first line's."""
    best = None
    for ln in page["lines"]:
        inside = [w for w in ln if box["x"] - 1 <= (w[1] + w[3]) / 2 <= box["x"] + box["w"] + 1
                  and box["y"] - 1 <= (w[2] + w[4]) / 2 <= box["y"] + box["h"] + 1]
        if inside and (best is None or inside[0][2] < best[0][2] - 0.5):
            best = inside
    return best


def find_words(page, seq, near):
    """Where on a page the words `seq` follow each other; of several places,
    the one nearest to the word `near` (the same text can stand in the body
    and in the signature block)."""
    flat = [w for ln in page["lines"] for w in ln]
    texts = [w[0] for w in flat]
    best, dist = None, None
    for i in range(len(flat) - len(seq) + 1):
        if texts[i:i + len(seq)] == seq:
            d = abs(flat[i][1] - near[1]) + abs(flat[i][2] - near[2])
            if best is None or d < dist:
                best, dist = flat[i:i + len(seq)], d
    return best


def main():
    docxs = []
    for src in examples:
        name = os.path.splitext(os.path.basename(src))[0]
        pdf = os.path.join(tmp, name + ".pdf")
        docx_path = os.path.join(tmp, name + ".docx")
        js = os.path.join(tmp, name + ".json")
        ok = True
        for out in (pdf, docx_path, js):
            r = render(vanban, src, out)
            ok &= check(r.returncode == 0, f"{name}: vanban exited {r.returncode} for {out}: {r.stderr.decode()}")
            # warnings about the input are the input's business; errors are not expected
            check(b"error" not in r.stderr, f"{name}: vanban printed: {r.stderr.decode()}")
        if not ok:
            continue
        docxs.append((name, src, pdf, docx_path, js))

        # the zip: unzip's own test, and the parts in their fixed order
        t = run(["unzip", "-t", docx_path])
        check(t.returncode == 0 and b"No errors detected" in t.stdout, f"{name}: unzip -t: {t.stdout.decode()}")
        with zipfile.ZipFile(docx_path) as z:
            infos = z.infolist()
            check(parts_in_order([i.filename for i in infos]), f"{name}: parts {[i.filename for i in infos]}")
            for i in infos:
                check(i.date_time == (1980, 1, 1, 0, 0, 0), f"{name}: {i.filename} dated {i.date_time}")
                if i.filename.startswith("word/media/"):
                    # pictures are stored as they are, and must be the PNG files
                    check(i.compress_type == zipfile.ZIP_STORED and z.read(i.filename)[:8] == b"\x89PNG\r\n\x1a\n",
                          f"{name}: {i.filename} is not a stored PNG")
                    continue
                # parts under 2 KiB are stored, the others deflated
                want = zipfile.ZIP_DEFLATED if i.file_size >= 2048 else zipfile.ZIP_STORED
                check(i.compress_type == want, f"{name}: {i.filename} ({i.file_size} bytes) compressed with "
                                               f"method {i.compress_type}")
                try:
                    ET.fromstring(z.read(i.filename))
                except ET.ParseError as e:
                    check(False, f"{name}: {i.filename} is not well-formed: {e}")
            # every relationship points at a part of the package
            rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
            names = {i.filename for i in infos}
            for rel in rels:
                check("word/" + rel.get("Target") in names, f"{name}: relationship to a missing part {rel.get('Target')}")
            document = ET.fromstring(z.read("word/document.xml"))
            styles = ET.fromstring(z.read("word/styles.xml"))
            header = z.read("word/header1.xml").decode()
            app = ET.fromstring(z.read("docProps/app.xml"))

        # every paragraph names a style that styles.xml defines; no kerning
        ids = {s.get(W + "styleId") for s in styles.iter(W + "style")}
        for want in ("QuocHieu", "TieuNgu", "CoQuan", "SoKyHieu", "DiaDanhNgay", "TenLoai", "TrichYeu", "Doan",
                     "ThamQuyen", "HoTen", "NoiNhan", "NoiNhanDanhSach", "SoTrang"):
            check(want in ids, f"{name}: styles.xml lacks the style {want}")
        for ps in document.iter(W + "pStyle"):
            check(ps.get(W + "val") in ids, f"{name}: undefined style {ps.get(W + 'val')}")
        check(not list(document.iter(W + "kern")) and not list(styles.iter(W + "kern")), f"{name}: kerning is on")
        fonts = {f.get(W + "ascii") for f in styles.iter(W + "rFonts")}
        check(fonts == {"Times New Roman"}, f"{name}: fonts {fonts}")
        check("PAGE" in header and "fldChar" in header, f"{name}: header1.xml has no PAGE field")
        check(list(document.iter(W + "titlePg")), f"{name}: page 1 is not a different first page")

        # python-docx reads it: the words of the input, the tables, page size and margins
        import docx as python_docx
        d = python_docx.Document(docx_path)
        def ptext(p):
            """A paragraph's text as Word shows it: python-docx 0.8 drops
            w:noBreakHyphen (1.x reads it as '-', as Word shows it)."""
            out = []
            for e in p._p.iter(W + "t", W + "noBreakHyphen", W + "tab", W + "br"):
                out.append(e.text or "" if e.tag == W + "t" else "-" if e.tag == W + "noBreakHyphen" else " ")
            return "".join(out)
        texts = [ptext(p) for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    texts.extend(ptext(p) for p in cell.paragraphs)
        # no invisible characters in numbers and notations: copied and
        # searched text is what is shown (a hyphen inside a word is
        # w:noBreakHyphen, a slash is left alone; docs/docx.md). Dashes
        # inside a word (“2021–2025”) keep their word joiners.
        check(not re.search("\u2060[-/]|[-/]\u2060", "".join(texts)), f"{name}: a word joiner (U+2060) next to '-' or '/'")
        alltext = fold(" ".join(texts).replace("\u2060", ""))
        for para in input_paragraphs(src):
            check(para in alltext, f"{name}: python-docx lacks: {para[:80]}")
        check(len(d.tables) >= 2, f"{name}: {len(d.tables)} tables, want the header and the signature block")
        sec = d.sections[0]
        for got, want, what in ((sec.page_width.mm, PAGE["width"], "page width"),
                                (sec.page_height.mm, PAGE["height"], "page height"),
                                (sec.top_margin.mm, PAGE["top"], "top margin"),
                                (sec.bottom_margin.mm, PAGE["bottom"], "bottom margin"),
                                (sec.left_margin.mm, PAGE["left"], "left margin"),
                                (sec.right_margin.mm, PAGE["right"], "right margin"),
                                (sec.header_distance.mm, PAGE["header"], "header distance")):
            check(abs(got - want) < 0.05, f"{name}: {what} {got:.2f} mm, the layout says {want} mm")
        check(sec.different_first_page_header_footer, f"{name}: no different first page")

        # document properties: as in the PDF
        cp = d.core_properties
        pdfinfo_out = run(["pdfinfo", "-enc", "UTF-8", pdf]).stdout.decode()
        pinfo = dict((k.strip(), v.strip()) for k, _, v in (l.partition(":") for l in pdfinfo_out.splitlines()))
        check(cp.title == pinfo.get("Title"), f"{name}: title {cp.title!r} vs the PDF's {pinfo.get('Title')!r}")
        check(cp.author == pinfo.get("Author"), f"{name}: creator {cp.author!r} vs {pinfo.get('Author')!r}")
        check(cp.subject == pinfo.get("Subject"), f"{name}: subject {cp.subject!r} vs {pinfo.get('Subject')!r}")
        check(cp.keywords == pinfo.get("Keywords"), f"{name}: keywords {cp.keywords!r} vs {pinfo.get('Keywords')!r}")
        date = ET.parse(src).getroot().findtext("ngay").strip()
        utc = datetime.datetime.fromisoformat(date) - datetime.timedelta(hours=7)
        check(cp.created is not None and cp.created.replace(tzinfo=None) == utc and cp.modified == cp.created,
              f"{name}: created {cp.created} for the date {date} (midnight in Vietnam)")
        appname = app.findtext("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
                               "Application")
        check(appname and appname.startswith("vanban "), f"{name}: Application {appname!r}")

        # the same input gives the same bytes, in any time zone; SOURCE_DATE_EPOCH sets the date
        again = os.path.join(tmp, name + "-again.docx")
        render(vanban, src, again, env={"TZ": "America/Los_Angeles"})
        check(open(docx_path, "rb").read() == open(again, "rb").read(), f"{name}: output differs between two runs")
        sde = os.path.join(tmp, name + "-sde.docx")
        render(vanban, src, sde, env={"SOURCE_DATE_EPOCH": "1700000000"})
        with zipfile.ZipFile(sde) as z:
            check(b"2023-11-14T22:13:20Z" in z.read("docProps/core.xml"), f"{name}: SOURCE_DATE_EPOCH not used")

    # LibreOffice: one run for every file (it takes seconds to start)
    lo_dir = os.path.join(tmp, "lo")
    os.mkdir(lo_dir)
    profile = tempfile.mkdtemp(prefix="vanban-lo-profile-")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not check(soffice, "LibreOffice (soffice) is not installed"):
        return
    cmd = [soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", lo_dir] + [d[3] for d in docxs]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=300)
        check(r.returncode == 0, f"soffice exited {r.returncode}: {r.stderr.decode()}")
    except subprocess.TimeoutExpired:
        check(False, "soffice did not finish in 300 s")
    shutil.rmtree(profile, ignore_errors=True)

    print("example: pages ours/LibreOffice, our lines LibreOffice sets the same, largest position difference (mm)")
    all_lines = all_same = 0
    for name, src, pdf, docx_path, js in docxs:
        lo_pdf = os.path.join(lo_dir, name + ".pdf")
        if not check(os.path.exists(lo_pdf), f"{name}: LibreOffice wrote no PDF"):
            continue
        ours, theirs = bbox_words(pdf), bbox_words(lo_pdf)
        same_pages = check(len(ours) == len(theirs),
                           f"{name}: {len(ours)} pages in our PDF, {len(theirs)} in LibreOffice's")
        # every line of our PDF, looked for on the same page of LibreOffice's, in order
        n_lines = n_same = 0
        for n in range(1, len(ours) + 1):
            a = page_lines(ours[n - 1])
            b = page_lines(theirs[n - 1]) if n <= len(theirs) else []
            same = common_in_order(a, b)
            n_lines += len(a)
            n_same += same
            if same < len(a):
                theirs_set, ours_set = set(b), set(a)
                print(f"    {name} page {n}: ours {[ln for ln in a if ln not in theirs_set]!r}\n"
                      f"    {' ' * len(name)}   LibreOffice {[ln for ln in b if ln not in ours_set]!r}")
        all_lines += n_lines
        all_same += n_same

        # landmarks: where our page model says each element is, found in both renderings
        model = json.load(open(js, encoding="utf-8"))
        worst = 0.0
        for box in model["boxes"]:
            if box["name"] not in ("quoc_hieu", "tieu_ngu", "co_quan", "so_ky_hieu", "dia_danh_ngay", "ten_loai",
                                   "trich_yeu", "noi_nhan", "tham_quyen", "ho_ten"):
                continue
            pg = box["page"]
            if pg >= len(ours) or pg >= len(theirs):
                continue
            mine = first_line_in(ours[pg], box)
            if not check(mine, f"{name}: {box['name']}: no words in our PDF's box"):
                continue
            seq = [w[0] for w in mine]
            lo = find_words(theirs[pg], seq, mine[0])
            if not check(lo, f"{name}: {box['name']}: {' '.join(seq)!r} not on LibreOffice's page {pg + 1}"):
                continue
            d = max(max(abs(p[k] - q[k]) for k in (1, 2, 3, 4)) for p, q in zip(mine, lo))
            worst = max(worst, d)
            check(d <= TOLERANCE, f"{name}: {box['name']} {' '.join(seq)!r} is {d / MM:.2f} mm off in LibreOffice")
        print(f"  {name}: pages {len(ours)}/{len(theirs)}, lines {n_same}/{n_lines}"
              f"{'' if same_pages else ' (PAGES DIFFER)'}, max position difference {worst / MM:.2f} mm")
    if all_lines:
        share = 100.0 * all_same / all_lines
        print(f"line parity: {all_same}/{all_lines} = {share:.2f} % of our lines set the same by LibreOffice")
        check(share >= PARITY, f"line parity {share:.2f} % is below {PARITY} %")


main()
if os.environ.get("VB_KEEP_DOCX_TEST"):
    print("files kept in", tmp)
else:
    shutil.rmtree(tmp, ignore_errors=True)
finish("test_docx")
