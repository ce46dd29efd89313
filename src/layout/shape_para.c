/* shape_para.c - one paragraph into lines: its text, UAX #14 break
 * opportunities, shaping piece by piece, boxes, glue and penalties for
 * the line breaker (vb_linebreak.h), the breaks, and the lines built from
 * them. vb_para_layout runs these steps in order; each works on a pctx. */
#include "shape_priv.h"

#include <linebreak.h>
#include <string.h>

#include "utf8.h"
#include "vb_linebreak.h"

typedef struct pglyph {
    uint32_t gid;
    int32_t adv;      /* font units */
    int32_t dy;       /* font units */
    uint32_t cluster; /* byte offset in the paragraph text */
    uint32_t piece;
    double w;         /* advance, pt */
} pglyph;

typedef struct item_ref {
    size_t g0, g1; /* glyphs of the item */
} item_ref;

/* A paragraph on its way to lines. */
typedef struct pctx {
    vb_shaper *s;
    const vb_para_in *in;
    const vb_style *st;
    vb_arena *arena; /* the result's */
    vb_arena *sc;    /* scratch */
    char *T;         /* the pieces' text, a forced break as '\n' */
    size_t total;
    size_t *pstart;  /* where each piece starts in T (n + 1 entries) */
    char *brk;       /* UAX #14 break class after each byte */
    pglyph *g;
    size_t ng;
    vb_lb_item *items;
    item_ref *refs;
    size_t ni;
    int justify, has_indent;
    double width;    /* every line's width for the breaker (after indent_rest) */
} pctx;

/* Glyphs of two pieces share a run when they look the same. */
static int same_style(const vb_piece *a, const vb_piece *b)
{
    return a->face == b->face && a->size == b->size && a->color == b->color && a->underline == b->underline;
}

/* The first byte after the character that starts at `at`. */
static size_t char_end(const char *t, size_t len, size_t at)
{
    uint32_t cp;
    size_t k = vb_utf8_decode(t + at, len - at, &cp);
    return at + (k ? k : 1);
}

/* 1. one text for the paragraph; a forced break becomes '\n'. */
static int para_text(pctx *p)
{
    const vb_para_in *in = p->in;
    size_t total = 0;
    for (size_t i = 0; i < in->n; i++)
        total += in->pieces[i].is_break ? 1 : in->pieces[i].len;
    p->T = vb_arena_alloc(p->arena, total + 1);
    p->pstart = vb_arena_calloc(p->sc, in->n + 1, sizeof(size_t));
    if (!p->T || !p->pstart)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < in->n; i++) {
        p->pstart[i] = o;
        if (in->pieces[i].is_break) {
            p->T[o++] = '\n';
        } else {
            memcpy(p->T + o, in->pieces[i].text, in->pieces[i].len);
            o += in->pieces[i].len;
        }
    }
    p->pstart[in->n] = o;
    p->T[o] = 0;
    p->total = total;
    return 1;
}

/* 2. break opportunities (UAX #14), one entry per byte. */
static int break_classes(pctx *p)
{
    p->brk = vb_arena_alloc(p->sc, p->total + 1);
    if (!p->brk)
        return 0;
    if (p->total)
        set_linebreaks_utf8((const utf8_t *)p->T, p->total, "vi", p->brk);
    return 1;
}

/* 3. shape piece by piece. */
static int shape_pieces(pctx *p)
{
    const vb_para_in *in = p->in;
    vb_shaper *s = p->s;
    size_t cap = p->total + 8, ng = 0;
    pglyph *g = vb_arena_array_raw(p->sc, cap, sizeof *g);
    if (!g)
        return 0;
    for (size_t i = 0; i < in->n; i++) {
        const vb_piece *pc = &in->pieces[i];
        if (pc->is_break) {
            /* a glyph-less marker for the forced break, so the items see it */
            g[ng] = (pglyph){0, 0, 0, (uint32_t)p->pstart[i], (uint32_t)i, 0};
            ng++;
            continue;
        }
        if (!pc->len)
            continue;
        vb_shape_buffer(s, pc->face, pc->text, pc->len);
        unsigned n;
        hb_glyph_info_t *info = hb_buffer_get_glyph_infos(s->buf, &n);
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
        if (ng + n > cap) {
            size_t ncap = (ng + n) * 2;
            pglyph *ng2 = vb_arena_grow(p->sc, g, ng, ncap, sizeof *g);
            if (!ng2)
                return 0;
            g = ng2;
            cap = ncap;
        }
        double scale = pc->size / s->fs->face[pc->face].upem;
        for (unsigned k = 0; k < n; k++) {
            g[ng].gid = info[k].codepoint;
            g[ng].adv = pos[k].x_advance;
            g[ng].dy = pos[k].y_offset;
            g[ng].cluster = (uint32_t)(p->pstart[i] + info[k].cluster);
            g[ng].piece = (uint32_t)i;
            g[ng].w = pos[k].x_advance * scale;
            ng++;
        }
    }
    p->g = g;
    p->ng = ng;
    return 1;
}

