/* xml_read.c - the reader (xml_read.h): its steps, each reporting into the
 * diagnostics sink:
 *   1. decode.c: the bytes turned into UTF-8 and checked;
 *   2. parse.c: libxml2 parses the text into a tree that knows where each
 *      node starts; a caller's hook may then change the tree (batch
 *      templates, vb_doc_read_with);
 *   3. build*.c: the tree checked against the format and the model built;
 *   4. schema.c, only for a reader made with a schema (`vanban check
 *      --schema`, the tests): the RELAX NG schema checks the tree too.
 * The model keeps the UTF-8 text and its line index (vb_doc->src) for the
 * linter. A reader is read-only after vb_reader_new, so one serves any
 * number of threads; everything else belongs to one call. */
#include "xml_read.h"

#include <limits.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "build.h"
#include "decode.h"
#include "parse.h"
#include "schema.h"
#include "source.h"
#include "i18n.h"

struct vb_reader {
    vb_schema *schema; /* NULL: the reader's own checks only */
    vb_limits lim;
};

vb_reader *vb_reader_new(const char *schema_path, const vb_limits *limits, vb_diag *diag)
{
    static const vb_limits defaults = VB_LIMITS_DEFAULT;
    xmlInitParser();
    vb_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->lim = limits ? *limits : defaults;
    if (schema_path && !(r->schema = vb_schema_load(schema_path, diag))) {
        free(r);
        return NULL;
    }
    return r;
}

void vb_reader_free(vb_reader *r)
{
    if (!r)
        return;
    vb_schema_free(r->schema);
    free(r);
}

/* Step 1: the limit on the input's size, then its text as UTF-8 in src. */
static vb_err read_text(const vb_reader *r, const char *data, size_t len, const char *file, vb_source *src,
                        vb_diag *diag)
{
    vb_decoded dec = {0};
    if (len > r->lim.max_input_bytes) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR, "input is %zu bytes; the limit is %zu (--max-input)", len,
                     r->lim.max_input_bytes);
        return VB_ERR_INPUT;
    }
    vb_err rc = vb_decode(data, len, file, diag, &dec);
    if (rc)
        return rc;
    if (dec.len == 0 || dec.len > INT_MAX) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR,
                     dec.len ? N_("input is larger than 2 GiB") : N_("the input is empty: expected <van_ban>"));
        free(dec.text);
        return VB_ERR_INPUT;
    }
    return vb_source_init(src, file, dec.text, dec.len, dec.unicode) ? VB_OK : VB_ERR_NOMEM;
}

vb_err vb_doc_read(vb_reader *r, const char *data, size_t len, const char *name, vb_doc **out, vb_diag *diag)
{
    return vb_doc_read_with(r, data, len, name, NULL, out, diag);
}

vb_err vb_doc_read_with(vb_reader *r, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                        vb_doc **out, vb_diag *diag)
{
    const char *file = name ? name : "<input>";
    size_t errors_before = vb_diag_errors(diag);
    xmlDocPtr xd = NULL;
    vb_doc *doc = NULL;
    int crowded = 0;

    *out = NULL;
    doc = vb_doc_new(file);
    if (!doc)
        return VB_ERR_NOMEM;
    vb_err rc = read_text(r, data, len, doc->file, doc->src, diag);
    if (!rc)
        rc = vb_xml_parse(doc->src, &r->lim, diag, &xd, &crowded);
    if (!rc && hook && !(rc = hook->fn(hook->ctx, xd, doc->src, diag)) && vb_diag_errors(diag) > errors_before)
        rc = VB_ERR_INPUT;
    if (!rc)
        rc = vb_xml_build(xd, doc, diag);
    if (!rc && r->schema && !crowded) {
        int valid = 0;
        rc = vb_schema_validate(r->schema, xd, doc->src, diag, &valid);
        if (!rc && !valid && vb_diag_errors(diag) == errors_before)
            vb_diag_emit(diag, vb_source_pos(doc->src, 0), VB_ERROR, "schema: the document is not valid");
    }
    if (!rc && vb_diag_errors(diag) > errors_before)
        rc = VB_ERR_INPUT;
    xmlFreeDoc(xd);
    if (rc) {
        vb_doc_free(doc);
        return rc;
    }
    *out = doc;
    return VB_OK;
}
