#!/usr/bin/python3
"""The decree's layout rules, checked element by element on every example's
PDF as mupdf draws it (pdfgeom.py): margins inside the decree's ranges, the
header's two columns and rules, Số and the date on one baseline, the type
name centred, Nơi nhận level with the first authority line, page numbers,
urgency frames of the decree's sizes in red, signature and seal images where
the decree puts them, signature fields inside the room for the signature,
appendices on their own pages.

usage: test_geometry.py VANBAN [FILE.xml ...]"""
import glob
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfgeom
from common import MM, ROOT, check, finish, fold, render, run

vanban = os.path.abspath(sys.argv[1])
files = sys.argv[2:] or sorted(glob.glob(os.path.join(ROOT, "examples", "*.xml")))
tmp = tempfile.mkdtemp(prefix="vanban-geom-")

QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES = {"nghi_quyet": "NGHỊ QUYẾT", "quyet_dinh": "QUYẾT ĐỊNH", "chi_thi": "CHỈ THỊ", "bao_cao": "BÁO CÁO",
              "ke_hoach": "KẾ HOẠCH", "to_trinh": "TỜ TRÌNH", "thong_bao": "THÔNG BÁO", "cong_dien": "CÔNG ĐIỆN",
              "giay_moi": "GIẤY MỜI", "giay_gioi_thieu": "GIẤY GIỚI THIỆU", "bien_ban": "BIÊN BẢN",
              "giay_nghi_phep": "GIẤY NGHỈ PHÉP", "huong_dan": "HƯỚNG DẪN", "chuong_trinh": "CHƯƠNG TRÌNH",
              "quy_che": "QUY CHẾ", "quy_dinh": "QUY ĐỊNH", "de_an": "ĐỀ ÁN"}
URGENT = {"khan": ("KHẨN", 20), "thuong_khan": ("THƯỢNG KHẨN", 40), "hoa_toc": ("HỎA TỐC", 30)}
PREFIX = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}


def near(a, b, tol):
    return abs(a - b) <= tol


def text_of(el):
    return fold("".join(el.itertext())) if el is not None else ""


def is_red(c):
    return c is not None and c[0] > 200 and c[1] < 80 and c[2] < 80


