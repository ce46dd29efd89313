/* batch.c - the batch runner (batch.h): rows to files, in threads, safely.
 *
 * Order of work: read the template, the data and the engine; check the
 * template against the columns (fill.c), make every row's file name and
 * refuse two rows that would write one file; only then touch OUTDIR. Every
 * output is written as OUTDIR/.vbtmp.<K-N>.<row>.<ext> and renamed to its
 * final name when complete. A run holds a lock (flock) on
 * OUTDIR/.vbtmp.<K-N>.lock, so that a later run can tell the temporary
 * files of a run that was killed (removed) from those of a shard still
 * running beside it in the same directory (left alone). */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#include "crypto_api.h"
#include "dataset.h"
#include "fill.h"
#include "names.h"
#include "model.h"
#include "render_with.h"
#include "xml_read.h"
#include "i18n.h"

enum { ST_PENDING, ST_DONE, ST_SKIPPED, ST_BAD, ST_IO };
enum { BX_OK = 0, BX_INPUT = 1, BX_USAGE = 2, BX_IO = 3, BX_ENV = 4, BX_INTERNAL = 5 };

typedef struct row_result {
    unsigned char status;
    int pages;
    unsigned char sha[2][32];
} row_result;

static const char *const ext[2] = {"pdf", "docx"};

/* Ctrl-C or SIGTERM (what Kubernetes and Slurm send before killing): no new
 * row is started, the rows under way finish, the manifest lists what was
 * written. A second signal kills at once (SA_RESETHAND); either way a
 * later run finishes the job with --skip-existing. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}
static const vb_format fmt_of[2] = {VB_FORMAT_PDF, VB_FORMAT_DOCX};

typedef struct job {
    const vb_batch_opts *o;
    vb_engine *e;
    const char *tmpl;
    size_t tmpl_len;
    const vb_sheet *t;
    const vb_fill *f;
    size_t *rows; /* this shard's rows */
    size_t n;
    int width;    /* the row numbers' width in default names */
    row_result *res;
    int dirfd;
    char tag[48];
    int want[2];
    int vi;        /* messages in Vietnamese */
    int bar;       /* a progress bar on a terminal */
    atomic_size_t next;
    pthread_mutex_t lock; /* guards the counters and stderr */
    pthread_cond_t cv;
    size_t done, bad, io, skipped;
    size_t warned; /* rows with warnings */
} job;

static int is_vi(void)
{
    const char *v[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *s = getenv(v[i]);
        if (s && *s)
            return strncmp(s, "vi", 2) == 0;
    }
    return 0;
}

/* en, translated through gettext (po/vi.po holds vn, the authors' own
 * Vietnamese): the locale's LC_MESSAGES decides, as everywhere else */
#define T(j, en, vn) _(en)

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_file(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, _("%s: error: cannot open: %s\n"), path, strerror(errno));
        return BX_IO;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n > max) {
            fprintf(stderr, _("%s: error: the file is larger than the limit of %zu bytes (--max-input)\n"), path, max);
            free(buf);
            fclose(f);
            return BX_INPUT;
        }
        if (k == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!buf)
        return BX_INTERNAL;
    if (err) {
        fprintf(stderr, _("%s: error: cannot read: %s\n"), path, strerror(errno));
        free(buf);
        return BX_IO;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return BX_OK;
}

/* ---- the tables a template joins (mau_lap) ------------------------------------- */

typedef struct loader {
    vb_xlsx *x;          /* the workbook, or NULL for CSV */
    const char *data;    /* the data file's path */
    size_t max;
} loader;

static vb_sheet *load_join(void *ctx, const char *name, vb_diag *diag)
{
    loader *l = ctx;
    vb_sheet *t = NULL;
    if (l->x) {
        for (size_t i = 0; i < vb_xlsx_n_sheets(l->x); i++)
            if (strcmp(vb_xlsx_sheet_name(l->x, i), name) == 0) {
                vb_xlsx_read_sheet(l->x, name, &t, diag);
                return t;
            }
        return NULL;
    }
    if (strchr(name, '/') || !*name || name[0] == '.')
        return NULL;
    const char *slash = strrchr(l->data, '/');
    size_t dl = slash ? (size_t)(slash - l->data) + 1 : 0;
    size_t n = dl + strlen(name) + 5;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%.*s%s.csv", (int)dl, l->data, name);
    char *data;
    size_t len;
    if (access(path, R_OK) == 0 && read_file(path, l->max, &data, &len) == BX_OK) {
        vb_csv_read(data, len, path, name, &t, diag);
        free(data);
    }
    free(path);
    return t;
}

