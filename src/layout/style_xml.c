/* style_xml.c - a layout file as a flat list of elements with positions
 * (style_xml.h): libxml2's SAX2 interface, no network, no DTD loading, no
 * entity substitution. */
#include "style_xml.h"
#include "i18n.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h> /* xmlCreateMemoryParserCtxt */
#include <string.h>

static size_t bom_len(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Line and column (in code points, from 1) of byte offset off. Tags come in
 * file order, so the cursor only moves forward in practice. */
static vb_srcpos pos_at(xdoc *x, size_t off)
{
    if (off < x->cur_off) {
        x->cur_off = bom_len(x->data, x->len);
        x->cur_line = 1;
        x->cur_col = 1;
    }
    for (size_t i = x->cur_off; i < off; i++) {
        unsigned char c = (unsigned char)x->data[i];
        if (c == '\n') {
            x->cur_line++;
            x->cur_col = 1;
        } else if ((c & 0xC0) != 0x80) {
            x->cur_col++;
        }
    }
    x->cur_off = off;
    return (vb_srcpos){x->file, x->cur_line, x->cur_col};
}

/* Where the markup that libxml2 is reading began. In a start-tag callback
 * the parser stands at the end of the tag, and '<' cannot occur inside a
 * tag (not even in attribute values), so the last '<' before it is the start.
 * `what` is checked right after the '<'; when anything does not fit (an
 * encoding other than UTF-8, say), libxml2's own position is used. */
static vb_srcpos markup_pos(xdoc *x, const char *what)
{
    long end = xmlByteConsumed(x->ctxt);
    if (end > 0 && (size_t)end <= x->len) {
        size_t i = (size_t)end;
        size_t wl = strlen(what);
        while (i > 0) {
            if (x->data[--i] != '<')
                continue;
            if (x->len - i - 1 >= wl && memcmp(x->data + i + 1, what, wl) == 0)
                return pos_at(x, i);
            break;
        }
    }
    int line = xmlSAX2GetLineNumber(x->ctxt), col = xmlSAX2GetColumnNumber(x->ctxt);
    return (vb_srcpos){x->file, line > 0 ? (uint32_t)line : 0, col > 0 ? (uint32_t)col : 0};
}

static char *qname(vb_arena *a, const xmlChar *prefix, const xmlChar *local)
{
    if (prefix)
        return vb_arena_printf(a, "%s:%s", (const char *)prefix, (const char *)local);
    return vb_arena_strdup(a, (const char *)local);
}

/* Without entity substitution, libxml2's SAX2 hands over a '&' in an
 * attribute value (written &amp; or &#38;) as the text "&#38;". */
static char *attr_value(vb_arena *a, const xmlChar *start, const xmlChar *end)
{
    size_t n = (size_t)(end - start);
    char *out = vb_arena_strndup(a, (const char *)start, n);
    if (!out)
        return NULL;
    char *w = out;
    for (const char *r = out; *r;) {
        if (strncmp(r, "&#38;", 5) == 0) {
            *w++ = '&';
            r += 5;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return out;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
    xdoc *x = ctx;
    int depth = x->depth++;
    if (x->nomem || x->too_many)
        return;
    if (x->n >= VB_STYLE_MAX_ELEMENTS) {
        x->too_many = 1;
        vb_diag_emit(x->diag, markup_pos(x, ""), VB_ERROR,
                     "more than %d elements; a layout file needs about 35", VB_STYLE_MAX_ELEMENTS);
        return;
    }
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        xelem *v = vb_arena_grow(x->arena, x->v, x->n, cap, sizeof *v);
        if (!v)
            goto nomem;
        x->v = v;
        x->cap = cap;
    }
    xelem *e = &x->v[x->n];
    memset(e, 0, sizeof *e);
    e->name = qname(x->arena, prefix, localname);
    e->uri = uri ? vb_arena_strdup(x->arena, (const char *)uri) : NULL;
    if (!e->name || (uri && !e->uri))
        goto nomem;
    e->depth = depth;
    e->pos = markup_pos(x, e->name);
    if (nb_attributes > 0) {
        e->attrs = vb_arena_calloc(x->arena, (size_t)nb_attributes, sizeof *e->attrs);
        if (!e->attrs)
            goto nomem;
        for (int i = 0; i < nb_attributes; i++) {
            const xmlChar **a = attributes + 5 * i; /* local, prefix, URI, value, end */
            e->attrs[i].name = qname(x->arena, a[1], a[0]);
            e->attrs[i].value = attr_value(x->arena, a[3], a[4]);
            if (!e->attrs[i].name || !e->attrs[i].value)
                goto nomem;
        }
        e->nattrs = (size_t)nb_attributes;
    }
    x->n++;
    return;
nomem:
    x->nomem = 1;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    xdoc *x = ctx;
    x->depth--;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    xdoc *x = ctx;
    vb_diag_emit(x->diag, markup_pos(x, "!DOCTYPE"), VB_ERROR,
                 "a layout file takes no <!DOCTYPE>; remove it");
    /* Stop before the internal subset: no entity is ever declared, so none
     * is expanded or fetched, and no message follows about the ones used. */
    x->xml_errors++;
    if (x->ctxt)
        xmlStopParser(x->ctxt);
}

static void on_xml_error(void *ctx, xmlErrorPtr err)
{
    xdoc *x = ctx;
    if (!err || !err->message)
        return;
    vb_severity sev = err->level == XML_ERR_WARNING ? VB_WARNING : VB_ERROR;
    /* After the first well-formedness error libxml2 goes on guessing
     * ("attributes construct error", "Couldn't find end of Start Tag …"):
     * what follows it says nothing new, so only the first is shown. */
    if (sev == VB_ERROR && x->xml_errors++ > 0)
        return;
    /* libxml2's messages end in a newline, and a few have one inside. */
    char msg[512];
    snprintf(msg, sizeof msg, "%s", err->message);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' '))
        msg[--n] = 0;
    for (size_t i = 0; i < n; i++)
        if (msg[i] == '\n' || msg[i] == '\r')
            msg[i] = ' ';
    vb_srcpos pos = {x->file, err->line > 0 ? (uint32_t)err->line : 0, err->int2 > 0 ? (uint32_t)err->int2 : 0};
    vb_diag_emit(x->diag, pos, sev, "%s%s", sev == VB_ERROR ? _("malformed XML: ") : "", msg);
}

