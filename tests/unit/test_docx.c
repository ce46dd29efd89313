/* test_docx.c - the DOCX element writers one by one, as libxlsxwriter tests
 * each _write_*: write one element into memory, compare it with the
 * expected string. The paragraph tests feed hand-made layout records
 * (page.h) to check that the writer puts a line break exactly at layout's
 * breaks, a no-break space where layout asks for one, and a rule as long
 * as layout drew it. */
#include <libxml/xmlwriter.h>
#include <string.h>

#include "docx_priv.h"
#include "font.h"
#include "harness.h"
#include "style.h"

static const char DECL[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/* What the writer holds, without the XML declaration (static buffer). */
static const char *written(vb_docx_xml *x)
{
    static char out[8192];
    xmlTextWriterFlush(x->w);
    const char *s = (const char *)xmlBufferContent(x->buf);
    if (!strncmp(s, DECL, sizeof DECL - 1))
        s += sizeof DECL - 1;
    snprintf(out, sizeof out, "%s", s);
    return out;
}

static vb_style *st;
static vb_fontset *fs;
static vb_doc doc; /* an empty document: no address, no stamps */

/* A fresh writer and writing context. */
static void open_ctx(vb_docx_xml *x, dctx *c, const vb_pages *P)
{
    CHECK(vb_docx_xml_open(x, "test") == VB_OK);
    CHECK(vb_docx_dctx_init(c, x, &doc, P, st, fs) == VB_OK);
}

static void close_ctx(vb_docx_xml *x, dctx *c)
{
    CHECK(!x->failed && !c->nomem);
    vb_docx_dctx_free(c);
    vb_docx_xml_free(x);
}

/* ---- property elements ---- */

static void test_w_ind(void)
{
    vb_docx_xml x;
    CHECK(vb_docx_xml_open(&x, "test") == VB_OK);
    vb_docx_write_w_ind(&x, 567, 0, -283);
    vb_docx_write_w_ind(&x, 0, 120, 709);
    CHECK_STR(written(&x), "<w:ind w:left=\"567\" w:right=\"0\" w:hanging=\"283\"/>"
                           "<w:ind w:left=\"0\" w:right=\"120\" w:firstLine=\"709\"/>");
    vb_docx_xml_free(&x);
}

static void test_w_spacing(void)
{
    vb_docx_xml x;
    CHECK(vb_docx_xml_open(&x, "test") == VB_OK);
    vb_docx_write_w_spacing(&x, 120, -1, 0);
    vb_docx_write_w_spacing(&x, -1, 60, 299);
    CHECK_STR(written(&x), "<w:spacing w:before=\"120\"/>"
                           "<w:spacing w:after=\"60\" w:line=\"299\" w:lineRule=\"exact\"/>");
    vb_docx_xml_free(&x);
}

static void test_w_tblGrid(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    long cols[3] = {1000, 2500, 3604};
    vb_docx_write_w_tblGrid(&c, cols, 3);
    CHECK_STR(written(&x), "<w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"2500\"/>"
                           "<w:gridCol w:w=\"3604\"/></w:tblGrid>");
    close_ctx(&x, &c);
}

static void test_w_tr_tc(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    vb_docx_write_w_tr_start(&c, 1, 0);
    dcell d = {2000, 2, "restart", "center", 0, 0};
    vb_docx_write_w_tc_start(&c, &d);
    vb_docx_xml_end(&x);
    dcell hole = {500, 1, NULL, NULL, 1, 0};
    vb_docx_write_w_tc_start(&c, &hole);
    vb_docx_xml_end(&x);
    vb_docx_xml_end(&x);
    CHECK_STR(written(&x), "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                           "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/>"
                           "<w:vMerge w:val=\"restart\"/><w:vAlign w:val=\"center\"/></w:tcPr></w:tc>"
                           "<w:tc><w:tcPr><w:tcW w:w=\"500\" w:type=\"dxa\"/><w:tcBorders><w:top w:val=\"nil\"/>"
                           "<w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/></w:tcBorders>"
                           "</w:tcPr></w:tc></w:tr>");
    close_ctx(&x, &c);
}

static void test_w_tr_exact(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    vb_docx_write_w_tr_start(&c, 0, 20.5); /* 410 twips */
    vb_docx_xml_end(&x);
    CHECK_STR(written(&x), "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"410\" w:hRule=\"exact\"/></w:trPr></w:tr>");
    close_ctx(&x, &c);
}

/* ---- paragraphs from layout's records ---- */

/* A record of `text` broken into lines at the given byte ranges. */
static vb_para_rec record(const char *text, vb_pline *lines, uint32_t n)
{
    vb_para_rec r;
    memset(&r, 0, sizeof r);
    r.role = VB_ROLE_TRICH_YEU;
    r.text = text;
    r.len = (uint32_t)strlen(text);
    r.lines = lines;
    r.n_lines = n;
    return r;
}

static void test_breaks_at_layouts_breaks(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    /* "Về việc tổ chức hội nghị" broken after "chức": the space at the
     * break goes, a w:br takes its place, and the runs keep their italics */
    static const char text[] = "Về việc tổ chức hội nghị";
    size_t cut = strlen("Về việc tổ chức");
    vb_pline lines[2] = {{0, (uint32_t)cut, 0, 0}, {(uint32_t)cut + 1, (uint32_t)strlen(text), 0, 0}};
    vb_para_rec rec = record(text, lines, 2);
    druns r = {0};
    vb_docx_run_add(&c, &r, text, strlen("Về việc "), 0);
    vb_docx_run_add(&c, &r, text + strlen("Về việc "), strlen(text) - strlen("Về việc "), VB_SPAN_ITALIC);
    CHECK(vb_docx_apply_breaks(&c, &rec, &r) == 1);
    dpara p = vb_docx_para_of(VB_ROLE_TRICH_YEU, st->role[VB_ROLE_TRICH_YEU].space_before, 0);
    vb_docx_write_w_p(&c, &p, &r);
    CHECK_STR(written(&x), "<w:p><w:pPr><w:pStyle w:val=\"TrichYeu\"/></w:pPr>"
                           "<w:r><w:t xml:space=\"preserve\">Về việc </w:t></w:r>"
                           "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">tổ chức</w:t><w:br/>"
                           "<w:t xml:space=\"preserve\">hội nghị</w:t></w:r></w:p>");
    close_ctx(&x, &c);
}

static void test_breaks_need_the_same_text(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    /* runs that do not carry the record's words are left alone */
    vb_pline lines[2] = {{0, 1, 0, 0}, {2, 3, 0, 0}};
    vb_para_rec rec = record("a b", lines, 2);
    druns r = {0};
    vb_docx_run_str(&c, &r, "a c");
    CHECK(vb_docx_apply_breaks(&c, &rec, &r) == 0);
    CHECK(r.n == 1 && r.v[0].len == 3);
    /* one line: nothing to break */
    vb_para_rec one = record("a c", lines, 1);
    CHECK(vb_docx_apply_breaks(&c, &one, &r) == 0);
    close_ctx(&x, &c);
}

static void test_no_break_spaces(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    /* layout keeps "b c" together: a word processor would break there */
    static const uint32_t keep[1] = {3};
    vb_pline lines[2] = {{0, 1, 0, 0}, {2, 5, 0, 0}};
    vb_para_rec rec = record("a b c", lines, 2);
    rec.keep = keep;
    rec.n_keep = 1;
    druns r = {0};
    vb_docx_run_str(&c, &r, "a b c");
    dpara p = vb_docx_para_of(VB_ROLE_DOAN, st->role[VB_ROLE_DOAN].space_before, st->role[VB_ROLE_DOAN].space_after);
    p.keep = &rec;
    vb_docx_write_w_p(&c, &p, &r);
    CHECK_STR(written(&x), "<w:p><w:pPr><w:pStyle w:val=\"Doan\"/></w:pPr>"
                           "<w:r><w:t xml:space=\"preserve\">a b\xC2\xA0" "c</w:t></w:r></w:p>");
    close_ctx(&x, &c);
}

static void test_rule_paragraph(void)
{
    vb_docx_xml x;
    dctx c;
    open_ctx(&x, &c, NULL);
    /* a rule from 100 to 160 pt in a 300 pt space, its middle 4 pt below
     * the last line box, 0.5 pt thick */
    vb_prule rule = {100, 160, 4, 0.5};
    vb_para_rec rec = record("x", NULL, 0);
    rec.space_w = 300;
    rec.rule = &rule;
    dpara p;
    CHECK(vb_docx_rule_para(&rec, &p) == 1);
    vb_docx_write_w_p(&c, &p, NULL);
    CHECK_STR(written(&x), "<w:p><w:pPr><w:pStyle w:val=\"DuongKe\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" "
                           "w:space=\"0\" w:color=\"000000\"/></w:pBdr><w:spacing w:line=\"75\" w:lineRule=\"exact\"/>"
                           "<w:ind w:left=\"2000\" w:right=\"2800\" w:firstLine=\"0\"/></w:pPr></w:p>");
    /* no rule in the record (a block without lines): no paragraph */
    rec.rule = NULL;
    CHECK(vb_docx_rule_para(&rec, &p) == 0);
    close_ctx(&x, &c);
}

int main(void)
{
    vb_diag diag;
    vb_diag_init(&diag);
    CHECK(vb_style_load("layouts/nd30.xml", &st, &diag) == VB_OK);
    const char *paths[VB_FACE_COUNT] = {
        "fonts/LiberationSerif-Regular.ttf",
        "fonts/LiberationSerif-Bold.ttf",
        "fonts/LiberationSerif-Italic.ttf",
        "fonts/LiberationSerif-BoldItalic.ttf",
    };
    CHECK(vb_fontset_load(&fs, paths, &diag) == VB_OK);
    if (!st || !fs)
        return DONE();
    test_w_ind();
    test_w_spacing();
    test_w_tblGrid();
    test_w_tr_tc();
    test_w_tr_exact();
    test_breaks_at_layouts_breaks();
    test_breaks_need_the_same_text();
    test_no_break_spaces();
    test_rule_paragraph();
    vb_fontset_free(fs);
    vb_style_free(st);
    vb_diag_free(&diag);
    return DONE();
}