/* ---- output files -------------------------------------------------------------- */

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Writes b as OUTDIR/final through a temporary name. 0, or errno. */
static int write_atomic(job *j, const char *tmp, const char *final, const vb_buf *b)
{
    int fd = openat(j->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno;
    int err = write_all(fd, b->data, b->len) ? errno : 0;
    if (close(fd) && !err)
        err = errno;
    if (!err && renameat(j->dirfd, tmp, j->dirfd, final))
        err = errno;
    if (err)
        unlinkat(j->dirfd, tmp, 0);
    return err;
}

static void sha256(const void *p, size_t n, unsigned char out[32])
{
    unsigned int len = 32;
    if (!vb_crypto.EVP_Digest(p, n, out, &len, vb_crypto.EVP_sha256(), NULL))
        memset(out, 0, 32);
}

/* The page count of one of our PDFs (its one /Pages node's /Count). */
static int pdf_pages(const unsigned char *p, size_t n)
{
    static const char key[] = "/Count ";
    for (size_t i = 0; i + sizeof key < n; i++)
        if (p[i] == '/' && memcmp(p + i, key, sizeof key - 1) == 0)
            return atoi((const char *)p + i + sizeof key - 1);
    return 0;
}

/* ---- messages ------------------------------------------------------------------ */

static void clear_bar(job *j)
{
    if (j->bar)
        fputs("\r\033[K", stderr);
}

/* Prints a failed row's problems; called with the lock held. */
static void report_row(job *j, size_t r, const vb_diag *d, const char *extra)
{
    clear_bar(j);
    /* "row 4 (huyen.csv:5): bao-cao.xml:30:12: error: …" */
    fprintf(stderr, "%s %zu (%s:%u): ", T(j, "row", "dòng"), r + 1, j->t->file, (unsigned)j->t->line[r]);
    if (extra) {
        fprintf(stderr, "%s\n", extra);
        return;
    }
    size_t shown = 0;
    char line[1400];
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].sev != VB_ERROR)
            continue;
        vb_diag_format(&d->v[i], line, sizeof line);
        fprintf(stderr, "%s%s\n", shown ? "    " : "", line);
        shown++;
    }
    if (!shown)
        fprintf(stderr, "%s\n", T(j, "failed", "không tạo được"));
}

/* ---- the work of one row ------------------------------------------------------- */

/* Row r's file name with extension k. Made again each time rather than
 * kept, so that memory does not grow with the rows; make_names has checked
 * every pattern already, so nothing fails here but memory. */
static void row_file(job *j, size_t r, int k, char *buf, size_t cap)
{
    if (!j->o->name) {
        snprintf(buf, cap, "%0*zu.%s", j->width, r + 1, ext[k]);
        return;
    }
    vb_buf b = VB_BUF_INIT;
    vb_diag d;
    vb_diag_init(&d);
    vb_fill_string(j->f, j->o->name, r, "--name", &b, &d);
    char *name = vb_safe_name(b.len ? (const char *)b.data : "", b.len);
    snprintf(buf, cap, "%s.%s", name ? name : "_", ext[k]);
    free(name);
    vb_diag_free(&d);
    vb_buf_free(&b);
}

