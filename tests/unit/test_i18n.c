/* test_i18n.c - messages in the embedder's language: the library never sets
 * the locale itself, so a program that does not call setlocale gets English
 * whatever LANG says; one that sets a Vietnamese locale gets Vietnamese
 * messages, severities and vb_strerror texts, at the same places. Run from
 * the repository root (the data directory) with the build tree's catalogue
 * (build/locale, found from build/tests/). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "i18n.h"
#include "pdfinfo.h"
#include "vanban.h"

static const char broken[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<van_ban loai=\"bao_cao\" phien_ban=\"1\">\n"
                             "  <so_ky_hieu ky_hieu=\"BC-UBND\"/>\n"
                             "</van_ban>\n";

/* The first signature field's rectangle of pdf, read by vb_pdfinfo_read
 * under the current locale; 0 when qpdf is not here. */
static int field_rect(const vb_buf *pdf, double r[4])
{
    vb_pdfinfo info;
    char why[600];
    if (vb_pdfinfo_read(pdf->data, pdf->len, "t.pdf", &info, why, sizeof why) != VB_OK)
        return 0;
    int ok = info.n_fields > 0;
    if (ok)
        memcpy(r, info.fields[0].rect, sizeof info.fields[0].rect);
    vb_pdfinfo_free(&info);
    return ok;
}

/* The first entry of checking `broken`, in compiler form. */
static void first_line(vb_engine *e, char *buf, size_t size)
{
    vb_diag *d = NULL;
    vb_diag_create(&d);
    buf[0] = 0;
    if (d && vb_check(e, broken, strlen(broken), "bc.xml", d) == VB_ERR_INPUT && vb_diag_count(d))
        vb_diag_text(d, 0, buf, size);
    vb_diag_destroy(d);
}

int main(void)
{
    /* the user's environment asks for Vietnamese, the program has not set
     * its locale: the library stays in the C locale's English */
    setenv("LANG", "vi_VN.UTF-8", 1);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANGUAGE");
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    vb_diag *d = NULL;
    vb_diag_create(&d);
    vb_engine *e = NULL;
    vb_err err = vb_engine_new(&e, &o, d);
    CHECK(err == VB_OK, "%s", vb_strerror(err));
    if (err) {
        vb_diag_print(d, stderr, 0);
        return DONE();
    }
    CHECK_STR(setlocale(LC_ALL, NULL), "C"); /* the engine left the locale alone */
    CHECK_STR(vb_strerror(VB_ERR_NOMEM), "out of memory");
    char en[1400], vi[1400];
    first_line(e, en, sizeof en);
    CHECK(strstr(en, "bc.xml:2:1: error: <van_ban> needs <co_quan_ban_hanh>") == en, "got %s", en);

    /* the catalogue the engine bound: the build tree's */
    const char *dir = vb_i18n_bind();
    CHECK(dir && strstr(dir, "/locale"), "locale dir %s", dir ? dir : "(null)");

    /* a PDF with a signature field, for vanban info's reader */
    vb_buf pdf = VB_BUF_INIT;
    FILE *f = fopen("examples/bao-cao-lap-vo.xml", "rb");
    char xml[1 << 16];
    size_t xn = f ? fread(xml, 1, sizeof xml, f) : 0;
    if (f)
        fclose(f);
    vb_diag_clear(d);
    CHECK(xn > 0 && vb_render(e, xml, xn, "bc.xml", VB_FORMAT_PDF, &pdf, d) == VB_OK);
    double rc[4] = {0}, rv[4] = {0};
    int have_qpdf = field_rect(&pdf, rc);

    if (!setlocale(LC_ALL, "vi_VN.UTF-8")) {
        printf("note: no vi_VN.UTF-8 locale here (scripts/deps makes it); the Vietnamese half skipped\n");
    } else {
        CHECK_STR(vb_strerror(VB_ERR_NOMEM), "hết bộ nhớ");
        first_line(e, vi, sizeof vi);
        CHECK_STR(vi, "bc.xml:2:1: lỗi: <van_ban> cần có <co_quan_ban_hanh>");
        /* the callback hears the same words */
        CHECK_STR(_("warning"), "cảnh báo");
        /* "" is not the catalogue's header, NULL stays NULL */
        CHECK_STR(_(""), "");
        CHECK(vb_gettext(NULL) == NULL);
        /* vanban info's reader keeps C's numbers under vi_VN's decimal
         * comma (qpdf reads reals with atof) */
        if (have_qpdf) {
            CHECK(field_rect(&pdf, rv));
            CHECK(memcmp(rc, rv, sizeof rc) == 0 && rc[0] != (double)(long)rc[0], "%g %g under C, %g %g under vi_VN",
                  rc[0], rc[1], rv[0], rv[1]);
            CHECK_STR(setlocale(LC_NUMERIC, NULL), "vi_VN.UTF-8"); /* and left the locale as it was */
        }
        /* LC_MESSAGES alone decides: numbers may follow vi_VN, messages C */
        setlocale(LC_MESSAGES, "C");
        CHECK_STR(vb_strerror(VB_ERR_NOMEM), "out of memory");
        first_line(e, en, sizeof en);
        CHECK(strstr(en, "bc.xml:2:1: error: <van_ban> needs <co_quan_ban_hanh>") == en, "got %s", en);
        setlocale(LC_ALL, "C");
    }
    vb_buf_free(&pdf);
    vb_engine_free(e);
    vb_diag_destroy(d);
    return DONE();
}
