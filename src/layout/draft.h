/* draft.h - marking a draft as a draft: "DỰ THẢO" (or "DỰ THẢO LẦN n") in a
 * single-line frame beside the number (ô 3), and a light diagonal
 * watermark on every page. Layout decides where both go; the writers draw
 * the items like any others (the watermark is a glyph run with an angle). */
#ifndef VB_DRAFT_H
#define VB_DRAFT_H

#include "arena.h"
#include "err.h"
#include "font.h"
#include "page.h"
#include "style.h"

/* Adds the marking to laid-out pages: the frame on the first page beside
 * the "so_ky_hieu" box (below it when the line has no room before the
 * place and date), recorded as the box "du_thao"; the watermark first on
 * every page, so that the text is drawn over it. round 0 writes
 * "DỰ THẢO", n > 0 "DỰ THẢO LẦN n". The label is also recorded as a
 * paragraph (vb_draft_label) and the records' index is built again.
 * Returns VB_OK or VB_ERR_NOMEM. */
/* The key of the label's paragraph record: vb_pages_para(P,
 * VB_ROLE_SO_KY_HIEU, &vb_draft_label) is the label with its frame (in
 * page 1's header block's coordinates), for a writer that sets it again
 * (the DOCX). */
extern const char vb_draft_label;

vb_err vb_layout_mark_draft(vb_pages *pages, const vb_style *st, const vb_fontset *fs, int round, vb_arena *a);

#endif
