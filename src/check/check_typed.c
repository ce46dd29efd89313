/* check_typed.c - labels and punctuation the program prints itself, typed
 * in a field as well: "I. " before a heading's title, "Theo đề nghị" in
 * <theo_de_nghi>, "- " and ";" around a recipient, "V/v" in a công văn's
 * summary, "của" in cua="…". Each would be printed twice. Warnings, at the
 * element (or attribute) that holds the text. */
#include "check_ctx.h"

#include <string.h>

/* The length of lit without its final space when s starts with lit (and
 * goes on after it), else 0. */
static size_t starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n > k && memcmp(s, lit, k) == 0 ? k - 1 : 0;
}

/* The last character of a run's text (0 when none). */
static char last_char(const vb_inline *in)
{
    const vb_span *l = vb_ck_last_text(in);
    return l ? l->text[l->len - 1] : 0;
}

/* Does the run's text end with lit? */
static int ends_with_text(const vb_inline *in, const char *lit)
{
    const vb_span *l = vb_ck_last_text(in);
    size_t k = strlen(lit);
    return l && l->len >= k && memcmp(l->text + l->len - k, lit, k) == 0;
}

/* The length of a label the program prints itself when the text of a node
 * of this kind starts with one ("I. ", "1. ", "a) ", "- ", "Phần "), else 0. */
static size_t typed_label(vb_node_kind kind, const char *s, size_t n)
{
    size_t i = 0;
    switch (kind) {
    case VB_N_PART: return starts(s, n, "Phần ");
    case VB_N_CHAPTER: return starts(s, n, "Chương ");
    case VB_N_ARTICLE: {
        size_t k = starts(s, n, "Điều ");
        return k && s[k + 1] >= '0' && s[k + 1] <= '9' ? k : 0;
    }
    case VB_N_SECTION:
        while (i < n && s[i] && strchr("IVXLC", s[i]))
            i++;
        return i && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 1 : 0;
    case VB_N_CLAUSE:
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        return i && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 1 : 0;
    case VB_N_POINT:
        if (n > 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ')
            return 2;
        return starts(s, n, "đ) ");
    case VB_N_DASH: return n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ' ? 1 : 0;
    default: return 0;
    }
}

static void label(ck *c, vb_node_kind kind, const vb_inline *in, vb_srcpos at)
{
    const vb_span *s = vb_ck_first_text(in);
    size_t k = s ? typed_label(kind, s->text, s->len) : 0;
    if (k)
        vb_ck_emit(c, at, VB_WARNING, "the text starts with '%.*s', which the program prints itself", (int)k, s->text);
}

/* Titles, and text that stands directly in a numbered block (a <tieu_de>
 * makes the label the title's). */
static void labels(ck *c, const vb_node *n)
{
    for (; n; n = n->next) {
        if (n->has_title)
            label(c, n->kind, &n->title, n->title.pos);
        if (n->kind == VB_N_PARA && n->parent && !n->parent->has_title &&
            (n->from_text || (n->parent->kind == VB_N_ARTICLE && n->parent->first == n)))
            label(c, n->parent->kind, &n->text, n->pos);
        if (n->kind == VB_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->n_rows; r++)
                for (size_t k = 0; k < n->table->rows[r].n; k++)
                    if (n->table->rows[r].cells[k].body)
                        labels(c, n->table->rows[r].cells[k].body->first);
        labels(c, n->first);
    }
}

static void recipients(ck *c, const vb_inline *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const vb_span *f = vb_ck_first_text(&v[i]);
        if (f && f->len > 1 && (f->text[0] == '-' || f->text[0] == '+') && f->text[1] == ' ')
            vb_ck_emit(c, v[i].pos, VB_WARNING, "<nhan> starts with '%c', which the program prints itself", f->text[0]);
        const vb_span *l = v[i].n ? &v[i].v[v[i].n - 1] : NULL;
        if (l && !(l->flags & VB_SPAN_BREAK) && l->len && l->text[l->len - 1] == ';')
            vb_ck_emit(c, v[i].pos, VB_WARNING, "<nhan> ends with ';', which the program prints itself");
    }
}

static void of(ck *c, const vb_inline *in)
{
    const vb_span *f = vb_ck_first_text(in);
    if (f && strncmp(f->text, "của ", strlen("của ")) == 0)
        vb_ck_emit(c, in->pos, VB_WARNING, "cua starts with 'của', which the program prints itself");
}

