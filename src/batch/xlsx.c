/* xlsx.c - the cells of an Excel workbook (.xlsx: SpreadsheetML parts in a
 * zip), read with libzip and libxml2, as text the way Excel shows a cell
 * with the General format: numbers with at most 15 significant digits,
 * dates (numbers whose format is a date) as ISO dates, formulas as their
 * cached values.
 *
 * Parts read: _rels/.rels (where the workbook is), the workbook and its
 * relationships (the sheets' names and parts), xl/sharedStrings.xml,
 * xl/styles.xml (which cell formats are dates) and the sheets asked for.
 * Each part is refused above MAX_PART bytes unpacked, so a zip bomb cannot
 * fill the memory; XML is parsed without network or entity loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "zip_api.h"
#include "dataset.h"
#include "fmt.h"
#include "numvi.h"
#include "i18n.h"

#define MAX_PART (64u * 1024 * 1024)

typedef struct sheet_ref {
    char *name;
    char *part; /* zip entry name */
} sheet_ref;

struct vb_xlsx {
    const char *file;
    zip_t *zip;
    sheet_ref *sheets;
    size_t n_sheets;
    char **sst; /* shared strings */
    size_t n_sst;
    unsigned char *xf_kind; /* per cell format: 0 number, 1 date, 2 date and time, 3 time */
    size_t n_xf;
    int date1904;
};

static vb_err read_part(vb_xlsx *x, const char *name, int required, char **data, size_t *len, vb_diag *diag)
{
    *data = NULL;
    *len = 0;
    zip_stat_t st;
    zip_int64_t idx = vb_zip.zip_name_locate(x->zip, name, 0);
    if (idx < 0) {
        if (!required)
            return VB_OK;
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR,
                     "not an Excel workbook: it has no part '%s' (save it as .xlsx from Excel or LibreOffice)", name);
        return VB_ERR_INPUT;
    }
    if (vb_zip.zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "cannot read the part '%s' of the workbook", name);
        return VB_ERR_INPUT;
    }
    if (st.size > MAX_PART) {
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR,
                     "the part '%s' of the workbook unpacks to %llu bytes; the limit is %u", name,
                     (unsigned long long)st.size, MAX_PART);
        return VB_ERR_INPUT;
    }
    zip_file_t *zf = vb_zip.zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
    char *buf = malloc((size_t)st.size + 1);
    if (!zf || !buf) {
        if (zf)
            vb_zip.zip_fclose(zf);
        free(buf);
        if (!zf) {
            vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "cannot open the part '%s' of the workbook: %s",
                         name, vb_zip.zip_strerror(x->zip));
            return VB_ERR_INPUT;
        }
        return VB_ERR_NOMEM;
    }
    zip_int64_t got = 0;
    while ((zip_uint64_t)got < st.size) {
        zip_int64_t k = vb_zip.zip_fread(zf, buf + got, st.size - (zip_uint64_t)got);
        if (k <= 0)
            break;
        got += k;
    }
    vb_zip.zip_fclose(zf);
    if ((zip_uint64_t)got != st.size) {
        free(buf);
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "the part '%s' of the workbook is damaged", name);
        return VB_ERR_INPUT;
    }
    buf[got] = 0;
    *data = buf;
    *len = (size_t)got;
    return VB_OK;
}

/* Reads a part as XML. NULL (reported) when it is missing or malformed. */
static vb_err read_xml(vb_xlsx *x, const char *name, int required, xmlDocPtr *out, vb_diag *diag)
{
    char *data;
    size_t len;
    *out = NULL;
    vb_err rc = read_part(x, name, required, &data, &len, diag);
    if (rc || !data)
        return rc;
    if (len > 0x7fffffff) {
        free(data);
        return VB_ERR_INPUT;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(data);
        return VB_ERR_NOMEM;
    }
    *out = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlErrorPtr le = xmlCtxtGetLastError(ctxt);
    int line = le ? le->line : 0;
    const char *msg = le ? le->message : NULL;
    if (!*out) {
        char m[200];
        snprintf(m, sizeof m, "%s", msg ? msg : "malformed");
        size_t ml = strlen(m);
        while (ml && m[ml - 1] == '\n')
            m[--ml] = 0;
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "the part '%s' of the workbook is not valid XML (line %d: %s)",
                     name, line, m);
        rc = VB_ERR_INPUT;
    }
    xmlFreeParserCtxt(ctxt);
    free(data);
    return rc;
}

