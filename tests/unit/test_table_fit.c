/* A table's columns: the narrowest line a paragraph's items allow
 * (vb_linebreak_min_width), and widths shared so that no column is
 * narrower than its minimum (vb_table_share_min). No fonts. */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "table.h"
#include "vb_linebreak.h"

static double col(const vb_grid *g, size_t i)
{
    return g->x[i + 1] - g->x[i];
}

int main(void)
{
    vb_arena *a = vb_arena_new();

    /* "12.345.678 đồng" (boxes 54 and 27, a space of 3) is as narrow as its
     * number; a space the breaker may not break at (before ':', inside a
     * compound in centred text) joins its neighbours */
    {
        vb_lb_item it[] = {
            {VB_LB_BOX, 54, 0, 0, 0},
            {VB_LB_GLUE, 3, 1.5, 0, 0},
            {VB_LB_BOX, 27, 0, 0, 0},
            {VB_LB_GLUE, 0, 1e6, 0, 0},
            {VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF},
        };
        double w = vb_linebreak_min_width(it, 5, a);
        CHECK(fabs(w - 54) < 1e-9, "min width %g, expected 54", w);
        vb_lb_item joined[] = {
            {VB_LB_BOX, 20, 0, 0, 0},
            {VB_LB_PENALTY, 0, 0, 0, VB_LB_INF},
            {VB_LB_GLUE, 3, 1.5, 0, 0},
            {VB_LB_BOX, 30, 0, 0, 0},
            {VB_LB_GLUE, 3, 1.5, 0, 0},
            {VB_LB_BOX, 40, 0, 0, 0},
            {VB_LB_GLUE, 0, 1e6, 0, 0},
            {VB_LB_PENALTY, 0, 0, 0, -VB_LB_INF},
        };
        w = vb_linebreak_min_width(joined, 8, a);
        CHECK(fabs(w - 53) < 1e-9, "a compound kept whole: min width %g, expected 53", w);
        /* a penalty the breaker may take (justified text's 1000) divides */
        joined[1].penalty = 1000;
        w = vb_linebreak_min_width(joined, 8, a);
        CHECK(fabs(w - 40) < 1e-9, "a breakable compound: min width %g, expected 40", w);
    }

    /* four share columns in 200 pt: 50 each fits minimums of 40 as is */
    double widths[4] = {1, 1, 1, 1};
    int fixed[4] = {0, 0, 0, 0};
    vb_table t;
    memset(&t, 0, sizeof t);
    t.widths = widths;
    t.fixed = fixed;
    t.n_cols = 4;
    vb_grid g;
    memset(&g, 0, sizeof g);
    g.n_cols = 4;
    double x[5];
    g.x = x;
    {
        double min[4] = {40, 40, 40, 40};
        CHECK(vb_table_share_min(a, &t, &g, min, 200) == 1, "fits");
        for (size_t i = 0; i < 4; i++)
            CHECK(fabs(col(&g, i) - 50) < 1e-9, "column %zu: %g, expected the plain share 50", i, col(&g, i));
    }
    /* one column needs 80: it gets it, the others give way alike */
    {
        double min[4] = {80, 10, 10, 10};
        CHECK(vb_table_share_min(a, &t, &g, min, 200) == 1, "fits");
        CHECK(fabs(col(&g, 0) - 80) < 1e-9 && fabs(col(&g, 1) - 40) < 1e-9 && fabs(g.x[4] - 200) < 1e-9,
              "columns %g %g %g %g", col(&g, 0), col(&g, 1), col(&g, 2), col(&g, 3));
    }
    /* pinning cascades: the others' share falls below a second minimum */
    {
        double min[4] = {100, 45, 10, 10};
        CHECK(vb_table_share_min(a, &t, &g, min, 200) == 1, "fits");
        CHECK(fabs(col(&g, 0) - 100) < 1e-9 && fabs(col(&g, 1) - 45) < 1e-9 && fabs(col(&g, 2) - 27.5) < 1e-9,
              "columns %g %g %g %g", col(&g, 0), col(&g, 1), col(&g, 2), col(&g, 3));
        for (size_t i = 0; i < 4; i++)
            CHECK(col(&g, i) >= min[i] - 1e-9, "column %zu below its minimum", i);
    }
    /* a fixed column keeps its width while the others can give way */
    {
        widths[0] = 60;
        fixed[0] = 1;
        double min[4] = {20, 60, 10, 10};
        CHECK(vb_table_share_min(a, &t, &g, min, 200) == 1, "fits");
        CHECK(fabs(col(&g, 0) - 60) < 1e-9 && fabs(col(&g, 1) - 60) < 1e-9 && fabs(col(&g, 2) - 40) < 1e-9,
              "columns %g %g %g %g", col(&g, 0), col(&g, 1), col(&g, 2), col(&g, 3));
        /* … and gives way when they cannot */
        double tight[4] = {20, 80, 50, 50};
        CHECK(vb_table_share_min(a, &t, &g, tight, 200) == 1, "fits");
        CHECK(fabs(g.x[4] - 200) < 1e-9 && col(&g, 0) >= 20 - 1e-9 && col(&g, 0) < 60, "columns %g %g %g %g",
              col(&g, 0), col(&g, 1), col(&g, 2), col(&g, 3));
        widths[0] = 1;
        fixed[0] = 0;
    }
    /* minimums wider than the width: 0, columns in proportion to them */
    {
        double min[4] = {100, 100, 50, 50};
        CHECK(vb_table_share_min(a, &t, &g, min, 200) == 0, "does not fit");
        CHECK(fabs(col(&g, 0) - 200.0 / 3) < 1e-9 && fabs(col(&g, 2) - 100.0 / 3) < 1e-9, "columns %g %g %g %g",
              col(&g, 0), col(&g, 1), col(&g, 2), col(&g, 3));
    }
    vb_arena_free(a);
    return DONE();
}