/* The address footer's fields (ô 13): the program prints “ĐT: ”, “Fax: ”,
 * “E-Mail: ”, “Website: ” before them, so a label typed in the field (as
 * a clerk types it in a free <dong>) would print twice. */
static void address_labels(ck *c, const vb_doc *doc)
{
    static const struct {
        int field;
        const char *elem, *printed, *typed[4];
    } L[] = {
        {VB_ADDR_PHONE, "dien_thoai", "ĐT:", {"ĐT", "Điện thoại", "Tel", NULL}},
        {VB_ADDR_FAX, "fax", "Fax:", {"Fax", "FAX", NULL}},
        {VB_ADDR_EMAIL, "thu_dien_tu", "E-Mail:", {"E-Mail", "E-mail", "Email", "Thư điện tử"}},
        {VB_ADDR_WEB, "trang_web", "Website:", {"Website", "Web", "Trang thông tin", NULL}},
    };
    for (size_t i = 0; i < sizeof L / sizeof L[0]; i++) {
        const vb_inline *in = &doc->address_field[L[i].field];
        const vb_span *f = vb_ck_first_text(in);
        for (size_t k = 0; f && k < 4 && L[i].typed[k]; k++) {
            size_t n = strlen(L[i].typed[k]);
            if (f->len > n && memcmp(f->text, L[i].typed[k], n) == 0 && (f->text[n] == ':' || f->text[n] == ' ')) {
                vb_ck_emit(c, in->pos, VB_WARNING, "<%s> starts with '%s', which the program prints itself ('%s')",
                           L[i].elem, L[i].typed[k], L[i].printed);
                break;
            }
        }
    }
}

void vb_ck_typed(ck *c)
{
    const vb_doc *doc = c->doc;
    vb_form form = doc->type ? doc->type->form : VB_FORM_TYPED;
    const vb_span *f = vb_ck_first_text(&doc->summary);
    if (form == VB_FORM_OFFICIAL_LETTER && f && f->len >= 3 && (f->text[0] == 'V' || f->text[0] == 'v') &&
        f->text[1] == '/' && (f->text[2] == 'V' || f->text[2] == 'v'))
        vb_ck_emit(c, doc->summary.pos, VB_WARNING, "<trich_yeu> starts with '%.3s', which the program prints itself",
                   f->text);
    if (form == VB_FORM_TELEGRAM && (ends_with_text(&doc->authority, "điện:") || ends_with_text(&doc->authority, "ĐIỆN:")))
        vb_ck_emit(c, doc->authority.pos, VB_WARNING,
                   "<tham_quyen_ban_hanh> ends with 'điện:', which the program prints itself");
    for (size_t i = 0; i < doc->n_bases; i++) {
        char last = last_char(&doc->bases[i]);
        if (last == ';' || last == '.' || last == ',')
            vb_ck_emit(c, doc->bases[i].pos, VB_WARNING, "<can_cu> ends with '%c', which the program prints itself",
                       last);
    }
    f = vb_ck_first_text(&doc->proposal);
    if (f && (starts(f->text, f->len, "Theo đề nghị ") || starts(f->text, f->len, "theo đề nghị ")))
        vb_ck_emit(c, doc->proposal.pos, VB_WARNING,
                   "<theo_de_nghi> starts with 'Theo đề nghị', which the program prints itself");
    if (last_char(&doc->proposal) == '.')
        vb_ck_emit(c, doc->proposal.pos, VB_WARNING, "<theo_de_nghi> ends with '.', which the program prints itself");
    if (doc->body)
        labels(c, doc->body->first);
    address_labels(c, doc);
    recipients(c, doc->recipients, doc->n_recipients);
    for (size_t i = 0; i < doc->n_annexes; i++) {
        of(c, &doc->annexes[i].of);
        if (doc->annexes[i].body)
            labels(c, doc->annexes[i].body->first);
    }
    if (doc->copy)
        recipients(c, doc->copy->recipients, doc->copy->n_recipients);
    if (doc->joint_pos.line && doc->n_signatures != 2)
        vb_ck_emit(c, doc->joint_pos, VB_WARNING,
                   "a joint document (<lien_tich>) has two <chu_ky>, one for each agency; this one has %zu",
                   doc->n_signatures);
}