/* All of the row's files are there already: read them for the manifest. */
static int take_existing(job *j, size_t i)
{
    size_t r = j->rows[i];
    char name[VB_NAME_MAX + 16];
    for (int k = 0; k < 2; k++) {
        if (!j->want[k])
            continue;
        row_file(j, r, k, name, sizeof name);
        struct stat st;
        if (fstatat(j->dirfd, name, &st, 0) || !S_ISREG(st.st_mode))
            return 0;
    }
    for (int k = 0; k < 2; k++) {
        if (!j->want[k])
            continue;
        row_file(j, r, k, name, sizeof name);
        int fd = openat(j->dirfd, name, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return 0;
        struct stat st;
        unsigned char *p = NULL;
        int ok = fstat(fd, &st) == 0 && (p = malloc((size_t)st.st_size + 1));
        size_t got = 0;
        while (ok && got < (size_t)st.st_size) {
            ssize_t n = read(fd, p + got, (size_t)st.st_size - got);
            if (n <= 0)
                ok = 0;
            else
                got += (size_t)n;
        }
        close(fd);
        if (ok) {
            sha256(p, got, j->res[i].sha[k]);
            if (k == 0)
                j->res[i].pages = pdf_pages(p, got);
        }
        free(p);
        if (!ok)
            return 0;
    }
    return 1;
}

static void do_row(job *j, size_t i, vb_diag *d, vb_buf *out)
{
    size_t r = j->rows[i];
    row_result *res = &j->res[i];
    char msg[600];
    if (j->o->skip_existing && take_existing(j, i)) {
        res->status = ST_SKIPPED;
        return;
    }
    if (j->t->bad[r]) {
        /* the message names the file and line (and cell) itself */
        pthread_mutex_lock(&j->lock);
        clear_bar(j);
        fprintf(stderr, "%s %zu: %s\n", T(j, "row", "dòng"), r + 1, j->t->bad[r]);
        pthread_mutex_unlock(&j->lock);
        res->status = ST_BAD;
        return;
    }
    for (int k = 0; k < 2; k++) {
        if (!j->want[k])
            continue;
        vb_diag_clear(d);
        vb_buf_reset(out);
        vb_fill_row fr = {j->f, r};
        vb_tree_hook hook = vb_fill_row_hook(&fr);
        int pages = 0;
        vb_err err = vb_render_with(j->e, j->tmpl, j->tmpl_len, j->o->tmpl, &hook, fmt_of[k], out, &pages, d);
        if (err) {
            pthread_mutex_lock(&j->lock);
            if (vb_diag_errors(d) == 0) {
                snprintf(msg, sizeof msg, "%s", vb_strerror(err));
                report_row(j, r, NULL, msg);
            } else {
                report_row(j, r, d, NULL);
            }
            pthread_mutex_unlock(&j->lock);
            res->status = err == VB_ERR_NOMEM || err == VB_ERR_INTERNAL ? ST_IO : ST_BAD;
            return;
        }
        if (k == 0 && d->count[VB_WARNING]) {
            /* the linter's warnings: shown with -v, counted otherwise (3,000
             * rows would repeat the template's own warnings 3,000 times) */
            pthread_mutex_lock(&j->lock);
            j->warned++;
            if (j->o->verbose) {
                clear_bar(j);
                char line[1400];
                for (size_t w = 0; w < d->n; w++)
                    if (d->v[w].sev == VB_WARNING) {
                        vb_diag_format(&d->v[w], line, sizeof line);
                        fprintf(stderr, "%s %zu (%s:%u): %s\n", T(j, "row", "dòng"), r + 1, j->t->file,
                                (unsigned)j->t->line[r], line);
                    }
            }
            pthread_mutex_unlock(&j->lock);
        }
        if (k == 0)
            res->pages = pages;
        sha256(out->data, out->len, res->sha[k]);
        char tmp[96], name[VB_NAME_MAX + 16];
        snprintf(tmp, sizeof tmp, ".vbtmp.%s.%zu.%s", j->tag, r + 1, ext[k]);
        row_file(j, r, k, name, sizeof name);
        int e = write_atomic(j, tmp, name, out);
        if (e) {
            snprintf(msg, sizeof msg, _("%s/%s: error: %s: %s"), j->o->outdir, name,
                     T(j, "cannot write", "không ghi được"), strerror(e));
            pthread_mutex_lock(&j->lock);
            report_row(j, r, NULL, msg);
            pthread_mutex_unlock(&j->lock);
            res->status = ST_IO;
            return;
        }
    }
    res->status = ST_DONE;
}

static void *worker(void *arg)
{
    job *j = arg;
    vb_diag d;
    vb_diag_init(&d);
    vb_buf out = VB_BUF_INIT;
    for (;;) {
        if (stop_signal)
            break;
        size_t i = atomic_fetch_add(&j->next, 1);
        if (i >= j->n)
            break;
        do_row(j, i, &d, &out);
        pthread_mutex_lock(&j->lock);
        j->done++;
        j->bad += j->res[i].status == ST_BAD;
        j->io += j->res[i].status == ST_IO;
        j->skipped += j->res[i].status == ST_SKIPPED;
        pthread_cond_signal(&j->cv);
        pthread_mutex_unlock(&j->lock);
        /* a document's memory goes back to the system, so that the peak
         * stays the same for 300 rows or 3,000 */
        if (out.cap > (4u << 20)) {
            vb_buf_free(&out);
            out = (vb_buf)VB_BUF_INIT;
        }
    }
    vb_buf_free(&out);
    vb_diag_free(&d);
    return NULL;
}

/* ---- progress ------------------------------------------------------------------ */

static void show_progress(job *j, double t0, int final)
{
    double el = now_s() - t0;
    double rate = el > 0 ? (double)j->done / el : 0;
    double eta = rate > 0 ? (double)(j->n - j->done) / rate : 0;
    if (j->bar) {
        int w = 30, fill = j->n ? (int)((double)w * (double)j->done / (double)j->n) : w;
        char bar[64];
        for (int i = 0; i < w; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[w] = 0;
        fprintf(stderr, "\r\033[K[%s] %zu/%zu  %.0f %s  %s %.0f s", bar, j->done, j->n, rate,
                T(j, "documents/s", "văn bản/giây"), T(j, "ETA", "còn"), eta);
        if (final)
            fputc('\n', stderr);
    } else {
        fprintf(stderr, "vanban batch: %zu/%zu %s, %.0f %s, %s %.0f s\n", j->done, j->n, T(j, "done", "xong"), rate,
                T(j, "documents/s", "văn bản/giây"), T(j, "ETA", "còn"), eta);
    }
    fflush(stderr);
}

/* ---- the output directory ------------------------------------------------------ */

static int make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return ENOMEM;
    int err = 0;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || !*s) {
            char c = *s;
            *s = 0;
            if (mkdir(p, 0777) && errno != EEXIST)
                err = errno;
            *s = c;
            if (!c || err)
                break;
        }
    }
    free(p);
    return err;
}

