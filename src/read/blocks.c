/* blocks.c - flattening the content tree into styled blocks. */
#include "blocks.h"

#include <string.h>

#include "derive.h"

typedef struct bl {
    vb_arena *a;
    vb_tblock *v;
    size_t n, cap;
    int failed;
} bl;

static vb_tblock *push(bl *b, vb_role role, const vb_node *node, const char *label, vb_inline text)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        vb_tblock *v = vb_arena_grow(b->a, b->v, b->n, cap, sizeof *v);
        if (!v) {
            b->failed = 1;
            return NULL;
        }
        b->v = v;
        b->cap = cap;
    }
    vb_tblock *t = &b->v[b->n++];
    t->role = role;
    t->node = node;
    t->label = label;
    t->text = text;
    t->pos = node ? node->pos : (vb_srcpos){0};
    return t;
}

static int in_chapter(const vb_node *n)
{
    for (const vb_node *p = n->parent; p; p = p->parent)
        if (p->kind == VB_N_CHAPTER)
            return 1;
    return 0;
}

static void walk(bl *b, const vb_node *n, const char *pending_label);

/* `label` in bold and a space, then `text` as it is. */
static vb_inline run_in(vb_arena *a, const char *label, const vb_inline *text, vb_srcpos pos)
{
    vb_inline out = {0};
    vb_span *v = vb_arena_calloc(a, text->n + 1, sizeof *v);
    char *head = label ? vb_arena_printf(a, "%s ", label) : NULL;
    if (!v || !head)
        return out;
    v[0] = (vb_span){head, strlen(head), VB_SPAN_BOLD, pos, VB_NO_OFF};
    if (text->n)
        memcpy(v + 1, text->v, text->n * sizeof *v);
    out.v = v;
    out.n = text->n + 1;
    return out;
}

/* Children of a list item or container; the first paragraph carries the
 * item's label when the item has no title of its own. */
static void children(bl *b, const vb_node *n, const char *label)
{
    for (const vb_node *c = n->first; c; c = c->next) {
        walk(b, c, label);
        label = NULL;
    }
}

static void walk(bl *b, const vb_node *n, const char *pending_label)
{
    static const vb_inline none = {0};
    const char *label = vb_node_label(b->a, n);
    switch (n->kind) {
    case VB_N_BODY:
        children(b, n, NULL);
        break;
    case VB_N_PART:
        push(b, VB_ROLE_PHAN, n, label, none);
        push(b, VB_ROLE_PHAN_TIEU_DE, n, NULL, n->title);
        children(b, n, NULL);
        break;
    case VB_N_CHAPTER:
        push(b, VB_ROLE_CHUONG, n, label, none);
        push(b, VB_ROLE_CHUONG_TIEU_DE, n, NULL, n->title);
        children(b, n, NULL);
        break;
    case VB_N_SECTION:
        if (in_chapter(n)) {
            push(b, VB_ROLE_MUC_CHUONG, n, label, none);
            push(b, VB_ROLE_MUC_TIEU_DE, n, NULL, n->title);
        } else {
            push(b, VB_ROLE_MUC, n, label, n->title);
        }
        children(b, n, NULL);
        break;
    case VB_N_SUBSECTION:
        push(b, VB_ROLE_TIEU_MUC, n, label, none);
        push(b, VB_ROLE_MUC_TIEU_DE, n, NULL, n->title);
        children(b, n, NULL);
        break;
    case VB_N_ARTICLE:
        if (n->has_title || !n->first || n->first->kind != VB_N_PARA) {
            push(b, VB_ROLE_DIEU, n, label, n->title);
            children(b, n, NULL);
            break;
        }
        /* no heading: “Điều 1.” in bold, then the article's text in the
         * body's regular type, in one paragraph (the reader makes sure a
         * paragraph comes first) */
        vb_inline t = run_in(b->a, label, &n->first->text, n->pos);
        if (!t.v) {
            b->failed = 1;
            break;
        }
        push(b, VB_ROLE_DOAN, n->first, NULL, t);
        for (const vb_node *c = n->first->next; c; c = c->next)
            walk(b, c, NULL);
        break;
    case VB_N_CLAUSE:
    case VB_N_POINT:
    case VB_N_DASH:
        if (n->has_title) {
            push(b, VB_ROLE_KHOAN_TIEU_DE, n, label, n->title);
            children(b, n, NULL);
        } else {
            children(b, n, label);
        }
        break;
    case VB_N_PARA:
        push(b, VB_ROLE_DOAN, n, pending_label, n->text);
        break;
    case VB_N_TABLE:
        /* laid out by the backend from node->table */
        push(b, VB_ROLE_BANG, n, NULL, none);
        break;
    case VB_N_CELL:
        children(b, n, NULL);
        break;
    default:
        break;
    }
}

/* Does the inline text end with the end mark already? */
static int ends_with(const vb_inline *t, const char *mark)
{
    size_t ml = strlen(mark);
    for (size_t i = t->n; i-- > 0;) {
        const vb_span *s = &t->v[i];
        if (s->flags & VB_SPAN_BREAK || !s->len)
            continue;
        return s->len >= ml && memcmp(s->text + s->len - ml, mark, ml) == 0;
    }
    return 0;
}

