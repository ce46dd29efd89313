/* xml_read.c - reads the input format (docs/format.md) into the model.
 *
 * Four steps, each reporting into the diagnostics sink:
 *   1. the bytes: size limit, encoding (BOM, UTF-16, the declared encoding),
 *      everything turned into UTF-8 and checked; then a linear guard against
 *      start tags with absurdly many attributes (quadratic in libxml2);
 *   2. libxml2 parses the UTF-8 into a tree. A SAX2 handler wraps the default
 *      tree builder to record where every element and text starts (as byte
 *      offsets: libxml2's line numbers are 16-bit in the tree, and columns are
 *      computed here in characters), refuses any DOCTYPE before its subset is
 *      read, leaves comments out of the tree, and enforces the depth and node
 *      limits;
 *   3. xml_build.c checks the tree and builds the model;
 *   4. the RELAX NG schema checks the tree; its messages are shown only where
 *      the reader reported nothing, since the reader's are the clearer ones.
 * The compiled schema is only read after vb_reader_new, so one reader serves
 * any number of threads; everything else belongs to one call. */
#include "xml_read.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "utf8.h"
#include "xml_priv.h"

struct vb_reader {
    xmlRelaxNGPtr schema; /* read-only once compiled */
    vb_limits lim;
};

/* No network, no DTD loading, no entity substitution. The declared encoding
 * is ignored because step 1 has already turned the input into UTF-8. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

/* ---- positions ------------------------------------------------------------- */

/* Line and column of off in t, counted from the start (for errors found
 * before the line index exists). */
