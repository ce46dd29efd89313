/* preview.c - `vanban preview`: pages as PNG pictures, once or at every save.
 *
 * A render writes every page beside its final name first and renames the
 * lot only when all are drawn, so DIR always holds one whole version of the
 * document: while the input is broken mid-edit, the last good pages stay. */
#include "preview.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "watch.h"
#include "i18n.h"

static const char usage_text[] = N_(
    "Usage: vanban preview INPUT.xml -o DIR [--dpi N] [--watch] [options]\n"
    "\n"
    "Draws every page of INPUT as a PNG picture in DIR (INPUT-1.png, INPUT-2.png\n"
    "…), from the same layout as the PDF. With --watch, stays running and draws\n"
    "again whenever INPUT or an image it shows is saved; errors are printed as\n"
    "file:line:col and the last good pages stay in DIR. Ctrl-C stops.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        where the pictures go (made if missing)\n"
    "      --dpi N             resolution, 10 to 1200 (default 96: a page at its\n"
    "                          size on a screen)\n"
    "  -w, --watch             draw again at every save\n"
    "      --draft, --draft=N  mark the pages as a draft: DỰ THẢO (LẦN N) beside the\n"
    "                          number, and a diagonal watermark\n"
    "      --layout NAME|FILE, --font FILE, --font-bold FILE, --font-italic FILE,\n"
    "      --font-bold-italic FILE, --data-dir DIR   as for 'vanban render'\n"
    "  -v, --verbose           say which fonts and layout are used\n");

typedef struct preview {
    vb_engine *e;
    const char *input, *outdir;
    char *stem;    /* INPUT's file name without .xml */
    double dpi;
    size_t max_input;
    int verbose;
    /* the pages of the render under way: temporary files to rename */
    char **tmp;
    size_t n_tmp;
    vb_err io_err;
    /* the images the last render drew, to watch */
    char **files;
    size_t n_files;
    vb_watch *watch;
    int dirty;
} preview;

static char *page_path(const preview *pv, size_t index)
{
    size_t n = strlen(pv->outdir) + strlen(pv->stem) + 32;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s-%zu.png", pv->outdir, pv->stem, index + 1);
    return p;
}

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

/* The sink: each page into a temporary file of DIR. */
static vb_err on_page(void *user, size_t index, size_t count, const unsigned char *png, size_t len)
{
    (void)count;
    preview *pv = user;
    size_t n = strlen(pv->outdir) + strlen(pv->stem) + 48;
    char *tmp = malloc(n);
    char **v = realloc(pv->tmp, (pv->n_tmp + 1) * sizeof *v);
    if (!tmp || !v) {
        free(tmp);
        if (v)
            pv->tmp = v;
        return VB_ERR_NOMEM;
    }
    pv->tmp = v;
    snprintf(tmp, n, "%s/.%s-%zu.png.XXXXXX", pv->outdir, pv->stem, index + 1);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, _("%s: error: cannot create: %s\n"), tmp, strerror(errno));
        free(tmp);
        return pv->io_err = VB_ERR_IO;
    }
    pv->tmp[pv->n_tmp++] = tmp;
    mode_t um = umask(0);
    umask(um);
    int bad = fchmod(fd, 0666 & ~um) || write_all(fd, png, len);
    if (close(fd))
        bad = 1;
    if (bad) {
        fprintf(stderr, _("%s: error: cannot write: %s\n"), tmp, strerror(errno));
        return pv->io_err = VB_ERR_IO;
    }
    return VB_OK;
}

static void on_file(void *user, const char *path)
{
    preview *pv = user;
    for (size_t i = 0; i < pv->n_files; i++)
        if (!strcmp(pv->files[i], path))
            return;
    char **v = realloc(pv->files, (pv->n_files + 1) * sizeof *v);
    if (!v)
        return;
    pv->files = v;
    if ((v[pv->n_files] = strdup(path)))
        pv->n_files++;
}

static void drop_tmp(preview *pv, int unlink_them)
{
    for (size_t i = 0; i < pv->n_tmp; i++) {
        if (unlink_them)
            unlink(pv->tmp[i]);
        free(pv->tmp[i]);
    }
    free(pv->tmp);
    pv->tmp = NULL;
    pv->n_tmp = 0;
}

static void drop_files(preview *pv)
{
    for (size_t i = 0; i < pv->n_files; i++)
        free(pv->files[i]);
    free(pv->files);
    pv->files = NULL;
    pv->n_files = 0;
}

