/* test_check.c - the linter (check.h): for every rule, one input that trips
 * it (the exact message and position) and one near miss that does not; the
 * legacy-encoding detector on the samples of data/legacy/LEGACY.md and on
 * text in other languages.
 *
 * Runs from the repository root (ctest sets the working directory): reads
 * schema/ and examples/. Rules the reader enforces itself are tested here too,
 * through the reader's message, so that each rule of the linter's list has its
 * test in one place. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "harness.h"
#include "xml_read.h"

#define SCHEMA "schema/vanban.rng"

static vb_reader *reader;

/* The base document: every check passes. Line numbers matter to the tests:
 *  4 so_ky_hieu, 8 kinh_gui, 9 noi_dung, 10 chu_ky, 11 noi_nhan. */
static const char BASE[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<van_ban loai=\"bao_cao\">\n"
                           "<co_quan_ban_hanh>ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ</co_quan_ban_hanh>\n"
                           "<so_ky_hieu so=\"05\" ky_hieu=\"BC-UBND\"/>\n"
                           "<dia_danh>Lấp Vò</dia_danh>\n"
                           "<ngay>2023-07-05</ngay>\n"
                           "<trich_yeu>Kết quả thực hiện</trich_yeu>\n"
                           "<kinh_gui><noi>Sở Công Thương</noi></kinh_gui>\n"
                           "<noi_dung><muc><tieu_de>KẾT QUẢ</tieu_de><doan>Đã hỗ trợ 03 dự án.</doan></muc>"
                           "</noi_dung>\n"
                           "<chu_ky><tham_quyen loai=\"TM\">ỦY BAN NHÂN DÂN</tham_quyen><chuc_vu>CHỦ TỊCH</chuc_vu>"
                           "<ho_ten>Trần Hoàng Nam</ho_ten></chu_ky>\n"
                           "<noi_nhan><nhan>Như trên</nhan><luu don_vi=\"KTHT\" nguoi_soan=\"NH\"/></noi_nhan>\n"
                           "</van_ban>\n";

/* BASE with each (old, new) pair replaced once; NULL-terminated pairs. */
static char *edit(const char *first_old, ...)
{
    char *s = strdup(BASE);
    va_list ap;
    va_start(ap, first_old);
    for (const char *old = first_old; old; old = va_arg(ap, const char *)) {
        const char *new = va_arg(ap, const char *);
        char *p = strstr(s, old);
        if (!p) {
            fprintf(stderr, "edit: '%s' not in the document\n", old);
            exit(2);
        }
        size_t a = (size_t)(p - s), ol = strlen(old), nl = strlen(new), n = strlen(s);
        char *r = malloc(n - ol + nl + 1);
        memcpy(r, s, a);
        memcpy(r + a, new, nl);
        memcpy(r + a + nl, p + ol, n - a - ol + 1);
        free(s);
        s = r;
    }
    va_end(ap);
    return s;
}

/* What `vanban check` prints for data[0..len): the reader's messages, then,
 * when it read the document, the linter's. with_bytes 0 hides the source
 * the reader kept from the linter (positions of the model only). */
static char *lint_n(const char *data, size_t len, int with_bytes)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_doc *doc = NULL;
    if (vb_doc_read(reader, data, len, "t.xml", &doc, &d) == VB_OK) {
        vb_source *src = doc->src; /* without it: a document made by hand */
        if (!with_bytes)
            doc->src = NULL;
        vb_check_doc(doc, &d);
        doc->src = src;
    }
    vb_doc_free(doc);
    char *buf = NULL;
    size_t sz = 0;
    FILE *f = open_memstream(&buf, &sz);
    vb_diag_print(&d, f, 0);
    fclose(f);
    vb_diag_free(&d);
    return buf;
}

static char *lint(const char *data)
{
    return lint_n(data, strlen(data), 1);
}

/* Checks that doc gives exactly `want` and frees doc. */
#define EXPECT(doc, want)                                                                                              \
    do {                                                                                                               \
        char *in_ = (doc);                                                                                             \
        char *out_ = lint(in_);                                                                                        \
        CHECK_STR(out_, want);                                                                                         \
        free(out_);                                                                                                    \
        free(in_);                                                                                                     \
    } while (0)

static void test_base_is_clean(void)
{
    EXPECT(strdup(BASE), "");
}

