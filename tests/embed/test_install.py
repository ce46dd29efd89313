#!/usr/bin/env python3
"""`cmake --install` as a user gets it: installs the build into a temporary
prefix, then, from another folder and with a bare environment (env -i), the
installed vanban renders the example; moved elsewhere as a whole it still
finds its data; `man -l` reads its page, which names every option --help
names; pkg-config gives the flags with which a small C program (hello.c),
linked to the shared and to the static library, renders a document, and so
does a CMake project that uses find_package(vanban).

usage: test_install.py BUILD_DIR SOURCE_DIR WORK_DIR"""
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
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    return subprocess.run(cmd, **kw)


shutil.rmtree(work, ignore_errors=True)
prefix = os.path.join(work, "prefix")
elsewhere = os.path.join(work, "elsewhere")
os.makedirs(elsewhere)

r = run(["cmake", "--install", build, "--prefix", prefix])
if not check(r.returncode == 0, "cmake --install", r.stdout[-2000:] + r.stderr[-2000:]):
    print(f"{passed} passed, {failed} failed")
    sys.exit(1)

# ---- what is where ------------------------------------------------------------
for rel in ["bin/vanban", "include/vanban.h", "lib/libvanban.a", "lib/libvanban.so", "lib/pkgconfig/vanban.pc",
            "share/vanban/layouts/nd30.xml", "share/vanban/layouts/nd30-13.xml", "share/vanban/schema/vanban.rng",
            "share/vanban/fonts/LiberationSerif-Regular.ttf", "share/vanban/fonts/LICENSE",
            "share/vanban/data/legacy/tcvn3.tsv", "share/vanban/data/vi-words/compounds.tsv",
            "share/vanban/data/vi-words/README.md", "share/man/man1/vanban.1",
            "share/bash-completion/completions/vanban", "share/doc/vanban/README.md",
            "lib/cmake/vanban/vanban-config.cmake", "lib/cmake/vanban/vanban-config-version.cmake",
            "share/locale/vi/LC_MESSAGES/vanban.mo"]:
    check(os.path.exists(os.path.join(prefix, rel)), f"installed {rel}")
if os.path.exists(os.path.join(src, "LICENSE")):
    check(os.path.exists(os.path.join(prefix, "share/vanban/LICENSE")), "installed share/vanban/LICENSE")
so = os.path.realpath(os.path.join(prefix, "lib/libvanban.so"))
check(re.search(r"libvanban\.so\.\d+\.\d+\.\d+$", so), "libvanban.so points at a versioned file", so)
check(os.path.islink(os.path.join(prefix, "lib/libvanban.so.1")) or
      any(re.fullmatch(r"libvanban\.so\.\d+", f) for f in os.listdir(os.path.join(prefix, "lib"))),
      "the SONAME link libvanban.so.N is installed")

example = os.path.join(elsewhere, "bao-cao.xml")
shutil.copy(os.path.join(src, "examples/bao-cao-lap-vo.xml"), example)
shutil.copy(os.path.join(src, "tests/bad/missing-attribute.xml"), os.path.join(elsewhere, "bad.xml"))


def pdf_text(path):
    r = run(["pdftotext", "-layout", path, "-"])
    return r.stdout if r.returncode == 0 else ""


