/* fill.c - fills a template's placeholders on the parsed tree (fill.h). */
#include "fill.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "arena.h"
#include "filters.h"
#include "utf8.h"
#include "source.h"
#include "xml_node.h"

#define MAX_FILTERS 8
/* Elements and texts that mau_lap may add to one document: the reader's
 * default --max-nodes. Repeats nest, so a small template could otherwise
 * ask for millions. */
#define MAX_MADE 200000

/* A table joined by mau_lap, with its rows sorted by the key column so that
 * a row's matches are found by binary search. */
typedef struct join_key {
    const char *key;
    size_t row;
} join_key;

typedef struct join {
    const vb_sheet *t;
    long key_col;      /* in t */
    const char *key;   /* the key column's name */
    join_key *order;   /* t->n_rows entries, sorted by key then row */
} join;

struct vb_fill {
    const vb_sheet *main;
    vb_fill_loader load;
    void *load_ctx;
    vb_sheet **owned;
    size_t n_owned;
    join *joins;
    size_t n_joins;
    int checked; /* the check pass found no problem */
};

vb_fill *vb_fill_new(const vb_sheet *main, vb_fill_loader load, void *load_ctx)
{
    vb_fill *f = calloc(1, sizeof *f);
    if (f) {
        f->main = main;
        f->load = load;
        f->load_ctx = load_ctx;
    }
    return f;
}

void vb_fill_free(vb_fill *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_owned; i++)
        vb_sheet_free(f->owned[i]);
    free(f->owned);
    for (size_t i = 0; i < f->n_joins; i++)
        free(f->joins[i].order);
    free(f->joins);
    free(f);
}

/* ---- where things are in the template ------------------------------------------ */

/* A piece of text being filled: a text node, an attribute value, or a
 * pattern given on the command line. */
typedef struct loc {
    const vb_source *src;
    const xmlNode *node;   /* the text node, or the element holding the attribute */
    const char *attr;      /* the attribute's name, or NULL */
    const char *text;      /* the text as libxml2 handed it over */
    const char *file;      /* for a pattern: the name used in messages */
} loc;

/* Skips from t[i] over markup that is not part of a text's content. */
static size_t skip_markup(const char *t, size_t len, size_t i)
{
    static const struct { const char *open, *close; } m[] = {
        {"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", NULL}, {"]]>", NULL}};
    for (int changed = 1; changed && i < len;) {
        changed = 0;
        for (size_t k = 0; k < sizeof m / sizeof *m; k++) {
            size_t ol = strlen(m[k].open);
            if (len - i < ol || memcmp(t + i, m[k].open, ol))
                continue;
            i += ol;
            if (m[k].close) {
                size_t cl = strlen(m[k].close);
                while (i + cl <= len && memcmp(t + i, m[k].close, cl))
                    i++;
                i = i + cl <= len ? i + cl : len;
            }
            changed = 1;
        }
    }
    return i;
}

/* The source offset of byte k of a text whose first byte is at t[i]: the
 * source and the text agree byte for byte except for entity and character
 * references, CR LF (a LF in the text), comments and CDATA markers. */
