/* diag.c - diagnostics sink. */
#include "diag.h"

#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void vb_diag_init(vb_diag *d)
{
    memset(d, 0, sizeof *d);
}

vb_err vb_diag_create(vb_diag **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? VB_OK : VB_ERR_NOMEM;
}

void vb_diag_destroy(vb_diag *d)
{
    if (!d)
        return;
    vb_diag_free(d);
    free(d);
}

void vb_diag_set_callback(vb_diag *d, vb_diag_fn fn, void *user)
{
    d->cb = fn;
    d->cb_user = fn ? user : NULL;
}

void vb_diag_clear(vb_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].msg);
    d->n = 0;
    memset(d->count, 0, sizeof d->count);
    d->truncated = 0;
}

void vb_diag_free(vb_diag *d)
{
    vb_diag_clear(d);
    for (size_t i = 0; i < d->n_files; i++)
        free(d->files[i]);
    free(d->files);
    d->files = NULL;
    d->n_files = 0;
    free(d->v);
    d->v = NULL;
    d->cap = 0;
}

/* The sink's own copy of a file name (a handful per run). */
static const char *intern(vb_diag *d, const char *file)
{
    if (!file)
        return NULL;
    for (size_t i = 0; i < d->n_files; i++)
        if (strcmp(d->files[i], file) == 0)
            return d->files[i];
    char **v = realloc(d->files, (d->n_files + 1) * sizeof *v);
    if (!v)
        return NULL;
    d->files = v;
    if (!(v[d->n_files] = strdup(file)))
        return NULL;
    return v[d->n_files++];
}

void vb_diag_vemit(vb_diag *d, vb_srcpos pos, vb_severity sev, const char *fmt, va_list ap)
{
    size_t max = d->max_errors ? d->max_errors : 1000;
    d->count[sev]++;
    char tmp[1024];
    /* every message is translated here, once: the stages pass their
     * English text, and xgettext knows vb_diag_emit and the stages' own
     * emitters (cmake/i18n.cmake) */
    vsnprintf(tmp, sizeof tmp, _(fmt), ap);
    /* the embedder's callback hears of every one, kept or not */
    if (d->cb)
        d->cb(d->cb_user, sev, pos.file, pos.line, pos.col, tmp);
    if (d->n >= max) {
        d->truncated = 1;
        return;
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        vb_diag_entry *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            d->truncated = 1;
            return;
        }
        d->v = v;
        d->cap = cap;
    }
    char *msg = strdup(tmp);
    if (!msg) {
        d->truncated = 1;
        return;
    }
    pos.file = intern(d, pos.file);
    d->v[d->n] = (vb_diag_entry){pos, sev, msg, d->n};
    d->n++;
}

void vb_diag_emit(vb_diag *d, vb_srcpos pos, vb_severity sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vb_diag_vemit(d, pos, sev, fmt, ap);
    va_end(ap);
}

size_t vb_diag_count(const vb_diag *d)
{
    return d->n;
}

size_t vb_diag_errors(const vb_diag *d)
{
    return d->count[VB_ERROR];
}

size_t vb_diag_warnings(const vb_diag *d)
{
    return d->count[VB_WARNING];
}

vb_severity vb_diag_severity(const vb_diag *d, size_t i)
{
    return i < d->n ? d->v[i].sev : VB_NOTE;
}

const char *vb_diag_file(const vb_diag *d, size_t i)
{
    return i < d->n ? d->v[i].pos.file : NULL;
}

unsigned vb_diag_line(const vb_diag *d, size_t i)
{
    return i < d->n ? d->v[i].pos.line : 0;
}

unsigned vb_diag_col(const vb_diag *d, size_t i)
{
    return i < d->n ? d->v[i].pos.col : 0;
}

const char *vb_diag_message(const vb_diag *d, size_t i)
{
    return i < d->n ? d->v[i].msg : "";
}

void vb_diag_text(const vb_diag *d, size_t i, char *buf, size_t size)
{
    if (!size)
        return;
    if (i >= d->n) {
        buf[0] = 0;
        return;
    }
    vb_diag_format(&d->v[i], buf, size);
}

int vb_diag_has_at(const vb_diag *d, vb_srcpos pos, vb_severity sev)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].sev == sev && d->v[i].pos.line == pos.line && d->v[i].pos.col == pos.col)
            return 1;
    return 0;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const vb_diag_entry *a = pa, *b = pb;
    int c = strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");
    if (c)
        return c;
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    if (a->pos.col != b->pos.col)
        return a->pos.col < b->pos.col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *sev_name(vb_severity s)
{
    /* TRANSLATORS: the severity in "file:line:col: error: message"; the word only */
    return s == VB_ERROR ? _("error") : s == VB_WARNING ? _("warning") : _("note");
}

void vb_diag_format(const vb_diag_entry *e, char *buf, size_t size)
{
    const char *file = e->pos.file ? e->pos.file : "vanban";
    if (e->pos.line && e->pos.col)
        snprintf(buf, size, "%s:%u:%u: %s: %s", file, e->pos.line, e->pos.col, sev_name(e->sev), e->msg);
    else if (e->pos.line)
        snprintf(buf, size, "%s:%u: %s: %s", file, e->pos.line, sev_name(e->sev), e->msg);
    else
        snprintf(buf, size, "%s: %s: %s", file, sev_name(e->sev), e->msg);
}

void vb_diag_print(vb_diag *d, FILE *f, int verbose)
{
    if (d->n)
        qsort(d->v, d->n, sizeof *d->v, cmp_entry);
    char line[1400];
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev == VB_NOTE && !verbose)
            continue;
        vb_diag_format(&d->v[i], line, sizeof line);
        fprintf(f, "%s\n", line);
    }
    if (d->truncated)
        fprintf(f, _("vanban: note: too many diagnostics; %zu errors in all\n"), d->count[VB_ERROR]);
}