static void item(pctx *p, vb_lb_item it, size_t g0, size_t g1)
{
    p->items[p->ni] = it;
    p->refs[p->ni] = (item_ref){g0, g1};
    p->ni++;
}

/* A word wider than the line (a pasted URL, a run of characters with no
 * space) could only run off the page: it may break between any two
 * characters, at a cost, and is reported. */
static void split_word(pctx *p, size_t g0, size_t g1, vb_para_out *out)
{
    const pglyph *g = p->g;
    out->overfull = 1;
    for (size_t q = g0; q < g1; q++) {
        if (q > g0 && g[q].cluster != g[q - 1].cluster)
            item(p, (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, p->st->hyphen_like_penalty}, q, q);
        item(p, (vb_lb_item){VB_LB_BOX, g[q].w, 0, 0, 0}, q, q + 1);
    }
}

/* 4. boxes, glue and penalties. */
static int make_items(pctx *p, vb_para_out *out)
{
    const vb_para_in *in = p->in;
    const vb_style *st = p->st;
    const pglyph *g = p->g;
    const char *T = p->T;
    size_t ng = p->ng;
    size_t icap = ng * 2 + 8;
    p->items = vb_arena_array_raw(p->sc, icap, sizeof *p->items);
    p->refs = vb_arena_array_raw(p->sc, icap, sizeof *p->refs);
    if (!p->items || !p->refs)
        return 0;
    p->ni = 0;
    p->justify = in->align == VB_ALIGN_JUSTIFY;
    const double fill = 1e6;
    double line_w = in->width - (in->indent_first > in->indent_rest ? in->indent_first : in->indent_rest);
    p->has_indent = in->indent_first != in->indent_rest;
    if (p->has_indent) {
        /* the first line's indent, as a box without glyphs; the widths
         * below already use indent_rest for every line */
        item(p, (vb_lb_item){VB_LB_BOX, in->indent_first - in->indent_rest, 0, 0, 0}, 0, 0);
    }
    size_t gi = 0;
    while (gi < ng) {
        size_t at = g[gi].cluster;
        char ch = T[at];
        if (ch == ' ') {
            double w = g[gi].w;
            /* UAX #14 may forbid the break even at a space (before ':' or
             * ';', say): an infinite penalty keeps the glue unbreakable */
            if (p->brk[at] != LINEBREAK_ALLOWBREAK && p->brk[at] != LINEBREAK_MUSTBREAK && p->ni &&
                p->items[p->ni - 1].type == VB_LB_BOX)
                item(p, (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, VB_LB_INF}, gi, gi);
            item(p, (vb_lb_item){VB_LB_GLUE, w, w * st->space_stretch, w * st->space_shrink, 0}, gi, gi + 1);
            gi++;
            continue;
        }
        if (ch == '\n') {
            item(p, (vb_lb_item){VB_LB_GLUE, 0, fill, 0, 0}, gi, gi);
            item(p, (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF}, gi, gi + 1);
            gi++;
            continue;
        }
        /* a box: the glyphs up to the next space or forced break. Lines
         * break only at spaces: UAX #14 also allows a break after a hyphen
         * or a slash (“QĐ-UBND”, “PCT/UBND”), but a notation split there
         * reads badly and its text layer would gain a space. */
        size_t g0 = gi;
        double w = 0;
        while (gi < ng) {
            size_t c = g[gi].cluster;
            if (T[c] == ' ' || T[c] == '\n')
                break;
            w += g[gi].w;
            gi++;
        }
        if (w <= line_w)
            item(p, (vb_lb_item){VB_LB_BOX, w, 0, 0, 0}, g0, gi);
        else
            split_word(p, g0, gi, out);
    }
    item(p, (vb_lb_item){VB_LB_GLUE, 0, p->justify ? fill : 0, 0, 0}, ng, ng);
    item(p, (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF}, ng, ng);
    return 1;
}

