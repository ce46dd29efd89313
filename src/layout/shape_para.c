/* shape_para.c - one paragraph into lines: its text, UAX #14 break
 * opportunities, shaping piece by piece, boxes, glue and penalties for
 * the line breaker (vb_linebreak.h), the breaks, and the lines built from
 * them. vb_para_layout runs these steps in order; each works on a pctx. */
#include "shape_priv.h"

#include <linebreak.h>
#include <string.h>

#include "lexicon.h"
#include "utf8.h"
#include "vb_linebreak.h"

/* What joins two words at a space (pctx.join), for the line breaker. */
enum { J_FREE, J_WORD, J_DATE, J_PHRASE };

/* Justified text: the cost of breaking inside a word or a date, as
 * penalty; high enough that a line has to be far looser before it is
 * paid (a strong preference, not a rule: body text must stay justified).
 * Centred and ragged text never break there. */
#define WORD_PENALTY 1000.0
/* Centred text: the bonus (a negative penalty) for a break at a phrase's
 * edge, after a comma or before "và", "của" …: worth a line a third of the
 * width shorter than its neighbour (ragged-stretch's badness 100). */
#define PHRASE_BONUS (-100.0)

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
    char *join;      /* at each space: J_FREE, J_WORD … (what the words on
                      * either side make together) */
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

/* A word of the paragraph: its letters (without the punctuation round
 * them) and what stands before and after them. */
typedef struct pword {
    size_t s, e;         /* the whole word in T */
    size_t cs, ce;       /* its letters */
    int lead, trail;     /* punctuation before / after the letters */
    char trail_ch;       /* the last punctuation character, if ASCII */
    size_t space;        /* the space after it, or (size_t)-1 (a forced break, the end) */
    const char *key;     /* vb_lexicon_key of its letters (computed once), or NULL: none */
    size_t key_len;
} pword;