static vb_srcpos scan_pos(const char *file, const char *t, size_t len, size_t off)
{
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (vb_line_break_at(t, len, i)) {
            line++;
            col = 1;
        } else if (((unsigned char)t[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    return (vb_srcpos){file, line, col};
}

static int src_index(vb_xml_src *s)
{
    s->line_start = vb_line_starts(s->text, s->len, &s->n_lines);
    if (!s->line_start)
        return 0;
    size_t nb = s->len / VB_XML_BLOCK + 1, c = 0;
    s->chars = malloc(nb * sizeof *s->chars);
    if (!s->chars)
        return 0;
    s->chars[0] = 0;
    for (size_t b = 1; b < nb; b++) {
        const unsigned char *t = (const unsigned char *)s->text + (b - 1) * VB_XML_BLOCK;
        for (size_t i = 0; i < VB_XML_BLOCK; i++)
            c += (t[i] & 0xC0) != 0x80;
        s->chars[b] = c;
    }
    return 1;
}

/* Code points in text[0 .. off). */
static size_t chars_before(const vb_xml_src *s, size_t off)
{
    size_t b = off / VB_XML_BLOCK, c = s->chars[b];
    const unsigned char *t = (const unsigned char *)s->text;
    for (size_t i = b * VB_XML_BLOCK; i < off; i++)
        c += (t[i] & 0xC0) != 0x80;
    return c;
}

vb_srcpos vb_xml_pos(const vb_xml_src *s, size_t off)
{
    if (off > s->len)
        off = s->len;
    size_t lo = 0, hi = s->n_lines; /* last line_start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t ls = s->line_start[lo], col = 1;
    if (off - ls < VB_XML_BLOCK) {
        for (size_t i = ls; i < off; i++)
            col += ((unsigned char)s->text[i] & 0xC0) != 0x80;
    } else {
        col += chars_before(s, off) - chars_before(s, ls);
    }
    return (vb_srcpos){s->file, (uint32_t)(lo + 1), (uint32_t)col};
}

void vb_xml_mark(xmlNode *n, unsigned m)
{
    n->_private = (void *)((uintptr_t)n->_private | m);
    for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        p->_private = (void *)((uintptr_t)p->_private | VB_XML_MARK_BELOW);
}

/* ---- step 1: bytes to UTF-8 ---------------------------------------------------- */

typedef struct decoded {
    char *owned; /* heap copy when the input was converted */
    const char *text;
    size_t len;
} decoded;

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int is_xml_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The encoding named by an XML declaration at the start of t, copied into
 * name; *at gets the offset of the name. 0 when there is none; -1 when the
 * name is not a valid encoding name. */
static int declared_encoding(const char *t, size_t len, char name[64], size_t *at)
{
    if (len < 6 || memcmp(t, "<?xml", 5) != 0 || !is_xml_ws(t[5]))
        return 0;
    size_t end = 6;
    while (end + 1 < len && end < 1024 && !(t[end] == '?' && t[end + 1] == '>'))
        end++;
    for (size_t i = 6; i + 8 <= end; i++) {
        if (memcmp(t + i, "encoding", 8) != 0 || !is_xml_ws(t[i - 1]))
            continue;
        size_t j = i + 8;
        while (j < end && is_xml_ws(t[j]))
            j++;
        if (j >= end || t[j] != '=')
            return 0;
        j++;
        while (j < end && is_xml_ws(t[j]))
            j++;
        if (j >= end || (t[j] != '"' && t[j] != '\''))
            return 0;
        char q = t[j++];
        size_t k = 0;
        *at = j;
        while (j < end && t[j] != q) {
            char c = t[j];
            int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                     (k > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'));
            if (!ok || k + 1 >= 64)
                return -1;
            name[k++] = c;
            j++;
        }
        name[k] = 0;
        return k ? 1 : -1;
    }
    return 0;
}

static vb_err utf16_to_utf8(const unsigned char *p, size_t n, int be, const char *file,
                            vb_diag *d, decoded *out)
{
    char *o = malloc(n / 2 * 3 + 1);
    if (!o)
        return VB_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (i + 1 >= n) {
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid UTF-16: it ends in the middle of a character");
            free(o);
            return VB_ERR_INPUT;
        }
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t l = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid UTF-16 (unpaired surrogate 0x%04X)", (unsigned)u);
            free(o);
            return VB_ERR_INPUT;
        }
        k += vb_utf8_encode(u, o + k);
    }
    o[k] = 0;
    out->owned = o;
    out->text = o;
    out->len = k;
    return VB_OK;
}

static vb_err convert_iconv(const char *data, size_t len, const char *enc, size_t enc_at,
                            const char *file, vb_diag *d, decoded *out)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        vb_diag_emit(d, scan_pos(file, data, len, enc_at), VB_ERROR,
                     "unknown encoding '%s' in the XML declaration: save the file as UTF-8", enc);
        return VB_ERR_INPUT;
    }
    size_t cap = len * 4 + 16;
    char *o = malloc(cap);
    if (!o) {
        iconv_close(cd);
        return VB_ERR_NOMEM;
    }
    char *in = (char *)data, *op = o;
    size_t inleft = len, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &op, &outleft);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &op, &outleft);
    iconv_close(cd);
    size_t k = (size_t)(op - o);
    if (r == (size_t)-1) {
        if (inleft)
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid %s (byte 0x%02X): save the file as UTF-8", enc,
                         (unsigned)(unsigned char)*in);
        else
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR, "input is not valid %s", enc);
        free(o);
        return VB_ERR_INPUT;
    }
    o[k] = 0;
    out->owned = o;
    out->text = o;
    out->len = k;
    return VB_OK;
}

/* Follows the XML rules for the encoding: a byte-order mark, else the first
 * bytes of "<?xml" in UTF-16, else the declaration, else UTF-8. */
