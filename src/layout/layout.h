/* layout.h - from the model to pages: shaping, line breaking, pagination.
 *
 * vb_layout() reads the document model, the layout data and the fonts (all
 * read-only) and builds vb_pages in the given arena. */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include "arena.h"
#include "diag.h"
#include "err.h"
#include "font.h"
#include "model.h"
#include "page.h"
#include "shape.h"
#include "style.h"
#include "vb_limits.h"

/* Lays the document out. The pages live in `arena` (normally doc->arena).
 * The shaper comes from `shapers` (made for fs) and goes back to it, so the
 * words earlier documents shaped are not shaped again; NULL: a shaper of
 * its own. Problems the input causes (a word wider than its column, say) go
 * to diag as warnings; failures return an error code. */
vb_err vb_layout(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, vb_shaper_pool *shapers,
                 const vb_limits *lim, vb_arena *arena, vb_pages **out, vb_diag *diag);

#endif