/* Takes this shard's lock, then removes the temporary files of runs that
 * were killed: ours (the same shard, run before) and any other shard's whose
 * lock nobody holds. -1 when another run of this shard holds the lock. */
static int lock_and_clean(job *j, int *lockfd)
{
    char lockname[96];
    snprintf(lockname, sizeof lockname, ".vbtmp.%s.lock", j->tag);
    *lockfd = openat(j->dirfd, lockname, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (*lockfd < 0)
        return errno;
    if (flock(*lockfd, LOCK_EX | LOCK_NB))
        return -1;
    int dfd = dup(j->dirfd);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        if (dfd >= 0)
            close(dfd);
        return 0;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *nm = de->d_name;
        if (strncmp(nm, ".vbtmp.", 7) != 0 || strcmp(nm, lockname) == 0)
            continue;
        const char *tag = nm + 7, *dot = strchr(tag, '.');
        if (!dot)
            continue;
        size_t tl = (size_t)(dot - tag);
        int dead = 1;
        if (tl != strlen(j->tag) || memcmp(tag, j->tag, tl)) {
            char other[96];
            snprintf(other, sizeof other, ".vbtmp.%.*s.lock", (int)tl, tag);
            int fd = openat(j->dirfd, other, O_RDWR | O_CLOEXEC);
            if (fd >= 0) {
                dead = flock(fd, LOCK_EX | LOCK_NB) == 0;
                close(fd); /* releases it */
            }
        }
        if (dead)
            unlinkat(j->dirfd, nm, 0);
    }
    closedir(d);
    return 0;
}

/* ---- the manifest -------------------------------------------------------------- */

