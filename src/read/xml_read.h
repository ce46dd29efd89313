/* xml_read.h - reads the input format (docs/format.md) into the model.
 *
 * The reader checks well-formedness, the schema (schema/vanban.rng, with
 * libxml2's RELAX NG validator) and the rules a schema cannot state (dates
 * that exist, numbers, required parts), and reports every problem found in
 * compiler form, file:line:col, rather than stopping at the first. */
#ifndef VB_XML_READ_H
#define VB_XML_READ_H

#include <stddef.h>

#include "diag.h"
#include "err.h"
#include "vb_limits.h"
#include "model.h"

typedef struct vb_reader vb_reader;

/* A reader that validates against the RELAX NG schema at schema_path (NULL:
 * no schema check, the reader's own checks still run). The compiled schema is
 * read-only afterwards: one reader may serve several threads. NULL on failure,
 * with a message in diag. */
vb_reader *vb_reader_new(const char *schema_path, const vb_limits *limits, vb_diag *diag);
void vb_reader_free(vb_reader *r);

/* Parses data[0..len) (UTF-8 or any encoding the XML declaration names, a
 * byte-order mark included) into a new document. `name` is the file name used
 * in diagnostics. Returns VB_OK and sets *out, or VB_ERR_INPUT (diagnostics in
 * diag, *out NULL), or another error. No network access, no external entities,
 * no DTD. The caller frees *out with vb_doc_free. */
vb_err vb_doc_read(vb_reader *r, const char *data, size_t len, const char *name, vb_doc **out,
                   vb_diag *diag);

/* A pass over the parsed tree before it is checked and built: batch
 * templates fill their placeholders here, on the parsed document, never on
 * the text. fn may change the libxml2 tree; the nodes it keeps keep their
 * offsets (xml_node.h) in the template's source (source.h). An error
 * reported into diag, or a return other than VB_OK, stops the read. */
struct _xmlDoc;
struct vb_source;
typedef struct vb_tree_hook {
    vb_err (*fn)(void *ctx, struct _xmlDoc *xd, const struct vb_source *src, vb_diag *diag);
    void *ctx;
} vb_tree_hook;

/* vb_doc_read with a tree hook (NULL: none). */
vb_err vb_doc_read_with(vb_reader *r, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                        vb_doc **out, vb_diag *diag);

#endif
