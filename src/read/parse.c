/* parse.c - the reader's second step (parse.h): libxml2 parses the UTF-8
 * text into a tree. A SAX2 handler wraps the default tree builder to record
 * where every element and text starts (as byte offsets: libxml2's line
 * numbers are 16-bit in the tree, and columns are computed here in
 * characters), refuses any DOCTYPE before its subset is read, leaves
 * comments out of the tree (noting where they are in the source, for the
 * linter), and enforces the depth and node limits. libxml2's
 * well-formedness errors are reworded for people who edit the file by hand. */
#include "parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "xml_node.h"
#include "i18n.h"

/* No network, no DTD loading, no entity substitution. The declared encoding
 * is ignored because the input is UTF-8 by now (decode.h). */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

static int is_xml_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- step 1b: a guard for libxml2 ---------------------------------------------------- */

/* libxml2 2.9 spends time quadratic in the number of attributes of one start
 * tag (its duplicate check, and the tree builder appending each attribute at
 * the end of a list): 200,000 attributes, 2 MB of input, take minutes. The
 * format has at most five attributes on an element, so a start tag with more
 * than MAX_ATTRS is refused here, in one linear pass, before libxml2 reads
 * anything. */
#define MAX_ATTRS 64

static const char *find(const char *p, const char *end, const char *s, size_t n)
{
    while (p && end - p >= (ptrdiff_t)n) {
        p = memchr(p, s[0], (size_t)(end - p) - n + 1);
        if (!p || memcmp(p, s, n) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* 0 when a tag has too many attributes (reported). Anything malformed is
 * left to libxml2, which reports it better. */
static int check_attr_counts(const vb_source *s, vb_diag *d)
{
    const char *t = s->text, *end = t + s->len, *p = t;
    while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        size_t left = (size_t)(end - p);
        const char *skip_to = NULL, *term = NULL;
        if (left >= 4 && memcmp(p, "<!--", 4) == 0)
            skip_to = p + 4, term = "-->";
        else if (left >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
            skip_to = p + 9, term = "]]>";
        else if (left >= 2 && p[1] == '?')
            skip_to = p + 2, term = "?>";
        else if (left >= 2 && p[1] == '!')
            return 1; /* a DOCTYPE: the parser refuses it */
        if (term) {
            if (!(p = find(skip_to, end, term, strlen(term))))
                return 1;
            p += strlen(term);
            continue;
        }
        const char *lt = p++;
        size_t n = 0;
        while (p < end && *p != '>' && *p != '<') {
            if (*p == '"' || *p == '\'') {
                const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
                if (!q)
                    return 1;
                p = q + 1;
                continue;
            }
            n += *p++ == '=';
        }
        if (n > MAX_ATTRS) {
            size_t k = 1;
            while (lt + k < end && k < 61 && !is_xml_ws(lt[k]) && lt[k] != '/' && lt[k] != '>')
                k++;
            vb_diag_emit(d, vb_source_pos(s, (size_t)(lt - t)), VB_ERROR,
                         "<%.*s> has more than %d attributes; the format has at most five on an element", (int)(k - 1),
                         lt + 1, MAX_ATTRS);
            return 0;
        }
    }
    return 1;
}

/* ---- step 2: parsing with positions ------------------------------------------------- */

/* libxml2's RELAX NG validator takes time quadratic in the number of children
 * of an element whose content it cannot compile into an automaton (mixed
 * content): 20,000 <b> in one paragraph take a second, 190,000 a minute and
 * a half. The reader's own checks reject everything the schema rejects, so a
 * file with an element of more than VB_SCHEMA_MAX_CHILDREN children is not
 * given to the validator. */

typedef struct parse_state {
    vb_source *src;
    vb_diag *diag;
    const vb_limits *lim;
    size_t last_mark; /* where the last markup ended: a new text node starts here */
    int depth;
    size_t nodes;       /* elements and text nodes, for --max-nodes */
    unsigned *children; /* children[d]: children so far of the open element at depth d */
    int crowded;        /* some element has more than VB_SCHEMA_MAX_CHILDREN children */
    int failed;         /* the tree is unusable; later parser messages are consequences */
    int nomem;
} parse_state;

static size_t cur_off(xmlParserCtxtPtr c, const vb_source *src)
{
    if (!c->input || !c->input->cur || !c->input->base || c->inputNr > 1)
        return src->len;
    size_t off = (size_t)c->input->consumed + (size_t)(c->input->cur - c->input->base);
    return off > src->len ? src->len : off;
}

/* Offset of the last `ch` before off (a '<' cannot occur inside a tag, nor a
 * '&' inside a reference); off itself when there is none. */
static size_t back_to(const vb_source *s, size_t off, char ch)
{
    for (size_t i = off < s->len ? off : s->len; i-- > 0;)
        if (s->text[i] == ch)
            return i;
    return off;
}

static void fail_at(parse_state *ps, xmlParserCtxtPtr c, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail_at(parse_state *ps, xmlParserCtxtPtr c, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vb_diag_vemit(ps->diag, vb_source_pos(ps->src, off), VB_ERROR, fmt, ap);
    va_end(ap);
    ps->failed = 1;
    xmlStopParser(c);
}

/* Counts a new node (element or text) under the open element at the current
 * depth; 0 when that is one too many. */
static int count_node(parse_state *ps)
{
    if (ps->children[ps->depth]++ == VB_SCHEMA_MAX_CHILDREN)
        ps->crowded = 1;
    return ++ps->nodes <= ps->lim->max_nodes;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attr, int nb_def, const xmlChar **attrs)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    size_t end = cur_off(c, ps->src), lt = back_to(ps->src, end, '<');
    if (ps->depth + 1 > ps->lim->max_depth) {
        fail_at(ps, c, lt, "elements are nested more than %d deep (--max-depth)", ps->lim->max_depth);
        return;
    }
    if (!count_node(ps)) {
        fail_at(ps, c, lt, "the document has more than %zu elements and pieces of text (--max-nodes)",
                ps->lim->max_nodes);
        return;
    }
    ps->children[++ps->depth] = 0;
    xmlNodePtr before = c->node;
    xmlSAX2StartElementNs(ctx, local, prefix, uri, nb_ns, ns, nb_attr, nb_def, attrs);
    if (c->node && c->node != before)
        vb_xml_node_set_off(c->node, lt);
    size_t gt = end;
    while (gt < ps->src->len && ps->src->text[gt] != '>')
        gt++;
    ps->last_mark = gt < ps->src->len ? gt + 1 : end;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    ps->depth--;
    xmlSAX2EndElementNs(ctx, local, prefix, uri);
    ps->last_mark = cur_off(c, ps->src);
}

/* A text or CDATA node just added under parent gets its offset and is counted. */
static void new_text(parse_state *ps, xmlParserCtxtPtr c, xmlNodePtr parent, xmlNodePtr before)
{
    if (!parent || !parent->last || parent->last == before)
        return; /* appended to the text node before it */
    vb_xml_node_set_off(parent->last, ps->last_mark);
    if (!count_node(ps))
        fail_at(ps, c, ps->last_mark, "the document has more than %zu elements and pieces of text (--max-nodes)",
                ps->lim->max_nodes);
}

/* A comment, processing instruction or CDATA section has just been read:
 * it starts at the first `open` since the last markup (text holds no '<'),
 * passing over the XML declaration, and ends here. The source keeps it for
 * the linter, which looks at the bytes of text only. */
static void note_mark(parse_state *ps, xmlParserCtxtPtr c, const char *open, int cdata)
{
    const vb_source *s = ps->src;
    size_t end = cur_off(c, s), at = ps->last_mark, k = strlen(open);
    for (;; at++) {
        const char *p = at < end ? memchr(s->text + at, '<', end - at) : NULL;
        if (!p) {
            at = end;
            break;
        }
        at = (size_t)(p - s->text);
        if (at + k <= end && memcmp(p, open, k) == 0 &&
            !(at == 0 && end >= 6 && memcmp(p, "<?xml", 5) == 0 && is_xml_ws(p[5])))
            break;
    }
    if (!vb_source_add_mark(ps->src, at, end, cdata))
        ps->nomem = 1;
    ps->last_mark = end;
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    xmlNodePtr parent = c->node, before = parent ? parent->last : NULL;
    xmlSAX2Characters(ctx, ch, len);
    new_text(ps, c, parent, before);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    xmlNodePtr parent = c->node, before = parent ? parent->last : NULL;
    xmlSAX2CDataBlock(ctx, ch, len);
    new_text(ps, c, parent, before);
    note_mark(ps, c, "<![CDATA[", 1);
}

/* Comments and processing instructions mean nothing to the format: they are
 * not put in the tree, so text on both sides of one joins into one node. */
static void on_comment(void *ctx, const xmlChar *value)
{
    xmlParserCtxtPtr c = ctx;
    note_mark(c->_private, c, "<!--", 0);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    xmlParserCtxtPtr c = ctx;
    note_mark(c->_private, c, "<?", 0);
}

/* Called once the DOCTYPE's name and external id are read, before its
 * internal subset: stopping here means no entity is ever declared, so none
 * can be expanded (billion laughs) or fetched (SYSTEM "file:///etc/passwd"). */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id, const xmlChar *sys_id)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    size_t end = cur_off(c, ps->src), at = end;
    for (size_t i = end + 1; i-- > 0;) {
        if (i + 9 <= ps->src->len && memcmp(ps->src->text + i, "<!DOCTYPE", 9) == 0) {
            at = i;
            break;
        }
    }
    fail_at(ps, c, at, "a document type declaration (<!DOCTYPE …>) is not allowed");
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    return xmlGetPredefinedEntity(name);
}

static xmlParserInputPtr on_resolve(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
    return NULL;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = 0;
}

/* libxml2's well-formedness errors, reworded for people who edit the file
 * by hand; the rest keep libxml2's text. Only the first is reported: the
 * parser stops there, and what it says afterwards follows from it. */
static void on_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr c = e && e->ctxt ? e->ctxt : data;
    if (!c || !e)
        return;
    parse_state *ps = c->_private;
    if (!ps)
        return;
    if (e->code == XML_ERR_NO_MEMORY) {
        ps->nomem = 1;
        return;
    }
    /* Namespace errors leave a usable tree: build.c reports the names. */
    if (e->level < XML_ERR_ERROR || e->domain == XML_FROM_NAMESPACE || ps->failed)
        return;
    ps->failed = 1;
    const vb_source *s = ps->src;
    size_t off = cur_off(c, s);
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : _("syntax error"));
    chomp(msg);
    const char *s1 = e->str1 ? e->str1 : "";
    vb_diag *d = ps->diag;
    switch (e->code) {
    case XML_ERR_TAG_NAME_MISMATCH:
        vb_diag_emit(d, vb_source_pos(s, back_to(s, off, '<')), VB_ERROR,
                     "end tag </%s> does not match <%s> (line %d), which is still open", e->str2 ? e->str2 : "", s1,
                     e->int1);
        return;
    case XML_ERR_TAG_NOT_FINISHED: {
        int known = 0;
        size_t at = c->node ? vb_xml_node_off(c->node, &known) : 0;
        vb_diag_emit(d, vb_source_pos(s, known ? at : off), VB_ERROR, "<%s> is not closed: the input ends before </%s>",
                     s1, s1);
        return;
    }
    case XML_ERR_DOCUMENT_END:
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR,
                     "content after the end of the root element: a document has one root element");
        return;
    case XML_ERR_DOCUMENT_EMPTY:
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR,
                     off < s->len ? N_("the input is not XML: expected <van_ban>")
                                  : N_("the input is empty: expected <van_ban>"));
        return;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        vb_diag_emit(d, vb_source_pos(s, back_to(s, off, '&')), VB_ERROR,
                     "unknown entity '&%s;': type the character itself, or write &amp; &lt; &gt; "
                     "&quot; &apos; or a character reference such as &#7899;",
                     s1);
        return;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
        if (strstr(msg, "EntityRef")) {
            vb_diag_emit(d, vb_source_pos(s, back_to(s, off, '&')), VB_ERROR, "a '&' must be written &amp;");
            return;
        }
        break;
    case XML_ERR_LT_IN_ATTRIBUTE:
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR, "a '<' in an attribute value must be written &lt;");
        return;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR, "an attribute value must be in quotes: name=\"value\"");
        return;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: {
        size_t at = off;
        while (at > 0 && !is_xml_ws(s->text[at - 1]) && s->text[at - 1] != '<')
            at--;
        vb_diag_emit(d, vb_source_pos(s, at), VB_ERROR, "attribute '%s' has no value: write %s=\"…\"", s1, s1);
        return;
    }
    case XML_ERR_ATTRIBUTE_REDEFINED:
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR, "attribute '%s' is given twice", s1);
        return;
    case XML_ERR_GT_REQUIRED:
        if (!*s1 && c->node) { /* an end tag: libxml2 names nothing, the element is still open */
            vb_diag_emit(d, vb_source_pos(s, back_to(s, off, '<')), VB_ERROR,
                         "the end tag </%s> is not closed with '>'", (const char *)c->node->name);
            return;
        }
        vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR, "the start tag <%s> is not closed with '>'", s1);
        return;
    case XML_ERR_INVALID_CHAR:
        if (strstr(msg, "CharRef")) {
            vb_diag_emit(d, vb_source_pos(s, back_to(s, off, '&')), VB_ERROR,
                         "character reference to U+%04X, which XML does not allow", (unsigned)e->int1);
            return;
        }
        break;
    default:
        break;
    }
    vb_diag_emit(d, vb_source_pos(s, off), VB_ERROR, "malformed XML: %s", msg);
}

