/* pdfinfo.c - the signature fields of any PDF, read with qpdf's C API.
 *
 * qpdf does the parsing (and the repair of a damaged file); this file only
 * walks the interactive form: the catalog's /AcroForm /Fields, each field's
 * /Kids, down to the widgets, with the field type and value inherited from
 * the parents as the PDF reference says (12.7.4). Every object-handle call
 * can fail on a broken file; qpdf then returns a neutral value (null, 0, "")
 * and records the error, which is checked where it matters: a field that
 * cannot be read is skipped, a page tree that cannot be read stops. */
#include "pdfinfo.h"

#include <dlfcn.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <qpdf/qpdf-c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "utf8.h"
#include "i18n.h"

#define MM_PER_PT (25.4 / 72.0)

/* ---- libqpdf, loaded when it is first needed ----
 *
 * libqpdf is a C++ library: linked into the program, it and what it pulls in
 * (libstdc++, gnutls, libcrypto, libjpeg) cost every `vanban render` process
 * about 2 ms of loading and relocation, a quarter of a render. Only `vanban
 * info` needs it, so it is opened on first use; the prototypes still come
 * from qpdf-c.h, so every call is type-checked. */
#define QPDF_FUNCS(X) \
    X(qpdf_cleanup) \
    X(qpdf_find_page_by_oh) \
    X(qpdf_get_error) \
    X(qpdf_get_error_full_text) \
    X(qpdf_get_num_pages) \
    X(qpdf_get_page_n) \
    X(qpdf_get_root) \
    X(qpdf_has_error) \
    X(qpdf_init) \
    X(qpdf_more_warnings) \
    X(qpdf_oh_get_array_item) \
    X(qpdf_oh_get_array_n_items) \
    X(qpdf_oh_get_binary_string_value) \
    X(qpdf_oh_get_binary_utf8_value) \
    X(qpdf_oh_get_generation) \
    X(qpdf_oh_get_key) \
    X(qpdf_oh_get_key_if_dict) \
    X(qpdf_oh_get_numeric_value) \
    X(qpdf_oh_get_object_id) \
    X(qpdf_oh_has_key) \
    X(qpdf_oh_is_array) \
    X(qpdf_oh_is_dictionary) \
    X(qpdf_oh_is_name) \
    X(qpdf_oh_is_name_and_equals) \
    X(qpdf_oh_is_null) \
    X(qpdf_oh_is_number) \
    X(qpdf_oh_is_string) \
    X(qpdf_oh_release) \
    X(qpdf_read_memory) \
    X(qpdf_set_suppress_warnings) \
    X(qpdf_silence_errors)

static struct qpdf_api {
#define QPDF_PTR(f) __typeof__(&f) f;
    QPDF_FUNCS(QPDF_PTR)
#undef QPDF_PTR
} qp;
static const char *qpdf_missing; /* why loading failed, or NULL */
static pthread_once_t qpdf_once = PTHREAD_ONCE_INIT;

static void qpdf_load(void)
{
    static const char *const names[] = {
#ifdef VB_QPDF_SONAME
        VB_QPDF_SONAME, /* the one built against */
#endif
        "libqpdf.so.29", "libqpdf.so"};
    void *h = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !h; i++)
        h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        qpdf_missing = N_("cannot load the qpdf library (libqpdf, package libqpdf29)");
        return;
    }
    /* kept open for the life of the process */
#define QPDF_SYM(f)                                                                                                    \
    if (!(qp.f = (__typeof__(qp.f))dlsym(h, #f))) {                                                                   \
        qpdf_missing = "the qpdf library (libqpdf) lacks " #f;                                                         \
        return;                                                                                                        \
    }
    QPDF_FUNCS(QPDF_SYM)
#undef QPDF_SYM
}

/* Object ids seen while walking the field tree (a small open-addressing
 * set): a /Kids array that points back up is followed once. */
typedef struct seen_set {
    uint64_t *v; /* id << 16 | generation, + 1 (0: empty) */
    size_t cap, n;
} seen_set;

/* Returns 1 when key was already there, 0 when it was added, -1 on no memory. */
static int seen_add(seen_set *s, uint64_t key)
{
    key += 1;
    if (2 * (s->n + 1) > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        uint64_t *nv = calloc(ncap, sizeof *nv);
        if (!nv)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i])
                continue;
            size_t j = (size_t)(s->v[i] * 0x9E3779B97F4A7C15ull) & (ncap - 1);
            while (nv[j])
                j = (j + 1) & (ncap - 1);
            nv[j] = s->v[i];
        }
        free(s->v);
        s->v = nv;
        s->cap = ncap;
    }
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == key)
            return 1;
        j = (j + 1) & (s->cap - 1);
    }
    s->v[j] = key;
    s->n++;
    return 0;
}

