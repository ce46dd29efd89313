/* shape.c - HarfBuzz shaping, UAX #14 break opportunities and line building. */
#include "shape.h"

#include <hb.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vb_linebreak.h"
#include "utf8.h"

struct vb_shaper {
    const vb_fontset *fs;
    hb_buffer_t *buf;
    hb_feature_t features[3];
    vb_arena *scratch; /* per paragraph, reset after each */
};

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

void vb_shape_global_init(void)
{
    pthread_once(&lb_once, init_linebreak);
}

vb_shaper *vb_shaper_new(const vb_fontset *fs)
{
    vb_shape_global_init();
    vb_shaper *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fs = fs;
    s->buf = hb_buffer_create();
    s->scratch = vb_arena_new();
    if (!hb_buffer_allocation_successful(s->buf) || !s->scratch) {
        vb_shaper_free(s);
        return NULL;
    }
    /* No kerning and no ligatures: Word and LibreOffice set Times New Roman
     * without either by default, so the DOCX breaks lines where we do; a
     * ligature would also merge letters in the text layer. */
    hb_feature_from_string("-kern", -1, &s->features[0]);
    hb_feature_from_string("-liga", -1, &s->features[1]);
    hb_feature_from_string("-clig", -1, &s->features[2]);
    return s;
}

void vb_shaper_free(vb_shaper *s)
{
    if (!s)
        return;
    hb_buffer_destroy(s->buf);
    vb_arena_free(s->scratch);
    free(s);
}

