/* test_xml_read.c - the input format reader (xml_read.h).
 *
 * Runs from the repository root (ctest sets the working directory): reads
 * examples/, schema/ and tests/bad/. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf, open_memstream */
#endif
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "derive.h"
#include "check.h"
#include "decode.h"
#include "parse.h"
#include "schema.h"
#include "harness.h"
#include "style.h"
#include "utf8.h"
#include "xml_read.h"

#define SCHEMA "schema/vanban.rng"
#define EXAMPLE "examples/bao-cao-lap-vo.xml"

static vb_reader *reader; /* with the schema */

/* Reads data; *diags gets what the program would print (heap). */
static vb_doc *read_mem(vb_reader *r, const char *data, size_t len, const char *name, vb_err *rc, char **diags)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_doc *doc = NULL;
    vb_err e = vb_doc_read(r, data, len, name, &doc, &d);
    if (rc)
        *rc = e;
    char *buf = NULL;
    size_t sz = 0;
    FILE *f = open_memstream(&buf, &sz);
    if (f) {
        vb_diag_print(&d, f, 0);
        fclose(f);
    }
    if (diags)
        *diags = buf;
    else
        free(buf);
    vb_diag_free(&d);
    return doc;
}

static vb_doc *expect_linted(int line, char *xml, const char *want, int error);
/* What the linter says of the template's number (so="5"), on line `l`. */
#define SO5(l)                                                                                                         \
    "t.xml:" #l ":13: warning: so=\"5\": a number below 10 is written with a leading zero, 05 (Nghị định 30, ô 3); "   \
    "the program prints 05\n"

/* A small valid document; %s is the content of <noi_dung> (line 8, column 11). */
static const char *const TEMPLATE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                    "<van_ban loai=\"bao_cao\">\n"
                                    "<co_quan_ban_hanh>UBND HUYỆN LẤP VÒ</co_quan_ban_hanh>\n"
                                    "<so_ky_hieu so=\"5\" ky_hieu=\"BC-UBND\"/>\n"
                                    "<dia_danh>Lấp Vò</dia_danh>\n"
                                    "<ngay>2023-07-05</ngay>\n"
                                    "<trich_yeu>Kết quả</trich_yeu>\n"
                                    "<noi_dung>%s</noi_dung>\n"
                                    "<chu_ky><chuc_vu>CHỦ TỊCH</chuc_vu><ho_ten>Trần Hoàng Nam</ho_ten></chu_ky>\n"
                                    "<noi_nhan><luu/></noi_nhan>\n"
                                    "</van_ban>\n";

static char *with_body(const char *body)
{
    char *s = NULL;
    if (asprintf(&s, TEMPLATE, body) < 0)
        return NULL;
    return s;
}

static char *replace(const char *s, const char *old, const char *new)
{
    const char *p = strstr(s, old);
    if (!p)
        return NULL;
    char *r = NULL;
    if (asprintf(&r, "%.*s%s%s", (int)(p - s), s, new, p + strlen(old)) < 0)
        return NULL;
    return r;
}

/* Reads body in the template; returns the document (NULL on error, with the
 * diagnostics printed). */
static vb_doc *read_body(const char *body)
{
    char *xml = with_body(body), *diags = NULL;
    vb_err rc;
    vb_doc *doc = read_mem(reader, xml, strlen(xml), "t.xml", &rc, &diags);
    if (rc != VB_OK || (diags && *diags))
        fprintf(stderr, "reading %s:\n%s", body, diags ? diags : "");
    free(xml);
    free(diags);
    return doc;
}

/* The input must be rejected with exactly these diagnostics. */
static void expect_diags(int line, const char *xml, size_t len, const char *name, const char *want)
{
    vb_err rc;
    char *diags = NULL;
    vb_doc *doc = read_mem(reader, xml, len, name, &rc, &diags);
    if (rc != VB_ERR_INPUT || doc) {
        fprintf(stderr, "%s:%d: expected VB_ERR_INPUT, got %d\n", __FILE__, line, rc);
        vb_test_failures++;
    }
    if (!diags || strcmp(diags, want) != 0) {
        fprintf(stderr, "%s:%d: diagnostics\n%swant\n%s", __FILE__, line, diags ? diags : "", want);
        vb_test_failures++;
    }
    vb_doc_free(doc);
    free(diags);
}
#define EXPECT(xml, name, want) expect_diags(__LINE__, (xml), strlen(xml), (name), (want))

static int span_is(const vb_span *s, const char *text, unsigned flags)
{
    if (s->len != strlen(text) || strcmp(s->text, text) != 0 || s->flags != flags) {
        fprintf(stderr, "  span [%s] flags %u, want [%s] flags %u\n", s->text, s->flags, text, flags);
        return 0;
    }
    return 1;
}

static size_t count_children(const vb_node *n, vb_node_kind k)
{
    size_t c = 0;
    for (const vb_node *x = n->first; x; x = x->next)
        c += x->kind == k;
    return c;
}

static const vb_node *child(const vb_node *n, size_t i)
{
    const vb_node *x = n->first;
    while (x && i--)
        x = x->next;
    return x;
}

static char *plain(vb_doc *doc, const vb_inline *in)
{
    return vb_inline_plain(doc->arena, in, "\n", NULL);
}

/* ---- the reference report ------------------------------------------------------------ */

static void test_example(void)
{
    size_t len = 0;
    char *data = vb_test_slurp(EXAMPLE, &len), *diags = NULL;
    CHECK(data != NULL);
    if (!data)
        return;
    vb_err rc;
    vb_doc *doc = read_mem(reader, data, len, EXAMPLE, &rc, &diags);
    CHECK(rc == VB_OK);
    CHECK_STR(diags ? diags : "", ""); /* no warning either */
    free(diags);
    free(data);
    if (!doc)
        return;
    vb_arena *a = doc->arena;

    CHECK(doc->type && strcmp(doc->type->key, "bao_cao") == 0);
    CHECK_STR(doc->type ? doc->type->name : NULL, "BÁO CÁO");
    CHECK(doc->layout == NULL);
    CHECK_STR(doc->end_mark, "./.");
    CHECK_STR(doc->file, EXAMPLE);
    CHECK(doc->pos.line == 16 && doc->pos.col == 1);

    CHECK(doc->parent_agency.n == 0);
    CHECK(doc->agency.n == 3);
    if (doc->agency.n == 3) {
        CHECK(span_is(&doc->agency.v[0], "ỦY BAN NHÂN DÂN", 0));
        CHECK(span_is(&doc->agency.v[1], "", VB_SPAN_BREAK));
        CHECK(span_is(&doc->agency.v[2], "HUYỆN LẤP VÒ", 0));
        CHECK(doc->agency.v[0].pos.line == 17 && doc->agency.v[0].pos.col == 21);
        CHECK(doc->agency.v[1].pos.line == 17 && doc->agency.v[1].pos.col == 36);
    }
    CHECK_STR(doc->number, "05");
    CHECK_STR(doc->notation, "BC-UBND");
    CHECK(doc->number_pos.line == 18 && doc->number_pos.col == 3);
    CHECK_STR(vb_number_line(a, doc), "Số: 05/BC-UBND");
    CHECK_STR(plain(doc, &doc->place), "Lấp Vò");
    CHECK(doc->year == 2023 && doc->month == 7 && doc->day == 5);
    CHECK(doc->date_pos.line == 20 && doc->date_pos.col == 3);
    CHECK_STR(vb_place_date_line(a, doc), "Lấp Vò, ngày 05 tháng 7 năm 2023");
    CHECK_STR(plain(doc, &doc->summary),
              "Kết quả triển khai tổ chức thực hiện Chương trình khuyến công địa phương giai đoạn 2021-2025");
    CHECK(doc->n_to == 0);

    /* Body: intro, Phần thứ nhất, Phần thứ hai, closing paragraph. */
    const vb_node *body = doc->body;
    CHECK(body && body->kind == VB_N_BODY);
    if (!body)
        goto done;
    CHECK(count_children(body, VB_N_PARA) == 2 && count_children(body, VB_N_PART) == 2);
    const vb_node *intro = child(body, 0), *p1 = child(body, 1), *p2 = child(body, 2), *end = child(body, 3);
    CHECK(intro && intro->kind == VB_N_PARA && p1 && p1->kind == VB_N_PART && p2 && p2->kind == VB_N_PART &&
          end && end->kind == VB_N_PARA && !end->next);
    if (!(intro && p1 && p2 && end))
        goto done;
    CHECK_STR(plain(doc, &intro->text),
              "Thực hiện Công văn số 1465/SCT-TTKC ngày 22 tháng 6 năm 2023 của Sở Công thương về việc báo "
              "cáo sơ kết chương trình khuyến công giai đoạn 2021 – 2025. Uỷ ban nhân dân huyện Lấp Vò báo "
              "cáo kết quả thực hiện như sau:");
    CHECK_STR(plain(doc, &end->text),
              "Trên đây là nội dung báo cáo kết quả triển khai tổ chức thực hiện Chương trình khuyến công địa "
              "phương giai đoạn 2021-2025. Uỷ ban nhân dân huyện Lấp Vò kính trình Sở Công thương xem xét, "
              "tổng hợp./.");

    CHECK(p1->number == 1 && p1->ordinal_words && p1->has_title);
    CHECK(p2->number == 2 && p2->ordinal_words && p2->has_title);
    CHECK_STR(vb_node_label(a, p1), "Phần thứ nhất");
    CHECK_STR(vb_node_label(a, p2), "Phần thứ hai");
    CHECK_STR(plain(doc, &p1->title),
              "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH KHUYẾN CÔNG NĂM 2021, 2022, 06 THÁNG ĐẦU NĂM 2023");
    CHECK_STR(plain(doc, &p2->title),
              "PHƯƠNG HƯỚNG, NHIỆM VỤ THỰC HIỆN CHƯƠNG TRÌNH KHUYẾN CÔNG ĐẾN CUỐI GIAI ĐOẠN 2021-2025");

    /* Phần thứ nhất: mục I, II, III; each with khoản 1 and 2. */
    CHECK(count_children(p1, VB_N_SECTION) == 3 && !p1->first->next->next->next);
    static const char *const sec_titles[] = {"CÔNG TÁC TRIỂN KHAI THỰC HIỆN", "KẾT QUẢ THỰC HIỆN",
                                             "ĐÁNH GIÁ CHUNG"};
    static const char *const sec_labels[] = {"I.", "II.", "III."};
    static const size_t paras[3][2] = {{1, 1}, {2, 2}, {0, 0}};
    static const size_t dashes[3][2] = {{0, 0}, {0, 0}, {3, 2}};
    for (size_t i = 0; i < 3; i++) {
        const vb_node *m = child(p1, i);
        if (!m)
            break;
        CHECK(m->kind == VB_N_SECTION && m->number == (int)i + 1);
        CHECK_STR(vb_node_label(a, m), sec_labels[i]);
        CHECK_STR(plain(doc, &m->title), sec_titles[i]);
        CHECK(count_children(m, VB_N_CLAUSE) == 2 && m->first && m->first->next && !m->first->next->next);
        for (size_t j = 0; j < 2; j++) {
            const vb_node *k = child(m, j);
            if (!k)
                break;
            CHECK(k->kind == VB_N_CLAUSE && k->number == (int)j + 1 && k->has_title);
            CHECK_STR(vb_node_label(a, k), j ? "2." : "1.");
            CHECK(count_children(k, VB_N_PARA) == paras[i][j]);
            CHECK(count_children(k, VB_N_DASH) == dashes[i][j]);
        }
    }
    const vb_node *m3 = child(p1, 2);
    if (m3 && m3->first && m3->first->next) {
        CHECK_STR(plain(doc, &m3->first->title), "Mặt được");
        CHECK_STR(plain(doc, &m3->first->next->title), "Tồn tại, hạn chế");
        const vb_node *g = m3->first->next->first;
        /* a dash holding text holds one paragraph */
        CHECK(g && g->kind == VB_N_DASH && g->first && g->first->kind == VB_N_PARA && !g->first->next);
        CHECK_STR(vb_node_label(a, g), "-");
    }
    const vb_node *k11 = p1->first ? p1->first->first : NULL;
    if (k11) {
        CHECK_STR(plain(doc, &k11->title), "Xây dựng và ban hành các văn bản, Kế hoạch thực hiện kế hoạch "
                                           "Chương trình khuyến công giai đoạn 2021 - 2025");
        CHECK(k11->pos.line == 36 && k11->pos.col == 9);
        CHECK(k11->first && k11->first->pos.line == 39 && k11->first->pos.col == 11);
    }

    /* Phần thứ hai: mục I with three dashes, mục II with two paragraphs. */
    const vb_node *q1 = child(p2, 0), *q2 = child(p2, 1);
    CHECK(q1 && q2 && !q2->next);
    if (q1 && q2) {
        CHECK(q1->kind == VB_N_SECTION && q1->number == 1 && count_children(q1, VB_N_DASH) == 3 &&
              count_children(q1, VB_N_PARA) == 0);
        CHECK(q2->kind == VB_N_SECTION && q2->number == 2 && count_children(q2, VB_N_PARA) == 2 &&
              count_children(q2, VB_N_DASH) == 0);
        CHECK_STR(vb_node_label(a, q1), "I.");
        CHECK_STR(plain(doc, &q1->title),
                  "NHIỆM VỤ TRỌNG TÂM VÀ GIẢI PHÁP THỰC HIỆN, NÂNG CAO HIỆU QUẢ CHƯƠNG TRÌNH ĐẾN NĂM 2025");
        CHECK_STR(plain(doc, &q2->title), "ĐỀ XUẤT CƠ CHẾ, CHÍNH SÁCH, BIỆN PHÁP TRONG GIAI ĐOẠN TIẾP THEO");
    }

    /* Signature: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Hoàng Nam. */
    CHECK(doc->n_signatures == 1);
    if (doc->n_signatures == 1) {
        const vb_signature *s = &doc->signatures[0];
        CHECK(s->n_lines == 3);
        if (s->n_lines == 3) {
            CHECK(s->lines[0].kind == VB_AUTH_TM && s->lines[1].kind == VB_AUTH_KT &&
                  s->lines[2].kind == VB_AUTH_NONE);
            CHECK_STR(plain(doc, &s->lines[0].text), "ỦY BAN NHÂN DÂN");
            CHECK_STR(plain(doc, &s->lines[1].text), "CHỦ TỊCH");
            CHECK_STR(plain(doc, &s->lines[2].text), "PHÓ CHỦ TỊCH");
            CHECK_STR(vb_authority_prefix(s->lines[1].kind), "KT.");
        }
        CHECK_STR(plain(doc, &s->name), "Trần Hoàng Nam");
    }

    /* Nơi nhận. */
    static const char *const rec[] = {"Sở Công thương", "CT, các PCT/UBND Huyện", "Phòng KTHT", "LĐVP + CV"};
    CHECK(doc->n_recipients == 4);
    for (size_t i = 0; i < doc->n_recipients && i < 4; i++)
        CHECK_STR(plain(doc, &doc->recipients[i]), rec[i]);
    CHECK(doc->archive.present);
    CHECK_STR(doc->archive.units, "KTHT");
    CHECK_STR(doc->archive.drafter, "NH");
    CHECK(doc->archive.copies == NULL);
    CHECK_STR(vb_archive_line(a, &doc->archive), "- Lưu: VT, KTHT. NH.");

done:
    vb_doc_free(doc);
}