typedef struct walk {
    qpdf_data q;
    vb_pdfinfo *out;
    seen_set seen;
    size_t nodes;
    int nomem;
} walk;

/* A text string of oh as UTF-8 (malloc'd), "" when oh is not a string.
 * Text strings are UTF-16BE with a byte order mark or PDFDocEncoding (qpdf
 * converts both); but some writers (poppler's pdfsig among them) put bare
 * UTF-8 in field names, which PDFDocEncoding would turn into mojibake
 * ("NgÆ°á»ši"): bytes that are valid UTF-8, without a BOM and not all
 * ASCII, are taken as UTF-8, as those writers meant. */
static char *utf8_of(qpdf_data q, qpdf_oh oh)
{
    const char *s = "";
    size_t n = 0;
    if (qp.qpdf_oh_is_string(q, oh)) {
        size_t rn = 0;
        const char *raw = qp.qpdf_oh_get_binary_string_value(q, oh, &rn);
        const unsigned char *u = (const unsigned char *)raw;
        int bom16 = raw && rn >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe));
        int bom8 = raw && rn >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf;
        if (raw && !bom16 && vb_utf8_check(raw, rn) == rn) {
            s = bom8 ? raw + 3 : raw;
            n = bom8 ? rn - 3 : rn;
        } else {
            s = qp.qpdf_oh_get_binary_utf8_value(q, oh, &n);
            if (!s) {
                s = "";
                n = 0;
            }
        }
    }
    char *r = malloc(n + 1);
    if (!r)
        return NULL;
    memcpy(r, s, n);
    r[n] = 0;
    /* a NUL inside a name would cut it short when printed: show it as '?' */
    for (size_t i = 0; i < n; i++)
        if (!r[i])
            r[i] = '?';
    return r;
}

/* parent + "." + partial (either may be empty). */
static char *qualified(const char *parent, const char *partial)
{
    size_t a = strlen(parent), b = strlen(partial);
    char *r = malloc(a + b + 2);
    if (!r)
        return NULL;
    memcpy(r, parent, a);
    size_t n = a;
    if (a && b)
        r[n++] = '.';
    memcpy(r + n, partial, b);
    r[n + b] = 0;
    return r;
}

/* The widget's page (1-based), 0 when it is on none: its /P when that is a
 * page, else the page whose /Annots lists it. */
static int page_of(walk *w, qpdf_oh widget)
{
    qpdf_data q = w->q;
    qpdf_oh p = qp.qpdf_oh_get_key(q, widget, "/P");
    if (qp.qpdf_oh_is_dictionary(q, p)) {
        int i = qp.qpdf_find_page_by_oh(q, p);
        if (qp.qpdf_has_error(q))
            qp.qpdf_get_error(q); /* not a page: look in the pages' /Annots */
        else if (i >= 0)
            return i + 1;
    }
    int id = qp.qpdf_oh_get_object_id(q, widget), gen = qp.qpdf_oh_get_generation(q, widget);
    if (id <= 0)
        return 0;
    /* bounded: a file with many pages and annotations costs at most this */
    long budget = 1000000;
    for (int i = 0; i < w->out->n_pages && budget > 0; i++) {
        qpdf_oh pg = qp.qpdf_get_page_n(q, (size_t)i);
        qpdf_oh annots = qp.qpdf_oh_get_key_if_dict(q, pg, "/Annots");
        int n = qp.qpdf_oh_is_array(q, annots) ? qp.qpdf_oh_get_array_n_items(q, annots) : 0;
        for (int k = 0; k < n && budget > 0; k++, budget--) {
            qpdf_oh a = qp.qpdf_oh_get_array_item(q, annots, k);
            if (qp.qpdf_oh_get_object_id(q, a) == id && qp.qpdf_oh_get_generation(q, a) == gen)
                return i + 1;
        }
        qp.qpdf_oh_release(q, pg);
        qp.qpdf_oh_release(q, annots);
    }
    return 0;
}

