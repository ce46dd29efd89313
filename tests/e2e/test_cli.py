#!/usr/bin/python3
"""The command line: help, version, usage errors, exit statuses, standard
input and output, fonts, layouts, dates and the no-broken-file promise.

usage: test_cli.py VANBAN"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, fold, pdfinfo, pdftotext, render, run

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-cli-")
ex = os.path.join(ROOT, "examples", "bao-cao-lap-vo.xml")

r = run([vanban, "--help"])
check(r.returncode == 0 and b"Usage: vanban render" in r.stdout and b"Exit status" in r.stdout, "--help")
r = run([vanban, "--version"])
check(r.returncode == 0 and r.stdout.startswith(b"vanban "), "--version")

# usage errors: exit 2, a message naming the problem
for args, msg in [([], "no command given"), (["frobnicate"], "unknown command frobnicate"),
                  (["render", ex], "no output file given"), (["render", ex, "-o", "x.odt"], "cannot tell the output format"),
                  (["render", ex, "-o", "-"], "writing to standard output needs --format"),
                  (["render", ex, "-o", "a.pdf", "--bogus"], "unknown option --bogus"),
                  (["render", "-o", "a.pdf"], "no input file given"),
                  (["render", ex, "-o", "a.pdf", "--max-pages", "x"], "--max-pages needs a positive number")]:
    r = run([vanban, *args], cwd=tmp)
    check(r.returncode == 2 and msg in r.stderr.decode(), f"usage {args}: {r.returncode} {r.stderr.decode()}")
    check(not os.path.exists(os.path.join(tmp, "a.pdf")), f"usage {args}: wrote a file")

# input that cannot be read: exit 3
r = run([vanban, "render", os.path.join(tmp, "missing.xml"), "-o", os.path.join(tmp, "m.pdf")])
check(r.returncode == 3 and "missing.xml: error: cannot open: No such file or directory" in r.stderr.decode(),
      f"missing input: {r.returncode} {r.stderr.decode()}")
check(not os.path.exists(os.path.join(tmp, "m.pdf")), "missing input: output written")

# a full disk: exit 3 and a message; an unwritable directory too
r = run([vanban, "render", ex, "-o", "/dev/full", "--format", "pdf"])
check(r.returncode == 3 and "/dev/full: error: cannot write: No space left on device" in r.stderr.decode(),
      f"/dev/full: {r.returncode} {r.stderr.decode()}")
r = run([vanban, "render", ex, "-o", os.path.join(tmp, "no", "such", "dir", "x.pdf")])
check(r.returncode == 3 and "cannot create" in r.stderr.decode(), f"bad directory: {r.returncode} {r.stderr.decode()}")

# standard input and output give the same bytes as files
out = os.path.join(tmp, "a.pdf")
r = render(vanban, ex, out)
check(r.returncode == 0, "render to a file")
pdf = open(out, "rb").read()
r = subprocess.run([vanban, "render", "-", "-o", "-", "--format", "pdf"], input=open(ex, "rb").read(),
                   capture_output=True)
check(r.returncode == 0 and r.stdout == pdf, "standard input to standard output gives the same PDF")

# the file is replaced whole, with the usual permissions, and no temp file remains
os.chmod(out, 0o600)
r = render(vanban, ex, out)
check(os.listdir(tmp) == ["a.pdf"], f"temp files left: {os.listdir(tmp)}")
check(open(out, "rb").read() == pdf, "re-render gives the same bytes")

# JSON page model
r = render(vanban, ex, os.path.join(tmp, "a.json"))
check(r.returncode == 0 and open(os.path.join(tmp, "a.json"), "rb").read().startswith(b'{"pages":['), "json")
os.remove(os.path.join(tmp, "a.json"))

# --verbose says which fonts were used
r = run([vanban, "render", ex, "-o", out, "--verbose"])
err = r.stderr.decode()
check(r.returncode == 0 and "regular face: Liberation Serif Regular" in err and "bold face: Liberation Serif Bold" in err,
      f"--verbose: {err}")

# the user's own font files (a copy stands in for Times New Roman)
fontdir = os.path.join(tmp, "myfonts")
os.mkdir(fontdir)
for face in ("Regular", "Bold", "Italic", "BoldItalic"):
    shutil.copy(os.path.join(ROOT, "fonts", f"LiberationSerif-{face}.ttf"), os.path.join(fontdir, f"{face}.ttf"))
r = run([vanban, "render", ex, "-o", out, "-v", "--font", os.path.join(fontdir, "Regular.ttf"),
         "--font-bold", os.path.join(fontdir, "Bold.ttf"), "--font-italic", os.path.join(fontdir, "Italic.ttf"),
         "--font-bold-italic", os.path.join(fontdir, "BoldItalic.ttf")])
check(r.returncode == 0 and os.path.join(fontdir, "Regular.ttf") in r.stderr.decode(), f"--font: {r.stderr.decode()}")
# a font file that is missing or not a font: exit 4, nothing written
os.remove(out)
open(os.path.join(fontdir, "broken.ttf"), "wb").write(b"not a font at all")
for bad, msg in [("absent.ttf", "cannot read the font file"), ("broken.ttf", "not a font file that FreeType can read")]:
    r = run([vanban, "render", ex, "-o", out, "--font", os.path.join(fontdir, bad)])
    check(r.returncode == 4 and f"{bad}: error: {msg}" in r.stderr.decode(), f"font {bad}: {r.returncode} {r.stderr.decode()}")
    check(not os.path.exists(out), f"font {bad}: output written")
# a data directory that is not there: the installation is broken (4), not the input
r = run([vanban, "render", ex, "-o", out, "--data-dir", os.path.join(tmp, "no-data")])
check(r.returncode == 4 and "no-data/layouts/nd30.xml: error: cannot read the layout file" in r.stderr.decode(),
      f"no data directory: {r.returncode} {r.stderr.decode()}")
check(not os.path.exists(out), "no data directory: output written")

# a broken layout file: exit 1 with its position
lay = os.path.join(tmp, "broken.xml")
open(lay, "w").write('<layout name="x" version="1">\n  <page width="210"/>\n</layout>\n')
r = run([vanban, "render", ex, "-o", out, "--layout", lay])
check(r.returncode == 1 and f"{lay}:2:3: error:" in r.stderr.decode(), f"broken layout: {r.returncode} {r.stderr.decode()}")
check(not os.path.exists(out), "broken layout: output written")

# dates: the document's own, or SOURCE_DATE_EPOCH
render(vanban, ex, out)
info, _ = pdfinfo(out)
check(info.get("CreationDate", "").startswith("Tue Jul  4 17:00:00 2023"), f"CreationDate {info.get('CreationDate')}")
render(vanban, ex, out, env={"SOURCE_DATE_EPOCH": "1700000000"})
info, _ = pdfinfo(out)
check(info.get("CreationDate", "").startswith("Tue Nov 14 22:13:20 2023"), f"SOURCE_DATE_EPOCH: {info.get('CreationDate')}")
check(info.get("Title") == "Kết quả triển khai tổ chức thực hiện Chương trình khuyến công địa phương giai đoạn 2021-2025"
      and info.get("Author") == "ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ" and info.get("Subject") == "BÁO CÁO"
      and info.get("Keywords") == "05/BC-UBND", f"info {info}")

# the locale does not change a byte (vi_VN writes 1,5 for 1.5)
locales = run(["locale", "-a"]).stdout.decode().lower()
if "vi_vn.utf8" in locales:
    r = render(vanban, ex, out, env={"LC_ALL": "vi_VN.UTF-8"})
    check(open(out, "rb").read() == pdf, "output differs under LC_ALL=vi_VN.UTF-8")
else:
    print("note: no vi_VN.UTF-8 locale here; skipped the locale check")

shutil.rmtree(tmp)
finish("test_cli")