for src in files:
    name = os.path.splitext(os.path.basename(src))[0]
    pdf = os.path.join(tmp, name + ".pdf")
    r = render(vanban, src, pdf)
    if not check(r.returncode == 0, f"{name}: vanban exited {r.returncode}: {r.stderr.decode()}"):
        continue
    doc = ET.parse(src).getroot()
    profile13 = doc.get("bo_cuc") == "nd30-13"
    pages = pdfgeom.read(pdf)
    p1 = pages[0]
    W, H = p1.w, p1.h
    check(near(W, 595.28, 0.1) and near(H, 841.89, 0.1), f"{name}: page 1 is not A4 portrait")

    # margins inside the decree's ranges: top/bottom 20-25, left 30-35, right 15-20 mm
    for i, pg in enumerate(pages):
        landscape = pg.w > pg.h
        check(near(min(pg.w, pg.h), 595.28, 0.1) and near(max(pg.w, pg.h), 841.89, 0.1), f"{name}: page {i + 1} not A4")
        for ln in pg.lines:
            in_top_margin = ln.base < 20 * MM
            if in_top_margin:
                continue  # page numbers, ô 11 and ô 14 live there; checked below
            check(ln.x0 >= 30 * MM - 0.5, f"{name}: page {i + 1}: text left of the 30 mm margin: {ln}")
            check(ln.x1 <= pg.w - 15 * MM + 0.5, f"{name}: page {i + 1}: text right of the 15 mm margin: {ln}")
            check(ln.base <= pg.h - 20 * MM + 0.5, f"{name}: page {i + 1}: text in the bottom margin: {ln}")

    # ô 1: Quốc hiệu and Tiêu ngữ, centred on each other, in the right column, with the motto's rule
    qh = pdfgeom.find(p1, lambda t: t == QH)
    tn = pdfgeom.find(p1, lambda t: t == TN)
    if check(qh and tn, f"{name}: Quốc hiệu / Tiêu ngữ not found"):
        check(qh.bold and tn.bold, f"{name}: Quốc hiệu and Tiêu ngữ must be bold")
        check(qh.size == (12 if profile13 else 13) and tn.size == (13 if profile13 else 14),
              f"{name}: Quốc hiệu {qh.size} pt, Tiêu ngữ {tn.size} pt")
        check(near(qh.mid, tn.mid, 1), f"{name}: Tiêu ngữ not centred under the Quốc hiệu")
        check(qh.mid > W / 2, f"{name}: Quốc hiệu not in the right column")
        check(0 < tn.base - qh.base < 1.5 * tn.size, f"{name}: Tiêu ngữ not on the line under the Quốc hiệu")
        rules = [p for p in p1.paths if p.is_hline and 0 < p.y0 - tn.base < 12]
        ok = any(near(p.x0, tn.x0, 0.5) and near(p.x1, tn.x1, 0.5) for p in rules)
        check(ok, f"{name}: no rule under the motto as wide as the motto ({tn.x0:.1f}..{tn.x1:.1f}): {rules}")

    # ô 2: the agency (bold when issuing) and its rule, 1/3 to 1/2 of its widest line, centred on it
    agency = text_of(doc.find("co_quan_ban_hanh"))
    if qh and agency:
        left = [ln for ln in p1.lines if ln.x1 < qh.x0 and ln.base < (tn.base + 20 if tn else 120)]
        words = agency.split()
        ag = [ln for ln in left if ln.bold and any(w in ln.text for w in words)]
        if check(ag, f"{name}: agency lines not found left of the Quốc hiệu"):
            widest = max(ag, key=lambda ln: ln.x1 - ln.x0)
            last = max(ag, key=lambda ln: ln.base)
            rules = [p for p in p1.paths if p.is_hline and 0 < p.y0 - last.base < 12 and p.x1 < qh.x0]
            if check(rules, f"{name}: no rule under the agency"):
                rl = rules[0]
                ratio = (rl.x1 - rl.x0) / (widest.x1 - widest.x0)
                check(1 / 3 - 0.01 <= ratio <= 1 / 2 + 0.01, f"{name}: agency rule is {ratio:.2f} of the name")
                check(near((rl.x0 + rl.x1) / 2, widest.mid, 1), f"{name}: agency rule not centred on the name")
            check(all(ln.size == (12 if profile13 else 13) for ln in ag), f"{name}: agency size")

    # ô 3 and ô 4 on one baseline; the date italic
    so = next((ln for ln in p1.lines if ln.text.startswith("Số:") and ln.base > 20 * MM), None)
    date = pdfgeom.find(p1, lambda t: ", ngày " in t and " tháng " in t and " năm " in t)
    if check(so and date, f"{name}: Số or the date line not found"):
        check(near(so.base, date.base, 0.5), f"{name}: Số ({so.base:.1f}) and date ({date.base:.1f}) not on one baseline")
        check(date.italic and not date.bold, f"{name}: the date line must be italic")
        check(so.size == 13, f"{name}: Số is {so.size} pt, the decree fixes 13")
        check(qh is None or (date.mid > W / 2 and near(date.mid, qh.mid, 2)), f"{name}: date not centred under ô 1")

    # ô 5a: the type name centred on the text width, bold
    loai = doc.get("loai")
    tname = TYPE_NAMES.get(loai)
    if tname:
        tl = pdfgeom.find(p1, lambda t: t == tname)
        if check(tl, f"{name}: type name {tname} not found on page 1"):
            check(tl.bold and near(tl.mid, (30 * MM + W - 15 * MM) / 2, 1.5), f"{name}: type name not bold and centred")
            below = [p for p in p1.paths if p.is_hline and p.y0 > tl.base and p.y0 < tl.base + 120]
            summary = [ln for ln in p1.lines if ln.bold and tl.base < ln.base < tl.base + 100 and near(ln.mid, tl.mid, 2)]
            if doc.find("trich_yeu") is not None and check(summary and below, f"{name}: trích yếu or its rule not found"):
                widest = max(summary, key=lambda ln: ln.x1 - ln.x0)
                rl = min(below, key=lambda p: p.y0)
                ratio = (rl.x1 - rl.x0) / (widest.x1 - widest.x0)
                check(1 / 3 - 0.01 <= ratio <= 1 / 2 + 0.01, f"{name}: trích yếu rule is {ratio:.2f} of it")
    elif loai == "cong_van":
        vv = pdfgeom.find(p1, lambda t: t.startswith("V/v "))
        if check(vv and so, f"{name}: V/v line not found"):
            check(near(vv.mid, so.mid, 2) and vv.base > so.base and not vv.bold, f"{name}: V/v not centred under Số")

    # ô 9b level with ô 7a: “Nơi nhận:” on the first authority line's baseline
    sig = doc.find("chu_ky")
    nn_lines = [(i, ln) for i, pg in enumerate(pages) for ln in pg.lines if ln.text.startswith("Nơi nhận:")]
    if sig is not None and len(doc.findall("chu_ky")) == 1:
        first = sig.find("tham_quyen")
        first_text = (PREFIX[first.get("loai")] + " " + text_of(first)) if first is not None else text_of(sig.find("chuc_vu"))
        auth = [(i, ln) for i, pg in enumerate(pages) for ln in pg.lines if ln.text == first_text and ln.bold]
        if nn_lines:
            auth = [(i, ln) for i, ln in auth if i == nn_lines[0][0]] or auth
        if check(nn_lines and auth, f"{name}: Nơi nhận or '{first_text}' not found"):
            (pi, nn), (pa, au) = nn_lines[0], auth[0]
            check(pi == pa and near(nn.base, au.base, 0.5), f"{name}: Nơi nhận not level with '{first_text}'")
            check(nn.bold and nn.italic and nn.size == 12, f"{name}: Nơi nhận must be 12 pt bold italic")
            check(au.mid > W / 2, f"{name}: the signature block not in the right column")
            signer = text_of(sig.find("ho_ten"))
            nm = [ln for ln in pages[pa].lines if ln.text == signer]
            if check(nm, f"{name}: signer's name not found"):
                check(nm[0].bold and near(nm[0].mid, au.mid, 2) and nm[0].base > au.base + 40,
                      f"{name}: the name must be bold, centred under the title, with room to sign")

    # page numbers: none on page 1; centred in the top margin on the others
    check(not [ln for ln in p1.lines if ln.text.isdigit() and ln.base < 20 * MM], f"{name}: page 1 shows a page number")
    for i, pg in enumerate(pages[1:], start=2):
        nums = [ln for ln in pg.lines if ln.base < 20 * MM and ln.text.isdigit()]
        for ln in nums:
            left, right = 30 * MM, pg.w - 15 * MM
            check(near(ln.mid, (left + right) / 2, 1) and ln.size in (13, 14) and not ln.bold,
                  f"{name}: page {i}: page number not centred in the top margin: {ln}")

    # ô 10b: urgency frames of the decree's sizes, in red, with the word in red bold
    dk = doc.find("do_khan")
    if dk is not None:
        word, wmm = URGENT[dk.get("muc")]
        frames = [p for p in p1.paths if p.is_rect and is_red(p.color)]
        ok = [f for f in frames if near(f.x1 - f.x0, wmm * MM, 0.6) and near(f.y1 - f.y0, 8 * MM, 0.6)]
        check(ok, f"{name}: no red {wmm}x8 mm frame for {word}: {frames}")
        wl = pdfgeom.find(p1, lambda t: t == word)
        if check(wl and ok, f"{name}: {word} not found"):
            fr = ok[0]
            check(wl.bold and is_red(wl.color) and fr.x0 < wl.x0 and wl.x1 < fr.x1 and fr.y0 < wl.base < fr.y1,
                  f"{name}: {word} not red bold inside its frame")
    dm = doc.find("do_mat")
    if dm is not None:
        word = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}[dm.get("muc")]
        wl = pdfgeom.find(p1, lambda t: t == word)
        check(wl and wl.bold and so and wl.base > so.base and wl.x1 < W / 2, f"{name}: {word} not under the number")
    for cd in doc.findall("chi_dan_luu_hanh"):
        wl = pdfgeom.find(p1, lambda t, w=text_of(cd): t == w)
        if check(wl, f"{name}: circulation note '{text_of(cd)}' not found"):
            check(wl.base < 20 * MM and wl.bold, f"{name}: circulation note not in the top margin")
            check(any(p.is_rect and p.x0 < wl.x0 and wl.x1 < p.x1 and p.y0 < wl.base < p.y1 for p in p1.paths),
                  f"{name}: circulation note not framed")
    if doc.find("chu_ky_so") is not None:
        st = [ln for ln in p1.lines if ln.size == 10 and ln.base < 20 * MM]
        check(st and min(ln.x0 for ln in st) > W / 2, f"{name}: the 10 pt e-copy stamp not at the top right")
    if doc.find("dia_chi") is not None:
        # the first line: the address field (printed as typed) or the first free line
        dc = doc.find("dia_chi")
        first = text_of(dc.find("tru_so") if dc.find("tru_so") is not None else dc.find("dong"))
        al = pdfgeom.find(p1, lambda t: t == first)
        check(al and al.base > H - 60 * MM and any(p.is_hline and p.y0 < al.base and p.x1 - p.x0 > 150 * MM for p in p1.paths),
              f"{name}: address footer not at the foot of page 1 under a full-width rule")
        check(all(pdfgeom.find(pg, lambda t: t == first) is None for pg in pages[1:]), f"{name}: address footer beyond page 1")

    # ô 7c and 8: signature image between the title lines and the name, seal over its left third
    ak = doc.find("chu_ky/anh_chu_ky")
    ad = doc.find("chu_ky/anh_dau")
    if ak is not None:
        imgs = [(i, im) for i, pg in enumerate(pages) for im in pg.images]
        check(imgs, f"{name}: no image drawn")
        signer = text_of(sig.find("ho_ten"))
        pi_name = [(i, ln) for i, pg in enumerate(pages) for ln in pg.lines if ln.text == signer]
        if imgs and pi_name:
            pi, nm = pi_name[-1]
            on_page = [im for i, im in imgs if i == pi]
            sigimg = min(on_page, key=lambda im: abs((im[0] + im[2] / 2) - nm.mid))
            check(near(sigimg[0] + sigimg[2] / 2, nm.mid, 2) and sigimg[1] + sigimg[3] < nm.base,
                  f"{name}: signature image not centred above the name: {sigimg} {nm}")
            if ad is not None:
                seals = [im for im in on_page if im is not sigimg]
                if check(seals, f"{name}: no seal image"):
                    se = seals[0]
                    covered = (se[0] + se[2] - sigimg[0]) / sigimg[2]
                    check(0.2 <= covered <= 0.45 and se[0] < sigimg[0], f"{name}: seal covers {covered:.2f} of the signature from its left")

    # signature fields (vanban info, read with qpdf): one per <chu_ky>, and
    # one more for each sealed one; every field inside a signature gap
    # (chu_ky_gap, from the JSON dump) on its page
    js = os.path.join(tmp, name + ".json")
    ri = run([vanban, "info", pdf, "--json"])
    if check(ri.returncode == 0 and render(vanban, src, js).returncode == 0, f"{name}: vanban info or JSON failed"):
        fields = json.loads(ri.stdout.decode("utf-8"))["fields"]
        gaps = [b for b in json.load(open(js))["boxes"] if b["name"] == "chu_ky_gap"]
        sigs = doc.findall(".//chu_ky")
        sealed = [c for c in sigs if c.get("dong_dau") == "co" or c.find("anh_dau") is not None]
        check(len(fields) == len(sigs) + len(sealed), f"{name}: {len(fields)} signature fields for {len(sigs)} signers "
              f"and {len(sealed)} seals")
        for f in fields:
            x1, y1, x2, y2 = f["rect_pt"]
            H_f = pages[f["page"] - 1].h if 0 < f["page"] <= len(pages) else H
            top, bottom = H_f - y2, H_f - y1
            inside = [g for g in gaps if g["page"] == f["page"] - 1 and g["x"] - 0.05 <= x1 and x2 <= g["x"] + g["w"] + 0.05
                      and g["y"] - 0.05 <= top and bottom <= g["y"] + g["h"] + 0.05]
            check(inside and x2 - x1 > 20 and y2 - y1 > 20, f"{name}: field {f['name']!r} {f['rect_pt']} on page "
                  f"{f['page']} not inside a signature gap: {gaps}")

    # appendices start on a page of their own, with no page number, centred heading
    for ap in doc.findall("phu_luc"):
        title = text_of(ap.find("tieu_de"))
        hits = [(i, ln) for i, pg in enumerate(pages) for ln in pg.lines if ln.text == title]
        if check(hits, f"{name}: appendix '{title}' not found"):
            i, ln = hits[0]
            pg = pages[i]
            head = [l for l in pg.lines if l.base < ln.base and l.base >= 20 * MM]
            check(head and head[0].text.startswith("Phụ lục"), f"{name}: appendix does not start its page with 'Phụ lục'")
            check(not [l for l in pg.lines if l.base < 20 * MM and l.text.isdigit()], f"{name}: appendix's first page shows a number")
            ref = [l for l in pg.lines if l.text.startswith("(Kèm theo") and l.italic]
            check(ref, f"{name}: '(Kèm theo …)' line not found or not italic")
            if ap.get("huong") == "ngang":
                check(pg.w > pg.h, f"{name}: landscape appendix on a portrait page")

    # the page model (JSON) names where each element landed: a copy's block
    # (ban_sao) has the copying agency's boxes under its rule, around the
    # words the PDF draws there, and layout's records carry its lines
    js = os.path.join(tmp, name + ".json")
    if check(render(vanban, src, js).returncode == 0, f"{name}: no JSON"):
        model = json.load(open(js, encoding="utf-8"))
        boxes = model["boxes"]
        cp = doc.find("ban_sao")
        if cp is not None:
            rule = [b for b in boxes if b["name"] == "ban_sao_rule"]
            if check(rule, f"{name}: no ban_sao_rule box"):
                below = [b for b in boxes if b["name"] in ("co_quan", "co_quan_chu_quan", "co_quan_rule")
                         and b["page"] == rule[0]["page"] and b["y"] > rule[0]["y"]]
                names = sorted(b["name"] for b in below)
                want = ["co_quan", "co_quan_rule"] + (["co_quan_chu_quan"] if cp.find("co_quan_chu_quan") is not None else [])
                check(names == sorted(want), f"{name}: the copy's agency boxes under its rule: {names}")
                pg = pages[rule[0]["page"]]
                for b in below:
                    if b["name"] == "co_quan_rule":
                        continue
                    inside = [ln.text for ln in pg.lines if b["x"] - 1 <= ln.x0 and ln.x1 <= b["x"] + b["w"] + 1
                              and b["y"] - 1 <= ln.base <= b["y"] + b["h"] + 1]
                    want_text = text_of(cp.find("co_quan_ban_hanh" if b["name"] == "co_quan" else "co_quan_chu_quan"))
                    check(inside and fold(" ".join(inside)) == fold(want_text),
                          f"{name}: {b['name']} box of the copy holds {inside!r}, want {want_text!r}")
        # every paragraph record's lines are lines of our PDF
        drawn = {fold(ln.text) for pg in pages for ln in pg.lines}
        for rec in model["paras"]:
            if rec["role"] in ("quoc_hieu", "tieu_ngu", "ten_loai", "trich_yeu", "co_quan"):
                for ln in rec["lines"]:
                    check(fold(ln["text"]) in drawn, f"{name}: {rec['role']} line {ln['text']!r} not in the PDF")
        # the sections layout recorded are the PDF's: every page of a section
        # has its orientation and size, a restart or the document's start
        # begins at page number 1 (shown on no page), page 1 is section 0's
        secs = model["sections"]
        check(secs and secs[0]["first_page"] == 0 and secs[0]["page1"], f"{name}: section 0 does not hold page 1")
        for k, s in enumerate(secs):
            end = secs[k + 1]["first_page"] if k + 1 < len(secs) else len(pages)
            for p in range(s["first_page"], end):
                pg = pages[p]
                check(near(pg.w, s["page_w"], 0.1) and near(pg.h, s["page_h"], 0.1) and (pg.w > pg.h) == s["landscape"],
                      f"{name}: page {p + 1} is {pg.w:.1f}x{pg.h:.1f}, its section says {s['page_w']:.1f}x{s['page_h']:.1f}")
            if s["first_unnumbered"] and s["first_page"] < len(pages):
                check(model["pages"][s["first_page"]]["number"] == 0,
                      f"{name}: the first page of section {k} shows a number")
        appendices = list(doc.iter("phu_luc")) + list(doc.iter("van_ban_kem_theo"))
        check(sum(1 for s in secs if s["restart"]) == len(appendices),
              f"{name}: {sum(1 for s in secs if s['restart'])} sections restart numbering, {len(appendices)} appendices")

finish("test_geometry")