/* Every UTF-16 code unit of s, little-endian, after a byte-order mark. */
static char *to_utf16le(const char *s, size_t len, size_t *out_len)
{
    char *o = malloc(len * 4 + 2);
    size_t k = 0;
    o[k++] = (char)0xFF;
    o[k++] = (char)0xFE;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = vb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            free(o);
            return NULL;
        }
        i += n;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            o[k++] = (char)(hi & 0xFF);
            o[k++] = (char)(hi >> 8);
            cp = lo;
        }
        o[k++] = (char)(cp & 0xFF);
        o[k++] = (char)(cp >> 8);
    }
    *out_len = k;
    return o;
}

/* A text dump of the model, positions included, to compare two reads. */
static void dump_inline(FILE *f, const vb_inline *in)
{
    for (size_t i = 0; i < in->n; i++)
        fprintf(f, "[%u %u:%u %s]", in->v[i].flags, in->v[i].pos.line, in->v[i].pos.col, in->v[i].text);
}

static void dump_node(FILE *f, const vb_node *n, int depth)
{
    for (; n; n = n->next) {
        fprintf(f, "%*s%d #%d %u:%u ", depth, "", n->kind, n->number, n->pos.line, n->pos.col);
        dump_inline(f, &n->title);
        dump_inline(f, &n->text);
        fputc('\n', f);
        dump_node(f, n->first, depth + 1);
    }
}

static char *dump_doc(const vb_doc *d)
{
    char *buf = NULL;
    size_t sz = 0;
    FILE *f = open_memstream(&buf, &sz);
    fprintf(f, "%s %s %s/%s %d-%d-%d\n", d->type ? d->type->key : "-", d->end_mark ? d->end_mark : "-",
            d->number, d->notation, d->year, d->month, d->day);
    dump_inline(f, &d->agency);
    dump_inline(f, &d->place);
    dump_inline(f, &d->summary);
    fputc('\n', f);
    dump_node(f, d->body, 0);
    for (size_t i = 0; i < d->n_signatures; i++) {
        for (size_t j = 0; j < d->signatures[i].n_lines; j++) {
            fprintf(f, "%d ", d->signatures[i].lines[j].kind);
            dump_inline(f, &d->signatures[i].lines[j].text);
        }
        dump_inline(f, &d->signatures[i].name);
    }
    for (size_t i = 0; i < d->n_recipients; i++)
        dump_inline(f, &d->recipients[i]);
    fprintf(f, "\n%s %s %s\n", d->archive.units, d->archive.drafter, d->archive.copies);
    fclose(f);
    return buf;
}

static void test_utf16(void)
{
    size_t len = 0, len16 = 0;
    char *data = vb_test_slurp(EXAMPLE, &len);
    if (!data)
        return;
    char *u16 = to_utf16le(data, len, &len16);
    vb_err rc8, rc16;
    vb_doc *d8 = read_mem(reader, data, len, "a.xml", &rc8, NULL);
    vb_doc *d16 = read_mem(reader, u16, len16, "a.xml", &rc16, NULL);
    CHECK(rc8 == VB_OK && rc16 == VB_OK);
    if (d8 && d16) {
        char *a = dump_doc(d8), *b = dump_doc(d16);
        CHECK_STR(b, a); /* same text, same positions */
        free(a);
        free(b);
    }
    vb_doc_free(d8);
    vb_doc_free(d16);
    free(u16);
    free(data);
}

/* ---- text: white space, NFC, the Vietnamese letters ---------------------------------------- */

static void test_whitespace(void)
{
    vb_doc *doc = read_body("<doan>  Một   <b> hai </b>  ba<xuong_dong/>  bốn <i>năm</i>\n\t sáu  <u></u> </doan>"
                            "<doan>a\xC2\xA0 b\xC2\xA0</doan>"
                            "<doan><b>x<i>y</i></b>z<!-- c -->w <u>  </u> v</doan>"
                            "<doan><xuong_dong/> x <xuong_dong/><xuong_dong/>y</doan>"
                            "<doan><![CDATA[ a  <b> ]]>c</doan>");
    CHECK(doc != NULL);
    if (!doc)
        return;
    const vb_node *p = doc->body->first;
    CHECK(p && p->kind == VB_N_PARA && p->text.n == 7);
    if (p && p->text.n == 7) {
        const vb_span *s = p->text.v;
        CHECK(span_is(&s[0], "Một ", 0));
        CHECK(span_is(&s[1], "hai ", VB_SPAN_BOLD));
        CHECK(span_is(&s[2], "ba", 0));
        CHECK(span_is(&s[3], "", VB_SPAN_BREAK));
        CHECK(span_is(&s[4], "bốn ", 0));
        CHECK(span_is(&s[5], "năm", VB_SPAN_ITALIC));
        CHECK(span_is(&s[6], " sáu", 0));
        CHECK(s[0].pos.line == 8 && s[0].pos.col == 19);
        CHECK(s[1].pos.line == 8 && s[1].pos.col == 29);
    }
    CHECK_STR(p ? plain(doc, &p->text) : NULL, "Một hai ba\nbốn năm sáu");
    p = p ? p->next : NULL;
    /* U+00A0 is not XML white space: kept, next to a collapsed space */
    CHECK(p && p->text.n == 1 && span_is(&p->text.v[0], "a\xC2\xA0 b\xC2\xA0", 0));
    p = p ? p->next : NULL;
    CHECK(p && p->text.n == 3);
    if (p && p->text.n == 3) {
        CHECK(span_is(&p->text.v[0], "x", VB_SPAN_BOLD));
        CHECK(span_is(&p->text.v[1], "y", VB_SPAN_BOLD | VB_SPAN_ITALIC));
        CHECK(span_is(&p->text.v[2], "zw v", 0)); /* the comment joins; the blank <u> leaves one space */
    }
    p = p ? p->next : NULL;
    CHECK(p && p->text.n == 5);
    if (p && p->text.n == 5) {
        CHECK(span_is(&p->text.v[0], "", VB_SPAN_BREAK));
        CHECK(span_is(&p->text.v[1], "x", 0));
        CHECK(span_is(&p->text.v[2], "", VB_SPAN_BREAK));
        CHECK(span_is(&p->text.v[3], "", VB_SPAN_BREAK));
        CHECK(span_is(&p->text.v[4], "y", 0));
    }
    p = p ? p->next : NULL;
    CHECK(p && p->text.n == 1 && span_is(&p->text.v[0], "a <b> c", 0));
    vb_doc_free(doc);

    /* Attribute values are trimmed; a title keeps no edge spaces; numbering. */
    char *xml = with_body("<muc so=\" 3 \"><tieu_de>\n  A  </tieu_de><khoan> x </khoan><khoan so='7'>y</khoan>"
                          "<khoan>z</khoan></muc><muc><tieu_de>B</tieu_de></muc>"
                          "<dieu><tieu_de>Đ</tieu_de>nội dung</dieu><muc><tieu_de>C</tieu_de>"
                          "<dieu so='5'><tieu_de>E</tieu_de><khoan>k</khoan></dieu></muc>"
                          "<dieu><tieu_de>F</tieu_de><diem>a</diem><diem>b</diem></dieu>");
    char *xml2 = replace(xml, "so=\"5\"", "so=\" 05 \"");
    char *diags = NULL;
    vb_err rc;
    doc = read_mem(reader, xml2, strlen(xml2), "t.xml", &rc, &diags);
    CHECK(rc == VB_OK);
    CHECK_STR(diags, "");
    if (doc) {
        CHECK_STR(doc->number, "05");
        const vb_node *m = doc->body->first;
        CHECK(m && m->number == 3 && m->title.n == 1 && span_is(&m->title.v[0], "A", 0));
        if (m && m->first && m->first->next && m->first->next->next) {
            CHECK(m->first->number == 1 && m->first->next->number == 7 && m->first->next->next->number == 8);
            CHECK(m->first->first && span_is(&m->first->first->text.v[0], "x", 0));
        }
        const vb_node *m2 = m ? m->next : NULL, *d1 = m2 ? m2->next : NULL;
        CHECK(m2 && m2->number == 4);
        CHECK(d1 && d1->kind == VB_N_ARTICLE && d1->number == 1 && d1->first && d1->first->kind == VB_N_PARA);
        const vb_node *m3 = d1 ? d1->next : NULL, *d2 = m3 ? m3->first : NULL, *d3 = m3 ? m3->next : NULL;
        CHECK(m3 && m3->number == 5);
        CHECK(d2 && d2->kind == VB_N_ARTICLE && d2->number == 5); /* điều run through the document */
        CHECK(d3 && d3->kind == VB_N_ARTICLE && d3->number == 6);
        CHECK_STR(d3 ? vb_node_label(doc->arena, d3) : NULL, "Điều 6.");
        CHECK_STR(d3 && d3->first ? vb_node_label(doc->arena, d3->first->next) : NULL, "b)");
    }
    vb_doc_free(doc);
    free(diags);
    free(xml);
    free(xml2);
}

static void test_nfc_and_letters(void)
{
    /* NFD in: "Việt Nam" with e + U+0302 + U+0323; "Phòng" with o + U+0300 in an attribute. */
    char *xml = with_body("<doan>Vie\xCC\x82\xCC\xA3t Nam</doan>");
    char *xml2 = replace(xml, "<luu/>", "<luu don_vi=\"Pho\xCC\x80ng\"/>");
    vb_err rc;
    vb_doc *doc = read_mem(reader, xml2, strlen(xml2), "t.xml", &rc, NULL);
    CHECK(rc == VB_OK && doc);
    if (doc) {
        CHECK_STR(doc->body->first->text.v[0].text, "Việt Nam");
        CHECK(vb_utf8_is_nfc(doc->body->first->text.v[0].text, doc->body->first->text.v[0].len));
        CHECK_STR(doc->archive.units, "Phòng");
    }
    vb_doc_free(doc);
    free(xml);
    free(xml2);

    static const char lower[] = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ";
    static const char upper[] = "ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ";
    CHECK(vb_utf8_count(lower, strlen(lower)) == 67);
    CHECK(vb_utf8_count(upper, strlen(upper)) == 67);
    CHECK(strstr(lower, "\xC4\x91") && strstr(upper, "\xC4\x90")); /* đ U+0111, Đ U+0110 */
    char body[1024];
    snprintf(body, sizeof body, "<doan>%s</doan><doan>%s</doan>", lower, upper);
    xml = with_body(body);
    doc = read_mem(reader, xml, strlen(xml), "t.xml", &rc, NULL);
    CHECK(rc == VB_OK && doc);
    if (doc) {
        const vb_node *p = doc->body->first;
        CHECK(p && p->text.n == 1 && span_is(&p->text.v[0], lower, 0));
        CHECK(p && p->next && p->next->text.n == 1 && span_is(&p->next->text.v[0], upper, 0));
    }
    vb_doc_free(doc);
    free(xml);
}

/* ---- bad input: exact diagnostics ---------------------------------------------------------- */