def renders(prog_dir, label):
    """The installed program, from `elsewhere`, with nothing in its environment."""
    vanban = os.path.join(prog_dir, "bin/vanban")
    out = os.path.join(elsewhere, f"{label}.pdf")
    r = run(["env", "-i", vanban, "render", "bao-cao.xml", "-o", out, "-v"], cwd=elsewhere)
    check(r.returncode == 0, f"{label}: env -i vanban render", r.stderr[-2000:])
    want_dir = os.path.join(prog_dir, "share/vanban")
    check(f"data directory: {want_dir}" in r.stderr, f"{label}: the data directory is {want_dir}", r.stderr[-800:])
    check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(out), f"{label}: the PDF holds the Quốc hiệu")
    r = run(["env", "-i", vanban, "--version"], cwd=elsewhere)
    check(r.returncode == 0 and r.stdout.startswith("vanban ") and f"data {want_dir}" in r.stdout,
          f"{label}: --version", r.stdout + r.stderr)
    r = run(["env", "-i", vanban, "--list-layouts"], cwd=elsewhere)
    check(r.stdout.split() == ["nd30", "nd30-13"], f"{label}: --list-layouts", r.stdout + r.stderr)
    # the messages' catalogue is found beside the program, as the data is
    r = run(["env", "-i", "LANG=vi_VN.UTF-8", vanban, "check", "bad.xml"], cwd=elsewhere)
    check(r.returncode == 1 and "bad.xml:4:3: lỗi: <so_ky_hieu> cần có thuộc tính 'so'" in r.stderr,
          f"{label}: LANG=vi_VN.UTF-8 vanban check speaks Vietnamese", r.stderr[-800:])
    r = run(["env", "-i", vanban, "check", "bad.xml"], cwd=elsewhere)
    check("bad.xml:4:3: error: <so_ky_hieu> needs attribute 'so'" in r.stderr, f"{label}: English otherwise",
          r.stderr[-800:])


renders(prefix, "installed")

# ---- the man page -------------------------------------------------------------
man = os.path.join(prefix, "share/man/man1/vanban.1")
r = run(["man", "--warnings", "-l", man], env={**os.environ, "MANWIDTH": "100", "LANG": "C.UTF-8", "MANPAGER": "cat",
                                              "PAGER": "cat"})
page = r.stdout
check(r.returncode == 0 and "EXIT STATUS" in page, "man -l reads the page", r.stderr[-1000:])
check("warning" not in r.stderr, "no troff warnings", r.stderr[-1000:])
for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES",
                "EXAMPLES"]:
    check(re.search(rf"^{section}$", page, re.M), f"the man page has {section}")