static void csv_field(vb_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n;")) {
        vb_buf_puts(b, s);
        return;
    }
    vb_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            vb_buf_putc(b, '"');
        vb_buf_putc(b, *s);
    }
    vb_buf_putc(b, '"');
}

/* One line per file: row,key,file,pages,sha256 (no header line, so that
 * the shards' manifests put together are the whole run's). */
static int write_manifest(job *j, const char *name)
{
    vb_buf b = VB_BUF_INIT;
    char file[VB_NAME_MAX + 16];
    for (size_t i = 0; i < j->n; i++) {
        const row_result *res = &j->res[i];
        if (res->status != ST_DONE && res->status != ST_SKIPPED)
            continue;
        size_t r = j->rows[i];
        for (int k = 0; k < 2; k++) {
            if (!j->want[k])
                continue;
            vb_buf_printf(&b, "%zu,", r + 1);
            csv_field(&b, j->t->n_cols ? vb_sheet_cell(j->t, r, 0) : "");
            vb_buf_putc(&b, ',');
            row_file(j, r, k, file, sizeof file);
            csv_field(&b, file);
            if (k == 0)
                vb_buf_printf(&b, ",%d,", res->pages);
            else
                vb_buf_puts(&b, ",,");
            for (int x = 0; x < 32; x++)
                vb_buf_printf(&b, "%02x", res->sha[k][x]);
            vb_buf_puts(&b, "\r\n");
        }
    }
    char tmp[96];
    snprintf(tmp, sizeof tmp, ".vbtmp.%s.manifest", j->tag);
    int e = b.failed ? ENOMEM : write_atomic(j, tmp, name, &b);
    vb_buf_free(&b);
    if (e)
        fprintf(stderr, _("%s/%s: error: %s: %s\n"), j->o->outdir, name, T(j, "cannot write", "không ghi được"),
                strerror(e));
    return e ? BX_IO : BX_OK;
}

/* ---- file names ---------------------------------------------------------------- */

typedef struct name_ref {
    char *key;
    size_t row;
} name_ref;

static int cmp_name(const void *pa, const void *pb)
{
    const name_ref *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : a->row < b->row ? -1 : a->row > b->row;
}

/* Every row's file name (all rows, not just this shard's, so that every
 * shard finds the same collisions and pads numbers alike). */
static int make_names(job *j, vb_diag *diag)
{
    const vb_sheet *t = j->t;
    char **names = calloc(t->n_rows ? t->n_rows : 1, sizeof *names);
    name_ref *refs = calloc(t->n_rows ? t->n_rows : 1, sizeof *refs);
    if (!names || !refs) {
        free(names);
        free(refs);
        return BX_INTERNAL;
    }
    int width = 1;
    for (size_t n = t->n_rows; n >= 10; n /= 10)
        width++;
    j->width = width;
    int rc = BX_OK;
    vb_buf b = VB_BUF_INIT;
    for (size_t r = 0; r < t->n_rows && rc == BX_OK; r++) {
        vb_buf_reset(&b);
        if (j->o->name) {
            vb_err e = vb_fill_string(j->f, j->o->name, r, "--name", &b, diag);
            if (e == VB_ERR_INPUT) {
                fprintf(stderr, "%s %zu (%s:%u): ", T(j, "row", "dòng"), r + 1, t->file, (unsigned)t->line[r]);
                vb_diag_print(diag, stderr, 0);
                vb_diag_clear(diag);
                rc = BX_INPUT;
                break;
            }
            if (e) {
                rc = BX_INTERNAL;
                break;
            }
        } else {
            vb_buf_printf(&b, "%0*zu", width, r + 1);
        }
        if (b.failed) {
            rc = BX_INTERNAL;
            break;
        }
        names[r] = vb_safe_name(b.len ? (const char *)b.data : "", b.len);
        refs[r].key = names[r] ? vb_name_key(names[r]) : NULL;
        refs[r].row = r;
        if (!refs[r].key)
            rc = BX_INTERNAL;
    }
    vb_buf_free(&b);
    if (rc == BX_OK) {
        qsort(refs, t->n_rows, sizeof *refs, cmp_name);
        int shown = 0;
        for (size_t i = 1; i < t->n_rows; i++)
            if (strcmp(refs[i].key, refs[i - 1].key) == 0) {
                if (shown++ < 20)
                    fprintf(stderr, _("%s:%u: error: %s %zu %s %zu (%s:%u) %s '%s': %s\n"), t->file,
                            (unsigned)t->line[refs[i].row], T(j, "row", "dòng"), refs[i].row + 1,
                            T(j, "and row", "và dòng"), refs[i - 1].row + 1, t->file,
                            (unsigned)t->line[refs[i - 1].row], T(j, "would both write", "cùng ghi tệp"),
                            names[refs[i].row],
                            T(j, "give --name columns that differ on every row", "hãy cho --name các cột khác nhau ở mọi dòng"));
                rc = BX_INPUT;
            }
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        free(refs[r].key);
        free(names[r]);
    }
    free(refs);
    free(names);
    return rc;
}

