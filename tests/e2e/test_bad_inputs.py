#!/usr/bin/python3
"""The catalogue of bad inputs (tests/bad): each NAME.xml run through the CLI
gives exactly the lines in NAME.expected on stderr, exit status 1 (or the one
named in NAME.status), and leaves no output file behind; a file that already
had the output's name is left as it was. Every entry is also run once under
strace, which must show that the program neither opened /etc/passwd (which
some entries point an external entity at) nor opened a network connection;
so is each entry below.

Then the entries tests/bad/gen.py makes at test time (10,000 paragraphs, a
1 MB word, 500 levels of nesting, broken fonts, layouts and images, outputs
that cannot be written …), each with its expected messages, exit status and a
time limit. Last, the limits' options: in --help with their defaults, and
usage errors for values that are not positive numbers.

usage: test_bad_inputs.py VANBAN [NAME ...]   (names: only those entries)"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bad"))
from common import ROOT, check, finish, run
import gen

vanban = os.path.abspath(sys.argv[1])
only = set(sys.argv[2:])
tmp = tempfile.mkdtemp(prefix="vanban-bad-")
# the sanitizers make the program several times slower
slow = 8 if os.environ.get("VB_TEST_SANITIZED") else 1
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}


def have_strace():
    try:
        r = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"], capture_output=True)
        return r.returncode == 0
    except OSError:
        return False


STRACE = have_strace()
if not STRACE:
    print("note: strace is missing or cannot trace here; skipped the no-read, no-network checks")


def traced(cmd, cwd, name):
    """Runs cmd under strace; fails the entry if it touched /etc/passwd or the network."""
    log = os.path.join(tmp, name + ".strace")
    env = dict(os.environ)
    # LeakSanitizer cannot work under ptrace; the untraced runs check leaks
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    r = run(["strace", "-f", "-qq", "-e", "trace=open,openat,connect,socket", "-o", log, *cmd], cwd=cwd, env=env)
    lines = open(log, encoding="utf-8", errors="replace").read().splitlines()
    os.remove(log)
    passwd = [l for l in lines if "/etc/passwd" in l]
    net = [l for l in lines if " connect(" in l or (" socket(" in l and ("AF_INET" in l or "AF_INET6" in l))]
    check(not passwd, f"{name}: opened /etc/passwd: {passwd[:2]}")
    check(not net, f"{name}: used the network: {net[:2]}")
    return r


# ---- the committed catalogue ----

cases = sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*.xml")))
check(len(cases) >= 40, f"only {len(cases)} bad inputs found")
for src in cases:
    name = os.path.splitext(os.path.basename(src))[0]
    if only and name not in only:
        continue
    rel = os.path.relpath(src, ROOT)
    want = open(os.path.join(ROOT, "tests", "bad", name + ".expected"), encoding="utf-8").read()
    status_file = os.path.join(ROOT, "tests", "bad", name + ".status")
    want_status = int(open(status_file).read()) if os.path.exists(status_file) else 1
    for ext in ("pdf", "docx"):
        out_dir = os.path.join(tmp, name + "-" + ext)
        os.mkdir(out_dir)
        out = os.path.join(out_dir, "out." + ext)
        cmd = [vanban, "render", rel, "-o", out]
        r = traced(cmd, ROOT, name) if STRACE and ext == "pdf" else run(cmd, cwd=ROOT)
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


# ---- entries made at test time (tests/bad/gen.py) ----

def subst(s, d, fmt=""):
    return s.replace("{dir}", d).replace("{root}", ROOT).replace("{fmt}", fmt)


n_gen = 0
for case in gen.cases(ROOT):
    if only and case.name not in only:
        continue
    n_gen += 1
    d = os.path.join(tmp, case.name)
    os.mkdir(d)
    for rel, data in case.files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(data, str) and data.startswith("@"):
            os.symlink(data[1:], path)
        elif data == "|fifo":
            os.mkfifo(path, 0o600)
        else:
            if b"{dir}" in data:
                data = data.replace(b"{dir}", d.encode())
            with open(path, "wb") as f:
                f.write(data)
    for fmt in case.formats:
        out_dir = os.path.join(d, "out-" + fmt)
        os.mkdir(out_dir)
        out = subst(case.output, d, fmt) if case.output else os.path.join(out_dir, "out." + fmt)
        cmd = [vanban, "render", case.input, "-o", out, *[subst(a, d, fmt) for a in case.args]]
        t0 = time.monotonic()
        r = traced(cmd, d, case.name) if STRACE and fmt == case.formats[0] else run(cmd, cwd=d)
        secs = time.monotonic() - t0
        label = f"{case.name} ({fmt})"
        got = r.stderr.decode("utf-8", "replace")
        check(r.returncode == case.status, f"{label}: exit {r.returncode}, want {case.status}\n{got[:2000]}")
        check(secs <= case.seconds * slow, f"{label}: took {secs:.1f} s, the bound is {case.seconds * slow} s")
        if case.expected is not None:
            want = subst(case.expected, d, fmt)
            check(got == want, f"{label}: stderr\n--- got\n{got[:2000]}--- want\n{want}")
        for piece in case.contains:
            piece = subst(piece, d, fmt)
            check(piece in got, f"{label}: stderr lacks {piece!r}\n--- got\n{got[:2000]}")
        if case.status == 0:
            ok = os.path.exists(out) and open(out, "rb").read(5).startswith(MAGIC[fmt][:4])
            check(ok, f"{label}: no {fmt} file written")
        elif not case.output:
            check(os.listdir(out_dir) == [], f"{label}: left files behind: {os.listdir(out_dir)}")
            with open(out, "wb") as f:
                f.write(b"the clerk's earlier file")
            run(cmd, cwd=d)
            check(open(out, "rb").read() == b"the clerk's earlier file", f"{label}: existing file changed")
            check(os.listdir(out_dir) == ["out." + fmt], f"{label}: temp files left")
        print(f"{label}: exit {r.returncode} in {secs:.2f} s")
    shutil.rmtree(d)
check(only or n_gen >= 10, f"only {n_gen} generated entries")

# ---- the limits: documented in --help with their defaults; bad values are usage errors ----

if not only:
    r = run([vanban, "--help"])
    helptext = r.stdout.decode()
    for opt, default in (("--max-input", "16777216"), ("--max-pages", "1000"), ("--max-depth", "64"),
                         ("--max-nodes", "200000"), ("--max-image-pixels", "40000000")):
        line = next((l for l in helptext.splitlines() if l.strip().startswith(opt + " ")), "")
        check(f"default {default}" in line, f"--help does not give {opt} with its default {default}: {line!r}")
        for bad in ("0", "-1", "x", "12abc"):
            r = run([vanban, "check", "tests/bad/empty.xml", opt, bad], cwd=ROOT)
            check(r.returncode == 2 and opt.encode() in r.stderr, f"{opt} {bad}: exit {r.returncode} {r.stderr!r}")
    r = run([vanban, "check", "tests/bad/empty.xml", "--max-depth", "257"], cwd=ROOT)
    check(r.returncode == 2 and b"--max-depth needs a number from 1 to 256" in r.stderr,
          f"--max-depth 257: exit {r.returncode} {r.stderr!r}")

shutil.rmtree(tmp)
finish("test_bad_inputs")
