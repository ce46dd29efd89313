/* out_docx.c - word/document.xml, and the DOCX package around it.
 *
 * The document part is one loop over the body's blocks (blocks.h) with one
 * switch on the node kind (render_block), between page 1's header and the
 * signature block. Elements are written by one function each, named after
 * the element (write_w_tbl, write_w_p, write_w_pPr …), in file order.
 *
 * Geometry follows layout.c so that Word and LibreOffice set the same
 * lines on the same pages as our PDF:
 *   - every line has the PDF's pitch as an exact line height, so a
 *     paragraph is as tall in the DOCX as in the PDF;
 *   - the header (ô 1–4) and the signature block (ô 7, 9b) are borderless
 *     tables of the layout's column widths with no cell margins;
 *   - the rules under the agency, the motto and the trích yếu are empty
 *     paragraphs with a bottom border, indented to the rule's length and
 *     as tall as the gap between the text and the rule, so the rule lands
 *     `rule_gap` below the baseline, as long as the PDF draws it;
 *   - centred titles are broken into lines by vb_para_layout exactly as the
 *     PDF breaks them, with a line break (<w:br/>) at each break;
 *   - the spacing the PDF adds between elements is the paragraphs'
 *     spacing before (and after) them;
 *   - pagination: widow control, headings kept with what follows (keepNext
 *     and keepLines), the signature row unsplittable and the body's last
 *     paragraph kept with it. */
#include "docx.h"

#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "derive.h"
#include "shape.h"
#include "zipw.h"

/* Deflate level of the package: zlib's default (6) makes the reference
 * report's package 7 % smaller than level 1 and its writing 20 % slower. */
#define DEFLATE_LEVEL 1

/* ---- runs: the words of a paragraph --------------------------------------------- */

typedef struct drun {
    const char *text;
    size_t len;
    unsigned flags; /* VB_SPAN_BOLD | ITALIC | UNDERLINE, or VB_SPAN_BREAK */
} drun;

typedef struct druns {
    drun *v;
    size_t n, cap;
} druns;

/* A paragraph's properties, as the PDF places it. Spacing and line height
 * equal to the style's are not repeated in the paragraph. */
typedef struct dpara {
    int role;            /* vb_role of its style, or -1 for a rule */
    long before, after;  /* twips */
    long line;           /* exact line height, twips */
    int has_ind;
    long ind_left, ind_right, ind_first; /* twips; ind_first < 0: hanging */
    int keep_next;       /* kept with the next paragraph (beyond the style) */
    long rule_sz;        /* rule: bottom border width in eighths of a point */
} dpara;

/* Page setup of a section: appendices restart the numbering, wide tables
 * want landscape pages. */
typedef struct dsect {
    int landscape;
    int restart_at; /* first page number, 0: continue */
} dsect;

typedef struct dctx {
    const vb_doc *doc;
    const vb_style *st;
    const vb_fontset *fs;
    vb_docx_xml *x;
    vb_arena *a;       /* runs and derived words, for the whole part */
    vb_arena *scratch; /* one paragraph's line layout */
    vb_shaper *sh;
    double text_width;
    /* the paragraph being written: its text and break opportunities */
    char *flat; /* the text of the paragraph being written, NUL-terminated */
    size_t flat_len, flat_cap;
    int nomem;
} dctx;

static void run_add(dctx *c, druns *r, const char *text, size_t len, unsigned flags)
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

static void run_str(dctx *c, druns *r, const char *s)
{
    run_add(c, r, s, strlen(s), 0);
}

/* The words of a block as layout.c's make_pieces() has them: the label,
 * one space, then the styled spans (forced breaks kept). */
static void run_inline(dctx *c, druns *r, const char *label, const vb_inline *text)
{
    int has_text = text && !vb_inline_empty(text);
    if (label && label[0]) {
        run_str(c, r, label);
        if (has_text)
            run_str(c, r, " ");
    }
    for (size_t i = 0; text && i < text->n; i++) {
        const vb_span *s = &text->v[i];
        if (s->flags & VB_SPAN_BREAK)
            run_add(c, r, "", 0, VB_SPAN_BREAK);
        else if (s->len)
            run_add(c, r, s->text, s->len, s->flags & (VB_SPAN_BOLD | VB_SPAN_ITALIC | VB_SPAN_UNDERLINE));
    }
}

/* ---- geometry shared with layout.c ------------------------------------------------ */

static const vb_role_style *rs(const dctx *c, vb_role r)
{
    return &c->st->role[r];
}

static const vb_face *role_face(const dctx *c, vb_role r)
{
    return &c->fs->face[vb_face_for(rs(c, r)->bold, rs(c, r)->italic)];
}

/* The PDF's distance from one baseline to the next. */
static double pitch(const dctx *c, vb_role r)
{
    return vb_face_line_height(role_face(c, r), rs(c, r)->size) * rs(c, r)->line_spacing;
}