static void add_widget(walk *w, qpdf_oh widget, const char *name, int is_signed)
{
    qpdf_data q = w->q;
    vb_pdfinfo *o = w->out;
    if (o->n_fields == o->cap_fields) {
        size_t ncap = o->cap_fields ? o->cap_fields * 2 : 8;
        vb_sigfield *nv = realloc(o->fields, ncap * sizeof *nv);
        if (!nv) {
            w->nomem = 1;
            return;
        }
        o->fields = nv;
        o->cap_fields = ncap;
    }
    vb_sigfield f = {0};
    f.name = malloc(strlen(name) + 1);
    if (!f.name) {
        w->nomem = 1;
        return;
    }
    strcpy(f.name, name);
    f.is_signed = is_signed;
    qpdf_oh r = qp.qpdf_oh_get_key(q, widget, "/Rect");
    if (qp.qpdf_oh_is_array(q, r) && qp.qpdf_oh_get_array_n_items(q, r) == 4) {
        for (int i = 0; i < 4; i++) {
            qpdf_oh v = qp.qpdf_oh_get_array_item(q, r, i);
            double d = qp.qpdf_oh_is_number(q, v) ? qp.qpdf_oh_get_numeric_value(q, v) : 0;
            f.rect[i] = isfinite(d) ? d : 0;
        }
        if (f.rect[0] > f.rect[2]) {
            double t = f.rect[0];
            f.rect[0] = f.rect[2];
            f.rect[2] = t;
        }
        if (f.rect[1] > f.rect[3]) {
            double t = f.rect[1];
            f.rect[1] = f.rect[3];
            f.rect[3] = t;
        }
    }
    f.page = page_of(w, widget);
    o->fields[o->n_fields++] = f;
}

/* One node of the field tree with what it inherits: its qualified name so
 * far, whether an ancestor says /FT /Sig, and an ancestor's /V. */
static void walk_field(walk *w, qpdf_oh node, const char *parent_name, int parent_sig, int parent_signed, int depth)
{
    qpdf_data q = w->q;
    if (w->nomem || !qp.qpdf_oh_is_dictionary(q, node))
        return;
    if (depth > VB_PDFINFO_MAX_DEPTH || w->nodes >= VB_PDFINFO_MAX_NODES) {
        w->out->truncated = 1;
        return;
    }
    w->nodes++;
    int id = qp.qpdf_oh_get_object_id(q, node);
    if (id > 0) {
        int r = seen_add(&w->seen, ((uint64_t)(unsigned)id << 16) | (unsigned)(qp.qpdf_oh_get_generation(q, node) & 0xffff));
        if (r) {
            w->nomem |= r < 0;
            return; /* a loop, or a widget listed twice */
        }
    }
    qpdf_oh ft = qp.qpdf_oh_get_key(q, node, "/FT");
    int is_sig = qp.qpdf_oh_is_name(q, ft) ? qp.qpdf_oh_is_name_and_equals(q, ft, "/Sig") : parent_sig;
    qpdf_oh v = qp.qpdf_oh_get_key(q, node, "/V");
    int is_signed = qp.qpdf_oh_is_null(q, v) ? parent_signed : qp.qpdf_oh_is_dictionary(q, v);

    qpdf_oh t = qp.qpdf_oh_get_key(q, node, "/T");
    char *name;
    if (qp.qpdf_oh_is_string(q, t)) {
        char *partial = utf8_of(q, t);
        name = partial ? qualified(parent_name, partial) : NULL;
        free(partial);
    } else {
        name = qualified(parent_name, "");
    }
    if (!name) {
        w->nomem = 1;
        return;
    }

    /* Kids that are fields (they have /T) or widgets (they have none); a
     * node without kids is itself the widget. */
    qpdf_oh kids = qp.qpdf_oh_get_key(q, node, "/Kids");
    int n = qp.qpdf_oh_is_array(q, kids) ? qp.qpdf_oh_get_array_n_items(q, kids) : 0;
    int widgets = 0;
    for (int i = 0; i < n && !w->nomem; i++) {
        qpdf_oh kid = qp.qpdf_oh_get_array_item(q, kids, i);
        if (!qp.qpdf_oh_is_dictionary(q, kid))
            continue;
        if (qp.qpdf_oh_has_key(q, kid, "/T") || qp.qpdf_oh_has_key(q, kid, "/Kids")) {
            walk_field(w, kid, name, is_sig, is_signed, depth + 1);
        } else if (is_sig) {
            if (w->nodes >= VB_PDFINFO_MAX_NODES) {
                w->out->truncated = 1;
                break;
            }
            w->nodes++;
            int kid_id = qp.qpdf_oh_get_object_id(q, kid);
            if (kid_id > 0) {
                int r = seen_add(&w->seen,
                                 ((uint64_t)(unsigned)kid_id << 16) | (unsigned)(qp.qpdf_oh_get_generation(q, kid) & 0xffff));
                if (r) {
                    w->nomem |= r < 0;
                    continue;
                }
            }
            add_widget(w, kid, name, is_signed);
            widgets++;
        }
        qp.qpdf_oh_release(q, kid);
    }
    if (is_sig && n == 0 && !widgets)
        add_widget(w, node, name, is_signed);
    free(name);
    qp.qpdf_oh_release(q, ft);
    qp.qpdf_oh_release(q, v);
    qp.qpdf_oh_release(q, t);
    qp.qpdf_oh_release(q, kids);
}

