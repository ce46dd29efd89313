/* serve.c - `vanban serve DIR`: the drafts of DIR in a local web page.
 *
 * libmicrohttpd serves, one thread a connection (an open event stream
 * waits in its own thread on a condition variable). The main thread
 * watches DIR, and the folders of the images the drafts show, with
 * inotify; each quiet moment after a change bumps a counter and wakes the
 * event streams, and the page then asks again for the draft it shows. A
 * draft is drawn on request when its file or one of its images changed
 * since it was last drawn (stat: device, inode, size, modification time),
 * one draft at a time; a draft that does not read keeps its last good
 * pages beside its error list.
 *
 * Every request goes through router.c first (Host, token, path, names);
 * the only files read are DIR's own *.xml, each resolved with realpath and
 * refused unless it lies in DIR. */
#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mhd_api.h"
#include "app_html.h"
#include "cmd.h"
#include "diag.h"
#include "router.h"
#include "watch.h"
#include "i18n.h"

#define DEFAULT_PORT 8030
/* Drafts kept drawn at once; the least recently asked for goes first. */
#define MAX_DRAFTS 16
/* An event stream sends a comment this often, so a closed tab is noticed
 * and its thread ends. */
#define HEARTBEAT_S 15
/* Quiet time after a file event before the pages are told (a save is
 * often several events). */
#define QUIET_MS 15

static const char usage_text[] = N_(
    "Usage: vanban serve DIR [--port N] [--dpi N] [options]\n"
    "\n"
    "A web page, on this computer only, listing the drafts (*.xml) of DIR and\n"
    "showing the pages of the one picked; after each save the page shows the\n"
    "new pictures by itself, or the errors with line and column. Open the\n"
    "address printed on its own line (it holds a secret token). Ctrl-C stops.\n"
    "\n"
    "Options:\n"
    "  -p, --port N            port on 127.0.0.1 (default 8030; 0: any free port)\n"
    "      --dpi N             resolution of the pictures, 10 to 1200 (default 96)\n"
    "      --draft=N           mark the pages DỰ THẢO LẦN N (default: DỰ THẢO)\n"
    "      --no-draft          no draft marking\n"
    "      --layout NAME|FILE, --font FILE, --font-bold FILE, --font-italic FILE,\n"
    "      --font-bold-italic FILE, --data-dir DIR   as for 'vanban render'\n"
    "  -v, --verbose           log each refused request\n");

/* What identifies one version of a file. */
typedef struct file_key {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    int exists;
} file_key;

typedef struct dep {
    char *path;
    file_key key;
} dep;

typedef struct draft {
    char name[VB_ROUTE_NAME_MAX + 1];
    int drawn;          /* drawn at least once (well or not) */
    unsigned version;   /* changes each time the result changes */
    unsigned long used; /* when last asked for (LRU) */
    file_key key;       /* the XML file as last drawn */
    dep *deps;          /* the images it showed */
    size_t n_deps;
    vb_buf *pages;      /* last good pages, PNG files */
    size_t n_pages;
    vb_buf errors;      /* JSON array of the last drawing's problems */
    int ok;             /* the last drawing succeeded */
} draft;

typedef struct server {
    char *dir;          /* realpath of DIR */
    unsigned port;
    char token[33];
    double dpi;
    int verbose;
    size_t max_input;
    vb_engine *e;
    struct MHD_Daemon *mhd;
    vb_watch *watch;

    pthread_mutex_t lock;    /* the fields below, and the watch */
    pthread_cond_t changed;  /* signalled when gen moves or on stop */
    unsigned long gen;       /* bumped after each change in the watched folders */
    int stopping;
    draft *drafts[MAX_DRAFTS];
    size_t n_drafts;
    unsigned long clock;     /* for draft.used */

    pthread_mutex_t render;  /* one drawing at a time */
} server;

/* ---- files ---- */

static file_key key_of(const char *path)
{
    file_key k = {0};
    struct stat st;
    if (stat(path, &st) == 0) {
        k.dev = st.st_dev;
        k.ino = st.st_ino;
        k.size = st.st_size;
        k.mtime = st.st_mtim;
        k.exists = 1;
    }
    return k;
}

