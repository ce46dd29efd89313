/* docx_para.c - the paragraphs of the DOCX: their words as runs, w:p with
 * its properties, the line breaks and no-break spaces that keep layout's
 * lines (vb_para_rec), the rules as bordered empty paragraphs, and the
 * pictures (DrawingML) anchored to a paragraph. */
#include "docx_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vb_docx_run_add(dctx *c, druns *r, const char *text, size_t len, unsigned flags)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        drun *v = vb_arena_grow(c->a, r->v, r->n, cap, sizeof *v);
        if (!v) {
            c->nomem = 1;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (drun){text, len, flags};
}

void vb_docx_run_str(dctx *c, druns *r, const char *s)
{
    if (s)
        vb_docx_run_add(c, r, s, strlen(s), 0);
}

/* The words of a block as layout's pieces have them: the label,
 * one space, then the styled spans (forced breaks kept). */
void vb_docx_run_inline(dctx *c, druns *r, const char *label, const vb_inline *text)
{
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        vb_docx_run_str(c, r, label);
        if (has_text)
            vb_docx_run_str(c, r, " ");
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK)
            vb_docx_run_add(c, r, "", 0, VB_SPAN_BREAK);
        else if (s->len)
            vb_docx_run_add(c, r, s->text, s->len, s->flags & (VB_SPAN_BOLD | VB_SPAN_ITALIC | VB_SPAN_UNDERLINE));
    }
}

/* ---- geometry: the styles' metrics and layout's records --------------------------- */

/* A role's named style as the profile defines it (font, size, alignment,
 * indents, spacing): the look styles.xml gives the style, which a
 * paragraph restates where the PDF sets it so. Where things stand and the
 * room between them come from the page model. */
const vb_role_style *vb_docx_rs(const dctx *c, vb_role r)
{
    return &c->st->role[r];
}

/* The PDF's distance from one baseline to the next. */
static double look_pitch(const dctx *c, const vb_role_style *r)
{
    return vb_role_pitch(c->fs, r);
}

double vb_docx_pitch(const dctx *c, vb_role r)
{
    return look_pitch(c, vb_docx_rs(c, r));
}

/* The PDF's offset from the top of a line box to its baseline. */
double vb_docx_baseline_off(const dctx *c, vb_role r)
{
    return vb_role_base(c->fs, vb_docx_rs(c, r));
}

/* Eighths of a point for a border `width` pt thick (Word's range 2..96). */
long vb_docx_border_sz(double width)
{
    long sz = vb_docx_twips(width * 8) / 20;
    return sz < 2 ? 2 : sz > 96 ? 96 : sz;
}

/* A paragraph in the role's style, with the spacing the PDF gives it. */
dpara vb_docx_para_of(vb_role r, double before, double after)
{
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = (int)r;
    p.before = vb_docx_twips(before);
    p.after = vb_docx_twips(after);
    return p;
}

/* An empty paragraph `h` pt high (a spacer, or a carrier). */
dpara vb_docx_empty_para(double h)
{
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = -1;
    p.line = h > 0 ? vb_docx_twips(h) : TINY_LINE;
    if (p.line < TINY_LINE)
        p.line = TINY_LINE;
    return p;
}

/* How the paragraph is set: its look, or its role's style (NULL: a rule). */
static const vb_role_style *look_of(const dctx *c, const dpara *p)
{
    return p->look ? p->look : p->role >= 0 ? vb_docx_rs(c, (vb_role)p->role) : NULL;
}

/* The paragraph layout set for `src` in `role` (page.h), or NULL. */
const vb_para_rec *vb_docx_para_rec(const dctx *c, vb_role role, const void *src)
{
    return vb_pages_para(c->P, (int)role, src);
}

/* Lines in the DOCX: an empty paragraph still takes one line box. */
double vb_docx_lines_height(const vb_para_rec *rec, double pitch)
{
    return (double)(rec && rec->n_lines ? rec->n_lines : 1) * pitch;
}

/* Puts a line break where layout broke the paragraph (rec), dropping the
 * spaces at the break; a forced break stays as it is. Returns 0 when the
 * runs do not carry rec's text (they are then left alone) or memory ran
 * out. */
