/* check.c - the linter (check.h): the walk over the document, and the rules
 * on any run of text (legacy encodings, the header's words typed as
 * content, capitals). The fields' own rules are in check_fields.c, labels
 * the program prints itself in check_typed.c, the input's bytes in
 * check_input.c. */
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_chars.h"
#include "check_ctx.h"
#include "derive.h"
#include "i18n.h"

/* ---- rule: legacy-encoded text -------------------------------------------------------- */

static void legacy_note_range(ck *c, size_t a, size_t b)
{
    if (a == VB_NO_OFF || b == VB_NO_OFF)
        return;
    if (c->n_legacy == c->cap_legacy) {
        size_t cap = c->cap_legacy ? c->cap_legacy * 2 : 8;
        vb_ck_range *v = realloc(c->legacy, cap * sizeof *v);
        if (!v)
            return;
        c->legacy = v;
        c->cap_legacy = cap;
    }
    c->legacy[c->n_legacy++] = (vb_ck_range){a, b};
}

int vb_ck_in_legacy(const ck *c, size_t off)
{
    for (size_t i = 0; i < c->n_legacy; i++)
        if (off >= c->legacy[i].a && off < c->legacy[i].b)
            return 1;
    return 0;
}

/* The first `words` words of s (split at spaces). */
static size_t first_words(const char *s, size_t len, int words)
{
    size_t i = 0;
    while (i < len && s[i] == ' ')
        i++;
    for (int w = 0; w < words && i < len; w++) {
        while (i < len && s[i] != ' ')
            i++;
        if (w + 1 < words)
            while (i < len && s[i] == ' ')
                i++;
    }
    return i;
}

/* Reports a run typed in a legacy encoding; 1 when it did. */
static int check_legacy(ck *c, const vb_inline *in)
{
    int maybe = 0;
    for (size_t i = 0; i < in->n && !maybe; i++)
        maybe = vb_legacy_maybe(in->v[i].text, in->v[i].len);
    if (!maybe)
        return 0;
    /* one piece of text (the usual case) is judged where it is */
    const vb_span *one = in->n == 1 ? vb_ck_first_text(in) : NULL;
    size_t len = one ? one->len : 0;
    const char *s = one ? one->text : NULL;
    vb_arena *a = NULL;
    if (!s && (!(a = vb_ck_scratch(c)) || !(s = vb_inline_plain(a, in, " ", &len))))
        return 0;
    vb_legacy_enc enc = vb_legacy_detect(s, len);
    if (enc == VB_LEGACY_NONE || !(a = vb_ck_scratch(c)))
        return 0;
    /* Text set in a capital font (.VnTimeH) has its ASCII letters in capitals. */
    size_t up = 0, low = 0;
    for (size_t i = 0; i < len; i++) {
        up += s[i] >= 'A' && s[i] <= 'Z';
        low += s[i] >= 'a' && s[i] <= 'z';
    }
    size_t ex = first_words(s, len, 4);
    char *reads = vb_legacy_decode(a, enc, up >= 2 && !low, s, ex);
    const vb_span *f = vb_ck_first_text(in), *l = vb_ck_last_text(in);
    if (!f || !reads)
        return 0;
    vb_ck_emit(
        c, f->pos, VB_ERROR,
        enc == VB_LEGACY_TCVN3
            ? N_("this text looks like TCVN3 (ABC) typed with a .Vn font: '%.*s' reads '%s'; retype it or convert it "
                 "to Unicode")
            : N_("this text looks like VNI typed with a VNI font: '%.*s' reads '%s'; retype it or convert it to Unicode"),
        (int)ex, s, reads);
    legacy_note_range(c, vb_ck_span_off(c, f, 0), vb_ck_span_off(c, l, l->len));
    return 1;
}

/* ---- rule: the Quốc hiệu or the motto typed as content -------------------------------- */

/* The letters of s in capitals, nothing else, into out (NUL-terminated);
 * 0 when they do not fit. */
static size_t fold_letters(const vb_inline *in, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < in->n; i++) {
        const vb_span *s = &in->v[i];
        for (size_t j = 0; j < s->len;) {
            size_t l;
            uint32_t cp = cp_at(s->text, s->len, j, &l);
            j += l;
            if (!is_letter(cp))
                continue;
            if (k + 5 > cap)
                return 0;
            k += vb_utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)cp), out + k);
        }
    }
    out[k] = 0;
    return k;
}

