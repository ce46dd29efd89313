/* test_batch_data.c - the batch's data readers (src/batch/csv.c, xlsx.c)
 * and safe file names (names.c). Run from the source tree (the XLSX cases
 * read examples/batch/so-lieu.xlsx). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "harness.h"
#include "names.h"

static vb_sheet *csv(const char *text, vb_diag *d)
{
    vb_sheet *t = NULL;
    vb_diag_clear(d);
    vb_csv_read(text, strlen(text), "a.csv", "a", &t, d);
    return t;
}

/* The first diagnostic, formatted. */
static const char *first(vb_diag *d)
{
    static char buf[1400];
    buf[0] = 0;
    if (d->n)
        vb_diag_format(&d->v[0], buf, sizeof buf);
    return buf;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(1 << 20);
    *len = p ? fread(p, 1, 1 << 20, f) : 0;
    fclose(f);
    return p;
}

static void test_csv(void)
{
    vb_diag d;
    vb_diag_init(&d);
    /* BOM, CR LF, quotes, a quote inside, a line break inside, blank lines */
    vb_sheet *t = csv("\xEF\xBB\xBFma,ten,ghi chu\r\n1,\"Lấp Vò, Đồng Tháp\",\"nói \"\"có\"\"\"\r\n\r\n2,Sa Đéc,\"hai\r\ndòng\"\r\n,,\r\n",
                      &d);
    CHECK(t && t->n_cols == 3 && t->n_rows == 2, "%s", first(&d));
    if (t) {
        CHECK_STR(t->cols[2], "ghi chu");
        CHECK_STR(vb_sheet_cell(t, 0, 1), "Lấp Vò, Đồng Tháp");
        CHECK_STR(vb_sheet_cell(t, 0, 2), "nói \"có\"");
        CHECK_STR(vb_sheet_cell(t, 1, 2), "hai\r\ndòng");
        CHECK(t->line[0] == 2 && t->line[1] == 4, "lines %u %u", t->line[0], t->line[1]);
        CHECK(!t->bad[0] && !t->bad[1]);
        CHECK(vb_sheet_col(t, "ten") == 1 && vb_sheet_col(t, "x") == -1);
    }
    vb_sheet_free(t);
    /* ';' as Excel writes it where ',' is the decimal mark; no final newline */
    t = csv("ma;so\n1;748,8\n2;986,271", &d);
    CHECK(t && t->n_cols == 2 && t->n_rows == 2);
    if (t)
        CHECK_STR(vb_sheet_cell(t, 0, 1), "748,8");
    vb_sheet_free(t);
    /* a row with the wrong number of fields fails alone */
    t = csv("a,b\n1,2\n1,2,3\n4\n5,6,,\n", &d);
    CHECK(t && t->n_rows == 4);
    if (t) {
        CHECK(!t->bad[0] && t->bad[1] && t->bad[2] && !t->bad[3]);
        CHECK(t->bad[1] && strstr(t->bad[1], "a.csv:3: error: the row has 3 fields but the header has 2"), "%s", t->bad[1]);
    }
    vb_sheet_free(t);
    /* NFD in, NFC out */
    t = csv("ten\nHuye\xCC\xA3\xCC\x82n\n", &d);
    CHECK(t && strcmp(vb_sheet_cell(t, 0, 0), "Huyện") == 0);
    vb_sheet_free(t);
    /* errors of the whole file, with line and column */
    t = csv("a,b\n1,\"open\n2,3\n", &d);
    CHECK(!t && strstr(first(&d), "a.csv:2:3: error: this quoted field is never closed"), "%s", first(&d));
    t = csv("a,b\n1,\"x\"y\n", &d);
    CHECK(!t && strstr(first(&d), "a.csv:2:6: error: expected ','"), "%s", first(&d));
    t = csv("a,b\nLấp,V\xF2\n", &d);
    CHECK(!t && strstr(first(&d), "a.csv:2:6: error: the file is not UTF-8 (byte 0xF2)"), "%s", first(&d));
    t = csv("ma,ten,ma\n1,2,3\n", &d);
    CHECK(!t && strstr(first(&d), "a.csv:1:8: error: the column 'ma' is named twice in the header (also at a.csv:1:1)"),
          "%s", first(&d));
    t = csv("\r\n\r\n", &d);
    CHECK(!t && strstr(first(&d), "has no header line"), "%s", first(&d));
    /* a header only: no rows, no error */
    t = csv("a,b\n", &d);
    CHECK(t && t->n_rows == 0);
    vb_sheet_free(t);
    vb_diag_free(&d);
}

