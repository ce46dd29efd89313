/* cmd.c - what the `preview` and `serve` commands share. */
#include "cmd.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int vb_cmd_exit_for(vb_err e)
{
    switch (e) {
    case VB_OK: return VB_EXIT_OK;
    case VB_ERR_INPUT:
    case VB_ERR_LIMIT:
    case VB_ERR_IMAGE: return VB_EXIT_INPUT;
    case VB_ERR_IO: return VB_EXIT_IO;
    case VB_ERR_FONT: return VB_EXIT_ENV;
    default: return VB_EXIT_INTERNAL;
    }
}

int vb_cmd_usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, _("vanban: error: %s%s%s\n"), _(msg), arg ? " " : "", arg ? arg : "");
    fprintf(stderr, _("Try 'vanban --help'.\n"));
    return VB_EXIT_USAGE;
}

int vb_cmd_read_file(const char *path, size_t max, char **data, size_t *len)
{
    /* O_NONBLOCK: a FIFO named as a draft must not hang the server */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    if ((size_t)st.st_size > max) {
        close(fd);
        errno = EFBIG;
        return -1;
    }
    char *buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return -1;
    }
    for (;;) {
        if (n == cap) {
            /* the file grew while it was read */
            if (n > max) {
                free(buf);
                close(fd);
                errno = EFBIG;
                return -1;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                close(fd);
                errno = ENOMEM;
                return -1;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int saved = errno;
            free(buf);
            close(fd);
            errno = saved;
            return -1;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    close(fd);
    if (n > max) {
        free(buf);
        errno = EFBIG;
        return -1;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return 0;
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

int vb_cmd_write_file(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(tmp, n + 16, "%.*s.%s.XXXXXX", (int)dlen, path, path + dlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    mode_t um = umask(0);
    umask(um);
    int bad = fchmod(fd, 0666 & ~um) || write_all(fd, data, len);
    int saved = errno;
    if (close(fd) && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, path)) {
        bad = 1;
        saved = errno;
    }
    if (bad)
        unlink(tmp);
    free(tmp);
    errno = saved;
    return bad ? -1 : 0;
}

int vb_cmd_draft_option(const char *arg, vb_engine_opts *o)
{
    if (!strcmp(arg, "--draft")) {
        o->draft = 1;
        return 1;
    }
    if (strncmp(arg, "--draft=", 8))
        return 0;
    const char *v = arg + 8;
    char *end;
    long n = strtol(v, &end, 10);
    if (*v < '1' || *v > '9' || *end || n < 1 || n > 999) {
        vb_cmd_usage_error("--draft=N needs a round from 1 to 999, not", v);
        return -1;
    }
    o->draft = 1;
    o->draft_round = (int)n;
    return 1;
}

int vb_cmd_engine_option(int argc, char **argv, int *i, vb_engine_opts *o)
{
    int d = vb_cmd_draft_option(argv[*i], o);
    if (d)
        return d;
    static const char *const names[] = {"--layout", "--data-dir", "--font", "--font-bold", "--font-italic",
                                        "--font-bold-italic"};
    const char *a = argv[*i];
    int which = -1;
    for (int k = 0; k < 6; k++)
        if (!strcmp(a, names[k]))
            which = k;
    if (which < 0)
        return 0;
    if (*i + 1 >= argc) {
        vb_cmd_usage_error("option needs a value:", a);
        return -1;
    }
    const char *v = argv[++*i];
    switch (which) {
    case 0: o->layout = v; break;
    case 1: o->data_dir = v; break;
    case 2: o->font_file[VB_FACE_REGULAR] = v; break;
    case 3: o->font_file[VB_FACE_BOLD] = v; break;
    case 4: o->font_file[VB_FACE_ITALIC] = v; break;
    default: o->font_file[VB_FACE_BOLD_ITALIC] = v; break;
    }
    return 1;
}

int vb_cmd_vietnamese(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int k = 0; k < 3; k++) {
        const char *v = getenv(vars[k]);
        if (v && *v)
            return !strncmp(v, "vi", 2) && (v[2] == 0 || v[2] == '_' || v[2] == '.');
    }
    return 0;
}

double vb_cmd_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}