int vb_docx_apply_breaks(dctx *c, const vb_para_rec *rec, druns *r)
{
    if (!rec || rec->n_lines < 2)
        return 0;
    size_t total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->v[i].flags & VB_SPAN_BREAK ? 1 : r->v[i].len;
    if (total != rec->len)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK) {
            if (rec->text[o++] != '\n')
                return 0;
        } else {
            if (memcmp(rec->text + o, d->text, d->len) != 0)
                return 0;
            o += d->len;
        }
    }
    const char *T = rec->text;
    size_t *cut = vb_arena_calloc(c->a, rec->n_lines * 2, sizeof *cut);
    if (!cut) {
        c->nomem = 1;
        return 0;
    }
    size_t nc = 0, prev_end = 0;
    for (size_t L = 0; L < rec->n_lines; L++) {
        const vb_pline *ln = &rec->lines[L];
        if (ln->start == ln->end)
            continue; /* a forced break's own line */
        if (L > 0) {
            int forced = 0;
            for (size_t k = prev_end; k < ln->start; k++) {
                if (T[k] == '\n')
                    forced = 1;
                else if (T[k] != ' ')
                    return 0;
            }
            if (!forced) {
                cut[nc++] = prev_end;
                cut[nc++] = ln->start;
            }
        }
        prev_end = ln->end;
    }
    if (!nc)
        return 1;

    /* rebuild the runs with a break at each cut and without its spaces */
    druns out = {0};
    size_t ci = 0, at = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK) {
            vb_docx_run_add(c, &out, d->text, 0, d->flags);
            at++;
            continue;
        }
        size_t s = at, t = at + d->len, pos = s;
        while (ci < nc && cut[ci] < t) {
            size_t e = cut[ci] > pos ? cut[ci] : pos;
            if (e > pos)
                vb_docx_run_add(c, &out, d->text + (pos - s), e - pos, d->flags);
            if (cut[ci] >= pos)
                vb_docx_run_add(c, &out, "", 0, VB_SPAN_BREAK);
            if (cut[ci + 1] <= t) {
                pos = cut[ci + 1] > pos ? cut[ci + 1] : pos;
                ci += 2;
            } else {
                pos = t;
                break;
            }
        }
        if (pos < t)
            vb_docx_run_add(c, &out, d->text + (pos - s), t - pos, d->flags);
        at = t;
    }
    if (c->nomem)
        return 0;
    *r = out;
    return 1;
}

/* ---- w:p ---------------------------------------------------------------------- */