/* ---- 1. number below 10 without its leading zero ---- */
static void test_number(void)
{
    EXPECT(edit("so=\"05\"", "so=\"5\"", NULL),
           "t.xml:4:13: warning: so=\"5\": a number below 10 is written with a leading zero, 05 (Nghị định 30, "
           "ô 3); the program prints 05\n");
    EXPECT(edit("so=\"05\"", "so=\"005\"", NULL),
           "t.xml:4:13: warning: so=\"005\": a number has two digits at least and no more leading zeros than "
           "that: 05\n");
    EXPECT(edit("so=\"05\"", "so=\"0012\"", NULL),
           "t.xml:4:13: warning: so=\"0012\": a number has two digits at least and no more leading zeros than "
           "that: 12\n");
    EXPECT(edit("so=\"05\"", "so=\"10\"", NULL), "");
    EXPECT(edit("so=\"05\"", "so=\"123\"", NULL), "");
}

/* ---- ô 12: the drafter's code is written in capitals ---- */
static void test_drafter_code(void)
{
    EXPECT(edit("nguoi_soan=\"NH\"", "nguoi_soan=\"Nh\"", NULL),
           "t.xml:11:51: warning: nguoi_soan=\"Nh\" has lower-case letters: the decree writes the drafter's code in "
           "capitals (ô 12): write nguoi_soan=\"NH\"\n");
    EXPECT(edit("nguoi_soan=\"NH\"", "nguoi_soan=\"Đức\"", NULL),
           "t.xml:11:51: warning: nguoi_soan=\"Đức\" has lower-case letters: the decree writes the drafter's code in "
           "capitals (ô 12): write nguoi_soan=\"ĐỨC\"\n");
    EXPECT(edit("nguoi_soan=\"NH\"", "nguoi_soan=\"NH\" so_ban=\"10\" so_ban_luu=\"2\"", NULL), "");
    EXPECT(edit("nguoi_soan=\"NH\"", "so_ban=\"12\"", NULL),
           "t.xml:11:51: warning: so_ban=\"12\" is the number of copies issued, printed after the drafter's code (ô "
           "12), and there is none: the Lưu line would read '- Lưu: VT, KTHT. (12).'; add nguoi_soan, or write the "
           "copies the drafting unit keeps as so_ban_luu\n");
}

/* ---- 2. spaces inside the notation (the reader's error) ---- */
static void test_notation_spaces(void)
{
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC - UBND\"", NULL),
           "t.xml:4:21: error: ky_hieu must not contain spaces: 'BC - UBND'\n");
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\" BC-UBND \"", NULL), ""); /* trimmed */
}

/* ---- 3. the type code of the notation (Phụ lục III) ---- */
static void test_notation_type(void)
{
    /* another type's code: the linter says which */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"QĐ-UBND\"", NULL),
           "t.xml:4:30: error: ky_hieu=\"QĐ-UBND\": QĐ is the code of QUYẾT ĐỊNH, but this document is a BÁO CÁO, "
           "whose code is BC (Phụ lục III): write BC-UBND\n");
    /* no type code at all */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"UBND-VP\"", NULL),
           "t.xml:4:30: error: ky_hieu=\"UBND-VP\": the notation of a BÁO CÁO starts with its code, BC (Phụ lục "
           "III): write BC-UBND-VP\n");
    /* the code in the wrong case */
    EXPECT(edit("loai=\"bao_cao\"", "loai=\"to_trinh\"", "ky_hieu=\"BC-UBND\"", "ky_hieu=\"TTR-UBND\"", NULL),
           "t.xml:4:30: error: ky_hieu=\"TTR-UBND\": the code of TỜ TRÌNH is written TTr (Phụ lục III): write "
           "TTr-UBND\n");
    /* the code alone */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC\"", NULL),
           "t.xml:4:30: error: ky_hieu=\"BC\": the notation names the issuing agency after the type code: "
           "BC-<agency>, e.g. BC-UBND\n");
    /* groups joined by something else than '-' */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC-UBND.HC\"", NULL),
           "t.xml:4:37: warning: ky_hieu=\"BC-UBND.HC\": the groups of a notation are letters and digits joined by "
           "'-', not '.' (Nghị định 30, ô 3)\n");
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC--UBND\"", NULL),
           "t.xml:4:30: warning: ky_hieu=\"BC--UBND\": a group of the notation is empty; groups are joined by one "
           "'-' (Nghị định 30, ô 3)\n");
    /* near misses: three groups, a type code with lower-case letters */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC-UBND-HC\"", NULL), "");
    EXPECT(edit("loai=\"bao_cao\"", "loai=\"quy_dinh\"", "ky_hieu=\"BC-UBND\"", "ky_hieu=\"QyĐ-UBND\"", NULL), "");

    /* công văn: no type code */
    EXPECT(edit("loai=\"bao_cao\"", "loai=\"cong_van\"", NULL),
           "t.xml:4:30: warning: ky_hieu=\"BC-UBND\": a công văn's notation has no type code, and BC is that of BÁO "
           "CÁO: it is <agency>-<unit or field>, e.g. UBND\n");
    EXPECT(edit("loai=\"bao_cao\"", "loai=\"cong_van\"", "ky_hieu=\"BC-UBND\"", "ky_hieu=\"UBND\"", NULL),
           "t.xml:4:30: warning: ky_hieu=\"UBND\": a công văn's notation is <agency>-<unit or field> (Nghị định 30, "
           "ô 3), e.g. UBND-VP\n");
    EXPECT(edit("loai=\"bao_cao\"", "loai=\"cong_van\"", "ky_hieu=\"BC-UBND\"", "ky_hieu=\"UBND-VX\"", NULL), "");
}

