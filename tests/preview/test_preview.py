"""vanban preview: every page of every example as a PNG, checked against
poppler's drawing of our own PDF at the same resolution.

  test_preview.py VANBAN OUTDIR EXAMPLE.xml...

For each page: the same size in pixels, and a mean difference per sample
(|ours - pdftoppm|, 0-255, over R, G and B) of at most MAX_MEAN. What is
left is anti-aliasing at glyph edges (two rasterizers); a missing word,
rule, frame or image costs far more (a whole line of text missing moves
the mean by about 0.5, a page shifted by 2 pt by more than 10). On failure
a picture OUTDIR/diff-NAME-N.png shows ours, poppler's and the difference
side by side. The figures are printed for every page.

Also: the same input gives the same bytes; a second resolution; a broken
input leaves the pages already in DIR as they were and writes nothing."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngdiff  # noqa: E402

MAX_MEAN = 6.0
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)
    return cond


def run(cmd):
    return subprocess.run(cmd, capture_output=True)


def faithful(vanban, src, work, outdir, dpi):
    stem = os.path.basename(src)[:-4]
    pdf = os.path.join(work, stem + ".pdf")
    r = run([vanban, "render", src, "-o", pdf])
    if not check(r.returncode == 0, f"{stem}: render failed: {r.stderr.decode()}"):
        return []
    ref = os.path.join(work, f"ref-{stem}-{dpi}")
    r = run(["pdftoppm", "-r", str(dpi), "-png", pdf, ref])
    check(r.returncode == 0 and not r.stderr, f"{stem}: pdftoppm: {r.stderr.decode()}")
    pv = os.path.join(work, f"pv-{dpi}")
    r = run([vanban, "preview", src, "-o", pv, "--dpi", str(dpi)])
    if not check(r.returncode == 0, f"{stem}: preview failed: {r.stderr.decode()}"):
        return []
    refs = sorted(glob.glob(ref + "-*.png"), key=lambda p: int(p.rsplit("-", 1)[1][:-4]))
    mine = re.compile(re.escape(stem) + r"-([0-9]+)\.png$")
    ours = sorted((os.path.join(pv, n) for n in os.listdir(pv) if mine.match(n)),
                  key=lambda p: int(p.rsplit("-", 1)[1][:-4]))
    check(len(ours) == len(refs), f"{stem}: {len(ours)} pictures for {len(refs)} PDF pages")
    means = []
    for i, (a_path, b_path) in enumerate(zip(ours, refs), 1):
        a, b = pngdiff.load(a_path), pngdiff.load(b_path)
        m = pngdiff.mean_diff(a, b)
        if not check(m is not None, f"{stem} page {i}: {a.shape[1]}x{a.shape[0]} px, pdftoppm {b.shape[1]}x{b.shape[0]}"):
            pngdiff.write_diff(a, b, os.path.join(outdir, f"diff-{stem}-{dpi}-{i}.png"))
            continue
        means.append(m)
        if not check(m <= MAX_MEAN, f"{stem} page {i} at {dpi} dpi: mean difference {m:.2f} > {MAX_MEAN}"):
            pngdiff.write_diff(a, b, os.path.join(outdir, f"diff-{stem}-{dpi}-{i}.png"))
    print(f"{stem} at {dpi} dpi: mean difference per page " + ", ".join(f"{m:.2f}" for m in means))
    return means


def draft_checks(vanban, src, work, outdir):
    stem = os.path.basename(src)[:-4]
    plain = os.path.join(work, stem + ".pdf")
    text = run(["pdftotext", "-enc", "UTF-8", plain, "-"]).stdout.decode()
    check("DỰ THẢO" not in text and "THẢO" not in text, "a PDF without --draft says DỰ THẢO")
    for flag, label in (("--draft", "DỰ THẢO"), ("--draft=3", "DỰ THẢO LẦN 3")):
        pdf = os.path.join(work, "draft.pdf")
        r = run([vanban, "render", src, "-o", pdf, flag])
        if not check(r.returncode == 0, f"render {flag}: {r.stderr.decode()}"):
            continue
        text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout.decode()
        check(label in text, f"{flag}: the PDF's text lacks {label!r}")
        q = run(["qpdf", "--check", pdf])
        check(q.returncode == 0, f"{flag}: qpdf --check: {q.stdout.decode()[-300:]}")
        js = os.path.join(work, "draft.json")
        run([vanban, "render", src, "-o", js, flag])
        import json
        boxes = {b["name"]: b for b in json.load(open(js))["boxes"] if b["page"] == 0}
        d, n, date = boxes.get("du_thao"), boxes.get("so_ky_hieu"), boxes.get("dia_danh_ngay")
        if check(d and n, f"{flag}: no du_thao box beside so_ky_hieu"):
            beside = abs(d["baseline"] - n["baseline"]) < 0.5 and d["x"] >= n["x"] + n["w"]
            below = d["y"] >= n["y"] + n["h"] and d["x"] < n["x"] + n["w"] and d["x"] + d["w"] > n["x"]
            above = d["y"] + d["h"] <= n["y"] and d["x"] < n["x"] + n["w"] and d["x"] + d["w"] > n["x"]
            check(beside or below or above, f"{flag}: the frame is neither beside, under nor over the number: {d} {n}")
            if date:
                check(d["x"] + d["w"] <= date["x"] or d["y"] >= date["y"] + date["h"] or beside is False,
                      f"{flag}: the frame runs into the place and date: {d} {date}")
        # the pictures are the PDF's pages, watermark and frame included
        ref = os.path.join(work, "draft-ref")
        run(["pdftoppm", "-r", "96", "-png", pdf, ref])
        pv = os.path.join(work, "draft-pv" + flag[-1])
        r = run([vanban, "preview", src, "-o", pv, flag])
        check(r.returncode == 0, f"preview {flag}: {r.stderr.decode()}")
        means = []
        for i in range(1, 4):
            a = pngdiff.load(os.path.join(pv, f"{stem}-{i}.png"))
            b = pngdiff.load(f"{ref}-{i}.png")
            m = pngdiff.mean_diff(a, b)
            means.append(m)
            if not check(m is not None and m <= MAX_MEAN, f"{flag} page {i}: mean difference {m}"):
                pngdiff.write_diff(a, b, os.path.join(outdir, f"diff-draft-{stem}-{i}.png"))
            plain_png = pngdiff.load(os.path.join(work, "pv-96", f"{stem}-{i}.png"))
            mark = pngdiff.mean_diff(a, plain_png)
            check(mark is not None and mark > 1.0, f"{flag} page {i}: no watermark to see ({mark})")
        print(f"{stem} {flag}: mean difference per page " + ", ".join(f"{m:.2f}" for m in means if m is not None))
    # ... and the input's own flag: du_thao="co" or the round
    text = open(src, encoding="utf-8").read()
    for value, label in (("co", "DỰ THẢO"), ("7", "DỰ THẢO LẦN 7")):
        flagged = os.path.join(work, f"flag-{value}.xml")
        with open(flagged, "w", encoding="utf-8") as f:
            f.write(text.replace("<van_ban ", f'<van_ban du_thao="{value}" ', 1))
        pdf = os.path.join(work, f"flag-{value}.pdf")
        r = run([vanban, "render", flagged, "-o", pdf])
        if check(r.returncode == 0, f"du_thao={value}: {r.stderr.decode()}"):
            out = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout.decode()
            check(label in out and (value != "co" or "LẦN" not in out), f"du_thao={value}: the PDF lacks {label!r}")
        r = run([vanban, "check", "--schema", flagged])
        check(r.returncode == 0, f"du_thao={value}: the schema refuses it: {r.stderr.decode()}")
    bad = os.path.join(work, "flag-bad.xml")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text.replace("<van_ban ", '<van_ban du_thao="0" ', 1))
    r = run([vanban, "render", bad, "-o", os.path.join(work, "flag-bad.pdf")])
    check(r.returncode == 1 and b"du_thao must be" in r.stderr and not os.path.exists(os.path.join(work, "flag-bad.pdf")),
          f"du_thao=0: {r.returncode} {r.stderr.decode()}")
    # the DOCX: the watermark as a VML WordArt shape in every header, the
    # label in page 1's header, both valid OOXML; nothing without --draft
    import zipfile
    for flag in ("--draft=2", None):
        docx = os.path.join(work, f"draft{flag or ''}.docx")
        r = run([vanban, "render", src, "-o", docx] + ([flag] if flag else []))
        if not check(r.returncode == 0, f"DOCX {flag}: {r.stderr.decode()}"):
            continue
        with zipfile.ZipFile(docx) as z:
            heads = {n: z.read(n).decode() for n in z.namelist() if n.startswith("word/header")}
        if flag:
            check(all('string="DỰ THẢO"' in h for h in heads.values()), f"DOCX {flag}: a header without the watermark")
            check(">DỰ THẢO LẦN 2<" in heads.get("word/header2.xml", ""), f"DOCX {flag}: no label on page 1")
            v = run(["bash", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "ooxml",
                                          "docx-validate.sh"), "--strict", docx])
            check(v.returncode == 0, f"DOCX {flag}: the OOXML validator: {v.stdout.decode()[-400:]}")
            # as LibreOffice sets it: the label's words whole (its text box
            # could cut them), the label beside or under the number
            soffice = shutil.which("soffice") or shutil.which("libreoffice")
            if check(soffice, "LibreOffice (soffice) is not installed"):
                lo = os.path.join(work, "lo")
                r = subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(work, "lo-profile"),
                                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir", lo, docx],
                                   capture_output=True, timeout=300)
                out = run(["pdftotext", "-enc", "UTF-8", os.path.join(lo, os.path.basename(docx)[:-5] + ".pdf"),
                           "-"]).stdout.decode()
                check("DỰ THẢO LẦN 2" in out, f"DOCX {flag}: LibreOffice does not show the label whole")
        else:
            check(not any("textpath" in h or "THẢO" in h for h in heads.values()), "DOCX without --draft is marked")
    r = run([vanban, "render", src, "-o", os.path.join(work, "x.pdf"), "--draft=0"])
    check(r.returncode == 2, "--draft=0 accepted")
    # the marking's sizes and colour come from the layout (<marks draft-…>)
    lay = os.path.join(work, "to-hon.xml")
    shutil.copy(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                             "layouts", "nd30.xml"), work)  # the base it extends, found beside it
    with open(lay, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<layout name="to-hon" extends="nd30" version="1">\n'
                '<marks draft-size="14" draft-color="#a0a0a0" draft-span="0.5"/>\n</layout>\n')
    for layout, sz in ((None, "22"), (lay, "28")):
        docx = os.path.join(work, f"size{sz}.docx")
        r = run([vanban, "render", src, "-o", docx, "--draft"] + (["--layout", layout] if layout else []))
        if not check(r.returncode == 0, f"DOCX with layout {layout}: {r.stderr.decode()}"):
            continue
        with zipfile.ZipFile(docx) as z:
            head = z.read("word/header2.xml").decode()
        m = re.search(r'<w:sz w:val="(\d+)"/>(?:(?!</w:r>).)*?<w:t[^>]*>DỰ THẢO<', head, re.S)
        check(m and m.group(1) == sz, f"the draft label's size with layout {layout}: {m and m.group(1)}, want {sz}")
        check(("#a0a0a0" in head.lower()) == bool(layout), f"the watermark's colour with layout {layout}")


def main():
    vanban, outdir, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(outdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vb-preview-")
    try:
        means = []
        for src in examples:
            means += faithful(vanban, src, work, outdir, 96)
        check(len(means) >= len(examples), "fewer pages than examples")
        print(f"{len(means)} pages at 96 dpi: mean difference {sum(means) / len(means):.2f}, "
              f"largest {max(means):.2f} (limit {MAX_MEAN})")
        report = [e for e in examples if e.endswith("bao-cao-lap-vo.xml")] or examples[:1]
        faithful(vanban, report[0], work, outdir, 150)

        # the measure tells pages apart: page 1 against poppler's page 2
        stem = os.path.basename(report[0])[:-4]
        a = pngdiff.load(os.path.join(work, "pv-96", stem + "-1.png"))
        b = pngdiff.load(os.path.join(work, f"ref-{stem}-96-2.png"))
        other = pngdiff.mean_diff(a, b)
        print(f"{stem}: page 1 against page 2: mean difference {other:.2f}")
        check(other > 3 * MAX_MEAN, f"page 1 against page 2 differ by only {other:.2f}")

        # draft marking: in the PDF's text, beside the number, in both
        # drawings alike, and nowhere without --draft
        draft_checks(vanban, report[0], work, outdir)
        # on every example the frame takes free room: it meets nothing
        # layout placed on page 1 (a công văn's V/v sits under its number)
        import json
        for ex in examples:
            js = os.path.join(work, "draft-all.json")
            run([vanban, "render", ex, "-o", js, "--draft=2"])
            bx = [b for b in json.load(open(js))["boxes"] if b["page"] == 0]
            d = next((b for b in bx if b["name"] == "du_thao"), None)
            for b in bx if d else []:
                if b is d or b["h"] <= 0 or b["w"] <= 0:
                    continue
                meets = b["x"] < d["x"] + d["w"] and d["x"] < b["x"] + b["w"] and b["y"] < d["y"] + d["h"] and d["y"] < b["y"] + b["h"]
                check(not meets, f"{os.path.basename(ex)}: the DỰ THẢO frame meets {b['name']}: {d} {b}")

        # the same input, the same bytes
        d1, d2 = os.path.join(work, "same1"), os.path.join(work, "same2")
        for d in (d1, d2):
            r = run([vanban, "preview", report[0], "-o", d])
            check(r.returncode == 0, f"preview: {r.stderr.decode()}")
        for name in sorted(os.listdir(d1)):
            with open(os.path.join(d1, name), "rb") as f1, open(os.path.join(d2, name), "rb") as f2:
                check(f1.read() == f2.read(), f"{name}: two runs gave different bytes")

        # a broken input: compiler-form error, exit 1, the old pages untouched
        broken = os.path.join(work, "bao-cao.xml")
        shutil.copy(report[0], broken)
        keep = os.path.join(work, "keep")
        r = run([vanban, "preview", broken, "-o", keep])
        check(r.returncode == 0, "preview of a good copy failed")
        before = {n: open(os.path.join(keep, n), "rb").read() for n in os.listdir(keep)}
        with open(broken, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<van_ban loai="bao_cao">\n  <co_quan>\n</van_ban>\n')
        r = run([vanban, "preview", broken, "-o", keep])
        err = r.stderr.decode()
        check(r.returncode == 1, f"broken input: exit {r.returncode}")
        check(f"{broken}:4:" in err and "error:" in err, f"broken input: no compiler-form error: {err}")
        after = {n: open(os.path.join(keep, n), "rb").read() for n in os.listdir(keep)}
        check(before == after, f"broken input changed the folder: {sorted(before)} -> {sorted(after)}")

        # usage errors
        r = run([vanban, "preview", report[0], "-o", keep, "--dpi", "5"])
        check(r.returncode == 2 and b"--dpi" in r.stderr, "--dpi 5 accepted")
        r = run([vanban, "preview", report[0]])
        check(r.returncode == 2, "no -o accepted")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"test_preview: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print("test_preview: ok")


if __name__ == "__main__":
    main()