static size_t map_offset(const char *t, size_t len, size_t i, const char *text, size_t k)
{
    size_t j = 0;
    while (j < k && i < len) {
        size_t s = skip_markup(t, len, i);
        if (s != i) {
            i = s;
            continue;
        }
        if (t[i] == '&') {
            const char *semi = memchr(t + i, ';', len - i < 16 ? len - i : 16);
            if (semi) {
                i = (size_t)(semi - t) + 1;
                uint32_t cp;
                size_t n = vb_utf8_decode(text + j, strlen(text + j), &cp);
                j += n ? n : 1;
                continue;
            }
        }
        if (t[i] == '\r' && text[j] == '\n') {
            i += i + 1 < len && t[i + 1] == '\n' ? 2 : 1;
            j++;
            continue;
        }
        i++;
        j++;
    }
    return i;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where the value of attribute `name` of the element whose start tag is at
 * src->text[elem] begins (after its quote); elem when it is not found. */
static size_t attr_value_off(const vb_source *src, size_t elem, const char *name)
{
    size_t name_off, value_off;
    return vb_source_attr(src, elem, name, &name_off, &value_off) ? value_off : elem;
}

/* The template position of byte k of the text at lc. */
static vb_srcpos pos_at(const loc *lc, size_t k)
{
    if (!lc->src)
        return (vb_srcpos){lc->file, 1, (uint32_t)(vb_utf8_count(lc->text, k) + 1)};
    int known = 0;
    size_t off = vb_xml_node_off(lc->node, &known);
    if (!known)
        return (vb_srcpos){lc->src->file, 0, 0};
    const char *t = lc->src->text;
    size_t len = lc->src->len;
    if (lc->attr) {
        size_t v = attr_value_off(lc->src, off, lc->attr);
        if (v == off)
            return vb_source_pos(lc->src, off);
        off = v;
    }
    return vb_source_pos(lc->src, map_offset(t, len, off, lc->text, k));
}

/* ---- the walk ---------------------------------------------------------------------- */

typedef struct scope {
    const vb_sheet *t;
    size_t row;
    size_t stt; /* the repetition's number inside a mau_lap, else 0 */
    const struct scope *up;
} scope;

typedef struct walk {
    const vb_fill *f;
    vb_fill *fm; /* the same fill, writable, in the check pass; else NULL */
    vb_diag *diag;
    xmlDocPtr xd;
    const vb_source *src;
    vb_arena *scratch;
    vb_buf a, b, out;
    char stt[24];
    size_t made; /* nodes added by mau_lap so far */
    vb_err err;
} walk;

/* The value of column name[0..n) in scope: 1 and *val, or 0 when no table
 * in the scope has it. In the check pass *val is "". */
/* Where the last value lookup() found came from (for messages). */
typedef struct cell_ref {
    const vb_sheet *t;
    size_t row, col;
} cell_ref;

static int lookup_at(walk *w, const scope *sc, const char *name, size_t n, const char **val, cell_ref *at)
{
    if (at)
        at->t = NULL;
    if (n == 4 && memcmp(name, "_stt", 4) == 0) {
        for (const scope *s = sc; s; s = s->up)
            if (s->stt) {
                snprintf(w->stt, sizeof w->stt, "%zu", s->stt);
                *val = w->fm ? "" : w->stt;
                return 1;
            }
        return 0;
    }
    for (const scope *s = sc; s; s = s->up)
        for (size_t c = 0; c < s->t->n_cols; c++)
            if (strlen(s->t->cols[c]) == n && memcmp(s->t->cols[c], name, n) == 0) {
                *val = w->fm ? "" : vb_sheet_cell(s->t, s->row, c);
                if (at)
                    *at = (cell_ref){s->t, s->row, c};
                return 1;
            }
    return 0;
}

static int lookup(walk *w, const scope *sc, const char *name, size_t n, const char **val)
{
    return lookup_at(w, sc, name, n, val, NULL);
}

/* " (xa.csv:5)" or " (so-lieu.xlsx:17:H)": the data cell a value came from. */
static void cell_where(const vb_fill *f, const cell_ref *at, char *buf, size_t cap)
{
    buf[0] = 0;
    if (!at->t || (at->t == f->main && !at->t->xlsx))
        return; /* the row's CSV line is in the row's own message already */
    if (at->t->xlsx) {
        char letter[8];
        vb_col_letter((uint32_t)at->col, letter);
        snprintf(buf, cap, " (%s:%u:%s)", at->t->file, (unsigned)at->t->line[at->row], letter);
    } else {
        snprintf(buf, cap, " (%s:%u)", at->t->file, (unsigned)at->t->line[at->row]);
    }
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_ws(**s))
        (*s)++, (*n)--;
    while (*n && is_ws((*s)[*n - 1]))
        (*n)--;
}

