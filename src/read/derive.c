/* derive.c - labels and words that the decree derives. */
#include "derive.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

const char *vb_roman(int n, char out[16])
{
    static const struct {
        int v;
        const char *s;
    } t[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
             {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
    out[0] = 0;
    if (n < 1 || n > 3999)
        return out;
    size_t o = 0;
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        while (n >= t[i].v) {
            size_t k = strlen(t[i].s);
            memcpy(out + o, t[i].s, k);
            o += k;
            n -= t[i].v;
        }
    out[o] = 0;
    return out;
}

const char *vb_point_letter(int n, char out[16])
{
    static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                          "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    const int count = (int)(sizeof letters / sizeof *letters);
    out[0] = 0;
    if (n < 1)
        return out;
    int rep = (n - 1) / count + 1;
    const char *l = letters[(n - 1) % count];
    if (rep > 5)
        rep = 5;
    size_t o = 0, k = strlen(l);
    for (int i = 0; i < rep; i++) {
        memcpy(out + o, l, k);
        o += k;
    }
    out[o] = 0;
    return out;
}

const char *vb_pad_number(vb_arena *a, const char *number)
{
    if (!number)
        return "";
    if (number[0] >= '1' && number[0] <= '9' && number[1] == 0)
        return vb_arena_printf(a, "0%s", number);
    return number;
}

int vb_number_blank(const char *number)
{
    return number && !number[0];
}

int vb_date_blank(int month, int day)
{
    return month == 0 || day == 0;
}

char *vb_number_line(vb_arena *a, const vb_doc *doc)
{
    if (vb_number_blank(doc->number))
        return vb_arena_printf(a, "Số:%s/%s", VB_BLANK_NUMBER, doc->notation ? doc->notation : "");
    const char *num = vb_pad_number(a, doc->number);
    if (doc->notation && doc->notation[0])
        return vb_arena_printf(a, "Số: %s/%s", num, doc->notation);
    return vb_arena_printf(a, "Số: %s", num);
}

int vb_date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

char *vb_date_words(vb_arena *a, int y, int m, int d)
{
    if (vb_date_blank(m, d))
        return vb_arena_printf(a, "ngày%stháng%snăm %d", VB_BLANK_DAY, VB_BLANK_DAY, y);
    return vb_arena_printf(a, "ngày %02d tháng %s%d năm %d", d, m <= 2 ? "0" : "", m, y);
}

char *vb_place_date_line(vb_arena *a, const vb_doc *doc)
{
    size_t plen = 0;
    char *place = vb_inline_plain(a, &doc->place, " ", &plen);
    char *date = vb_date_words(a, doc->year, doc->month, doc->day);
    if (!place || !date)
        return NULL;
    if (!plen)
        return date;
    return vb_arena_printf(a, "%s, %s", place, date);
}

/* Vietnamese number words for 1..999, spelled the way ordinals after “thứ”
 * read: 1 and 4 alone are “nhất” and “tư”; after “mươi” a 1 is “mốt” and
 * a 4 is “tư”; after “mười”/“mươi” a 5 is “lăm”; a zero ten after a
 * hundred is “linh”. */
char *vb_ordinal_words(vb_arena *a, int n)
{
    static const char *const unit[] = {"", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    if (n == 1)
        return vb_arena_strdup(a, "nhất");
    if (n == 4)
        return vb_arena_strdup(a, "tư");
    if (n < 1 || n > 999)
        return vb_arena_printf(a, "%d", n);
    char out[96];
    size_t o = 0;
    int h = n / 100, t = n / 10 % 10, u = n % 10;
#define PUT(s) o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? " " : "", (s))
    if (h)
        PUT(unit[h]), PUT("trăm");
    if (t == 0 && u && h)
        PUT("linh");
    if (t == 1)
        PUT("mười");
    else if (t > 1)
        PUT(unit[t]), PUT("mươi");
    if (u) {
        if (t >= 2 && u == 1)
            PUT("mốt");
        else if (t >= 2 && u == 4)
            PUT("tư");
        else if (t >= 1 && u == 5)
            PUT("lăm");
        else
            PUT(unit[u]);
    }
#undef PUT
    return vb_arena_strndup(a, out, o);
}

/* Is node n a mục directly or indirectly inside a chương? Then it prints as
 * “Mục 1” (centred); in reports it prints “I.”. */
static int section_in_chapter(const vb_node *n)
{
    for (const vb_node *p = n->parent; p; p = p->parent)
        if (p->kind == VB_N_CHAPTER)
            return 1;
    return 0;
}

char *vb_node_label(vb_arena *a, const vb_node *n)
{
    char r[16];
    switch (n->kind) {
    case VB_N_PART:
        if (n->ordinal_words) {
            char *w = vb_ordinal_words(a, n->number);
            return w ? vb_arena_printf(a, "Phần thứ %s", w) : NULL;
        }
        return vb_arena_printf(a, "Phần %s", vb_roman(n->number, r));
    case VB_N_CHAPTER: return vb_arena_printf(a, "Chương %s", vb_roman(n->number, r));
    case VB_N_SECTION:
        if (section_in_chapter(n))
            return vb_arena_printf(a, "Mục %d", n->number);
        return vb_arena_printf(a, "%s.", vb_roman(n->number, r));
    case VB_N_SUBSECTION: return vb_arena_printf(a, "Tiểu mục %d", n->number);
    case VB_N_ARTICLE: return vb_arena_printf(a, "Điều %d.", n->number);
    case VB_N_CLAUSE: return vb_arena_printf(a, "%d.", n->number);
    case VB_N_POINT: return vb_arena_printf(a, "%s)", vb_point_letter(n->number, r));
    case VB_N_DASH: return vb_arena_strdup(a, "-");
    default: return vb_arena_strdup(a, "");
    }
}

const char *vb_authority_prefix(vb_authority k)
{
    switch (k) {
    case VB_AUTH_TM: return "TM.";
    case VB_AUTH_KT: return "KT.";
    case VB_AUTH_TL: return "TL.";
    case VB_AUTH_TUQ: return "TUQ.";
    case VB_AUTH_Q: return "Q.";
    default: return "";
    }
}

/* Phụ lục I (ô 9b, 12) and every Phụ lục III form print the line
 * “- Lưu: VT, …(9). …(10).”: VT, the drafting unit's code with the copies
 * it keeps, a full stop; then the drafter's code with the number of copies
 * issued, and a full stop: “- Lưu: VT, VP(2). NH(10).”, or “- Lưu: VT,
 * TCCB.” without ô 12. The counts go in brackets right after the code, as
 * the decree's own example “PL.(300)” writes them. */
char *vb_archive_line(vb_arena *a, const vb_archive *ar)
{
    const char *units = ar->units && ar->units[0] ? ar->units : NULL;
    const char *kept = units && ar->kept && ar->kept[0] ? ar->kept : NULL;
    const char *drafter = ar->drafter && ar->drafter[0] ? ar->drafter : NULL;
    const char *copies = ar->copies && ar->copies[0] ? ar->copies : NULL;
    return vb_arena_printf(a, "- Lưu: VT%s%s%s%s%s.%s%s%s%s%s%s", units ? ", " : "", units ? units : "",
                           kept ? "(" : "", kept ? kept : "", kept ? ")" : "", drafter || copies ? " " : "",
                           drafter ? drafter : "", copies ? "(" : "", copies ? copies : "", copies ? ")" : "",
                           drafter || copies ? "." : "");
}

const char *vb_decision_formula(const vb_doc *doc)
{
    if (!doc->type)
        return NULL;
    if (doc->type->form == VB_FORM_DECISION)
        return "QUYẾT ĐỊNH:";
    if (doc->type->form == VB_FORM_RESOLUTION)
        return "QUYẾT NGHỊ:";
    return NULL;
}

char *vb_type_in_sentence(vb_arena *a, const vb_doctype *t)
{
    if (!t || !t->name)
        return vb_arena_strdup(a, "Văn bản");
    size_t len = strlen(t->name), n = 0;
    char *lower = vb_utf8_lower(a, t->name, len, &n);
    if (!lower)
        return NULL;
    /* upper-case the first letter again */
    uint32_t cp;
    size_t k = vb_utf8_decode(lower, n, &cp);
    size_t un = 0;
    char *first = vb_utf8_upper(a, lower, k, &un);
    return first ? vb_arena_printf(a, "%s%s", first, lower + k) : NULL;
}

char *vb_annex_label(vb_arena *a, const vb_annex *an, size_t n_appendices)
{
    char r[16];
    if (an->label)
        return vb_arena_strdup(a, an->label);
    if (n_appendices >= 2 || an->numbered)
        return vb_arena_printf(a, "Phụ lục %s", vb_roman(an->number, r));
    return vb_arena_strdup(a, "Phụ lục");
}

char *vb_annex_reference(vb_arena *a, const vb_doc *doc, const vb_annex *an)
{
    const char *lead = an->kind == VB_ANNEX_ATTACHED ? "Ban hành kèm theo" : "Kèm theo";
    char *type = vb_type_in_sentence(a, doc->type);
    char *date = vb_date_words(a, doc->year, doc->month, doc->day);
    size_t of_len = 0;
    char *of = an->of.n ? vb_inline_plain(a, &an->of, " ", &of_len) : NULL;
    if (!type || !date)
        return NULL;
    const char *num = vb_number_blank(doc->number) ? VB_BLANK_NUMBER : vb_pad_number(a, doc->number);
    return vb_arena_printf(a, "(%s %s số %s/%s %s%s%s)", lead, type, num,
                           doc->notation ? doc->notation : "", date, of_len ? " của " : "", of_len ? of : "");
}

const char *vb_copy_form_name(vb_copy_form f)
{
    switch (f) {
    case VB_COPY_SAO_Y: return "SAO Y";
    case VB_COPY_SAO_LUC: return "SAO LỤC";
    case VB_COPY_TRICH_SAO: return "TRÍCH SAO";
    default: return "";
    }
}

const char *vb_urgency_name(vb_urgency u)
{
    switch (u) {
    case VB_URGENT_KHAN: return "KHẨN";
    case VB_URGENT_THUONG_KHAN: return "THƯỢNG KHẨN";
    case VB_URGENT_HOA_TOC: return "HỎA TỐC";
    default: return "";
    }
}

const char *vb_secrecy_name(vb_secrecy s)
{
    switch (s) {
    case VB_SECRET_MAT: return "MẬT";
    case VB_SECRET_TOI_MAT: return "TỐI MẬT";
    case VB_SECRET_TUYET_MAT: return "TUYỆT MẬT";
    default: return "";
    }
}
