/* test_derive.c - the words and labels the program derives (derive.h). */
#include <stdio.h>
#include <string.h>

#include "derive.h"
#include "harness.h"
#include "model.h"

static void test_roman(void)
{
    static const struct {
        int n;
        const char *s;
    } t[] = {{1, "I"},     {2, "II"},   {3, "III"},    {4, "IV"},      {5, "V"},
             {9, "IX"},    {10, "X"},   {14, "XIV"},   {19, "XIX"},    {40, "XL"},
             {49, "XLIX"}, {90, "XC"},  {400, "CD"},   {1994, "MCMXCIV"}, {3999, "MMMCMXCIX"},
             {0, ""},      {-1, ""},    {4000, ""}};
    char buf[16];
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        CHECK_STR(vb_roman(t[i].n, buf), t[i].s);
}

static void test_point_letters(void)
{
    /* a b c d đ e g h i k l m n o p q r s t u v x y: no ă â ê ô ơ ư, no f j w z */
    static const char *const want[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                       "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    char buf[16];
    for (int i = 0; i < 23; i++)
        CHECK_STR(vb_point_letter(i + 1, buf), want[i]);
    CHECK_STR(vb_point_letter(24, buf), "aa");
    CHECK_STR(vb_point_letter(28, buf), "đđ");
    CHECK_STR(vb_point_letter(0, buf), "");
}

static void test_dates(vb_arena *a)
{
    /* Day: leading zero below 10. Month: leading zero for 1 and 2 only. */
    CHECK_STR(vb_date_words(a, 2023, 7, 5), "ngày 05 tháng 7 năm 2023");
    CHECK_STR(vb_date_words(a, 2020, 1, 5), "ngày 05 tháng 01 năm 2020");
    CHECK_STR(vb_date_words(a, 2021, 2, 10), "ngày 10 tháng 02 năm 2021");
    CHECK_STR(vb_date_words(a, 2019, 6, 29), "ngày 29 tháng 6 năm 2019");
    CHECK_STR(vb_date_words(a, 2023, 3, 1), "ngày 01 tháng 3 năm 2023");
    CHECK_STR(vb_date_words(a, 2023, 12, 31), "ngày 31 tháng 12 năm 2023");
    CHECK_STR(vb_date_words(a, 2023, 10, 9), "ngày 09 tháng 10 năm 2023");

    CHECK(vb_date_valid(2024, 2, 29));
    CHECK(vb_date_valid(2000, 2, 29));
    CHECK(!vb_date_valid(2023, 2, 29));
    CHECK(!vb_date_valid(1900, 2, 29));
    CHECK(!vb_date_valid(2023, 2, 30));
    CHECK(!vb_date_valid(2023, 4, 31));
    CHECK(vb_date_valid(2023, 12, 31));
    CHECK(!vb_date_valid(2023, 13, 1));
    CHECK(!vb_date_valid(2023, 0, 1));
    CHECK(!vb_date_valid(2023, 1, 0));
    CHECK(!vb_date_valid(1899, 12, 31));
    CHECK(vb_date_valid(1900, 1, 1));
    CHECK(vb_date_valid(9999, 12, 31));
}

static void test_number_line(vb_arena *a)
{
    CHECK_STR(vb_pad_number(a, "5"), "05");
    CHECK_STR(vb_pad_number(a, "05"), "05");
    CHECK_STR(vb_pad_number(a, "10"), "10");
    CHECK_STR(vb_pad_number(a, "123"), "123");

    vb_doc *doc = vb_doc_new("x.xml");
    CHECK(doc != NULL);
    if (!doc)
        return;
    doc->number = "5";
    doc->notation = "BC-UBND";
    CHECK_STR(vb_number_line(a, doc), "Số: 05/BC-UBND");
    doc->number = "1695";
    doc->notation = "QĐ-UBND-HC";
    CHECK_STR(vb_number_line(a, doc), "Số: 1695/QĐ-UBND-HC");
    doc->notation = NULL;
    CHECK_STR(vb_number_line(a, doc), "Số: 1695");

    vb_span place = {"Lấp Vò", strlen("Lấp Vò"), 0, {0}, VB_NO_OFF};
    doc->place.v = &place;
    doc->place.n = 1;
    doc->year = 2023;
    doc->month = 7;
    doc->day = 5;
    CHECK_STR(vb_place_date_line(a, doc), "Lấp Vò, ngày 05 tháng 7 năm 2023");
    vb_doc_free(doc);
}

static void test_ordinals(vb_arena *a)
{
    static const struct {
        int n;
        const char *s;
    } t[] = {{1, "nhất"},
             {2, "hai"},
             {3, "ba"},
             {4, "tư"},
             {5, "năm"},
             {6, "sáu"},
             {7, "bảy"},
             {8, "tám"},
             {9, "chín"},
             {10, "mười"},
             {11, "mười một"},
             {12, "mười hai"},
             {14, "mười bốn"},
             {15, "mười lăm"},
             {20, "hai mươi"},
             {21, "hai mươi mốt"},
             {24, "hai mươi tư"},
             {25, "hai mươi lăm"},
             {30, "ba mươi"},
             {99, "chín mươi chín"},
             {100, "một trăm"},
             {101, "một trăm linh một"},
             {104, "một trăm linh bốn"},
             {105, "một trăm linh năm"},
             {110, "một trăm mười"},
             {115, "một trăm mười lăm"},
             {121, "một trăm hai mươi mốt"},
             {999, "chín trăm chín mươi chín"},
             {0, "0"},
             {1000, "1000"}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        CHECK_STR(vb_ordinal_words(a, t[i].n), t[i].s);
}

static void test_labels(vb_arena *a)
{
    vb_node body = {.kind = VB_N_BODY};
    vb_node part = {.kind = VB_N_PART, .number = 2};
    vb_node chapter = {.kind = VB_N_CHAPTER, .number = 3};
    vb_node sec = {.kind = VB_N_SECTION, .number = 4};
    vb_node sec_in_ch = {.kind = VB_N_SECTION, .number = 1};
    vb_node sub = {.kind = VB_N_SUBSECTION, .number = 2};
    vb_node art = {.kind = VB_N_ARTICLE, .number = 12};
    vb_node cl = {.kind = VB_N_CLAUSE, .number = 3};
    vb_node pt = {.kind = VB_N_POINT, .number = 5};
    vb_node dash = {.kind = VB_N_DASH};
    vb_node para = {.kind = VB_N_PARA};
    vb_node_append(&body, &part);
    vb_node_append(&body, &sec);
    vb_node_append(&part, &chapter);
    vb_node_append(&chapter, &sec_in_ch);

    CHECK_STR(vb_node_label(a, &part), "Phần II");
    CHECK_STR(vb_node_label(a, &chapter), "Chương III");
    CHECK_STR(vb_node_label(a, &sec), "IV.");
    CHECK_STR(vb_node_label(a, &sec_in_ch), "Mục 1");
    CHECK_STR(vb_node_label(a, &sub), "Tiểu mục 2");
    CHECK_STR(vb_node_label(a, &art), "Điều 12.");
    CHECK_STR(vb_node_label(a, &cl), "3.");
    CHECK_STR(vb_node_label(a, &pt), "đ)");
    CHECK_STR(vb_node_label(a, &dash), "-");
    CHECK_STR(vb_node_label(a, &para), "");
    CHECK_STR(vb_node_label(a, &body), "");

    /* <phan kieu_so="thu">: ordinal words */
    static const char *const ord[] = {"Phần thứ nhất", "Phần thứ hai", "Phần thứ ba",  "Phần thứ tư",
                                      "Phần thứ năm",  "Phần thứ sáu", "Phần thứ bảy", "Phần thứ tám",
                                      "Phần thứ chín", "Phần thứ mười", "Phần thứ mười một"};
    part.ordinal_words = 1;
    for (int i = 0; i < 11; i++) {
        part.number = i + 1;
        CHECK_STR(vb_node_label(a, &part), ord[i]);
    }
    part.ordinal_words = 0;
    part.number = 1;
    CHECK_STR(vb_node_label(a, &part), "Phần I");
}

static void test_signature_and_archive(vb_arena *a)
{
    CHECK_STR(vb_authority_prefix(VB_AUTH_TM), "TM.");
    CHECK_STR(vb_authority_prefix(VB_AUTH_KT), "KT.");
    CHECK_STR(vb_authority_prefix(VB_AUTH_TL), "TL.");
    CHECK_STR(vb_authority_prefix(VB_AUTH_TUQ), "TUQ.");
    CHECK_STR(vb_authority_prefix(VB_AUTH_Q), "Q.");
    CHECK_STR(vb_authority_prefix(VB_AUTH_NONE), "");

    vb_archive ar = {.present = 1};
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT.");
    ar.units = "TCCB";
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT, TCCB.");
    /* Phụ lục III: “- Lưu: VT, …(9). …(10).” */
    ar.units = "KTHT";
    ar.drafter = "NH";
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT, KTHT. NH.");
    ar.units = "VP";
    ar.kept = "2";
    ar.copies = "10";
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT, VP(2). NH(10).");
    ar.drafter = "PL";
    ar.kept = NULL;
    ar.copies = "300";
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT, VP. PL(300).");
    /* the copies kept belong to a unit: without one they are not printed */
    ar.units = "";
    ar.kept = "2";
    ar.drafter = NULL;
    CHECK_STR(vb_archive_line(a, &ar), "- Lưu: VT. (300).");
}

int main(void)
{
    vb_arena *a = vb_arena_new();
    if (!a)
        return 1;
    test_roman();
    test_point_letters();
    test_dates(a);
    test_number_line(a);
    test_ordinals(a);
    test_labels(a);
    test_signature_and_archive(a);
    vb_arena_free(a);
    return DONE();
}
