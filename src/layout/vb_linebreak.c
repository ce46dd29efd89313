/* vb_linebreak.c - total-fit line breaking over boxes, glue and penalties.
 *
 * A dynamic programme over the legal breakpoints. For the default mode the
 * fewest possible lines G is found first (minimum lines to each breakpoint
 * from the start, and from each breakpoint to the end); a state (breakpoint,
 * lines so far) is kept only when it can still end in G lines, so the search
 * stays small, and among those the least demerits win. */
#include "vb_linebreak.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define EPS 1e-6
#define OVERFULL_DEMERITS 1e15
#define NFIT 4
/* Beyond this many breakpoints in one paragraph (a pasted book?), lines are
 * filled greedily: total fit costs memory in proportion. */
#define MAX_DP_BREAKS 60000

typedef struct ctx {
    const vb_lb_item *it;
    size_t n;
    const vb_lb_params *p;
    const double *widths;
    size_t n_widths;
    double max_width;
    size_t *bp;     /* breakpoints: bp[0] = virtual start, bp[k] = item index */
    size_t nb;
    double *sw, *sy, *sz; /* prefix sums of width, stretch, shrink (boxes and glue) */
    size_t *start;  /* start[k]: first item of a line that follows breakpoint k */
    int *forced;    /* forced[k]: breakpoint k is a forced break */
} ctx;

static double line_width(const ctx *c, size_t line)
{
    return c->widths[line < c->n_widths ? line : c->n_widths - 1];
}

/* Natural width, stretch and shrink of the line from breakpoint a to b. */
static void line_dims(const ctx *c, size_t a, size_t b, double *L, double *Y, double *Z)
{
    size_t s = c->start[a], e = c->bp[b];
    if (s > e)
        s = e;
    *L = c->sw[e] - c->sw[s];
    *Y = c->sy[e] - c->sy[s];
    *Z = c->sz[e] - c->sz[s];
    if (c->it[e].type == VB_LB_PENALTY)
        *L += c->it[e].width;
}

static int fits(const ctx *c, size_t a, size_t b, double w)
{
    double L, Y, Z;
    line_dims(c, a, b, &L, &Y, &Z);
    return L - Z <= w + EPS;
}

/* Badness and fitness class of a line; returns -1 when it is overfull. */
static double badness(const ctx *c, size_t a, size_t b, double w, int *fit)
{
    double L, Y, Z;
    line_dims(c, a, b, &L, &Y, &Z);
    double r;
    if (c->p->ragged) {
        double slack = w - L;
        if (slack < -EPS)
            return -1;
        double rs = c->p->ragged_stretch > 0 ? c->p->ragged_stretch : w / 3;
        r = slack / rs;
    } else if (L < w) {
        r = Y > EPS ? (w - L) / Y : (w - L > EPS ? 1e3 : 0);
    } else if (L > w) {
        if (L - Z > w + EPS)
            return -1;
        r = Z > EPS ? (w - L) / Z : 0;
    } else {
        r = 0;
    }
    *fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
    double bad = 100 * fabs(r) * r * r;
    return bad > 10000 ? 10000 : bad;
}

static double demerits(const ctx *c, size_t b, double bad, int fit, int prev_fit)
{
    double d = (c->p->line_penalty + bad);
    d *= d;
    const vb_lb_item *e = &c->it[c->bp[b]];
    if (e->type == VB_LB_PENALTY && e->penalty > -VB_LB_INF) {
        if (e->penalty >= 0)
            d += e->penalty * e->penalty;
        else
            d -= e->penalty * e->penalty;
    }
    if (prev_fit >= 0 && (fit > prev_fit + 1 || prev_fit > fit + 1))
        d += c->p->fitness_demerits;
    return d;
}