static void test_xlsx(void)
{
    vb_diag d;
    vb_diag_init(&d);
    size_t len;
    char *data = slurp("examples/batch/so-lieu.xlsx", &len);
    CHECK(data != NULL, "cannot read examples/batch/so-lieu.xlsx (run from the source tree)");
    if (!data)
        return;
    vb_xlsx *x = NULL;
    CHECK(vb_xlsx_open(data, len, "so-lieu.xlsx", &x, &d) == VB_OK, "%s", first(&d));
    if (x) {
        CHECK(vb_xlsx_n_sheets(x) == 2);
        CHECK_STR(vb_xlsx_sheet_name(x, 1), "xa");
        vb_sheet *t = NULL;
        CHECK(vb_xlsx_read_sheet(x, NULL, &t, &d) == VB_OK, "%s", first(&d));
        if (t) {
            CHECK_STR(t->name, "huyen");
            CHECK(t->n_rows == 12);
            long ngay = vb_sheet_col(t, "ngay_bao_cao"), ho_tro = vb_sheet_col(t, "ho_tro");
            long so = vb_sheet_col(t, "so"), ghi = vb_sheet_col(t, "ghi_chu"), ten = vb_sheet_col(t, "ten");
            CHECK(ngay >= 0 && ho_tro >= 0 && so >= 0 && ghi >= 0 && ten >= 0);
            if (ngay >= 0 && ho_tro >= 0 && so >= 0 && ghi >= 0 && ten >= 0) {
                for (size_t r = 0; r < t->n_rows; r++) {
                    if (strcmp(vb_sheet_cell(t, r, (size_t)ten), "Lấp Vò") != 0)
                        continue;
                    CHECK_STR(vb_sheet_cell(t, r, (size_t)ngay), "2023-07-05"); /* an Excel date */
                    CHECK_STR(vb_sheet_cell(t, r, (size_t)ho_tro), "748.8");    /* 748.79999999999995 */
                    CHECK_STR(vb_sheet_cell(t, r, (size_t)so), "05");           /* text stays text */
                    CHECK_STR(vb_sheet_cell(t, r, (size_t)ghi), "");            /* an empty cell */
                    CHECK(t->line[r] == 10, "sheet row %u", t->line[r]);
                }
            }
        }
        vb_sheet_free(t);
        t = NULL;
        CHECK(vb_xlsx_read_sheet(x, "xa", &t, &d) == VB_OK && t && t->n_rows == 37, "%s", first(&d));
        vb_sheet_free(t);
        t = NULL;
        vb_diag_clear(&d);
        CHECK(vb_xlsx_read_sheet(x, "tinh", &t, &d) == VB_ERR_INPUT && !t);
        CHECK(strstr(first(&d), "so-lieu.xlsx: error: the workbook has no sheet 'tinh' (it has 'huyen', 'xa')"), "%s",
              first(&d));
        vb_xlsx_close(x);
    }
    /* not a workbook */
    vb_diag_clear(&d);
    x = NULL;
    CHECK(vb_xlsx_open("ma,ten\n", 7, "x.xlsx", &x, &d) == VB_ERR_INPUT && !x);
    CHECK(strstr(first(&d), "x.xlsx: error: not an Excel workbook"), "%s", first(&d));
    /* a zip that is not a workbook: cut the example short */
    vb_diag_clear(&d);
    CHECK(vb_xlsx_open(data, len / 2, "half.xlsx", &x, &d) == VB_ERR_INPUT && !x);
    free(data);
    vb_diag_free(&d);
}

static void test_names(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"875-Lấp Vò", "875-Lấp Vò"},
        {"../../etc/passwd", "_.._etc_passwd"},
        {"..", "_"},
        {"a/b", "a_b"},
        {"a\\b", "a_b"},
        {"CON", "_CON"},
        {"con", "_con"},
        {"NUL.txt", "_NUL.txt"},
        {"COM1", "_COM1"},
        {"LPT9", "_LPT9"},
        {"COM10", "COM10"},
        {"CONSOLE", "CONSOLE"},
        {"", "_"},
        {" . ", "_"},
        {"a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h"},
        {"tab\there", "tab_here"},
        {"end. ", "end"},
        {".hidden", "hidden"},
        {"Huye\xCC\xA3\xCC\x82n", "Huyện"}, /* NFD in, NFC out */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = vb_safe_name(cases[i].in, strlen(cases[i].in));
        CHECK_STR(s, cases[i].want);
        free(s);
    }
    char longname[600];
    memset(longname, 0, sizeof longname);
    for (int i = 0; i < 100; i++)
        strcat(longname, "Đồ");
    char *s = vb_safe_name(longname, strlen(longname));
    CHECK(s && strlen(s) <= VB_NAME_MAX && strncmp(s, "ĐồĐồ", 8) == 0);
    free(s);
    char *a = vb_name_key("Huyện LẤP VÒ"), *b = vb_name_key("huyện lấp vò");
    CHECK(a && b && strcmp(a, b) == 0, "case-folded names differ");
    free(a);
    free(b);
}

int main(void)
{
    test_csv();
    test_xlsx();
    test_names();
    return DONE();
}
