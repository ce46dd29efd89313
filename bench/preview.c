/* preview.c - how fast the preview is (docs/preview.md):
 *
 * 1. drawing: the reference report as PNG pages at --dpi (default 96), N
 *    times in one process, against reading and laying out the same report
 *    alone (vb_render to JSON): the difference is the drawing and PNG
 *    encoding, given per page;
 * 2. save to picture: `vanban preview --watch` running on a copy of the
 *    report; the copy is saved (a new file renamed over it, as editors
 *    do) K times with different words, and the time from the rename to
 *    the rename of the new first-page PNG into place (inotify on the
 *    output folder) is measured.
 *
 *   build/bench/vb_bench_preview [-n N] [-k K] [--dpi D] [INPUT.xml]
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "vanban.h"
#include "slurp.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

typedef struct count {
    size_t pages, bytes;
} count;

static vb_err on_page(void *user, size_t index, size_t n, const unsigned char *png, size_t len)
{
    count *c = user;
    (void)index;
    c->pages = n;
    c->bytes += len;
    (void)png;
    return VB_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Writes text to path as an editor saves: a new file, renamed over. */
static int save(const char *path, const char *text, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp~", path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f))
        return -1;
    return rename(tmp, path);
}

/* Waits for name to be renamed into the watched folder; ms waited, or -1. */
static double wait_moved(int fd, const char *name, double t0, int timeout_ms)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    double end = t0 + timeout_ms;
    for (;;) {
        int left = (int)(end - now_ms());
        if (left <= 0)
            return -1;
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, left) <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        double t = now_ms();
        for (char *q = buf; n > 0 && q < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)(void *)q;
            q += sizeof *ev + ev->len;
            if ((ev->mask & IN_MOVED_TO) && ev->len && !strcmp(ev->name, name))
                return t - t0;
        }
    }
}

static int save_to_picture(const char *input, const char *data, size_t len, int k, double dpi)
{
    char dir[] = "/tmp/vb_bench_preview_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char src[4200], out[4200], exe[4200], dpis[32];
    snprintf(src, sizeof src, "%s/du-thao.xml", dir);
    snprintf(out, sizeof out, "%s/trang", dir);
    snprintf(exe, sizeof exe, "%s/vanban", VB_BUILD_DIR);
    snprintf(dpis, sizeof dpis, "%g", dpi);
    mkdir(out, 0777);
    if (save(src, data, len))
        return 1;
    int fd = inotify_init1(IN_CLOEXEC);
    if (fd < 0 || inotify_add_watch(fd, out, IN_MOVED_TO) < 0)
        return 1;
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(126);
        execl(exe, exe, "preview", src, "-o", out, "--dpi", dpis, "--watch", (char *)NULL);
        _exit(127);
    }
    double cold = wait_moved(fd, "du-thao-1.png", t0, 10000);
    if (cold < 0) {
        fprintf(stderr, "vb_bench_preview: no first drawing from %s\n", exe);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return 1;
    }
    usleep(300000); /* the watch is set up after the first drawing */
    double *t = calloc((size_t)k, sizeof *t);
    /* each save a different text: a comment would change nothing drawn,
     * so the agency's place name, which page 1 shows, changes */
    const char *needle = "<dia_danh>";
    const char *at = strstr(data, needle);
    int ok = 1;
    for (int i = 0; i < k && t && ok; i++) {
        char *text = malloc(len + 64);
        size_t n;
        if (at) {
            size_t head = (size_t)(at - data) + strlen(needle);
            n = (size_t)snprintf(text, len + 64, "%.*sX%d ", (int)head, data, i);
            memcpy(text + n, data + head, len - head);
            n += len - head;
        } else {
            memcpy(text, data, len);
            n = len;
        }
        double s = now_ms();
        save(src, text, n);
        t[i] = wait_moved(fd, "du-thao-1.png", s, 10000);
        free(text);
        if (t[i] < 0) {
            fprintf(stderr, "vb_bench_preview: save %d: no new first page\n", i + 1);
            ok = 0;
        }
        usleep(50000);
    }
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    close(fd);
    if (ok && t) {
        double sum = 0;
        for (int i = 0; i < k; i++)
            sum += t[i];
        qsort(t, (size_t)k, sizeof *t, cmp_double);
        printf("save to picture: `vanban preview --watch`, %d saves: first page in place after %.1f ms median, "
               "%.1f ms mean, %.1f ms worst (first drawing of a cold process: %.1f ms)\n",
               k, t[k / 2], sum / k, t[k - 1], cold);
    }
    free(t);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "vb_bench_preview: could not remove %s\n", dir);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    int n = 200, k = 20;
    double dpi = 96;
    const char *input = VB_SOURCE_DIR "/examples/bao-cao-lap-vo.xml";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-k") && i + 1 < argc)
            k = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--dpi") && i + 1 < argc)
            dpi = atof(argv[++i]);
        else
            input = argv[i];
    }
    if (n < 1 || k < 1) {
        fprintf(stderr, "vb_bench_preview: -n and -k need a positive number\n");
        return 2;
    }
    size_t len;
    char *data = vb_bench_slurp(input, &len);
    if (!data) {
        fprintf(stderr, "vb_bench_preview: cannot read %s\n", input);
        return 1;
    }
    vb_diag diag;
    vb_diag_init(&diag);
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    vb_engine *e;
    if (vb_engine_new(&e, &o, &diag)) {
        vb_diag_print(&diag, stderr, 0);
        return 1;
    }
    /* one of each first: fonts, glyph caches */
    count c = {0};
    vb_page_sink sink = {&c, on_page, NULL};
    vb_buf json = VB_BUF_INIT;
    if (vb_render_png(e, data, len, input, dpi, &sink, &diag) ||
        vb_render(e, data, len, input, VB_FORMAT_JSON, &json, &diag)) {
        vb_diag_print(&diag, stderr, 0);
        return 1;
    }
    double png_total = 0, png_best = 1e9, lay_total = 0, lay_best = 1e9;
    for (int i = 0; i < n; i++) {
        c = (count){0};
        double t = now_ms();
        vb_render_png(e, data, len, input, dpi, &sink, &diag);
        t = now_ms() - t;
        png_total += t;
        png_best = t < png_best ? t : png_best;
        vb_buf_reset(&json);
        t = now_ms();
        vb_render(e, data, len, input, VB_FORMAT_JSON, &json, &diag);
        t = now_ms() - t;
        lay_total += t;
        lay_best = t < lay_best ? t : lay_best;
    }
    size_t pages = c.pages ? c.pages : 1;
    printf("input: %s, %zu pages at %g dpi, %zu bytes of PNG\n", input, c.pages, dpi, c.bytes);
    printf("drawing: %d documents: %.2f ms/document as PNG (best %.2f), of which reading and layout %.2f (best "
           "%.2f): drawing and encoding %.2f ms/page (best %.2f)\n",
           n, png_total / n, png_best, lay_total / n, lay_best, (png_total - lay_total) / n / pages,
           (png_best - lay_best) / pages);
    vb_buf_free(&json);
    vb_engine_free(e);
    vb_diag_free(&diag);
    int rc = save_to_picture(input, data, len, k, dpi);
    free(data);
    return rc;
}
