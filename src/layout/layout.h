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
#include "style.h"
#include "vb_limits.h"

/* Lays the document out. The pages live in `arena` (normally doc->arena).
 * Problems the input causes (a word wider than its column, say) go to diag
 * as warnings; failures return an error code. */
vb_err vb_layout(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, const vb_limits *lim,
                 vb_arena *arena, vb_pages **out, vb_diag *diag);

/* The decisions vb_layout makes on the widths of the document's tables
 * (table_fit.c: a smaller size, a landscape page of their own, words
 * broken), with the same diagnostics at the same places, without laying
 * the document out: `vanban check` says what render would. Scratch in
 * arena. Returns VB_ERR_NOMEM on failure. */
vb_err vb_layout_check_tables(const vb_doc *doc, const vb_style *st, const vb_fontset *fs, const vb_limits *lim,
                              vb_arena *arena, vb_diag *diag);

#endif
