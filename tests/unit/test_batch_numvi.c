/* test_batch_numvi.c - Vietnamese numbers (src/batch/numvi.c) and the
 * placeholder filters (filters.c): a table of numbers read as Vietnamese
 * writes them, grouping and rounding, Excel's numbers, dates, upper case. */
#include <stdio.h>
#include <string.h>

#include "filters.h"
#include "harness.h"
#include "numvi.h"

static const struct {
    const char *num, *words;
} reading[] = {
    {"0", "không"},
    {"1", "một"},
    {"4", "bốn"},
    {"5", "năm"},
    {"10", "mười"},
    {"11", "mười một"},
    {"14", "mười bốn"},
    {"15", "mười lăm"},
    {"19", "mười chín"},
    {"20", "hai mươi"},
    {"21", "hai mươi mốt"},
    {"24", "hai mươi tư"},
    {"25", "hai mươi lăm"},
    {"30", "ba mươi"},
    {"31", "ba mươi mốt"},
    {"44", "bốn mươi tư"},
    {"45", "bốn mươi lăm"},
    {"50", "năm mươi"},
    {"55", "năm mươi lăm"},
    {"71", "bảy mươi mốt"},
    {"94", "chín mươi tư"},
    {"99", "chín mươi chín"},
    {"100", "một trăm"},
    {"101", "một trăm linh một"},
    {"104", "một trăm linh bốn"},
    {"105", "một trăm linh năm"},
    {"110", "một trăm mười"},
    {"111", "một trăm mười một"},
    {"115", "một trăm mười lăm"},
    {"121", "một trăm hai mươi mốt"},
    {"200", "hai trăm"},
    {"205", "hai trăm linh năm"},
    {"250", "hai trăm năm mươi"},
    {"999", "chín trăm chín mươi chín"},
    {"1000", "một nghìn"},
    {"1001", "một nghìn không trăm linh một"},
    {"1005", "một nghìn không trăm linh năm"},
    {"1010", "một nghìn không trăm mười"},
    {"1015", "một nghìn không trăm mười lăm"},
    {"1021", "một nghìn không trăm hai mươi mốt"},
    {"1100", "một nghìn một trăm"},
    {"1234", "một nghìn hai trăm ba mươi tư"},
    {"2000", "hai nghìn"},
    {"10000", "mười nghìn"},
    {"10500", "mười nghìn năm trăm"},
    {"15000", "mười lăm nghìn"},
    {"21000", "hai mươi mốt nghìn"},
    {"24000", "hai mươi tư nghìn"},
    {"100000", "một trăm nghìn"},
    {"105000", "một trăm linh năm nghìn"},
    {"250000", "hai trăm năm mươi nghìn"},
    {"1000000", "một triệu"},
    {"1000005", "một triệu không trăm linh năm"},
    {"1005000", "một triệu không trăm linh năm nghìn"},
    {"1200000", "một triệu hai trăm nghìn"},
    {"2500000", "hai triệu năm trăm nghìn"},
    {"10000000", "mười triệu"},
    {"15000000", "mười lăm triệu"},
    {"986271000", "chín trăm tám mươi sáu triệu hai trăm bảy mươi mốt nghìn"},
    {"1000000000", "một tỷ"},
    {"1000000001", "một tỷ không trăm linh một"},
    {"1050000000", "một tỷ không trăm năm mươi triệu"},
    {"2000500000", "hai tỷ năm trăm nghìn"},
    {"1000000000000", "một nghìn tỷ"},
    {"5000000000000000", "năm triệu tỷ"},
    {"1000000000000000000", "một tỷ tỷ"},
    {"748.8", "bảy trăm bốn mươi tám phẩy tám"},
    {"748,8", "bảy trăm bốn mươi tám phẩy tám"},
    {"3.14", "ba phẩy mười bốn"},
    {"2.05", "hai phẩy không năm"},
    {"0.5", "không phẩy năm"},
    {"-3.05", "âm ba phẩy không năm"},
    {"-21", "âm hai mươi mốt"},
    {"1000.25", "một nghìn phẩy hai mươi lăm"},
    {"1.234.567", "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"},
};

static const struct {
    const char *num;
    int decimals;
    const char *want;
} formats[] = {
    {"986271", -1, "986.271"},
    {"748.8", -1, "748,8"},
    {"748,8", -1, "748,8"},
    {"748.8", 2, "748,80"},
    {"748.8", 0, "749"},
    {"1234567.891", 2, "1.234.567,89"},
    {"0.005", 2, "0,01"},
    {"-1234", -1, "-1.234"},
    {"999.995", 2, "1.000,00"},
    {"1.5E-3", -1, "0,0015"},
    {"1.234,5", -1, "1.234,5"},
    {"1,234.5", -1, "1.234,5"},
    {"0", -1, "0"},
    {"0", 2, "0,00"},
    {"2.5", 0, "3"},
    {"-0.004", 2, "0,00"},
    {"123", -1, "123"},
    {"1000", -1, "1.000"},
    {" 42 ", -1, "42"},
};

static const char *const not_numbers[] = {"", "abc", "1.2.3,4,5", "12a", "--1", "1e", "1,2,3.4.5", "1.5.", "e5"};