static int setup(ctx *c, vb_arena *a)
{
    size_t n = c->n;
    c->sw = vb_arena_array_raw(a, n + 1, sizeof(double));
    c->sy = vb_arena_array_raw(a, n + 1, sizeof(double));
    c->sz = vb_arena_array_raw(a, n + 1, sizeof(double));
    c->bp = vb_arena_array_raw(a, n + 1, sizeof(size_t));
    if (!c->sw || !c->sy || !c->sz || !c->bp)
        return 0;
    c->sw[0] = c->sy[0] = c->sz[0] = 0;
    for (size_t i = 0; i < n; i++) {
        const vb_lb_item *x = &c->it[i];
        double w = x->type == VB_LB_PENALTY ? 0 : x->width;
        double y = x->type == VB_LB_GLUE ? x->stretch : 0;
        double z = x->type == VB_LB_GLUE ? x->shrink : 0;
        c->sw[i + 1] = c->sw[i] + w;
        c->sy[i + 1] = c->sy[i] + y;
        c->sz[i + 1] = c->sz[i] + z;
    }
    c->nb = 0;
    c->bp[c->nb++] = (size_t)-1; /* the start */
    for (size_t i = 0; i < n; i++) {
        const vb_lb_item *x = &c->it[i];
        int legal = (x->type == VB_LB_GLUE && i > 0 && c->it[i - 1].type == VB_LB_BOX) ||
                    (x->type == VB_LB_PENALTY && x->penalty < VB_LB_INF);
        if (legal)
            c->bp[c->nb++] = i;
    }
    c->start = vb_arena_array_raw(a, c->nb, sizeof(size_t));
    c->forced = vb_arena_array_raw(a, c->nb, sizeof(int));
    if (!c->start || !c->forced)
        return 0;
    for (size_t k = 0; k < c->nb; k++) {
        /* after a break, glue and penalties up to the next box vanish */
        size_t s = k == 0 ? 0 : c->bp[k] + 1;
        while (s < n && c->it[s].type != VB_LB_BOX && !(c->it[s].type == VB_LB_PENALTY && c->it[s].penalty <= -VB_LB_INF))
            s++;
        c->start[k] = s;
        c->forced[k] = k > 0 && c->it[c->bp[k]].type == VB_LB_PENALTY && c->it[c->bp[k]].penalty <= -VB_LB_INF;
    }
    c->max_width = 0;
    for (size_t i = 0; i < c->n_widths; i++)
        if (c->widths[i] > c->max_width)
            c->max_width = c->widths[i];
    return 1;
}

static size_t greedy(const ctx *c, size_t *breaks, size_t max_breaks, int *overfull)
{
    size_t lines = 0, a = 0;
    while (a < c->nb - 1) {
        size_t best = 0;
        for (size_t b = a + 1; b < c->nb; b++) {
            if (!fits(c, a, b, line_width(c, lines)))
                break;
            best = b;
            if (c->forced[b])
                break;
        }
        if (!best) {
            best = a + 1;
            *overfull = 1;
        }
        if (lines < max_breaks)
            breaks[lines] = c->bp[best];
        lines++;
        a = best;
    }
    return lines;
}

typedef struct state {
    double d;     /* total demerits; DBL_MAX: unreached */
    int prev_l;   /* lines at the predecessor (offset into its range) */
    int prev_f;
    size_t prev_b;
} state;

