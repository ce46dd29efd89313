/* test_layout_spec.c - the layout file reader (src/layout/style.c) and the
 * default profile layouts/nd30.xml. Run from the repository root. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "style.h"

#define CHECK_NEAR(a, b) CHECK(fabs((double)(a) - (double)(b)) < 1e-3)

#define MM(v) ((v) * 72.0 / 25.4)

static void dump(const vb_diag *d)
{
    char line[1400];
    for (size_t i = 0; i < d->n; i++) {
        vb_diag_format(&d->v[i], line, sizeof line);
        fprintf(stderr, "    got: %s\n", line);
    }
}

/* True when entry i of d formats exactly as want. */
static int entry_is(const vb_diag *d, size_t i, const char *want)
{
    char line[1400];
    if (i >= d->n)
        return 0;
    vb_diag_format(&d->v[i], line, sizeof line);
    return strcmp(line, want) == 0;
}

/* Loads text from memory as `name`; the load must fail, and the diagnostics
 * must be exactly want[0..n) in that order (n == 0: only the first is
 * compared with want[0]). */
static void expect_fail(int line, const char *name, const char *text, const char *const *want, size_t n)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load_mem(text, strlen(text), name, &st, &d);
    int ok = st == NULL && serr == VB_ERR_INPUT && vb_diag_errors(&d) > 0;
    if (n == 0) {
        ok = ok && entry_is(&d, 0, want[0]);
    } else {
        ok = ok && d.n == n;
        for (size_t i = 0; ok && i < n; i++)
            ok = entry_is(&d, i, want[i]);
    }
    if (!ok) {
        fprintf(stderr, "%s:%d: unexpected result for %s\n", __FILE__, line, name);
        for (size_t i = 0; i < (n ? n : 1); i++)
            fprintf(stderr, "   want: %s\n", want[i]);
        dump(&d);
        vb_test_failures++;
    }
    vb_style_free(st);
    vb_diag_free(&d);
}

#define EXPECT_FAIL(name, text, ...)                                                                      \
    do {                                                                                                  \
        static const char *const want_[] = {__VA_ARGS__};                                                 \
        expect_fail(__LINE__, name, text, want_, sizeof want_ / sizeof want_[0]);                         \
    } while (0)

#define EXPECT_FIRST(name, text, msg)                                                                     \
    do {                                                                                                  \
        static const char *const want_[] = {msg};                                                         \
        expect_fail(__LINE__, name, text, want_, 0);                                                      \
    } while (0)

static void test_roles(void)
{
    for (int r = 0; r < VB_ROLE_COUNT; r++)
        CHECK(vb_role_find(vb_role_name((vb_role)r)) == r);
    CHECK(strcmp(vb_role_name(VB_ROLE_QUOC_HIEU), "quoc_hieu") == 0);
    CHECK(strcmp(vb_role_name(VB_ROLE_NOI_NHAN_DS), "noi_nhan_ds") == 0);
    CHECK(strcmp(vb_role_name(VB_ROLE_SO_TRANG), "so_trang") == 0);
    CHECK(vb_role_find("chu_ky") == -1);
    CHECK(vb_role_find(NULL) == -1);
}