static void test_bad_inline(void)
{
    char *x;
    /* Malformed XML, two places. */
    x = with_body("<doan>Đã hỗ trợ 03 dự án.</khoan>");
    EXPECT(x, "t.xml", "t.xml:8:36: error: end tag </khoan> does not match <doan> (line 8), which is still open\n");
    free(x);
    x = replace(TEMPLATE, "so=\"5\"", "so=5");
    EXPECT(x, "t.xml", "t.xml:4:16: error: an attribute value must be in quotes: name=\"value\"\n");
    free(x);
    x = with_body("<doan>Sở Tài chính & Kế hoạch</doan>");
    EXPECT(x, "t.xml", "t.xml:8:30: error: a '&' must be written &amp;\n");
    free(x);

    x = with_body("<doan>a</doan><table>b</table>");
    EXPECT(x, "t.xml", "t.xml:8:25: error: unknown element <table> in <noi_dung>\n");
    free(x);
    x = with_body("<doan mau=\"đỏ\">a</doan>");
    EXPECT(x, "t.xml", "t.xml:8:17: error: unknown attribute 'mau' on <doan>\n");
    free(x);
    x = replace(TEMPLATE, "<ngay>2023-07-05</ngay>\n", "");
    char *y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:2:1: error: <van_ban> needs <ngay>\n");
    free(x);
    free(y);
    x = replace(TEMPLATE, "2023-07-05", " 2023-02-30\n");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:6:1: error: <ngay>: '2023-02-30' is not a date: expected YYYY-MM-DD\n");
    free(x);
    free(y);
    EXPECT("<html><body/></html>", "t.xml", "t.xml:1:1: error: the root element must be <van_ban>, not <html>\n");
    x = replace(TEMPLATE, "BC-UBND", "BC - UBND");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:4:20: error: ky_hieu must not contain spaces: 'BC - UBND'\n");
    free(x);
    free(y);

    /* A Latin-1 byte after Vietnamese text: columns count characters. */
    x = replace(TEMPLATE, "Lấp Vò</dia_danh>", "Lấp Vò, Đồng Th\xE1p</dia_danh>");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:5:26: error: input is not valid UTF-8 (byte 0xE1): save the file as UTF-8\n");
    free(x);
    free(y);

    /* No DTD: no entity is declared, expanded or fetched. */
    EXPECT("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
           " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
           " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
           " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
           "<van_ban loai=\"bao_cao\">&lol3;</van_ban>\n",
           "t.xml", "t.xml:2:1: error: a document type declaration (<!DOCTYPE …>) is not allowed\n");
    EXPECT("<!DOCTYPE van_ban [<!ENTITY p SYSTEM \"file:///etc/passwd\">]><van_ban>&p;</van_ban>", "t.xml",
           "t.xml:1:1: error: a document type declaration (<!DOCTYPE …>) is not allowed\n");
    EXPECT("<!DOCTYPE van_ban SYSTEM \"http://127.0.0.1:9/x.dtd\"><van_ban/>", "t.xml",
           "t.xml:1:1: error: a document type declaration (<!DOCTYPE …>) is not allowed\n");
    x = with_body("<doan>Lấp&nbsp;Vò</doan>");
    EXPECT(x, "t.xml",
           "t.xml:8:20: error: unknown entity '&nbsp;': type the character itself, or write &amp; &lt; &gt; "
           "&quot; &apos; or a character reference such as &#7899;\n");
    free(x);

    /* Three problems in one file: all three. */
    x = replace(TEMPLATE, "2023-07-05", "2023-13-01");
    y = replace(x, "<ho_ten>Trần Hoàng Nam</ho_ten>", "");
    char *z = replace(y, "%s", "<doan canh_le=\"giua\">a</doan>");
    EXPECT(z, "t.xml",
           "t.xml:6:1: error: <ngay>: '2023-13-01' is not a date: expected YYYY-MM-DD\n"
           "t.xml:8:17: error: unknown attribute 'canh_le' on <doan>\n"
           "t.xml:9:1: error: <chu_ky> needs <ho_ten>\n");
    free(x);
    free(y);
    free(z);

    /* More of the format's rules. */
    x = with_body("<khoan>Đã hỗ trợ: <gach>03 dự án.</gach></khoan>");
    EXPECT(x, "t.xml", "t.xml:8:18: error: <khoan> holds either text or blocks (<doan>, <diem> …), not both\n");
    free(x);
    x = with_body("<muc><tieu_de>A</tieu_de><phan><tieu_de>B</tieu_de></phan></muc>");
    EXPECT(x, "t.xml",
           "t.xml:8:36: error: <phan> is not allowed in <muc>: a part (phần) stands directly in <noi_dung> or <phu_luc>\n");
    free(x);
    x = with_body("<muc><doan>a</doan></muc><khoan/><doan> </doan>");
    EXPECT(x, "t.xml",
           "t.xml:8:11: error: <muc> needs <tieu_de>\n"
           "t.xml:8:36: error: <khoan> is empty\n"
           "t.xml:8:44: error: <doan> has no text\n");
    free(x);
    x = with_body("<phan kieu_so=\"roman\" so=\"0\"><tieu_de>A</tieu_de></phan>");
    EXPECT(x, "t.xml",
           "t.xml:8:17: error: kieu_so must be 'la_ma' (Phần I) or 'thu' (Phần thứ nhất): 'roman'\n"
           "t.xml:8:33: error: so must be a whole number from 1 to 9999: '0'\n");
    free(x);
    x = replace(TEMPLATE, "<chuc_vu>CHỦ TỊCH</chuc_vu>", "<tham_quyen loai=\"KT\">KT.CHỦ TỊCH</tham_quyen>");
    y = replace(x, "%s", "<doan>a</doan>");
    vb_doc_free(expect_linted(__LINE__, y,
                              SO5(4) "t.xml:9:9: error: <tham_quyen> starts with its prefix 'KT.', which the program prints "
                              "itself: write only what follows it\n",
                              1));
    free(x);
    x = replace(TEMPLATE, "loai=\"bao_cao\"", "loai=\"bao_cao\" dau_ket=\"khong\" bo_cuc=\"../etc\"");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml",
           "t.xml:2:41: error: bo_cuc must be a layout name (letters, digits, '_' and '-'): '../etc'\n");
    free(x);
    free(y);
    EXPECT("", "t.xml", "t.xml:1:1: error: the input is empty: expected <van_ban>\n");

    /* CR LF line ends (Windows editors): positions are still exact. */
    x = with_body("<muc><tieu_de>A</tieu_de>\n   lạc\n <khoan>\n  <b>x</b> y</khoan></muc>");
    size_t n = 0;
    for (const char *p = x; *p; p++)
        n += *p == '\n';
    y = malloc(strlen(x) + n + 1);
    char *o = y;
    for (const char *p = x; *p; p++) {
        if (*p == '\n')
            *o++ = '\r';
        *o++ = *p;
    }
    *o = 0;
    EXPECT(y, "t.xml", "t.xml:9:4: error: text is not allowed in <muc>: put it in <doan>\n");
    z = replace(y, "   lạc", "");
    vb_err rc;
    vb_doc *doc = read_mem(reader, z, strlen(z), "t.xml", &rc, NULL);
    CHECK(rc == VB_OK && doc);
    if (doc) {
        const vb_node *para = doc->body->first->first->first;
        CHECK(para && para->text.n == 2 && para->text.v[0].pos.line == 11 && para->text.v[0].pos.col == 6);
        CHECK(para && para->text.n == 2 && para->text.v[1].pos.line == 11 && para->text.v[1].pos.col == 12);
    }
    vb_doc_free(doc);
    free(x);
    free(y);
    free(z);

    /* Repeated parts are reported and read again without harm. */
    x = replace(TEMPLATE, "<noi_nhan><luu/></noi_nhan>",
                "<noi_nhan><nhan>A</nhan><luu/></noi_nhan>\n<noi_nhan><nhan>B</nhan><nhan>C</nhan><luu/></noi_nhan>");
    y = replace(x, "%s", "<doan>a</doan>");
    z = replace(y, "<noi_dung>", "<kinh_gui><noi>A</noi></kinh_gui><kinh_gui><noi>B</noi><noi>C</noi></kinh_gui><noi_dung>");
    EXPECT(z, "t.xml",
           "t.xml:8:34: error: <kinh_gui> may appear only once in <van_ban>\n"
           "t.xml:11:1: error: <noi_nhan> may appear only once in <van_ban>\n");
    free(x);
    free(y);
    free(z);
}

/* ---- the forms of Phụ lục III and the other formal elements ------------------------------ */

/* A document of type loai. head: lines before the agency (line 3 on); pre:
 * lines between the date and <noi_dung> (the trích yếu is not added: put it
 * there); body: <noi_dung>'s content; sig: after <ho_ten>; tail: lines after
 * <noi_nhan>. Lines are numbered from 3 + those of head. */
static char *form_doc(const char *loai, const char *head, const char *pre, const char *body, const char *sig,
                      const char *tail)
{
    const vb_doctype *t = vb_doctype_find(loai);
    char notation[32];
    snprintf(notation, sizeof notation, "%s-UBND", t && t->abbr ? t->abbr : "UBND");
    if (!t || !t->abbr)
        snprintf(notation, sizeof notation, "UBND-VP");
    char *s = NULL;
    if (asprintf(&s,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<van_ban loai=\"%s\">\n"
                 "%s"
                 "<co_quan_ban_hanh>UBND HUYỆN LẤP VÒ</co_quan_ban_hanh>\n"
                 "<so_ky_hieu so=\"5\" ky_hieu=\"%s\"/>\n"
                 "<dia_danh>Lấp Vò</dia_danh>\n"
                 "<ngay>2023-07-05</ngay>\n"
                 "%s"
                 "<noi_dung>%s</noi_dung>\n"
                 "<chu_ky><chuc_vu>CHỦ TỊCH</chuc_vu><ho_ten>Trần Hoàng Nam</ho_ten>%s</chu_ky>\n"
                 "<noi_nhan><luu/></noi_nhan>\n"
                 "%s"
                 "</van_ban>\n",
                 loai, head, notation, pre, body, sig, tail) < 0)
        return NULL;
    return s;
}

#define SUMMARY "<trich_yeu>Kết quả</trich_yeu>\n"
#define AUTHORITY "<tham_quyen_ban_hanh>CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ</tham_quyen_ban_hanh>\n"

/* Reads xml (heap; freed here) as `name`; *diags gets what the program
 * prints (heap). The document, or NULL when rejected. */
static vb_doc *read_xml(char *xml, const char *name, char **diags)
{
    vb_err rc;
    vb_doc *doc = read_mem(reader, xml, strlen(xml), name, &rc, diags);
    free(xml);
    return doc;
}

/* The input must be accepted with exactly these warnings (or none). */
static vb_doc *expect_ok(int line, char *xml, const char *name, const char *want)
{
    char *diags = NULL;
    vb_doc *doc = read_xml(xml, name, &diags);
    if (!doc || !diags || strcmp(diags, want) != 0) {
        fprintf(stderr, "%s:%d: %s; diagnostics\n%swant\n%s", __FILE__, line, doc ? "accepted" : "rejected",
                diags ? diags : "", want);
        vb_test_failures++;
    }
    free(diags);
    return doc;
}
#define EXPECT_OK(xml, want) expect_ok(__LINE__, (xml), "t.xml", (want))

/* Rules on what the user typed inside a field are the linter's (check.h):
 * xml (heap; freed here), read and then checked, gives exactly `want` and
 * has an error or not as `error` says. The document, or NULL. */
static vb_doc *expect_linted(int line, char *xml, const char *want, int error)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_doc *doc = NULL;
    if (vb_doc_read(reader, xml, strlen(xml), "t.xml", &doc, &d) == VB_OK)
        vb_check_doc(doc, &d);
    char *diags = NULL;
    size_t sz = 0;
    FILE *f = open_memstream(&diags, &sz);
    vb_diag_print(&d, f, 0);
    fclose(f);
    if (!doc || !diags || strcmp(diags, want) != 0 || (vb_diag_errors(&d) > 0) != error) {
        fprintf(stderr, "%s:%d: %s; diagnostics\n%swant\n%s", __FILE__, line, doc ? "read" : "rejected",
                diags ? diags : "", want);
        vb_test_failures++;
    }
    vb_diag_free(&d);
    free(diags);
    free(xml);
    return doc;
}
#define EXPECT_LINTED(xml, want) expect_linted(__LINE__, (xml), (want), 0)

static int xmllint_found;
static char *tmp_write(const char *suffix, const char *text);

/* The reader rejects xml (heap; freed here) with exactly `want`; xmllint with
 * the schema rejects it too, or, for the checks a schema cannot make
 * (schema_too == 0), accepts it. */
static void expect_err(int line, char *xml, const char *want, int schema_too)
{
    expect_diags(line, xml, strlen(xml), "t.xml", want);
    char *path = xmllint_found ? tmp_write(".xml", xml) : NULL, cmd[600];
    if (path) {
        snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng " SCHEMA " '%s' >/dev/null 2>&1", path);
        int rejected = system(cmd) != 0;
        if (rejected != schema_too) {
            fprintf(stderr, "%s:%d: the schema %s it\n", __FILE__, line, rejected ? "rejects" : "accepts");
            vb_test_failures++;
        }
        remove(path);
        free(path);
    }
    free(xml);
}
#define EXPECT_ERR(xml, want) expect_err(__LINE__, (xml), (want), 1)
#define EXPECT_READER_ONLY(xml, want) expect_err(__LINE__, (xml), (want), 0)

static vb_doc *read_example(const char *path)
{
    size_t len = 0;
    char *data = vb_test_slurp(path, &len), *diags = NULL;
    CHECK(data != NULL);
    if (!data)
        return NULL;
    vb_err rc;
    vb_doc *doc = read_mem(reader, data, len, path, &rc, &diags);
    CHECK(rc == VB_OK);
    if (diags && *diags)
        fprintf(stderr, "%s:\n%s", path, diags);
    CHECK(diags && !*diags);
    free(diags);
    free(data);
    return doc;
}

static int near(double a, double b)
{
    return a > b - 1e-6 && a < b + 1e-6;
}

#define MM(x) ((x) * 72 / 25.4)