/* The columns of the tables in scope, for a message. */
static void list_cols(const scope *sc, char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = 0;
    for (const scope *s = sc; s; s = s->up)
        for (size_t c = 0; c < s->t->n_cols && k + 8 < cap; c++) {
            if (!*s->t->cols[c])
                continue;
            int n = snprintf(buf + k, cap - k, "%s%s", k ? ", " : "", s->t->cols[c]);
            if (n < 0 || (size_t)n >= cap - k) {
                snprintf(buf + k, cap - k, " …");
                return;
            }
            k += (size_t)n;
        }
}

typedef struct ph_filter {
    char name[32];
    const char *arg;
    size_t alen;
    int has_arg;
    size_t off; /* in the text, for messages */
} ph_filter;

/* Expands every {{…}} of s into out. Returns 1 when s held one, 0 when not
 * (out untouched), -1 after an error (reported). */
static int expand(walk *w, const scope *sc, const char *s, const loc *lc, vb_buf *out)
{
    const char *open = strstr(s, "{{");
    if (!open)
        return 0;
    vb_buf_reset(out);
    const char *p = s;
    int bad = 0;
    while (open) {
        vb_buf_append(out, p, (size_t)(open - p));
        const char *close = strstr(open + 2, "}}");
        if (!close) {
            vb_diag_emit(w->diag, pos_at(lc, (size_t)(open - lc->text)), VB_ERROR,
                         "'{{' opens a placeholder that is never closed with '}}'");
            return -1;
        }
        /* split on '|' outside double quotes */
        const char *piece[MAX_FILTERS + 1];
        size_t plen[MAX_FILTERS + 1];
        int n = 0;
        const char *q = open + 2, *start = q;
        int inq = 0;
        for (; q <= close; q++) {
            if (q < close && *q == '"')
                inq = !inq;
            if (q == close || (*q == '|' && !inq)) {
                if (n == MAX_FILTERS + 1) {
                    vb_diag_emit(w->diag, pos_at(lc, (size_t)(q - lc->text)), VB_ERROR,
                                 "a placeholder takes at most %d filters", MAX_FILTERS);
                    return -1;
                }
                piece[n] = start;
                plen[n++] = (size_t)(q - start);
                start = q + 1;
            }
        }
        const char *col = piece[0];
        size_t clen = plen[0];
        trim(&col, &clen);
        vb_srcpos at = {0};
        int have_at = 0;
        if (!clen) {
            vb_diag_emit(w->diag, pos_at(lc, (size_t)(open - lc->text)), VB_ERROR,
                         "the placeholder '%.*s' names no column: write {{cot}}", (int)(close + 2 - open), open);
            bad = 1;
            goto next;
        }
        ph_filter f[MAX_FILTERS];
        int nf = 0;
        for (int i = 1; i < n; i++) {
            const char *fs = piece[i];
            size_t fl = plen[i];
            trim(&fs, &fl);
            const char *colon = memchr(fs, ':', fl);
            size_t nl = colon ? (size_t)(colon - fs) : fl;
            const char *nm = fs;
            trim(&nm, &nl);
            ph_filter *ff = &f[nf++];
            snprintf(ff->name, sizeof ff->name, "%.*s", (int)(nl < 31 ? nl : 31), nm);
            ff->off = (size_t)(fs - lc->text);
            ff->has_arg = colon != NULL;
            ff->arg = colon ? colon + 1 : "";
            ff->alen = colon ? fl - nl - 1 : 0;
            trim(&ff->arg, &ff->alen);
            if (ff->alen >= 2 && ff->arg[0] == '"' && ff->arg[ff->alen - 1] == '"')
                ff->arg++, ff->alen -= 2;
            char whybuf[200];
            const char *why = vb_filter_check(nm, nl, ff->arg, ff->alen, ff->has_arg, whybuf);
            if (why) {
                vb_diag_emit(w->diag, pos_at(lc, ff->off), VB_ERROR, "%s, in {{%.*s}} (column '%.*s')", why,
                             (int)(close - open - 2), open + 2, (int)clen, col);
                bad = 1;
            }
        }
        const char *val = NULL;
        cell_ref cref;
        if (!lookup_at(w, sc, col, clen, &val, &cref)) {
            char cols[400];
            list_cols(sc, cols, sizeof cols);
            vb_diag_emit(w->diag, pos_at(lc, (size_t)(col - lc->text)), VB_ERROR,
                         "no column '%.*s' in the data, for {{%.*s}} (the columns are: %s)", (int)clen, col,
                         (int)(close - open - 2), open + 2, cols);
            bad = 1;
        }
        if (bad || w->fm)
            goto next;
        /* the filters, one after another, through two buffers */
        vb_buf_reset(&w->a);
        vb_buf_append(&w->a, val, strlen(val));
        for (int i = 0; i < nf; i++) {
            vb_buf_putc(&w->a, 0);
            w->a.len--;
            vb_buf_reset(&w->b);
            const char *why = vb_filter_apply(f[i].name, f[i].arg, f[i].alen, (const char *)w->a.data, w->a.len,
                                              &w->b, w->scratch);
            if (why) {
                if (!have_at)
                    at = pos_at(lc, f[i].off);
                char cw[300];
                cell_where(w->f, &cref, cw, sizeof cw);
                vb_diag_emit(w->diag, at, VB_ERROR, "column '%.*s' is '%s'%s: %s (filter %s)", (int)clen, col, val,
                             cw, why, f[i].name);
                bad = 1;
                break;
            }
            vb_buf t = w->a;
            w->a = w->b;
            w->b = t;
        }
        /* a control character (from a cell, not typed in the template)
         * would make the DOCX's XML invalid: refuse it by name */
        for (size_t k = 0; !bad && k < w->a.len; k++) {
            unsigned char ch = w->a.data[k];
            if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f ||
                (ch == 0xEF && k + 2 < w->a.len && w->a.data[k + 1] == 0xBF && (w->a.data[k + 2] & 0xFE) == 0xBE)) {
                vb_diag_emit(w->diag, pos_at(lc, (size_t)(col - lc->text)), VB_ERROR,
                             "column '%.*s' holds the control character U+%04X, which a document cannot hold",
                             (int)clen, col, ch == 0xEF ? 0xFFFE + (w->a.data[k + 2] & 1) : ch);
                bad = 1;
            }
        }
        if (!bad)
            vb_buf_append(out, w->a.data, w->a.len);
    next:
        p = close + 2;
        open = strstr(p, "{{");
    }
    vb_buf_puts(out, p);
    vb_buf_putc(out, 0);
    if (out->failed || w->a.failed || w->b.failed)
        w->err = VB_ERR_NOMEM;
    return bad ? -1 : 1;
}

