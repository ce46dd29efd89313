#!/usr/bin/python3
"""Every example's DOCX through the OOXML validator (tests/ooxml/docx-validate.sh,
--strict: a warning fails too): every part against the ISO/IEC 29500-4
transitional and OPC schemas, plus the checks no schema makes (relationship
targets, content types, drawing ids, table grids, unreferenced parts).
First the validator itself must reject a part whose elements are out of
order, so that a validator that checks nothing cannot pass.

usage: test_ooxml.py VANBAN [EXAMPLE.xml ...]"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, render

VALIDATOR = os.path.join(ROOT, "tests", "ooxml", "docx-validate.sh")
vanban = os.path.abspath(sys.argv[1])
examples = sys.argv[2:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")))
tmp = tempfile.mkdtemp(prefix="vanban-ooxml-")


def validate(paths):
    r = subprocess.run(["bash", VALIDATOR, "--strict"] + paths, capture_output=True, timeout=600)
    return r.returncode, r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")


def main():
    docxs = []
    for src in examples:
        out = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".docx")
        render(vanban, src, out)
        if check(os.path.exists(out), f"{src}: no DOCX written"):
            docxs.append(out)
    if not docxs:
        return

    # the validator must see a broken file: w:jc before w:pStyle in a w:pPr
    bad = os.path.join(tmp, "out-of-order.docx")
    with zipfile.ZipFile(docxs[0]) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:pPr><w:pStyle", b"<w:pPr><w:jc w:val=\"left\"/><w:pStyle", 1)
            zout.writestr(item, data)
    rc, out = validate([bad])
    check(rc == 1 and "ERROR" in out, f"the validator accepts a w:pPr out of order (exit {rc}):\n{out}")

    rc, out = validate(docxs)
    for line in out.splitlines():
        if "error(s)" not in line:
            print(line)
    summaries = [ln for ln in out.splitlines() if "error(s)" in ln]
    check(rc == 0, f"docx-validate --strict exited {rc}")
    check(len(summaries) == len(docxs), f"{len(summaries)} summaries for {len(docxs)} files")
    for ln in summaries:
        ok = " 0 error(s), 0 warning(s)" in ln and " 0 part(s)" not in ln
        check(ok, ln)
    print(f"{len(docxs)} DOCX files valid")


main()
shutil.rmtree(tmp, ignore_errors=True)
finish("test_ooxml")