/* The copy's block (Mẫu 3.1): SY / SL / TrS after its form. */
static const char COPY[] = "<ban_sao hinh_thuc=\"%s\">\n"
                           "<co_quan_ban_hanh>VĂN PHÒNG UBND HUYỆN</co_quan_ban_hanh>\n"
                           "<so_ky_hieu so=\"%s\" ky_hieu=\"%s\"/>\n"
                           "<dia_danh>Lấp Vò</dia_danh>\n"
                           "<ngay>2023-07-06</ngay>\n"
                           "<chu_ky><tham_quyen loai=\"TL\">CHỦ TỊCH</tham_quyen><chuc_vu>CHÁNH VĂN PHÒNG</chuc_vu>"
                           "<ho_ten>Lê Văn B</ho_ten></chu_ky>\n"
                           "<noi_nhan><nhan>Phòng KTHT</nhan><luu don_vi=\"VP\"/></noi_nhan>\n"
                           "</ban_sao>\n"
                           "</van_ban>\n";

static char *with_copy(const char *form, const char *so, const char *kh)
{
    char block[2048];
    snprintf(block, sizeof block, COPY, form, so, kh);
    return edit("</van_ban>\n", block, NULL);
}

static void test_copy(void)
{
    /* lines 12-19 hold the block; its so_ky_hieu is line 14 */
    EXPECT(with_copy("sao_luc", "01", "SY-VP"),
           "t.xml:14:30: error: ky_hieu=\"SY-VP\": SY is the code of SAO Y, but this copy is a SAO LỤC, whose code "
           "is SL (Phụ lục I, Mẫu 3.1): write SL-VP\n");
    EXPECT(with_copy("sao_y", "3", "SY-VP"),
           "t.xml:14:13: warning: so=\"3\": a number below 10 is written with a leading zero, 03 (Nghị định 30, "
           "ô 3); the program prints 03\n");
    EXPECT(with_copy("trich_sao", "01", "TrS-VP"), "");
}

/* ---- 4. dates that do not exist (the reader's error) ---- */
static void test_dates(void)
{
    EXPECT(edit("2023-07-05", "2023-02-29", NULL),
           "t.xml:6:1: error: <ngay>: '2023-02-29' is not a date: expected YYYY-MM-DD\n");
    EXPECT(edit("2023-07-05", "2024-02-29", NULL), "");
}