static int is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(const xmlNode *n, const char *local)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, local))
            return c;
    return NULL;
}

/* An attribute by local name, whatever its namespace (r:id has two). */
static const char *attr(const xmlNode *n, const char *local)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static const char *attr_ns(const xmlNode *n, const char *local, int want_ns)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, local) == 0 && (a->ns != NULL) == want_ns && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* The text of every <t> under n, except phonetic runs (<rPh>). */
static void collect_t(const xmlNode *n, vb_buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is(c, "rPh"))
            continue;
        if (is(c, "t")) {
            for (const xmlNode *t = c->children; t; t = t->next)
                if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
                    vb_buf_puts(b, (const char *)t->content);
        } else {
            collect_t(c, b);
        }
    }
}

/* A zip entry name from a relationship's target, relative to base_dir. */
static char *resolve(const char *base_dir, const char *target)
{
    char *p;
    if (target[0] == '/')
        p = strdup(target + 1);
    else {
        p = malloc(strlen(base_dir) + strlen(target) + 1);
        if (p) {
            strcpy(p, base_dir);
            strcat(p, target);
        }
    }
    return p;
}

/* Is a number format code a date (1), date and time (2) or time (3)? The
 * letters d m y h s outside quotes, brackets and escapes say so. */
static unsigned char format_kind(const char *code)
{
    int date = 0, time = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if (*p == '[') {
            const char *q = strchr(p + 1, ']');
            if (!q)
                break;
            if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' || p[1] == 'S')
                time = 1; /* elapsed time: [h]:mm */
            p = q;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1])
                break;
            p++;
        } else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') {
            date = 1;
        } else if (*p == 'h' || *p == 'H' || *p == 's' || *p == 'S') {
            time = 1;
        } else if (*p == 'm' || *p == 'M') {
            date = date || !time; /* "mm" after h is minutes */
        } else if (*p == ';') {
            break; /* the first section decides */
        }
    }
    return date && time ? 2 : date ? 1 : time ? 3 : 0;
}

static unsigned char builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return 1;
    if (id == 22)
        return 2;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
        return 3;
    return 0;
}

static vb_err read_styles(vb_xlsx *x, const char *part, vb_diag *diag)
{
    xmlDocPtr d;
    vb_err rc = read_xml(x, part, 0, &d, diag);
    if (rc || !d)
        return rc;
    xmlNode *root = xmlDocGetRootElement(d);
    xmlNode *fmts = child(root, "numFmts"), *xfs = child(root, "cellXfs");
    size_t n = 0;
    for (xmlNode *c = xfs ? xfs->children : NULL; c; c = c->next)
        n += is(c, "xf");
    x->xf_kind = calloc(n ? n : 1, 1);
    if (!x->xf_kind) {
        xmlFreeDoc(d);
        return VB_ERR_NOMEM;
    }
    x->n_xf = n;
    size_t i = 0;
    for (xmlNode *c = xfs ? xfs->children : NULL; c; c = c->next) {
        if (!is(c, "xf"))
            continue;
        const char *id = attr(c, "numFmtId");
        long v = 0;
        if (id && vb_parse_uint(id, strlen(id), &v)) {
            x->xf_kind[i] = builtin_kind(v);
            for (xmlNode *f = fmts ? fmts->children : NULL; f; f = f->next) {
                const char *fid = attr(f, "numFmtId"), *code = attr(f, "formatCode");
                long fv;
                if (is(f, "numFmt") && fid && code && vb_parse_uint(fid, strlen(fid), &fv) && fv == v)
                    x->xf_kind[i] = format_kind(code);
            }
        }
        i++;
    }
    xmlFreeDoc(d);
    return VB_OK;
}

