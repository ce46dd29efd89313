/* check_ctx.c - the linter's context (check_ctx.h): messages, and positions
 * inside the input through the source the reader kept. */
#include "check_ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void vb_ck_emit(ck *c, vb_srcpos pos, vb_severity sev, const char *fmt, ...)
{
    if (!pos.file)
        pos.file = c->doc->file;
    va_list ap;
    va_start(ap, fmt);
    vb_diag_vemit(c->diag, pos, sev, fmt, ap);
    va_end(ap);
}

vb_arena *vb_ck_scratch(ck *c)
{
    if (!c->tmp)
        c->tmp = vb_arena_new();
    return c->tmp;
}

const char *vb_ck_fmt(ck *c, const char *fmt, ...)
{
    vb_arena *a = vb_ck_scratch(c);
    if (!a)
        return "";
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *r = vb_arena_strdup(a, buf);
    return r ? r : "";
}

/* ---- positions ---------------------------------------------------------------------- */

vb_srcpos vb_ck_pos(ck *c, size_t off)
{
    if (!c->src || off == VB_NO_OFF)
        return (vb_srcpos){c->doc->file, 0, 0};
    vb_srcpos p = vb_source_pos(c->src, off);
    p.file = c->doc->file;
    return p;
}

size_t vb_ck_span_off(ck *c, const vb_span *s, size_t k)
{
    if (!c->src)
        return VB_NO_OFF;
    return vb_source_text_off(c->src, s->off, s->text, s->len, k);
}

vb_srcpos vb_ck_span_pos(ck *c, const vb_span *s, size_t k)
{
    size_t o = vb_ck_span_off(c, s, k);
    if (o == VB_NO_OFF)
        return s->pos;
    vb_srcpos p = vb_ck_pos(c, o);
    return p.line ? p : s->pos;
}

vb_srcpos vb_ck_attr_pos(ck *c, vb_srcpos elem, const char *name, int value, size_t ch)
{
    size_t at = c->src ? vb_source_off(c->src, elem) : VB_NO_OFF, no, vo;
    if (at == VB_NO_OFF || !vb_source_attr(c->src, at, name, &no, &vo))
        return elem;
    if (!value)
        return vb_ck_pos(c, no);
    vb_srcpos p = vb_ck_pos(c, vo);
    p.col += (uint32_t)ch;
    return p;
}

/* ---- inline runs ---------------------------------------------------------------------- */

const vb_span *vb_ck_first_text(const vb_inline *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return &in->v[i];
    return NULL;
}

const vb_span *vb_ck_last_text(const vb_inline *in)
{
    for (size_t i = in->n; i-- > 0;)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return &in->v[i];
    return NULL;
}

size_t vb_ck_back_one(const char *s, size_t i)
{
    if (!i)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

const char *vb_ck_word_around(ck *c, const char *s, size_t len, size_t i)
{
    size_t a = i, b = i;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    while (b < len && s[b] != ' ')
        b++;
    if (b - a > 60)
        b = a + 60;
    return vb_ck_fmt(c, "%.*s", (int)(b - a), s + a);
}