static const struct {
    const char *in, *want;
} excel[] = {
    {"748.79999999999995", "748.8"}, {"1E-3", "0.001"},  {"45112", "45112"}, {"0.1", "0.1"},
    {"123456789012345678", "123456789012346000"},         {"-2.5", "-2.5"},   {"3.0000000000000004", "3"},
};

static const struct {
    const char *filter, *arg, *in, *want; /* want NULL: the value is refused */
} filters[] = {
    {"hoa", NULL, "huyện Lấp Vò", "HUYỆN LẤP VÒ"},
    {"hoa", NULL, "đồng tháp", "ĐỒNG THÁP"},
    {"thuong", NULL, "HUYỆN LẤP VÒ", "huyện lấp vò"},
    {"hoa_dau", NULL, "một trăm", "Một trăm"},
    {"hoa_dau", NULL, "đồng", "Đồng"},
    {"ngay", NULL, "2023-07-05", "ngày 05 tháng 7 năm 2023"},
    {"ngay", NULL, "5/2/2024", "ngày 05 tháng 02 năm 2024"},
    {"ngay", NULL, "2023-12-25 14:30", "ngày 25 tháng 12 năm 2023"},
    {"iso", NULL, "5/7/2023", "2023-07-05"},
    {"iso", NULL, "29.02.2024", "2024-02-29"},
    {"ngay", NULL, "2023-02-29", NULL},
    {"ngay", NULL, "32/1/2023", NULL},
    {"iso", NULL, "hôm nay", NULL},
    {"so", NULL, "abc", NULL},
    {"chu", NULL, "x1", NULL},
    {"so", "2", "1234.5", "1.234,50"},
    {"chu", NULL, "105", "một trăm linh năm"},
    {"mac_dinh", "không có", "", "không có"},
    {"mac_dinh", "không có", "  ", "không có"},
    {"mac_dinh", "không có", "có", "có"},
    {"so", NULL, "", ""},
    {"ngay", NULL, "", ""},
};

int main(void)
{
    vb_buf b = VB_BUF_INIT;
    size_t n_reading = sizeof reading / sizeof *reading;
    CHECK(n_reading >= 60, "only %zu numbers in the table", n_reading);
    for (size_t i = 0; i < n_reading; i++) {
        vb_decnum x;
        int ok = vb_decnum_parse(reading[i].num, strlen(reading[i].num), &x);
        CHECK(ok, "parse %s", reading[i].num);
        vb_buf_reset(&b);
        vb_decnum_words(&x, &b);
        vb_buf_putc(&b, 0);
        CHECK_STR((const char *)b.data, reading[i].words);
    }
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        vb_decnum x;
        CHECK(vb_decnum_parse(formats[i].num, strlen(formats[i].num), &x), "parse %s", formats[i].num);
        vb_buf_reset(&b);
        vb_decnum_format(&x, formats[i].decimals, '.', ',', &b);
        vb_buf_putc(&b, 0);
        CHECK_STR((const char *)b.data, formats[i].want);
    }
    for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++) {
        vb_decnum x;
        CHECK(!vb_decnum_parse(not_numbers[i], strlen(not_numbers[i]), &x), "'%s' taken for a number", not_numbers[i]);
    }
    for (size_t i = 0; i < sizeof excel / sizeof *excel; i++) {
        vb_buf_reset(&b);
        CHECK(vb_decnum_excel(excel[i].in, strlen(excel[i].in), &b), "excel %s", excel[i].in);
        vb_buf_putc(&b, 0);
        CHECK_STR((const char *)b.data, excel[i].want);
    }
    vb_arena *a = vb_arena_new();
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        char why[200];
        const char *arg = filters[i].arg ? filters[i].arg : "";
        CHECK(!vb_filter_check(filters[i].filter, strlen(filters[i].filter), arg, strlen(arg), filters[i].arg != NULL,
                               why),
              "filter %s", filters[i].filter);
        vb_buf_reset(&b);
        const char *err = vb_filter_apply(filters[i].filter, arg, strlen(arg), filters[i].in, strlen(filters[i].in), &b, a);
        vb_buf_putc(&b, 0);
        if (filters[i].want)
            CHECK(!err && strcmp((const char *)b.data, filters[i].want) == 0, "%s(%s): got '%s' (%s), want '%s'",
                  filters[i].filter, filters[i].in, (const char *)b.data, err ? err : "ok", filters[i].want);
        else
            CHECK(err != NULL, "%s(%s) accepted: '%s'", filters[i].filter, filters[i].in, (const char *)b.data);
    }
    /* names and arguments the filters refuse */
    char why[200];
    CHECK(vb_filter_check("tien", 4, "", 0, 0, why) && strstr(why, "unknown filter 'tien'"));
    CHECK(vb_filter_check("so", 2, "x", 1, 1, why) != NULL);
    CHECK(vb_filter_check("so", 2, "11", 2, 1, why) != NULL);
    CHECK(vb_filter_check("hoa", 3, "1", 1, 1, why) != NULL);
    CHECK(vb_filter_check("mac_dinh", 8, "", 0, 0, why) != NULL);
    vb_arena_free(a);
    vb_buf_free(&b);
    return DONE();
}