static vb_err read_sst(vb_xlsx *x, const char *part, vb_diag *diag)
{
    xmlDocPtr d;
    vb_err rc = read_xml(x, part, 0, &d, diag);
    if (rc || !d)
        return rc;
    xmlNode *root = xmlDocGetRootElement(d);
    size_t n = 0;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        n += is(c, "si");
    x->sst = calloc(n ? n : 1, sizeof *x->sst);
    if (!x->sst) {
        xmlFreeDoc(d);
        return VB_ERR_NOMEM;
    }
    vb_buf b = VB_BUF_INIT;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (!is(c, "si"))
            continue;
        vb_buf_reset(&b);
        collect_t(c, &b);
        vb_buf_putc(&b, 0);
        x->sst[x->n_sst] = b.failed ? NULL : strdup((const char *)b.data);
        if (!x->sst[x->n_sst]) {
            rc = VB_ERR_NOMEM;
            break;
        }
        x->n_sst++;
    }
    vb_buf_free(&b);
    xmlFreeDoc(d);
    return rc;
}

/* The directory part of a zip entry name, with its '/' ("xl/"). */
static char *dir_of(const char *part)
{
    const char *s = strrchr(part, '/');
    return strndup(part, s ? (size_t)(s - part) + 1 : 0);
}

/* The relationships of a part: the target of each Id. */
static vb_err read_rels(vb_xlsx *x, const char *part, xmlDocPtr *out, vb_diag *diag)
{
    char *dir = dir_of(part);
    const char *base = strrchr(part, '/');
    base = base ? base + 1 : part;
    if (!dir)
        return VB_ERR_NOMEM;
    char *rels = malloc(strlen(dir) + strlen(base) + 16);
    if (!rels) {
        free(dir);
        return VB_ERR_NOMEM;
    }
    sprintf(rels, "%s_rels/%s.rels", dir, base);
    vb_err rc = read_xml(x, rels, 0, out, diag);
    free(rels);
    free(dir);
    return rc;
}

static const char *rel_target(xmlDocPtr rels, const char *id, const char *type_suffix)
{
    xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (!is(c, "Relationship"))
            continue;
        const char *rid = attr(c, "Id"), *type = attr(c, "Type"), *target = attr(c, "Target");
        if (!target)
            continue;
        if (id && rid && strcmp(rid, id) == 0)
            return target;
        if (type_suffix && type) {
            size_t tl = strlen(type), sl = strlen(type_suffix);
            if (tl >= sl && strcmp(type + tl - sl, type_suffix) == 0)
                return target;
        }
    }
    return NULL;
}