static vb_err decode_input(const char *data, size_t len, const char *file, vb_diag *d, decoded *out)
{
    const unsigned char *u = (const unsigned char *)data;
    memset(out, 0, sizeof *out);
    if (len >= 4 && ((!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF) ||
                     (u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                     (!u[0] && !u[1] && !u[2] && u[3] == '<') || (u[0] == '<' && !u[1] && !u[2] && !u[3]))) {
        vb_diag_emit(d, (vb_srcpos){file, 1, 1}, VB_ERROR,
                     "input is UTF-32, which is not supported: save the file as UTF-8");
        return VB_ERR_INPUT;
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return utf16_to_utf8(u + 2, len - 2, 0, file, d, out);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return utf16_to_utf8(u + 2, len - 2, 1, file, d, out);
    if (len >= 4 && u[0] == '<' && !u[1] && u[2] == '?' && !u[3])
        return utf16_to_utf8(u, len, 0, file, d, out);
    if (len >= 4 && !u[0] && u[1] == '<' && !u[2] && u[3] == '?')
        return utf16_to_utf8(u, len, 1, file, d, out);
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        data += 3;
        len -= 3;
    } else {
        char enc[64];
        size_t at = 0;
        int de = declared_encoding(data, len, enc, &at);
        if (de < 0) {
            vb_diag_emit(d, scan_pos(file, data, len, at), VB_ERROR,
                         "the XML declaration names no valid encoding");
            return VB_ERR_INPUT;
        }
        /* A file declared UTF-16 whose bytes are not UTF-16 is read as UTF-8,
         * as libxml2 does. */
        if (de > 0 && !ieq(enc, "UTF-8") && !ieq(enc, "UTF8") && !ieq(enc, "UTF-16") &&
            !ieq(enc, "UTF16"))
            return convert_iconv(data, len, enc, at, file, d, out);
    }
    size_t bad = vb_utf8_check(data, len);
    if (bad < len) {
        vb_diag_emit(d, scan_pos(file, data, len, bad), VB_ERROR,
                     "input is not valid UTF-8 (byte 0x%02X): save the file as UTF-8",
                     (unsigned)(unsigned char)data[bad]);
        return VB_ERR_INPUT;
    }
    out->text = data;
    out->len = len;
    return VB_OK;
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
static int check_attr_counts(const vb_xml_src *s, vb_diag *d)
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
            vb_diag_emit(d, vb_xml_pos(s, (size_t)(lt - t)), VB_ERROR,
                         "<%.*s> has more than %d attributes; the format has at most five on an element",
                         (int)(k - 1), lt + 1, MAX_ATTRS);
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
 * file with an element of more than this many children is not given to the
 * validator. A real paragraph has a few dozen. */
#define SCHEMA_MAX_CHILDREN 1000

typedef struct parse_state {
    const vb_xml_src *src;
    vb_diag *diag;
    const vb_limits *lim;
    size_t last_mark; /* where the last markup ended: a new text node starts here */
    int depth;
    size_t nodes;       /* elements and text nodes, for --max-nodes */
    unsigned *children; /* children[d]: children so far of the open element at depth d */
    int crowded;        /* some element has more than SCHEMA_MAX_CHILDREN children */
    int failed;         /* the tree is unusable; later parser messages are consequences */
    int nomem;
} parse_state;

static size_t cur_off(xmlParserCtxtPtr c, const vb_xml_src *src)
{
    if (!c->input || !c->input->cur || !c->input->base || c->inputNr > 1)
        return src->len;
    size_t off = (size_t)c->input->consumed + (size_t)(c->input->cur - c->input->base);
    return off > src->len ? src->len : off;
}

/* Offset of the last `ch` before off (a '<' cannot occur inside a tag, nor a
 * '&' inside a reference); off itself when there is none. */
static size_t back_to(const vb_xml_src *s, size_t off, char ch)
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
    vb_diag_vemit(ps->diag, vb_xml_pos(ps->src, off), VB_ERROR, fmt, ap);
    va_end(ap);
    ps->failed = 1;
    xmlStopParser(c);
}

/* Counts a new node (element or text) under the open element at the current
 * depth; 0 when that is one too many. */
static int count_node(parse_state *ps)
{
    if (ps->children[ps->depth]++ == SCHEMA_MAX_CHILDREN)
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
    ps->last_mark = cur_off(c, ps->src);
}

/* Comments and processing instructions mean nothing to the format: they are
 * not put in the tree, so text on both sides of one joins into one node. */
static void on_comment(void *ctx, const xmlChar *value)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    ps->last_mark = cur_off(c, ps->src);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    xmlParserCtxtPtr c = ctx;
    parse_state *ps = c->_private;
    ps->last_mark = cur_off(c, ps->src);
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
    /* Namespace errors leave a usable tree: xml_build.c reports the names. */
    if (e->level < XML_ERR_ERROR || e->domain == XML_FROM_NAMESPACE || ps->failed)
        return;
    ps->failed = 1;
    const vb_xml_src *s = ps->src;
    size_t off = cur_off(c, s);
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "syntax error");
    chomp(msg);
    const char *s1 = e->str1 ? e->str1 : "";
    vb_diag *d = ps->diag;
    switch (e->code) {
    case XML_ERR_TAG_NAME_MISMATCH:
        vb_diag_emit(d, vb_xml_pos(s, back_to(s, off, '<')), VB_ERROR,
                     "end tag </%s> does not match <%s> (line %d), which is still open",
                     e->str2 ? e->str2 : "", s1, e->int1);
        return;
    case XML_ERR_TAG_NOT_FINISHED: {
        int known = 0;
        size_t at = c->node ? vb_xml_node_off(c->node, &known) : 0;
        vb_diag_emit(d, vb_xml_pos(s, known ? at : off), VB_ERROR,
                     "<%s> is not closed: the input ends before </%s>", s1, s1);
        return;
    }
    case XML_ERR_DOCUMENT_END:
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR,
                     "content after the end of the root element: a document has one root element");
        return;
    case XML_ERR_DOCUMENT_EMPTY:
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR,
                     off < s->len ? "the input is not XML: expected <van_ban>"
                                  : "the input is empty: expected <van_ban>");
        return;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        vb_diag_emit(d, vb_xml_pos(s, back_to(s, off, '&')), VB_ERROR,
                     "unknown entity '&%s;': type the character itself, or write &amp; &lt; &gt; "
                     "&quot; &apos; or a character reference such as &#7899;",
                     s1);
        return;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
        if (strstr(msg, "EntityRef")) {
            vb_diag_emit(d, vb_xml_pos(s, back_to(s, off, '&')), VB_ERROR,
                         "a '&' must be written &amp;");
            return;
        }
        break;
    case XML_ERR_LT_IN_ATTRIBUTE:
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR,
                     "a '<' in an attribute value must be written &lt;");
        return;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR,
                     "an attribute value must be in quotes: name=\"value\"");
        return;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: {
        size_t at = off;
        while (at > 0 && !is_xml_ws(s->text[at - 1]) && s->text[at - 1] != '<')
            at--;
        vb_diag_emit(d, vb_xml_pos(s, at), VB_ERROR, "attribute '%s' has no value: write %s=\"…\"",
                     s1, s1);
        return;
    }
    case XML_ERR_ATTRIBUTE_REDEFINED:
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR, "attribute '%s' is given twice", s1);
        return;
    case XML_ERR_GT_REQUIRED:
        if (!*s1 && c->node) { /* an end tag: libxml2 names nothing, the element is still open */
            vb_diag_emit(d, vb_xml_pos(s, back_to(s, off, '<')), VB_ERROR, "the end tag </%s> is not closed with '>'",
                         (const char *)c->node->name);
            return;
        }
        vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR, "the start tag <%s> is not closed with '>'", s1);
        return;
    case XML_ERR_INVALID_CHAR:
        if (strstr(msg, "CharRef")) {
            vb_diag_emit(d, vb_xml_pos(s, back_to(s, off, '&')), VB_ERROR,
                         "character reference to U+%04X, which XML does not allow", (unsigned)e->int1);
            return;
        }
        break;
    default:
        break;
    }
    vb_diag_emit(d, vb_xml_pos(s, off), VB_ERROR, "malformed XML: %s", msg);
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