static void write_w_pBdr(dctx *c, long sz)
{
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:pBdr");
    vb_docx_xml_start(x, "w:bottom");
    vb_docx_xml_attr(x, "w:val", "single");
    vb_docx_xml_attr_long(x, "w:sz", sz);
    vb_docx_xml_attr(x, "w:space", "0");
    vb_docx_xml_attr(x, "w:color", "000000");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_pPr(dctx *c, const dpara *p)
{
    vb_docx_xml *x = c->x;
    const vb_role_style *r = p->role >= 0 ? vb_docx_rs(c, (vb_role)p->role) : NULL;
    const vb_role_style *look = look_of(c, p);
    vb_docx_xml_start(x, "w:pPr");
    vb_docx_xml_val(x, "w:pStyle", r ? vb_docx_style_id((vb_role)p->role) : VB_DOCX_STYLE_RULE);
    if (p->keep_next && !(r && r->keep_with_next))
        vb_docx_xml_empty(x, "w:keepNext", NULL, NULL, NULL, NULL);
    if (p->keep_lines)
        vb_docx_xml_empty(x, "w:keepLines", NULL, NULL, NULL, NULL);
    if (p->rule_sz > 0)
        write_w_pBdr(c, p->rule_sz);
    long before = r ? vb_docx_twips(r->space_before) : 0, after = r ? vb_docx_twips(r->space_after) : 0;
    long style_line = r ? vb_docx_role_pitch(c->st, c->fs, (vb_role)p->role) : 0;
    long line = p->line ? p->line : look && look != r ? vb_docx_twips(look_pitch(c, look)) : 0;
    if (p->before != before || p->after != after || (line && line != style_line))
        vb_docx_write_w_spacing(x, p->before != before ? p->before : -1, p->after != after ? p->after : -1,
                                line && line != style_line ? line : 0);
    if (p->has_ind)
        vb_docx_write_w_ind(x, p->ind_left, p->ind_right, p->ind_first);
    if (look && r && look->align != r->align)
        vb_docx_xml_val(x, "w:jc", vb_docx_jc_name(look->align));
    if (p->sect)
        vb_docx_write_w_sectPr(c, p->sect);
    vb_docx_xml_end(x);
}

static void write_w_rPr(dctx *c, const dpara *p, unsigned flags)
{
    vb_docx_xml *x = c->x;
    const vb_role_style *r = p->role >= 0 ? vb_docx_rs(c, (vb_role)p->role) : NULL;
    const vb_role_style *look = look_of(c, p);
    int b = ((flags & VB_SPAN_BOLD) || (look && look->bold)) && !(r && r->bold);
    int i = ((flags & VB_SPAN_ITALIC) || (look && look->italic)) && !(r && r->italic);
    int u = (flags & VB_SPAN_UNDERLINE) != 0;
    int sz = look && r && look->size != r->size;
    if (!b && !i && !u && !sz && !p->color)
        return;
    vb_docx_xml_start(x, "w:rPr");
    if (b) {
        vb_docx_xml_empty(x, "w:b", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:bCs", NULL, NULL, NULL, NULL);
    }
    if (i) {
        vb_docx_xml_empty(x, "w:i", NULL, NULL, NULL, NULL);
        vb_docx_xml_empty(x, "w:iCs", NULL, NULL, NULL, NULL);
    }
    if (p->color) {
        char rgb[8];
        snprintf(rgb, sizeof rgb, "%06X", (unsigned)(p->color & 0xFFFFFFu));
        vb_docx_xml_val(x, "w:color", rgb);
    }
    if (sz) {
        vb_docx_xml_val_long(x, "w:sz", vb_docx_twips(look->size) / 10);
        vb_docx_xml_val_long(x, "w:szCs", vb_docx_twips(look->size) / 10);
    }
    if (u)
        vb_docx_xml_val(x, "w:u", "single");
    vb_docx_xml_end(x);
}

/* U+2060 WORD JOINER: no line break here. */
static const char WORD_JOINER[] = "\xE2\x81\xA0";

/* How a character takes part in line breaking inside a word. */
enum { CH_SPACE, CH_PLAIN, CH_HYPHEN, CH_OTHER, CH_JOINER };

/* The class of the character at s (n bytes left; *len gets its length).
 * CH_PLAIN: letters (Latin with the Vietnamese ones, Greek, Cyrillic),
 * digits, combining marks, '/' and the ASCII marks that never let a line
 * break next to them inside a word. CH_HYPHEN: '-'. CH_OTHER: everything
 * else: “?”, “!”, “]”, “}”, “|”, dashes, other punctuation, ideographs. */
static int char_class(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char b = s[0];
    *len = 1;
    if (b < 0x80) {
        if (b == ' ' || b == '\n' || b == '\t' || b == 0)
            return CH_SPACE;
        return b == '-' ? CH_HYPHEN : strchr("?!]}|", b) ? CH_OTHER : CH_PLAIN;
    }
    size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    *len = k <= n ? k : n;
    if (k == 2 && n >= 2 && b == 0xC2 && s[1] == 0xA0)
        return CH_SPACE; /* a no-break space */
    if (k == 2 && b >= 0xC3 && b <= 0xD4 && b != 0xCB)
        return CH_PLAIN; /* Latin-1 letters to Cyrillic, combining marks included */
    if (k == 3 && n >= 3 && b == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB)
        return CH_PLAIN; /* Latin Extended Additional: ạ … ỹ */
    if (k == 3 && n >= 3 && b == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
        return CH_JOINER;
    return CH_OTHER;
}

static void write_w_t_start(dctx *c);

/* Text whose bytes start at `at` in the paragraph's text (c->flat), in an
 * open w:t. Our PDF breaks lines only at spaces; Word and LibreOffice would
 * also break inside a word after a hyphen (“QĐ-|UBND”) or a dash
 * (“2021–|2025”). A hyphen inside a word is Word's own non-breaking hyphen
 * (w:noBreakHyphen, shown, copied and found as '-'). A slash gets nothing:
 * LibreOffice, measured on every example, test input and stress document,
 * never breaks after one in our documents, and an invisible character in a
 * number would travel with it into a search or a register (docs/docx.md).
 * Dashes and the other marks of CH_OTHER, where Word has no means of its
 * own and LibreOffice does break, keep a word joiner (U+2060) on each side
 * (none of them is in a document's number or notation). */
static void write_words(dctx *c, const char *s, size_t len, size_t at)
{
    const unsigned char *f = (const unsigned char *)c->flat;
    size_t from = 0, i = 0, n;
    int prev = CH_SPACE;
    if (at > 0) {
        size_t p = at - 1, pl;
        while (p > 0 && (f[p] & 0xC0) == 0x80)
            p--;
        prev = char_class(f + p, c->flat_len - p, &pl);
    }
    int cls = char_class(f + at, c->flat_len - at + 1, &n);
    while (i < len) {
        size_t next_len;
        size_t j = i + n; /* the next character, maybe in the next run */
        int next = char_class(f + at + j, c->flat_len - at - j + 1, &next_len);
        if (cls == CH_HYPHEN && prev != CH_SPACE && next != CH_SPACE) {
            vb_docx_xml_text(c->x, s + from, i - from);
            vb_docx_xml_end(c->x); /* w:t */
            vb_docx_xml_empty(c->x, "w:noBreakHyphen", NULL, NULL, NULL, NULL);
            write_w_t_start(c);
            from = j;
        } else if (cls != CH_SPACE && cls != CH_JOINER && next != CH_SPACE && next != CH_JOINER &&
                   (cls == CH_OTHER || next == CH_OTHER)) {
            vb_docx_xml_text(c->x, s + from, j - from);
            vb_docx_xml_text(c->x, WORD_JOINER, 3);
            from = j;
        }
        i = j;
        prev = cls;
        cls = next;
        n = next_len;
    }
    if (len > from)
        vb_docx_xml_text(c->x, s + from, len - from);
}

/* U+00A0 NO-BREAK SPACE */
static const char NBSP[] = "\xC2\xA0";

/* Text at `at` in the paragraph's text, with layout's no-break spaces
 * (a paragraph left to flow breaks where layout broke it). */
static void write_text(dctx *c, const char *s, size_t len, size_t at)
{
    const vb_para_rec *k = c->keep;
    size_t from = 0;
    while (k && c->next_keep < k->n_keep && k->keep[c->next_keep] < at + len) {
        size_t pos = k->keep[c->next_keep++];
        if (pos < at + from || s[pos - at] != ' ')
            continue;
        write_words(c, s + from, pos - at - from, at + from);
        vb_docx_xml_text(c->x, NBSP, 2);
        from = pos - at + 1;
    }
    if (len > from)
        write_words(c, s + from, len - from, at + from);
}

static void write_w_t_start(dctx *c)
{
    vb_docx_xml_start(c->x, "w:t");
    /* Word drops leading and trailing spaces of a w:t without it */
    vb_docx_xml_attr(c->x, "xml:space", "preserve");
}

static void write_w_br(dctx *c)
{
    vb_docx_xml_empty(c->x, "w:br", NULL, NULL, NULL, NULL);
}

/* One w:r per stretch of runs with the same character formatting, its text
 * in one w:t; line breaks go inside the run. `at` is where the stretch's
 * text starts in the paragraph's text. */
static void write_w_r(dctx *c, const dpara *p, const druns *r, size_t from, size_t to, size_t at)
{
    unsigned flags = 0;
    for (size_t i = from; i < to; i++)
        if (!(r->v[i].flags & VB_SPAN_BREAK))
            flags = r->v[i].flags;
    vb_docx_xml_start(c->x, "w:r");
    write_w_rPr(c, p, flags);
    int open = 0;
    for (size_t i = from; i < to; i++) {
        if (r->v[i].flags & VB_SPAN_BREAK) {
            if (open)
                vb_docx_xml_end(c->x);
            open = 0;
            write_w_br(c);
            at++;
            continue;
        }
        if (!open)
            write_w_t_start(c);
        open = 1;
        write_text(c, r->v[i].text, r->v[i].len, at);
        at += r->v[i].len;
    }
    if (open)
        vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* Points to English Metric Units. */
static long emu(double pt)
{
    double e = pt * 12700.0;
    return (long)(e < 0 ? e - 0.5 : e + 0.5);
}

static void write_text_elem(dctx *c, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    vb_docx_xml_start(c->x, name);
    vb_docx_xml_text(c->x, num, strlen(num));
    vb_docx_xml_end(c->x);
}

static void write_wp_position(dctx *c, const char *elem, const char *from, double offset)
{
    vb_docx_xml_start(c->x, elem);
    vb_docx_xml_attr(c->x, "relativeFrom", from);
    write_text_elem(c, "wp:posOffset", emu(offset));
    vb_docx_xml_end(c->x);
}

static void write_a_ext(dctx *c, const char *elem, const dpic *pic)
{
    vb_docx_xml_start(c->x, elem);
    vb_docx_xml_attr_long(c->x, "cx", emu(pic->w));
    vb_docx_xml_attr_long(c->x, "cy", emu(pic->h));
    vb_docx_xml_end(c->x);
}

static void write_pic_pic(dctx *c, const dpic *pic, unsigned id)
{
    vb_docx_xml *x = c->x;
    char rid[32];
    snprintf(rid, sizeof rid, "rIdImg%zu", pic->image + 1);
    vb_docx_xml_start(x, "pic:pic");
    vb_docx_xml_attr(x, "xmlns:pic", NS_PIC);
    vb_docx_xml_start(x, "pic:nvPicPr");
    vb_docx_xml_start(x, "pic:cNvPr");
    vb_docx_xml_attr_long(x, "id", id);
    vb_docx_xml_attr(x, "name", pic->name);
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "pic:cNvPicPr", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "pic:blipFill");
    vb_docx_xml_empty(x, "a:blip", "r:embed", rid, NULL, NULL);
    vb_docx_xml_start(x, "a:stretch");
    vb_docx_xml_empty(x, "a:fillRect", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "pic:spPr");
    vb_docx_xml_start(x, "a:xfrm");
    vb_docx_xml_empty(x, "a:off", "x", "0", "y", "0");
    write_a_ext(c, "a:ext", pic);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "a:prstGeom");
    vb_docx_xml_attr(x, "prst", "rect");
    vb_docx_xml_empty(x, "a:avLst", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* A picture floating over the text (the seal over the signature, both
 * over the room between the title and the name), placed from the cell's
 * left edge and the paragraph's top, as the PDF places it. */
static void write_w_drawing(dctx *c, const dpic *pic)
{
    vb_docx_xml *x = c->x;
    unsigned id = ++c->pic_id;
    vb_docx_xml_start(x, "w:drawing");
    vb_docx_xml_start(x, "wp:anchor");
    vb_docx_xml_attr(x, "distT", "0");
    vb_docx_xml_attr(x, "distB", "0");
    vb_docx_xml_attr(x, "distL", "0");
    vb_docx_xml_attr(x, "distR", "0");
    vb_docx_xml_attr(x, "simplePos", "0");
    vb_docx_xml_attr_long(x, "relativeHeight", 251658240L + pic->z);
    vb_docx_xml_attr(x, "behindDoc", "0");
    vb_docx_xml_attr(x, "locked", "0");
    vb_docx_xml_attr(x, "layoutInCell", "1");
    vb_docx_xml_attr(x, "allowOverlap", "1");
    vb_docx_xml_empty(x, "wp:simplePos", "x", "0", "y", "0");
    write_wp_position(c, "wp:positionH", "column", pic->x);
    write_wp_position(c, "wp:positionV", "paragraph", pic->y);
    write_a_ext(c, "wp:extent", pic);
    vb_docx_xml_start(x, "wp:effectExtent");
    vb_docx_xml_attr(x, "l", "0");
    vb_docx_xml_attr(x, "t", "0");
    vb_docx_xml_attr(x, "r", "0");
    vb_docx_xml_attr(x, "b", "0");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "wp:wrapNone", NULL, NULL, NULL, NULL);
    vb_docx_xml_start(x, "wp:docPr");
    vb_docx_xml_attr_long(x, "id", id);
    vb_docx_xml_attr(x, "name", pic->name);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "wp:cNvGraphicFramePr");
    vb_docx_xml_start(x, "a:graphicFrameLocks");
    vb_docx_xml_attr(x, "xmlns:a", NS_A);
    vb_docx_xml_attr(x, "noChangeAspect", "1");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "a:graphic");
    vb_docx_xml_attr(x, "xmlns:a", NS_A);
    vb_docx_xml_start(x, "a:graphicData");
    vb_docx_xml_attr(x, "uri", NS_PIC);
    write_pic_pic(c, pic, id);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

/* Copies the paragraph's text into c->flat, a forced break as '\n'. */
static void flatten(dctx *c, const druns *r)
{
    size_t total = 0;
    for (size_t i = 0; r && i < r->n; i++)
        total += r->v[i].flags & VB_SPAN_BREAK ? 1 : r->v[i].len;
    if (total + 1 > c->flat_cap) {
        size_t cap = (total + 1) * 2;
        char *f = realloc(c->flat, cap);
        if (!f) {
            c->nomem = 1;
            return;
        }
        c->flat = f;
        c->flat_cap = cap;
    }
    size_t o = 0;
    for (size_t i = 0; r && i < r->n; i++) {
        if (r->v[i].flags & VB_SPAN_BREAK) {
            c->flat[o++] = '\n';
        } else {
            memcpy(c->flat + o, r->v[i].text, r->v[i].len);
            o += r->v[i].len;
        }
    }
    c->flat[o] = 0;
    c->flat_len = o;
}

void vb_docx_write_w_p(dctx *c, const dpara *p, const druns *r)
{
    vb_docx_xml_start(c->x, "w:p");
    write_w_pPr(c, p);
    for (size_t k = 0; k < p->n_pics; k++) {
        vb_docx_xml_start(c->x, "w:r");
        write_w_drawing(c, &p->pics[k]);
        vb_docx_xml_end(c->x);
    }
    flatten(c, r);
    if (c->nomem)
        return;
    c->keep = p->keep && p->keep->len == c->flat_len ? p->keep : NULL;
    c->next_keep = 0;
    size_t i = 0, at = 0;
    while (r && i < r->n) {
        /* a stretch: breaks join the text on either side */
        size_t j = i, len = 0;
        int have = 0;
        unsigned flags = 0;
        while (j < r->n) {
            const drun *d = &r->v[j];
            if (!(d->flags & VB_SPAN_BREAK)) {
                if (have && d->flags != flags)
                    break;
                flags = d->flags;
                have = 1;
                len += d->len;
            } else {
                len++;
            }
            j++;
        }
        write_w_r(c, p, r, i, j, at);
        at += len;
        i = j;
    }
    vb_docx_xml_end(c->x);
}

/* A paragraph broken where layout broke it (rec; NULL: as Word likes). */
void vb_docx_write_mirrored_p(dctx *c, const dpara *p, druns *r, const vb_para_rec *rec)
{
    vb_docx_apply_breaks(c, rec, r);
    vb_docx_write_w_p(c, p, r);
}

/* The rule layout drew under the paragraph rec (NULL: none) as an empty
 * paragraph whose bottom border is the rule: indented to the rule's ends
 * in a space space_w wide, and as tall as the room from the paragraph's
 * last line box down to the rule's top edge. Returns 0 when there is no
 * rule (no paragraph either: the PDF has no room for it). */
int vb_docx_rule_para(const vb_para_rec *rec, dpara *out)
{
    const vb_prule *rule = rec ? rec->rule : NULL;
    if (!rule)
        return 0;
    *out = vb_docx_empty_para(rule->below - rule->width / 2);
    out->has_ind = 1;
    out->ind_left = vb_docx_twips(rule->x0);
    out->ind_right = vb_docx_twips(rec->space_w - rule->x1);
    out->rule_sz = vb_docx_border_sz(rule->width);
    return 1;
}