vb_err vb_xlsx_open(const char *data, size_t len, const char *file, vb_xlsx **out, vb_diag *diag)
{
    *out = NULL;
    const char *why = vb_zip_load();
    if (why) {
        vb_diag_emit(diag, (vb_srcpos){file, 0, 0}, VB_ERROR, "%s", _(why));
        return VB_ERR_ZIP;
    }
    vb_xlsx *x = calloc(1, sizeof *x);
    xmlDocPtr top = NULL, wb = NULL, wbrels = NULL;
    char *wbpart = NULL, *wbdir = NULL;
    vb_err rc = VB_OK;
    if (!x)
        return VB_ERR_NOMEM;
    x->file = file;
    zip_error_t ze;
    vb_zip.zip_error_init(&ze);
    zip_source_t *src = vb_zip.zip_source_buffer_create(data, len, 0, &ze);
    if (src)
        x->zip = vb_zip.zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!x->zip) {
        if (src)
            vb_zip.zip_source_free(src);
        vb_diag_emit(diag, (vb_srcpos){file, 0, 0}, VB_ERROR,
                     "not an Excel workbook (.xlsx): %s; save it as \"Excel Workbook (.xlsx)\"", vb_zip.zip_error_strerror(&ze));
        vb_zip.zip_error_fini(&ze);
        rc = VB_ERR_INPUT;
        goto fail;
    }
    vb_zip.zip_error_fini(&ze);
    if ((rc = read_xml(x, "_rels/.rels", 0, &top, diag)))
        goto fail;
    const char *t = rel_target(top, NULL, "/officeDocument");
    wbpart = t ? resolve("", t) : strdup("xl/workbook.xml");
    wbdir = wbpart ? dir_of(wbpart) : NULL;
    if (!wbpart || !wbdir) {
        rc = VB_ERR_NOMEM;
        goto fail;
    }
    if ((rc = read_xml(x, wbpart, 1, &wb, diag)) || (rc = read_rels(x, wbpart, &wbrels, diag)))
        goto fail;
    xmlNode *root = xmlDocGetRootElement(wb);
    xmlNode *pr = child(root, "workbookPr");
    const char *d1904 = pr ? attr(pr, "date1904") : NULL;
    x->date1904 = d1904 && (!strcmp(d1904, "1") || !strcmp(d1904, "true"));
    xmlNode *sheets = child(root, "sheets");
    size_t n = 0;
    for (xmlNode *c = sheets ? sheets->children : NULL; c; c = c->next)
        n += is(c, "sheet");
    x->sheets = calloc(n ? n : 1, sizeof *x->sheets);
    if (!x->sheets) {
        rc = VB_ERR_NOMEM;
        goto fail;
    }
    for (xmlNode *c = sheets ? sheets->children : NULL; c; c = c->next) {
        if (!is(c, "sheet"))
            continue;
        const char *name = attr(c, "name"), *rid = attr_ns(c, "id", 1);
        const char *target = rid ? rel_target(wbrels, rid, NULL) : NULL;
        if (!name || !target)
            continue;
        sheet_ref *s = &x->sheets[x->n_sheets];
        s->name = strdup(name);
        s->part = resolve(wbdir, target);
        if (!s->name || !s->part) {
            free(s->name);
            free(s->part);
            rc = VB_ERR_NOMEM;
            goto fail;
        }
        x->n_sheets++;
    }
    if (!x->n_sheets) {
        vb_diag_emit(diag, (vb_srcpos){file, 0, 0}, VB_ERROR, "the workbook has no sheet");
        rc = VB_ERR_INPUT;
        goto fail;
    }
    const char *sst = rel_target(wbrels, NULL, "/sharedStrings");
    const char *sty = rel_target(wbrels, NULL, "/styles");
    char *p;
    p = sst ? resolve(wbdir, sst) : strdup("xl/sharedStrings.xml");
    if (!p || (rc = read_sst(x, p, diag))) {
        free(p);
        rc = rc ? rc : VB_ERR_NOMEM;
        goto fail;
    }
    free(p);
    p = sty ? resolve(wbdir, sty) : strdup("xl/styles.xml");
    if (!p || (rc = read_styles(x, p, diag))) {
        free(p);
        rc = rc ? rc : VB_ERR_NOMEM;
        goto fail;
    }
    free(p);
    *out = x;
    goto done;
fail:
    vb_xlsx_close(x);
done:
    xmlFreeDoc(top);
    xmlFreeDoc(wb);
    xmlFreeDoc(wbrels);
    free(wbpart);
    free(wbdir);
    return rc;
}

void vb_xlsx_close(vb_xlsx *x)
{
    if (!x)
        return;
    if (x->zip)
        vb_zip.zip_discard(x->zip);
    for (size_t i = 0; i < x->n_sheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].part);
    }
    free(x->sheets);
    for (size_t i = 0; i < x->n_sst; i++)
        free(x->sst[i]);
    free(x->sst);
    free(x->xf_kind);
    free(x);
}

size_t vb_xlsx_n_sheets(const vb_xlsx *x)
{
    return x->n_sheets;
}

const char *vb_xlsx_sheet_name(const vb_xlsx *x, size_t i)
{
    return i < x->n_sheets ? x->sheets[i].name : NULL;
}

/* "B17" -> column 1, row 17. 0 when it is not a cell reference. */
static int parse_ref(const char *r, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, w = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
        if (c > 16384)
            return 0;
    }
    if (p == r || !*p)
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        w = w * 10 + (uint32_t)(*p - '0');
        if (w > 1048576)
            return 0;
    }
    if (*p || w == 0)
        return 0;
    *col = c - 1;
    *row = w;
    return 1;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), and back. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