static int word_char(const char *T, size_t at, size_t end, size_t *len)
{
    uint32_t c;
    size_t k = vb_utf8_decode(T + at, end - at, &c);
    *len = k ? k : 1;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

/* The key (vb_lexicon_key) of words [i, i + n) joined, into buf: the
 * key of syllables joined by one space is their keys joined by one space,
 * so each word's key is computed once (word_keys). 0 when a word has no
 * key, or when the words' text would not fit the 256 bytes it always had. */
static size_t words_key(const pword *w, size_t i, size_t n, char *buf, size_t cap)
{
    size_t o = 0, text = 0;
    for (size_t k = i; k < i + n; k++) {
        size_t len = w[k].ce - w[k].cs;
        if (text + len + 1 >= 256 || !w[k].key)
            return 0;
        text += len + (k > i);
        if (o + w[k].key_len + 2 >= cap)
            return 0;
        if (k > i)
            buf[o++] = ' ';
        memcpy(buf + o, w[k].key, w[k].key_len);
        o += w[k].key_len;
    }
    buf[o] = 0;
    return o;
}

/* Each word's key, once, in the scratch arena. */
static int word_keys(pctx *p, pword *w, size_t n)
{
    char key[256];
    for (size_t i = 0; i < n; i++) {
        size_t kn = w[i].ce > w[i].cs ? vb_lexicon_key(p->T + w[i].cs, w[i].ce - w[i].cs, key, sizeof key) : 0;
        w[i].key = NULL;
        w[i].key_len = 0;
        if (kn) {
            char *k = vb_arena_alloc(p->sc, kn + 1);
            if (!k)
                return 0;
            memcpy(k, key, kn + 1);
            w[i].key = k;
            w[i].key_len = kn;
        }
    }
    return 1;
}

static int is_digit_word(const pctx *p, const pword *w)
{
    return w->ce > w->cs && p->T[w->cs] >= '0' && p->T[w->cs] <= '9';
}

/* Whether word w is one of the words a phrase starts with: a break before
 * it leaves each line a phrase of its own. */
static int phrase_start(const pctx *p, const pword *w)
{
    static const char *const starts[] = {"va1", "cua2", "vê1", "trong", "cho", "tai5", "theo", "vơi4", "đôi4",
                                         "thuôc5", "trên"}; /* và, của, về, …, tại, theo, với, đối, thuộc, trên */
    /* the key as a 64-byte buffer would take it */
    if (!w->key || w->key_len + 1 >= 64)
        return 0;
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (strcmp(w->key, starts[i]) == 0)
            return 1;
    return 0;
}

/* 2b. what joins the words at each space: a word of several syllables
 * (longest match in the lexicon, left to right), "ngày"/"tháng"/"năm"
 * and the number after it, or a phrase's edge. */
static int word_joins(pctx *p)
{
    const char *T = p->T;
    p->join = vb_arena_calloc(p->sc, p->total + 1, 1);
    if (!p->join)
        return 0;
    size_t cap = p->total / 2 + 2, n = 0;
    pword *w = vb_arena_array_raw(p->sc, cap, sizeof *w);
    if (!w)
        return 0;
    for (size_t at = 0; at < p->total;) {
        if (T[at] == ' ' || T[at] == '\n') {
            at++;
            continue;
        }
        pword x = {.s = at, .space = (size_t)-1};
        while (at < p->total && T[at] != ' ' && T[at] != '\n')
            at++;
        x.e = at;
        size_t k, q = x.s;
        while (q < x.e && !word_char(T, q, x.e, &k))
            q += k;
        x.cs = q;
        x.lead = q > x.s;
        size_t last = q;
        while (q < x.e) {
            if (word_char(T, q, x.e, &k)) {
                q += k;
                last = q;
            } else {
                break;
            }
        }
        x.ce = last;
        x.trail = last < x.e;
        x.trail_ch = x.trail ? T[x.e - 1] : 0;
        if (at < p->total && T[at] == ' ')
            x.space = at;
        if (n < cap)
            w[n++] = x;
    }
    const vb_lexicon *lx = p->st->lex;
    char key[256];
    if (!word_keys(p, w, n))
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        /* a date: no break between ngày, tháng, năm and its number */
        if (w[i].space != (size_t)-1 && !w[i].trail && is_digit_word(p, &w[i + 1])) {
            const char *k = w[i].key;
            if (k && (!strcmp(k, "ngay1") || !strcmp(k, "thang4") || !strcmp(k, "năm")))
                p->join[w[i].space] = J_DATE;
        }
    }
    for (size_t i = 0; lx && i + 1 < n;) {
        size_t best = 0;
        for (size_t m = 2; m <= VB_LEX_MAX_SYL && i + m <= n; m++) {
            /* the words must follow one another with nothing but a space */
            size_t j = i + m - 1;
            if (w[j - 1].space == (size_t)-1 || w[j - 1].trail || w[j].lead || w[j].ce == w[j].cs)
                break;
            if (w[i].ce == w[i].cs)
                break;
            size_t kn = words_key(w, i, m, key, sizeof key);
            if (kn && vb_lexicon_has_key(lx, key, kn))
                best = m;
        }
        if (best) {
            for (size_t k = i; k + 1 < i + best; k++)
                p->join[w[k].space] = J_WORD;
            i += best - 1; /* its last word may start nothing: move past it */
            i++;
        } else {
            i++;
        }
    }
    for (size_t i = 0; i + 1 < n; i++) {
        size_t sp = w[i].space;
        if (sp == (size_t)-1 || p->join[sp] != J_FREE)
            continue;
        if ((w[i].trail && strchr(",;:", w[i].trail_ch)) || phrase_start(p, &w[i + 1]))
            p->join[sp] = J_PHRASE;
    }
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
        const vb_sglyph *sg;
        size_t n = vb_shape_words(s, pc->face, pc->text, pc->len, &sg);
        if (n == SIZE_MAX)
            return 0;
        if (ng + n > cap) {
            size_t ncap = (ng + n) * 2;
            pglyph *ng2 = vb_arena_grow(p->sc, g, ng, ncap, sizeof *g);
            if (!ng2)
                return 0;
            g = ng2;
            cap = ncap;
        }
        double scale = pc->size / s->fs->face[pc->face].upem;
        for (size_t k = 0; k < n; k++) {
            g[ng].gid = sg[k].gid;
            g[ng].adv = sg[k].adv;
            g[ng].dy = sg[k].dy;
            g[ng].cluster = (uint32_t)(p->pstart[i] + sg[k].cluster);
            g[ng].piece = (uint32_t)i;
            g[ng].w = sg[k].adv * scale;
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
            else if (p->join[at] != J_FREE && p->ni && p->items[p->ni - 1].type == VB_LB_BOX) {
                /* inside a word or a date; at a phrase's edge */
                double pen = p->join[at] == J_PHRASE ? (p->justify ? 0 : PHRASE_BONUS)
                             : p->justify            ? WORD_PENALTY
                                                     : VB_LB_INF;
                if (pen != 0)
                    item(p, (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, pen}, gi, gi);
            }
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
    if (!break_classes(&p) || !word_joins(&p) || !shape_pieces(&p) || !make_items(&p, out))
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

double vb_para_min_width(vb_shaper *s, const vb_para_in *in, const vb_style *st)
{
    /* a column no word is wider than: make_items splits none */
    vb_para_in wide = *in;
    wide.width = 1e9;
    pctx p = {.s = s, .in = &wide, .st = st, .arena = s->scratch, .sc = s->scratch};
    vb_arena_reset(p.sc);
    vb_para_out out;
    memset(&out, 0, sizeof out);
    if (!para_text(&p) || !break_classes(&p) || !word_joins(&p) || !shape_pieces(&p) || !make_items(&p, &out))
        return -1;
    double w = vb_linebreak_min_width(p.items, p.ni, p.sc);
    return w < 0 ? -1 : w + in->indent_rest;
}
