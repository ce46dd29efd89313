#!/usr/bin/python3
"""Signed-ready PDFs, signed for real (docs/signing.md).

A throwaway certificate is made with openssl and imported into an NSS
database (certutil, pk12util); poppler's pdfsig signs every signature field
of the reference report, the joint example (two signers), the electronic
quyết định (a signer and the agency) and a joint document sealed by both
agencies (tests/data/lien-tich-dong-dau.xml: four fields), one after another, each time into a
new file. After each signature: qpdf --check is clean, pdfsig reports every
signature so far valid and only the last one covering the whole document,
`vanban info` sees exactly those fields signed, and the text layer is the
unsigned file's.

Then `vanban info` on a PDF without fields, on a PDF made by another tool
(mupdf) and signed by another (poppler, which adds its own field), on our
PDF rewritten by qpdf with object streams, and on hostile PDFs
(tests/fuzz/pdf_seeds.py: truncated, page-tree loop, field loop, two billion
objects …): a clear message or an answer, never a crash, within seconds.

Last, a number and date left blank (so="", <ngay>YYYY</ngay>): the PDF and
the DOCX print room for the văn thư to write them in after signing, and the
linter's warning says the document is not ready to issue.

usage: test_sign.py VANBAN"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fuzz"))
import pdf_seeds
import pdfgeom
from common import MM, ROOT, check, finish, pdftotext, render, run

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-sign-")

for tool in ("openssl", "certutil", "pk12util", "pdfsig", "qpdf", "pdftotext", "mutool"):
    if not shutil.which(tool):
        check(False, f"{tool} is not installed (scripts/deps installs it)")
        finish("test_sign")

# ---- a throwaway signer in an NSS database ----
nss = os.path.join(tmp, "nss")
os.makedirs(nss)
db = "sql:" + nss
key, crt, p12 = (os.path.join(tmp, n) for n in ("key.pem", "cert.pem", "cert.p12"))
steps = [
    ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "2",
     "-subj", "/CN=Tran Hoang Nam/O=UBND huyen Lap Vo/C=VN"],
    ["openssl", "pkcs12", "-export", "-inkey", key, "-in", crt, "-name", "ky-thu", "-passout", "pass:", "-out", p12],
    ["certutil", "-N", "-d", db, "--empty-password"],
    ["pk12util", "-i", p12, "-d", db, "-W", ""],
    ["certutil", "-M", "-n", "ky-thu", "-t", "CT,C,C", "-d", db],
]
for cmd in steps:
    r = run(cmd)
    if not check(r.returncode == 0, f"{cmd[0]} {cmd[1]} failed: {r.stderr.decode(errors='replace')}"):
        finish("test_sign")


def info(pdf):
    r = run([vanban, "info", pdf, "--json"], timeout=60)
    if not check(r.returncode == 0, f"vanban info {pdf}: exit {r.returncode}: {r.stderr.decode(errors='replace')}"):
        return None
    return json.loads(r.stdout.decode("utf-8"))


def qpdf_clean(pdf, what):
    r = run(["qpdf", "--check", pdf])
    out = (r.stdout + r.stderr).decode(errors="replace")
    return check(r.returncode == 0 and "WARNING" not in out and "No syntax or stream encoding errors" in out,
                 f"{what}: qpdf --check: {out}")


def text_layer(pdf):
    return run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"]).stdout.decode("utf-8")


def signatures(pdf):
    """pdfsig's report: one dict per signature field, in its order."""
    r = run(["pdfsig", "-nssdir", db, "-no-ocsp", pdf])
    sigs = []
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        s = line.strip()
        if line.startswith("Signature #"):
            sigs.append({"lines": []})
        elif sigs:
            sigs[-1]["lines"].append(s)
    for sg in sigs:
        ls = sg["lines"]
        sg["name"] = next((l.split(":", 1)[1].strip() for l in ls if l.startswith("- Signature Field Name:")), None)
        sg["signed"] = not any("not signed" in l for l in ls)
        sg["valid"] = "- Signature Validation: Signature is Valid." in ls
        sg["total"] = "- Total document signed" in ls
    return sigs


# ---- sign every field in turn ----
CASES = [("bao-cao-lap-vo", ["PHÓ CHỦ TỊCH"]),
         ("lien-tich", ["PHÓ GIÁM ĐỐC", "GIÁM ĐỐC SỞ NỘI VỤ"]),
         ("dien-tu", ["CHỦ TỊCH", "DẤU CHỦ TỊCH"]),
         ("../tests/data/lien-tich-dong-dau",
          ["PHÓ GIÁM ĐỐC", "DẤU GIÁM ĐỐC SỞ TÀI CHÍNH", "GIÁM ĐỐC SỞ NỘI VỤ", "DẤU GIÁM ĐỐC SỞ NỘI VỤ"])]
