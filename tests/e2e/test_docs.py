#!/usr/bin/python3
"""The documentation holds together: every relative link and anchor in the
Markdown files resolves, README.md stays a front page (at most 8 KB), the
commands and options it shows are the program's own (`vanban --help`), and
the licence files sit where docs/licences.md says.

usage: test_docs.py VANBAN"""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, check, finish

vanban = os.path.abspath(sys.argv[1])
SKIP_DIRS = ("build", ".git", "node_modules", "out")


def markdown_files():
    for path in glob.glob(os.path.join(ROOT, "**", "*.md"), recursive=True):
        rel = os.path.relpath(path, ROOT)
        if not rel.split(os.sep)[0].startswith(SKIP_DIRS):
            yield path


def without_code(text):
    """The text without fenced code blocks and inline code, where brackets are not links."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def anchors(path):
    """The anchors GitHub makes of a file's headings: lower case, punctuation
    dropped, spaces as hyphens (duplicates get -1, -2 …)."""
    seen, out = {}, set()
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"^```.*?^```", "", f.read(), flags=re.S | re.M)
    for title in re.findall(r"^#{1,6}\s+(.*?)\s*#*\s*$", text, re.M):
        a = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        n = seen.get(a, 0)
        seen[a] = n + 1
        out.add(a if n == 0 else f"{a}-{n}")
    return out


def test_links():
    count = 0
    for path in markdown_files():
        rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            text = without_code(f.read())
        for target in re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # http:, https:, mailto:
            count += 1
            file_part, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            if not check(os.path.exists(dest), f"{rel}: link to {target}: no such file"):
                continue
            if anchor and dest.endswith(".md"):
                check(anchor in anchors(dest), f"{rel}: link to {target}: no heading makes that anchor")
    check(count > 20, f"only {count} relative links found: is the search broken?")


def test_readme():
    readme = os.path.join(ROOT, "README.md")
    size = os.path.getsize(readme)
    check(size <= 8192, f"README.md is {size} bytes: it is the front page (at most 8 KB); details go in docs/")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    for doc in ("docs/format.md", "docs/architecture.md", "docs/testing.md", "docs/licences.md", "LICENSE"):
        check(f"({doc})" in text, f"README.md does not link {doc}")
    helptext = subprocess.run([vanban, "--help"], capture_output=True, text=True).stdout
    check("Usage:" in helptext, "vanban --help printed no usage")
    commands = set(re.findall(r"^vanban ([a-z][a-z-]*)", text, re.M))
    check({"render", "check"} <= commands, f"README.md shows the commands {sorted(commands)}")
    for cmd in sorted(commands):
        check(re.search(rf"\bvanban {cmd}\b", helptext), f"README.md shows `vanban {cmd}`, which --help does not know")
    # the options of vanban's own command lines and of the "Options:" paragraph
    # (not those of cmake, git … that a paragraph may show)
    shown = re.findall(r"^vanban .*$", text, re.M) + re.findall(r"^Options:.*?(?=\n\s*\n)", text, re.M | re.S)
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", "\n".join(shown)))
    for opt in sorted(options):
        check(opt in helptext, f"README.md names the option {opt}, which --help does not know")
    check(len(options) >= 10, f"only {len(options)} options found in README.md")


def test_licences():
    check(os.path.exists(os.path.join(ROOT, "LICENSE")), "no LICENSE")
    fonts = glob.glob(os.path.join(ROOT, "fonts", "*.ttf"))
    check(fonts, "no fonts in fonts/")
    lic = os.path.join(ROOT, "fonts", "LICENSE")
    check(os.path.exists(lic), "the fonts ship without their licence (fonts/LICENSE)")
    if os.path.exists(lic):
        with open(lic, encoding="utf-8", errors="replace") as f:
            text = f.read()
        check("SIL OPEN FONT LICENSE Version 1.1" in text and "DISCLAIMER" in text,
              "fonts/LICENSE does not hold the full SIL Open Font License 1.1")
    with open(os.path.join(ROOT, "docs", "licences.md"), encoding="utf-8") as f:
        licences = f.read()
    # every library the build links is accounted for
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        cmake = f.read()
    for mod, name in (("HB", "HarfBuzz"), ("FT", "FreeType"), ("XML2", "libxml2"), ("ZIP", "libzip"),
                      ("UTF8PROC", "utf8proc"), ("UNIBREAK", "libunibreak"), ("PNG", "libpng"),
                      ("DEFLATE", "libdeflate"), ("LibHaru", "libharu")):
        if mod in cmake:
            check(name in licences, f"docs/licences.md does not list {name}, which CMakeLists.txt links")


test_links()
test_readme()
test_licences()
finish("test_docs")
