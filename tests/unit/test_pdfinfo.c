/* test_pdfinfo.c - signature fields: written by the PDF backend from the
 * page model's field boxes, read back by vanban info's reader (qpdf).
 *
 * Names come back as given, without '.', repeated names numbered; every
 * rectangle is the box's, turned into PDF user space; --no-sign-field
 * leaves none; broken bytes give a reason, not a crash. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "page.h"
#include "pdf.h"
#include "pdfinfo.h"

static vb_box box(const char *name, const char *field, int page, float x, float y, float w, float h)
{
    return (vb_box){name, page, x, y, w, h, y, field};
}

static int near(double a, double b)
{
    return fabs(a - b) < 0.011;
}

int main(void)
{
    vb_page pages[2] = {{.width = 595.28f, .height = 841.89f}, {.width = 841.89f, .height = 595.28f}};
    vb_box boxes[] = {
        box("chu_ky_gap", NULL, 0, 300, 600, 250, 80),
        box("ky_so_nguoi_ky", "PHÓ CHỦ TỊCH", 0, 320, 600, 100, 80),
        box("ky_so_co_quan", "DẤU ỦY BAN NHÂN DÂN", 0, 300, 590, 102, 102),
        box("ky_so_nguoi_ky", "P. GIÁM ĐỐC", 1, 100, 50, 99.2f, 70.9f),
        box("ky_so_nguoi_ky", "PHÓ CHỦ TỊCH", 1, 400, 50, 99.2f, 70.9f),
        box("ky_so_nguoi_ky", "...", 1, 10, 10, 30, 30),
    };
    vb_pages P = {.pages = pages, .n_pages = 2, .cap_pages = 2, .boxes = boxes, .n_boxes = sizeof boxes / sizeof *boxes,
                  .cap_boxes = sizeof boxes / sizeof *boxes};
    vb_props props = {.title = "t", .year = 2024, .month = 1, .day = 15};
    vb_diag diag;
    vb_diag_init(&diag);

    vb_buf out = VB_BUF_INIT;
    vb_err err = vb_pdf_write(&P, NULL, &props, &out, &diag);
    CHECK(err == VB_OK, "vb_pdf_write: %s", vb_strerror(err));
    vb_pdfinfo info;
    char why[600];
    err = vb_pdfinfo_read(out.data, out.len, "fields.pdf", &info, why, sizeof why);
    CHECK(err == VB_OK, "vb_pdfinfo_read: %s", why);
    if (!err) {
        static const char *const want[] = {"PHÓ CHỦ TỊCH", "DẤU ỦY BAN NHÂN DÂN", "P GIÁM ĐỐC", "PHÓ CHỦ TỊCH 2",
                                           "chu_ky"};
        static const int want_page[] = {1, 1, 2, 2, 2};
        CHECK(info.n_pages == 2, "%d pages", info.n_pages);
        CHECK(info.n_fields == 5, "%zu fields", info.n_fields);
        CHECK(!info.repaired && !info.truncated);
        for (size_t i = 0; i < info.n_fields && i < 5; i++) {
            const vb_sigfield *f = &info.fields[i];
            const vb_box *b = &boxes[i + 1];
            double h = pages[b->page].height;
            CHECK_STR(f->name, want[i]);
            CHECK(f->page == want_page[i], "field %zu on page %d", i, f->page);
            CHECK(!f->is_signed, "field %zu signed", i);
            CHECK(near(f->rect[0], b->x) && near(f->rect[2], b->x + b->w) && near(f->rect[1], h - b->y - b->h) &&
                      near(f->rect[3], h - b->y),
                  "field %zu: [%g %g %g %g]", i, f->rect[0], f->rect[1], f->rect[2], f->rect[3]);
        }
        vb_buf txt = VB_BUF_INIT, js = VB_BUF_INIT;
        vb_pdfinfo_text(&info, "fields.pdf", &txt);
        vb_pdfinfo_json(&info, "fields.pdf", &js);
        vb_buf_putc(&txt, 0);
        vb_buf_putc(&js, 0);
        CHECK(strstr((const char *)txt.data, "fields.pdf: 2 pages, 5 signature fields\n") != NULL, "%s", (const char *)txt.data);
        CHECK(strstr((const char *)js.data, "{\"name\": \"PHÓ CHỦ TỊCH\", \"type\": \"signature\", \"page\": 1, \"signed\": false, "
                              "\"rect_pt\": [320, 161.89, 420, 241.89], \"rect_mm\": [112.89, 57.11, 148.17, 85.33]}") !=
                  NULL,
              "%s", (const char *)js.data);
        vb_buf_free(&txt);
        vb_buf_free(&js);
        vb_pdfinfo_free(&info);
    }

    /* the same pages without fields */
    props.no_sign_fields = 1;
    vb_buf_reset(&out);
    err = vb_pdf_write(&P, NULL, &props, &out, &diag);
    CHECK(err == VB_OK);
    err = vb_pdfinfo_read(out.data, out.len, "none.pdf", &info, why, sizeof why);
    CHECK(err == VB_OK && info.n_fields == 0 && !memmem(out.data, out.len, "/AcroForm", 9), "fields with --no-sign-field");
    if (!err)
        vb_pdfinfo_free(&info);

    /* the first half of a PDF, and no PDF at all */
    err = vb_pdfinfo_read(out.data, out.len / 2, "half.pdf", &info, why, sizeof why);
    CHECK(err == VB_ERR_INPUT && why[0], "half a file: %s", vb_strerror(err));
    err = vb_pdfinfo_read("", 0, "empty.pdf", &info, why, sizeof why);
    CHECK(err == VB_ERR_INPUT && strstr(why, "not a readable PDF"), "empty: %s", why);

    vb_buf_free(&out);
    vb_diag_free(&diag);
    return DONE();
}