for src, expected in CASES:
    name = os.path.basename(src)
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, os.path.join(ROOT, "examples", src + ".xml"), pdf)
    if not check(r.returncode == 0, f"{name}: render failed: {r.stderr.decode()}"):
        continue
    qpdf_clean(pdf, f"{name} unsigned")
    fi = info(pdf)
    if not fi:
        continue
    names = [f["name"] for f in fi["fields"]]
    check(names == expected, f"{name}: fields {names}, expected {expected}")
    check(not any(f["signed"] for f in fi["fields"]), f"{name}: a field is signed before signing")
    text0 = text_layer(pdf)
    cur = pdf
    for k, field in enumerate(names, start=1):
        out = os.path.join(tmp, f"{name}-signed-{k}.pdf")
        r = run(["pdfsig", "-nssdir", db, "-nick", "ky-thu", "-sign", field, cur, out], timeout=60)
        if not check(r.returncode == 0 and os.path.exists(out),
                     f"{name}: pdfsig -sign '{field}' failed ({r.returncode}): {r.stderr.decode(errors='replace')}"):
            break
        what = f"{name} after signing {k} of {len(names)}"
        qpdf_clean(out, what)
        check(text_layer(out) == text0, f"{what}: the text layer changed")
        sigs = signatures(out)
        check([s["name"] for s in sigs] == names, f"{what}: pdfsig lists {[s['name'] for s in sigs]}")
        done = [s for s in sigs if s["signed"]]
        check(len(done) == k and all(s["name"] in names[:k] for s in done), f"{what}: signed fields {done}")
        check(all(s["valid"] for s in done), f"{what}: a signature is not valid: {sigs}")
        last = next((s for s in done if s["name"] == field), None)
        check(last is not None and last["total"], f"{what}: the last signature does not cover the whole document")
        check(all(not s["total"] for s in done if s["name"] != field),
              f"{what}: an earlier signature claims to cover the whole document")
        fi = info(out)
        if fi:
            check([f["signed"] for f in fi["fields"]] == [i < k for i in range(len(names))],
                  f"{what}: vanban info says signed {[f['signed'] for f in fi['fields']]}")
        cur = out

# ---- vanban info on other PDFs ----
ref = os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml")
nf = os.path.join(tmp, "no-field.pdf")
if check(render(vanban, ref, nf, "--no-sign-field").returncode == 0, "render --no-sign-field failed"):
    fi = info(nf)
    check(fi and fi["fields"] == [] and fi["pages"] >= 1, f"--no-sign-field: fields {fi}")
    r = run([vanban, "info", nf])
    check(r.returncode == 0 and "0 signature fields" in r.stdout.decode(), f"text output: {r.stdout.decode()}")

# another tool's PDF (mupdf), signed by another (poppler adds a field of its own)
content = os.path.join(tmp, "page.txt")
with open(content, "w") as f:
    f.write("BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")
other = os.path.join(tmp, "other.pdf")
if check(run(["mutool", "create", "-o", other, content]).returncode == 0, "mutool create failed"):
    fi = info(other)
    check(fi and fi["fields"] == [] and fi["pages"] == 1, f"mupdf's PDF: {fi}")
    osig = os.path.join(tmp, "other-signed.pdf")
    r = run(["pdfsig", "-nssdir", db, "-nick", "ky-thu", "-add-signature", "-new-signature-field-name", "Người ký",
             other, osig])
    if check(r.returncode == 0, f"pdfsig -add-signature failed: {r.stderr.decode(errors='replace')}"):
        fi = info(osig)
        check(fi and [(f["name"], f["page"], f["signed"]) for f in fi["fields"]] == [("Người ký", 1, True)],
              f"poppler's field: {fi}")

# our PDF rewritten by qpdf, objects in object streams: the same fields
rew = os.path.join(tmp, "rewritten.pdf")
dt = os.path.join(tmp, "dien-tu.pdf")
if os.path.exists(dt) and check(run(["qpdf", "--object-streams=generate", dt, rew]).returncode == 0, "qpdf failed"):
    a, b = info(dt), info(rew)
    check(a and b and a["fields"] == b["fields"], f"fields differ after qpdf rewrote the file: {a} {b}")