/* A date serial as text, by the kind of its format. 0 when out of range. */
static int date_text(const vb_xlsx *x, const char *v, unsigned char kind, char *out, size_t cap)
{
    double f;
    if (!vb_parse_real(v, strlen(v), &f) || f < 0 || f > 2958465.0)
        return 0;
    long days = (long)f;
    double frac = f - (double)days;
    long secs = (long)(frac * 86400.0 + 0.5);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    long base;
    if (x->date1904)
        base = days_from_civil(1904, 1, 1) + days;
    else if (days >= 61)
        base = days_from_civil(1899, 12, 30) + days;
    else
        base = days_from_civil(1899, 12, 31) + days; /* Excel's 1900-02-29 does not exist */
    long y;
    unsigned m, d;
    civil_from_days(base, &y, &m, &d);
    unsigned hh = (unsigned)(secs / 3600), mm = (unsigned)(secs / 60 % 60), ss = (unsigned)(secs % 60);
    if (kind == 3)
        snprintf(out, cap, ss ? "%02u:%02u:%02u" : "%02u:%02u", hh, mm, ss);
    else if (kind == 2 && secs)
        snprintf(out, cap, ss ? "%04ld-%02u-%02u %02u:%02u:%02u" : "%04ld-%02u-%02u %02u:%02u", y, m, d, hh, mm, ss);
    else
        snprintf(out, cap, "%04ld-%02u-%02u", y, m, d);
    return 1;
}

/* The cells of one <row>, gathered by column. */
typedef struct row_cells {
    const char **v;
    size_t *len;
    char **owned; /* texts made here (numbers, dates), freed after the row */
    size_t n, cap;
} row_cells;

static int row_put(row_cells *r, uint32_t col, const char *s, size_t len, char *owned)
{
    if (col >= r->cap) {
        size_t cap = r->cap ? r->cap : 16;
        while (cap <= col)
            cap *= 2;
        const char **v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return 0;
        r->v = v;
        size_t *l = realloc(r->len, cap * sizeof *l);
        if (!l)
            return 0;
        r->len = l;
        char **o = realloc(r->owned, cap * sizeof *o);
        if (!o)
            return 0;
        r->owned = o;
        for (size_t i = r->cap; i < cap; i++) {
            r->v[i] = "";
            r->len[i] = 0;
            r->owned[i] = NULL;
        }
        r->cap = cap;
    }
    free(r->owned[col]);
    r->v[col] = s;
    r->len[col] = len;
    r->owned[col] = owned;
    if (col + 1 > r->n)
        r->n = col + 1;
    return 1;
}

static void row_clear(row_cells *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->owned[i]);
        r->owned[i] = NULL;
        r->v[i] = "";
        r->len[i] = 0;
    }
    r->n = 0;
}

static const char *text_of(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            return (const char *)c->content;
    return "";
}

/* The sheet called name (the first when name is NULL); an error naming the
 * workbook's sheets when there is none. */
static const sheet_ref *find_sheet(const vb_xlsx *x, const char *name, vb_diag *diag)
{
    for (size_t i = 0; i < x->n_sheets; i++)
        if (!name || strcmp(x->sheets[i].name, name) == 0)
            return &x->sheets[i];
    char list[512] = "";
    for (size_t i = 0; i < x->n_sheets; i++) {
        size_t k = strlen(list);
        snprintf(list + k, sizeof list - k, "%s'%s'", i ? ", " : "", x->sheets[i].name);
    }
    vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "the workbook has no sheet '%s' (it has %s)", name, list);
    return NULL;
}

/* Scratch for reading cells: the row's cells, its first bad cell's message
 * (a row keeps reading after one, so the error lands on the row), and
 * buffers for a number's and an inline string's text. */
typedef struct cell_reader {
    const vb_xlsx *x;
    row_cells cells;
    char bad[300];
    vb_buf num, str;
} cell_reader;

enum { CELL_PUT, CELL_SKIP, CELL_NOMEM };

/* One cell's text by its type: a shared string, an inline string, a formula's
 * text, a boolean, or a number (a date when its style is one). CELL_SKIP for
 * a cell with no value or a bad one (recorded in cr->bad). */