static void shape_into_buffer(vb_shaper *s, vb_face_id face, const char *text, size_t len)
{
    hb_buffer_clear_contents(s->buf);
    hb_buffer_add_utf8(s->buf, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(s->buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(s->buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(s->buf, hb_language_from_string("vi", 2));
    hb_buffer_set_cluster_level(s->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(s->fs->face[face].font, s->buf, s->features, 3);
}

double vb_shape_width(vb_shaper *s, vb_face_id face, double size, const char *text, size_t len)
{
    shape_into_buffer(s, face, text, len);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    int64_t w = 0;
    for (unsigned i = 0; i < n; i++)
        w += pos[i].x_advance;
    return (double)w * size / s->fs->face[face].upem;
}

/* ---- paragraphs ------------------------------------------------------------ */

typedef struct pglyph {
    uint32_t gid;
    int32_t adv;      /* font units */
    int32_t dy;       /* font units */
    uint32_t cluster; /* byte offset in the paragraph text */
    uint32_t piece;
    double w;         /* advance, pt */
} pglyph;

/* Glyphs of two pieces share a run when they look the same. */
static int same_style(const vb_piece *a, const vb_piece *b)
{
    return a->face == b->face && a->size == b->size && a->color == b->color && a->underline == b->underline;
}

typedef struct item_ref {
    size_t g0, g1; /* glyphs of the item */
} item_ref;

/* The first byte after the character that starts at `at`. */
static size_t char_end(const char *t, size_t len, size_t at)
{
    uint32_t cp;
    size_t k = vb_utf8_decode(t + at, len - at, &cp);
    return at + (k ? k : 1);
}

int vb_para_layout(vb_shaper *s, const vb_para_in *in, const vb_style *st, vb_arena *arena, vb_para_out *out)
{
    vb_arena *sc = s->scratch;
    vb_arena_reset(sc);
    memset(out, 0, sizeof *out);

    /* 1. one text for the paragraph; a forced break becomes '\n' */
    size_t total = 0;
    for (size_t i = 0; i < in->n; i++)
        total += in->pieces[i].is_break ? 1 : in->pieces[i].len;
    char *T = vb_arena_alloc(arena, total + 1);
    size_t *pstart = vb_arena_calloc(sc, in->n + 1, sizeof(size_t));
    if (!T || !pstart)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < in->n; i++) {
        pstart[i] = o;
        if (in->pieces[i].is_break)
            T[o++] = '\n';
        else {
            memcpy(T + o, in->pieces[i].text, in->pieces[i].len);
            o += in->pieces[i].len;
        }
    }
    pstart[in->n] = o;
    T[o] = 0;
    out->text = T;
    out->text_len = total;

    /* 2. break opportunities (UAX #14), one entry per byte */
    char *brk = vb_arena_alloc(sc, total + 1);
    if (!brk)
        return 0;
    if (total)
        set_linebreaks_utf8((const utf8_t *)T, total, "vi", brk);

    /* 3. shape piece by piece */
    size_t cap = total + 8, ng = 0;
    pglyph *g = vb_arena_array_raw(sc, cap, sizeof *g);
    if (!g)
        return 0;
    for (size_t i = 0; i < in->n; i++) {
        const vb_piece *pc = &in->pieces[i];
        if (pc->is_break) {
            /* a glyph-less marker for the forced break, so the items see it */
            g[ng] = (pglyph){0, 0, 0, (uint32_t)pstart[i], (uint32_t)i, 0};
            ng++;
            continue;
        }
        if (!pc->len)
            continue;
        shape_into_buffer(s, pc->face, pc->text, pc->len);
        unsigned n;
        hb_glyph_info_t *info = hb_buffer_get_glyph_infos(s->buf, &n);
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
        if (ng + n > cap) {
            size_t ncap = (ng + n) * 2;
            pglyph *ng2 = vb_arena_grow(sc, g, ng, ncap, sizeof *g);
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
            g[ng].cluster = (uint32_t)(pstart[i] + info[k].cluster);
            g[ng].piece = (uint32_t)i;
            g[ng].w = pos[k].x_advance * scale;
            ng++;
        }
    }

    /* 4. boxes, glue and penalties */
    size_t icap = ng * 2 + 8, ni = 0;
    vb_lb_item *items = vb_arena_array_raw(sc, icap, sizeof *items);
    item_ref *refs = vb_arena_array_raw(sc, icap, sizeof *refs);
    if (!items || !refs)
        return 0;
    int justify = in->align == VB_ALIGN_JUSTIFY;
    const double fill = 1e6;
    double line_w = in->width - (in->indent_first > in->indent_rest ? in->indent_first : in->indent_rest);
    int has_indent = in->indent_first != in->indent_rest;
    if (has_indent) {
        /* the first line's indent, as a box without glyphs; the widths
         * below already use indent_rest for every line */
        items[ni] = (vb_lb_item){VB_LB_BOX, in->indent_first - in->indent_rest, 0, 0, 0};
        refs[ni] = (item_ref){0, 0};
        ni++;
    }
    size_t gi = 0;
    while (gi < ng) {
        size_t at = g[gi].cluster;
        char ch = T[at];
        if (ch == ' ') {
            double w = g[gi].w;
            /* UAX #14 may forbid the break even at a space (before ':' or
             * ';', say): an infinite penalty keeps the glue unbreakable */
            if (brk[at] != LINEBREAK_ALLOWBREAK && brk[at] != LINEBREAK_MUSTBREAK && ni && items[ni - 1].type == VB_LB_BOX) {
                items[ni] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, VB_LB_INF};
                refs[ni] = (item_ref){gi, gi};
                ni++;
            }
            items[ni] = (vb_lb_item){VB_LB_GLUE, w, w * st->space_stretch, w * st->space_shrink, 0};
            refs[ni] = (item_ref){gi, gi + 1};
            ni++;
            gi++;
            continue;
        }
        if (ch == '\n') {
            items[ni] = (vb_lb_item){VB_LB_GLUE, 0, fill, 0, 0};
            refs[ni] = (item_ref){gi, gi};
            ni++;
            items[ni] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
            refs[ni] = (item_ref){gi, gi + 1};
            ni++;
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
        if (w <= line_w) {
            items[ni] = (vb_lb_item){VB_LB_BOX, w, 0, 0, 0};
            refs[ni] = (item_ref){g0, gi};
            ni++;
            continue;
        }
        /* A word wider than the line (a pasted URL, a run of characters with
         * no space) could only run off the page: it may break between any
         * two characters, at a cost, and is reported. */
        out->overfull = 1;
        for (size_t q = g0; q < gi; q++) {
            if (q > g0 && g[q].cluster != g[q - 1].cluster) {
                items[ni] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, st->hyphen_like_penalty};
                refs[ni] = (item_ref){q, q};
                ni++;
            }
            items[ni] = (vb_lb_item){VB_LB_BOX, g[q].w, 0, 0, 0};
            refs[ni] = (item_ref){q, q + 1};
            ni++;
        }
    }
    items[ni] = (vb_lb_item){VB_LB_GLUE, 0, justify ? fill : 0, 0, 0};
    refs[ni] = (item_ref){ng, ng};
    ni++;
    items[ni] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
    refs[ni] = (item_ref){ng, ng};
    ni++;

    /* 5. choose the breaks */
    double width = in->width - in->indent_rest;
    vb_lb_params p = {
        .mode = in->first_fit ? VB_LB_GREEDY
                : in->balanced || justify ? VB_LB_TOTAL_FIT_MIN_LINES
                                          : VB_LB_GREEDY,
        .line_penalty = st->line_penalty,
        .fitness_demerits = st->fitness_demerits,
        .ragged = !justify,
        .ragged_stretch = width * st->ragged_stretch,
    };
    size_t *breaks = vb_arena_array_raw(sc, ni, sizeof(size_t));
    if (!breaks)
        return 0;
    int overfull = 0;
    size_t nlines = vb_linebreak(items, ni, &width, 1, &p, breaks, ni, sc, &overfull);
    if (!nlines)
        return 0;
    out->overfull |= overfull;
    out->lines = vb_arena_calloc(arena, nlines, sizeof(vb_line));
    if (!out->lines)
        return 0;

    /* 6. build the lines */
    size_t first = 0;
    for (size_t L = 0; L < nlines; L++) {
        size_t last = breaks[L]; /* the break item (excluded) */
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
        if (L == 0 && has_indent)
            content -= items[0].width; /* the indent box is not content */
        int last_line = L + 1 == nlines || (items[last].type == VB_LB_PENALTY && items[last].penalty <= -VB_LB_INF);
        double slack = width - natural;
        double ratio = 0;
        if (justify && !last_line) {
            if (slack > 0 && stretch > 0)
                ratio = slack / stretch;
            else if (slack < 0 && shrink > 0)
                ratio = slack / shrink;
        }
        double x0 = in->indent_rest;
        if (!justify || last_line) {
            if (in->align == VB_ALIGN_CENTER)
                x0 += slack / 2;
            else if (in->align == VB_ALIGN_RIGHT)
                x0 += slack;
        }
        /* count runs: a new one whenever the piece changes */
        size_t nruns = 0;
        const vb_piece *prev = NULL;
        for (size_t k = a; k < e; k++)
            for (size_t q = refs[k].g0; q < refs[k].g1; q++)
                if (!prev || !same_style(&in->pieces[g[q].piece], prev)) {
                    nruns++;
                    prev = &in->pieces[g[q].piece];
                }
        vb_line *line = &out->lines[L];
        line->runs = vb_arena_calloc(arena, nruns ? nruns : 1, sizeof(vb_glyph_run));
        if (!line->runs)
            return 0;
        double x = x0;
        vb_glyph_run *run = NULL;
        prev = NULL;
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
                    /* glyph count of this run within the line */
                    size_t cnt = 0;
                    for (size_t k2 = k; k2 < e; k2++) {
                        size_t q0 = k2 == k ? q : refs[k2].g0;
                        int stop = 0;
                        for (size_t q2 = q0; q2 < refs[k2].g1; q2++) {
                            if (!same_style(&in->pieces[g[q2].piece], pc)) {
                                stop = 1;
                                break;
                            }
                            cnt++;
                        }
                        if (stop)
                            break;
                    }
                    run->glyphs = vb_arena_calloc(arena, cnt, sizeof(vb_pglyph));
                    if (!run->glyphs)
                        return 0;
                    if (pc->size > line->size)
                        line->size = pc->size;
                }
                vb_pglyph *pg = &run->glyphs[run->n++];
                pg->gid = g[q].gid;
                pg->advance = g[q].adv;
                pg->x = (float)(x - run->x);
                pg->dy = (float)(g[q].dy * pc->size / s->fs->face[pc->face].upem);
                pg->cluster = (uint32_t)(g[q].cluster - (size_t)(run->text - T));
                double adv = g[q].w;
                if (items[k].type == VB_LB_GLUE)
                    adv += extra;
                x += adv;
                /* the run's text reaches to the end of this glyph's characters */
                size_t next = q + 1 < ng ? g[q + 1].cluster : total;
                size_t endc = next > g[q].cluster ? next : char_end(T, total, g[q].cluster);
                if (q + 1 < ng && g[q + 1].piece != g[q].piece)
                    endc = pstart[g[q].piece + 1]; /* up to the next piece's first character */
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
        first = last + 1;
    }
    out->n = nlines;
    return 1;
}
