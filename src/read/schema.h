/* schema.h - the RELAX NG schema of the format (schema/vanban.rng), for
 * `vanban check --schema` and the tests. The reader's own checks (build.h)
 * are the rule when rendering; tests/unit/test_xml_read.c proves that the
 * two agree on every test input. */
#ifndef VB_SCHEMA_H
#define VB_SCHEMA_H

#include <libxml/tree.h>

#include "diag.h"
#include "err.h"
#include "source.h"

typedef struct vb_schema vb_schema;

/* Reads and compiles the schema at path. NULL on failure, with a message
 * in diag. Read-only afterwards: one schema may serve several threads. */
vb_schema *vb_schema_load(const char *path, vb_diag *diag);
void vb_schema_free(vb_schema *s);

/* Validates the tree parsed from src (parse.h). *valid gets the verdict;
 * each message goes to diag as "schema: …" at its element, unless the
 * reader has marked a problem there already (xml_node.h). VB_OK or
 * VB_ERR_NOMEM. */
vb_err vb_schema_validate(const vb_schema *s, xmlDoc *xd, const vb_source *src, vb_diag *diag, int *valid);

#endif