/* ---- 5. authority prefixes typed by hand ---- */
static void test_prefixes(void)
{
    EXPECT(edit("<chuc_vu>CHỦ TỊCH</chuc_vu>", "<chuc_vu>KT.CHỦ TỊCH</chuc_vu>", NULL),
           "t.xml:10:68: error: <chuc_vu> starts with 'KT.', an authority prefix the program prints itself: write "
           "<tham_quyen loai=\"KT\">CHỦ TỊCH</tham_quyen>, printed 'KT. CHỦ TỊCH'\n");
    EXPECT(edit("ỦY BAN NHÂN DÂN</tham_quyen>", "TUQ. GIÁM ĐỐC</tham_quyen>", NULL),
           "t.xml:10:31: error: <tham_quyen loai=\"TM\"> starts with 'TUQ.', another authority prefix: give it a "
           "line of its own, <tham_quyen loai=\"TUQ\">GIÁM ĐỐC</tham_quyen>, printed 'TUQ. GIÁM ĐỐC'\n");
    /* its own prefix: the reader's error */
    EXPECT(edit("ỦY BAN NHÂN DÂN</tham_quyen>", "TM.ỦY BAN NHÂN DÂN</tham_quyen>", NULL),
           "t.xml:10:9: error: <tham_quyen> starts with its prefix 'TM.', which the program prints itself: write "
           "only what follows it\n");
    /* near misses: a title that merely starts with the letters */
    EXPECT(edit("<chuc_vu>CHỦ TỊCH</chuc_vu>", "<chuc_vu>TLV PHÓ CHỦ TỊCH</chuc_vu>", NULL), "");
    EXPECT(edit("<chuc_vu>CHỦ TỊCH</chuc_vu>", "<chuc_vu>Q CHỦ TỊCH</chuc_vu>", NULL), "");
}

/* ---- 6. the Lưu line ---- */
static void test_archive(void)
{
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>Như trên</nhan><nhan>Lưu: VT, KTHT.</nhan>", NULL),
           "t.xml:11:38: error: <nhan> holds the Lưu line: write it as <luu don_vi=\"…\"/>, and the program prints "
           "'- Lưu: VT, …' as the last line\n");
    EXPECT(edit("don_vi=\"KTHT\"", "don_vi=\"VT, KTHT\"", NULL),
           "t.xml:11:37: warning: don_vi=\"VT, KTHT\": the Lưu line would read '- Lưu: VT, VT, KTHT. NH.'; the "
           "program prints '- Lưu: VT, ' itself: write don_vi=\"KTHT\"\n");
    EXPECT(edit("don_vi=\"KTHT\"", "don_vi=\"Lưu: VT\"", NULL),
           "t.xml:11:37: warning: don_vi=\"Lưu: VT\": the Lưu line would read '- Lưu: VT, Lưu: VT. NH.'; the "
           "program prints '- Lưu: VT, ' itself: leave don_vi out\n");
    EXPECT(edit("don_vi=\"KTHT\"", "don_vi=\"KTHT.\"", NULL),
           "t.xml:11:37: warning: don_vi=\"KTHT.\" ends with '.': the Lưu line would read '- Lưu: VT, KTHT.. NH.'; "
           "the program punctuates it itself\n");
    EXPECT(edit("nguoi_soan=\"NH\"", "nguoi_soan=\"NH.\"", NULL),
           "t.xml:11:51: warning: nguoi_soan=\"NH.\" ends with '.': the Lưu line would read '- Lưu: VT, KTHT. "
           "NH..'; the program punctuates it itself\n");
    /* near misses: a unit whose code starts with VT, a recipient named Lưu … */
    EXPECT(edit("don_vi=\"KTHT\"", "don_vi=\"VTTT\"", NULL), "");
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>Lưu trữ lịch sử tỉnh</nhan>", NULL), "");
}