/* The PDF's offset from the top of a line box to its baseline. */
static double baseline_off(const dctx *c, vb_role r)
{
    return pitch(c, r) - vb_face_descent(role_face(c, r), rs(c, r)->size);
}

static double text_width(const dctx *c, vb_role r, const char *s)
{
    const vb_role_style *x = rs(c, r);
    return vb_shape_width(c->sh, vb_face_for(x->bold, x->italic), x->size, s, strlen(s));
}

/* A paragraph in the role's style, with the spacing the PDF gives it. */
static dpara para_of(vb_role r, double before, double after)
{
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = (int)r;
    p.before = vb_docx_twips(before);
    p.after = vb_docx_twips(after);
    return p;
}

/* Breaks the runs into lines as layout.c's lay_text() does (the role's
 * style in a column col_w wide) and puts a line break where the PDF breaks
 * a line, dropping the spaces at the break. The lines stay in *po until the
 * next call (for the rules). Returns 0 when the lines cannot be matched to
 * the runs (the runs are then left alone) or memory ran out. */
static int mirror_breaks(dctx *c, vb_role role, druns *r, double col_w, vb_para_out *po)
{
    const vb_role_style *x = rs(c, role);
    vb_arena_reset(c->scratch);
    memset(po, 0, sizeof *po);
    vb_piece *pc = vb_arena_calloc(c->scratch, r->n ? r->n : 1, sizeof *pc);
    size_t total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->v[i].flags & VB_SPAN_BREAK ? 1 : r->v[i].len;
    char *T = vb_arena_alloc(c->scratch, total + 1);
    if (!pc || !T) {
        c->nomem = 1;
        return 0;
    }
    size_t o = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        int brk = (d->flags & VB_SPAN_BREAK) != 0;
        vb_face_id f = vb_face_for(x->bold || (d->flags & VB_SPAN_BOLD), x->italic || (d->flags & VB_SPAN_ITALIC));
        pc[i] = (vb_piece){d->text, d->len, f, x->size, 0, (d->flags & VB_SPAN_UNDERLINE) != 0, brk};
        if (brk) {
            T[o++] = '\n';
        } else {
            memcpy(T + o, d->text, d->len);
            o += d->len;
        }
    }
    T[o] = 0;
    vb_para_in in = {
        .pieces = pc,
        .n = r->n,
        .width = col_w - x->indent_left - x->indent_right,
        .indent_first = x->indent_first,
        .indent_rest = 0,
        .align = x->align,
        .balanced = x->align == VB_ALIGN_CENTER,
    };
    if (!vb_para_layout(c->sh, &in, c->st, c->scratch, po)) {
        c->nomem = 1;
        return 0;
    }
    if (po->n < 2 || !po->lines[0].n_runs)
        return 0;

    /* Where each line starts and ends in T: the runs point into the
     * layout's own copy of the same text, whose first line starts at 0. */
    const char *base = po->lines[0].runs[0].text;
    size_t *cut = vb_arena_calloc(c->scratch, po->n * 2, sizeof *cut);
    if (!cut) {
        c->nomem = 1;
        return 0;
    }
    size_t nc = 0, prev_end = 0;
    for (size_t L = 0; L < po->n; L++) {
        const vb_line *ln = &po->lines[L];
        if (!ln->n_runs)
            continue;
        const vb_glyph_run *last = &ln->runs[ln->n_runs - 1];
        if (ln->runs[0].text < base || last->text + last->text_len > base + total)
            return 0;
        size_t s = (size_t)(ln->runs[0].text - base), e = (size_t)(last->text + last->text_len - base);
        if (e < s || s < prev_end || memcmp(T + s, base + s, e - s) != 0)
            return 0;
        if (L > 0) {
            int forced = 0;
            for (size_t k = prev_end; k < s; k++) {
                if (T[k] == '\n')
                    forced = 1;
                else if (T[k] != ' ')
                    return 0;
            }
            if (!forced) {
                cut[nc++] = prev_end;
                cut[nc++] = s;
            }
        }
        prev_end = e;
    }
    if (!nc)
        return 1;

    /* rebuild the runs with a break at each cut and without its spaces */
    druns out = {0};
    size_t ci = 0, at = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK) {
            run_add(c, &out, d->text, 0, d->flags);
            at++;
            continue;
        }
        size_t s = at, t = at + d->len, pos = s;
        while (ci < nc && cut[ci] < t) {
            size_t e = cut[ci] > pos ? cut[ci] : pos;
            if (e > pos)
                run_add(c, &out, d->text + (pos - s), e - pos, d->flags);
            if (cut[ci] >= pos)
                run_add(c, &out, "", 0, VB_SPAN_BREAK);
            if (cut[ci + 1] <= t) {
                pos = cut[ci + 1] > pos ? cut[ci + 1] : pos;
                ci += 2;
            } else {
                pos = t;
                break;
            }
        }
        if (pos < t)
            run_add(c, &out, d->text + (pos - s), t - pos, d->flags);
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
    const vb_role_style *r = p->role >= 0 ? rs(c, (vb_role)p->role) : NULL;
    vb_docx_xml_start(x, "w:pPr");
    vb_docx_xml_val(x, "w:pStyle", r ? vb_docx_style_id((vb_role)p->role) : VB_DOCX_STYLE_RULE);
    if (p->keep_next && !(r && r->keep_with_next))
        vb_docx_xml_empty(x, "w:keepNext", NULL, NULL, NULL, NULL);
    if (!r)
        write_w_pBdr(c, p->rule_sz);
    long before = r ? vb_docx_twips(r->space_before) : 0, after = r ? vb_docx_twips(r->space_after) : 0;
    long line = r ? vb_docx_role_pitch(c->st, c->fs, (vb_role)p->role) : 0;
    if (p->before != before || p->after != after || (p->line && p->line != line))
        vb_docx_write_w_spacing(x, p->before != before ? p->before : -1, p->after != after ? p->after : -1,
                                p->line && p->line != line ? p->line : 0);
    if (p->has_ind)
        vb_docx_write_w_ind(x, p->ind_left, p->ind_right, p->ind_first);
    vb_docx_xml_end(x);
}

