/* parse.h - the reader's second step: the UTF-8 text (source.h) parsed by
 * libxml2 into a tree whose elements and texts know their offsets
 * (xml_node.h). No network access, no external entities, no DTD. */
#ifndef VB_PARSE_H
#define VB_PARSE_H

#include <libxml/tree.h>

#include "diag.h"
#include "err.h"
#include "source.h"
#include "vb_limits.h"

/* Above this many children of one element, libxml2's RELAX NG validator
 * takes quadratic time (mixed content): *crowded is then set, and the file
 * is not given to the schema. A real paragraph has a few dozen. */
#define VB_SCHEMA_MAX_CHILDREN 1000

/* Parses src->text into *out (the caller frees it with xmlFreeDoc), noting
 * the comments, processing instructions and CDATA sections in src. VB_OK,
 * VB_ERR_INPUT (the first well-formedness error or limit reported in diag,
 * *out NULL) or VB_ERR_NOMEM. */
vb_err vb_xml_parse(vb_source *src, const vb_limits *lim, vb_diag *diag, xmlDoc **out, int *crowded);

#endif