static int key_eq(const file_key *a, const file_key *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

/* DIR/name, resolved, when it is a regular file inside DIR (a symbolic
 * link leading out of DIR is refused); NULL otherwise. Caller frees. */
static char *draft_path(const server *s, const char *name)
{
    size_t n = strlen(s->dir) + strlen(name) + 2;
    char *joined = malloc(n);
    if (!joined)
        return NULL;
    snprintf(joined, n, "%s/%s", s->dir, name);
    char *real = realpath(joined, NULL);
    free(joined);
    if (!real)
        return NULL;
    size_t dl = strlen(s->dir);
    struct stat st;
    if (strncmp(real, s->dir, dl) != 0 || real[dl] != '/' || strchr(real + dl + 1, '/') || stat(real, &st) != 0 ||
        !S_ISREG(st.st_mode)) {
        free(real);
        return NULL;
    }
    return real;
}

/* ---- drafts ---- */

static void draft_free(draft *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_pages; i++)
        vb_buf_free(&d->pages[i]);
    free(d->pages);
    for (size_t i = 0; i < d->n_deps; i++)
        free(d->deps[i].path);
    free(d->deps);
    vb_buf_free(&d->errors);
    free(d);
}

/* The draft's record, made when first asked for. Called with s->lock held. */
static draft *draft_get(server *s, const char *name)
{
    for (size_t i = 0; i < s->n_drafts; i++)
        if (!strcmp(s->drafts[i]->name, name)) {
            s->drafts[i]->used = ++s->clock;
            return s->drafts[i];
        }
    if (s->n_drafts == MAX_DRAFTS) {
        size_t old = 0;
        for (size_t i = 1; i < s->n_drafts; i++)
            if (s->drafts[i]->used < s->drafts[old]->used)
                old = i;
        draft_free(s->drafts[old]);
        s->drafts[old] = s->drafts[--s->n_drafts];
    }
    draft *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    snprintf(d->name, sizeof d->name, "%s", name);
    d->used = ++s->clock;
    s->drafts[s->n_drafts++] = d;
    return d;
}

/* What one drawing collects before it replaces the draft's pages. */
typedef struct drawing {
    vb_buf *pages;
    size_t n_pages;
    dep *deps;
    size_t n_deps;
} drawing;

static vb_err on_page(void *user, size_t index, size_t count, const unsigned char *png, size_t len)
{
    drawing *dr = user;
    if (!dr->pages) {
        dr->pages = calloc(count ? count : 1, sizeof *dr->pages);
        if (!dr->pages)
            return VB_ERR_NOMEM;
    }
    if (index >= count)
        return VB_ERR_INTERNAL;
    vb_buf_append(&dr->pages[index], png, len);
    dr->n_pages = index + 1;
    return dr->pages[index].failed ? VB_ERR_NOMEM : VB_OK;
}

static void on_file(void *user, const char *path)
{
    drawing *dr = user;
    for (size_t i = 0; i < dr->n_deps; i++)
        if (!strcmp(dr->deps[i].path, path))
            return;
    dep *v = realloc(dr->deps, (dr->n_deps + 1) * sizeof *v);
    if (!v)
        return;
    dr->deps = v;
    if ((v[dr->n_deps].path = strdup(path))) {
        v[dr->n_deps].key = key_of(path);
        dr->n_deps++;
    }
}

static const char *sev_name(vb_severity s)
{
    return s == VB_ERROR ? "error" : s == VB_WARNING ? "warning" : "note";
}

/* The problems as a JSON array: file (its name in DIR), line, column,
 * severity, message, and the line in compiler form. Notes are left out. */
static void errors_json(vb_buf *b, const vb_diag *diag, const char *path, const char *name)
{
    vb_buf_putc(b, '[');
    int first = 1;
    char line[1400];
    for (size_t i = 0; i < diag->n; i++) {
        vb_diag_entry en = diag->v[i];
        if (en.sev == VB_NOTE)
            continue;
        if (en.pos.file && !strcmp(en.pos.file, path))
            en.pos.file = name;
        vb_buf_puts(b, first ? "\n{" : ",\n{");
        first = 0;
        const char *file = en.pos.file ? en.pos.file : "vanban";
        vb_buf_puts(b, "\"file\":");
        vb_route_json_str(b, file, strlen(file));
        vb_buf_printf(b, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"message\":", en.pos.line, en.pos.col,
                      sev_name(en.sev));
        vb_route_json_str(b, en.msg, strlen(en.msg));
        vb_diag_format(&en, line, sizeof line);
        vb_buf_puts(b, ",\"text\":");
        vb_route_json_str(b, line, strlen(line));
        vb_buf_putc(b, '}');
    }
    vb_buf_putc(b, ']');
}