static void setup_sax(xmlSAXHandler *sax)
{
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_chars;
    sax->ignorableWhitespace = on_chars; /* the same function: libxml2 then keeps all text */
    sax->cdataBlock = on_cdata;
    sax->comment = on_comment;
    sax->processingInstruction = on_pi;
    sax->internalSubset = on_doctype;
    sax->externalSubset = NULL;
    sax->getEntity = on_get_entity;
    sax->getParameterEntity = NULL;
    sax->resolveEntity = on_resolve;
    sax->entityDecl = NULL;
    sax->unparsedEntityDecl = NULL;
    sax->notationDecl = NULL;
    sax->attributeDecl = NULL;
    sax->elementDecl = NULL;
    sax->serror = on_error;
}

vb_err vb_xml_parse(vb_source *src, const vb_limits *lim, vb_diag *diag, xmlDoc **out, int *crowded)
{
    size_t errors_before = vb_diag_errors(diag);
    parse_state ps = {0};
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr xd = NULL;
    vb_err rc = VB_OK;

    *out = NULL;
    *crowded = 0;
    if (!check_attr_counts(src, diag))
        return VB_ERR_INPUT;
    ps.src = src;
    ps.diag = diag;
    ps.lim = lim;
    ps.children = calloc((size_t)(lim->max_depth > 0 ? lim->max_depth : 0) + 2, sizeof *ps.children);
    if (!ps.children)
        return VB_ERR_NOMEM;
    ctxt = xmlCreateMemoryParserCtxt(src->text, (int)src->len);
    if (!ctxt) {
        rc = VB_ERR_NOMEM;
        goto done;
    }
    xmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
    setup_sax(ctxt->sax);
    ctxt->_private = &ps;
    xmlParseDocument(ctxt);
    xd = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (ps.nomem) {
        rc = VB_ERR_NOMEM;
        goto done;
    }
    if (ps.failed || !ctxt->wellFormed || !xd || !xmlDocGetRootElement(xd)) {
        if (vb_diag_errors(diag) == errors_before)
            vb_diag_emit(diag, (vb_srcpos){src->file, 1, 1}, VB_ERROR, "malformed XML");
        rc = VB_ERR_INPUT;
        goto done;
    }
    *crowded = ps.crowded;
    *out = xd;
    xd = NULL;
done:
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    xmlFreeDoc(xd);
    free(ps.children);
    return rc;
}