static void test_nd30(void)
{
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load("layouts/nd30.xml", &st, &d);
    CHECK(st != NULL && serr == VB_OK);
    CHECK(d.n == 0); /* not even a warning */
    if (d.n)
        dump(&d);
    if (!st)
        goto done;
    CHECK(strcmp(st->name, "nd30") == 0);
    CHECK(strcmp(st->file, "layouts/nd30.xml") == 0);
    CHECK_NEAR(st->page_w, 595.2756);
    CHECK_NEAR(st->page_h, 841.8898);
    CHECK_NEAR(st->margin_top, 56.6929);
    CHECK_NEAR(st->margin_bottom, 56.6929);
    CHECK_NEAR(st->margin_left, 85.0394);
    CHECK_NEAR(st->margin_right, 42.5197);
    CHECK_NEAR(st->header_distance, MM(10));
    CHECK(strcmp(st->font_file[VB_FACE_REGULAR], "LiberationSerif-Regular.ttf") == 0);
    CHECK(strcmp(st->font_file[VB_FACE_BOLD_ITALIC], "LiberationSerif-BoldItalic.ttf") == 0);
    CHECK(strcmp(st->docx_family, "Times New Roman") == 0);
    CHECK_NEAR(st->header_left_w, MM(65));
    CHECK_NEAR(st->header_right_w, MM(100));
    CHECK_NEAR(st->header_shift, 0);
    CHECK_NEAR(st->title_gap, 18);
    CHECK_NEAR(st->rule_width, 0.5);
    CHECK_NEAR(st->agency_rule_ratio, 0.4);
    CHECK_NEAR(st->motto_rule_ratio, 1);
    CHECK_NEAR(st->after_title_gap, 12);
    CHECK_NEAR(st->kinh_gui_indent, MM(35));
    CHECK_NEAR(st->sign_space, MM(25));
    CHECK(st->widows == 2 && st->orphans == 2);
    CHECK_NEAR(st->space_stretch, 0.5);
    CHECK_NEAR(st->hyphen_like_penalty, 50);

    const vb_role_style *doan = &st->role[VB_ROLE_DOAN];
    CHECK_NEAR(doan->size, 14);
    CHECK(!doan->bold && !doan->italic);
    CHECK(doan->align == VB_ALIGN_JUSTIFY);
    CHECK_NEAR(doan->indent_first, 28.3465); /* 1 cm */
    CHECK_NEAR(doan->indent_left, 0);
    CHECK_NEAR(doan->space_before, 6);
    CHECK_NEAR(doan->line_spacing, 1.0);
    CHECK(!doan->keep_with_next);

    const vb_role_style *qh = &st->role[VB_ROLE_QUOC_HIEU];
    CHECK_NEAR(qh->size, 13);
    CHECK(qh->bold && qh->align == VB_ALIGN_CENTER);
    CHECK(st->role[VB_ROLE_DIA_DANH_NGAY].italic && !st->role[VB_ROLE_DIA_DANH_NGAY].bold);
    CHECK(!st->role[VB_ROLE_CO_QUAN_CHU_QUAN].bold && st->role[VB_ROLE_CO_QUAN].bold);
    CHECK(st->role[VB_ROLE_NOI_NHAN].bold && st->role[VB_ROLE_NOI_NHAN].italic);
    CHECK_NEAR(st->role[VB_ROLE_NOI_NHAN].size, 12);
    CHECK(st->role[VB_ROLE_NOI_NHAN].align == VB_ALIGN_LEFT);
    CHECK_NEAR(st->role[VB_ROLE_NOI_NHAN_DS].size, 11);
    CHECK(st->role[VB_ROLE_PHAN].keep_with_next);
    CHECK_NEAR(st->role[VB_ROLE_CHUONG].space_before, 12);
    CHECK(st->role[VB_ROLE_DIEU].keep_with_next && st->role[VB_ROLE_DIEU].align == VB_ALIGN_JUSTIFY);
    CHECK(!st->role[VB_ROLE_HO_TEN].keep_with_next);
    for (int r = 0; r < VB_ROLE_COUNT; r++) {
        CHECK(st->role[r].size >= 10 && st->role[r].size <= 14);
        CHECK_NEAR(st->role[r].line_spacing, 1.0);
    }
done:
    vb_style_free(st);
    vb_diag_free(&d);
}