/* The examples, one per form, read into the model as the layout expects. */
static void test_form_examples(void)
{
    vb_doc *d = read_example("examples/dien-tu.xml");
    if (d) {
        CHECK_STR(d->base_dir, "examples");
        CHECK(d->secrecy == VB_SECRET_MAT && d->urgency == VB_URGENT_NONE);
        CHECK(d->n_circulation == 1 && d->n_circulation && !strcmp(plain(d, &d->circulation[0]), "XEM XONG TRẢ LẠI"));
        CHECK(d->n_address == 3);
        if (d->n_address == 3)
            CHECK_STR(plain(d, &d->address[1]), "ĐT: (0277) 3841 326, Fax: (0277) 3841 327");
        CHECK(d->ecopy.n == 0); /* an original: ô 7c and 8, no ô 14 text stamp (docs/format.md §3.6) */
        CHECK_STR(plain(d, &d->authority), "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ");
        CHECK(d->n_bases == 2 && d->proposal.n == 1);
        CHECK(d->n_signatures == 1);
        if (d->n_signatures == 1) {
            const vb_signature *s = &d->signatures[0];
            CHECK_STR(s->signature_image, "examples/anh/chu-ky.png");
            CHECK_STR(s->seal_image, "examples/anh/dau.png");
            CHECK(near(s->signature_width, MM(38)) && near(s->seal_diameter, MM(34)));
            CHECK(s->signature_pos.line > s->pos.line && s->seal_pos.line == s->signature_pos.line + 1);
            CHECK(s->signature_pos.col == 5 && s->seal_pos.col == 5);
        }
        CHECK(d->n_annexes == 0 && d->copy == NULL && d->joint_agency.n == 0);
        vb_doc_free(d);
    }

    d = read_example("examples/ke-hoach.xml");
    if (d) {
        /* the body's table: mục II holds a paragraph, then the table */
        const vb_node *m2 = child(d->body, 2), *tn = m2 ? child(m2, 1) : NULL;
        CHECK(tn && tn->kind == VB_N_TABLE && tn->table && !tn->first);
        const vb_table *t = tn ? tn->table : NULL;
        if (t) {
            CHECK(t->n_cols == 5 && t->n_rows == 7 && t->borders == 1 && !t->landscape && near(t->font_size, 12));
            CHECK(t->n_cols == 5 && t->fixed[0] && near(t->widths[0], MM(12)) && !t->fixed[1] &&
                  near(t->widths[1], 3) && !t->fixed[4] && near(t->widths[4], 1));
            CHECK(t->rows[0].header && t->rows[1].header && !t->rows[2].header && !t->rows[6].header);
            CHECK(t->rows[0].n == 3 && t->rows[1].n == 3 && t->rows[2].n == 5 && t->rows[6].n == 4);
            const vb_cell *c = t->rows[0].cells;
            CHECK(c[0].rowspan == 2 && c[0].colspan == 1 && c[0].valign == VB_VALIGN_MIDDLE && c[0].align == -1);
            CHECK(c[2].colspan == 3 && c[2].rowspan == 1 && c[2].valign == VB_VALIGN_TOP && !c[2].bold);
            const vb_cell *tot = t->rows[6].cells;
            CHECK(tot[0].colspan == 2 && tot[0].align == VB_ALIGN_CENTER && tot[0].bold);
            CHECK(t->rows[2].cells[2].align == VB_ALIGN_RIGHT);
            const vb_node *cb = c[2].body;
            CHECK(cb && cb->kind == VB_N_CELL && cb->parent == tn && cb->first && cb->first->kind == VB_N_PARA &&
                  !cb->first->next);
            CHECK_STR(cb && cb->first ? plain(d, &cb->first->text) : NULL, "Kinh phí (triệu đồng)");
            CHECK(t->pos.line == tn->pos.line && t->rows[2].pos.line > t->rows[1].pos.line);
        }
        CHECK(d->n_annexes == 1);
        if (d->n_annexes == 1) {
            const vb_annex *an = &d->annexes[0];
            CHECK(an->kind == VB_ANNEX_APPENDIX && an->number == 1 && an->landscape && !an->signature && !an->type);
            CHECK_STR(plain(d, &an->title), "DANH SÁCH CƠ SỞ ĐƯỢC HỖ TRỢ ỨNG DỤNG MÁY MÓC THIẾT BỊ NĂM 2024");
            CHECK_STR(plain(d, &an->of), "Ủy ban nhân dân huyện Lấp Vò");
            CHECK(an->body && an->body->kind == VB_N_BODY && !an->body->has_title && an->body->title.n == 0);
            const vb_node *at = an->body ? an->body->first : NULL;
            CHECK(at && at->kind == VB_N_TABLE && at->next && at->next->kind == VB_N_PARA);
            if (at && at->table) {
                CHECK(at->table->n_cols == 6 && at->table->n_rows == 22 && at->table->rows[0].header &&
                      !at->table->rows[1].header);
                CHECK(at->table->fixed[5] && near(at->table->widths[5], MM(26)));
            }
            CHECK_STR(vb_annex_label(d->arena, an, 1), "Phụ lục");
            CHECK_STR(vb_annex_reference(d->arena, d, an),
                      "(Kèm theo Kế hoạch số 38/KH-UBND ngày 26 tháng 02 năm 2024 của Ủy ban nhân dân huyện Lấp Vò)");
        }
        vb_doc_free(d);
    }

    d = read_example("examples/quyet-dinh-ban-hanh-quy-che.xml");
    if (d) {
        CHECK(count_children(d->body, VB_N_ARTICLE) == 3 && d->body->last && d->body->last->number == 3);
        CHECK(d->n_annexes == 1);
        if (d->n_annexes == 1) {
            const vb_annex *an = &d->annexes[0];
            CHECK(an->kind == VB_ANNEX_ATTACHED && an->type && !strcmp(an->type->key, "quy_che") && !an->landscape);
            CHECK_STR(plain(d, &an->title), "Làm việc của Ủy ban nhân dân huyện Lấp Vò\nnhiệm kỳ 2021 - 2026");
            CHECK(an->signature && an->signature->n_lines == 2 && an->signature->lines[0].kind == VB_AUTH_TM);
            const vb_node *c1 = an->body ? an->body->first : NULL, *c2 = c1 ? c1->next : NULL;
            CHECK(c1 && c2 && c1->kind == VB_N_CHAPTER && c2->kind == VB_N_CHAPTER && c2->number == 2);
            /* its điều are numbered from 1, through its chapters */
            CHECK(c1 && c1->first && c1->first->number == 1 && c2 && c2->last && c2->last->number == 4);
            CHECK_STR(vb_annex_reference(d->arena, d, an),
                      "(Ban hành kèm theo Quyết định số 2350/QĐ-UBND ngày 16 tháng 8 năm 2021 của Ủy ban nhân dân "
                      "huyện Lấp Vò)");
        }
        vb_doc_free(d);
    }

    d = read_example("examples/ban-sao.xml");
    if (d) {
        const vb_copy *cp = d->copy;
        CHECK(cp != NULL);
        if (cp) {
            CHECK(cp->form == VB_COPY_SAO_Y);
            CHECK_STR(plain(d, &cp->parent_agency), "UBND HUYỆN LẤP VÒ");
            CHECK_STR(plain(d, &cp->agency), "PHÒNG NỘI VỤ");
            CHECK_STR(cp->number, "05");
            CHECK_STR(cp->notation, "SY-NV");
            CHECK_STR(plain(d, &cp->place), "Lấp Vò");
            CHECK(cp->year == 2024 && cp->month == 4 && cp->day == 5);
            CHECK(cp->signature.n_lines == 2 && cp->signature.lines[0].kind == VB_AUTH_KT);
            CHECK_STR(plain(d, &cp->signature.name), "Bùi Văn Khánh");
            CHECK(cp->n_recipients == 2 && cp->archive.present);
            CHECK_STR(cp->archive.units, "NV");
            CHECK(cp->pos.line > 0 && cp->number_pos.line > cp->pos.line && cp->date_pos.line > cp->number_pos.line);
        }
        /* the main document is untouched by the copy's parts */
        CHECK_STR(d->notation, "QĐ-UBND");
        CHECK(d->year == 2024 && d->month == 4 && d->day == 2 && d->n_recipients == 2);
        vb_doc_free(d);
    }

    d = read_example("examples/lien-tich.xml");
    if (d) {
        CHECK_STR(plain(d, &d->agency), "SỞ NỘI VỤ");
        CHECK_STR(plain(d, &d->joint_agency), "SỞ TÀI CHÍNH");
        CHECK(d->joint_parent_agency.n == 0 && d->n_signatures == 2);
        vb_doc_free(d);
    }

    d = read_example("examples/bien-ban.xml");
    if (d) {
        CHECK(d->n_signatures == 2);
        if (d->n_signatures == 2) {
            CHECK_STR(plain(d, &d->signatures[0].lines[0].text), "THƯ KÝ");
            CHECK_STR(plain(d, &d->signatures[1].lines[0].text), "CHỦ TỌA");
        }
        vb_doc_free(d);
    }

    d = read_example("examples/cong-dien.xml");
    if (d) {
        CHECK(d->urgency == VB_URGENT_HOA_TOC && d->n_to == 4 && d->n_bases == 0);
        CHECK_STR(plain(d, &d->authority), "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP");
        vb_doc_free(d);
    }

    d = read_example("examples/cong-van.xml");
    if (d) {
        CHECK(d->urgency == VB_URGENT_KHAN && d->n_to == 3 && d->type && !d->type->name);
        vb_doc_free(d);
    }

    d = read_example("examples/nghi-quyet.xml");
    if (d) {
        CHECK(d->n_bases == 4 && d->proposal.n == 0 && d->authority.n == 3);
        CHECK_STR(vb_decision_formula(d), "QUYẾT NGHỊ:");
        vb_doc_free(d);
    }

    d = read_example("examples/quyet-dinh.xml");
    if (d) {
        CHECK(d->n_bases == 3);
        CHECK_STR(plain(d, &d->proposal), "Trưởng Công an huyện");
        vb_doc_free(d);
    }

    static const char *const no_summary[] = {"examples/giay-gioi-thieu.xml", "examples/giay-nghi-phep.xml"};
    for (size_t i = 0; i < 2; i++) {
        d = read_example(no_summary[i]);
        CHECK(d && d->summary.n == 0);
        vb_doc_free(d);
    }

    d = read_example("examples/thong-bao.xml");
    CHECK(d && d->layout && !strcmp(d->layout, "nd30-13"));
    vb_doc_free(d);
}

