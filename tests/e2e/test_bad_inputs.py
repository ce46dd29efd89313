#!/usr/bin/python3
"""The catalogue of bad inputs (tests/bad): each NAME.xml run through the CLI
gives exactly the lines in NAME.expected on stderr, exit status 1 (or the one
named in NAME.status), and leaves no output file behind; a file that already
had the output's name is left as it was.

usage: test_bad_inputs.py VANBAN"""
import glob
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, run

vanban = os.path.abspath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="vanban-bad-")
cases = sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*.xml")))
check(len(cases) >= 10, f"only {len(cases)} bad inputs found")
for src in cases:
    name = os.path.splitext(os.path.basename(src))[0]
    rel = os.path.relpath(src, ROOT)
    want = open(os.path.join(ROOT, "tests", "bad", name + ".expected"), encoding="utf-8").read()
    status_file = os.path.join(ROOT, "tests", "bad", name + ".status")
    want_status = int(open(status_file).read()) if os.path.exists(status_file) else 1
    for ext in ("pdf", "docx"):
        out_dir = os.path.join(tmp, name + "-" + ext)
        os.mkdir(out_dir)
        out = os.path.join(out_dir, "out." + ext)
        r = run([vanban, "render", rel, "-o", out], cwd=ROOT)
        got = r.stderr.decode("utf-8", "replace")
        check(r.returncode == want_status, f"{name} ({ext}): exit {r.returncode}, want {want_status}")
        check(got == want, f"{name} ({ext}): stderr\n--- got\n{got}--- want\n{want}")
        check(os.listdir(out_dir) == [], f"{name} ({ext}): left files behind: {os.listdir(out_dir)}")
        # an existing file of that name is untouched
        with open(out, "wb") as f:
            f.write(b"the clerk's earlier file")
        r = run([vanban, "render", rel, "-o", out], cwd=ROOT)
        check(open(out, "rb").read() == b"the clerk's earlier file", f"{name} ({ext}): existing file changed")
        check(sorted(os.listdir(out_dir)) == ["out." + ext], f"{name} ({ext}): temp files left")
    # the checker reports the same problems
    r = run([vanban, "check", rel], cwd=ROOT)
    check(r.returncode == want_status, f"{name} (check): exit {r.returncode}")
shutil.rmtree(tmp)
finish("test_bad_inputs")