static void test_extends(void)
{
    static const char text[] = "<layout name=\"nd30-test\" extends=\"nd30\">\n"
                               "  <page left=\"3.5cm\"/>\n"
                               "  <style role=\"doan\" size=\"13\"/>\n"
                               "</layout>\n";
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load_mem(text, strlen(text), "layouts/nd30-test.xml", &st, &d);
    CHECK(st != NULL && serr == VB_OK);
    /* The wider left margin leaves 160 mm of text for 165 mm of columns:
     * warnings, at the root since this file has no <header>/<signature>. */
    CHECK(vb_diag_errors(&d) == 0 && d.n == 2);
    CHECK(entry_is(&d, 0,
                   "layouts/nd30-test.xml:1:1: warning: <header>: the two columns (165 mm) are wider than the text "
                   "width plus 'shift' (160 mm); they reach into the right margin"));
    CHECK(entry_is(&d, 1,
                   "layouts/nd30-test.xml:1:1: warning: <signature>: the two columns (165 mm) are wider than the "
                   "text (160 mm); they reach into the right margin"));
    if (d.n != 2)
        dump(&d);
    if (st) {
        CHECK(strcmp(st->name, "nd30-test") == 0);
        CHECK_NEAR(st->margin_left, MM(35));   /* overridden */
        CHECK_NEAR(st->margin_right, MM(15));  /* inherited */
        CHECK_NEAR(st->margin_top, MM(20));
        CHECK_NEAR(st->role[VB_ROLE_DOAN].size, 13);
        CHECK_NEAR(st->role[VB_ROLE_DOAN].indent_first, 28.3465);
        CHECK(st->role[VB_ROLE_DOAN].align == VB_ALIGN_JUSTIFY);
        CHECK_NEAR(st->role[VB_ROLE_DOAN].space_before, 6);
        CHECK_NEAR(st->role[VB_ROLE_TIEU_NGU].size, 14);
        CHECK(strcmp(st->docx_family, "Times New Roman") == 0);
    }
    vb_style_free(st);
    vb_diag_free(&d);

    /* A margin outside the decree's range is a warning: the load succeeds. */
    static const char warn[] = "<layout name=\"w\" extends=\"nd30\">\n"
                               "  <page top=\"18mm\"/>\n"
                               "</layout>\n";
    vb_diag_init(&d);
    serr = vb_style_load_mem(warn, strlen(warn), "layouts/w.xml", &st, &d);
    CHECK(st != NULL && serr == VB_OK);
    CHECK(d.n == 1 && vb_diag_errors(&d) == 0);
    CHECK(entry_is(&d, 0,
                   "layouts/w.xml:2:3: warning: <page>: 'top' is '18mm', outside the decree's range of 20 to 25 mm"));
    vb_style_free(st);
    vb_diag_free(&d);
}

/* The base of an in-memory file named layouts/t.xml is layouts/nd30.xml. */
#define HEAD "<layout name=\"t\" extends=\"nd30\">\n"
#define T "layouts/t.xml"