/* ---- the run ------------------------------------------------------------------- */

void vb_batch_opts_init(vb_batch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->pdf = 1;
    o->shard_n = 1;
    o->progress = -1;
    vb_engine_opts_init(&o->eng);
    o->eng.batch = 1;
}

static int exit_for(vb_err e)
{
    switch (e) {
    case VB_OK: return BX_OK;
    case VB_ERR_INPUT:
    case VB_ERR_LIMIT:
    case VB_ERR_IMAGE: return BX_INPUT;
    case VB_ERR_IO: return BX_IO;
    case VB_ERR_FONT: return BX_ENV;
    default: return BX_INTERNAL;
    }
}

/* The data file's table: the workbook's sheet (--sheet, or the first) for
 * .xlsx, else the CSV file. */
static int read_table(const vb_batch_opts *o, const char *data, size_t data_len, vb_xlsx **x, vb_sheet **t,
                      vb_diag *diag)
{
    size_t dl = strlen(o->data);
    vb_err err;
    if (dl >= 5 && strcasecmp(o->data + dl - 5, ".xlsx") == 0) {
        err = vb_xlsx_open(data, data_len, o->data, x, diag);
        if (!err)
            err = vb_xlsx_read_sheet(*x, o->sheet, t, diag);
    } else {
        if (o->sheet) {
            fprintf(stderr, _("vanban: error: --sheet is for an Excel workbook (.xlsx), not %s\n"), o->data);
            return BX_USAGE;
        }
        err = vb_sheet_read(data, data_len, o->data, NULL, t, diag);
    }
    return exit_for(err);
}

/* The template against the columns, once, with a reader of its own: the
 * read stops after the check (the template itself is no document); then
 * --name against the columns. */
static int check_template(const job *j, vb_fill *f, vb_diag *diag)
{
    const vb_batch_opts *o = j->o;
    vb_reader *rd = vb_reader_new(NULL, &o->eng.limits, diag);
    if (!rd)
        return BX_INTERNAL;
    vb_tree_hook check = vb_fill_check_hook(f);
    vb_doc *tdoc = NULL;
    vb_err err = vb_doc_read_with(rd, j->tmpl, j->tmpl_len, o->tmpl, &check, &tdoc, diag);
    vb_doc_free(tdoc);
    vb_reader_free(rd);
    if (err != VB_ERR_INPUT || vb_diag_errors(diag) || !vb_fill_checked(f))
        return err == VB_ERR_INPUT ? BX_INPUT : exit_for(err);
    if (o->name && vb_fill_string_check(f, o->name, "--name", diag))
        return BX_INPUT;
    return BX_OK;
}

/* This shard's rows: every shard_n-th row from shard_k. */
static int pick_rows(job *j)
{
    const vb_batch_opts *o = j->o;
    const vb_sheet *t = j->t;
    j->rows = malloc((t->n_rows / o->shard_n + 1) * sizeof *j->rows);
    j->res = calloc(t->n_rows / o->shard_n + 1, sizeof *j->res);
    if (!j->rows || !j->res)
        return BX_INTERNAL;
    for (size_t r = o->shard_k; r < t->n_rows; r += o->shard_n)
        j->rows[j->n++] = r;
    return BX_OK;
}