int vb_style_xml_collect(xdoc *x)
{
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.internalSubset = on_doctype;
    sax.serror = on_xml_error;

    x->cur_off = bom_len(x->data, x->len);
    x->cur_line = 1;
    x->cur_col = 1;

    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(x->data, (int)x->len);
    if (!ctxt)
        goto nomem;
    /* The context frees its handler, so it gets a heap copy of ours. */
    xmlSAXHandlerPtr h = xmlMalloc(sizeof *h);
    if (!h) {
        xmlFreeParserCtxt(ctxt);
        goto nomem;
    }
    memcpy(h, &sax, sizeof sax);
    if (ctxt->sax != (xmlSAXHandlerPtr)&xmlDefaultSAXHandler)
        xmlFree(ctxt->sax);
    ctxt->sax = h;
    ctxt->userData = x;
    /* No network, no DTD loading, no entity substitution (none of
     * XML_PARSE_DTDLOAD, XML_PARSE_NOENT). */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    x->ctxt = ctxt;
    xmlParseDocument(ctxt);
    int well_formed = ctxt->wellFormed;
    x->ctxt = NULL;
    /* Without a startDocument handler libxml2 still makes a document of its
     * own when an entity is declared in an internal subset; it is ours to
     * free. */
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    if (!well_formed && !x->xml_errors) {
        vb_diag_emit(x->diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "not well-formed XML");
        x->xml_errors++;
    }
    if (x->nomem)
        goto nomem;
    return x->xml_errors ? -1 : 0;
nomem:
    vb_diag_emit(x->diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "out of memory while reading the layout file");
    return -1;
}