static int cell_text(cell_reader *cr, const xmlNode *c, uint32_t rownum, uint32_t col, const char **val,
                     size_t *vlen, char **owned)
{
    const vb_xlsx *x = cr->x;
    const char *t = attr(c, "t"), *sidx = attr(c, "s");
    char letter[8];
    vb_col_letter(col, letter);
    xmlNode *v = child(c, "v");
    const char *vt = text_of(v);
    *val = "";
    *vlen = 0;
    *owned = NULL;
    if (t && !strcmp(t, "s")) {
        long k;
        if (!v)
            return CELL_SKIP;
        if (!vb_parse_uint(vt, strlen(vt), &k) || (size_t)k >= x->n_sst) {
            if (!*cr->bad)
                snprintf(cr->bad, sizeof cr->bad,
                         _("%s:%u:%s: error: the cell names shared string %s, which the workbook lacks"), x->file,
                         (unsigned)rownum, letter, vt);
            return CELL_SKIP;
        }
        *val = x->sst[k];
        *vlen = strlen(*val);
    } else if (t && !strcmp(t, "inlineStr")) {
        vb_buf_reset(&cr->str);
        xmlNode *is_ = child(c, "is");
        if (is_)
            collect_t(is_, &cr->str);
        if (cr->str.failed)
            return CELL_NOMEM;
        *owned = strndup(cr->str.len ? (const char *)cr->str.data : "", cr->str.len);
        if (!*owned)
            return CELL_NOMEM;
        *val = *owned;
        *vlen = cr->str.len;
    } else if (t && (!strcmp(t, "str") || !strcmp(t, "d"))) {
        *val = vt; /* a formula's text result, or an ISO date */
        *vlen = strlen(vt);
    } else if (t && !strcmp(t, "b")) {
        *val = !strcmp(vt, "1") ? "TRUE" : !strcmp(vt, "0") ? "FALSE" : "";
        *vlen = strlen(*val);
    } else if (t && !strcmp(t, "e")) {
        if (!*cr->bad)
            snprintf(cr->bad, sizeof cr->bad, _("%s:%u:%s: error: the cell holds the Excel error %s"), x->file,
                     (unsigned)rownum, letter, vt);
        return CELL_SKIP;
    } else if (v) { /* a number */
        long si = 0;
        unsigned char kind = 0;
        if (sidx && vb_parse_uint(sidx, strlen(sidx), &si) && (size_t)si < x->n_xf)
            kind = x->xf_kind[si];
        char dt[40];
        vb_buf_reset(&cr->num);
        if (kind && date_text(x, vt, kind, dt, sizeof dt)) {
            vb_buf_puts(&cr->num, dt);
        } else if (!vb_decnum_excel(vt, strlen(vt), &cr->num)) {
            if (!*cr->bad)
                snprintf(cr->bad, sizeof cr->bad, _("%s:%u:%s: error: the cell's number '%.40s' is not a number"), x->file,
                         (unsigned)rownum, letter, vt);
            return CELL_SKIP;
        }
        if (cr->num.failed || !(*owned = strndup((const char *)cr->num.data, cr->num.len)))
            return CELL_NOMEM;
        *val = *owned;
        *vlen = cr->num.len;
    } else {
        return CELL_SKIP;
    }
    return CELL_PUT;
}

/* A <row>'s cells into cr->cells, by their column (a cell without r= follows
 * the one before it). */
static vb_err read_row(cell_reader *cr, const xmlNode *row, uint32_t rownum)
{
    row_clear(&cr->cells);
    cr->bad[0] = 0;
    uint32_t next_col = 0;
    for (xmlNode *c = row->children; c; c = c->next) {
        if (!is(c, "c"))
            continue;
        const char *ref = attr(c, "r");
        uint32_t col = next_col, rw = rownum;
        if (ref && !parse_ref(ref, &col, &rw))
            col = next_col;
        next_col = col + 1;
        if (col >= 16384)
            continue;
        const char *val;
        size_t vlen;
        char *owned;
        int k = cell_text(cr, c, rownum, col, &val, &vlen, &owned);
        if (k == CELL_NOMEM)
            return VB_ERR_NOMEM;
        if (k == CELL_SKIP)
            continue;
        if (!row_put(&cr->cells, col, val, vlen, owned)) {
            free(owned);
            return VB_ERR_NOMEM;
        }
    }
    return VB_OK;
}

/* A row with no text and no bad cell, which the sheet skips. */
static int row_empty(const cell_reader *cr)
{
    int empty = !*cr->bad;
    for (size_t i = 0; i < cr->cells.n && empty; i++)
        empty = cr->cells.len[i] == 0;
    return empty;
}

/* The header row: the column names, each placed at its cell (file:row:col)
 * for messages. */
