#!/usr/bin/env python3
"""The .deb (`cpack -G DEB`): built from the build directory, its control
fields and contents read back with dpkg-deb, its Depends checked against
this Debian's packages (each clause met by an installed package of a
version that satisfies it: dpkg-shlibdeps worked them out from what the
program and the library link), then unpacked by dpkg into a throwaway root
(its own dpkg database) where `vanban --version` runs and the example
renders with a bare environment.

usage: test_deb.py BUILD_DIR SOURCE_DIR WORK_DIR"""
import glob
import os
import re
import shutil
import subprocess
import sys

build, src, work = (os.path.abspath(a) for a in sys.argv[1:4])
passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}" + (f"\n  {detail}" if detail else ""))
    return cond


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def done():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
r = run(["cpack", "-G", "DEB", "-B", work, "--config", os.path.join(build, "CPackConfig.cmake")])
debs = glob.glob(os.path.join(work, "vanban_*.deb"))
if not check(r.returncode == 0 and len(debs) == 1, "cpack -G DEB builds one .deb", r.stdout[-1500:] + r.stderr[-1500:]):
    done()
deb = debs[0]
version = run([os.path.join(build, "vanban"), "--version"]).stdout.split()[1]
arch = run(["dpkg", "--print-architecture"]).stdout.strip()
check(os.path.basename(deb) == f"vanban_{version}_{arch}.deb", "named vanban_VERSION_ARCH.deb", deb)


def field(name):
    return run(["dpkg-deb", "-f", deb, name]).stdout.strip()


check(field("Package") == "vanban", "Package: vanban")
check(field("Version") == version, f"Version: {version}", field("Version"))
check(field("Architecture") == arch, f"Architecture: {arch}")
check(field("Maintainer") != "" and field("Description") != "", "Maintainer and Description")

# ---- Depends: every library the binaries link, each one available here ----------
depends = field("Depends")
clauses = [c.strip() for c in depends.split(",") if c.strip()]
names = {re.match(r"[\w.+-]+", alt.strip()).group(0) for c in clauses for alt in c.split("|")}
for lib in ["libc6", "libhpdf-2.3.0", "libharfbuzz0b", "libharfbuzz-subset0", "libfreetype6", "libxml2", "libzip4",
            "libutf8proc2", "libunibreak1", "libpng16-16", "libdeflate0",
            # opened when first needed (src/base/dl.h), so named by cmake/install.cmake
            "libcairo2", "libmicrohttpd12", "libssl3"]:
    check(lib in names, f"Depends names {lib}", depends)
check(not any(n.endswith("-dev") for n in names), "Depends names no -dev package", depends)
for clause in clauses:
    ok = False
    for alt in clause.split("|"):
        m = re.match(r"\s*([\w.+-]+)\s*(?:\(\s*([<>=]+)\s*([^)\s]+)\s*\))?", alt)
        name, op, ver = m.group(1), m.group(2), m.group(3)
        q = run(["dpkg-query", "-W", "-f=${Status}|${Version}", name])
        if q.returncode != 0 or not q.stdout.startswith("install ok installed"):
            continue
        have = q.stdout.split("|")[1]
        dop = {">=": "ge", "<=": "le", "=": "eq", ">>": "gt", "<<": "lt"}.get(op)
        if not op or run(["dpkg", "--compare-versions", have, dop, ver]).returncode == 0:
            ok = True
    check(ok, f"Depends clause '{clause}' is met by this Debian's packages")

# apt's own answer to `apt install ./vanban_….deb`, without installing
r = run(["apt-get", "install", "--simulate", "-o", "Debug::NoLocking=1", deb])
check(r.returncode == 0 and re.search(r"^Inst vanban ", r.stdout, re.M), "apt-get install --simulate ./vanban_….deb",
      r.stdout[-1500:] + r.stderr[-1500:])