static int same_pages(const draft *d, const drawing *dr)
{
    if (d->n_pages != dr->n_pages)
        return 0;
    for (size_t i = 0; i < d->n_pages; i++)
        if (d->pages[i].len != dr->pages[i].len || memcmp(d->pages[i].data, dr->pages[i].data, d->pages[i].len))
            return 0;
    return 1;
}

/* Is the draft as drawn still the draft on disk? Called with s->lock held. */
static int draft_fresh(const draft *d, const char *path)
{
    if (!d->drawn)
        return 0;
    file_key k = key_of(path);
    if (!key_eq(&k, &d->key))
        return 0;
    for (size_t i = 0; i < d->n_deps; i++) {
        file_key dk = key_of(d->deps[i].path);
        if (!key_eq(&dk, &d->deps[i].key))
            return 0;
    }
    return 1;
}

static void watch_deps(server *s, const drawing *dr)
{
    for (size_t i = 0; i < dr->n_deps; i++)
        if (vb_watch_add(s->watch, dr->deps[i].path, 0) && s->verbose)
            fprintf(stderr, _("%s: warning: cannot watch its folder: %s\n"), dr->deps[i].path, strerror(errno));
}

/* Draws the draft again when it changed on disk. Returns 0, or -1 when the
 * file is gone (or not a draft of DIR). */
static int draft_update(server *s, const char *name)
{
    char *path = draft_path(s, name);
    if (!path)
        return -1;
    pthread_mutex_lock(&s->render);
    pthread_mutex_lock(&s->lock);
    draft *d = draft_get(s, name);
    int fresh = d ? draft_fresh(d, path) : 1;
    pthread_mutex_unlock(&s->lock);
    if (!d) {
        pthread_mutex_unlock(&s->render);
        free(path);
        return -1;
    }
    if (fresh) {
        pthread_mutex_unlock(&s->render);
        free(path);
        return 0;
    }

    /* the key first: a save while we draw makes the next request draw again */
    file_key key = key_of(path);
    vb_diag diag;
    vb_diag_init(&diag);
    drawing dr = {0};
    char *data = NULL;
    size_t len = 0;
    vb_err err;
    if (vb_cmd_read_file(path, s->max_input, &data, &len)) {
        vb_diag_emit(&diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the file: %s",
                     errno == EFBIG ? "larger than the limit (--max-input)" : strerror(errno));
        err = VB_ERR_IO;
    } else {
        vb_page_sink sink = {&dr, on_page, on_file};
        /* the full path: relative image paths start from the draft's folder */
        err = vb_render_png(s->e, data, len, path, s->dpi, &sink, &diag);
        if (err && vb_diag_errors(&diag) == 0)
            vb_diag_emit(&diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "%s", vb_strerror(err));
    }
    free(data);
    /* on the terminal too, in compiler form (this also sorts them) */
    vb_diag_print(&diag, stderr, 0);
    vb_buf errs = VB_BUF_INIT;
    errors_json(&errs, &diag, path, name);
    vb_diag_free(&diag);

    pthread_mutex_lock(&s->lock);
    watch_deps(s, &dr);
    /* the record may have been dropped (LRU) while we drew */
    d = draft_get(s, name);
    if (d) {
        /* A save that changes nothing drawn (a comment, spacing) keeps the
         * version, so the page does not load the same pictures again. */
        int changed = !d->drawn || d->ok != !err || errs.len != d->errors.len ||
                      (errs.len && memcmp(errs.data, d->errors.data, errs.len)) ||
                      (!err && !same_pages(d, &dr));
        d->drawn = 1;
        d->key = key;
        d->ok = !err;
        if (changed)
            d->version++;
        vb_buf_free(&d->errors);
        d->errors = errs;
        errs = (vb_buf)VB_BUF_INIT;
        for (size_t i = 0; i < d->n_deps; i++)
            free(d->deps[i].path);
        free(d->deps);
        d->deps = dr.deps;
        d->n_deps = dr.n_deps;
        dr.deps = NULL;
        dr.n_deps = 0;
        if (!err) {
            for (size_t i = 0; i < d->n_pages; i++)
                vb_buf_free(&d->pages[i]);
            free(d->pages);
            d->pages = dr.pages;
            d->n_pages = dr.n_pages;
            dr.pages = NULL;
            dr.n_pages = 0;
        }
    }
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_unlock(&s->render);
    vb_buf_free(&errs);
    for (size_t i = 0; i < dr.n_pages; i++)
        vb_buf_free(&dr.pages[i]);
    free(dr.pages);
    for (size_t i = 0; i < dr.n_deps; i++)
        free(dr.deps[i].path);
    free(dr.deps);
    free(path);
    return 0;
}