/* Puts the new pages in place and removes pages past the new last one. */
static vb_err commit_pages(preview *pv)
{
    for (size_t i = 0; i < pv->n_tmp; i++) {
        char *dst = page_path(pv, i);
        if (!dst)
            return VB_ERR_NOMEM;
        int bad = rename(pv->tmp[i], dst);
        if (bad)
            fprintf(stderr, _("%s: error: cannot write: %s\n"), dst, strerror(errno));
        free(dst);
        if (bad)
            return VB_ERR_IO;
    }
    for (size_t i = pv->n_tmp;; i++) {
        char *old = page_path(pv, i);
        int gone = !old || unlink(old) != 0;
        free(old);
        if (gone)
            break;
    }
    return VB_OK;
}

/* One render of the input; prints what happened. Returns the result. */
static vb_err render_once(preview *pv)
{
    double t0 = vb_cmd_now_ms();
    vb_diag diag;
    vb_diag_init(&diag);
    char *data = NULL;
    size_t len = 0;
    vb_err err = VB_OK;
    pv->io_err = VB_OK;
    drop_files(pv);
    if (vb_cmd_read_file(pv->input, pv->max_input, &data, &len)) {
        fprintf(stderr, _("%s: error: cannot read: %s\n"), pv->input,
                errno == EFBIG ? "larger than the limit (--max-input)" : strerror(errno));
        err = VB_ERR_IO;
        goto done;
    }
    vb_page_sink sink = {pv, on_page, on_file};
    err = vb_render_png(pv->e, data, len, pv->input, pv->dpi, &sink, &diag);
    vb_diag_print(&diag, stderr, pv->verbose);
    if (err && !pv->io_err && diag.count[VB_ERROR] == 0)
        fprintf(stderr, _("%s: error: %s\n"), pv->input, vb_strerror(err));
    if (!err)
        err = commit_pages(pv);
    if (!err) {
        size_t n = pv->n_tmp;
        if (vb_cmd_vietnamese())
            fprintf(stderr, "vanban: %s: đã vẽ %zu trang vào %s (%.0f ms)\n", pv->input, n, pv->outdir,
                    vb_cmd_now_ms() - t0);
        else
            fprintf(stderr, _("vanban: %s: %zu page%s drawn in %s (%.0f ms)\n"), pv->input, n, n == 1 ? "" : "s",
                    pv->outdir, vb_cmd_now_ms() - t0);
    }
done:
    drop_tmp(pv, err != VB_OK);
    if (err && pv->watch)
        fprintf(stderr, "%s\n", VB_MSG("vanban: trong thư mục vẫn là các trang của lần lưu tốt gần nhất",
                                       "vanban: the pages in the folder are still those of the last good save"));
    fflush(stderr);
    vb_diag_free(&diag);
    free(data);
    return err;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Is this event about the input or one of its images? */
static void on_event(void *user, const char *dir, const char *name)
{
    preview *pv = user;
    if (!*dir && !*name) {
        pv->dirty = 1; /* the queue overflowed */
        return;
    }
    char ddir[4096];
    const char *targets[1] = {pv->input};
    for (size_t i = 0; i < 1 + pv->n_files; i++) {
        const char *t = i == 0 ? targets[0] : pv->files[i - 1];
        const char *b = base_name(t);
        if (strcmp(b, name))
            continue;
        size_t dl = (size_t)(b - t);
        if (dl == 0)
            snprintf(ddir, sizeof ddir, ".");
        else if (dl == 1)
            snprintf(ddir, sizeof ddir, "/");
        else
            snprintf(ddir, sizeof ddir, "%.*s", (int)(dl - 1), t);
        if (!strcmp(ddir, dir))
            pv->dirty = 1;
    }
}

static void watch_files(preview *pv)
{
    if (vb_watch_add(pv->watch, pv->input, 0))
        fprintf(stderr, _("%s: warning: cannot watch its folder: %s\n"), pv->input, strerror(errno));
    for (size_t i = 0; i < pv->n_files; i++)
        if (vb_watch_add(pv->watch, pv->files[i], 0))
            fprintf(stderr, _("%s: warning: cannot watch its folder: %s\n"), pv->files[i], strerror(errno));
}

/* A save is often several events (write, then rename; or an image and the
 * text saved together): wait until the folder has been quiet this long
 * before drawing. */
#define QUIET_MS 15

static int watch_loop(preview *pv)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &mask, NULL)) {
        fprintf(stderr, _("vanban: error: cannot block signals: %s\n"), strerror(errno));
        return VB_EXIT_INTERNAL;
    }
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
    if (sfd < 0) {
        fprintf(stderr, _("vanban: error: signalfd: %s\n"), strerror(errno));
        return VB_EXIT_INTERNAL;
    }
    watch_files(pv);
    fprintf(stderr, "%s\n", VB_MSG("vanban: đang theo dõi; Ctrl-C để dừng", "vanban: watching; Ctrl-C stops"));
    fflush(stderr);
    for (;;) {
        struct pollfd fds[2] = {{vb_watch_fd(pv->watch), POLLIN, 0}, {sfd, POLLIN, 0}};
        int n = poll(fds, 2, pv->dirty ? QUIET_MS : -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, _("vanban: error: poll: %s\n"), strerror(errno));
            close(sfd);
            return VB_EXIT_INTERNAL;
        }
        if (fds[1].revents & POLLIN)
            break;
        if (n == 0 && pv->dirty) {
            pv->dirty = 0;
            render_once(pv);
            watch_files(pv); /* images may have been added */
            continue;
        }
        if ((fds[0].revents & POLLIN) && vb_watch_read(pv->watch, on_event, pv) < 0) {
            fprintf(stderr, _("vanban: error: reading file events: %s\n"), strerror(errno));
            close(sfd);
            return VB_EXIT_INTERNAL;
        }
    }
    close(sfd);
    return VB_EXIT_OK;
}