/* Takes attribute `name` off element e; its value (xmlFree) or NULL. */
static xmlChar *take_attr(xmlNode *e, const char *name)
{
    xmlAttr *a = xmlHasProp(e, (const xmlChar *)name);
    if (!a)
        return NULL;
    xmlChar *v = xmlNodeGetContent((xmlNode *)a);
    xmlRemoveProp(a);
    return v ? v : xmlStrdup((const xmlChar *)"");
}

static void copy_private(const xmlNode *from, xmlNode *to)
{
    to->_private = from->_private;
    const xmlNode *a = from->children;
    xmlNode *b = to->children;
    for (; a && b; a = a->next, b = b->next)
        copy_private(a, b);
}

static void walk_children(walk *w, xmlNode *parent, const scope *sc);

static void walk_attrs(walk *w, xmlNode *e, const scope *sc)
{
    for (xmlAttr *a = e->properties; a && !w->err; a = a->next) {
        xmlNode *t = a->children;
        if (!t || t->type != XML_TEXT_NODE || t->next || !t->content)
            continue;
        loc lc = {w->src, e, (const char *)a->name, (const char *)t->content, NULL};
        if (expand(w, sc, (const char *)t->content, &lc, &w->out) == 1 && !w->fm)
            xmlNodeSetContent(t, w->out.data);
    }
}