/* ---- responses ---- */

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status, const char *type, const void *data,
                                size_t len)
{
    struct MHD_Response *r = vb_mhd.MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    vb_mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    vb_mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    vb_mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    vb_mhd.MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    vb_mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
    if (!strncmp(type, "text/html", 9))
        vb_mhd.MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'");
    enum MHD_Result ret = vb_mhd.MHD_queue_response(c, status, r);
    vb_mhd.MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
    return send_buf(c, status, "text/plain; charset=utf-8", text, strlen(text));
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* GET /api/drafts: {"folder": …, "drafts": [{"name": …}, …]}, sorted. */
static enum MHD_Result send_list(server *s, struct MHD_Connection *c)
{
    DIR *dh = opendir(s->dir);
    if (!dh)
        return send_text(c, 500, "cannot read the folder");
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (!vb_route_name_ok(de->d_name))
            continue;
        char *p = draft_path(s, de->d_name);
        if (!p)
            continue;
        free(p);
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        if (!(names[n] = strdup(de->d_name)))
            break;
        n++;
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    vb_buf b = VB_BUF_INIT;
    const char *base = strrchr(s->dir, '/');
    base = base && base[1] ? base + 1 : s->dir;
    vb_buf_puts(&b, "{\"folder\":");
    vb_route_json_str(&b, base, strlen(base));
    vb_buf_puts(&b, ",\"drafts\":[");
    for (size_t i = 0; i < n; i++) {
        vb_buf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
        vb_route_json_str(&b, names[i], strlen(names[i]));
        vb_buf_putc(&b, '}');
        free(names[i]);
    }
    free(names);
    vb_buf_puts(&b, "]}\n");
    enum MHD_Result r = b.failed ? send_text(c, 500, "out of memory")
                                 : send_buf(c, 200, "application/json; charset=utf-8", b.data, b.len);
    vb_buf_free(&b);
    return r;
}

/* GET /api/draft?name=X: {"name", "ok", "version", "pages", "errors"}. */
static enum MHD_Result send_draft(server *s, struct MHD_Connection *c, const char *name)
{
    if (draft_update(s, name))
        return send_text(c, 404, "no such draft in the folder");
    vb_buf b = VB_BUF_INIT;
    pthread_mutex_lock(&s->lock);
    draft *d = draft_get(s, name);
    if (d) {
        vb_buf_puts(&b, "{\"name\":");
        vb_route_json_str(&b, d->name, strlen(d->name));
        vb_buf_printf(&b, ",\"ok\":%s,\"version\":%u,\"pages\":%zu,\"errors\":", d->ok ? "true" : "false",
                      d->version, d->n_pages);
        vb_buf_append(&b, d->errors.data, d->errors.len);
        vb_buf_puts(&b, "}\n");
    }
    pthread_mutex_unlock(&s->lock);
    enum MHD_Result r = !d || b.failed ? send_text(c, 500, "out of memory")
                                       : send_buf(c, 200, "application/json; charset=utf-8", b.data, b.len);
    vb_buf_free(&b);
    return r;
}

/* GET /page?name=X&n=N: the last good picture of page N. */
static enum MHD_Result send_picture(server *s, struct MHD_Connection *c, const char *name, unsigned page)
{
    pthread_mutex_lock(&s->lock);
    draft *d = NULL;
    for (size_t i = 0; i < s->n_drafts; i++)
        if (!strcmp(s->drafts[i]->name, name))
            d = s->drafts[i];
    int drawn = d && d->drawn;
    pthread_mutex_unlock(&s->lock);
    if (!drawn && draft_update(s, name))
        return send_text(c, 404, "no such draft in the folder");
    enum MHD_Result r;
    pthread_mutex_lock(&s->lock);
    d = draft_get(s, name);
    if (d && page <= d->n_pages)
        r = send_buf(c, 200, "image/png", d->pages[page - 1].data, d->pages[page - 1].len);
    else
        r = send_text(c, 404, "no such page");
    pthread_mutex_unlock(&s->lock);
    return r;
}

/* ---- server-sent events ---- */

typedef struct stream {
    server *s;
    unsigned long seen; /* the gen last told */
    int started;
} stream;

/* One event stream's bytes. In thread-per-connection mode this may block:
 * it waits for the next change, or sends a comment after HEARTBEAT_S. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream *st = cls;
    server *s = st->s;
    if (max < 64)
        return 0;
    if (!st->started) {
        st->started = 1;
        return snprintf(buf, max, "retry: 1000\nevent: hello\ndata: %lu\n\n", st->seen);
    }
    pthread_mutex_lock(&s->lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += HEARTBEAT_S;
    int timed_out = 0;
    while (!s->stopping && s->gen == st->seen && !timed_out)
        timed_out = pthread_cond_timedwait(&s->changed, &s->lock, &until) == ETIMEDOUT;
    unsigned long gen = s->gen;
    int stopping = s->stopping;
    pthread_mutex_unlock(&s->lock);
    if (stopping)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (gen == st->seen)
        return snprintf(buf, max, ": ping\n\n");
    st->seen = gen;
    return snprintf(buf, max, "event: change\ndata: %lu\n\n", gen);
}

static void stream_free(void *cls)
{
    free(cls);
}

static enum MHD_Result send_events(server *s, struct MHD_Connection *c)
{
    stream *st = calloc(1, sizeof *st);
    if (!st)
        return MHD_NO;
    st->s = s;
    pthread_mutex_lock(&s->lock);
    st->seen = s->gen;
    pthread_mutex_unlock(&s->lock);
    struct MHD_Response *r = vb_mhd.MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, stream_read, st, stream_free);
    if (!r) {
        free(st);
        return MHD_NO;
    }
    vb_mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream; charset=utf-8");
    vb_mhd.MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    vb_mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = vb_mhd.MHD_queue_response(c, 200, r);
    vb_mhd.MHD_destroy_response(r);
    return ret;
}

/* ---- the request handler ---- */

static enum MHD_Result count_hosts(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    if (key && !strcasecmp(key, MHD_HTTP_HEADER_HOST))
        ++*(int *)cls;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **req)
{
    (void)version;
    (void)upload_data;
    server *s = cls;
    /* libmicrohttpd calls twice for a request: first with the headers. A
     * body is never wanted: answer at once, whatever comes. */
    if (!*req) {
        *req = (void *)1;
        if (strcmp(method, "GET") && strcmp(method, "HEAD"))
            goto route;
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;
        return MHD_YES;
    }
route:;
    /* Two Host headers are a malformed request (RFC 9112, 3.2), and the
     * second one could name another site: refuse rather than pick one. */
    int hosts = 0;
    vb_mhd.MHD_get_connection_values(c, MHD_HEADER_KIND, count_hosts, &hosts);
    vb_request rq = {
        .method = method,
        .path = url,
        .host = hosts == 1 ? vb_mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST) : NULL,
        .token = vb_mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token"),
        .name = vb_mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name"),
        .page = vb_mhd.MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "n"),
    };
    vb_route rt;
    vb_route_request(&rq, s->token, s->port, &rt);
    switch (rt.kind) {
    case VB_ROUTE_REFUSED:
        if (s->verbose)
            fprintf(stderr, _("vanban: refused %s %s: %d %s\n"), method, url, rt.status, rt.reason);
        return send_text(c, (unsigned)rt.status, rt.status == 403 ? "403 Cấm truy cập (Forbidden)\n" : rt.reason);
    case VB_ROUTE_APP: return send_buf(c, 200, "text/html; charset=utf-8", vb_app_html, sizeof vb_app_html - 1);
    case VB_ROUTE_LIST: return send_list(s, c);
    case VB_ROUTE_DRAFT: return send_draft(s, c, rt.name);
    case VB_ROUTE_PICTURE: return send_picture(s, c, rt.name, rt.page);
    case VB_ROUTE_EVENTS: return send_events(s, c);
    }
    return MHD_NO;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    server *s = cls;
    if (s->verbose) {
        fputs("vanban: http: ", stderr);
        vfprintf(stderr, fmt, ap);
    }
}

