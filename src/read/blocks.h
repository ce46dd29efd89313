/* blocks.h - the body as a flat list of styled text blocks.
 *
 * Both backends print the content from this list, so a PDF and a DOCX of
 * the same input carry the same words: which role (style) each block takes,
 * the derived labels (“Phần I”, “I.”, “1.”, “a)”, “-”), the preamble of
 * a quyết định or nghị quyết (authority line, “Căn cứ …;”, “Theo đề nghị
 * của …”, “QUYẾT ĐỊNH:”) and the end mark “./.” are decided here once. A
 * table is one block (role VB_ROLE_BANG, node->table) that the backend
 * lays out itself. */
#ifndef VB_BLOCKS_H
#define VB_BLOCKS_H

#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "style.h"

typedef struct vb_tblock {
    vb_role role;
    const vb_node *node; /* the node it prints */
    const char *label;   /* printed before the text with one space between, or NULL */
    vb_inline text;      /* the words (the end mark included where it goes) */
    vb_srcpos pos;
} vb_tblock;

/* The body of doc as blocks in reading order, in the arena. Returns the
 * count; *out is NULL for an empty body. (size_t)-1 when out of memory. */
size_t vb_body_blocks(vb_arena *a, const vb_doc *doc, vb_tblock **out);

/* The blocks of any container (a table cell, an appendix's content): no
 * preamble, no end mark. Same returns as vb_body_blocks. */
size_t vb_node_blocks(vb_arena *a, const vb_node *container, vb_tblock **out);

#endif
