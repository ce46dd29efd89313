/* style_xml.h - a layout file as a flat list of elements, each with the
 * line and column of its '<' (libxml2's SAX2 interface), for style.c. */
#ifndef VB_STYLE_XML_H
#define VB_STYLE_XML_H

#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

#define VB_STYLE_MAX_ELEMENTS 10000 /* a layout file has a few hundred */

typedef struct xattr {
    const char *name; /* prefix:local when prefixed */
    const char *value;
} xattr;

typedef struct xelem {
    const char *name; /* prefix:local when prefixed */
    const char *uri;  /* namespace, or NULL */
    int depth;        /* 0 for the root */
    vb_srcpos pos;    /* the '<' of the start tag */
    xattr *attrs;
    size_t nattrs;
} xelem;

typedef struct xdoc {
    vb_arena *arena;
    xelem *v;
    size_t n, cap;
    int depth;
    int xml_errors; /* well-formedness errors */
    int nomem, too_many;
    const char *data;
    size_t len;
    const char *file;
    vb_diag *diag;
    xmlParserCtxtPtr ctxt;
    size_t cur_off; /* position cursor: data[cur_off] is at cur_line:cur_col */
    uint32_t cur_line, cur_col;
} xdoc;

/* Parses x->data (x->len bytes, named x->file) into x->v, reporting every
 * problem to x->diag. Returns 0 when the XML is well-formed. */
int vb_style_xml_collect(xdoc *x);

#endif
