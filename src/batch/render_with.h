/* render_with.h - vb_render with a pass over the parsed tree, for
 * `vanban batch` (defined in vanban.c beside vb_render; not part of the
 * installed API in vanban.h, since the hook works on libxml2's tree).
 *
 * The hook (xml_read.h) runs after parsing, before the tree is read into the
 * model: the batch fills a template's placeholders there (fill.h). *pages,
 * when not NULL, gets the number of pages laid out (a DOCX is laid out too,
 * though Word paginates it itself). Otherwise exactly vb_render: thread-safe
 * on one engine. */
#ifndef VB_RENDER_WITH_H
#define VB_RENDER_WITH_H

#include "vanban.h"
#include "xml_read.h"

vb_err vb_render_with(vb_engine *e, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                      vb_format fmt, vb_buf *out, int *pages, vb_diag *diag);

#endif