static void write_w_rPr(dctx *c, const dpara *p, unsigned flags)
{
    vb_docx_xml *x = c->x;
    const vb_role_style *r = p->role >= 0 ? rs(c, (vb_role)p->role) : NULL;
    int b = (flags & VB_SPAN_BOLD) && !(r && r->bold);
    int i = (flags & VB_SPAN_ITALIC) && !(r && r->italic);
    int u = (flags & VB_SPAN_UNDERLINE) != 0;
    if (!b && !i && !u)
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
    if (u)
        vb_docx_xml_val(x, "w:u", "single");
    vb_docx_xml_end(x);
}

/* U+2060 WORD JOINER: no line break here. */
static const char WORD_JOINER[] = "\xE2\x81\xA0";

/* How a character takes part in line breaking inside a word. */
enum { CH_SPACE, CH_PLAIN, CH_OTHER, CH_JOINER };

/* The class of the character at s (n bytes left; *len gets its length).
 * CH_PLAIN: letters (Latin with the Vietnamese ones, Greek, Cyrillic),
 * digits, combining marks and the ASCII marks that never let a line break
 * next to them inside a word. CH_OTHER: everything else: “-”, “/”, “?”,
 * “!”, “]”, “}”, “|”, dashes, other punctuation, ideographs. */