/* ---- step 4: the schema ------------------------------------------------------------ */

typedef struct schema_state {
    const vb_xml_src *src;
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
    vb_srcpos pos = known ? vb_xml_pos(st->src, off) : (vb_srcpos){st->src->file, 0, 0};
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

/* ---- the reader ------------------------------------------------------------------- */

vb_reader *vb_reader_new(const char *schema_path, const vb_limits *limits, vb_diag *diag)
{
    static const vb_limits defaults = VB_LIMITS_DEFAULT;
    char *text = NULL;
    xmlRelaxNGParserCtxtPtr pc = NULL;
    vb_reader *r = NULL;

    xmlInitParser();
    r = calloc(1, sizeof *r);
    if (!r)
        goto fail;
    r->lim = limits ? *limits : defaults;
    if (!schema_path)
        return r;

    /* Read the file here rather than through libxml2's loader: no URL
     * handling, and a clear message when the file is missing. */
    FILE *f = fopen(schema_path, "rb");
    if (!f) {
        vb_diag_emit(diag, (vb_srcpos){schema_path, 0, 0}, VB_ERROR, "cannot read the schema: %s",
                     strerror(errno));
        goto fail;
    }
    size_t cap = 64 * 1024, n = 0;
    text = malloc(cap);
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
        vb_diag_emit(diag, (vb_srcpos){schema_path, 0, 0}, VB_ERROR, "cannot read the schema");
        goto fail;
    }
    rng_load_state st = {schema_path, diag, 0};
    pc = xmlRelaxNGNewMemParserCtxt(text, (int)n);
    if (!pc)
        goto fail;
    xmlRelaxNGSetParserStructuredErrors(pc, on_rng_load_error, &st);
    r->schema = xmlRelaxNGParse(pc);
    if (!r->schema) {
        if (!st.reported)
            vb_diag_emit(diag, (vb_srcpos){schema_path, 0, 0}, VB_ERROR, "the schema is not valid RELAX NG");
        goto fail;
    }
    xmlRelaxNGFreeParserCtxt(pc);
    free(text);
    return r;

fail:
    xmlRelaxNGFreeParserCtxt(pc);
    free(text);
    vb_reader_free(r);
    return NULL;
}