/* Make and open the output directory, then take this shard's lock in it
 * (and clean what an earlier run left). */
static int open_outdir(job *j, int *lockfd)
{
    const vb_batch_opts *o = j->o;
    int e = make_dirs(o->outdir);
    if (!e) {
        j->dirfd = open(o->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (j->dirfd < 0)
            e = errno;
    }
    if (e) {
        fprintf(stderr, _("%s: error: %s: %s\n"), o->outdir, T(j, "cannot make the output directory", "không tạo được thư mục"),
                strerror(e));
        return BX_IO;
    }
    e = lock_and_clean(j, lockfd);
    if (e) {
        if (e < 0)
            fprintf(stderr, _("%s: error: %s %u/%u\n"), o->outdir,
                    T(j, "another vanban batch is writing here the shard", "một lệnh vanban batch khác đang ghi phần"),
                    o->shard_k, o->shard_n);
        else
            fprintf(stderr, _("%s: error: %s\n"), o->outdir, strerror(e));
        return BX_IO;
    }
    return BX_OK;
}

/* How many worker threads: --jobs, else one per processor, never more than
 * there are rows. */
static int thread_count(const job *j)
{
    int jobs = j->o->jobs > 0 ? j->o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > j->n && j->n)
        jobs = (int)j->n;
    return jobs;
}

/* Wait until every row is done or a signal stops the run, showing progress:
 * the bar every 0.2 s, plain lines every 5 s when rows were done since. */
static void wait_for_rows(job *j, double t0, int plain)
{
    double last = t0, step = 5.0;
    size_t last_done = 0;
    pthread_mutex_lock(&j->lock);
    while (j->done < j->n && !stop_signal) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&j->cv, &j->lock, &ts);
        double now = now_s();
        if (j->bar && now - last >= 0.2) {
            show_progress(j, t0, 0);
            last = now;
        } else if (plain && j->done < j->n && now - last >= step && j->done != last_done) {
            show_progress(j, t0, 0);
            last = now;
            last_done = j->done;
        }
    }
    pthread_mutex_unlock(&j->lock);
}

/* After the workers: say how the run ended, write the manifest, and give
 * the exit code. */
static int finish_run(job *j, double t0, double el, int plain)
{
    const vb_batch_opts *o = j->o;
    if (stop_signal) {
        clear_bar(j);
        fprintf(stderr, "vanban batch: %s (%s): %zu/%zu %s\n", T(j, "stopped", "đã dừng"),
                stop_signal == SIGINT ? "SIGINT" : "SIGTERM", j->done, j->n,
                T(j, "rows done; --skip-existing finishes the rest", "dòng xong; --skip-existing làm nốt phần còn lại"));
    }
    if ((j->bar || plain) && !stop_signal)
        show_progress(j, t0, 1);

    char mname[96];
    if (o->shard_n > 1)
        snprintf(mname, sizeof mname, "manifest-%u-of-%u.csv", o->shard_k, o->shard_n);
    else
        snprintf(mname, sizeof mname, "manifest.csv");
    int mrc = write_manifest(j, mname);
    size_t written = j->done - j->bad - j->io - j->skipped;
    if (o->progress != 0 || j->bad || j->io)
        fprintf(stderr, "vanban batch: %s %zu, %s %zu, %s %zu, %.2f %s (%.0f %s)\n", T(j, "written:", "đã ghi:"),
                written, T(j, "already there:", "đã có sẵn:"), j->skipped, T(j, "failed:", "lỗi:"), j->bad + j->io, el,
                T(j, "s", "giây"), el > 0 ? (double)written / el : 0, T(j, "documents/s", "văn bản/giây"));
    if (j->warned && !o->verbose)
        fprintf(stderr, "vanban batch: %zu %s\n", j->warned,
                T(j, "rows have warnings (-v shows them)", "dòng có cảnh báo (-v để xem)"));
    int rc = j->io ? BX_IO : j->bad ? BX_INPUT : mrc;
    if (stop_signal)
        rc = 128 + stop_signal;
    return rc;
}