static int char_class(const unsigned char *s, size_t n, size_t *len)
{
    unsigned char b = s[0];
    *len = 1;
    if (b < 0x80) {
        if (b == ' ' || b == '\n' || b == '\t' || b == 0)
            return CH_SPACE;
        return strchr("-/?!]}|", b) ? CH_OTHER : CH_PLAIN;
    }
    size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    *len = k <= n ? k : n;
    if (k == 2 && b >= 0xC3 && b <= 0xD4 && b != 0xCB)
        return CH_PLAIN; /* Latin-1 letters to Cyrillic, combining marks included */
    if (k == 3 && n >= 3 && b == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB)
        return CH_PLAIN; /* Latin Extended Additional: ạ … ỹ */
    if (k == 3 && n >= 3 && b == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
        return CH_JOINER;
    return CH_OTHER;
}

/* Text whose bytes start at `at` in the paragraph's text (c->flat). Our
 * PDF breaks lines only at spaces; Word and LibreOffice would also break
 * next to a hyphen, a slash or a dash inside a word (“QĐ-|UBND”,
 * “PCT/|UBND”), so a word joiner goes between two characters of a word
 * when either of them is not a plain letter or digit. A joiner where no
 * break was possible anyway changes nothing. */
static void write_text(dctx *c, const char *s, size_t len, size_t at)
{
    const unsigned char *f = (const unsigned char *)c->flat;
    size_t from = 0, i = 0, n;
    int cls = char_class(f + at, len, &n);
    while (i < len) {
        size_t next_len;
        size_t j = i + n; /* the next character, maybe in the next run */
        int next = char_class(f + at + j, c->flat_len - at - j + 1, &next_len);
        if (cls != CH_SPACE && cls != CH_JOINER && next != CH_SPACE && next != CH_JOINER &&
            (cls == CH_OTHER || next == CH_OTHER)) {
            vb_docx_xml_text(c->x, s + from, j - from);
            vb_docx_xml_text(c->x, WORD_JOINER, 3);
            from = j;
        }
        i = j;
        cls = next;
        n = next_len;
    }
    if (len > from)
        vb_docx_xml_text(c->x, s + from, len - from);
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

static void write_w_p(dctx *c, const dpara *p, const druns *r)
{
    vb_docx_xml_start(c->x, "w:p");
    write_w_pPr(c, p);
    flatten(c, r);
    if (c->nomem)
        return;
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

/* An empty paragraph whose bottom border is a rule: `ratio` of the widest
 * line of *po (laid out in a column starting `col_left` into a cell or the
 * text area `col_w` wide), centred on that line, `rule_gap` below the last
 * baseline of a block in `role`. `after` is the space below the rule. */
static void write_rule_p(dctx *c, vb_role role, const vb_para_out *po, double col_w, double ratio, double after)
{
    const vb_style *st = c->st;
    const vb_line *wide = NULL;
    for (size_t i = 0; i < po->n; i++)
        if (!wide || po->lines[i].width > wide->width)
            wide = &po->lines[i];
    if (!wide)
        return;
    double w = wide->width * ratio;
    double mid = rs(c, role)->indent_left + wide->x + wide->width / 2;
    dpara p;
    memset(&p, 0, sizeof p);
    p.role = -1;
    p.after = vb_docx_twips(after);
    /* from the bottom of the last line box down to the rule's top edge */
    double h = st->rule_gap - vb_face_descent(role_face(c, role), rs(c, role)->size) - st->rule_width / 2;
    p.line = vb_docx_twips(h);
    if (p.line < 1)
        p.line = 1;
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(mid - w / 2);
    p.ind_right = vb_docx_twips(col_w - (mid + w / 2));
    p.ind_first = 0;
    long sz = vb_docx_twips(st->rule_width * 8) / 20; /* eighths of a point */
    p.rule_sz = sz < 2 ? 2 : sz > 96 ? 96 : sz;
    write_w_p(c, &p, NULL);
}

/* Does the whole text fit on the first line at its natural width? Then
 * the PDF sets it on one line and there is no break to copy. The pieces
 * are measured one by one, as vb_para_layout shapes them. */
static int fits_one_line(dctx *c, vb_role role, const druns *r, double col_w)
{
    const vb_role_style *x = rs(c, role);
    double room = col_w - x->indent_left - x->indent_right - x->indent_first, w = 0;
    for (size_t i = 0; i < r->n; i++) {
        const drun *d = &r->v[i];
        if (d->flags & VB_SPAN_BREAK)
            return 0;
        vb_face_id f = vb_face_for(x->bold || (d->flags & VB_SPAN_BOLD), x->italic || (d->flags & VB_SPAN_ITALIC));
        w += vb_shape_width(c->sh, f, x->size, d->text, d->len);
    }
    return w <= room + 1e-6;
}

/* A block broken as the PDF breaks it. When po is given, it receives the
 * lines (for a rule under them). */
static void write_mirrored_p(dctx *c, const dpara *p, druns *r, double col_w, vb_para_out *po)
{
    vb_para_out lines;
    if (po || !fits_one_line(c, (vb_role)p->role, r, col_w))
        mirror_breaks(c, (vb_role)p->role, r, col_w, po ? po : &lines);
    write_w_p(c, p, r);
}

/* ---- tables ---------------------------------------------------------------------- */

static void write_w_tblPr(dctx *c, long width, long indent)
{
    vb_docx_xml *x = c->x;
    vb_docx_xml_start(x, "w:tblPr");
    vb_docx_xml_val(x, "w:tblStyle", VB_DOCX_STYLE_TABLE);
    vb_docx_xml_start(x, "w:tblW");
    vb_docx_xml_attr_long(x, "w:w", width);
    vb_docx_xml_attr(x, "w:type", "dxa");
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "w:tblInd");
    vb_docx_xml_attr_long(x, "w:w", indent);
    vb_docx_xml_attr(x, "w:type", "dxa");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "w:tblLayout", "w:type", "fixed", NULL, NULL);
    vb_docx_xml_start(x, "w:tblLook");
    vb_docx_xml_attr(x, "w:val", "0000");
    vb_docx_xml_attr(x, "w:firstRow", "0");
    vb_docx_xml_attr(x, "w:lastRow", "0");
    vb_docx_xml_attr(x, "w:firstColumn", "0");
    vb_docx_xml_attr(x, "w:lastColumn", "0");
    vb_docx_xml_attr(x, "w:noHBand", "1");
    vb_docx_xml_attr(x, "w:noVBand", "1");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

static void write_w_tblGrid(dctx *c, const long *cols, int n)
{
    vb_docx_xml_start(c->x, "w:tblGrid");
    for (int i = 0; i < n; i++) {
        vb_docx_xml_start(c->x, "w:gridCol");
        vb_docx_xml_attr_long(c->x, "w:w", cols[i]);
        vb_docx_xml_end(c->x);
    }
    vb_docx_xml_end(c->x);
}

/* <w:tr> with its properties; the caller writes the cells and ends it. */
static void write_w_tr_start(dctx *c)
{
    vb_docx_xml_start(c->x, "w:tr");
    vb_docx_xml_start(c->x, "w:trPr");
    /* the blocks are never split across pages */
    vb_docx_xml_empty(c->x, "w:cantSplit", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(c->x);
}

/* <w:tc> with its properties; the caller writes the paragraphs and ends it. */
static void write_w_tc_start(dctx *c, long width)
{
    vb_docx_xml_start(c->x, "w:tc");
    vb_docx_xml_start(c->x, "w:tcPr");
    vb_docx_xml_start(c->x, "w:tcW");
    vb_docx_xml_attr_long(c->x, "w:w", width);
    vb_docx_xml_attr(c->x, "w:type", "dxa");
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* ---- page 1: the header table {ô 2, ô 3 | ô 1, ô 4} -------------------------------- */

static const char QUOC_HIEU[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/* ASCII hyphen-minus with a space each side, as the decree prints it */
static const char TIEU_NGU[] = "Độc lập - Tự do - Hạnh phúc";

/* Left cell of row 1: the parent agency, the agency and its rule. */
static void write_agency_tc(dctx *c, long width)
{
    const vb_doc *d = c->doc;
    double lw = c->st->header_left_w;
    vb_para_out po;
    write_w_tc_start(c, width);
    if (d->parent_agency.n) {
        druns r = {0};
        run_inline(c, &r, NULL, &d->parent_agency);
        dpara p = para_of(VB_ROLE_CO_QUAN_CHU_QUAN, 0, 0);
        write_mirrored_p(c, &p, &r, lw, NULL);
    }
    druns r = {0};
    run_inline(c, &r, NULL, &d->agency);
    dpara p = para_of(VB_ROLE_CO_QUAN, 0, 0);
    write_mirrored_p(c, &p, &r, lw, &po);
    write_rule_p(c, VB_ROLE_CO_QUAN, &po, lw, c->st->agency_rule_ratio, 0);
    vb_docx_xml_end(c->x);
}

/* Right cell of row 1: Quốc hiệu, Tiêu ngữ and the motto's rule. */
static void write_motto_tc(dctx *c, long width)
{
    double rw = c->st->header_right_w;
    vb_para_out po;
    write_w_tc_start(c, width);
    druns r = {0};
    run_str(c, &r, QUOC_HIEU);
    dpara p = para_of(VB_ROLE_QUOC_HIEU, 0, 0);
    write_mirrored_p(c, &p, &r, rw, NULL);
    druns m = {0};
    run_str(c, &m, TIEU_NGU);
    p = para_of(VB_ROLE_TIEU_NGU, 0, 0);
    write_mirrored_p(c, &p, &m, rw, &po);
    write_rule_p(c, VB_ROLE_TIEU_NGU, &po, rw, c->st->motto_rule_ratio, 0);
    vb_docx_xml_end(c->x);
}

/* Row 2: Số and the place and date on one baseline, `rows_gap` below the
 * lower of the two rules. */
static void write_number_date_tr(dctx *c, long lw_tw, long rw_tw)
{
    const vb_style *st = c->st;
    double so_base = baseline_off(c, VB_ROLE_SO_KY_HIEU), date_base = baseline_off(c, VB_ROLE_DIA_DANH_NGAY);
    double base = so_base > date_base ? so_base : date_base;
    write_w_tr_start(c);
    write_w_tc_start(c, lw_tw);
    druns r = {0};
    run_str(c, &r, vb_number_line(c->a, c->doc));
    dpara p = para_of(VB_ROLE_SO_KY_HIEU, st->header_rows_gap + base - so_base, 0);
    write_mirrored_p(c, &p, &r, st->header_left_w, NULL);
    vb_docx_xml_end(c->x);
    write_w_tc_start(c, rw_tw);
    druns q = {0};
    const char *pd = vb_place_date_line(c->a, c->doc);
    run_str(c, &q, pd ? pd : "");
    p = para_of(VB_ROLE_DIA_DANH_NGAY, st->header_rows_gap + base - date_base, 0);
    write_mirrored_p(c, &p, &q, st->header_right_w, NULL);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

static void write_header_tbl(dctx *c)
{
    const vb_style *st = c->st;
    long cols[2] = {vb_docx_twips(st->header_left_w), vb_docx_twips(st->header_right_w)};
    vb_docx_xml_start(c->x, "w:tbl");
    write_w_tblPr(c, cols[0] + cols[1], -vb_docx_twips(st->header_shift));
    write_w_tblGrid(c, cols, 2);
    write_w_tr_start(c);
    write_agency_tc(c, cols[0]);
    write_motto_tc(c, cols[1]);
    vb_docx_xml_end(c->x);
    write_number_date_tr(c, cols[0], cols[1]);
    vb_docx_xml_end(c->x);
}

/* ---- page 1: type name, trích yếu (ô 5a), Kính gửi (ô 9a) ---------------------------- */

static void write_title(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    if (!d->type || !d->type->name)
        return;
    vb_para_out po;
    druns r = {0};
    run_str(c, &r, d->type->name);
    dpara p = para_of(VB_ROLE_TEN_LOAI, st->title_gap + rs(c, VB_ROLE_TEN_LOAI)->space_before, 0);
    int has_summary = d->summary.n > 0;
    if (!has_summary)
        p.after = vb_docx_twips(st->after_title_gap);
    write_mirrored_p(c, &p, &r, c->text_width, NULL);
    if (!has_summary)
        return;
    druns s = {0};
    run_inline(c, &s, NULL, &d->summary);
    p = para_of(VB_ROLE_TRICH_YEU, rs(c, VB_ROLE_TRICH_YEU)->space_before, 0);
    write_mirrored_p(c, &p, &s, c->text_width, &po);
    write_rule_p(c, VB_ROLE_TRICH_YEU, &po, c->text_width, st->summary_rule_ratio, st->after_title_gap);
}

static void write_kinh_gui(dctx *c)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    const vb_role_style *r = rs(c, VB_ROLE_KINH_GUI);
    if (!d->n_to)
        return;
    double label_w = text_width(c, VB_ROLE_KINH_GUI, "Kính gửi:");
    double colon_x = text_width(c, VB_ROLE_KINH_GUI, "Kính gửi");
    double space_w = text_width(c, VB_ROLE_KINH_GUI, " ");
    double dash_w = text_width(c, VB_ROLE_KINH_GUI, "- ");
    double kx = st->kinh_gui_indent;
    if (d->n_to == 1) {
        /* one recipient on the label's line; a wrapped line starts under the name */
        druns q = {0};
        run_str(c, &q, "Kính gửi: ");
        run_inline(c, &q, NULL, &d->to[0]);
        dpara p = para_of(VB_ROLE_KINH_GUI, r->space_before, r->space_after);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(kx + label_w + space_w);
        p.ind_first = -vb_docx_twips(label_w + space_w);
        write_w_p(c, &p, &q);
        return;
    }
    druns q = {0};
    run_str(c, &q, "Kính gửi:");
    dpara p = para_of(VB_ROLE_KINH_GUI, r->space_before, 0);
    p.has_ind = 1;
    p.ind_left = vb_docx_twips(kx);
    write_w_p(c, &p, &q);
    /* one line each, "- " … ";" and the last "."; the dashes under the colon */
    for (size_t i = 0; i < d->n_to; i++) {
        druns t = {0};
        run_str(c, &t, "- ");
        run_inline(c, &t, NULL, &d->to[i]);
        run_str(c, &t, i + 1 < d->n_to ? ";" : ".");
        p = para_of(VB_ROLE_KINH_GUI, 0, i + 1 < d->n_to ? 0 : r->space_after);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(kx + colon_x + dash_w);
        p.ind_first = -vb_docx_twips(dash_w);
        write_w_p(c, &p, &t);
    }
}

/* ---- the body ---------------------------------------------------------------------- */

/* A text block of the body: its role's style; centred blocks broken as the
 * PDF breaks them. The last block is kept with the signature. */
static void write_text_block(dctx *c, const vb_tblock *b, int last)
{
    const vb_role_style *r = rs(c, b->role);
    druns runs = {0};
    run_inline(c, &runs, b->label, &b->text);
    dpara p = para_of(b->role, r->space_before, r->space_after);
    p.keep_next = last;
    if (r->align == VB_ALIGN_CENTER) {
        write_mirrored_p(c, &p, &runs, c->text_width, NULL);
    } else {
        write_w_p(c, &p, &runs);
    }
}

/* One case per kind of block: tables, images and appendices (with their own
 * section) will each be one more. */
static void render_block(dctx *c, const vb_tblock *b, int last)
{
    vb_node_kind kind = b->node ? b->node->kind : VB_N_PARA;
    switch (kind) {
    case VB_N_BODY:
    case VB_N_PART:
    case VB_N_CHAPTER:
    case VB_N_SECTION:
    case VB_N_SUBSECTION:
    case VB_N_ARTICLE:
    case VB_N_CLAUSE:
    case VB_N_POINT:
    case VB_N_DASH:
    case VB_N_PARA:
        write_text_block(c, b, last);
        break;
    case VB_N_TABLE: /* not printed by the PDF either yet: <w:tbl> with repeated header rows */
    case VB_N_CELL:
    case VB_N_KIND_COUNT:
        break;
    }
}

/* ---- the signature block {ô 9b | ô 7} ----------------------------------------------- */

/* Right cell: the authority lines (ô 7a), the room for the signature and
 * seal, the name (ô 7b). */
static void write_sign_tc(dctx *c, long width)
{
    const vb_style *st = c->st;
    const vb_signature *sg = c->doc->n_signatures ? &c->doc->signatures[0] : NULL;
    double gap = st->sign_gap_before;
    write_w_tc_start(c, width);
    for (size_t i = 0; sg && i < sg->n_lines; i++) {
        const vb_auth_line *al = &sg->lines[i];
        const char *prefix = vb_authority_prefix(al->kind);
        druns r = {0};
        run_inline(c, &r, prefix[0] ? prefix : NULL, &al->text);
        dpara p = para_of(VB_ROLE_THAM_QUYEN, gap, 0);
        write_mirrored_p(c, &p, &r, st->sign_right_w, NULL);
        gap = 0;
    }
    druns r = {0};
    if (sg)
        run_inline(c, &r, NULL, &sg->name);
    dpara p = para_of(VB_ROLE_HO_TEN, gap + st->sign_space, 0);
    write_mirrored_p(c, &p, &r, st->sign_right_w, NULL);
    vb_docx_xml_end(c->x);
}

/* Left cell: “Nơi nhận:” on the baseline of the first authority line, the
 * recipients and the Lưu line, each wrapping under its first word. */
static void write_recipients_tc(dctx *c, long width)
{
    const vb_doc *d = c->doc;
    const vb_style *st = c->st;
    const vb_signature *sg = d->n_signatures ? &d->signatures[0] : NULL;
    double level = sg && sg->n_lines ? baseline_off(c, VB_ROLE_THAM_QUYEN) - baseline_off(c, VB_ROLE_NOI_NHAN) : 0;
    write_w_tc_start(c, width);
    druns r = {0};
    run_str(c, &r, "Nơi nhận:");
    dpara p = para_of(VB_ROLE_NOI_NHAN, st->sign_gap_before + level, 0);
    write_w_p(c, &p, &r);
    double dash_w = text_width(c, VB_ROLE_NOI_NHAN_DS, "- ");
    for (size_t i = 0; i <= d->n_recipients; i++) {
        druns q = {0};
        if (i < d->n_recipients) {
            run_str(c, &q, "- ");
            run_inline(c, &q, NULL, &d->recipients[i]);
            run_str(c, &q, ";");
        } else if (d->archive.present) {
            run_str(c, &q, vb_archive_line(c->a, &d->archive));
        } else {
            break;
        }
        p = para_of(VB_ROLE_NOI_NHAN_DS, 0, 0);
        p.has_ind = 1;
        p.ind_left = vb_docx_twips(dash_w);
        p.ind_first = -vb_docx_twips(dash_w);
        write_w_p(c, &p, &q);
    }
    vb_docx_xml_end(c->x);
}

static void write_signature_tbl(dctx *c)
{
    const vb_style *st = c->st;
    long cols[2] = {vb_docx_twips(st->sign_left_w), vb_docx_twips(st->sign_right_w)};
    vb_docx_xml_start(c->x, "w:tbl");
    write_w_tblPr(c, cols[0] + cols[1], 0);
    write_w_tblGrid(c, cols, 2);
    write_w_tr_start(c);
    write_recipients_tc(c, cols[0]);
    write_sign_tc(c, cols[1]);
    vb_docx_xml_end(c->x);
    vb_docx_xml_end(c->x);
}

/* ---- section ----------------------------------------------------------------------- */

static void write_w_headerReference(dctx *c, const char *type, const char *id)
{
    vb_docx_xml_empty(c->x, "w:headerReference", "w:type", type, "r:id", id);
}

static void write_w_pgSz(dctx *c, const dsect *s)
{
    const vb_style *st = c->st;
    double w = s->landscape ? st->page_h : st->page_w, h = s->landscape ? st->page_w : st->page_h;
    vb_docx_xml_start(c->x, "w:pgSz");
    vb_docx_xml_attr_long(c->x, "w:w", vb_docx_twips(w));
    vb_docx_xml_attr_long(c->x, "w:h", vb_docx_twips(h));
    if (s->landscape)
        vb_docx_xml_attr(c->x, "w:orient", "landscape");
    vb_docx_xml_end(c->x);
}

static void write_w_pgMar(dctx *c, const dsect *s)
{
    const vb_style *st = c->st;
    /* a landscape page keeps the binding margin on the left */
    vb_docx_xml_start(c->x, "w:pgMar");
    vb_docx_xml_attr_long(c->x, "w:top", vb_docx_twips(st->margin_top));
    vb_docx_xml_attr_long(c->x, "w:right", vb_docx_twips(st->margin_right));
    vb_docx_xml_attr_long(c->x, "w:bottom", vb_docx_twips(st->margin_bottom));
    vb_docx_xml_attr_long(c->x, "w:left", vb_docx_twips(st->margin_left));
    vb_docx_xml_attr_long(c->x, "w:header", vb_docx_twips(st->header_distance));
    vb_docx_xml_attr_long(c->x, "w:footer", vb_docx_twips(st->header_distance));
    vb_docx_xml_attr(c->x, "w:gutter", "0");
    vb_docx_xml_end(c->x);
    (void)s;
}

static void write_w_pgNumType(dctx *c, const dsect *s)
{
    if (s->restart_at > 0) {
        vb_docx_xml_start(c->x, "w:pgNumType");
        vb_docx_xml_attr_long(c->x, "w:start", s->restart_at);
        vb_docx_xml_end(c->x);
    }
}

static void write_w_sectPr(dctx *c, const dsect *s)
{
    vb_docx_xml_start(c->x, "w:sectPr");
    write_w_headerReference(c, "default", VB_DOCX_REL_HEADER);
    write_w_headerReference(c, "first", VB_DOCX_REL_HEADER_FIRST);
    write_w_pgSz(c, s);
    write_w_pgMar(c, s);
    write_w_pgNumType(c, s);
    vb_docx_xml_empty(c->x, "w:cols", "w:space", "720", NULL, NULL);
    /* the number is not shown on a section's first page */
    vb_docx_xml_empty(c->x, "w:titlePg", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(c->x);
}

/* ---- the document -------------------------------------------------------------------- */

static void write_w_body(dctx *c)
{
    vb_docx_xml_start(c->x, "w:body");
    write_header_tbl(c);
    write_title(c);
    write_kinh_gui(c);
    vb_tblock *blocks;
    size_t nb = vb_body_blocks(c->a, c->doc, &blocks);
    if (nb == (size_t)-1) {
        c->nomem = 1;
        nb = 0;
    }
    for (size_t i = 0; i < nb && !c->nomem; i++)
        render_block(c, &blocks[i], i + 1 == nb);
    write_signature_tbl(c);
    dsect s = {0, 0};
    write_w_sectPr(c, &s);
    vb_docx_xml_end(c->x);
}

static void write_w_document(dctx *c)
{
    vb_docx_xml_start(c->x, "w:document");
    vb_docx_xml_attr(c->x, "xmlns:w", VB_NS_W);
    vb_docx_xml_attr(c->x, "xmlns:r", VB_NS_R);
    write_w_body(c);
    vb_docx_xml_end(c->x);
}

vb_err vb_docx_part_document(vb_docx_xml *x, const vb_doc *doc, const vb_style *st, const vb_fontset *fs)
{
    dctx c = {.doc = doc, .st = st, .fs = fs, .x = x};
    c.text_width = st->page_w - st->margin_left - st->margin_right;
    c.a = vb_arena_new();
    c.scratch = vb_arena_new();
    c.sh = vb_shaper_new(fs);
    vb_err err = VB_OK;
    if (!c.a || !c.scratch || !c.sh)
        err = VB_ERR_NOMEM;
    else
        write_w_document(&c);
    if (c.nomem)
        err = VB_ERR_NOMEM;
    free(c.flat);
    vb_shaper_free(c.sh);
    vb_arena_free(c.scratch);
    vb_arena_free(c.a);
    return err;
}

/* ---- the package ------------------------------------------------------------------- */

/* The parts in the order they are stored. */
typedef enum part {
    P_CONTENT_TYPES,
    P_PACKAGE_RELS,
    P_DOCUMENT,
    P_DOCUMENT_RELS,
    P_STYLES,
    P_SETTINGS,
    P_FONT_TABLE,
    P_HEADER,
    P_HEADER_FIRST,
    P_CORE,
    P_APP,
    P_COUNT
} part;

static const char *const part_names[P_COUNT] = {
    [P_CONTENT_TYPES] = "[Content_Types].xml",
    [P_PACKAGE_RELS] = "_rels/.rels",
    [P_DOCUMENT] = "word/document.xml",
    [P_DOCUMENT_RELS] = "word/_rels/document.xml.rels",
    [P_STYLES] = "word/styles.xml",
    [P_SETTINGS] = "word/settings.xml",
    [P_FONT_TABLE] = "word/fontTable.xml",
    [P_HEADER] = "word/header1.xml",
    [P_HEADER_FIRST] = "word/header2.xml",
    [P_CORE] = "docProps/core.xml",
    [P_APP] = "docProps/app.xml",
};

vb_err vb_docx_write(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, const vb_docx_info *info,
                     vb_buf *out, vb_diag *diag)
{
    vb_zipw *z = NULL;
    vb_docx_xml x;
    memset(&x, 0, sizeof x);
    vb_err err = vb_zipw_new(&z, DEFLATE_LEVEL, diag);
    for (int i = 0; !err && i < P_COUNT; i++) {
        err = vb_docx_xml_open(&x, part_names[i]);
        if (err)
            break;
        switch ((part)i) {
        case P_CONTENT_TYPES: vb_docx_part_content_types(&x); break;
        case P_PACKAGE_RELS: vb_docx_part_package_rels(&x); break;
        case P_DOCUMENT: err = vb_docx_part_document(&x, doc, st, fs); break;
        case P_DOCUMENT_RELS: vb_docx_part_document_rels(&x); break;
        case P_STYLES: vb_docx_part_styles(&x, st, fs); break;
        case P_SETTINGS: vb_docx_part_settings(&x, st); break;
        case P_FONT_TABLE: vb_docx_part_font_table(&x, st); break;
        case P_HEADER: vb_docx_part_header(&x, 1); break;
        case P_HEADER_FIRST: vb_docx_part_header(&x, 0); break;
        case P_CORE: vb_docx_part_core(&x, info); break;
        case P_APP: vb_docx_part_app(&x, info); break;
        case P_COUNT: break;
        }
        if (err == VB_ERR_NOMEM)
            vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: out of memory", part_names[i]);
        if (!err)
            err = vb_docx_xml_close_into(&x, z, diag);
        vb_docx_xml_free(&x);
    }
    if (!err)
        err = vb_zipw_finish(z, out, diag);
    vb_docx_xml_free(&x);
    vb_zipw_free(z);
    return err;
}