# ---- contents --------------------------------------------------------------------
listing = run(["dpkg-deb", "-c", deb]).stdout
paths = {line.split()[5].lstrip(".") for line in listing.splitlines() if len(line.split()) >= 6}
for p in ["/usr/bin/vanban", "/usr/include/vanban.h", "/usr/lib/libvanban.a", "/usr/lib/libvanban.so",
          "/usr/lib/pkgconfig/vanban.pc", "/usr/lib/cmake/vanban/vanban-config.cmake",
          "/usr/share/man/man1/vanban.1", "/usr/share/bash-completion/completions/vanban",
          "/usr/share/vanban/layouts/nd30.xml", "/usr/share/vanban/schema/vanban.rng",
          "/usr/share/vanban/fonts/LiberationSerif-Regular.ttf", "/usr/share/vanban/fonts/LICENSE",
          "/usr/share/locale/vi/LC_MESSAGES/vanban.mo"]:
    check(p in paths, f"the .deb holds {p}")
check(any(re.fullmatch(r"/usr/lib/libvanban\.so\.\d+", p) for p in paths), "the .deb holds libvanban.so.N")
check(not any("/build" in p or p.startswith("/usr/local") for p in paths), "nothing from the build or /usr/local")
ctl = os.path.join(work, "control")
run(["dpkg-deb", "-e", deb, ctl])
shlibs = open(os.path.join(ctl, "shlibs")).read() if os.path.exists(os.path.join(ctl, "shlibs")) else ""
check(re.match(r"libvanban \d+ vanban", shlibs), "a shlibs entry for libvanban", shlibs)

# ---- installed into a throwaway root -----------------------------------------------
root = os.path.join(work, "root")
for d in ["var/lib/dpkg/info", "var/lib/dpkg/updates"]:
    os.makedirs(os.path.join(root, d))
for f in ["var/lib/dpkg/status", "var/lib/dpkg/available"]:
    open(os.path.join(root, f), "w").close()
# --unpack: the files go in and dpkg's database records them; configuring
# would run ldconfig inside the root, which has none (the libraries
# themselves come from this system, as Depends says).
r = run(["dpkg", f"--root={root}", "--force-depends", "--force-not-root", "--unpack", deb])
check(r.returncode == 0, "dpkg --root unpacks the .deb", r.stdout[-1500:] + r.stderr[-1500:])
r = run(["dpkg", f"--root={root}", "-L", "vanban"])
check("/usr/bin/vanban" in r.stdout.split(), "dpkg's database in the root lists /usr/bin/vanban", r.stderr)
vanban = os.path.join(root, "usr/bin/vanban")
elsewhere = os.path.join(work, "elsewhere")
os.makedirs(elsewhere)
r = run(["env", "-i", vanban, "--version"], cwd=elsewhere)
check(r.returncode == 0 and r.stdout.startswith(f"vanban {version}\n") and
      f"data {os.path.join(root, 'usr/share/vanban')}" in r.stdout, "vanban --version from the root", r.stdout + r.stderr)
shutil.copy(os.path.join(src, "examples/bao-cao-lap-vo.xml"), os.path.join(elsewhere, "bao-cao.xml"))
r = run(["env", "-i", vanban, "render", "bao-cao.xml", "-o", "bao-cao.pdf"], cwd=elsewhere)
check(r.returncode == 0, "the unpacked vanban renders", r.stderr[-1500:])
text = run(["pdftotext", os.path.join(elsewhere, "bao-cao.pdf"), "-"]).stdout
check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, "its PDF holds the Quốc hiệu")
shutil.copy(os.path.join(src, "tests/bad/missing-attribute.xml"), os.path.join(elsewhere, "bad.xml"))
r = run(["env", "-i", "LANG=vi_VN.UTF-8", vanban, "check", "bad.xml"], cwd=elsewhere)
check("bad.xml:4:3: lỗi: <so_ky_hieu> cần có thuộc tính 'so'" in r.stderr,
      "the unpacked vanban speaks Vietnamese under LANG=vi_VN.UTF-8", r.stderr[-800:])
done()
