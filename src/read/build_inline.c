/* build_inline.c - inline content (build.h): text and <b>, <i>, <u>,
 * <xuong_dong/> made into spans. Text is collapsed as HTML does: each run of
 * XML white space becomes one space, also across <b>/<i>/<u> boundaries;
 * space at the start and end of a field and next to <xuong_dong/> goes; the
 * result is put in NFC. */
#include "build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text of a text or CDATA node as libxml2 holds it (references
 * replaced, CR LF made LF), before white space is collapsed: the one place
 * the reader takes text from libxml2. NULL for none. */
static const char *node_text(const xmlNode *t)
{
    return (const char *)t->content;
}

static tspan *span_push(bld *b, unsigned flags, size_t off)
{
    if (b->nsp == b->capsp) {
        size_t cap = b->capsp ? b->capsp * 2 : 32;
        tspan *v = realloc(b->sp, cap * sizeof *v);
        if (!v) {
            b->nomem = 1;
            return NULL;
        }
        b->sp = v;
        b->capsp = cap;
    }
    tspan *t = &b->sp[b->nsp++];
    *t = (tspan){b->text.len, 0, off, flags};
    return t;
}

/* The span text of this style goes to: the last one when it has the same style. */
static tspan *span_for(bld *b, unsigned flags, size_t off)
{
    if (b->nsp && b->sp[b->nsp - 1].flags == flags && !(flags & VB_SPAN_BREAK))
        return &b->sp[b->nsp - 1];
    return span_push(b, flags, off);
}

static void inl_text(bld *b, const xmlNode *t, unsigned flags)
{
    const char *s = node_text(t);
    size_t n = s ? strlen(s) : 0, off = vb_bld_noff(t), i = 0;
    if (!vb_buf_reserve(&b->text, n + 1)) {
        b->nomem = 1;
        return;
    }
    char *o0 = (char *)b->text.data + b->text.len, *o = o0;
    tspan *sp = NULL; /* the style is the same for the whole node */
    while (i < n) {
        if (vb_bld_is_ws(s[i])) {
            while (i < n && vb_bld_is_ws(s[i]))
                i++;
            if (!b->line_has_text || b->last_space)
                continue;
            b->last_space = 1;
            if (!sp && !(sp = span_for(b, flags, vb_bld_skip_ws_at(b, off))))
                return;
            *o++ = ' ';
            continue;
        }
        /* The first span of a node starts after its leading white space. */
        if (!sp && !(sp = span_for(b, flags, vb_bld_skip_ws_at(b, off))))
            return;
        *o++ = s[i++];
        b->last_space = 0;
        b->line_has_text = 1;
    }
    if (sp) {
        sp->len += (size_t)(o - o0);
        b->text.len += (size_t)(o - o0);
    }
}

/* Drops a collapsed space at the end of the text so far. */
static void inl_trim(bld *b)
{
    if (!b->last_space)
        return;
    for (size_t i = b->nsp; i-- > 0;) {
        if (b->sp[i].len) {
            b->sp[i].len--;
            b->text.len--;
            break;
        }
    }
    b->last_space = 0;
}

static void inl_break(bld *b, size_t off)
{
    inl_trim(b);
    span_push(b, VB_SPAN_BREAK, off);
    b->line_has_text = 0;
}

static void inline_walk(bld *b, xmlNode *x, unsigned flags, int skip_titles)
{
    for (xmlNode *c = x->children; c; c = c->next) {
        if (vb_bld_is_text(c)) {
            inl_text(b, c, flags);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue; /* comments and processing instructions */
        ek k = vb_bld_kind_of(c);
        switch (k) {
        case E_B:
        case E_I:
        case E_U:
            vb_bld_check_attrs(b, c, vb_bld_no_attrs);
            inline_walk(b, c,
                        flags | (k == E_B   ? VB_SPAN_BOLD
                                 : k == E_I ? VB_SPAN_ITALIC
                                            : VB_SPAN_UNDERLINE),
                        0);
            break;
        case E_XUONG_DONG:
            vb_bld_check_attrs(b, c, vb_bld_no_attrs);
            vb_bld_check_empty(b, c, "");
            inl_break(b, vb_bld_noff(c));
            break;
        case E_TIEU_DE:
            if (skip_titles)
                break;
            vb_bld_bad_element(b, c, x);
            break;
        default:
            vb_bld_bad_element(b, c, x);
            break;
        }
    }
}

/* Reads the inline content of x into out (spans in the arena, NFC). */
void vb_bld_read_inline(bld *b, xmlNode *x, int skip_titles, vb_inline *out)
{
    b->nsp = 0;
    vb_buf_reset(&b->text);
    b->line_has_text = b->last_space = 0;
    inline_walk(b, x, 0, skip_titles);
    inl_trim(b);
    out->v = NULL;
    out->n = 0;
    out->pos = vb_bld_pos(b, vb_bld_noff(x));
    if (b->text.failed) {
        b->nomem = 1;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < b->nsp; i++)
        if (b->sp[i].len || (b->sp[i].flags & VB_SPAN_BREAK))
            n++;
    if (!n)
        return;
    out->v = vb_arena_calloc(b->a, n, sizeof *out->v);
    if (!out->v) {
        b->nomem = 1;
        return;
    }
    for (size_t i = 0; i < b->nsp; i++) {
        const tspan *t = &b->sp[i];
        if (!t->len && !(t->flags & VB_SPAN_BREAK))
            continue;
        vb_span *s = &out->v[out->n++];
        s->flags = t->flags;
        s->pos = vb_bld_pos(b, t->off);
        s->off = t->off;
        if (t->flags & VB_SPAN_BREAK) {
            s->text = "";
            continue;
        }
        char *txt = vb_bld_nfc(b, (const char *)b->text.data + t->start, t->len, &s->len);
        if (!txt) {
            b->nomem = 1;
            s->text = "";
            continue;
        }
        s->text = txt;
    }
}

/* A field of inline text that must not be empty. */
void vb_bld_read_field(bld *b, xmlNode *x, vb_inline *out)
{
    char en[128];
    vb_bld_check_attrs(b, x, vb_bld_no_attrs);
    vb_bld_read_inline(b, x, 0, out);
    if (vb_inline_empty(out))
        vb_bld_err_node(b, x, VB_XML_MARK_SELF, "<%s> has no text", NAME(x, en));
}

/* The text of an element that holds text only, trimmed, in the arena. */
const char *vb_bld_plain_text(bld *b, xmlNode *x)
{
    vb_buf_reset(&b->text);
    for (xmlNode *c = x->children; c; c = c->next) {
        if (vb_bld_is_text(c) && node_text(c))
            vb_buf_puts(&b->text, node_text(c));
        else if (c->type == XML_ELEMENT_NODE)
            vb_bld_bad_element(b, c, x);
    }
    const char *s = b->text.len ? (const char *)b->text.data : "";
    size_t i = 0, e = b->text.len;
    while (i < e && vb_bld_is_ws(s[i]))
        i++;
    while (e > i && vb_bld_is_ws(s[e - 1]))
        e--;
    char *r = vb_arena_strndup(b->a, s + i, e - i);
    if (!r || b->text.failed) {
        b->nomem = 1;
        return "";
    }
    return r;
}