static void test_tables(void)
{
    vb_doc *d;
    /* Content of cells: text, blocks, nothing; widths; defaults. */
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY,
                           "<bang huong=\"ngang\" vien=\"khong\" co_chu=\" 11.5 \">"
                           "<cot rong=\"30mm\"/><cot rong=\"2.5cm\"/><cot rong=\"40pt\"/><cot rong=\"*\"/>"
                           "<cot rong=\"2.5*\"/><cot/>"
                           "<dong><o> a <b>b</b> </o><o><doan>c</doan><gach>d</gach><khoan>e</khoan></o><o/>"
                           "<o>  </o><o can=\"deu\" doc=\"duoi\" dam=\"khong\">f</o><o gop_dong=\"2\">g</o></dong>"
                           "<dong><o gop_cot=\"5\">h</o></dong></bang><doan>x</doan>",
                           "", ""),
                  "");
    if (d) {
        const vb_node *tn = d->body->first;
        const vb_table *t = tn ? tn->table : NULL;
        CHECK(t && t->landscape && !t->borders && near(t->font_size, 11.5) && t->n_cols == 6 && t->n_rows == 2);
        if (t && t->n_cols == 6) {
            CHECK(t->fixed[0] && near(t->widths[0], MM(30)));
            CHECK(t->fixed[1] && near(t->widths[1], MM(25)));
            CHECK(t->fixed[2] && near(t->widths[2], 40));
            CHECK(!t->fixed[3] && near(t->widths[3], 1) && !t->fixed[4] && near(t->widths[4], 2.5));
            CHECK(!t->fixed[5] && near(t->widths[5], 1));
        }
        if (t && t->n_rows == 2 && t->rows[0].n == 6) {
            const vb_cell *c = t->rows[0].cells;
            CHECK(c[0].body && c[0].body->first && c[0].body->first->kind == VB_N_PARA && !c[0].body->first->next &&
                  c[0].body->first->text.n == 2);
            const vb_node *b1 = c[1].body ? c[1].body->first : NULL;
            CHECK(b1 && b1->kind == VB_N_PARA && b1->next && b1->next->kind == VB_N_DASH && b1->next->next &&
                  b1->next->next->kind == VB_N_CLAUSE && b1->next->next->number == 1);
            CHECK(c[2].body && !c[2].body->first && c[3].body && !c[3].body->first);
            CHECK(c[4].align == VB_ALIGN_JUSTIFY && c[4].valign == VB_VALIGN_BOTTOM && !c[4].bold);
            CHECK(c[0].align == -1 && c[0].colspan == 1 && c[0].rowspan == 1 && c[5].rowspan == 2);
            CHECK(c[1].pos.line == 8 && c[1].pos.col == 179);
            CHECK(t->rows[1].n == 1 && t->rows[1].cells[0].colspan == 5);
        }
        vb_doc_free(d);
    }

    /* No <cot>: n_cols is 0; the widest row sets the grid. A row that leaves
     * columns empty is a warning. */
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY,
                           "<doan>x</doan><bang><dong><o>a</o><o>b</o><o>c</o></dong>\n<dong><o>d</o></dong>\n"
                           "<dong><o gop_dong=\"2\">e</o><o>f</o><o>g</o></dong>\n<dong><o>h</o><o>i</o></dong>"
                           "</bang>",
                           "", ""),
                  "t.xml:9:1: warning: the row fills 1 of the table's 3 columns\n");
    if (d) {
        const vb_table *t = d->body->last->table;
        CHECK(t && t->n_cols == 0 && !t->widths && t->n_rows == 4);
        vb_doc_free(d);
    }

    /* The grid's errors (a schema cannot count columns). */
    EXPECT_READER_ONLY(form_doc("bao_cao", "", SUMMARY,
                        "<bang><cot/><cot/><dong><o>a</o><o>b</o><o>c</o></dong>"
                        "<dong><o gop_cot=\"3\">d</o></dong></bang>",
                        "", ""),
               "t.xml:8:51: error: <o> starts at column 3, but the table has 2 columns (<cot>)\n"
               "t.xml:8:72: error: <o> spans columns 1 to 3, but the table has 2 columns (<cot>)\n");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY,
                        "<bang><dong tieu_de=\"co\"><o gop_dong=\"2\">a</o><o>b</o></dong>"
                        "<dong><o>c</o></dong><dong tieu_de=\"co\"><o>d</o><o>e</o></dong></bang>",
                        "", ""),
               "t.xml:8:36: error: <o> in a header row spans into row 2, which is not a header row\n"
               "t.xml:8:93: error: a header row (<dong tieu_de=\"co\">) must come before the table's other rows\n");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<bang><cot rong=\"3\"/><cot rong=\"0mm\"/><cot rong=\"1.5in\"/></bang>",
                        "", ""),
               "t.xml:8:11: error: <bang> needs <dong>\n"
               "t.xml:8:22: error: rong must be a length such as '30mm', '1.2cm' or '40pt', or a share such as "
               "'2*': '3'\n"
               "t.xml:8:37: error: rong must be a length such as '30mm', '1.2cm' or '40pt', or a share such as "
               "'2*': '0mm'\n"
               "t.xml:8:54: error: rong must be a length such as '30mm', '1.2cm' or '40pt', or a share such as "
               "'2*': '1.5in'\n");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY,
                        "<bang co_chu=\"30\" huong=\"nam\"><dong><o gop_cot=\"0\" can=\"center\" doc=\"giua\" "
                        "dam=\"x\">a</o></dong></bang>",
                        "", ""),
               "t.xml:8:17: error: co_chu must be a size in points from 6 to 20, such as '12' or '11.5': '30'\n"
               "t.xml:8:29: error: huong must be 'doc' or 'ngang': 'nam'\n"
               "t.xml:8:50: error: gop_cot must be a whole number from 1 to 999: '0'\n"
               "t.xml:8:62: error: can must be one of trai, giua, phai, deu: 'center'\n"
               "t.xml:8:86: error: dam must be 'co' or 'khong': 'x'\n");
    EXPECT_READER_ONLY(form_doc("bao_cao", "", SUMMARY,
                                "<bang><dong tieu_de=\"co\"><o gop_dong=\"2\">a</o></dong><dong><o>b</o></dong>"
                                "</bang><bang><dong><o><khoan><bang><dong><o>c</o></dong></bang></khoan></o></dong>"
                                "</bang>",
                                "", ""),
                       "t.xml:8:36: error: <o> in a header row spans into row 2, which is not a header row\n"
                       "t.xml:8:114: error: <bang> is not allowed in <khoan>: a table cell cannot hold a table\n");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY,
                        "<bang><dong><o><bang><dong><o>a</o></dong></bang></o><o><khoan><bang><dong><o>b</o></dong>"
                        "</bang></khoan></o></dong></bang>",
                        "", ""),
               "t.xml:8:26: error: <bang> is not allowed in <o>: a table cell cannot hold a table\n"
               "t.xml:8:74: error: <bang> is not allowed in <khoan>: a table cell cannot hold a table\n");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY,
                        "<bang><dong>x<o><tieu_de>a</tieu_de></o></dong><dong/></bang>", "", ""),
               "t.xml:8:23: error: text is not allowed in <dong>\n"
               "t.xml:8:27: error: <tieu_de> is not allowed in <o>\n"
               "t.xml:8:58: error: <dong> needs <o>\n");
    /* A table anywhere a block stands; a table in an appendix. */
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY,
                           "<muc><tieu_de>A</tieu_de><khoan><tieu_de>B</tieu_de><bang><dong><o>1</o></dong></bang>"
                           "</khoan><diem><bang><dong><o>2</o></dong></bang></diem></muc><doan>x</doan>",
                           "", ""),
                  "");
    if (d) {
        const vb_node *m = d->body->first;
        CHECK(m && m->first && m->first->first && m->first->first->kind == VB_N_TABLE);
        CHECK(m && m->last && m->last->first && m->last->first->kind == VB_N_TABLE);
        vb_doc_free(d);
    }
}

static void test_formal_elements(void)
{
    vb_doc *d;
    /* ô 10a, 10b, 11, 1 as typed, 13, 14 */
    d = EXPECT_OK(form_doc("bao_cao",
                           "<do_mat muc=\"tuyet_mat\"/>\n<do_khan muc=\"thuong_khan\"/>\n"
                           "<chi_dan_luu_hanh>XEM XONG TRẢ LẠI</chi_dan_luu_hanh>\n"
                           "<chi_dan_luu_hanh>LƯU HÀNH <b>NỘI BỘ</b></chi_dan_luu_hanh>\n"
                           "<quoc_hieu> CỘNG HÒA  XÃ HỘI\n CHỦ NGHĨA VIỆT NAM </quoc_hieu>\n"
                           "<tieu_ngu>Độc lập - Tự do - Hạnh phúc</tieu_ngu>\n",
                           SUMMARY, "<doan>a</doan>", "",
                           "<dia_chi><dong>Số 01, đường 30 Tháng 4</dong><dong>ĐT: 0277 3841 326</dong></dia_chi>\n"
                           "<chu_ky_so>Số: 05/BC-UBND; 05/07/2023; 14:30:15 +07:00</chu_ky_so>\n"),
                  "");
    if (d) {
        CHECK(d->secrecy == VB_SECRET_TUYET_MAT && d->urgency == VB_URGENT_THUONG_KHAN);
        CHECK(d->n_circulation == 2);
        if (d->n_circulation == 2) {
            CHECK_STR(plain(d, &d->circulation[1]), "LƯU HÀNH NỘI BỘ");
            CHECK(d->circulation[1].n == 2 && d->circulation[1].v[1].flags == VB_SPAN_BOLD);
        }
        CHECK(d->n_address == 2);
        CHECK_STR(d->n_address == 2 ? plain(d, &d->address[1]) : NULL, "ĐT: 0277 3841 326");
        CHECK_STR(plain(d, &d->ecopy), "Số: 05/BC-UBND; 05/07/2023; 14:30:15 +07:00");
        CHECK(d->ecopy.v[0].pos.line == 19 && d->ecopy.v[0].pos.col == 12);
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("bao_cao",
                        "<do_mat muc=\"mật\"/>\n<do_khan>KHẨN</do_khan>\n"
                        "<quoc_hieu>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</quoc_hieu>\n"
                        "<tieu_ngu>Độc lập -- Tự do -- Hạnh phúc</tieu_ngu>\n",
                        SUMMARY, "<doan>a</doan>", "", "<dia_chi/>\n<chu_ky_so> </chu_ky_so>\n"),
               "t.xml:3:9: error: muc must be one of mat, toi_mat, tuyet_mat: 'mật'\n"
               "t.xml:4:1: error: <do_khan> must be empty: the level goes in its attribute muc\n"
               "t.xml:4:1: error: <do_khan> needs attribute 'muc'\n"
               "t.xml:5:1: error: <quoc_hieu> must read 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' exactly, not 'CỘNG "
               "HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'\n"
               "t.xml:6:1: error: <tieu_ngu> must read 'Độc lập - Tự do - Hạnh phúc' exactly (the decree's hyphens "
               "are ASCII '-' with a space each side), not 'Độc lập -- Tự do -- Hạnh phúc'\n"
               "t.xml:15:1: error: <dia_chi> needs <dong>, or the fields <tru_so>, <dien_thoai>, <fax>, <thu_dien_tu>, "
               "<trang_web>\n"
               "t.xml:16:1: error: <chu_ky_so> has no text\n");
    /* The right words with combining marks: the schema compares them as typed. */
    EXPECT_ERR(form_doc("bao_cao", "<tieu_ngu>\xC4\x90o\xCC\xA3\xCC\x82" "c lập - Tự do - Hạnh phúc</tieu_ngu>\n",
                        SUMMARY, "<doan>a</doan>", "", ""),
               "t.xml:3:1: error: <tieu_ngu> must read 'Độc lập - Tự do - Hạnh phúc' in precomposed letters "
               "(Unicode NFC); this one has combining marks\n");
    /* Out of order: the stamps before the agency; the footer after Nơi nhận. */
    EXPECT_ERR(form_doc("bao_cao", "<tieu_ngu>Độc lập - Tự do - Hạnh phúc</tieu_ngu>\n<do_mat muc=\"mat\"/>\n",
                        SUMMARY, "<doan>a</doan>", "", "<chu_ky_so>x</chu_ky_so>\n<dia_chi><dong>y</dong></dia_chi>\n"),
               "t.xml:4:1: error: <do_mat> must come before <tieu_ngu>\n"
               "t.xml:14:1: error: <dia_chi> must come before <chu_ky_so>\n");

    /* Trích yếu: optional in a giấy giới thiệu and a giấy nghỉ phép only; a
     * công văn's "V/v" is printed by the program. */
    d = EXPECT_OK(form_doc("giay_gioi_thieu", "", "", "<doan>a</doan>", "", ""), "");
    CHECK(d && d->summary.n == 0);
    vb_doc_free(d);
    EXPECT_ERR(form_doc("to_trinh", "", "", "<doan>a</doan>", "", ""), "t.xml:2:1: error: <van_ban> needs <trich_yeu>\n");
    d = EXPECT_LINTED(form_doc("cong_van", "", "<trich_yeu>V/v báo cáo số liệu</trich_yeu>\n", "<doan>a</doan>", "", ""),
                  SO5(4) "t.xml:7:1: warning: <trich_yeu> starts with 'V/v', which the program prints itself\n");
    vb_doc_free(d);

    /* The preamble of a quyết định. */
    d = EXPECT_LINTED(form_doc("quyet_dinh", "",
                           SUMMARY AUTHORITY "<can_cu>Căn cứ Luật A;</can_cu>\n<can_cu>Căn cứ Luật B</can_cu>\n"
                                             "<theo_de_nghi>Theo đề nghị của Trưởng phòng Nội vụ.</theo_de_nghi>\n",
                           "<dieu><tieu_de>A</tieu_de>b</dieu>", "", ""),
                  SO5(4) "t.xml:9:1: warning: <can_cu> ends with ';', which the program prints itself\n"
                  "t.xml:11:1: warning: <theo_de_nghi> starts with 'Theo đề nghị', which the program prints itself\n"
                  "t.xml:11:1: warning: <theo_de_nghi> ends with '.', which the program prints itself\n");
    if (d) {
        CHECK(d->n_bases == 2 && d->authority.n == 1);
        CHECK_STR(d->n_bases == 2 ? plain(d, &d->bases[1]) : NULL, "Căn cứ Luật B");
        CHECK(d->n_bases == 2 && d->bases[1].v[0].pos.line == 10 && d->bases[1].v[0].pos.col == 9);
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("quyet_dinh", "", SUMMARY "<can_cu>Căn cứ Luật A</can_cu>\n", "<doan>a</doan>", "", ""),
               "t.xml:2:1: error: <van_ban> needs <tham_quyen_ban_hanh> in a quyết định: the authority that issues "
               "it, e.g. 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ'\n");
    EXPECT_ERR(form_doc("cong_dien", "", SUMMARY, "<doan>a</doan>", "", ""),
               "t.xml:2:1: error: <van_ban> needs <tham_quyen_ban_hanh> in a công điện: the authority that issues "
               "it, e.g. 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP'\n");
    d = EXPECT_OK(form_doc("nghi_quyet", "", SUMMARY "<can_cu>Xét Tờ trình số 5/TTr-UBND</can_cu>\n",
                           "<doan>a</doan>", "", ""),
                  "");
    CHECK(d && d->authority.n == 0 && d->n_bases == 1);
    vb_doc_free(d);
    EXPECT_ERR(form_doc("cong_dien", "",
                        SUMMARY "<tham_quyen_ban_hanh>CHỦ TỊCH điện:</tham_quyen_ban_hanh>\n"
                                "<can_cu>Căn cứ Luật A</can_cu>\n<theo_de_nghi>B</theo_de_nghi>\n",
                        "<doan>a</doan>", "", ""),
               "t.xml:9:1: error: <can_cu> is allowed only in a quyết định or nghị quyết (loai quyet_dinh, "
               "nghi_quyet), not in loai 'cong_dien'\n"
               "t.xml:10:1: error: <theo_de_nghi> is allowed only in a quyết định or nghị quyết (loai quyet_dinh, "
               "nghi_quyet), not in loai 'cong_dien'\n");
    EXPECT_ERR(form_doc("ke_hoach", "", SUMMARY AUTHORITY, "<doan>a</doan>", "", ""),
               "t.xml:8:1: error: <tham_quyen_ban_hanh> is allowed only in a quyết định, nghị quyết or công điện "
               "(loai quyet_dinh, nghi_quyet, cong_dien), not in loai 'ke_hoach'\n");
    EXPECT_ERR(form_doc("quyet_dinh", "", SUMMARY "<can_cu>Căn cứ Luật A</can_cu>\n" AUTHORITY, "<doan>a</doan>", "",
                        ""),
               "t.xml:9:1: error: <tham_quyen_ban_hanh> must come before <can_cu>\n");

    /* A joint document: the second agency, and two signatures. */
    char *x = form_doc("nghi_quyet", "", SUMMARY, "<doan>a</doan>", "", "");
    char *y = replace(x, "</co_quan_ban_hanh>\n",
                      "</co_quan_ban_hanh>\n<lien_tich><co_quan_chu_quan>TỈNH ĐOÀN ĐỒNG THÁP</co_quan_chu_quan>"
                      "<co_quan_ban_hanh>HUYỆN ĐOÀN LẤP VÒ</co_quan_ban_hanh></lien_tich>\n");
    free(x);
    d = EXPECT_LINTED(y, "t.xml:4:1: warning: a joint document (<lien_tich>) has two <chu_ky>, one for each agency; "
                     "this one has 1\n" SO5(5));
    if (d) {
        CHECK_STR(plain(d, &d->joint_parent_agency), "TỈNH ĐOÀN ĐỒNG THÁP");
        CHECK_STR(plain(d, &d->joint_agency), "HUYỆN ĐOÀN LẤP VÒ");
        vb_doc_free(d);
    }
    x = form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", "");
    y = replace(x, "</co_quan_ban_hanh>\n", "</co_quan_ban_hanh>\n<lien_tich><so_ky_hieu/></lien_tich>\n");
    free(x);
    EXPECT_ERR(y, "t.xml:4:1: error: <lien_tich> needs <co_quan_ban_hanh>\n"
                  "t.xml:4:12: error: <so_ky_hieu> is not allowed in <lien_tich>\n");
}