static void set_why(char *why, size_t cap, const char *what, const char *detail)
{
    if (!cap)
        return;
    /* qpdf's messages name the file and an offset; one line is enough */
    char line[512];
    snprintf(line, sizeof line, "%s", detail ? detail : "");
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    snprintf(why, cap, "%s%s%s", _(what), *line ? ": " : "", line);
}

static vb_err read_info(const void *data, size_t len, const char *name, vb_pdfinfo *out, char *why, size_t why_cap)
{
    memset(out, 0, sizeof *out);
    if (why_cap)
        why[0] = 0;
    pthread_once(&qpdf_once, qpdf_load);
    if (qpdf_missing) {
        set_why(why, why_cap, qpdf_missing, dlerror());
        return VB_ERR_INTERNAL;
    }
    qpdf_data q = qp.qpdf_init();
    if (!q)
        return VB_ERR_NOMEM;
    qp.qpdf_silence_errors(q);
    qp.qpdf_set_suppress_warnings(q, QPDF_TRUE);
    walk w = {q, out, {0}, 0, 0};
    vb_err err = VB_OK;

    if (qp.qpdf_read_memory(q, name ? name : "input", data, (unsigned long long)len, NULL) & QPDF_ERRORS) {
        set_why(why, why_cap, "not a readable PDF", qp.qpdf_get_error_full_text(q, qp.qpdf_get_error(q)));
        err = VB_ERR_INPUT;
        goto done;
    }
    /* warnings now are about the file's structure (qpdf repaired it);
     * later ones come from our own look-ups */
    out->repaired = qp.qpdf_more_warnings(q) != 0;
    out->n_pages = qp.qpdf_get_num_pages(q);
    if (out->n_pages < 0 || qp.qpdf_has_error(q)) {
        set_why(why, why_cap, "cannot read the page tree", qp.qpdf_get_error_full_text(q, qp.qpdf_get_error(q)));
        out->n_pages = 0;
        err = VB_ERR_INPUT;
        goto done;
    }
    qpdf_oh root = qp.qpdf_get_root(q);
    qpdf_oh form = qp.qpdf_oh_get_key_if_dict(q, root, "/AcroForm");
    qpdf_oh fields = qp.qpdf_oh_get_key_if_dict(q, form, "/Fields");
    int n = qp.qpdf_oh_is_array(q, fields) ? qp.qpdf_oh_get_array_n_items(q, fields) : 0;
    for (int i = 0; i < n && !w.nomem && !out->truncated; i++) {
        qpdf_oh f = qp.qpdf_oh_get_array_item(q, fields, i);
        walk_field(&w, f, "", 0, 0, 0);
        qp.qpdf_oh_release(q, f);
    }
    if (qp.qpdf_has_error(q))
        qp.qpdf_get_error(q); /* a field that could not be read was skipped */
    if (w.nomem)
        err = VB_ERR_NOMEM;
done:
    free(w.seen.v);
    qp.qpdf_cleanup(&q);
    if (err)
        vb_pdfinfo_free(out);
    return err;
}

void vb_pdfinfo_free(vb_pdfinfo *info)
{
    for (size_t i = 0; i < info->n_fields; i++)
        free(info->fields[i].name);
    free(info->fields);
    int n_pages = info->n_pages;
    memset(info, 0, sizeof *info);
    info->n_pages = n_pages;
}