/* ---- start, watch, stop ---- */

/* A listening socket on 127.0.0.1:port, made here rather than by
 * libmicrohttpd so that a taken port gives its own message. */
static int listen_on(unsigned port, unsigned *bound)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* a backlog for a burst of picture requests (a page of many pages) */
    if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 512)) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        *bound = ntohs(a.sin_port);
    return fd;
}

static int make_token(char out[33])
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t k = getrandom(r + got, sizeof r - got, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        got += (size_t)k;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[r[i] >> 4];
        out[2 * i + 1] = hex[r[i] & 15];
    }
    out[32] = 0;
    return 0;
}

static int is_relevant(const char *name)
{
    size_t n = strlen(name);
    if (!n || name[0] == '.')
        return 0;
    return n > 4 && (!strcasecmp(name + n - 4, ".xml") || !strcasecmp(name + n - 4, ".png"));
}

static void on_event(void *user, const char *dir, const char *name)
{
    (void)dir;
    int *dirty = user;
    if ((!*dir && !*name) || is_relevant(name))
        *dirty = 1;
}

static int watch_loop(server *s, int sfd)
{
    int dirty = 0;
    for (;;) {
        struct pollfd fds[2] = {{vb_watch_fd(s->watch), POLLIN, 0}, {sfd, POLLIN, 0}};
        int n = poll(fds, 2, dirty ? QUIET_MS : -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return VB_EXIT_INTERNAL;
        if (fds[1].revents & POLLIN)
            return VB_EXIT_OK;
        if (n == 0 && dirty) {
            dirty = 0;
            pthread_mutex_lock(&s->lock);
            s->gen++;
            pthread_cond_broadcast(&s->changed);
            pthread_mutex_unlock(&s->lock);
            continue;
        }
        if (fds[0].revents & POLLIN) {
            pthread_mutex_lock(&s->lock);
            int k = vb_watch_read(s->watch, on_event, &dirty);
            pthread_mutex_unlock(&s->lock);
            if (k < 0)
                return VB_EXIT_INTERNAL;
        }
    }
}

static int parse_port(const char *v, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long p = strtoul(v, &end, 10);
    if (errno || end == v || *end || p > 65535 || *v < '0' || *v > '9')
        return 0;
    *out = (unsigned)p;
    return 1;
}

int vb_serve_main(int argc, char **argv)
{
    vb_engine_opts opts;
    vb_engine_opts_init(&opts);
    /* the folder's documents are drafts: shown marked, unless told */
    opts.draft = 1;
    server sv;
    memset(&sv, 0, sizeof sv);
    server *s = &sv;
    s->dpi = 96;
    unsigned want_port = DEFAULT_PORT;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int taken = vb_cmd_engine_option(argc, argv, &i, &opts);
        if (taken < 0)
            return VB_EXIT_USAGE;
        if (taken)
            continue;
        if (!strcmp(a, "-p") || !strcmp(a, "--port")) {
            if (i + 1 >= argc)
                return vb_cmd_usage_error("option needs a value:", a);
            if (!parse_port(argv[++i], &want_port))
                return vb_cmd_usage_error("--port needs a number from 0 to 65535, not", argv[i]);
        } else if (!strcmp(a, "--dpi")) {
            if (i + 1 >= argc)
                return vb_cmd_usage_error("option needs a value:", a);
            char *end;
            const char *v = argv[++i];
            double d = strtod(v, &end);
            if (end == v || *end || !(d >= 10 && d <= 1200))
                return vb_cmd_usage_error("--dpi needs a number from 10 to 1200, not", v);
            s->dpi = d;
        } else if (!strcmp(a, "--no-draft")) {
            opts.draft = 0;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            s->verbose = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(_(usage_text), stdout);
            return VB_EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            return vb_cmd_usage_error("unknown option", a);
        } else if (!dir) {
            dir = a;
        } else {
            return vb_cmd_usage_error("more than one folder:", a);
        }
    }
    if (!dir)
        return vb_cmd_usage_error("no folder given", NULL);
    s->dir = realpath(dir, NULL);
    struct stat st;
    if (!s->dir || stat(s->dir, &st) || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("%s: error: %s\n"), dir, s->dir ? "not a folder" : strerror(errno));
        free(s->dir);
        return VB_EXIT_IO;
    }
    s->max_input = opts.limits.max_input_bytes;

    int rc = VB_EXIT_OK, sfd = -1, lfd = -1, locks = 0;
    vb_diag diag;
    vb_diag_init(&diag);
    vb_err err = vb_engine_new(&s->e, &opts, &diag);
    vb_diag_print(&diag, stderr, 0);
    vb_diag_free(&diag);
    if (err) {
        rc = vb_cmd_exit_for(err);
        goto done;
    }
    if (make_token(s->token)) {
        fprintf(stderr, _("vanban: error: no random numbers for the token: %s\n"), strerror(errno));
        rc = VB_EXIT_INTERNAL;
        goto done;
    }
    lfd = listen_on(want_port, &s->port);
    if (lfd < 0) {
        if (errno == EADDRINUSE)
            fprintf(stderr, "%s", VB_MSG("vanban: lỗi: cổng đã có chương trình khác dùng: ",
                                         "vanban: error: the port is taken by another program: "));
        else
            fprintf(stderr, _("vanban: error: cannot listen on "));
        fprintf(stderr, "127.0.0.1:%u", want_port);
        if (errno == EADDRINUSE)
            fprintf(stderr, "%s\n", VB_MSG(" (chọn cổng khác: --port N; --port 0 lấy một cổng trống)",
                                           " (choose another with --port N; --port 0 takes any free port)"));
        else
            fprintf(stderr, ": %s\n", strerror(errno));
        rc = VB_EXIT_IO;
        goto done;
    }
    s->watch = vb_watch_new();
    if (!s->watch || vb_watch_add(s->watch, s->dir, 1)) {
        fprintf(stderr, _("vanban: error: cannot watch %s (inotify): %s\n"), s->dir, strerror(errno));
        rc = VB_EXIT_INTERNAL;
        goto done;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->render, NULL);
    pthread_cond_init(&s->changed, NULL);
    locks = 1;

    /* Signals are taken by the main thread alone (signalfd): block them
     * before libmicrohttpd starts its threads, which inherit the mask. */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &mask, NULL);
    sigdelset(&mask, SIGPIPE);
    sfd = signalfd(-1, &mask, SFD_CLOEXEC);
    if (sfd < 0) {
        fprintf(stderr, _("vanban: error: signalfd: %s\n"), strerror(errno));
        rc = VB_EXIT_INTERNAL;
        goto done;
    }
    const char *why = vb_mhd_load();
    if (why) {
        fprintf(stderr, _("vanban: error: %s\n"), _(why));
        rc = VB_EXIT_INTERNAL;
        goto done;
    }
    s->mhd = vb_mhd.MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                                  MHD_USE_ERROR_LOG,
                              0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET, lfd,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_CONNECTION_TIMEOUT,
                              (unsigned)(2 * HEARTBEAT_S), MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
                              MHD_OPTION_END);
    if (!s->mhd) {
        fprintf(stderr, _("vanban: error: the web server did not start (libmicrohttpd)\n"));
        rc = VB_EXIT_INTERNAL;
        goto done;
    }
    lfd = -1; /* libmicrohttpd closes it */
    fprintf(stderr, VB_MSG("vanban: các bản nháp của %s; mở địa chỉ này trong trình duyệt (Ctrl-C để dừng):\n",
                           "vanban: the drafts of %s; open this address in a browser (Ctrl-C stops):\n"),
            s->dir);
    fflush(stderr);
    printf("http://127.0.0.1:%u/?token=%s\n", s->port, s->token);
    fflush(stdout);
    rc = watch_loop(s, sfd);

    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    vb_mhd.MHD_stop_daemon(s->mhd);
    fprintf(stderr, "%s\n", VB_MSG("vanban: đã dừng", "vanban: stopped"));
done:
    if (sfd >= 0)
        close(sfd);
    if (lfd >= 0)
        close(lfd);
    for (size_t i = 0; i < s->n_drafts; i++)
        draft_free(s->drafts[i]);
    if (locks) {
        pthread_mutex_destroy(&s->lock);
        pthread_mutex_destroy(&s->render);
        pthread_cond_destroy(&s->changed);
    }
    vb_watch_free(s->watch);
    vb_engine_free(s->e);
    free(s->dir);
    return rc;
}