static void test_annexes_and_copy(void)
{
    vb_doc *d;
    /* Appendices and attached texts in any order, numbered and kept in order;
     * each numbers its điều from 1. */
    d = EXPECT_OK(form_doc("quyet_dinh", "", SUMMARY AUTHORITY, "<dieu><tieu_de>A</tieu_de>a</dieu>", "",
                           "<phu_luc><tieu_de>BẢNG I</tieu_de><bang><dong><o>1</o></dong></bang></phu_luc>\n"
                           "<van_ban_kem_theo loai=\"quy_dinh\"><trich_yeu>Quy định X</trich_yeu><noi_dung>"
                           "<chuong><tieu_de>C</tieu_de><dieu><tieu_de>D</tieu_de>d</dieu></chuong></noi_dung>"
                           "</van_ban_kem_theo>\n"
                           "<phu_luc huong=\"doc\" cua=\" Ủy ban  nhân dân\nhuyện \"><tieu_de>BẢNG II</tieu_de>"
                           "<phan><tieu_de>P</tieu_de><dieu><tieu_de>E</tieu_de>e</dieu></phan></phu_luc>\n"),
                  "");
    if (d) {
        CHECK(d->n_annexes == 3);
        if (d->n_annexes == 3) {
            const vb_annex *a = d->annexes;
            CHECK(a[0].kind == VB_ANNEX_APPENDIX && a[0].number == 1 && a[0].of.n == 0 && !a[0].landscape);
            CHECK(a[1].kind == VB_ANNEX_ATTACHED && a[1].type && !strcmp(a[1].type->key, "quy_dinh") &&
                  !a[1].signature && a[1].number == 0);
            CHECK(a[2].kind == VB_ANNEX_APPENDIX && a[2].number == 2);
            CHECK_STR(plain(d, &a[2].of), "Ủy ban nhân dân huyện");
            CHECK(a[2].of.n && a[2].of.v[0].pos.line == 14 && a[2].of.v[0].pos.col == 22);
            CHECK_STR(plain(d, &a[2].title), "BẢNG II");
            CHECK(a[0].pos.line == 12 && a[1].pos.line == 13 && a[2].pos.line == 14);
            CHECK_STR(vb_annex_label(d->arena, &a[2], 2), "Phụ lục II");
            const vb_node *dd = a[1].body && a[1].body->first ? a[1].body->first->first : NULL;
            CHECK(dd && dd->kind == VB_N_ARTICLE && dd->number == 1);
            const vb_node *de = a[2].body && a[2].body->first ? a[2].body->first->first : NULL;
            CHECK(de && de->kind == VB_N_ARTICLE && de->number == 1);
            CHECK(a[2].body && a[2].body->first && a[2].body->first->kind == VB_N_PART);
        }
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("quyet_dinh", "", SUMMARY AUTHORITY, "<doan>a</doan>", "",
                        "<phu_luc huong=\"ngang\" cua=\"\"><doan>x</doan></phu_luc>\n"
                        "<phu_luc><tieu_de>T</tieu_de></phu_luc>\n"
                        "<van_ban_kem_theo loai=\"cong_van\"><noi_dung><doan>y</doan></noi_dung></van_ban_kem_theo>\n"
                        "<van_ban_kem_theo loai=\"quy_tac\"><trich_yeu>z</trich_yeu></van_ban_kem_theo>\n"),
               "t.xml:12:1: error: <phu_luc> needs <tieu_de>\n"
               "t.xml:12:24: error: cua must not be empty\n"
               "t.xml:13:1: error: <phu_luc> needs content: <doan>, <phan>, <muc>, <dieu>, <khoan>, <bang> …\n"
               "t.xml:14:1: error: <van_ban_kem_theo> needs <trich_yeu>\n"
               "t.xml:14:19: error: loai of <van_ban_kem_theo> must be a type with a name (quy_che, quy_dinh, de_an "
               "…), not 'cong_van'\n"
               "t.xml:15:1: error: <van_ban_kem_theo> needs <noi_dung>\n"
               "t.xml:15:19: error: loai must be a document type of Phụ lục III: 'quy_tac'; the types are "
               "nghi_quyet, quyet_dinh, chi_thi, quy_che, quy_dinh, thong_cao, thong_bao, huong_dan, chuong_trinh, "
               "ke_hoach, phuong_an, de_an, du_an, bao_cao, bien_ban, to_trinh, hop_dong, cong_dien, ban_ghi_nho, "
               "ban_thoa_thuan, giay_uy_quyen, giay_moi, giay_gioi_thieu, giay_nghi_phep, phieu_gui, phieu_chuyen, "
               "phieu_bao, cong_van\n");
    d = EXPECT_LINTED(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                           "<phu_luc cua=\"của Sở Công Thương\"><tieu_de>T</tieu_de><doan>x</doan></phu_luc>\n"),
                  SO5(4) "t.xml:11:10: warning: cua starts with 'của', which the program prints itself\n");
    vb_doc_free(d);
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                        "<phu_luc><tieu_de>T</tieu_de>x</phu_luc>\n<ban_sao hinh_thuc=\"sao_y\"/>\n"
                        "<phu_luc><tieu_de>U</tieu_de><doan>u</doan></phu_luc>\n"),
               "t.xml:11:1: error: <phu_luc> needs content: <doan>, <phan>, <muc>, <dieu>, <khoan>, <bang> …\n"
               "t.xml:11:30: error: text is not allowed in <phu_luc>: put it in <doan>\n"
               "t.xml:12:1: error: <ban_sao> needs <co_quan_ban_hanh>\n"
               "t.xml:12:1: error: <ban_sao> needs <so_ky_hieu>\n"
               "t.xml:12:1: error: <ban_sao> needs <dia_danh>\n"
               "t.xml:12:1: error: <ban_sao> needs <ngay>\n"
               "t.xml:12:1: error: <ban_sao> needs <chu_ky>\n"
               "t.xml:12:1: error: <ban_sao> needs <noi_nhan>\n"
               "t.xml:13:1: error: <phu_luc> must come before <ban_sao>\n");

    /* The copy: its own number, place, date, signature and recipients. */
    static const char copy[] =
        "<ban_sao hinh_thuc=\"%s\">\n"
        "<co_quan_ban_hanh>VĂN PHÒNG HĐND VÀ UBND HUYỆN</co_quan_ban_hanh>\n"
        "<so_ky_hieu so=\"3\" ky_hieu=\"%s\"/>\n"
        "<dia_danh>Lấp Vò</dia_danh>\n"
        "<ngay>%s</ngay>\n"
        "<chu_ky><tham_quyen loai=\"TL\">CHỦ TỊCH</tham_quyen><chuc_vu>CHÁNH VĂN PHÒNG</chuc_vu>"
        "<ho_ten>Lê Văn A</ho_ten></chu_ky>\n"
        "<noi_nhan><nhan>Phòng Nội vụ</nhan><luu don_vi=\"VP\" so_ban_luu=\"2\"/></noi_nhan>\n"
        "</ban_sao>\n";
    char tail[1024];
    snprintf(tail, sizeof tail, copy, "trich_sao", "TrS-VP", "2023-07-10");
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", tail), "");
    if (d) {
        const vb_copy *cp = d->copy;
        CHECK(cp && cp->form == VB_COPY_TRICH_SAO && cp->parent_agency.n == 0);
        if (cp) {
            CHECK_STR(cp->number, "3");
            CHECK_STR(cp->notation, "TrS-VP");
            CHECK(cp->day == 10 && cp->date_pos.line == 15);
            CHECK(cp->signature.n_lines == 2 && cp->signature.lines[0].kind == VB_AUTH_TL);
            CHECK_STR(vb_archive_line(d->arena, &cp->archive), "- Lưu: VT, VP(2).");
            CHECK(cp->pos.line == 11 && cp->pos.col == 1);
        }
        CHECK_STR(d->notation, "BC-UBND");
        vb_doc_free(d);
    }
    snprintf(tail, sizeof tail, copy, "sao_y", "SL-VP", "2023-07-10");
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", tail), ""); /* the linter's to say */
    vb_doc_free(d);
    snprintf(tail, sizeof tail, copy, "sao chép", "SY-VP", "10/7/2023");
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", tail),
               "t.xml:11:10: error: hinh_thuc must be one of sao_y, sao_luc, trich_sao: 'sao chép'\n"
               "t.xml:15:1: error: <ngay>: '10/7/2023' is not a date: expected YYYY-MM-DD\n");
}

/* Issue 9: articles with run-in text, appendix numbers and labels, the
 * address footer's fields, the copies a unit keeps on the Lưu line. */