/* One span of derived text. */
static vb_inline words(vb_arena *a, const char *text, unsigned flags, vb_srcpos pos)
{
    vb_inline in = {0};
    vb_span *sp = vb_arena_alloc(a, sizeof *sp);
    if (!sp || !text)
        return in;
    *sp = (vb_span){text, strlen(text), flags, pos, VB_NO_OFF};
    in.v = sp;
    in.n = 1;
    return in;
}

/* `text` with `tail` appended as a span of the same look. */
static vb_inline with_tail(vb_arena *a, const vb_inline *text, const char *tail)
{
    vb_inline out = {0};
    vb_span *v = vb_arena_calloc(a, text->n + 1, sizeof *v);
    if (!v)
        return out;
    if (text->n)
        memcpy(v, text->v, text->n * sizeof *v);
    unsigned flags = text->n ? text->v[text->n - 1].flags & ~(unsigned)VB_SPAN_BREAK : 0;
    vb_srcpos pos = text->n ? text->v[text->n - 1].pos : (vb_srcpos){0};
    v[text->n] = (vb_span){tail, strlen(tail), flags, pos, VB_NO_OFF};
    out.v = v;
    out.n = text->n + 1;
    return out;
}

/* `head` then `text`. */
static vb_inline with_head(vb_arena *a, const char *head, const vb_inline *text)
{
    vb_inline out = {0};
    vb_span *v = vb_arena_calloc(a, text->n + 1, sizeof *v);
    if (!v)
        return out;
    vb_srcpos pos = text->n ? text->v[0].pos : (vb_srcpos){0};
    v[0] = (vb_span){head, strlen(head), 0, pos, VB_NO_OFF};
    if (text->n)
        memcpy(v + 1, text->v, text->n * sizeof *v);
    out.v = v;
    out.n = text->n + 1;
    return out;
}

/* What a quyết định, nghị quyết or công điện says before its content:
 * the issuing authority, the legal bases, the proposal and the formula. */
static void preamble(bl *b, const vb_doc *doc)
{
    vb_form form = doc->type ? doc->type->form : VB_FORM_TYPED;
    if (form == VB_FORM_TELEGRAM) {
        if (doc->authority.n)
            push(b, VB_ROLE_THAM_QUYEN_BAN_HANH, NULL, NULL, with_tail(b->a, &doc->authority, " điện:"))->pos =
                doc->pos;
        /* the addressees as Mẫu 1.6 sets them: paragraphs of the body,
         * justified, first-line indent and spacing, each "- …;" */
        for (size_t i = 0; i < doc->n_to; i++) {
            vb_inline t = with_head(b->a, "- ", &doc->to[i]);
            push(b, VB_ROLE_DOAN, NULL, NULL, with_tail(b->a, &t, i + 1 < doc->n_to ? ";" : "."));
        }
        return;
    }
    if (doc->authority.n)
        push(b, VB_ROLE_THAM_QUYEN_BAN_HANH, NULL, NULL, doc->authority);
    for (size_t i = 0; i < doc->n_bases; i++) {
        int last = i + 1 == doc->n_bases && !doc->proposal.n;
        push(b, VB_ROLE_CAN_CU, NULL, NULL, with_tail(b->a, &doc->bases[i], last ? "." : ";"));
    }
    if (doc->proposal.n) {
        vb_inline p = with_head(b->a, "Theo đề nghị của ", &doc->proposal);
        push(b, VB_ROLE_CAN_CU, NULL, NULL, with_tail(b->a, &p, "."));
    }
    const char *formula = vb_decision_formula(doc);
    if (formula)
        push(b, VB_ROLE_QUYET_DINH, NULL, NULL, words(b->a, formula, 0, doc->pos));
}

size_t vb_body_blocks(vb_arena *a, const vb_doc *doc, vb_tblock **out)
{
    bl b = {.a = a};
    *out = NULL;
    preamble(&b, doc);
    size_t first_body = b.n;
    if (doc->body)
        walk(&b, doc->body, NULL);
    if (b.failed)
        return (size_t)-1;
    /* the end mark ends the body's last block that prints text, whatever
     * its kind: a Quyết định whose last article is a heading alone
     * (“Điều 4. … thi hành Quyết định này.”) ends there, not in the
     * paragraph before it. Appendices are laid out from vb_node_blocks and
     * never get one. A table prints no text of its own: the mark then goes
     * after the text before it. */
    if (doc->end_mark && b.n > first_body) {
        vb_tblock *last = NULL;
        for (size_t i = b.n; i-- > first_body;)
            if (b.v[i].text.n) {
                last = &b.v[i];
                break;
            }
        if (last && !ends_with(&last->text, doc->end_mark)) {
            /* “… tổng hợp.” ends “… tổng hợp./.”: the sentence's own full stop
             * is the mark's first character */
            const char *mark = doc->end_mark;
            if (mark[0] == '.' && ends_with(&last->text, "."))
                mark++;
            last->text = with_tail(a, &last->text, mark);
            if (!last->text.v)
                return (size_t)-1;
        }
    }
    *out = b.v;
    return b.n;
}

size_t vb_node_blocks(vb_arena *a, const vb_node *container, vb_tblock **out)
{
    bl b = {.a = a};
    *out = NULL;
    if (container)
        walk(&b, container, NULL);
    if (b.failed)
        return (size_t)-1;
    *out = b.v;
    return b.n;
}