int vb_preview_main(int argc, char **argv)
{
    vb_engine_opts opts;
    vb_engine_opts_init(&opts);
    preview pv = {0};
    pv.dpi = 96;
    int watch = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int taken = vb_cmd_engine_option(argc, argv, &i, &opts);
        if (taken < 0)
            return VB_EXIT_USAGE;
        if (taken)
            continue;
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc)
                return vb_cmd_usage_error("option needs a value:", a);
            pv.outdir = argv[++i];
        } else if (!strcmp(a, "--dpi")) {
            if (i + 1 >= argc)
                return vb_cmd_usage_error("option needs a value:", a);
            char *end;
            const char *v = argv[++i];
            double d = strtod(v, &end);
            if (end == v || *end || !(d >= 10 && d <= 1200))
                return vb_cmd_usage_error("--dpi needs a number from 10 to 1200, not", v);
            pv.dpi = d;
        } else if (!strcmp(a, "-w") || !strcmp(a, "--watch")) {
            watch = 1;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            pv.verbose = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(_(usage_text), stdout);
            return VB_EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            return vb_cmd_usage_error("unknown option", a);
        } else if (!pv.input) {
            pv.input = a;
        } else {
            return vb_cmd_usage_error("more than one input file:", a);
        }
    }
    if (!pv.input)
        return vb_cmd_usage_error("no input file given", NULL);
    if (!strcmp(pv.input, "-"))
        return vb_cmd_usage_error("preview reads a file, not standard input:", pv.input);
    if (!pv.outdir)
        return vb_cmd_usage_error("no output folder given (-o DIR)", NULL);
    if (mkdir(pv.outdir, 0777) && errno != EEXIST) {
        fprintf(stderr, _("%s: error: cannot make the folder: %s\n"), pv.outdir, strerror(errno));
        return VB_EXIT_IO;
    }
    struct stat st;
    if (stat(pv.outdir, &st) || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("%s: error: not a folder\n"), pv.outdir);
        return VB_EXIT_IO;
    }
    const char *b = base_name(pv.input);
    size_t bl = strlen(b);
    if (bl > 4 && !strcasecmp(b + bl - 4, ".xml"))
        bl -= 4;
    pv.max_input = opts.limits.max_input_bytes;
    pv.stem = strndup(b, bl);
    if (!pv.stem)
        return VB_EXIT_INTERNAL;

    int rc = VB_EXIT_OK;
    vb_diag diag;
    vb_diag_init(&diag);
    vb_err err = vb_engine_new(&pv.e, &opts, &diag);
    if (pv.verbose && !err)
        vb_diag_emit(&diag, (vb_srcpos){0}, VB_NOTE, "data directory: %s", vb_engine_data_dir(pv.e));
    vb_diag_print(&diag, stderr, pv.verbose);
    vb_diag_free(&diag);
    if (err) {
        rc = vb_cmd_exit_for(err);
        goto done;
    }
    if (watch) {
        pv.watch = vb_watch_new();
        if (!pv.watch) {
            fprintf(stderr, _("vanban: error: cannot watch files (inotify): %s\n"), strerror(errno));
            rc = VB_EXIT_INTERNAL;
            goto done;
        }
    }
    err = render_once(&pv);
    rc = watch ? watch_loop(&pv) : vb_cmd_exit_for(err);
done:
    vb_watch_free(pv.watch);
    drop_files(&pv);
    vb_engine_free(pv.e);
    free(pv.stem);
    return rc;
}