static void test_issue9_forms(void)
{
    vb_doc *d;
    /* a điều without a heading: its text (or first <doan>) runs in after
     * “Điều N.” in bold, in one body paragraph */
    d = EXPECT_OK(form_doc("quyet_dinh", "", SUMMARY AUTHORITY,
                           "<dieu>Công nhận xã A.</dieu><dieu><doan>Xã A có trách nhiệm:</doan><khoan>b</khoan></dieu>"
                           "<dieu><tieu_de>T</tieu_de></dieu>",
                           "", ""),
                  "");
    if (d) {
        vb_tblock *tb = NULL;
        size_t n = vb_body_blocks(d->arena, d, &tb), k = 0;
        while (k < n && tb[k].role != VB_ROLE_DOAN)
            k++;
        CHECK(k + 3 < n);
        if (k + 3 < n) {
            CHECK(tb[k].text.n == 2 && tb[k].text.v[0].flags == VB_SPAN_BOLD && !tb[k].label);
            CHECK_STR(plain(d, &tb[k].text), "Điều 1. Công nhận xã A.");
            CHECK(tb[k].text.v[1].flags == 0);
            CHECK_STR(plain(d, &tb[k + 1].text), "Điều 2. Xã A có trách nhiệm:");
            CHECK_STR(tb[k + 2].label, "1.");
            /* the end mark ends the last block, a heading here */
            CHECK(tb[k + 3].role == VB_ROLE_DIEU && k + 4 == n);
            CHECK_STR(plain(d, &tb[k + 3].text), "T./.");
        }
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("quyet_dinh", "", SUMMARY AUTHORITY, "<dieu><khoan>a</khoan></dieu>", "", ""),
               "t.xml:9:11: error: <dieu> needs <tieu_de>, or its text first (text, or a <doan>) to run in after "
               "'Điều 1.'\n");
    EXPECT_ERR(form_doc("quyet_dinh", "", SUMMARY AUTHORITY, "<dieu/>", "", ""),
               "t.xml:9:11: error: <dieu> needs <tieu_de>\n");

    /* appendices: so="N" numbers one (and those after it), nhan="…" sets the label */
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                           "<phu_luc so=\"1\"><tieu_de>A</tieu_de><doan>a</doan></phu_luc>\n"),
                  "");
    if (d) {
        CHECK(d->n_annexes == 1 && d->annexes[0].numbered && d->annexes[0].number == 1);
        CHECK_STR(vb_annex_label(d->arena, &d->annexes[0], 1), "Phụ lục I");
        vb_doc_free(d);
    }
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                           "<phu_luc nhan=\" Phụ lục  A \"><tieu_de>A</tieu_de><doan>a</doan></phu_luc>\n"
                           "<phu_luc so=\"3\"><tieu_de>B</tieu_de><doan>b</doan></phu_luc>\n"
                           "<phu_luc><tieu_de>C</tieu_de><doan>c</doan></phu_luc>\n"),
                  "");
    if (d) {
        CHECK(d->n_annexes == 3);
        if (d->n_annexes == 3) {
            CHECK_STR(vb_annex_label(d->arena, &d->annexes[0], 3), "Phụ lục A");
            CHECK_STR(vb_annex_label(d->arena, &d->annexes[1], 3), "Phụ lục III");
            CHECK_STR(vb_annex_label(d->arena, &d->annexes[2], 3), "Phụ lục IV");
        }
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                        "<phu_luc so=\"0\" nhan=\"\"><tieu_de>A</tieu_de><doan>a</doan></phu_luc>\n"),
               "t.xml:11:10: error: so must be a whole number from 1 to 9999: '0'\n"
               "t.xml:11:17: error: nhan must not be empty\n");

    /* the Lưu line: the copies the drafting unit keeps */
    char *x = form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", "");
    char *y = replace(x, "<luu/>", "<luu don_vi=\"VP\" so_ban_luu=\"2\" nguoi_soan=\"NH\" so_ban=\"10\"/>");
    d = EXPECT_OK(y, "");
    if (d) {
        CHECK_STR(vb_archive_line(d->arena, &d->archive), "- Lưu: VT, VP(2). NH(10).");
        vb_doc_free(d);
    }
    EXPECT_ERR(replace(x, "<luu/>", "<luu so_ban_luu=\"2\"/>"),
               "t.xml:10:16: error: so_ban_luu needs don_vi: it is the number of copies the drafting unit keeps, "
               "printed after the unit's code\n");
    EXPECT_ERR(replace(x, "<luu/>", "<luu don_vi=\"VP\" so_ban_luu=\"hai\"/>"),
               "t.xml:10:28: error: so_ban_luu must be a whole number from 1 to 999999: 'hai'\n");

    /* the address footer's fields, printed with the form's labels */
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                           "<dia_chi><tru_so>Số 01</tru_so><fax>0277 2</fax><thu_dien_tu>a@b.vn</thu_dien_tu>"
                           "<dong>Giờ làm việc</dong></dia_chi>\n"),
                  "");
    if (d) {
        CHECK(d->n_address == 4);
        if (d->n_address == 4) {
            CHECK_STR(plain(d, &d->address[0]), "Số 01");
            CHECK_STR(plain(d, &d->address[1]), "Fax: 0277 2");
            CHECK_STR(plain(d, &d->address[2]), "E-Mail: a@b.vn");
            CHECK_STR(plain(d, &d->address[3]), "Giờ làm việc");
        }
        CHECK_STR(plain(d, &d->address_field[VB_ADDR_EMAIL]), "a@b.vn");
        CHECK(d->address_field[VB_ADDR_PHONE].n == 0);
        vb_doc_free(d);
    }
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                           "<dia_chi><dien_thoai>1</dien_thoai><fax>2</fax><trang_web>w.vn</trang_web></dia_chi>\n"),
                  "");
    if (d) {
        CHECK(d->n_address == 2);
        if (d->n_address == 2) {
            CHECK_STR(plain(d, &d->address[0]), "ĐT: 1, Fax: 2");
            CHECK_STR(plain(d, &d->address[1]), "Website: w.vn");
        }
        vb_doc_free(d);
    }
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "",
                        "<dia_chi><dong>x</dong><fax>2</fax><dien_thoai>1</dien_thoai><fax>3</fax></dia_chi>\n"),
               "t.xml:11:24: error: <fax> must come before <dong>\n"
               "t.xml:11:36: error: <dien_thoai> must come before <dong>\n"
               "t.xml:11:62: error: <fax> may appear only once in <dia_chi>\n");
    free(x);
}

static void test_images(void)
{
    static const char sig[] = "<anh_chu_ky src=\"chu-ky.png\" rong=\"3.5cm\"/><anh_dau src=\" /srv/dau.png \"/>";
    static const struct {
        const char *name, *base, *path;
    } cases[] = {
        {"ho-so/2024/qd.xml", "ho-so/2024", "ho-so/2024/chu-ky.png"},
        {"qd.xml", "", "chu-ky.png"},
        {"<stdin>", "", "chu-ky.png"},
        {"/qd.xml", "/", "/chu-ky.png"},
        {"/tmp/x/qd.xml", "/tmp/x", "/tmp/x/chu-ky.png"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *x = form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", sig, ""), *diags = NULL;
        vb_doc *d = read_xml(x, cases[i].name, &diags);
        CHECK(d && diags && !*diags);
        if (d) {
            const vb_signature *s = &d->signatures[0];
            CHECK_STR(d->base_dir, cases[i].base);
            CHECK_STR(s->signature_image, cases[i].path);
            CHECK_STR(s->seal_image, "/srv/dau.png"); /* absolute: as it is */
            CHECK(near(s->signature_width, MM(35)) && s->seal_diameter == 0);
            CHECK(s->signature_pos.line == 9 && s->signature_pos.col == 67);
            CHECK(s->seal_pos.line == 9 && s->seal_pos.col == 110);
        }
        vb_doc_free(d);
        free(diags);
    }
    /* No image: no paths, no sizes. */
    vb_doc *d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", ""), "");
    CHECK(d && !d->signatures[0].signature_image && !d->signatures[0].seal_image &&
          d->signatures[0].signature_width == 0);
    vb_doc_free(d);
    EXPECT_ERR(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>",
                        "<anh_dau duong_kinh=\"36\">dau.png</anh_dau><anh_chu_ky src=\"\" rong=\"-3mm\"/>", ""),
               "t.xml:9:67: error: <anh_dau> must be empty: the file goes in its attribute src\n"
               "t.xml:9:67: error: <anh_dau> needs attribute 'src'\n"
               "t.xml:9:76: error: duong_kinh must be a length such as '35mm', '3.5cm' or '99pt': '36'\n"
               "t.xml:9:109: error: <anh_chu_ky> must come before <anh_dau>\n"
               "t.xml:9:121: error: src must not be empty\n"
               "t.xml:9:128: error: rong must be a length such as '35mm', '3.5cm' or '99pt': '-3mm'\n");
}

/* Issue 12: a sealed signature (<chu_ky dong_dau="co">, or a seal image)
 * gets the agency's signature field; a number and a date may be left blank
 * for the văn thư (so="", the year alone), with the linter's warning. */
static void test_signing_inputs(void)
{
    char *x = replace(TEMPLATE, "<chu_ky>", "<chu_ky dong_dau=\"co\">");
    char *y = replace(x, "%s", "<doan>a</doan>"), *diags = NULL;
    vb_doc *d = read_xml(y, "t.xml", &diags);
    CHECK(d && d->n_signatures == 1 && d->signatures[0].sealed, "dong_dau=\"co\" not read");
    vb_doc_free(d);
    free(diags);
    free(x); /* y: read_xml frees it */
    x = replace(TEMPLATE, "<chu_ky>", "<chu_ky dong_dau=\"khong\">");
    y = replace(x, "%s", "<doan>a</doan>");
    d = read_xml(y, "t.xml", &diags);
    CHECK(d && !d->signatures[0].sealed, "dong_dau=\"khong\" read as sealed");
    vb_doc_free(d);
    free(diags);
    free(x);
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "<anh_dau src=\"dau.png\"/>", ""), "");
    CHECK(d && d->signatures[0].sealed, "a seal image does not seal");
    vb_doc_free(d);
    d = EXPECT_OK(form_doc("bao_cao", "", SUMMARY, "<doan>a</doan>", "", ""), "");
    CHECK(d && !d->signatures[0].sealed, "sealed without being asked");
    vb_doc_free(d);
    x = replace(TEMPLATE, "<chu_ky>", "<chu_ky dong_dau=\"roi\">");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:9:9: error: dong_dau must be 'co' or 'khong': 'roi'\n");
    free(x);
    free(y);

    /* left blank: read, and the linter says it is not ready to issue */
    x = replace(TEMPLATE, "so=\"5\"", "so=\"\"");
    y = replace(x, "2023-07-05", "2023");
    free(x);
    x = replace(y, "%s", "<doan>a</doan>");
    free(y);
    d = EXPECT_LINTED(x, "t.xml:4:13: warning: the number and the day and month are left blank for the văn thư to "
                         "write in after signing: the document is not ready to issue\n");
    CHECK(d && d->number && !d->number[0] && d->year == 2023 && d->month == 0 && d->day == 0);
    vb_doc_free(d);
    x = replace(TEMPLATE, "2023-07-05", "2023");
    y = replace(x, "%s", "<doan>a</doan>");
    free(x);
    d = EXPECT_LINTED(y, SO5(4) "t.xml:6:1: warning: the day and month are left blank for the văn thư to write in "
                                "after signing: the document is not ready to issue\n");
    vb_doc_free(d);
    x = replace(TEMPLATE, "2023-07-05", "23");
    y = replace(x, "%s", "<doan>a</doan>");
    EXPECT(y, "t.xml", "t.xml:6:1: error: <ngay>: '23' is not a date: expected YYYY-MM-DD\n");
    free(x);
    free(y);
}

/* Every tests/bad/NAME.xml gives exactly tests/bad/NAME.expected, and the
 * schema rejects it too (xmllint), except where a schema cannot see the
 * problem. */
static void test_bad_files(int have_xmllint)
{
    /* Files the schema alone accepts: the DTD is refused by the reader (xmllint
     * reads the file without fetching or expanding the entity). */
    static const char *const schema_blind[] = {"external-entity.xml", "external-entity-url.xml", "external-dtd.xml",
                                               "table-span-beyond-grid.xml", NULL};
    /* Files the reader accepts: the layout reports them (it opens the images). */
    static const char *const layout_only[] = {"image-missing.xml", "image-not-png.xml", NULL};
    DIR *dir = opendir("tests/bad");
    CHECK(dir != NULL);
    if (!dir)
        return;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        char path[512], exp_path[512];
        snprintf(path, sizeof path, "tests/bad/%s", e->d_name);
        snprintf(exp_path, sizeof exp_path, "tests/bad/%.*s.expected", (int)(l - 4), e->d_name);
        size_t len = 0, elen = 0;
        char *data = vb_test_slurp(path, &len), *want = vb_test_slurp(exp_path, &elen);
        CHECK(data && want);
        int layout = 0;
        for (size_t i = 0; layout_only[i]; i++)
            layout |= strcmp(e->d_name, layout_only[i]) == 0;
        if (layout && data) {
            char *diags = NULL;
            vb_err rc;
            vb_doc *doc = read_mem(reader, data, len, path, &rc, &diags);
            if (rc != VB_OK || !doc || !diags || *diags) {
                fprintf(stderr, "%s: the reader should accept it:\n%s", path, diags ? diags : "");
                vb_test_failures++;
            }
            vb_doc_free(doc);
            free(diags);
        } else if (data && want) {
            char *w = malloc(elen + 1);
            memcpy(w, want, elen);
            w[elen] = 0;
            expect_diags(__LINE__, data, len, path, w);
            free(w);
        }
        free(data);
        free(want);
        n++;
        int blind = 0;
        for (size_t i = 0; schema_blind[i]; i++)
            blind |= strcmp(e->d_name, schema_blind[i]) == 0;
        for (size_t i = 0; layout_only[i]; i++)
            blind |= strcmp(e->d_name, layout_only[i]) == 0;
        if (have_xmllint && !blind) {
            char cmd[700];
            snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng " SCHEMA " '%s' >/dev/null 2>&1", path);
            if (system(cmd) == 0) {
                fprintf(stderr, "%s: the schema accepts it\n", path);
                vb_test_failures++;
            }
        }
    }
    closedir(dir);
    CHECK(n >= 14);
}

static void test_examples_schema(int have_xmllint)
{
    DIR *dir = opendir("examples");
    CHECK(dir != NULL);
    if (!dir)
        return;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "examples/%s", e->d_name);
        n++;
        /* the reader (with the schema) */
        size_t len = 0;
        char *data = vb_test_slurp(path, &len), *diags = NULL;
        vb_err rc;
        vb_doc *doc = data ? read_mem(reader, data, len, path, &rc, &diags) : NULL;
        if (!doc || (diags && *diags)) {
            fprintf(stderr, "%s:\n%s", path, diags ? diags : "");
            vb_test_failures++;
        }
        vb_doc_free(doc);
        free(diags);
        free(data);
        /* xmllint */
        if (have_xmllint) {
            char cmd[700];
            snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng " SCHEMA " '%s' >/dev/null 2>&1", path);
            if (system(cmd) != 0) {
                fprintf(stderr, "%s: xmllint rejects it\n", path);
                vb_test_failures++;
            }
        }
    }
    closedir(dir);
    CHECK(n >= 1);
}

/* A tree hook (batch templates) sees the parsed tree before it is built. */
static vb_err hook_place(void *ctx, struct _xmlDoc *xd, const struct vb_source *src, vb_diag *diag)
{
    int *calls = ctx;
    (*calls)++;
    xmlNode *root = xmlDocGetRootElement(xd);
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "dia_danh") == 0)
            xmlNodeSetContent(c, (const xmlChar *)"Cao Lãnh");
    if (*calls == 2)
        vb_diag_emit(diag, vb_source_pos(src, 0), VB_ERROR, "the hook refuses it");
    return VB_OK;
}

static void test_tree_hook(void)
{
    int calls = 0;
    vb_tree_hook h = {hook_place, &calls};
    char *x = with_body("<doan>a</doan>");
    vb_diag d;
    vb_diag_init(&d);
    vb_doc *doc = NULL;
    CHECK(vb_doc_read_with(reader, x, strlen(x), "t.xml", &h, &doc, &d) == VB_OK && doc && d.n == 0);
    CHECK_STR(doc ? plain(doc, &doc->place) : NULL, "Cao Lãnh");
    vb_doc_free(doc);
    doc = NULL;
    CHECK(vb_doc_read_with(reader, x, strlen(x), "t.xml", &h, &doc, &d) == VB_ERR_INPUT && !doc && d.n == 1);
    CHECK(calls == 2);
    vb_diag_free(&d);
    free(x);
}

