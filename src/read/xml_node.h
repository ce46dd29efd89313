/* xml_node.h - what the reader's steps (parse.c, build*.c, schema.c) note
 * on libxml2's nodes. Not part of the library's API.
 *
 * While libxml2 parses, parse.c stores in each element's and text node's
 * _private the byte offset where it starts in the UTF-8 text (the '<' of a
 * start tag, the first byte of a text), plus a few marks saying that the
 * reader reported a problem there. Offsets become line:column through the
 * source (source.h). */
#ifndef VB_XML_NODE_H
#define VB_XML_NODE_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

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
static inline void vb_xml_mark(xmlNode *n, unsigned m)
{
    n->_private = (void *)((uintptr_t)n->_private | m);
    for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        p->_private = (void *)((uintptr_t)p->_private | VB_XML_MARK_BELOW);
}

#endif