# ---- hostile PDFs: an answer or a clear message, never a crash or a hang ----
hostile = os.path.join(tmp, "hostile")
pdf_seeds.main.__globals__["sys"].argv = ["pdf_seeds.py", hostile]
pdf_seeds.main()
whole = open(dt, "rb").read() if os.path.exists(dt) else b""
if whole:
    for cut in (len(whole) // 2, len(whole) - 40, 100):
        with open(os.path.join(hostile, f"truncated-{cut}.pdf"), "wb") as f:
            f.write(whole[:cut])
must_fail = {"empty", "random", "pages-loop", "truncated-100"}
for fn in sorted(os.listdir(hostile)):
    path = os.path.join(hostile, fn)
    stem = fn[:-4]
    for args in ([], ["--json"]):
        try:
            r = run([vanban, "info", path, *args], timeout=20)
        except subprocess.TimeoutExpired:
            check(False, f"vanban info {fn}: no answer within 20 s")
            continue
        err = r.stderr.decode("utf-8", "replace")
        check(r.returncode in (0, 1), f"vanban info {fn} {args}: exit {r.returncode} (a crash?): {err}")
        if r.returncode == 1:
            check(err.startswith(path + ": error: ") and err.count("\n") == 1,
                  f"vanban info {fn}: not one clear message: {err!r}")
        elif args:
            try:
                json.loads(r.stdout.decode("utf-8"))
            except ValueError as e:
                check(False, f"vanban info {fn} --json: not JSON: {e}")
    if stem in must_fail:
        check(run([vanban, "info", path]).returncode == 1, f"vanban info {fn}: a broken file read as fine")
r = run([vanban, "info", os.path.join(hostile, "pages-loop.pdf")])
check("Loop detected" in r.stderr.decode() or "loop" in r.stderr.decode().lower(), f"page-tree loop: {r.stderr.decode()}")
r = run([vanban, "info", os.path.join(hostile, "fields-loop.pdf"), "--json"])
check(r.returncode == 0 and [f["name"] for f in json.loads(r.stdout)["fields"]] == ["a.b"],
      f"field loop: {r.stdout.decode()}")
r = run([vanban, "info", os.path.join(tmp, "missing.pdf")])
check(r.returncode == 3 and "cannot open" in r.stderr.decode(), f"missing file: {r.returncode} {r.stderr.decode()}")
r = run([vanban, "info"])
check(r.returncode == 2, f"no file: exit {r.returncode}")

# ---- a number and date left blank, filled in by hand after signing ----
NB = "\u00a0"
blank = os.path.join(tmp, "blank.xml")
with open(os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml"), encoding="utf-8") as f:
    xml = f.read()
xml = re.sub(r'<so_ky_hieu so="[0-9]+"', '<so_ky_hieu so=""', xml)
xml = re.sub(r"<ngay>([0-9]{4})-[0-9]{2}-[0-9]{2}</ngay>", r"<ngay>\1</ngay>", xml)
year = re.search(r"<ngay>([0-9]{4})</ngay>", xml).group(1)
notation = re.search(r'ky_hieu="([^"]+)"', xml).group(1)
with open(blank, "w", encoding="utf-8") as f:
    f.write(xml)
bpdf, bdocx = os.path.join(tmp, "blank.pdf"), os.path.join(tmp, "blank.docx")
r = render(vanban, blank, bpdf)
err = r.stderr.decode("utf-8")
check(r.returncode == 0 and "left blank for the văn thư to write in after signing: the document is not ready to issue" in err,
      f"blank number and date: exit {r.returncode}, stderr {err!r}")
if r.returncode == 0:
    qpdf_clean(bpdf, "blank number and date")
    # room to write by hand: the blank between the words, measured on the
    # glyphs mupdf draws (pdfgeom), at least 9 mm for the number and 6 mm
    # for the day and the month
    glyphs = sorted(pdfgeom.read(bpdf)[0].glyphs, key=lambda g: (round(g.y, 1), g.x))
    def room(before, after):
        """From the end of the text `before` to the start of `after` on one baseline."""
        for i in range(len(glyphs)):
            seq = glyphs[i:i + len(before)]
            if "".join(g.ch for g in seq) != before:
                continue
            end = seq[-1].x + seq[-1].adv
            nxt = [g for g in glyphs[i + len(before):] if abs(g.y - seq[-1].y) < 0.5 and g.ch.strip() and g.ch != NB]
            if nxt and "".join(g.ch for g in nxt[:len(after)]) == after:
                return nxt[0].x - end
        return None
    gap_no, gap_day, gap_month = room("Số:", "/" + notation), room("ngày", "tháng"), room("tháng", "năm")
    check(gap_no is not None and gap_no >= 9 * MM, f"room for the number: {gap_no} pt")
    check(gap_day is not None and gap_day >= 6 * MM and gap_month is not None and gap_month >= 6 * MM,
          f"room for the day and month: {gap_day}, {gap_month} pt")
    text = pdftotext(bpdf)[0]
    check(f"năm {year}" in text and f"/{notation}" in text, f"the blank line's text: {text[:300]!r}")
    fi = info(bpdf)
    check(fi and len(fi["fields"]) == 1, f"blank number and date: fields {fi}")
if check(render(vanban, blank, bdocx).returncode == 0, "blank number and date: DOCX failed"):
    # (python-docx 0.8 drops w:noBreakHyphen, the DOCX's hyphen inside a number: read it as '-')
    r = run(["/usr/bin/python3", "-c", "import docx, sys\n"
             "d = docx.Document(sys.argv[1])\n"
             "W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'\n"
             "def pt(p):\n"
             "    return ''.join((e.text or '') if e.tag == W + 't' else '-' if e.tag == W + 'noBreakHyphen' else '\\n'\n"
             "                   for e in p._p.iter(W + 't', W + 'noBreakHyphen', W + 'br'))\n"
             "print('\\n'.join('\\n'.join(pt(p) for p in c.paragraphs) for t in d.tables for row in t.rows for c in row.cells))", bdocx])
    cells = r.stdout.decode("utf-8").replace("\u2060", "")  # Word joiners the DOCX keeps spaces with
    check(f"Số:{NB * 10}/{notation}" in cells and f"ngày{NB * 8}tháng{NB * 8}năm {year}" in cells,
          f"DOCX: no room for the number and date: {cells[:400]!r}")

shutil.rmtree(tmp, ignore_errors=True)
finish("test_sign")