/* The RELAX NG verdict on data: 1 valid, 0 not, -1 not even parsed (the
 * schema never sees a file the parser refuses). */
static int schema_verdict(const vb_schema *sch, const char *data, size_t len)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_decoded dec = {0};
    vb_source src = {0};
    xmlDoc *xd = NULL;
    int crowded = 0, valid = -1;
    vb_limits lim = VB_LIMITS_DEFAULT;
    if (vb_decode(data, len, "t.xml", &d, &dec) == VB_OK && dec.len &&
        vb_source_init(&src, "t.xml", dec.text, dec.len, dec.unicode)) {
        dec.text = NULL; /* the source's now */
        if (vb_xml_parse(&src, &lim, &d, &xd, &crowded) == VB_OK && vb_schema_validate(sch, xd, &src, &d, &valid))
            valid = -1;
    }
    free(dec.text);
    xmlFreeDoc(xd);
    vb_source_free(&src);
    vb_diag_free(&d);
    return valid;
}

/* The reader's own checks, which are the rule when rendering, and the
 * schema agree on every test input: a file is valid for one iff it is
 * valid for the other. The exceptions are what a schema cannot state. */
static void test_reader_schema_agree(void)
{
    /* a RELAX NG schema cannot count a table's columns against its <cot> */
    static const char *const reader_only[] = {"tests/bad/table-span-beyond-grid.xml", NULL};
    static const char *const dirs[] = {"examples", "tests/data", "tests/bad", "tests/lint", "tests/stress", NULL};
    vb_diag d;
    vb_diag_init(&d);
    vb_schema *sch = vb_schema_load(SCHEMA, &d);
    vb_reader *plain = vb_reader_new(NULL, NULL, &d);
    CHECK(sch && plain);
    int files = 0, parsed = 0;
    for (size_t k = 0; dirs[k] && sch && plain; k++) {
        DIR *dir = opendir(dirs[k]);
        CHECK(dir != NULL);
        struct dirent *e;
        while (dir && (e = readdir(dir))) {
            size_t l = strlen(e->d_name);
            if (l < 5 || strcmp(e->d_name + l - 4, ".xml") != 0)
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
            size_t len = 0;
            char *data = vb_test_slurp(path, &len);
            CHECK(data != NULL);
            if (!data)
                continue;
            vb_err rc;
            vb_doc *doc = read_mem(plain, data, len, path, &rc, NULL);
            int reader_ok = doc != NULL, schema = schema_verdict(sch, data, len);
            int exempt = 0;
            for (size_t i = 0; reader_only[i]; i++)
                exempt |= strcmp(path, reader_only[i]) == 0;
            if (schema >= 0)
                parsed++;
            if (schema < 0 ? reader_ok : reader_ok != schema) {
                if (!(exempt && !reader_ok && schema == 1)) {
                    fprintf(stderr, "%s: the reader %s it, the schema %s it\n", path, reader_ok ? "accepts" : "rejects",
                            schema < 0 ? "never sees" : schema ? "accepts" : "rejects");
                    vb_test_failures++;
                }
            } else if (exempt) {
                fprintf(stderr, "%s: listed as beyond the schema, but the two agree\n", path);
                vb_test_failures++;
            }
            files++;
            vb_doc_free(doc);
            free(data);
        }
        if (dir)
            closedir(dir);
    }
    CHECK(files >= 100 && parsed >= 80);
    printf("test_xml_read: the reader and the schema agree on %d files (%d parsed)\n", files, parsed);
    vb_schema_free(sch);
    vb_reader_free(plain);
    vb_diag_free(&d);
}

/* Writes text to a new temporary file; returns its path (heap) or NULL. */
static char *tmp_write(const char *suffix, const char *text)
{
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *path = NULL;
    if (asprintf(&path, "%s/vanban-test-XXXXXX%s", dir, suffix) < 0)
        return NULL;
    int fd = mkstemps(path, (int)strlen(suffix));
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        free(path);
        return NULL;
    }
    fputs(text, f);
    fclose(f);
    return path;
}

/* The complete example of docs/format.md (its first xml block) is valid. */
static void test_doc_example(int have_xmllint)
{
    size_t len = 0;
    char *md = vb_test_slurp("docs/format.md", &len);
    CHECK(md != NULL);
    if (!md)
        return;
    char *s = NULL, *e = NULL;
    md = realloc(md, len + 1);
    md[len] = 0;
    if ((s = strstr(md, "```xml\n")) && (e = strstr(s + 7, "```")))
        *e = 0;
    CHECK(s && e);
    if (s && e) {
        s += 7;
        char *diags = NULL;
        vb_err rc;
        vb_doc *doc = read_mem(reader, s, strlen(s), "docs/format.md", &rc, &diags);
        CHECK(rc == VB_OK && doc);
        CHECK_STR(diags, "");
        if (doc) {
            CHECK(doc->n_to == 2 && doc->parent_agency.n == 1 && doc->archive.copies);
            CHECK_STR(vb_archive_line(doc->arena, &doc->archive), "- Lưu: VT, QLCN. TH(5).");
            CHECK_STR(vb_place_date_line(doc->arena, doc), "Đồng Tháp, ngày 05 tháng 01 năm 2024");
        }
        vb_doc_free(doc);
        free(diags);
        char *path = have_xmllint ? tmp_write(".xml", s) : NULL, cmd[600];
        if (path) {
            snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng " SCHEMA " '%s' >/dev/null 2>&1", path);
            CHECK(system(cmd) == 0);
            remove(path);
            free(path);
        }
    }
    free(md);
}

/* A schema error where the reader found nothing is shown with "schema:". */
static void test_schema_messages(void)
{
    /* Like the format, but phien_ban is required. */
    static const char strict[] =
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start><element name=\"van_ban\">"
        "<attribute name=\"loai\"/><attribute name=\"phien_ban\"/>"
        "<zeroOrMore><ref name=\"any\"/></zeroOrMore></element></start>"
        "<define name=\"any\"><choice><text/><element><anyName/><zeroOrMore><attribute><anyName/></attribute>"
        "</zeroOrMore><zeroOrMore><ref name=\"any\"/></zeroOrMore></element></choice></define></grammar>\n";
    char *path = tmp_write(".rng", strict);
    CHECK(path != NULL);
    if (!path)
        return;
    vb_diag d;
    vb_diag_init(&d);
    vb_reader *r = vb_reader_new(path, NULL, &d);
    CHECK(r != NULL);
    vb_diag_free(&d);
    if (r) {
        char *x = with_body("<doan>a</doan>"), *diags = NULL;
        vb_err rc;
        vb_doc *doc = read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
        CHECK(rc == VB_ERR_INPUT && !doc);
        CHECK_STR(diags, "t.xml:2:1: error: schema: Element van_ban failed to validate attributes\n");
        free(diags);
        free(x);
        /* An element of more than 1,000 children is not given to the validator
         * (quadratic in libxml2); the reader still checks it. */
        size_t n = 1500;
        char *body = malloc(n * 12 + 32), *p = body;
        p += sprintf(p, "<doan>");
        for (size_t i = 0; i < n; i++)
            p += sprintf(p, "<b>x</b> ");
        sprintf(p, "</doan>");
        x = with_body(body);
        doc = read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
        CHECK(rc == VB_OK && doc && doc->body->first->text.n == 2 * n - 1);
        CHECK_STR(diags, "");
        vb_doc_free(doc);
        free(diags);
        free(x);
        body[strlen(body) - 7] = 0;
        strcat(body, "<doan/></doan>");
        x = with_body(body);
        read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
        CHECK(rc == VB_ERR_INPUT);
        CHECK_STR(diags, "t.xml:8:13517: error: <doan> is not allowed in <doan>\n");
        free(diags);
        free(x);
        free(body);
        vb_reader_free(r);
    }
    remove(path);
    free(path);

    vb_diag_init(&d);
    r = vb_reader_new("schema/no-such-file.rng", NULL, &d);
    CHECK(r == NULL && vb_diag_errors(&d) == 1);
    vb_diag_free(&d);
}

/* ---- limits, positions in big files, threads (timing: bench/run --read) ---------------------------------------------- */

static void test_limits(void)
{
    vb_limits lim = VB_LIMITS_DEFAULT;
    vb_diag d;
    vb_diag_init(&d);
    char *x = with_body("<doan>a</doan>"), *diags = NULL;
    vb_err rc;

    lim.max_input_bytes = 100;
    vb_reader *r = vb_reader_new(NULL, &lim, &d);
    read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
    char want[200];
    snprintf(want, sizeof want, "t.xml:1:1: error: input is %zu bytes; the limit is 100 (--max-input)\n", strlen(x));
    CHECK(rc == VB_ERR_INPUT);
    CHECK_STR(diags, want);
    free(diags);
    vb_reader_free(r);
    free(x);

    lim = (vb_limits)VB_LIMITS_DEFAULT;
    lim.max_depth = 6;
    r = vb_reader_new(NULL, &lim, &d);
    x = with_body("<gach><gach><gach><gach><gach>a</gach></gach></gach></gach></gach>");
    read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
    CHECK(rc == VB_ERR_INPUT);
    CHECK_STR(diags, "t.xml:8:35: error: elements are nested more than 6 deep (--max-depth)\n");
    free(diags);
    free(x);
    vb_reader_free(r);

    lim = (vb_limits)VB_LIMITS_DEFAULT;
    lim.max_nodes = 7; /* van_ban, text, co_quan_ban_hanh, text, text, so_ky_hieu, text: dia_danh is one too many */
    r = vb_reader_new(NULL, &lim, &d);
    x = with_body("<doan>a</doan><doan>b</doan>");
    read_mem(r, x, strlen(x), "t.xml", &rc, &diags);
    CHECK(rc == VB_ERR_INPUT);
    CHECK_STR(diags, "t.xml:5:1: error: the document has more than 7 elements and pieces of text (--max-nodes)\n");
    free(diags);
    free(x);
    vb_reader_free(r);
    vb_diag_free(&d);

    /* 200-deep nesting with the default limits: one message, no crash. */
    char *deep = malloc(200 * 15 + 64), *p = deep;
    for (int i = 0; i < 200; i++)
        p += sprintf(p, "<gach>");
    p += sprintf(p, "x");
    for (int i = 0; i < 200; i++)
        p += sprintf(p, "</gach>");
    x = with_body(deep);
    read_mem(reader, x, strlen(x), "t.xml", &rc, &diags);
    CHECK(rc == VB_ERR_INPUT && diags && strstr(diags, "(--max-depth)") && !strchr(strchr(diags, '\n') + 1, '\n'));
    free(diags);
    free(x);
    free(deep);
}

/* Positions stay right far into a big file (libxml2 moves its buffer). */
static void test_big_positions(void)
{
    size_t n = 20000;
    char *body = malloc(n * 40 + 64), *p = body;
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "<doan>Đoạn số %zu.</doan>\n", i);
    sprintf(p, "  <doan>ấ</doan><bảng/>");
    char *x = with_body(body), *diags = NULL, want[128];
    vb_err rc;
    read_mem(reader, x, strlen(x), "big.xml", &rc, &diags);
    snprintf(want, sizeof want, "big.xml:%zu:17: error: unknown element <bảng> in <noi_dung>\n", n + 8);
    CHECK_STR(diags, want);
    free(diags);
    free(x);
    free(body);
}

typedef struct job {
    const char *data;
    size_t len;
    int ok;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    j->ok = 1;
    for (int i = 0; i < 25; i++) {
        vb_diag d;
        vb_diag_init(&d);
        vb_doc *doc = NULL;
        if (vb_doc_read(reader, j->data, j->len, "t.xml", &doc, &d) != VB_OK || !doc || d.n)
            j->ok = 0;
        vb_doc_free(doc);
        vb_diag_free(&d);
    }
    return NULL;
}

static void test_threads(void)
{
    size_t len = 0;
    char *data = vb_test_slurp(EXAMPLE, &len);
    if (!data)
        return;
    pthread_t t[4];
    job j[4];
    for (int i = 0; i < 4; i++) {
        j[i] = (job){data, len, 0};
        CHECK(pthread_create(&t[i], NULL, worker, &j[i]) == 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(j[i].ok);
    }
    free(data);
}

int main(void)
{
    vb_diag d;
    vb_diag_init(&d);
    reader = vb_reader_new(SCHEMA, NULL, &d);
    if (!reader) {
        vb_diag_print(&d, stderr, 1);
        vb_diag_free(&d);
        fprintf(stderr, "test_xml_read: run it from the repository root\n");
        return 1;
    }
    vb_diag_free(&d);
    int have_xmllint = system("xmllint --version >/dev/null 2>&1") == 0;
    xmllint_found = have_xmllint;
    if (!have_xmllint)
        printf("test_xml_read: xmllint not found; skipping the xmllint checks\n");

    test_example();
    test_utf16();
    test_whitespace();
    test_nfc_and_letters();
    test_bad_inline();
    test_form_examples();
    test_tables();
    test_formal_elements();
    test_annexes_and_copy();
    test_issue9_forms();
    test_images();
    test_signing_inputs();
    test_bad_files(have_xmllint);
    test_examples_schema(have_xmllint);
    test_doc_example(have_xmllint);
    test_schema_messages();
    test_reader_schema_agree();
    test_tree_hook();
    test_limits();
    test_big_positions();
    test_threads();

    vb_reader_free(reader);
    return DONE();
}
