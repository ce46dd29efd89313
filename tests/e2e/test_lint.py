#!/usr/bin/python3
"""The linter's catalogue (tests/lint): each NAME.xml, checked from the
repository root with `vanban check tests/lint/NAME.xml`, prints exactly the
lines of NAME.expected on stderr and exits with the status in NAME.status, or,
without that file, 1 when an expected line is an error and 0 otherwise.

`vanban check --schema` prints the same (the reader and the schema agree).
`vanban render` runs the same checks: an entry with an error exits 1, prints
the same lines and writes no output file; an entry with warnings only writes
its PDF and prints the same warnings.

usage: test_lint.py VANBAN [NAME ...]   (names: only those entries)"""
import glob
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish, run

vanban = os.path.abspath(sys.argv[1])
only = set(sys.argv[2:])
tmp = tempfile.mkdtemp(prefix="vanban-lint-")
cases = sorted(glob.glob(os.path.join(ROOT, "tests", "lint", "*.xml")))
check(len(cases) >= 12, f"only {len(cases)} lint entries found")
for src in cases:
    name = os.path.splitext(os.path.basename(src))[0]
    if only and name not in only:
        continue
    rel = os.path.relpath(src, ROOT)
    want = open(os.path.join(ROOT, "tests", "lint", name + ".expected"), encoding="utf-8").read()
    status_file = os.path.join(ROOT, "tests", "lint", name + ".status")
    if os.path.exists(status_file):
        want_status = int(open(status_file).read())
    else:
        want_status = 1 if ": error: " in want else 0

    r = run([vanban, "check", rel], cwd=ROOT)
    got = r.stderr.decode("utf-8", "replace")
    check(r.returncode == want_status, f"{name} (check): exit {r.returncode}, want {want_status}")
    check(got == want, f"{name} (check): stderr\n--- got\n{got}--- want\n{want}")
    check(r.stdout == b"", f"{name} (check): printed on stdout: {r.stdout[:200]!r}")

    # with the schema as well: the reader and the schema agree, so nothing changes
    r = run([vanban, "check", "--schema", rel], cwd=ROOT)
    got = r.stderr.decode("utf-8", "replace")
    check(r.returncode == want_status, f"{name} (check --schema): exit {r.returncode}, want {want_status}")
    check(got == want, f"{name} (check --schema): stderr\n--- got\n{got}--- want\n{want}")

    out_dir = os.path.join(tmp, name)
    os.mkdir(out_dir)
    out = os.path.join(out_dir, "out.pdf")
    r = run([vanban, "render", rel, "-o", out], cwd=ROOT)
    got = r.stderr.decode("utf-8", "replace")
    check(r.returncode == want_status, f"{name} (render): exit {r.returncode}, want {want_status}")
    check(got == want, f"{name} (render): stderr\n--- got\n{got}--- want\n{want}")
    if want_status:
        check(os.listdir(out_dir) == [], f"{name} (render): left files behind: {os.listdir(out_dir)}")
    else:
        ok = os.path.exists(out) and open(out, "rb").read(5) == b"%PDF-"
        check(ok, f"{name} (render): no PDF written")
shutil.rmtree(tmp)
finish("test_lint")
