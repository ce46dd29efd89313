/* schema.c - the RELAX NG schema (schema.h): loaded for `vanban check
 * --schema` and the tests, never on the render path, where the reader's own
 * checks are the rule. Its messages are shown only where the reader
 * reported nothing, since the reader's are the clearer ones. A compiled
 * schema is read-only: one serves any number of threads. */
#include "schema.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "xml_node.h"

struct vb_schema {
    xmlRelaxNGPtr rng;
};

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = 0;
}

typedef struct schema_state {
    const vb_source *src;
    vb_diag *diag;
    xmlDocPtr xd;
} schema_state;

/* Did the reader report something that covers node n? A report covers the
 * node, its subtree (SELF) or children (CONTENT) and its ancestors, and also
 * its siblings: when a content model fails, libxml2 names the first child of
 * the parent, not the one at fault. */
static int covered(const xmlNode *n)
{
    if (vb_xml_node_marks(n))
        return 1;
    const xmlNode *p = n->parent;
    if (p && p->type == XML_ELEMENT_NODE && (vb_xml_node_marks(p) & (VB_XML_MARK_CONTENT | VB_XML_MARK_BELOW)))
        return 1;
    for (; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (vb_xml_node_marks(p) & VB_XML_MARK_SELF)
            return 1;
    return 0;
}

static void on_schema_error(void *data, xmlErrorPtr e)
{
    schema_state *st = data;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    xmlNodePtr n = e->node;
    if (n && n->type == XML_ATTRIBUTE_NODE)
        n = n->parent;
    if (n && n->type != XML_ELEMENT_NODE && n->parent && n->parent->type == XML_ELEMENT_NODE)
        n = n->parent;
    if (!n || n->type != XML_ELEMENT_NODE)
        n = xmlDocGetRootElement(st->xd);
    if (!n || covered(n))
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "invalid");
    chomp(msg);
    int known = 0;
    size_t off = vb_xml_node_off(n, &known);
    vb_srcpos pos = known ? vb_source_pos(st->src, off) : (vb_srcpos){st->src->file, 0, 0};
    vb_diag_emit(st->diag, pos, VB_ERROR, "schema: %s", msg);
    /* One message per node; the "failed to validate content" lines that
     * libxml2 adds for each ancestor say nothing new. */
    vb_xml_mark(n, VB_XML_MARK_SELF);
}

typedef struct rng_load_state {
    const char *path;
    vb_diag *diag;
    int reported;
} rng_load_state;

static void on_rng_load_error(void *data, xmlErrorPtr e)
{
    rng_load_state *st = data;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "invalid");
    chomp(msg);
    vb_diag_emit(st->diag, (vb_srcpos){st->path, e->line > 0 ? (uint32_t)e->line : 0, 0}, VB_ERROR,
                 "schema: %s", msg);
    st->reported = 1;
}

/* The file's bytes, read here rather than through libxml2's loader: no URL
 * handling, and a clear message when the file is missing. Heap; NULL
 * (reported) on failure. */
static char *slurp(const char *path, size_t *len, vb_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the schema: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap);
    while (text) {
        n += fread(text + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *t = realloc(text, cap * 2);
        if (!t) {
            free(text);
            text = NULL;
            break;
        }
        text = t;
        cap *= 2;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!text || rerr || n > INT_MAX) {
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the schema");
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

vb_schema *vb_schema_load(const char *path, vb_diag *diag)
{
    size_t n = 0;
    xmlRelaxNGParserCtxtPtr pc = NULL;
    vb_schema *s = NULL;
    char *text = slurp(path, &n, diag);
    if (!text)
        goto fail;
    rng_load_state st = {path, diag, 0};
    pc = xmlRelaxNGNewMemParserCtxt(text, (int)n);
    s = calloc(1, sizeof *s);
    if (!pc || !s)
        goto fail;
    xmlRelaxNGSetParserStructuredErrors(pc, on_rng_load_error, &st);
    s->rng = xmlRelaxNGParse(pc);
    if (!s->rng) {
        if (!st.reported)
            vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "the schema is not valid RELAX NG");
        goto fail;
    }
    xmlRelaxNGFreeParserCtxt(pc);
    free(text);
    return s;

fail:
    xmlRelaxNGFreeParserCtxt(pc);
    free(text);
    vb_schema_free(s);
    return NULL;
}

void vb_schema_free(vb_schema *s)
{
    if (!s)
        return;
    if (s->rng)
        xmlRelaxNGFree(s->rng);
    free(s);
}

vb_err vb_schema_validate(const vb_schema *s, xmlDoc *xd, const vb_source *src, vb_diag *diag, int *valid)
{
    *valid = 0;
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(s->rng);
    if (!vc)
        return VB_ERR_NOMEM;
    schema_state st = {src, diag, xd};
    xmlRelaxNGSetValidStructuredErrors(vc, on_schema_error, &st);
    *valid = xmlRelaxNGValidateDoc(vc, xd) == 0;
    xmlRelaxNGFreeValidCtxt(vc);
    return VB_OK;
}