help_text = run([os.path.join(prefix, "bin/vanban"), "--help"]).stdout
options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+|-[a-z])\b", help_text))
check(len(options) >= 18, f"--help names the options ({len(options)})")
comp = open(os.path.join(prefix, "share/bash-completion/completions/vanban"), encoding="utf-8").read()
for opt in sorted(options):
    check(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", page), f"the man page names {opt}")
    check(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", comp), f"the completion offers {opt}")
for cmd in ["render", "check"]:
    check(re.search(rf"^\s+vanban {cmd}", page, re.M), f"the synopsis shows vanban {cmd}")
for status in range(6):
    check(re.search(rf"^\s+{status}\s+\S", page, re.M), f"the man page explains exit status {status}")
version = run([os.path.join(prefix, "bin/vanban"), "--version"]).stdout.split()[1]
check(re.search(rf'^\.TH VANBAN 1 "[^"]*" "vanban {re.escape(version)}"', open(man, encoding="utf-8").read(), re.M),
      f"the man page's .TH says vanban {version} (raise it with the version in vanban.h)")
check("VANBAN_DATA_DIR" in page and "SOURCE_DATE_EPOCH" in page, "the environment variables")

# ---- pkg-config and a program built with it --------------------------------------
env = {**os.environ, "PKG_CONFIG_PATH": os.path.join(prefix, "lib/pkgconfig")}
r = run(["pkg-config", "--cflags", "--libs", "vanban"], env=env)
flags = r.stdout.split()
check(r.returncode == 0 and "-lvanban" in flags, "pkg-config --cflags --libs vanban", r.stdout + r.stderr)
inc = [f[2:] for f in flags if f.startswith("-I")]
check(any(os.path.realpath(i) == os.path.join(prefix, "include") for i in inc), "-I names the installed include/",
      " ".join(flags))
r = run(["pkg-config", "--modversion", "vanban"], env=env)
check(r.stdout.strip() == run([os.path.join(prefix, "bin/vanban"), "--version"]).stdout.split()[1],
      "pkg-config's version is the program's", r.stdout)

hello = os.path.join(work, "hello")
libdir = os.path.join(prefix, "lib")
r = run(["cc", "-Wall", "-Wextra", "-Werror", "-o", hello, os.path.join(src, "tests/embed/hello.c"), *flags,
         f"-Wl,-rpath,{libdir}"], env=env)
if check(r.returncode == 0, "cc hello.c $(pkg-config --cflags --libs vanban)", r.stderr[-2000:]):
    r = run(["ldd", hello])
    check(os.path.join(libdir, "libvanban.so.1") in r.stdout, "hello uses the installed libvanban.so.1", r.stdout)
    out = os.path.join(elsewhere, "hello.pdf")
    r = run(["env", "-i", hello, "bao-cao.xml", out], cwd=elsewhere)
    check(r.returncode == 0, "hello renders", r.stdout + r.stderr)
    # the library found the data from its own place (lib/../share/vanban)
    check(f"data {os.path.join(prefix, 'share/vanban')}" in r.stdout, "the library finds the installed data",
          r.stdout)
    check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(out), "hello's PDF holds the Quốc hiệu")

# the static library: pkg-config --static gives what it needs
r = run(["pkg-config", "--static", "--cflags", "--libs", "vanban"], env=env)
sflags = [os.path.join(libdir, "libvanban.a") if f == "-lvanban" else f for f in r.stdout.split()]
hello_static = os.path.join(work, "hello-static")
r = run(["cc", "-o", hello_static, os.path.join(src, "tests/embed/hello.c"), *sflags])
if check(r.returncode == 0, "cc hello.c libvanban.a $(pkg-config --static --libs vanban)", r.stderr[-2000:]):
    check("libvanban" not in run(["ldd", hello_static]).stdout, "hello-static needs no libvanban.so")
    out = os.path.join(elsewhere, "hello-static.pdf")
    r = run(["env", "-i", f"VANBAN_DATA_DIR={prefix}/share/vanban", hello_static, "bao-cao.xml", out],
            cwd=elsewhere)
    check(r.returncode == 0 and "CỘNG HÒA" in pdf_text(out), "hello-static renders", r.stdout + r.stderr)

# ---- find_package(vanban) from a CMake project -------------------------------------
proj = os.path.join(work, "cmake-project")
os.makedirs(proj)
shutil.copy(os.path.join(src, "tests/embed/hello.c"), proj)
with open(os.path.join(proj, "CMakeLists.txt"), "w") as f:
    f.write("cmake_minimum_required(VERSION 3.16)\nproject(hello C)\n"
            "find_package(vanban 0.1 CONFIG REQUIRED)\n"
            "add_executable(hello hello.c)\ntarget_link_libraries(hello PRIVATE vanban::vanban)\n")
r = run(["cmake", "-S", proj, "-B", os.path.join(proj, "build"), f"-DCMAKE_PREFIX_PATH={prefix}"])
if check(r.returncode == 0, "find_package(vanban) in a CMake project", r.stdout[-1500:] + r.stderr[-1500:]):
    r = run(["cmake", "--build", os.path.join(proj, "build")])
    if check(r.returncode == 0, "it builds against vanban::vanban", r.stdout[-1500:] + r.stderr[-1500:]):
        out = os.path.join(elsewhere, "cmake-hello.pdf")
        r = run(["env", "-i", os.path.join(proj, "build/hello"), "bao-cao.xml", out], cwd=elsewhere)
        check(r.returncode == 0 and "CỘNG HÒA" in pdf_text(out), "and renders", r.stdout + r.stderr)

# ---- the whole tree moved: still finds its data -----------------------------------
moved = os.path.join(work, "moved")
os.rename(prefix, moved)
renders(moved, "moved")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
