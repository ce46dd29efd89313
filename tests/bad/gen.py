"""Catalogue entries that are made at test time rather than committed: inputs
too big to keep in the repository (10,000 paragraphs, a 1 MB word, 17 MB of
input), and cases that need files around the document (a broken font or
layout, an image, an output that cannot be written).

test_bad_inputs.py calls cases(root) and runs each entry like the files of
tests/bad: it writes `files` into a directory of its own, runs

    vanban render NAME.xml -o OUTPUT [args]

there for each of `formats`, and checks the exit status, standard error (all
of `expected` when given, else each of `contains`), the time taken, and that
no output file is left behind on failure. In strings, {dir} stands for that
directory, {root} for the repository and {fmt} for the output's format. A
file given as "@PATH" is a symbolic link to PATH; one given as "|fifo" is a
named pipe.
"""
import os
import struct
import zlib

# The smallest valid document: every required part, one paragraph.
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<van_ban loai="bao_cao">
  <co_quan_ban_hanh>ỦY BAN NHÂN DÂN<xuong_dong/>HUYỆN LẤP VÒ</co_quan_ban_hanh>
  <so_ky_hieu so="05" ky_hieu="BC-UBND"/>
  <dia_danh>Lấp Vò</dia_danh>
  <ngay>2023-07-05</ngay>
  <trich_yeu>Kết quả thực hiện Chương trình khuyến công</trich_yeu>
  <noi_dung>
"""
TAIL = """  </noi_dung>
  <chu_ky>
    <tham_quyen loai="TM">ỦY BAN NHÂN DÂN</tham_quyen>
    <chuc_vu>CHỦ TỊCH</chuc_vu>
    <ho_ten>Trần Hoàng Nam</ho_ten>
  </chu_ky>
  <noi_nhan>
    <nhan>Sở Công Thương</nhan>
    <luu don_vi="KTHT"/>
  </noi_nhan>