size_t vb_linebreak(const vb_lb_item *items, size_t n, const double *widths, size_t n_widths,
                    const vb_lb_params *p, size_t *breaks, size_t max_breaks, vb_arena *scratch,
                    int *overfull)
{
    ctx c = {.it = items, .n = n, .p = p, .widths = widths, .n_widths = n_widths ? n_widths : 1};
    *overfull = 0;
    if (!n)
        return 0;
    if (!setup(&c, scratch))
        return 0;
    size_t nb = c.nb;
    if (nb < 2)
        return 0;
    if (p->mode == VB_LB_GREEDY || nb > MAX_DP_BREAKS)
        return greedy(&c, breaks, max_breaks, overfull);

    /* fewest lines to each breakpoint, and from each to the end */
    int *to = vb_arena_calloc(scratch, nb, sizeof(int));
    int *from = vb_arena_calloc(scratch, nb, sizeof(int));
    if (!to || !from)
        return 0;
    for (size_t b = 1; b < nb; b++) {
        int best = INT32_MAX;
        for (size_t a = b; a-- > 0;) {
            if (a != b - 1 && !fits(&c, a, b, c.max_width))
                break;
            if (to[a] + 1 < best)
                best = to[a] + 1;
            if (c.forced[a])
                break;
        }
        to[b] = best;
    }
    from[nb - 1] = 0;
    for (size_t a = nb - 1; a-- > 0;) {
        int best = INT32_MAX;
        for (size_t b = a + 1; b < nb; b++) {
            if (b != a + 1 && !fits(&c, a, b, c.max_width))
                break;
            if (from[b] + 1 < best)
                best = from[b] + 1;
            if (c.forced[b])
                break;
        }
        from[a] = best;
    }
    int G = to[nb - 1];
    int min_lines = p->mode == VB_LB_TOTAL_FIT_MIN_LINES;

    /* states per breakpoint: lines l in [lo, hi], fitness 0..3 */
    int *lo = vb_arena_array_raw(scratch, nb, sizeof(int));
    int *hi = vb_arena_array_raw(scratch, nb, sizeof(int));
    state **st = vb_arena_calloc(scratch, nb, sizeof(state *));
    if (!lo || !hi || !st)
        return 0;
    for (size_t b = 0; b < nb; b++) {
        lo[b] = to[b];
        /* without the fewest-lines rule a breakpoint may be reached with more
         * lines; allow a few more than the minimum, plenty in practice */
        hi[b] = min_lines ? G - from[b] : to[b] + 3;
        if (hi[b] < lo[b])
            continue;
        size_t cnt = (size_t)(hi[b] - lo[b] + 1) * NFIT;
        st[b] = vb_arena_array_raw(scratch, cnt, sizeof(state));
        if (!st[b])
            return 0;
        for (size_t k = 0; k < cnt; k++)
            st[b][k].d = DBL_MAX;
    }
    if (!st[0])
        return 0;
    st[0][1].d = 0; /* start: 0 lines, "decent" */
    st[0][1].prev_f = -1;

    for (size_t b = 1; b < nb; b++) {
        if (!st[b])
            continue;
        for (size_t a = b; a-- > 0;) {
            int one = a == b - 1;
            if (!one && !fits(&c, a, b, c.max_width))
                break;
            if (st[a]) {
                for (int l = lo[a]; l <= hi[a]; l++) {
                    int nl = l + 1;
                    if (nl < lo[b] || nl > hi[b])
                        continue;
                    double w = line_width(&c, (size_t)l);
                    int fit = 1;
                    double bad = badness(&c, a, b, w, &fit);
                    int over = bad < 0;
                    if (over && !one)
                        continue;
                    for (int f = 0; f < NFIT; f++) {
                        state *s = &st[a][(size_t)(l - lo[a]) * NFIT + (size_t)f];
                        if (s->d == DBL_MAX)
                            continue;
                        double d = over ? OVERFULL_DEMERITS : demerits(&c, b, bad, fit, a == 0 ? -1 : f);
                        state *t = &st[b][(size_t)(nl - lo[b]) * NFIT + (size_t)fit];
                        if (s->d + d < t->d) {
                            t->d = s->d + d;
                            t->prev_b = a;
                            t->prev_l = l;
                            t->prev_f = f;
                        }
                    }
                }
            }
            if (c.forced[a])
                break;
        }
    }

    /* best final state */
    size_t last = nb - 1;
    double best = DBL_MAX;
    int bl = -1, bf = -1;
    for (int l = lo[last]; st[last] && l <= hi[last]; l++)
        for (int f = 0; f < NFIT; f++) {
            double d = st[last][(size_t)(l - lo[last]) * NFIT + (size_t)f].d;
            if (d < best) {
                best = d;
                bl = l;
                bf = f;
            }
        }
    if (bl < 0)
        return greedy(&c, breaks, max_breaks, overfull);
    if (best >= OVERFULL_DEMERITS)
        *overfull = 1;
    size_t lines = (size_t)bl;
    size_t b = last;
    int l = bl, f = bf;
    while (b > 0) {
        const state *s = &st[b][(size_t)(l - lo[b]) * NFIT + (size_t)f];
        if ((size_t)(l - 1) < max_breaks)
            breaks[l - 1] = c.bp[b];
        size_t pb = s->prev_b;
        l = s->prev_l;
        f = s->prev_f;
        b = pb;
    }
    return lines;
}

double vb_linebreak_min_width(const vb_lb_item *items, size_t n, vb_arena *scratch)
{
    ctx c = {.it = items, .n = n};
    if (!n)
        return 0;
    if (!setup(&c, scratch))
        return -1;
    double widest = 0;
    for (size_t b = 1; b < c.nb; b++) {
        double L, Y, Z;
        line_dims(&c, b - 1, b, &L, &Y, &Z);
        if (L - Z > widest)
            widest = L - Z;
    }
    return widest;
}