/* The join for table `name` keyed by `key`, set up in the check pass. */
static join *find_join(walk *w, const scope *sc, xmlNode *e, const char *name, const char *key)
{
    const vb_fill *f = w->f;
    for (size_t i = 0; i < f->n_joins; i++)
        if (strcmp(f->joins[i].t->name, name) == 0 && strcmp(f->joins[i].key, key) == 0)
            return &f->joins[i];
    vb_fill *fm = w->fm;
    int known = 0;
    size_t off = vb_xml_node_off(e, &known);
    vb_srcpos at = known ? vb_source_pos(w->src, attr_value_off(w->src, off, "mau_lap"))
                         : (vb_srcpos){w->src->file, 0, 0};
    if (!fm)
        return NULL; /* cannot happen: the check pass saw every mau_lap */
    const vb_sheet *t = NULL;
    for (size_t i = 0; i < fm->n_owned && !t; i++)
        if (strcmp(fm->owned[i]->name, name) == 0)
            t = fm->owned[i];
    if (!t) {
        vb_sheet *nt = fm->load ? fm->load(fm->load_ctx, name, w->diag) : NULL;
        if (!nt) {
            vb_diag_emit(w->diag, at, VB_ERROR, "mau_lap=\"%s\": there is no table '%s' (a sheet of the workbook, "
                         "or %s.csv beside the data file)", name, name, name);
            return NULL;
        }
        vb_sheet **o = realloc(fm->owned, (fm->n_owned + 1) * sizeof *o);
        if (!o) {
            vb_sheet_free(nt);
            w->err = VB_ERR_NOMEM;
            return NULL;
        }
        fm->owned = o;
        fm->owned[fm->n_owned++] = nt;
        t = nt;
    }
    long kc = vb_sheet_col(t, key);
    const char *dummy;
    int outer = lookup(w, sc, key, strlen(key), &dummy);
    if (kc < 0 || !outer) {
        vb_diag_emit(w->diag, at, VB_ERROR,
                     "mau_lap=\"%s\": the key column '%s' must be in both '%s' and the outer data (set it with "
                     "mau_khoa=\"cot\")",
                     name, key, name);
        return NULL;
    }
    join *j = realloc(fm->joins, (fm->n_joins + 1) * sizeof *j);
    if (!j) {
        w->err = VB_ERR_NOMEM;
        return NULL;
    }
    fm->joins = j;
    j = &fm->joins[fm->n_joins++];
    *j = (join){t, kc, vb_sheet_col(t, key) >= 0 ? t->cols[kc] : key, NULL};
    return j;
}

static int cmp_key(const void *pa, const void *pb)
{
    const join_key *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : a->row < b->row ? -1 : a->row > b->row;
}

/* Sorts each join's rows by key: done once, after the check pass. */
static vb_err index_joins(vb_fill *f)
{
    for (size_t i = 0; i < f->n_joins; i++) {
        join *j = &f->joins[i];
        if (j->order)
            continue;
        j->order = malloc((j->t->n_rows ? j->t->n_rows : 1) * sizeof *j->order);
        if (!j->order)
            return VB_ERR_NOMEM;
        for (size_t r = 0; r < j->t->n_rows; r++)
            j->order[r] = (join_key){vb_sheet_cell(j->t, r, (size_t)j->key_col), r};
        qsort(j->order, j->t->n_rows, sizeof *j->order, cmp_key);
    }
    return VB_OK;
}

static size_t subtree_size(const xmlNode *n)
{
    size_t k = 1;
    for (const xmlNode *c = n->children; c; c = c->next)
        k += subtree_size(c);
    return k;
}

static void drop(xmlNode *e)
{
    xmlUnlinkNode(e);
    xmlFreeNode(e);
}