static void check_header_text(ck *c, const vb_inline *in, const char *elem)
{
    static const char qh[] = "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM", qh2[] = "CỘNGHOÀXÃHỘICHỦNGHĨAVIỆTNAM",
                      motto[] = "ĐỘCLẬPTỰDOHẠNHPHÚC";
    size_t bytes = 0;
    for (size_t i = 0; i < in->n; i++)
        bytes += in->v[i].len;
    const vb_span *s = vb_ck_first_text(in);
    if (bytes < sizeof motto - 1 || bytes > 200 || !s)
        return;
    /* both start with C or Đ: most runs stop here */
    unsigned char b0 = (unsigned char)s->text[0], b1 = s->len > 1 ? (unsigned char)s->text[1] : 0;
    if (b0 != 'C' && b0 != 'c' && !(b0 == 0xC4 && (b1 == 0x90 || b1 == 0x91)))
        return;
    char f[256];
    size_t k = fold_letters(in, f, sizeof f);
    if (!k)
        return;
    size_t ql = sizeof qh - 1;
    int is_qh = !strcmp(f, qh) || !strcmp(f, qh2), is_motto = !strcmp(f, motto);
    int both = k == ql + sizeof motto - 1 && (!memcmp(f, qh, ql) || !memcmp(f, qh2, ql)) && !strcmp(f + ql, motto);
    if (!is_qh && !is_motto && !both)
        return;
    vb_ck_emit(c, s->pos, VB_ERROR,
               "<%s> holds %s, which the program prints itself at the top of page 1 (ô 1): remove it", elem,
               both    ? _("the Quốc hiệu and the motto")
               : is_qh ? _("the Quốc hiệu")
                       : _("the motto (Tiêu ngữ)"));
}

/* ---- rule: what the decree prints in capitals ----------------------------------------- */

static void check_upper(ck *c, const vb_inline *in, const char *elem, const char *what)
{
    for (size_t i = 0; i < in->n; i++) {
        const vb_span *s = &in->v[i];
        for (size_t j = 0; j < s->len;) {
            size_t l;
            uint32_t cp = cp_at(s->text, s->len, j, &l);
            if (is_lower(cp)) {
                vb_ck_emit(
                    c, vb_ck_span_pos(c, s, j), VB_WARNING,
                    "<%s> is not in capitals ('%s'): the decree prints %s in capitals, and the program prints it "
                    "as typed",
                    elem, vb_ck_word_around(c, s->text, s->len, j), _(what));
                return;
            }
            j += l;
        }
    }
}

/* Every check that looks at one run of text. upper: what the run is, when
 * the decree prints it in capitals. */
void vb_ck_run(ck *c, const vb_inline *in, const char *elem, const char *upper)
{
    if (!in || !in->n || check_legacy(c, in))
        return; /* legacy text is reported as a whole */
    check_header_text(c, in, elem);
    if (upper)
        check_upper(c, in, elem, upper);
}
/* ---- the content ---------------------------------------------------------------------- */

static void check_body(ck *c, const vb_node *n)
{
    static const char heading[] = N_("the headings of phần, chương, mục and tiểu mục");
    for (; n; n = n->next) {
        int upper = n->kind == VB_N_PART || n->kind == VB_N_CHAPTER || n->kind == VB_N_SECTION ||
                    n->kind == VB_N_SUBSECTION;
        if (n->has_title)
            vb_ck_run(c, &n->title, "tieu_de", upper ? heading : NULL);
        if (n->kind == VB_N_PARA)
            vb_ck_run(c, &n->text, "doan", NULL);
        if (n->kind == VB_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->n_rows; r++)
                for (size_t k = 0; k < n->table->rows[r].n; k++)
                    if (n->table->rows[r].cells[k].body)
                        check_body(c, n->table->rows[r].cells[k].body->first);
        check_body(c, n->first);
    }
}
/* ---- the document --------------------------------------------------------------------- */

/* A number or date left blank (so="", <ngay>YYYY</ngay>) is allowed: many
 * documents are printed and signed before the văn thư gives them a number
 * and a date, by hand. Such a document is not ready to issue: one warning
 * says what is missing. */
static void check_blank(ck *c, const char *number, vb_srcpos number_pos, int month, int day, vb_srcpos date_pos)
{
    int nb = vb_number_blank(number), db = vb_date_blank(month, day);
    if (!nb && !db)
        return;
    vb_ck_emit(c, nb ? vb_ck_attr_pos(c, number_pos, "so", 0, 0) : date_pos, VB_WARNING,
               "%s left blank for the văn thư to write in after signing: the document is not ready to issue",
               nb && db ? _("the number and the day and month are") : nb ? _("the number is") : _("the day and month are"));
}

