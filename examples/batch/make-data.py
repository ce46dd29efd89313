#!/usr/bin/env python3
"""Writes the example data of examples/batch/: huyen.csv (one row per
district-level unit of Đồng Tháp), xa.csv (a few communes of each, keyed by
ma_huyen) and so-lieu.xlsx (both as sheets "huyen" and "xa", with numbers as
numbers and the report date as an Excel date). The figures are made up; the
Lấp Vò row carries those of the reference report (examples/bao-cao-lap-vo.xml).
Deterministic: run it again and the files are byte for byte the same.

    python3 examples/batch/make-data.py [DIR]
"""
import datetime
import os
import sys
import zipfile

HUYEN_COLS = ["ma_huyen", "loai", "ten", "dia_danh", "so", "ngay_bao_cao", "so_du_an", "ho_tro",
              "doi_ung", "so_co_so", "sp_dang_ky", "sp_chung_nhan", "kinh_phi_binh_chon", "ghi_chu",
              "chuc_vu", "nguoi_ky"]

# ma, loai, ten, dia danh, so, date, projects, support (triệu), counterpart (đồng),
# establishments, products registered, contest budget (triệu), note, signer's title, signer
DISTRICTS = [
    ("866", "thành phố", "Cao Lãnh", "Cao Lãnh", "112", "2023-07-03", "04", 905.5, 1204350000, 31, 27, 60, "", "Phó Chủ tịch", "Nguyễn Văn Bình"),
    ("867", "thành phố", "Sa Đéc", "Sa Đéc", "87", "2023-07-04", "05", 1120.25, 1530000000, 35, 30, 70, "Có 01 dự án chuyển sang năm 2024.", "Phó Chủ tịch", "Lê Thị Hồng"),
    ("868", "thành phố", "Hồng Ngự", "Hồng Ngự", "64", "2023-07-04", "02", 410, 505105000, 12, 9, 35, "", "Phó Chủ tịch", "Trần Minh Khoa"),
    ("869", "huyện", "Tân Hồng", "Tân Hồng", "58", "2023-07-05", "02", 385.4, 421000000, 10, 8, 30, "", "Phó Chủ tịch", "Phạm Văn Tâm"),
    ("870", "huyện", "Hồng Ngự", "Hồng Ngự", "71", "2023-07-05", "03", 512.75, 615021000, 15, 14, 40, "", "Phó Chủ tịch", "Võ Thị Lan"),
    ("871", "huyện", "Tam Nông", "Tam Nông", "49", "2023-07-06", "01", 215, 240000000, 9, 7, 25, "Dự án năm 2023 đang thẩm định.", "Phó Chủ tịch", "Huỳnh Văn Đức"),
    ("874", "huyện", "Thanh Bình", "Thanh Bình", "93", "2023-07-06", "03", 630.1, 744444000, 18, 15, 45, "", "Phó Chủ tịch", "Đặng Thị Mai"),
    ("873", "huyện", "Cao Lãnh", "Cao Lãnh", "101", "2023-07-07", "04", 870, 1015000000, 24, 21, 55, "", "Phó Chủ tịch", "Bùi Văn Hải"),
    ("875", "huyện", "Lấp Vò", "Lấp Vò", "05", "2023-07-05", "03", 748.8, 986271000, 14, 22, 50, "", "Phó Chủ tịch", "Trần Hoàng Nam"),
    ("876", "huyện", "Lai Vung", "Lai Vung", "77", "2023-07-10", "03", 695.65, 801000000, 17, 16, 45, "", "Phó Chủ tịch", "Ngô Thị Thu"),
    ("877", "huyện", "Châu Thành", "Châu Thành", "82", "2023-07-10", "02", 455, 520014000, 11, 10, 35, "", "Phó Chủ tịch", "Lý Văn Sáu"),
    ("872", "huyện", "Tháp Mười", "Mỹ An", "69", "2023-07-11", "04", 801.9, 921500000, 21, 19, 50, "", "Phó Chủ tịch", "Dương Văn Tư"),
]

COMMUNES = {
    "866": ["Phường 1", "Phường 2", "Xã Mỹ Tân"],
    "867": ["Phường 1", "Phường An Hòa", "Xã Tân Khánh Đông"],
    "868": ["Phường An Thạnh", "Phường An Lộc", "Xã Bình Thạnh"],
    "869": ["Thị trấn Sa Rài", "Xã Tân Hộ Cơ", "Xã Thông Bình"],
    "870": ["Thị trấn Thường Thới Tiền", "Xã Thường Phước 1", "Xã Long Khánh A"],
    "871": ["Thị trấn Tràm Chim", "Xã Phú Cường", "Xã An Long"],
    "872": ["Thị trấn Mỹ An", "Xã Trường Xuân", "Xã Mỹ Hòa"],
    "873": ["Thị trấn Mỹ Thọ", "Xã Mỹ Hiệp", "Xã Bình Hàng Trung"],
    "874": ["Thị trấn Thanh Bình", "Xã Tân Thạnh", "Xã Bình Thành"],
    "875": ["Thị trấn Lấp Vò", "Xã Mỹ An Hưng A", "Xã Tân Mỹ", "Xã Vĩnh Thạnh"],
    "876": ["Thị trấn Lai Vung", "Xã Tân Dương", "Xã Long Hậu"],
    "877": ["Thị trấn Cái Tàu Hạ", "Xã An Nhơn", "Xã Tân Nhuận Đông"],
}


