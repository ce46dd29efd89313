/* Line breaking on fixed widths: boxes of known width, no fonts. */
#include <math.h>
#include <stdlib.h>

#include "harness.h"
#include "vb_linebreak.h"

/* Items for words of the given widths separated by spaces of width 1
 * (stretch 0.5, no shrink), ending like a justified paragraph. */
static size_t words(vb_lb_item *it, const double *w, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            it[k++] = (vb_lb_item){VB_LB_GLUE, 1, 0.5, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_BOX, w[i], 0, 0, 0};
    }
    it[k++] = (vb_lb_item){VB_LB_GLUE, 0, 1e6, 0, 0};
    it[k++] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
    return k;
}

/* widths of the lines a break sequence makes (natural, without the break glue) */
static void line_widths(const vb_lb_item *it, const size_t *br, size_t lines, double *out)
{
    size_t s = 0;
    for (size_t l = 0; l < lines; l++) {
        while (s < br[l] && it[s].type != VB_LB_BOX)
            s++;
        double w = 0;
        for (size_t k = s; k < br[l]; k++)
            w += it[k].type == VB_LB_PENALTY ? 0 : it[k].width;
        out[l] = w;
        s = br[l] + 1;
    }
}

int main(void)
{
    vb_arena *a = vb_arena_new();
    vb_lb_item it[256];
    size_t br[64];
    int over;

    /* Greedy fills the first line and leaves a loose second one; total fit
     * with the same number of lines evens them out. Words: 4 4 4 4 2 2 2,
     * width 14: greedy takes "4 4 4" (14) then "4 2 2 2" (13)... choose a case
     * where greedy's first line is full and the next is short. */
    {
        double w[] = {3, 3, 3, 3, 6, 6};
        size_t n = words(it, w, 6);
        double width = 15;
        vb_lb_params g = {VB_LB_GREEDY, 10, 100, 0, 0};
        vb_lb_params t = {VB_LB_TOTAL_FIT_MIN_LINES, 10, 100, 0, 0};
        size_t lg = vb_linebreak(it, n, &width, 1, &g, br, 64, a, &over);
        double gw[8];
        line_widths(it, br, lg, gw);
        CHECK(lg == 2, "greedy lines %zu", lg);
        CHECK(fabs(gw[0] - 15) < 1e-9, "greedy first line %g", gw[0]);
        size_t lt = vb_linebreak(it, n, &width, 1, &t, br, 64, a, &over);
        double tw[8];
        line_widths(it, br, lt, tw);
        CHECK(lt == lg, "total fit keeps the fewest lines: %zu vs %zu", lt, lg);
        CHECK(!over, "no overfull line");
    }

    /* Total fit balances: words 5 5 5 5 5 5 5 5 width 17: greedy gives
     * 5 5 5 (17) x2 then 5 5 (11); total fit with 3 lines must too, but on a
     * ragged variant with w=12 both must put at most two words a line. */
    {
        double w[] = {5, 5, 5, 5, 5, 5, 5, 5};
        size_t n = words(it, w, 8);
        double width = 12;
        vb_lb_params t = {VB_LB_TOTAL_FIT_MIN_LINES, 10, 100, 0, 0};
        size_t l = vb_linebreak(it, n, &width, 1, &t, br, 64, a, &over);
        CHECK(l == 4, "lines %zu", l);
        double lw[8];
        line_widths(it, br, l, lw);
        for (size_t i = 0; i < l; i++)
            CHECK(lw[i] <= 12 + 1e-9, "line %zu too wide: %g", i, lw[i]);
    }

    /* A classic total-fit win: greedy "aaa bb cc ddddd" at width 6 gives
     * [aaa bb][cc][ddddd]: 3 lines; so does total fit, but with the loose
     * line spread: check that total fit never makes more lines than greedy
     * over many random paragraphs, and that every line fits. */
    {
        srand(7);
        for (int trial = 0; trial < 300; trial++) {
            double w[40];
            size_t nw = 5 + (size_t)(rand() % 35);
            for (size_t i = 0; i < nw; i++)
                w[i] = 1 + rand() % 8;
            size_t n = words(it, w, nw);
            double width = 10 + rand() % 30;
            vb_lb_params g = {VB_LB_GREEDY, 10, 100, 0, 0};
            vb_lb_params t = {VB_LB_TOTAL_FIT_MIN_LINES, 10, 100, 0, 0};
            size_t lg = vb_linebreak(it, n, &width, 1, &g, br, 64, a, &over);
            size_t lt = vb_linebreak(it, n, &width, 1, &t, br, 64, a, &over);
            CHECK(lt == lg, "trial %d: total fit %zu lines, greedy %zu", trial, lt, lg);
            double lw[64];
            line_widths(it, br, lt, lw);
            for (size_t i = 0; i < lt; i++)
                CHECK(lw[i] <= width + 1e-9, "trial %d line %zu: %g > %g", trial, i, lw[i], width);
            CHECK(br[lt - 1] == n - 1, "ends at the final break");
            vb_arena_reset(a);
        }
    }

    /* Forced breaks are honoured; a box wider than the line is overfull. */
    {
        size_t k = 0;
        it[k++] = (vb_lb_item){VB_LB_BOX, 3, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_GLUE, 0, 1e6, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
        it[k++] = (vb_lb_item){VB_LB_BOX, 50, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_GLUE, 1, 0.5, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_BOX, 3, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_GLUE, 0, 1e6, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
        double width = 20;
        vb_lb_params t = {VB_LB_TOTAL_FIT_MIN_LINES, 10, 100, 0, 0};
        size_t l = vb_linebreak(it, k, &width, 1, &t, br, 64, a, &over);
        CHECK(l == 3, "lines %zu", l);
        CHECK(br[0] == 2, "forced break first: %zu", br[0]);
        CHECK(over, "overfull reported");
    }

    /* A penalty break (after a hyphen) is taken only when it helps. */
    {
        size_t k = 0;
        it[k++] = (vb_lb_item){VB_LB_BOX, 8, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_GLUE, 1, 0.5, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_BOX, 5, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, 50};
        it[k++] = (vb_lb_item){VB_LB_BOX, 5, 0, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_GLUE, 0, 1e6, 0, 0};
        it[k++] = (vb_lb_item){VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF};
        double width = 15;
        vb_lb_params t = {VB_LB_TOTAL_FIT_MIN_LINES, 10, 100, 0, 0};
        size_t l = vb_linebreak(it, k, &width, 1, &t, br, 64, a, &over);
        CHECK(l == 2 && br[0] == 3, "breaks after the hyphen-like penalty: %zu lines, first at %zu", l, br[0]);
    }
    vb_arena_free(a);
    return DONE();
}