static void walk_element(walk *w, xmlNode *e, const scope *sc)
{
    xmlChar *neu = take_attr(e, "mau_neu"), *lap = take_attr(e, "mau_lap"), *khoa = take_attr(e, "mau_khoa");
    if (neu) {
        const char *nm = (const char *)neu;
        size_t nl = strlen(nm);
        trim(&nm, &nl);
        int negate = nl && *nm == '!';
        if (negate)
            nm++, nl--;
        trim(&nm, &nl);
        const char *v;
        if (!lookup(w, sc, nm, nl, &v)) {
            char cols[400];
            list_cols(sc, cols, sizeof cols);
            int known = 0;
            size_t off = vb_xml_node_off(e, &known);
            vb_diag_emit(w->diag,
                         known ? vb_source_pos(w->src, attr_value_off(w->src, off, "mau_neu"))
                               : (vb_srcpos){w->src->file, 0, 0},
                         VB_ERROR, "mau_neu=\"%s\": no column '%.*s' in the data (the columns are: %s)",
                         (const char *)neu, (int)nl, nm, cols);
        } else if (!w->fm) {
            size_t vl = strlen(v);
            trim(&v, &vl);
            if ((vl != 0) == negate) {
                drop(e);
                goto done;
            }
        }
    }
    if (khoa && !lap) {
        int known = 0;
        size_t off = vb_xml_node_off(e, &known);
        vb_diag_emit(w->diag,
                     known ? vb_source_pos(w->src, attr_value_off(w->src, off, "mau_khoa"))
                           : (vb_srcpos){w->src->file, 0, 0},
                     VB_ERROR, "mau_khoa needs mau_lap on the same element");
    }
    if (lap) {
        const char *key = khoa ? (const char *)khoa : w->f->main->n_cols ? w->f->main->cols[0] : "";
        join *j = find_join(w, sc, e, (const char *)lap, key);
        if (!j) {
            if (!w->fm)
                w->err = w->err ? w->err : VB_ERR_INTERNAL;
            goto done;
        }
        if (w->fm) {
            scope in = {j->t, 0, 1, sc};
            walk_attrs(w, e, &in);
            walk_children(w, e, &in);
            goto done;
        }
        const char *kv;
        lookup(w, sc, j->key, strlen(j->key), &kv);
        /* the first row whose key is kv */
        size_t lo = 0, hi = j->t->n_rows;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(j->order[mid].key, kv) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t stt = 0, size = subtree_size(e);
        for (size_t k = lo; k < j->t->n_rows && strcmp(j->order[k].key, kv) == 0 && !w->err; k++) {
            size_t r = j->order[k].row;
            if ((w->made += size) > MAX_MADE) {
                int known = 0;
                size_t off = vb_xml_node_off(e, &known);
                vb_diag_emit(w->diag, known ? vb_source_pos(w->src, off) : (vb_srcpos){w->src->file, 0, 0}, VB_ERROR,
                             "mau_lap=\"%s\" makes more than %d elements and texts in one document", j->t->name,
                             MAX_MADE);
                break;
            }
            if (j->t->bad[r]) {
                vb_diag_emit(w->diag, (vb_srcpos){0}, VB_ERROR, "%s", j->t->bad[r]);
                continue;
            }
            xmlNode *copy = xmlDocCopyNode(e, w->xd, 1);
            if (!copy) {
                w->err = VB_ERR_NOMEM;
                break;
            }
            copy_private(e, copy);
            xmlAddPrevSibling(e, copy);
            scope in = {j->t, r, ++stt, sc};
            walk_attrs(w, copy, &in);
            walk_children(w, copy, &in);
        }
        drop(e);
        goto done;
    }
    walk_attrs(w, e, sc);
    walk_children(w, e, sc);
done:
    xmlFree(neu);
    xmlFree(lap);
    xmlFree(khoa);
}

static void walk_children(walk *w, xmlNode *parent, const scope *sc)
{
    xmlNode *c = parent->children;
    while (c && !w->err) {
        xmlNode *next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            walk_element(w, c, sc);
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            loc lc = {w->src, c, NULL, (const char *)c->content, NULL};
            if (expand(w, sc, (const char *)c->content, &lc, &w->out) == 1 && !w->fm)
                xmlNodeSetContent(c, w->out.data);
        }
        c = next;
    }
}