/* ---- 7. recipients ---- */
static void test_recipients(void)
{
    /* the reader's own warnings: "- " and ";" */
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>- Như trên;</nhan>", NULL),
           "t.xml:11:11: warning: <nhan> starts with '-', which the program prints itself\n"
           "t.xml:11:11: warning: <nhan> ends with ';', which the program prints itself\n");
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>Như <b>trên</b>.</nhan>", NULL),
           "t.xml:11:32: warning: <nhan> ends with '.': the program ends each recipient line with ';' itself\n");
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>–Như trên</nhan>", NULL),
           "t.xml:11:17: warning: <nhan> starts with '–': the program prints '- ' before each recipient itself\n");
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>Nơi nhận: Như trên</nhan>", NULL),
           "t.xml:11:17: warning: <nhan> starts with 'Nơi nhận', which the program prints itself\n");
    EXPECT(edit("<noi>Sở Công Thương</noi>", "<noi>- Sở Công Thương;</noi>", NULL),
           "t.xml:8:16: warning: <noi> starts with '-': the program prints '- ' before each recipient itself (when "
           "there are several)\n"
           "t.xml:8:32: warning: <noi> ends with ';': the program punctuates the recipients itself (';' after each, "
           "'.' after the last of several)\n");
    EXPECT(edit("<noi>Sở Công Thương</noi>", "<noi>Kính gửi: Sở Công Thương</noi>", NULL),
           "t.xml:8:16: warning: <noi> starts with 'Kính gửi', which the program prints itself\n");
    /* near misses: a hyphen inside, an abbreviation with a full stop inside */
    EXPECT(edit("<nhan>Như trên</nhan>", "<nhan>UBND xã Bình Thạnh Trung - Định An</nhan>", NULL), "");
    EXPECT(edit("<noi>Sở Công Thương</noi>", "<noi>TP. Cao Lãnh</noi>", NULL), "");
}

/* ---- 8. the Quốc hiệu and the motto ---- */
static void test_header(void)
{
    /* typed in its own element, differently: the reader's error */
    EXPECT(edit("<co_quan_ban_hanh>", "<tieu_ngu>Độc lập – Tự do – Hạnh phúc</tieu_ngu>\n<co_quan_ban_hanh>", NULL),
           "t.xml:3:1: error: <tieu_ngu> must read 'Độc lập - Tự do - Hạnh phúc' exactly (the decree's hyphens are "
           "ASCII '-' with a space each side), not 'Độc lập – Tự do – Hạnh phúc'\n");
    EXPECT(edit("<co_quan_ban_hanh>", "<quoc_hieu>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</quoc_hieu>\n<co_quan_ban_hanh>",
                NULL),
           "");
    /* typed as content, which the program would print a second time */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>",
                "<doan>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM<xuong_dong/>Độc lập - Tự do - Hạnh phúc</doan>", NULL),
           "t.xml:9:48: error: <doan> holds the Quốc hiệu and the motto, which the program prints itself at the "
           "top of page 1 (ô 1): remove it\n");
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Độc lập – Tự do – Hạnh phúc</doan>", NULL),
           "t.xml:9:48: error: <doan> holds the motto (Tiêu ngữ), which the program prints itself at the top of "
           "page 1 (ô 1): remove it\n");
    /* near miss: a sentence that names the republic */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Cộng hòa xã hội chủ nghĩa Việt Nam có 34 tỉnh.</doan>",
                NULL),
           "");
}

/* ---- 9. NFD ---- */
static void test_nfd(void)
{
    /* "Việt" typed as V i e U+0323 U+0302 t, twice on line 9: one report */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>",
                "<doan>Vie\xcc\xa3\xcc\x82t Nam, Vie\xcc\xa3\xcc\x82t Nam</doan>", NULL),
           "t.xml:9:51: warning: text in decomposed form (NFD): 'ệ' is typed as 'e' + U+0323 + U+0302 (combining "
           "marks); it is printed in NFC\n");
    /* Unikey's "Unicode tổ hợp": a precomposed ê and a combining dot */
    EXPECT(edit("Lấp Vò</dia_danh>", "Lâ\xcc\x81p Vò</dia_danh>", NULL),
           "t.xml:5:13: warning: text in decomposed form (NFD): 'ấ' is typed as 'â' + U+0301 (combining acute); it "
           "is printed in NFC\n");
    /* near misses: a mark in a comment, a mark on no letter, NFC text */
    EXPECT(edit("<dia_danh>", "<!-- Vie\xcc\xa3\xcc\x82t --><dia_danh>", NULL), "");
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Dấu \xcc\x81 rời</doan>", NULL), "");
}