static void test_bad_inputs(void)
{
    EXPECT_FIRST(T, HEAD "  <page left=\"35mm\">\n</layout>\n",
                 T ":3:10: error: malformed XML: Opening and ending tag mismatch: page line 2 and layout");
    EXPECT_FAIL(T, "<?xml version=\"1.0\"?>\n<vanban name=\"t\"/>\n",
                T ":2:1: error: the root element must be <layout>, not <vanban>");
    EXPECT_FAIL(T, HEAD "  <margins top=\"20mm\"/>\n</layout>\n",
                T ":2:3: error: unknown element <margins> (expected <page>, <fonts>, <header>, <recipients>, "
                  "<signature>, <paragraphs> or <style>)");
    EXPECT_FAIL(T, HEAD "  <page lefft=\"35mm\"/>\n</layout>\n",
                T ":2:3: error: <page>: unknown attribute 'lefft' (expected width, height, top, bottom, left, "
                  "right, header)");
    EXPECT_FAIL(T, HEAD "  <style role=\"doan\" size=\"14px\"/>\n</layout>\n",
                T ":2:3: error: <style role=\"doan\">: 'size' must be a number of points, not '14px'");
    EXPECT_FAIL(T, HEAD "  <page left=\"30\"/>\n</layout>\n",
                T ":2:3: error: <page>: 'left' needs a unit (mm, cm, pt or in): '30'");
    EXPECT_FAIL(T, HEAD "  <page left=\"3O mm\"/>\n</layout>\n",
                T ":2:3: error: <page>: 'left' must be a length with a unit (mm, cm, pt or in), such as '20mm', "
                  "not '3O mm'");
    EXPECT_FAIL(T, HEAD "  <style role=\"chu_ky\" size=\"14\"/>\n</layout>\n",
                T ":2:3: error: <style>: unknown role 'chu_ky' (docs/layouts.md lists the roles)");
    EXPECT_FAIL(T, HEAD "  <style role=\"doan\" size=\"13\"/>\n  <style role=\"doan\" bold=\"true\"/>\n</layout>\n",
                T ":3:3: error: a second <style> for role 'doan' (the first is at line 2)");
    EXPECT_FAIL(T, HEAD "  <style size=\"13\"/>\n</layout>\n", T ":2:3: error: <style> needs attribute 'role'");
    EXPECT_FAIL(T, HEAD "  <style role=\"doan\" line-spacing=\"3.5\"/>\n</layout>\n",
                T ":2:3: error: <style role=\"doan\">: 'line-spacing' must be between 0.8 and 3, not '3.5'");
    EXPECT_FAIL(T, HEAD "  <page left=\"12cm\"/>\n</layout>\n",
                T ":2:3: error: <page>: 'left' must be between 0 and 100 mm, not '12cm'");
    EXPECT_FAIL(T, HEAD "  <header motto-rule=\"1.5\"/>\n</layout>\n",
                T ":2:3: error: <header>: 'motto-rule' must be between 0 and 1, not '1.5'");
    EXPECT_FAIL(T, HEAD "  <paragraphs widows=\"2.5\"/>\n</layout>\n",
                T ":2:3: error: <paragraphs>: 'widows' must be a whole number, not '2.5'");
    EXPECT_FAIL(T, HEAD "  <style role=\"ho_ten\" italic=\"yes\"/>\n</layout>\n",
                T ":2:3: error: <style role=\"ho_ten\">: 'italic' must be true or false, not 'yes'");
    EXPECT_FAIL(T, HEAD "  <page left=\"35mm\"><margin/></page>\n</layout>\n",
                T ":2:21: error: unknown element <margin> inside <page> (it takes no child elements)");
    EXPECT_FAIL(T, "<layout extends=\"nd30\"/>\n", T ":1:1: error: <layout> needs attribute 'name'");
    EXPECT_FAIL(T, "<layout name=\"t\" extends=\"../nd30\"/>\n",
                T ":1:1: error: <layout>: 'extends' must be a profile name (letters, digits, '-', '_', '.'), "
                  "not '../nd30'");
    /* Columns count characters, not bytes. */
    EXPECT_FAIL(T, HEAD "<!-- ô số 6 --> <style role=\"doan\" size=\"99\"/>\n</layout>\n",
                T ":2:17: error: <style role=\"doan\">: 'size' must be between 4 and 72 pt, not '99'");
    EXPECT_FAIL(T, "<!DOCTYPE layout>\n" HEAD "</layout>\n",
                T ":1:1: error: a layout file takes no <!DOCTYPE>; remove it");
    EXPECT_FAIL(T, "", T ": error: the layout file is empty");
    EXPECT_FAIL(T, "<layout name=\"t\" extends=\"no-such-profile\"/>\n",
                T ":1:1: error: <layout>: cannot read the base layout 'no-such-profile' "
                  "(layouts/no-such-profile.xml): No such file or directory");

    /* Every problem of a file, not only the first. */
    EXPECT_FAIL(T,
                HEAD "  <page top=\"20\"/>\n"
                     "  <style role=\"doan\" size=\"big\"/>\n"
                     "  <signature gap=\"12pt\"/>\n"
                     "</layout>\n",
                T ":2:3: error: <page>: 'top' needs a unit (mm, cm, pt or in): '20'",
                T ":3:3: error: <style role=\"doan\">: 'size' must be a number of points, not 'big'",
                T ":4:3: error: <signature>: unknown attribute 'gap' (expected left, right, gap-before, space)");

    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load("layouts/no-such-file.xml", &st, &d);
    CHECK(st == NULL && serr == VB_ERR_INPUT);
    CHECK(d.n == 1 && entry_is(&d, 0, "layouts/no-such-file.xml: error: cannot read the layout file: "
                                       "No such file or directory"));
    vb_diag_free(&d);
}