/* 5. choose the breaks. Returns the number of lines (0: out of memory). */
static size_t choose_breaks(pctx *p, size_t **breaks, vb_para_out *out)
{
    const vb_para_in *in = p->in;
    const vb_style *st = p->st;
    p->width = in->width - in->indent_rest;
    vb_lb_params lp = {
        .mode = in->first_fit ? VB_LB_GREEDY
                : in->balanced || p->justify ? VB_LB_TOTAL_FIT_MIN_LINES
                                             : VB_LB_GREEDY,
        .line_penalty = st->line_penalty,
        .fitness_demerits = st->fitness_demerits,
        .ragged = !p->justify,
        .ragged_stretch = p->width * st->ragged_stretch,
    };
    *breaks = vb_arena_array_raw(p->sc, p->ni, sizeof(size_t));
    if (!*breaks)
        return 0;
    int overfull = 0;
    size_t nlines = vb_linebreak(p->items, p->ni, &p->width, 1, &lp, *breaks, p->ni, p->sc, &overfull);
    out->overfull |= overfull;
    return nlines;
}

/* How many runs line items [a, e) make: a new one whenever the piece's
 * look changes. */
static size_t count_runs(const pctx *p, size_t a, size_t e)
{
    size_t nruns = 0;
    const vb_piece *prev = NULL;
    for (size_t k = a; k < e; k++)
        for (size_t q = p->refs[k].g0; q < p->refs[k].g1; q++)
            if (!prev || !same_style(&p->in->pieces[p->g[q].piece], prev)) {
                nruns++;
                prev = &p->in->pieces[p->g[q].piece];
            }
    return nruns;
}

/* Glyphs of the run that starts at glyph q of item k, within the line's
 * items up to e. */
static size_t run_glyphs(const pctx *p, size_t k, size_t q, size_t e, const vb_piece *pc)
{
    size_t cnt = 0;
    for (size_t k2 = k; k2 < e; k2++) {
        size_t q0 = k2 == k ? q : p->refs[k2].g0;
        for (size_t q2 = q0; q2 < p->refs[k2].g1; q2++) {
            if (!same_style(&p->in->pieces[p->g[q2].piece], pc))
                return cnt;
            cnt++;
        }
    }
    return cnt;
}