/* ---- 10. legacy encodings ---- */
static void test_legacy_rule(void)
{
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Céng hoµ x· héi chñ nghÜa ViÖt Nam</doan>", NULL),
           "t.xml:9:48: error: this text looks like TCVN3 (ABC) typed with a .Vn font: 'Céng hoµ x· héi' reads "
           "'Cộng hoà xã hội'; retype it or convert it to Unicode\n");
    EXPECT(edit("Trần Hoàng Nam", "TrÇn Hoµng Nam", NULL),
           "t.xml:10:94: error: this text looks like TCVN3 (ABC) typed with a .Vn font: 'TrÇn Hoµng Nam' reads "
           "'Trần Hoàng Nam'; retype it or convert it to Unicode\n");
    /* a heading set in a capital font (.VnTimeH): read as capitals */
    EXPECT(edit("<tieu_de>KẾT QUẢ</tieu_de>", "<tieu_de>KÕT QU¶ THùC HIÖN</tieu_de>", NULL),
           "t.xml:9:25: error: this text looks like TCVN3 (ABC) typed with a .Vn font: 'KÕT QU¶ THùC HIÖN' reads "
           "'KẾT QUẢ THỰC HIỆN'; retype it or convert it to Unicode\n");
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Ñoäc laäp - Töï do - <b>Haïnh phuùc</b></doan>", NULL),
           "t.xml:9:48: error: this text looks like VNI typed with a VNI font: 'Ñoäc laäp - Töï' reads 'Độc lập - "
           "Tự'; retype it or convert it to Unicode\n");
    /* near misses: French, unaccented Vietnamese */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Le goût de la fête où nous étions, en août.</doan>", NULL),
           "");
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Cong hoa xa hoi chu nghia Viet Nam</doan>", NULL), "");
}

/* ---- 11. U+00D0 and U+00F0 for Đ and đ ---- */
static void test_eth(void)
{
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Ðã hỗ trợ 03 dự án ðịa phương.</doan>", NULL),
           "t.xml:9:48: error: 'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): "
           "they look alike, but search, sorting and spell checking tell them apart; type Đ\n"
           "t.xml:9:67: error: 'ð' is U+00F0 (small eth, an Icelandic letter), not the Vietnamese 'đ' (U+0111): "
           "they look alike, but search, sorting and spell checking tell them apart; type đ\n");
    /* in an attribute, and as a character reference */
    EXPECT(edit("ky_hieu=\"BC-UBND\"", "ky_hieu=\"BC-UBNÐ\"", "Đã hỗ trợ", "&#208;ã hỗ trợ", NULL),
           "t.xml:4:36: error: 'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): "
           "they look alike, but search, sorting and spell checking tell them apart; type Đ\n"
           "t.xml:9:48: error: 'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): "
           "they look alike, but search, sorting and spell checking tell them apart; type Đ\n");
    /* in CDATA (text), not in a comment */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan><!-- Ðã --><![CDATA[Ðã &#208;]]> hỗ trợ</doan>", NULL),
           "t.xml:9:68: error: 'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): "
           "they look alike, but search, sorting and spell checking tell them apart; type Đ\n");
    /* not in a processing instruction or a comment, before the root or
     * inside it (the reader notes where they are; the XML declaration is
     * not one of them) */
    EXPECT(edit("<van_ban loai", "<?xml-stylesheet href=\"Ð.xsl\"?>\n<!-- Ðã Vie\xcc\xa3t --><van_ban loai",
                "<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan><?pi Ðx Vie\xcc\xa3t?>Đã <!--Ð--> hỗ trợ</doan>", NULL),
           "");
    /* in TCVN3 text Ð is é: the paragraph is reported once, as TCVN3 */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Ph¸t triÓn kinh tÕ v÷ng m¹nh, gi¸ c¶ kÐm æn ®Þnh</doan>",
                NULL),
           "t.xml:9:48: error: this text looks like TCVN3 (ABC) typed with a .Vn font: 'Ph¸t triÓn kinh tÕ' reads "
           "'Phát triển kinh tế'; retype it or convert it to Unicode\n");
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<doan>Đã hỗ trợ 03 dự án ở địa phương.</doan>", NULL), "");
}