static void check_copy(ck *c, const vb_copy *cp)
{
    if (!cp)
        return;
    check_blank(c, cp->number, cp->number_pos, cp->month, cp->day, cp->date_pos);
    vb_ck_number(c, cp->number, cp->number_pos);
    vb_ck_notation(c, cp->notation, cp->number_pos, NULL, cp->form);
    vb_ck_run(c, &cp->parent_agency, "co_quan_chu_quan", "the agency's name (ô 2)");
    vb_ck_run(c, &cp->agency, "co_quan_ban_hanh", "the agency's name (ô 2)");
    vb_ck_run(c, &cp->place, "dia_danh", NULL);
    vb_ck_signature(c, &cp->signature);
    vb_ck_recipients(c, cp->recipients, cp->n_recipients, &cp->archive);
}

/* ô 14, the 10 pt text stamp of the agency's digital signature, is what an
 * attachment or appendix sent as a separate file shows, with no seal image
 * (spec §4.3); the original electronic document shows the signature and
 * seal images instead (ô 7c, 8: §4.2). Both on one document is an original
 * given the stamp by mistake. */
static void check_ecopy(ck *c, const vb_doc *doc)
{
    if (!doc->ecopy.n)
        return;
    for (size_t i = 0; i < doc->n_signatures; i++)
        if (doc->signatures[i].signature_image || doc->signatures[i].seal_image) {
            vb_diag_emit(c->diag, doc->ecopy.pos, VB_WARNING,
                         "<chu_ky_so> (ô 14) on a document that shows the signature and seal images: the 10 pt "
                         "text stamp belongs to attachments and appendices sent as separate files, where the seal "
                         "image is not shown; the original electronic document carries the images alone "
                         "(docs/format.md §3.6)");
            return;
        }
}

void vb_check_doc(const vb_doc *doc, vb_diag *diag)
{
    static const char agency[] = N_("the agency's name (ô 2)");
    ck c = {0};
    c.doc = doc;
    c.diag = diag;
    c.src = doc->src && doc->src->text ? doc->src : NULL;

    /* first, as the reader reported these before the linter existed: the
     * same order for findings at one place */
    vb_ck_typed(&c);

    check_blank(&c, doc->number, doc->number_pos, doc->month, doc->day, doc->date_pos);
    vb_ck_number(&c, doc->number, doc->number_pos);
    vb_ck_notation(&c, doc->notation, doc->number_pos, doc->type, VB_COPY_NONE);
    vb_ck_run(&c, &doc->parent_agency, "co_quan_chu_quan", agency);
    vb_ck_run(&c, &doc->agency, "co_quan_ban_hanh", agency);
    vb_ck_run(&c, &doc->joint_parent_agency, "co_quan_chu_quan", agency);
    vb_ck_run(&c, &doc->joint_agency, "co_quan_ban_hanh", agency);
    vb_ck_run(&c, &doc->place, "dia_danh", NULL);
    vb_ck_run(&c, &doc->summary, "trich_yeu", NULL);
    vb_ck_run(&c, &doc->authority, "tham_quyen_ban_hanh", "the issuing authority");
    for (size_t i = 0; i < doc->n_bases; i++)
        vb_ck_run(&c, &doc->bases[i], "can_cu", NULL);
    vb_ck_run(&c, &doc->proposal, "theo_de_nghi", NULL);
    for (size_t i = 0; i < doc->n_circulation; i++)
        vb_ck_run(&c, &doc->circulation[i], "chi_dan_luu_hanh", "circulation notes (ô 11)");
    for (size_t i = 0; i < doc->n_to; i++)
        vb_ck_recipient(&c, &doc->to[i], 0);
    if (doc->body)
        check_body(&c, doc->body->first);
    for (size_t i = 0; i < doc->n_signatures; i++)
        vb_ck_signature(&c, &doc->signatures[i]);
    vb_ck_recipients(&c, doc->recipients, doc->n_recipients, &doc->archive);
    for (size_t i = 0; i < doc->n_address; i++)
        vb_ck_run(&c, &doc->address[i], "dia_chi", NULL);
    for (size_t i = 0; i < doc->n_annexes; i++) {
        const vb_annex *an = &doc->annexes[i];
        const char *el = an->kind == VB_ANNEX_APPENDIX ? "phu_luc" : "van_ban_kem_theo";
        vb_ck_run(&c, &an->title, "tieu_de", an->kind == VB_ANNEX_APPENDIX ? "the title of an appendix" : NULL);
        vb_ck_run(&c, &an->of, el, NULL);
        if (an->body)
            check_body(&c, an->body->first);
        vb_ck_signature(&c, an->signature);
    }
    check_ecopy(&c, doc);
    check_copy(&c, doc->copy);
    if (c.src && c.src->unicode) /* an 8-bit file's bytes are not what the user typed */
        vb_ck_scan_input(&c);

    free(c.legacy);
    vb_arena_free(c.tmp);
}
