/* test_batch_data.c - the batch's data readers (src/batch/csv.c, xlsx.c)
 * and safe file names (names.c). Run from the source tree (the XLSX cases
 * read examples/batch/so-lieu.xlsx). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "harness.h"
#include "names.h"
#include "zipw.h"

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
    /* "sep=" names the separator */
    t = csv("sep=;\r\nma;ten, huyện\r\n1;Lấp Vò, Đồng Tháp\r\n", &d);
    CHECK(t && t->n_cols == 2 && t->n_rows == 1 && t->line[0] == 3);
    if (t)
        CHECK_STR(vb_sheet_cell(t, 0, 1), "Lấp Vò, Đồng Tháp");
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
    char *data = vb_test_slurp("examples/batch/so-lieu.xlsx", &len);
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

/* A workbook made here: one sheet, its shared strings and styles. */
static int make_xlsx(vb_buf *out, const char *sheet, const char *sst, const char *styles, int date1904)
{
    static const char rels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    static const char wbrels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"/xl/worksheets/s.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";
    char wb[600];
    snprintf(wb, sizeof wb,
             "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
             "<workbookPr date1904=\"%d\"/><sheets><sheet name=\"Trang tính 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
             "</workbook>",
             date1904);
    vb_diag d;
    vb_diag_init(&d);
    vb_zipw *z = NULL;
    int ok = vb_zipw_new(&z, 1, &d) == VB_OK && !vb_zipw_add(z, "_rels/.rels", rels, strlen(rels), &d) &&
             !vb_zipw_add(z, "xl/workbook.xml", wb, strlen(wb), &d) &&
             !vb_zipw_add(z, "xl/_rels/workbook.xml.rels", wbrels, strlen(wbrels), &d) &&
             !vb_zipw_add(z, "xl/worksheets/s.xml", sheet, strlen(sheet), &d) &&
             !vb_zipw_add(z, "xl/sharedStrings.xml", sst, strlen(sst), &d) &&
             !vb_zipw_add(z, "xl/styles.xml", styles, strlen(styles), &d) && !vb_zipw_finish(z, out, &d);
    vb_zipw_free(z);
    vb_diag_free(&d);
    return ok;
}

/* Formulas' cached values, inline and rich strings, booleans, dates with a
 * time, the 1904 system, cells out of order and an Excel error. */
static void test_xlsx_cells(void)
{
    static const char sst[] = "<sst><si><t>ten</t></si><si><r><t>Lấp </t></r><r><t>Vò</t></r>"
                              "<rPh><t>phonetic</t></rPh></si><si><t>so</t></si><si><t>ngay</t></si></sst>";
    static const char styles[] = "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
                                 "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ &quot;đ&quot;\"/></numFmts>"
                                 "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
                                 "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";
    static const char sheet[] =
        "<worksheet><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>2</v></c><c r=\"C1\" t=\"s\"><v>3</v></c>"
        "<c r=\"D1\" t=\"inlineStr\"><is><t>ghi chú</t></is></c></row>"
        "<row r=\"3\"><c r=\"C3\" s=\"1\"><v>45112</v></c><c r=\"A3\" t=\"s\"><v>1</v></c>"
        "<c r=\"B3\" s=\"3\"><f>SUM(X1:X9)</f><v>748.79999999999995</v></c>"
        "<c r=\"D3\" t=\"str\"><f>A3&amp;\"!\"</f><v>Lấp Vò!</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>1</v></c><c r=\"B4\"><v>1E-3</v></c><c r=\"C4\" s=\"2\"><v>45112.604166666664</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t/></is></c></row>"
        "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>1</v></c><c r=\"B6\" t=\"e\"><v>#DIV/0!</v></c></row>"
        "</sheetData></worksheet>";
    vb_buf b = VB_BUF_INIT;
    CHECK(make_xlsx(&b, sheet, sst, styles, 0), "cannot make the workbook");
    vb_diag d;
    vb_diag_init(&d);
    vb_sheet *t = NULL;
    CHECK(vb_sheet_read((const char *)b.data, b.len, "w.xlsx", NULL, &t, &d) == VB_OK, "%s", first(&d));
    if (t) {
        CHECK_STR(t->name, "Trang tính 1");
        CHECK(t->n_cols == 4 && t->n_rows == 3, "%zu columns, %zu rows", t->n_cols, t->n_rows);
        if (t->n_cols == 4 && t->n_rows == 3) {
            CHECK_STR(t->cols[3], "ghi chú");
            CHECK_STR(vb_sheet_cell(t, 0, 0), "Lấp Vò");        /* rich text, phonetic run left out */
            CHECK_STR(vb_sheet_cell(t, 0, 1), "748.8");         /* a formula's cached number */
            CHECK_STR(vb_sheet_cell(t, 0, 2), "2023-07-05");    /* a date (format 14) */
            CHECK_STR(vb_sheet_cell(t, 0, 3), "Lấp Vò!");       /* a formula's cached text */
            CHECK_STR(vb_sheet_cell(t, 1, 0), "TRUE");
            CHECK_STR(vb_sheet_cell(t, 1, 1), "0.001");
            CHECK_STR(vb_sheet_cell(t, 1, 2), "2023-07-05 14:30"); /* a date and time */
            CHECK(t->line[0] == 3 && t->line[1] == 4 && t->line[2] == 6);
            CHECK(!t->bad[0] && !t->bad[1] && t->bad[2] &&
                      strcmp(t->bad[2], "w.xlsx:6:B: error: the cell holds the Excel error #DIV/0!") == 0,
                  "%s", t->bad[2] ? t->bad[2] : "(none)");
        }
    }
    vb_sheet_free(t);
    /* the 1904 date system (old Mac workbooks) */
    vb_buf_reset(&b);
    CHECK(make_xlsx(&b,
                    "<worksheet><sheetData><row><c t=\"s\"><v>3</v></c></row><row><c s=\"1\"><v>43650</v></c></row>"
                    "</sheetData></worksheet>",
                    sst, styles, 1));
    t = NULL;
    CHECK(vb_sheet_read((const char *)b.data, b.len, "w.xlsx", NULL, &t, &d) == VB_OK, "%s", first(&d));
    if (t && t->n_rows == 1)
        CHECK_STR(vb_sheet_cell(t, 0, 0), "2023-07-05");
    vb_sheet_free(t);
    /* a header named twice, at its cell */
    vb_buf_reset(&b);
    CHECK(make_xlsx(&b,
                    "<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"D2\" t=\"s\"><v>0</v></c></row>"
                    "</sheetData></worksheet>",
                    sst, styles, 0));
    t = NULL;
    vb_diag_clear(&d);
    CHECK(vb_sheet_read((const char *)b.data, b.len, "w.xlsx", NULL, &t, &d) == VB_ERR_INPUT && !t);
    CHECK(strstr(first(&d), "w.xlsx:2:D: error: the column 'ten' is named twice in the header (also at w.xlsx:2:B)"),
          "%s", first(&d));
    vb_diag_free(&d);
    vb_buf_free(&b);
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
    test_xlsx_cells();
    test_names();
    return DONE();
}