/* ---- 12. what the decree prints in capitals ---- */
static void test_capitals(void)
{
    EXPECT(edit("ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ</co_quan_ban_hanh>", "Ủy ban nhân dân huyện Lấp Vò</co_quan_ban_hanh>",
                NULL),
           "t.xml:3:20: warning: <co_quan_ban_hanh> is not in capitals ('Ủy'): the decree prints the agency's name "
           "(ô 2) in capitals, and the program prints it as typed\n");
    EXPECT(edit("<chuc_vu>CHỦ TỊCH</chuc_vu>", "<chuc_vu>CHỦ <b>Tịch</b></chuc_vu>", NULL),
           "t.xml:10:76: warning: <chuc_vu> is not in capitals ('Tịch'): the decree prints the signer's authority "
           "and title (ô 7a) in capitals, and the program prints it as typed\n");
    EXPECT(edit("<tieu_de>KẾT QUẢ</tieu_de>", "<tieu_de>KẾT QUẢ &amp; kiến nghị</tieu_de>", NULL),
           "t.xml:9:39: warning: <tieu_de> is not in capitals ('kiến'): the decree prints the headings of phần, "
           "chương, mục and tiểu mục in capitals, and the program prints it as typed\n");
    /* near misses: the heading of a khoản and a name are not in capitals */
    EXPECT(edit("<doan>Đã hỗ trợ 03 dự án.</doan>", "<khoan><tieu_de>Kết quả</tieu_de><doan>Đã xong.</doan></khoan>",
                NULL),
           "");
}

/* Positions without the input's bytes: the model's own. */
static void test_without_bytes(void)
{
    char *d = edit("<nhan>Như trên</nhan>", "<nhan>Như trên.</nhan>", "so=\"05\"", "so=\"5\"", NULL);
    char *g = lint_n(d, strlen(d), 0);
    CHECK_STR(g, "t.xml:4:1: warning: so=\"5\": a number below 10 is written with a leading zero, 05 (Nghị định 30, "
                 "ô 3); the program prints 05\n"
                 "t.xml:11:17: warning: <nhan> ends with '.': the program ends each recipient line with ';' itself\n");
    free(g);
    free(d);
}

/* The same document in UTF-16 (Notepad's "Unicode") gives the same positions. */
static void test_utf16(void)
{
    char *d = edit("<nhan>Như trên</nhan>", "<nhan>Như trên.</nhan>", "Đã hỗ trợ", "Ðã hỗ trợ", NULL);
    char *want = lint(d);
    size_t n = strlen(d);
    unsigned char *u = malloc(2 * n + 2);
    size_t k = 0;
    u[k++] = 0xFF;
    u[k++] = 0xFE;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        unsigned char b = (unsigned char)d[i];
        size_t l = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        cp = l == 1 ? b : l == 2 ? b & 0x1F : l == 3 ? b & 0x0F : b & 0x07;
        for (size_t j = 1; j < l; j++)
            cp = cp << 6 | ((unsigned char)d[i + j] & 0x3F);
        i += l;
        u[k++] = (unsigned char)(cp & 0xFF);
        u[k++] = (unsigned char)(cp >> 8);
    }
    char *got = lint_n((const char *)u, k, 1);
    CHECK(strstr(want, "9:48: error: 'Ð'") && strstr(want, "11:25: warning: <nhan> ends with '.'"), "%s", want);
    CHECK_STR(got, want);
    free(got);
    free(want);
    free(u);
    free(d);
}

/* A CR LF file and markup inside a paragraph. */
static void test_positions(void)
{
    char *d = edit("<nhan>Như trên</nhan>", "<nhan>Như <!-- x --> &amp; <i>trên</i>\r\n  Vie\xcc\x82\xcc\xa3t.</nhan>",
                   NULL);
    char *crlf = malloc(strlen(d) * 2 + 1), *o = crlf;
    for (const char *p = d; *p; p++) {
        if (*p == '\n' && (p == d || p[-1] != '\r'))
            *o++ = '\r';
        *o++ = *p;
    }
    *o = 0;
    char *g = lint(crlf);
    CHECK_STR(g, "t.xml:12:6: warning: text in decomposed form (NFD): 'ệ' is typed as 'e' + U+0302 + U+0323 "
                 "(combining marks); it is printed in NFC\n"
                 "t.xml:12:9: warning: <nhan> ends with '.': the program ends each recipient line with ';' itself\n");
    free(g);
    free(crlf);
    free(d);
}