</van_ban>
"""


def document(body):
    return (HEAD + body + TAIL).encode("utf-8")


class Case:
    def __init__(self, name, files=None, args=(), expected=None, contains=(), status=1,
                 formats=("pdf", "docx"), output=None, seconds=30, note=""):
        self.name = name
        self.files = files if files is not None else {}
        self.input = name + ".xml"
        self.args = list(args)
        self.expected = expected    # exact standard error, or None
        self.contains = list(contains)
        self.status = status
        self.formats = formats
        self.output = output        # None: OUTDIR/out.EXT, in an empty directory
        self.seconds = seconds      # wall-clock bound (scaled under the sanitizers)
        self.note = note


def png(width, height, rows=None, colour=6, depth=8, idat=None):
    """A PNG file: the header as given, and the rows compressed (or idat as is)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    if idat is None:
        idat = zlib.compress(b"".join(b"\0" + r for r in rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def small_png():
    """A 40 × 20 blue signature stroke on transparency (RGBA)."""
    rows = []
    for y in range(20):
        rows.append(b"".join(bytes((0, 0, 200, 255 if abs(y - x // 2) < 2 else 0)) for x in range(40)))
    return png(40, 20, rows)


def cases(root):
    out = []
    para = "Ủy ban nhân dân huyện báo cáo kết quả thực hiện đoạn thứ {} của văn bản."

    # A big but valid document: 10,000 paragraphs are about 300 pages. It
    # renders, in bounded time; with a lower page limit it stops with a
    # message naming the option.
    body = "".join(f"    <doan>{para.format(i + 1)}</doan>\n" for i in range(10000))
    big = document(body)
    out.append(Case("paragraphs-10000", {"paragraphs-10000.xml": big}, status=0, seconds=20,
                    note="valid: renders about 300 pages"))
    out.append(Case("paragraphs-10000-page-limit", {"paragraphs-10000-page-limit.xml": big},
                    args=["--max-pages", "100"], formats=("pdf",),
                    expected="paragraphs-10000-page-limit.xml:2:1: error: "
                             "the document needs more than 100 pages (--max-pages)\n"))

    # Nesting 500 deep (inline <b> inside a paragraph): refused at the level
    # past the limit, naming the option.
    deep = "    <doan>" + "<b>" * 500 + "sâu" + "</b>" * 500 + "</doan>\n"
    out.append(Case("nesting-500", {"nesting-500.xml": document(deep)},
                    expected="nesting-500.xml:9:194: error: elements are nested more than 64 deep (--max-depth)\n"))

    # One word of 1 MB, no space: laid out (broken between letters) with a
    # warning, in bounded time.
    word = "    <doan>" + "a" * (1 << 20) + "</doan>\n"
    out.append(Case("word-1mb", {"word-1mb.xml": document(word)}, status=0, seconds=20,
                    contains=["warning: a word is wider than its column"], formats=("pdf",)))
    out.append(Case("word-1mb-docx", {"word-1mb-docx.xml": document(word)}, status=0, seconds=20,
                    formats=("docx",)))

    # More input than --max-input (the default, 16 MiB): refused before parsing.
    filler = "<!-- " + "x" * (17 << 20) + " -->\n"
    out.append(Case("input-17mb", {"input-17mb.xml": document("    <doan>a</doan>\n" + filler)},
                    formats=("pdf",),
                    expected="input-17mb.xml: error: input is larger than the limit of 16777216 bytes (--max-input)\n"))
    # More elements than --max-nodes.
    body = "".join(f"    <doan>{i}</doan>\n" for i in range(60))
    out.append(Case("nodes-limit", {"nodes-limit.xml": document(body)}, args=["--max-nodes", "100"],
                    formats=("pdf",),
                    expected="nodes-limit.xml:35:20: error: the document has more than 100 elements "
                             "and pieces of text (--max-nodes)\n"))

    # Fonts: a layout whose fonts are missing or are not fonts (exit 4).
    nd30 = open(os.path.join(root, "layouts", "nd30.xml"), "rb").read()
    for kind, data in (("missing", None), ("corrupt", b"\0\1\0\0 this is not a TrueType font" * 100),
                       ("truncated", open(os.path.join(root, "fonts", "LiberationSerif-Regular.ttf"),
                                          "rb").read()[:20000])):
        files = {f"font-{kind}.xml": document("    <doan>Chữ.</doan>\n"), "nd30.xml": nd30,
                 "my-layout.xml": ('<layout name="my-layout" extends="nd30" version="1">\n'
                                   '  <fonts regular="{dir}/bad.ttf" bold="{dir}/bad.ttf" italic="{dir}/bad.ttf"'
                                   ' bold-italic="{dir}/bad.ttf"/>\n</layout>\n').encode()}
        if data is not None:
            files["bad.ttf"] = data
        msg = "cannot read the font file" if data is None else "not a font file that FreeType can read"
        out.append(Case(f"font-{kind}", files, args=["--layout", "{dir}/my-layout.xml"], status=4,
                        contains=[f"{{dir}}/bad.ttf: error: {msg}"]))

    # A broken layout file under layouts/ of the data directory: the default
    # profile, and a profile a document names (<van_ban bo_cuc="hong">).
    broken = b'<layout name="nd30" version="1">\n  <page width="210mm"\n</layout>\n'
    data_dir = {"data/fonts": "@" + os.path.join(root, "fonts"), "data/schema": "@" + os.path.join(root, "schema")}
    files = dict(data_dir)
    files.update({"layout-default-broken.xml": document("    <doan>Chữ.</doan>\n"),
                  "data/layouts/nd30.xml": broken})
    out.append(Case("layout-default-broken", files, args=["--data-dir", "{dir}/data"],
                    expected="{dir}/data/layouts/nd30.xml:3:1: error: malformed XML: error parsing attribute name\n"))
    # A layout file is XML too: no DTD, no entity expansion, no external
    # entity (the test runs these under strace: nothing is opened or fetched).
    for kind, subset in (("billion-laughs", '<!ENTITY a "aaaaaaaaaa">' + "".join(
                             f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))),
                         ("external-entity", '<!ENTITY p SYSTEM "file:///etc/passwd">'),
                         ("external-url", '<!ENTITY p SYSTEM "http://127.0.0.1:9/layout.xml">')):
        ref = "&j;" if kind == "billion-laughs" else "&p;"
        files = dict(data_dir)
        files.update({f"layout-{kind}.xml": document("    <doan>Chữ.</doan>\n"),
                      "data/layouts/nd30.xml": (f'<?xml version="1.0"?>\n<!DOCTYPE layout [{subset}]>\n'
                                                f'<layout name="nd30" version="1">{ref}</layout>\n').encode()})
        out.append(Case(f"layout-{kind}", files, args=["--data-dir", "{dir}/data"],
                        expected="{dir}/data/layouts/nd30.xml:2:1: error: a layout file takes no <!DOCTYPE>; remove it\n"))
    files = dict(data_dir)
    files.update({"layout-named-broken.xml": document("    <doan>Chữ.</doan>\n").replace(
                      b'<van_ban loai="bao_cao">', b'<van_ban loai="bao_cao" bo_cuc="hong">'),
                  "data/layouts/nd30.xml": nd30,
                  "data/layouts/hong.xml": b'<layout name="hong" extends="nd30" version="1">\n'
                                           b'  <page top="-5mm"/>\n</layout>\n'})
    out.append(Case("layout-named-broken", files, args=["--data-dir", "{dir}/data"],
                    contains=["{dir}/data/layouts/hong.xml:2:3: error:"]))

    # Images (<anh_chu_ky src="…"/>, ô 7c): missing, cut short, damaged with
    # every checksum right (libharu's own loader would let libpng abort the
    # process on it), a FIFO (which must not be waited on), and a
    # 20,000 × 20,000 header on a few bytes, refused by
    # the pixel limit and, with the limit raised, by the decoder before it
    # allocates anything.
    def signed(name, src, extra=b""):
        doc = document("    <doan>Chữ.</doan>\n").replace(
            b"<ho_ten>Tr\xe1\xba\xa7n Ho\xc3\xa0ng Nam</ho_ten>",
            b"<ho_ten>Tr\xe1\xba\xa7n Ho\xc3\xa0ng Nam</ho_ten>\n    <anh_chu_ky src=\"" + src.encode() + b"\"/>")
        assert b"anh_chu_ky" in doc
        return {name + ".xml": doc}
    good = small_png()
    files = signed("image-ok", "chu-ky.png")
    files["chu-ky.png"] = good
    out.append(Case("image-ok", files, status=0))
    out.append(Case("image-absent", signed("image-absent", "khong-co.png"),
                    expected="image-absent.xml:15:5: error: image 'khong-co.png': cannot open the file\n"))
    files = signed("image-truncated", "chu-ky.png")
    files["chu-ky.png"] = good[:len(good) // 2]
    out.append(Case("image-truncated", files,
                    expected="vanban: error: cannot read image: chu-ky.png: the file is truncated\n"))
    files = signed("image-corrupt", "chu-ky.png")
    files["chu-ky.png"] = png(40, 20, idat=b"\x78\x9c" + bytes((i * 37 + 11) % 256 for i in range(300)))
    out.append(Case("image-corrupt", files,
                    contains=["error: cannot read image: chu-ky.png: the file is damaged (libpng: "]))
    files = signed("image-fifo", "chu-ky.png")
    files["chu-ky.png"] = "|fifo"
    out.append(Case("image-fifo", files, seconds=10,
                    expected="image-fifo.xml:15:5: error: image 'chu-ky.png': not a regular file\n"))
    huge = png(20000, 20000, idat=zlib.compress(b"\0" * 4096))
    files = signed("image-20000", "chu-ky.png")
    files["chu-ky.png"] = huge
    out.append(Case("image-20000", files,
                    expected="image-20000.xml:15:5: error: image 'chu-ky.png' is 20000 x 20000 pixels; "
                             "the limit is 40000000 (--max-image-pixels)\n"))
    files = signed("image-20000-allowed", "chu-ky.png")
    files["chu-ky.png"] = huge
    out.append(Case("image-20000-allowed", files, args=["--max-image-pixels", "400000000"],
                    expected="vanban: error: cannot read image: chu-ky.png: the file is too short "
                             "for a picture of 20000 x 20000 pixels (truncated or damaged)\n"))

    # Outputs that cannot be written: a full disk, a directory that is a
    # file (root, which the CI is, ignores permissions), /proc.
    ok = document("    <doan>Chữ.</doan>\n")
    out.append(Case("output-dev-full", {"output-dev-full.xml": ok}, args=["--format", "{fmt}"],
                    output="/dev/full", status=3,
                    expected="/dev/full: error: cannot write: No space left on device\n"))
    out.append(Case("output-parent-is-file", {"output-parent-is-file.xml": ok, "plain": b"a file"},
                    output="{dir}/plain/out.{fmt}", status=3,
                    expected="{dir}/plain/out.{fmt}: error: cannot create: Not a directory\n"))
    out.append(Case("output-in-proc", {"output-in-proc.xml": ok}, output="/proc/vanban-test.{fmt}", status=3,
                    contains=["/proc/vanban-test.{fmt}: error: cannot create: "]))
    return out