static vb_err run(const vb_fill *f, vb_fill *fm, size_t row, xmlDocPtr xd, const vb_source *src, vb_diag *diag)
{
    walk w = {f, fm, diag, xd, src, vb_arena_new(), VB_BUF_INIT, VB_BUF_INIT, VB_BUF_INIT, "", 0, VB_OK};
    if (!w.scratch)
        return VB_ERR_NOMEM;
    scope top = {f->main, row, 0, NULL};
    xmlNode *root = xmlDocGetRootElement(xd);
    if (root) {
        /* the root itself is never removed or repeated: its template
         * attributes would leave no document */
        walk_attrs(&w, root, &top);
        walk_children(&w, root, &top);
    }
    vb_arena_free(w.scratch);
    vb_buf_free(&w.a);
    vb_buf_free(&w.b);
    vb_buf_free(&w.out);
    return w.err == VB_ERR_INTERNAL ? VB_ERR_INPUT : w.err;
}

static vb_err check_fn(void *ctx, struct _xmlDoc *xd, const struct vb_source *src, vb_diag *diag)
{
    vb_fill *f = ctx;
    size_t before = vb_diag_errors(diag);
    vb_err rc = run(f, f, 0, xd, src, diag);
    if (!rc)
        rc = index_joins(f);
    if (!rc && vb_diag_errors(diag) == before)
        f->checked = 1;
    return rc ? rc : VB_ERR_INPUT; /* stop the read: the template itself is not rendered */
}

vb_tree_hook vb_fill_check_hook(vb_fill *f)
{
    f->checked = 0;
    return (vb_tree_hook){check_fn, f};
}

int vb_fill_checked(const vb_fill *f)
{
    return f->checked;
}

static vb_err row_fn(void *ctx, struct _xmlDoc *xd, const struct vb_source *src, vb_diag *diag)
{
    const vb_fill_row *r = ctx;
    if (!r->f->checked || r->row >= r->f->main->n_rows)
        return VB_ERR_INTERNAL;
    return run(r->f, NULL, r->row, xd, src, diag);
}

vb_tree_hook vb_fill_row_hook(vb_fill_row *r)
{
    return (vb_tree_hook){row_fn, r};
}

static vb_err fill_string(const vb_fill *f, vb_fill *fm, const char *pattern, size_t row, const char *where,
                          vb_buf *out, vb_diag *diag)
{
    walk w = {f, fm, diag, NULL, NULL, vb_arena_new(), VB_BUF_INIT, VB_BUF_INIT, VB_BUF_INIT, "", 0, VB_OK};
    if (!w.scratch)
        return VB_ERR_NOMEM;
    scope top = {f->main, row, 0, NULL};
    loc lc = {NULL, NULL, NULL, pattern, where};
    int r = expand(&w, &top, pattern, &lc, &w.out);
    if (r == 1 && !fm)
        vb_buf_puts(out, (const char *)w.out.data);
    else if (r == 0)
        vb_buf_puts(out, pattern);
    vb_err rc = w.err ? w.err : r < 0 ? VB_ERR_INPUT : VB_OK;
    vb_arena_free(w.scratch);
    vb_buf_free(&w.a);
    vb_buf_free(&w.b);
    vb_buf_free(&w.out);
    return rc;
}

vb_err vb_fill_string(const vb_fill *f, const char *pattern, size_t row, const char *where, vb_buf *out,
                      vb_diag *diag)
{
    return fill_string(f, NULL, pattern, row, where, out, diag);
}

vb_err vb_fill_string_check(vb_fill *f, const char *pattern, const char *where, vb_diag *diag)
{
    vb_buf b = VB_BUF_INIT;
    vb_err rc = fill_string(f, f, pattern, 0, where, &b, diag);
    vb_buf_free(&b);
    return rc;
}