/* ---- the legacy detector itself (LEGACY.md samples and other languages) ---- */
static void test_legacy_detector(void)
{
    static const struct {
        const char *text;
        vb_legacy_enc enc;
        int capitals;
        const char *reads;
    } cases[] = {
        {"Céng hoµ x· héi chñ nghÜa ViÖt Nam", VB_LEGACY_TCVN3, 0, "Cộng hoà xã hội chủ nghĩa Việt Nam"},
        {"Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", VB_LEGACY_VNI, 0, "Cộng hoà xã hội chủ nghĩa Việt Nam"},
        {"§éc lËp - Tù do - H¹nh phóc", VB_LEGACY_TCVN3, 0, "Độc lập - Tự do - Hạnh phúc"},
        {"Ñoäc laäp - Töï do - Haïnh phuùc", VB_LEGACY_VNI, 0, "Độc lập - Tự do - Hạnh phúc"},
        {"Tr\xc2\xad\xc3\xaang §¹i häc", VB_LEGACY_TCVN3, 0, "Trường Đại học"}, /* U+00AD is ư */
        {"Tröôøng Ñaïi hoïc", VB_LEGACY_VNI, 0, "Trường Đại học"},
        {"CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", VB_LEGACY_TCVN3, 1, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
        {"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", VB_LEGACY_VNI, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    };
    vb_arena *a = vb_arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        vb_legacy_enc e = vb_legacy_detect(cases[i].text, strlen(cases[i].text));
        CHECK(e == cases[i].enc, "'%s': detected %d, want %d", cases[i].text, (int)e, (int)cases[i].enc);
        CHECK_STR(vb_legacy_decode(a, cases[i].enc, cases[i].capitals, cases[i].text, strlen(cases[i].text)),
                  cases[i].reads);
    }
    static const char *const clean[] = {
        /* French, with the VNI look-alikes LEGACY.md names (où, goût, août, naïve, maïs, Raphaël) */
        "Le goût de la fête où nous étions naïfs, en août, chez Raphaël, avec du maïs et une crème brûlée.",
        /* Spanish: aún, Raúl, baúl, word-initial ñ */
        "Aún así, Raúl llevó el baúl a la montaña con el niño; ñandú y señora también.",
        /* German */
        "Die Straße ist schön, und die Bäume sind grün; Müller fährt über Köln nach Düsseldorf.",
        /* Catalan: l·l looks like TCVN3's ã */
        "La col·lecció de l'Ajuntament és al carrer del Paral·lel, però la intel·ligència no hi és.",
        /* Portuguese, Danish */
        "A informação não está disponível; São Paulo é ótimo e você também.",
        "Blåbærgrød på øen er lækker, og søsteren får én.",
        /* Vietnamese without marks, and Unicode Vietnamese of Latin-1 letters only */
        "Cong hoa xa hoi chu nghia Viet Nam, Doc lap - Tu do - Hanh phuc",
        "Cà Mau, Bà Rá và Phú Yên: tôi là cán bộ",
        "Ông bà cô dì chú bác",
        /* Unicode Vietnamese */
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        /* too short to tell */
        "Céng hßa",
        "",
    };
    for (size_t i = 0; i < sizeof clean / sizeof *clean; i++)
        CHECK(vb_legacy_detect(clean[i], strlen(clean[i])) == VB_LEGACY_NONE, "'%s' taken for legacy text", clean[i]);
    vb_arena_free(a);
}

/* Every example passes without a word. */
static void test_examples(void)
{
    DIR *dir = opendir("examples");
    CHECK(dir != NULL, "no examples/");
    if (!dir)
        return;
    struct dirent *de;
    int n = 0;
    while ((de = readdir(dir))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".xml") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "examples/%s", de->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static char buf[1 << 20];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        char *g = lint_n(buf, len, 1);
        CHECK(g && !*g, "%s:\n%s", path, g ? g : "");
        free(g);
        n++;
    }
    closedir(dir);
    CHECK(n >= 1, "no example checked");
}

int main(void)
{
    vb_diag d;
    vb_diag_init(&d);
    reader = vb_reader_new(SCHEMA, NULL, &d);
    if (!reader) {
        vb_diag_print(&d, stderr, 1);
        return 1;
    }
    vb_diag_free(&d);
    test_base_is_clean();
    test_number();
    test_drafter_code();
    test_notation_spaces();
    test_notation_type();
    test_copy();
    test_dates();
    test_prefixes();
    test_archive();
    test_recipients();
    test_header();
    test_nfd();
    test_legacy_rule();
    test_eth();
    test_capitals();
    test_without_bytes();
    test_utf16();
    test_positions();
    test_legacy_detector();
    test_examples();
    vb_reader_free(reader);
    return DONE();
}
