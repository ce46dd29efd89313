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
        push(b, VB_ROLE_DIEU, n, label, n->title);
        children(b, n, NULL);
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

size_t vb_body_blocks(vb_arena *a, const vb_doc *doc, vb_tblock **out)
{
    bl b = {.a = a};
    *out = NULL;
    if (doc->body)
        walk(&b, doc->body, NULL);
    if (b.failed)
        return (size_t)-1;
    /* the end mark goes at the end of the last paragraph of the body */
    if (doc->end_mark && b.n) {
        vb_tblock *last = &b.v[b.n - 1];
        if (last->text.n && !ends_with(&last->text, doc->end_mark)) {
            vb_span *v = vb_arena_calloc(a, last->text.n + 1, sizeof *v);
            if (!v)
                return (size_t)-1;
            memcpy(v, last->text.v, last->text.n * sizeof *v);
            const vb_span *prev = &last->text.v[last->text.n - 1];
            v[last->text.n] = (vb_span){doc->end_mark, strlen(doc->end_mark), prev->flags & ~(unsigned)VB_SPAN_BREAK, prev->pos};
            last->text.v = v;
            last->text.n++;
        }
    }
    *out = b.v;
    return b.n;
}
