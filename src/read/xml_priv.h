/* xml_priv.h - what xml_read.c (bytes, encoding, parsing, schema) and
 * xml_build.c (checks and the model) share. Not part of the library's API.
 *
 * Positions: while libxml2 parses, xml_read.c stores in each element's and
 * text node's _private the byte offset where it starts in the UTF-8 text (the
 * '<' of a start tag, the first byte of a text), plus a few marks saying that
 * the reader reported a problem there. Offsets become line:column through the
 * line index of vb_xml_src, columns counting code points. */
#ifndef VB_XML_PRIV_H
#define VB_XML_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "diag.h"
#include "err.h"
#include "model.h"

/* The input as UTF-8 and where its lines start. */
typedef struct vb_xml_src {
    const char *text;
    size_t len;
    size_t *line_start; /* heap; line_start[0] == 0 */
    size_t n_lines;
    size_t *chars;      /* heap; chars[i]: code points in text[0 .. i * VB_XML_BLOCK) */
    const char *file;   /* name used in diagnostics (the caller's string) */
} vb_xml_src;

/* Columns are counted from the nearest block boundary, so a position on a
 * line megabytes long costs no more than one on a short line. */
#define VB_XML_BLOCK 4096

/* The position of byte offset off, with file set to src->file. */
vb_srcpos vb_xml_pos(const vb_xml_src *src, size_t off);

/* Marks the reader leaves on nodes, so that the schema's messages are shown
 * only where the reader said nothing:
 *   SELF     a problem with the element itself (name, place, attributes,
 *            text); covers its whole subtree;
 *   CONTENT  a problem with its list of children (one missing, text where
 *            none may be); covers the element and its children;
 *   BELOW    some descendant carries a mark (covers the element and, since
 *            libxml2 blames the first child of a failed content model, the
 *            element's children). */
enum { VB_XML_MARK_SELF = 1u, VB_XML_MARK_CONTENT = 2u, VB_XML_MARK_BELOW = 4u };
#define VB_XML_MARK_BITS 3

/* Offset of a node (0 and *known == 0 when the parser did not record it). */
static inline size_t vb_xml_node_off(const xmlNode *n, int *known)
{
    uintptr_t v = (uintptr_t)n->_private >> VB_XML_MARK_BITS;
    if (known)
        *known = v != 0;
    return v ? (size_t)(v - 1) : 0;
}

static inline unsigned vb_xml_node_marks(const xmlNode *n)
{
    return (unsigned)((uintptr_t)n->_private & ((1u << VB_XML_MARK_BITS) - 1));
}

static inline void vb_xml_node_set_off(xmlNode *n, size_t off)
{
    n->_private = (void *)((((uintptr_t)off + 1) << VB_XML_MARK_BITS) | vb_xml_node_marks(n));
}

/* Puts mark m on n and BELOW on its ancestors. */
void vb_xml_mark(xmlNode *n, unsigned m);

/* Checks the tree against the format and fills doc. Every problem goes to
 * diag. Returns VB_OK (check vb_diag_errors for input problems) or
 * VB_ERR_NOMEM. */
vb_err vb_xml_build(xmlDoc *xd, const vb_xml_src *src, vb_doc *doc, vb_diag *diag);

#endif
