#!/usr/bin/python3
"""Input that is not UTF-8 but says what it is is good input, as the XML
standard requires: UTF-16 with a byte-order mark (what Notepad saves as
"Unicode"), UTF-16 without one (told by its first bytes "<?"), and an 8-bit
encoding named in the XML declaration. Each renders to a PDF whose text
(pdftotext) is that of the UTF-8 original, and to the same PDF bytes.

The reference report is all Vietnamese, which ISO-8859-1 cannot hold: that
case uses the report with every letter cut down to what Latin-1 has (its
UTF-8 twin is the original to compare with). windows-1258 holds Vietnamese
with combining tone marks (Word's "Vietnamese (Windows)"): the reader puts
them back together (NFC), so the text comes out exactly as the original's.

usage: test_encodings.py VANBAN"""
import os
import shutil
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, pdftotext, render

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-enc-")
ref = os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml")
text = open(ref, encoding="utf-8").read()
DECL = '<?xml version="1.0" encoding="UTF-8"?>'
check(text.startswith(DECL), "the reference report starts with an XML declaration")

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(s):
    """Vietnamese in windows-1258: a letter with its vowel mark precomposed
    where the code page has it, the tone as a combining mark after it."""
    out = []
    for ch in s:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        tones = "".join(c for c in d if c in TONES)
        # (the one letter it lacks, in a comment of the report: "ƣ")
        out.append((base + tones).encode("cp1258", errors="replace"))
    return b"".join(out)


def latin1_twin(s):
    """s with every letter cut down to what ISO-8859-1 holds (marks dropped
    one by one from the outside until it fits)."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        while True:
            try:
                ch.encode("latin-1")
                break
            except UnicodeEncodeError:
                d = unicodedata.normalize("NFD", ch)
                ch = unicodedata.normalize("NFC", d[:-1]) if len(d) > 1 else "?"
        out.append(ch)
    return "".join(out)


def with_decl(s, enc):
    return s.replace(DECL, f'<?xml version="1.0" encoding="{enc}"?>', 1)


def write(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


latin = latin1_twin(text)
cases = [
    # name, bytes, the UTF-8 document it must equal
    ("utf16le-bom", b"\xff\xfe" + with_decl(text, "UTF-16").encode("utf-16-le"), text),
    ("utf16be-bom", b"\xfe\xff" + with_decl(text, "UTF-16").encode("utf-16-be"), text),
    ("utf16le-no-bom", with_decl(text, "UTF-16").encode("utf-16-le"), text),
    ("utf8-bom", b"\xef\xbb\xbf" + text.encode("utf-8"), text),
    ("windows-1258", to_cp1258(with_decl(text, "windows-1258")), text),
    ("iso-8859-1", with_decl(latin, "ISO-8859-1").encode("latin-1"), latin),
]
check(any(b > 0x7f for b in cases[-1][1]), "the Latin-1 twin still has letters beyond ASCII")
check(b"\xcc" in cases[-2][1] or b"\xec" in cases[-2][1], "the windows-1258 file uses combining tone marks")

originals = {}
for name, data, original in cases:
    if original not in originals:
        src = write(f"original-{len(originals)}.xml", original.encode("utf-8"))
        pdf = src[:-4] + ".pdf"
        r = render(vanban, src, pdf)
        check(r.returncode == 0, f"original {src}: {r.stderr.decode()}")
        originals[original] = (pdftotext(pdf)[0], open(pdf, "rb").read())
    want_text, want_pdf = originals[original]
    src = write(name + ".xml", data)
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, src, pdf)
    if not check(r.returncode == 0 and os.path.exists(pdf), f"{name}: exit {r.returncode}: {r.stderr.decode()}"):
        continue
    check(r.stderr == b"", f"{name}: messages: {r.stderr.decode()}")
    got_text = pdftotext(pdf)[0]
    check(len(got_text) > 1000 and got_text == want_text, f"{name}: the PDF's text differs from the UTF-8 original's")
    check(open(pdf, "rb").read() == want_pdf, f"{name}: the PDF differs from the UTF-8 original's")
    docx = os.path.join(tmp, name + ".docx")
    r = render(vanban, src, docx)
    check(r.returncode == 0 and os.path.exists(docx), f"{name} (docx): exit {r.returncode}: {r.stderr.decode()}")
    print(f"{name}: {len(data)} bytes, same text and same PDF as the UTF-8 original")

# A file whose declaration names an encoding its bytes are not in is refused
# at the first bad byte, with the encoding named.
bad = write("bad-utf16.xml", b"\xff\xfe" + with_decl(text, "UTF-16").encode("utf-16-le")[:-1])
r = render(vanban, bad, os.path.join(tmp, "bad.pdf"))
check(r.returncode == 1 and b"UTF-16" in r.stderr, f"odd-length UTF-16: {r.returncode} {r.stderr.decode()}")
check(not os.path.exists(os.path.join(tmp, "bad.pdf")), "odd-length UTF-16: output written")
unknown = write("unknown-enc.xml", with_decl(text, "x-no-such-encoding").encode("utf-8"))
r = render(vanban, unknown, os.path.join(tmp, "unknown.pdf"))
check(r.returncode == 1 and b"unknown encoding 'x-no-such-encoding'" in r.stderr,
      f"unknown encoding: {r.returncode} {r.stderr.decode()}")

shutil.rmtree(tmp)
finish("test_encodings")