/* A complete profile that extends nothing, one role left out. */
static void test_missing_role(void)
{
    vb_buf b = VB_BUF_INIT;
    vb_buf_puts(&b, "<?xml version=\"1.0\"?>\n"
                    "<layout name=\"full\" version=\"1\">\n"
                    "<page width=\"210mm\" height=\"297mm\" top=\"20mm\" bottom=\"20mm\" left=\"30mm\""
                    " right=\"15mm\" header=\"10mm\"/>\n"
                    "<fonts regular=\"R.ttf\" bold=\"B.ttf\" italic=\"I.ttf\" bold-italic=\"BI.ttf\""
                    " docx-family=\"Times New Roman\"/>\n"
                    "<header left=\"65mm\" right=\"100mm\" shift=\"0mm\" rows-gap=\"6pt\" title-gap=\"18pt\""
                    " rule-width=\"0.5pt\" rule-gap=\"4pt\" agency-rule=\"0.4\" motto-rule=\"1\""
                    " summary-rule=\"0.4\" after-title=\"12pt\" vv-gap=\"6pt\"/>\n"
                    "<recipients kinh-gui-indent=\"35mm\"/>\n"
                    "<signature left=\"65mm\" right=\"100mm\" gap-before=\"12pt\" space=\"25mm\"/>\n"
                    "<paragraphs widows=\"2\" orphans=\"2\" space-stretch=\"0.5\" space-shrink=\"0\""
                    " line-penalty=\"10\" break-penalty=\"50\" fitness-demerits=\"100\" ragged-stretch=\"0.333\"/>\n"
                    "<marks khan=\"20mm\" thuong-khan=\"40mm\" hoa-toc=\"30mm\" height=\"8mm\""
                    " frame-width=\"0.75pt\" color=\"#ff0000\" padding=\"3mm\" gap=\"6pt\""
                    " ecopy-width=\"77mm\" ecopy-height=\"8.7mm\" ecopy-right=\"5mm\" ecopy-top=\"3mm\""
                    " circulation-center=\"0.715\" address-gap=\"3pt\" draft-size=\"11\""
                    " draft-frame=\"0.75pt\" draft-color=\"#d9d9d9\" draft-span=\"0.62\"/>\n"
                    "<images signature-width=\"35mm\" seal-diameter=\"36mm\" seal-overlap=\"0.33\""
                    " signature-color=\"#1f3fbf\" seal-color=\"#E00000\"/>\n"
                    "<tables cell-padding-x=\"1.5mm\" cell-padding-y=\"2pt\" border=\"0.5pt\" space=\"6pt\""
                    " copy-gap=\"12pt\"/>\n");
    for (int r = 0; r < VB_ROLE_COUNT; r++)
        if (r != VB_ROLE_HO_TEN)
            vb_buf_printf(&b, "<style role=\"%s\" size=\"14\"/>\n", vb_role_name((vb_role)r));
    size_t keep = b.len;
    vb_buf_puts(&b, "</layout>\n");
    vb_buf_putc(&b, 0);
    CHECK(!b.failed);
    EXPECT_FAIL("layouts/full.xml", (const char *)b.data,
                "layouts/full.xml:2:1: error: no <style> for role 'ho_ten'");

    /* With the role it loads, and the omitted attributes take the defaults. */
    b.len = keep;
    vb_buf_puts(&b, "<style role=\"ho_ten\" size=\"14\" bold=\"true\"/>\n</layout>\n");
    vb_buf_putc(&b, 0);
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load_mem((const char *)b.data, b.len - 1, "layouts/full.xml", &st, &d);
    CHECK(st != NULL && serr == VB_OK && d.n == 0);
    if (st) {
        CHECK(st->role[VB_ROLE_HO_TEN].bold);
        CHECK(st->role[VB_ROLE_DOAN].align == VB_ALIGN_LEFT);
        CHECK_NEAR(st->role[VB_ROLE_DOAN].line_spacing, 1);
        CHECK_NEAR(st->role[VB_ROLE_DOAN].indent_first, 0);
        CHECK(strcmp(st->font_file[VB_FACE_BOLD], "B.ttf") == 0);
        CHECK(st->seal_color == 0xE00000 && st->urgent_color == 0xFF0000);
    }
    vb_style_free(st);
    vb_diag_free(&d);

    /* Without a <fonts> element: an error at the root. */
    b.len = 0;
    vb_buf_puts(&b, "<layout name=\"f\">\n<paragraphs widows=\"2\"/>\n</layout>\n");
    vb_buf_putc(&b, 0);
    vb_diag_init(&d);
    serr = vb_style_load_mem((const char *)b.data, b.len - 1, "layouts/f.xml", &st, &d);
    CHECK(st == NULL && serr == VB_ERR_INPUT);
    CHECK(entry_is(&d, 0, "layouts/f.xml:2:1: error: <paragraphs> needs attribute 'orphans'"));
    int found = 0;
    for (size_t i = 0; i < d.n; i++)
        found |= entry_is(&d, i, "layouts/f.xml:1:1: error: <layout> needs a <fonts> element");
    CHECK(found);
    vb_style_free(st);
    vb_diag_free(&d);
    vb_buf_free(&b);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static void test_cycles(void)
{
    /* A file that extends itself. */
    EXPECT_FAIL("layouts/loop.xml", "<layout name=\"loop\" extends=\"loop\"/>\n",
                "layouts/loop.xml:1:1: error: <layout>: extends=\"loop\" makes a cycle: layouts/loop.xml -> "
                "layouts/loop.xml");

    /* a (in memory) extends b, b (on disk) extends a. */
    char dir[] = "/tmp/vb-layout-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char a[64], bpath[64], want[512], note[512];
    snprintf(a, sizeof a, "%s/a.xml", dir);
    snprintf(bpath, sizeof bpath, "%s/b.xml", dir);
    CHECK(write_file(bpath, "<layout name=\"b\" extends=\"a\">\n</layout>\n") == 0);
    snprintf(want, sizeof want,
             "%s:1:1: error: <layout>: extends=\"a\" makes a cycle: %s -> %s -> %s", bpath, a, bpath, a);
    snprintf(note, sizeof note, "%s:1:1: note: <layout>: the base layout 'b' (%s) has errors", a, bpath);
    static const char text[] = "<layout name=\"a\" extends=\"b\"/>\n";
    vb_diag d;
    vb_diag_init(&d);
    vb_style *st;
    vb_err serr = vb_style_load_mem(text, strlen(text), a, &st, &d);
    CHECK(st == NULL && serr == VB_ERR_INPUT);
    CHECK(d.n == 2 && vb_diag_errors(&d) == 1);
    CHECK(entry_is(&d, 0, want));
    CHECK(entry_is(&d, 1, note));
    if (d.n != 2)
        dump(&d);
    vb_style_free(st);
    vb_diag_free(&d);
    remove(bpath);
    rmdir(dir);
}

int main(void)
{
    /* Under a locale with a decimal comma (vi_VN) numbers must still read. */
    setlocale(LC_NUMERIC, "");
    test_roles();
    test_nd30();
    test_extends();
    test_bad_inputs();
    test_missing_role();
    test_cycles();
    return DONE();
}