static vb_err take_header(cell_reader *cr, vb_sheet_builder *b, uint32_t rownum, char ***where, size_t *n_where,
                          vb_diag *diag)
{
    const vb_xlsx *x = cr->x;
    if (*cr->bad) {
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR, "%s", cr->bad);
        return VB_ERR_INPUT;
    }
    size_t fl = strlen(x->file);
    /* n_where only once where exists: the caller frees where[0..n_where) */
    size_t n = cr->cells.n;
    *where = calloc(n ? n : 1, sizeof **where);
    if (!*where)
        return VB_ERR_NOMEM;
    *n_where = n;
    for (size_t i = 0; i < *n_where; i++) {
        char letter[8];
        vb_col_letter((uint32_t)i, letter);
        (*where)[i] = malloc(fl + 32);
        if (!(*where)[i])
            return VB_ERR_NOMEM;
        snprintf((*where)[i], fl + 32, "%s:%u:%s", x->file, (unsigned)rownum, letter);
    }
    return vb_tb_header(b, cr->cells.v, cr->cells.len, cr->cells.n, (const char *const *)*where, diag);
}

/* A data row into the table (with its bad cell's message, if any). */
static vb_err take_row(cell_reader *cr, vb_sheet_builder *b, uint32_t rownum, vb_diag *diag)
{
    vb_err rc = vb_tb_row(b, cr->cells.v, cr->cells.len, cr->cells.n, rownum, *cr->bad ? cr->bad : NULL);
    if (rc == VB_ERR_LIMIT) {
        vb_diag_emit(diag, (vb_srcpos){cr->x->file, rownum, 0}, VB_ERROR,
                     "the sheet has more than %u cells (rows × columns)", VB_SHEET_MAX_CELLS);
        rc = VB_ERR_INPUT;
    }
    return rc;
}

vb_err vb_xlsx_read_sheet(vb_xlsx *x, const char *name, vb_sheet **out, vb_diag *diag)
{
    *out = NULL;
    const sheet_ref *s = find_sheet(x, name, diag);
    if (!s)
        return VB_ERR_INPUT;
    xmlDocPtr d = NULL;
    vb_sheet_builder b;
    cell_reader cr = {.x = x, .num = VB_BUF_INIT, .str = VB_BUF_INIT};
    char **where = NULL;
    size_t n_where = 0;
    vb_err rc = vb_tb_init(&b, x->file, s->name, 1);
    if (rc)
        goto fail;
    if ((rc = read_xml(x, s->part, 1, &d, diag)))
        goto fail;
    xmlNode *data = child(xmlDocGetRootElement(d), "sheetData");
    uint32_t next_row = 1;
    int header = 0;
    for (xmlNode *row = data ? data->children : NULL; row; row = row->next) {
        if (!is(row, "row"))
            continue;
        const char *rr = attr(row, "r");
        long rv = 0;
        uint32_t rownum = rr && vb_parse_uint(rr, strlen(rr), &rv) && rv > 0 && rv <= 1048576 ? (uint32_t)rv : next_row;
        next_row = rownum + 1;
        if ((rc = read_row(&cr, row, rownum)))
            goto fail;
        if (row_empty(&cr))
            continue;
        if (!header) {
            if ((rc = take_header(&cr, &b, rownum, &where, &n_where, diag)))
                goto fail;
            header = 1;
            continue;
        }
        if ((rc = take_row(&cr, &b, rownum, diag)))
            goto fail;
    }
    if (!header) {
        vb_diag_emit(diag, (vb_srcpos){x->file, 0, 0}, VB_ERROR,
                     "the sheet '%s' is empty: its first row names the columns", s->name);
        rc = VB_ERR_INPUT;
        goto fail;
    }
    *out = vb_tb_finish(&b);
    rc = *out ? VB_OK : VB_ERR_NOMEM;
    goto done;
fail:
    b.err = b.err ? b.err : (rc ? rc : VB_ERR_INPUT);
    vb_tb_finish(&b);
done:
    row_clear(&cr.cells);
    free(cr.cells.v);
    free(cr.cells.len);
    free(cr.cells.owned);
    for (size_t i = 0; i < n_where; i++)
        free(where[i]);
    free(where);
    vb_buf_free(&cr.num);
    vb_buf_free(&cr.str);
    xmlFreeDoc(d);
    return rc;
}