/* Render this shard's rows on worker threads, with SIGINT and SIGTERM
 * stopping the run cleanly; the exit code. */
static int run_rows(job *j)
{
    const vb_batch_opts *o = j->o;
    int jobs = thread_count(j);
    j->bar = o->progress < 0 ? isatty(STDERR_FILENO) : 0;
    int plain = o->progress > 0 || (o->progress < 0 && !j->bar);
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    stop_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->cv, NULL);
    atomic_init(&j->next, 0);
    double t0 = now_s();
    int rc;
    size_t n_th = 0;
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!th) {
        rc = BX_INTERNAL;
        goto out;
    }
    for (; n_th < (size_t)jobs; n_th++)
        if (pthread_create(&th[n_th], NULL, worker, j))
            break;
    if (!n_th) /* no thread at all: this one does the work */
        worker(j);
    wait_for_rows(j, t0, plain);
    for (size_t i = 0; i < n_th; i++)
        pthread_join(th[i], NULL);
    rc = finish_run(j, t0, now_s() - t0, plain);
out:
    pthread_cond_destroy(&j->cv);
    pthread_mutex_destroy(&j->lock);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(th);
    return rc;
}

int vb_batch_run(const vb_batch_opts *o)
{
    job j;
    memset(&j, 0, sizeof j);
    j.o = o;
    j.dirfd = -1;
    j.vi = is_vi();
    j.want[0] = o->pdf;
    j.want[1] = o->docx;
    snprintf(j.tag, sizeof j.tag, "%u-%u", o->shard_k, o->shard_n);
    vb_diag diag;
    vb_diag_init(&diag);
    char *tmpl = NULL, *data = NULL;
    size_t data_len = 0;
    vb_sheet *t = NULL;
    vb_xlsx *x = NULL;
    vb_fill *f = NULL;
    int lockfd = -1, rc;
    char lockname[96] = "";

    if ((rc = read_file(o->tmpl, o->eng.limits.max_input_bytes, &tmpl, &j.tmpl_len)))
        goto out;
    j.tmpl = tmpl;
    if ((rc = read_file(o->data, 512u << 20, &data, &data_len)))
        goto out;
    if ((rc = read_table(o, data, data_len, &x, &t, &diag)))
        goto out;
    j.t = t;
    loader ld = {x, o->data, 512u << 20};
    f = vb_fill_new(t, load_join, &ld);
    if (!f) {
        rc = BX_INTERNAL;
        goto out;
    }
    j.f = f;
    vb_err err = vb_engine_new(&j.e, &o->eng, &diag);
    if (err) {
        rc = exit_for(err);
        goto out;
    }
    if ((rc = check_template(&j, f, &diag)))
        goto out;
    vb_diag_print(&diag, stderr, o->verbose);
    vb_diag_clear(&diag);
    if ((rc = make_names(&j, &diag)))
        goto out;
    /* every table is read (the check pass loaded the joined ones): the
     * file's bytes and the workbook are no longer needed */
    vb_xlsx_close(x);
    x = NULL;
    ld.x = NULL;
    free(data);
    data = NULL;
    const char *why = vb_crypto_load();
    if (why) {
        vb_diag_emit(&diag, (vb_srcpos){0}, VB_ERROR, "%s", _(why));
        rc = exit_for(VB_ERR_INTERNAL);
        goto out;
    }
    if ((rc = pick_rows(&j)) || (rc = open_outdir(&j, &lockfd)))
        goto out;
    snprintf(lockname, sizeof lockname, ".vbtmp.%s.lock", j.tag);
    rc = run_rows(&j);
out:
    if (rc && diag.n)
        vb_diag_print(&diag, stderr, o->verbose);
    if (lockfd >= 0) {
        unlinkat(j.dirfd, lockname, 0);
        close(lockfd);
    }
    if (j.dirfd >= 0)
        close(j.dirfd);
    free(j.rows);
    free(j.res);
    vb_engine_free(j.e);
    vb_fill_free(f);
    vb_sheet_free(t);
    vb_xlsx_close(x);
    free(tmpl);
    free(data);
    vb_diag_free(&diag);
    return rc;
}