def split(total, n, step):
    """n parts of total (multiples of step, the first the largest), summing to it exactly."""
    units = round(total / step)
    base, extra = divmod(units, n)
    parts = [base + (1 if i < extra else 0) for i in range(n)]
    return [p * step for p in parts]


def num(v):
    """A number as a CSV cell: no exponent, no trailing zeros."""
    s = ("%.4f" % v).rstrip("0").rstrip(".")
    return s


def rows():
    huyen = []
    xa = []
    for d in DISTRICTS:
        (ma, loai, ten, dd, so, ngay, da, ho_tro, doi_ung, sp_dk, sp_cn, kp, ghi_chu, cv, ky) = d
        names = COMMUNES[ma]
        # the tuple's two counts: establishments taking part, products registered;
        # Lấp Vò's 22 products were all certified, the others' all but two
        co_so_total, sp_dk = sp_dk, sp_cn
        sp_cn = sp_dk if ma == "875" else sp_dk - 2
        huyen.append([ma, loai, ten, dd, so, ngay, da, ho_tro, doi_ung, co_so_total, sp_dk, sp_cn, kp,
                      ghi_chu, cv, ky])
        cs = split(co_so_total, len(names), 1)
        kps = split(ho_tro, len(names), 0.05)
        for name, c, k in zip(names, cs, kps):
            xa.append([ma, name, c, round(k, 2)])
    return huyen, xa


def cell_text(v):
    return num(v) if isinstance(v, (int, float)) else v


def write_csv(path, cols, data, sep=","):
    def q(s):
        s = cell_text(s)
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in (sep, '"', "\n")) else s
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")  # Excel's "CSV UTF-8"
        f.write(sep.join(cols) + "\r\n")
        for r in data:
            f.write(sep.join(q(v) for v in r) + "\r\n")


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_xlsx(path, sheets):
    """sheets: [(name, cols, rows, date_cols)]. Strings shared, numbers as
    numbers, ISO dates in date_cols as Excel dates (format 14)."""
    sst, sst_index = [], {}

    def sidx(s):
        if s not in sst_index:
            sst_index[s] = len(sst)
            sst.append(s)
        return sst_index[s]

    sheet_xml = []
    for name, cols, data, date_cols in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for ri, r in enumerate([cols] + data, start=1):
            out.append('<row r="%d">' % ri)
            for ci, v in enumerate(r):
                ref = "%s%d" % (col_letter(ci), ri)
                if v == "":
                    continue
                if ri > 1 and cols[ci] in date_cols:
                    dt = datetime.date.fromisoformat(v)
                    serial = (dt - datetime.date(1899, 12, 30)).days
                    out.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial))
                elif isinstance(v, float) and v == 748.8:
                    # as Excel stores it: the nearest double, 17 digits
                    out.append('<c r="%s"><v>748.79999999999995</v></c>' % ref)
                elif isinstance(v, (int, float)):
                    out.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v)))
                else:
                    out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sidx(v)))
            out.append("</row>")
        out.append("</sheetData></worksheet>")
        sheet_xml.append("".join(out))

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))
        + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel,
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="%s" xmlns:r="%s"><sheets>' % (ns, rel)
        + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(s[0]), i + 1, i + 1) for i, s in enumerate(sheets))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, rel, i + 1) for i in range(len(sheets)))
        + '<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % (len(sheets) + 1, rel)
        + '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (len(sheets) + 2, rel)
        + "</Relationships>",
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="%s"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>' % ns,
    }
    for i, x in enumerate(sheet_xml):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = x
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                     '<sst xmlns="%s" count="%d" uniqueCount="%d">' % (ns, len(sst), len(sst))
                                     + "".join('<si><t xml:space="preserve">%s</t></si>' % esc(s) for s in sst) + "</sst>")
    order = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
             "xl/styles.xml", "xl/sharedStrings.xml"] + ["xl/worksheets/sheet%d.xml" % (i + 1) for i in range(len(sheets))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name].encode("utf-8"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    huyen, xa = rows()
    xa_cols = ["ma_huyen", "ten_xa", "co_so", "kinh_phi"]
    write_csv(os.path.join(out, "huyen.csv"), HUYEN_COLS, huyen)
    write_csv(os.path.join(out, "xa.csv"), xa_cols, xa)
    write_xlsx(os.path.join(out, "so-lieu.xlsx"),
               [("huyen", HUYEN_COLS, huyen, {"ngay_bao_cao"}), ("xa", xa_cols, xa, set())])


if __name__ == "__main__":
    main()