void vb_reader_free(vb_reader *r)
{
    if (!r)
        return;
    if (r->schema)
        xmlRelaxNGFree(r->schema);
    free(r);
}

vb_err vb_doc_read(vb_reader *r, const char *data, size_t len, const char *name, vb_doc **out,
                   vb_diag *diag)
{
    return vb_doc_read_with(r, data, len, name, NULL, out, diag);
}

vb_err vb_doc_read_with(vb_reader *r, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                        vb_doc **out, vb_diag *diag)
{
    const char *file = name ? name : "<input>";
    size_t errors_before = vb_diag_errors(diag);
    decoded dec = {0};
    vb_xml_src src = {0};
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr xd = NULL;
    vb_doc *doc = NULL;
    parse_state ps = {0};
    vb_err rc = VB_OK;

    *out = NULL;
    src.file = file;
    if (len > r->lim.max_input_bytes) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR,
                     "input is %zu bytes; the limit is %zu (--max-input)", len, r->lim.max_input_bytes);
        rc = VB_ERR_INPUT;
        goto done;
    }
    rc = decode_input(data, len, file, diag, &dec);
    if (rc)
        goto done;
    if (dec.len == 0) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR, "the input is empty: expected <van_ban>");
        rc = VB_ERR_INPUT;
        goto done;
    }
    if (dec.len > INT_MAX) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR, "input is larger than 2 GiB");
        rc = VB_ERR_INPUT;
        goto done;
    }
    src.text = dec.text;
    src.len = dec.len;
    if (!src_index(&src)) {
        rc = VB_ERR_NOMEM;
        goto done;
    }

    if (!check_attr_counts(&src, diag)) {
        rc = VB_ERR_INPUT;
        goto done;
    }

    ps.src = &src;
    ps.diag = diag;
    ps.lim = &r->lim;
    ps.children = calloc((size_t)(r->lim.max_depth > 0 ? r->lim.max_depth : 0) + 2, sizeof *ps.children);
    if (!ps.children) {
        rc = VB_ERR_NOMEM;
        goto done;
    }
    ctxt = xmlCreateMemoryParserCtxt(src.text, (int)src.len);
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
            vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR, "malformed XML");
        rc = VB_ERR_INPUT;
        goto done;
    }
    if (hook && ((rc = hook->fn(hook->ctx, xd, &src, diag)) || vb_diag_errors(diag) > errors_before)) {
        rc = rc ? rc : VB_ERR_INPUT;
        goto done;
    }

    doc = vb_doc_new(file);
    if (!doc) {
        rc = VB_ERR_NOMEM;
        goto done;
    }
    rc = vb_xml_build(xd, &src, doc, diag);
    if (rc)
        goto done;

    if (r->schema && !ps.crowded) {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(r->schema);
        if (!vc) {
            rc = VB_ERR_NOMEM;
            goto done;
        }
        schema_state st = {&src, diag, xd};
        xmlRelaxNGSetValidStructuredErrors(vc, on_schema_error, &st);
        int v = xmlRelaxNGValidateDoc(vc, xd);
        xmlRelaxNGFreeValidCtxt(vc);
        if (v != 0 && vb_diag_errors(diag) == errors_before)
            vb_diag_emit(diag, vb_xml_pos(&src, 0), VB_ERROR, "schema: the document is not valid");
    }
    if (vb_diag_errors(diag) > errors_before)
        rc = VB_ERR_INPUT;

done:
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    xmlFreeDoc(xd);
    free(ps.children);
    free(src.line_start);
    free(src.chars);
    free(dec.owned);
    if (rc == VB_OK)
        *out = doc;
    else
        vb_doc_free(doc);
    return rc;
}