/* ---- output ---- */

/* s with control characters (a terminal's escape sequences among them)
 * shown as '?'. */
static void put_clean(vb_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        vb_buf_putc(b, c < 0x20 || c == 0x7f ? '?' : c);
    }
}

static void put_json_string(vb_buf *b, const char *s)
{
    vb_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            vb_buf_putc(b, '\\');
            vb_buf_putc(b, c);
        } else if (c < 0x20 || c == 0x7f) {
            vb_buf_printf(b, "\\u%04x", c);
        } else {
            vb_buf_putc(b, c);
        }
    }
    vb_buf_putc(b, '"');
}

static void put_rect(vb_buf *b, const double r[4], double scale, const char *sep)
{
    for (int i = 0; i < 4; i++) {
        if (i)
            vb_buf_puts(b, sep);
        vb_buf_real(b, r[i] * scale, 2);
    }
}

void vb_pdfinfo_text(const vb_pdfinfo *info, const char *name, vb_buf *out)
{
    put_clean(out, name);
    vb_buf_printf(out, _(": %d page%s, %zu signature field%s%s\n"), info->n_pages, info->n_pages == 1 ? "" : "s",
                  info->n_fields, info->n_fields == 1 ? "" : "s",
                  info->repaired ? _(" (the file is damaged: read as qpdf repaired it)") : "");
    for (size_t i = 0; i < info->n_fields; i++) {
        const vb_sigfield *f = &info->fields[i];
        vb_buf_puts(out, "  \"");
        put_clean(out, f->name);
        vb_buf_puts(out, "\": ");
        if (f->page)
            vb_buf_printf(out, _("page %d, "), f->page);
        else
            vb_buf_puts(out, _("on no page, "));
        vb_buf_puts(out, f->is_signed ? _("signed\n") : _("not signed\n"));
        vb_buf_puts(out, "    x1 y1 x2 y2: ");
        put_rect(out, f->rect, 1, " ");
        vb_buf_puts(out, " pt = ");
        put_rect(out, f->rect, MM_PER_PT, " ");
        vb_buf_puts(out, _(" mm from the page's lower left corner\n"));
    }
    if (info->truncated)
        vb_buf_printf(out, _("  (stopped after %d form fields and widgets)\n"), VB_PDFINFO_MAX_NODES);
}

void vb_pdfinfo_json(const vb_pdfinfo *info, const char *name, vb_buf *out)
{
    vb_buf_puts(out, "{\"file\": ");
    put_json_string(out, name);
    vb_buf_printf(out, ", \"pages\": %d, \"repaired\": %s, \"truncated\": %s, \"fields\": [", info->n_pages,
                  info->repaired ? "true" : "false", info->truncated ? "true" : "false");
    for (size_t i = 0; i < info->n_fields; i++) {
        const vb_sigfield *f = &info->fields[i];
        vb_buf_puts(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
        put_json_string(out, f->name);
        vb_buf_printf(out, ", \"type\": \"signature\", \"page\": %d, \"signed\": %s, \"rect_pt\": [", f->page,
                      f->is_signed ? "true" : "false");
        put_rect(out, f->rect, 1, ", ");
        vb_buf_puts(out, "], \"rect_mm\": [");
        put_rect(out, f->rect, MM_PER_PT, ", ");
        vb_buf_puts(out, "]}");
    }
    vb_buf_puts(out, info->n_fields ? "\n]}\n" : "]}\n");
}

/* qpdf reads a real number with atof, which follows LC_NUMERIC: under a
 * locale with a decimal comma (vi_VN) "361.42" would read 361. The program
 * (or an embedder) may have set such a locale for its messages, so the
 * reading runs under the C locale's numbers, in this thread only. */
vb_err vb_pdfinfo_read(const void *data, size_t len, const char *name, vb_pdfinfo *out, char *why, size_t why_cap)
{
    /* the thread's locale, messages and all, with C numbers */
    locale_t base = duplocale(uselocale((locale_t)0));
    locale_t c_num = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
    if (base && !c_num)
        freelocale(base);
    locale_t old = c_num ? uselocale(c_num) : (locale_t)0;
    vb_err err = read_info(data, len, name, out, why, why_cap);
    if (c_num) {
        uselocale(old);
        freelocale(c_num);
    }
    return err;
}