/* 6. one line from items [first, last) (last: the break item). */
static int build_line(pctx *p, size_t L, size_t nlines, size_t first, size_t last, vb_line *line, vb_para_out *out)
{
    const vb_para_in *in = p->in;
    const vb_lb_item *items = p->items;
    const item_ref *refs = p->refs;
    const pglyph *g = p->g;
    const char *T = p->T;
    size_t a = first;
    /* skip what vanishes at a line start */
    while (a < last && items[a].type != VB_LB_BOX)
        a++;
    if (L == 0)
        a = first;
    /* content: a .. e (inclusive), without trailing glue */
    size_t e = last;
    while (e > a && items[e - 1].type != VB_LB_BOX)
        e--;
    double natural = 0, stretch = 0, shrink = 0, content = 0;
    for (size_t k = a; k < e; k++) {
        natural += items[k].width;
        if (items[k].type == VB_LB_GLUE) {
            stretch += items[k].stretch;
            shrink += items[k].shrink;
        }
    }
    content = natural;
    if (L == 0 && p->has_indent)
        content -= items[0].width; /* the indent box is not content */
    int last_line = L + 1 == nlines || (items[last].type == VB_LB_PENALTY && items[last].penalty <= -VB_LB_INF);
    double slack = p->width - natural;
    double ratio = 0;
    if (p->justify && !last_line) {
        if (slack > 0 && stretch > 0)
            ratio = slack / stretch;
        else if (slack < 0 && shrink > 0)
            ratio = slack / shrink;
    }
    double x0 = in->indent_rest;
    if (!p->justify || last_line) {
        if (in->align == VB_ALIGN_CENTER)
            x0 += slack / 2;
        else if (in->align == VB_ALIGN_RIGHT)
            x0 += slack;
    }
    size_t nruns = count_runs(p, a, e);
    line->runs = vb_arena_calloc(p->arena, nruns ? nruns : 1, sizeof(vb_glyph_run));
    if (!line->runs)
        return 0;
    double x = x0;
    vb_glyph_run *run = NULL;
    const vb_piece *prev = NULL;
    for (size_t k = a; k < e; k++) {
        double extra = 0;
        if (items[k].type == VB_LB_GLUE)
            extra = ratio > 0 ? ratio * items[k].stretch : ratio * items[k].shrink;
        if (refs[k].g0 == refs[k].g1) {
            x += items[k].width + extra; /* the indent */
            continue;
        }
        for (size_t q = refs[k].g0; q < refs[k].g1; q++) {
            const vb_piece *pc = &in->pieces[g[q].piece];
            if (!prev || !same_style(pc, prev)) {
                run = &line->runs[line->n_runs++];
                prev = pc;
                run->face = pc->face;
                run->size = (float)pc->size;
                run->x = (float)x;
                run->y = 0;
                run->color = pc->color;
                run->underline = pc->underline;
                run->text = T + g[q].cluster;
                run->glyphs = vb_arena_calloc(p->arena, run_glyphs(p, k, q, e, pc), sizeof(vb_pglyph));
                if (!run->glyphs)
                    return 0;
                if (pc->size > line->size)
                    line->size = pc->size;
            }
            vb_pglyph *pg = &run->glyphs[run->n++];
            pg->gid = g[q].gid;
            pg->advance = g[q].adv;
            pg->x = (float)(x - run->x);
            pg->dy = (float)(g[q].dy * pc->size / p->s->fs->face[pc->face].upem);
            pg->cluster = (uint32_t)(g[q].cluster - (size_t)(run->text - T));
            double adv = g[q].w;
            if (items[k].type == VB_LB_GLUE)
                adv += extra;
            x += adv;
            /* the run's text reaches to the end of this glyph's characters */
            size_t next = q + 1 < p->ng ? g[q + 1].cluster : p->total;
            size_t endc = next > g[q].cluster ? next : char_end(T, p->total, g[q].cluster);
            if (q + 1 < p->ng && g[q + 1].piece != g[q].piece)
                endc = p->pstart[g[q].piece + 1]; /* up to the next piece's first character */
            run->text_len = (uint32_t)(endc - (size_t)(run->text - T));
            run->width = (float)(x - run->x);
        }
    }
    if (!line->size && in->n)
        line->size = in->pieces[0].size;
    line->x = (float)(x0 + ((L == 0) ? (in->indent_first - in->indent_rest) : 0));
    line->width = (float)content;
    if (content > out->max_width)
        out->max_width = content;
    return 1;
}

int vb_para_layout(vb_shaper *s, const vb_para_in *in, const vb_style *st, vb_arena *arena, vb_para_out *out)
{
    pctx p = {.s = s, .in = in, .st = st, .arena = arena, .sc = s->scratch};
    vb_arena_reset(p.sc);
    memset(out, 0, sizeof *out);
    if (!para_text(&p))
        return 0;
    out->text = p.T;
    out->text_len = p.total;
    size_t *breaks;
    if (!break_classes(&p) || !shape_pieces(&p) || !make_items(&p, out))
        return 0;
    size_t nlines = choose_breaks(&p, &breaks, out);
    if (!nlines)
        return 0;
    out->lines = vb_arena_calloc(arena, nlines, sizeof(vb_line));
    if (!out->lines)
        return 0;
    size_t first = 0;
    for (size_t L = 0; L < nlines; L++) {
        if (!build_line(&p, L, nlines, first, breaks[L], &out->lines[L], out))
            return 0;
        first = breaks[L] + 1;
    }
    out->n = nlines;
    return 1;
}
