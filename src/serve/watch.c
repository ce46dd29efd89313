/* watch.c - files watched with inotify, by directory. */
#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

typedef struct wdir {
    int wd;
    char *dir;
} wdir;

struct vb_watch {
    int fd;
    wdir *dirs;
    size_t n, cap;
};

vb_watch *vb_watch_new(void)
{
    vb_watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0) {
        int saved = errno;
        free(w);
        errno = saved;
        return NULL;
    }
    return w;
}

void vb_watch_free(vb_watch *w)
{
    if (!w)
        return;
    close(w->fd);
    for (size_t i = 0; i < w->n; i++)
        free(w->dirs[i].dir);
    free(w->dirs);
    free(w);
}

int vb_watch_fd(const vb_watch *w)
{
    return w->fd;
}

int vb_watch_add(vb_watch *w, const char *path, int dir_itself)
{
    char dir[PATH_MAX];
    if (dir_itself) {
        if (strlen(path) >= sizeof dir) {
            errno = ENAMETOOLONG;
            return -1;
        }
        strcpy(dir, path);
    } else {
        const char *slash = strrchr(path, '/');
        if (!slash)
            strcpy(dir, ".");
        else if (slash == path)
            strcpy(dir, "/");
        else if ((size_t)(slash - path) < sizeof dir)
            memcpy(dir, path, (size_t)(slash - path)), dir[slash - path] = 0;
        else {
            errno = ENAMETOOLONG;
            return -1;
        }
    }
    /* CLOSE_WRITE: a file written in place, once complete; MOVED_TO: the
     * editor's temporary renamed over it; ATTRIB: a touch (a new time, to
     * draw again); CREATE and DELETE: drafts that appear and go (for the
     * server's list). MODIFY is left out: it comes while the file is still
     * half written. */
    int wd = inotify_add_watch(w->fd, dir,
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB |
                                   IN_ONLYDIR);
    if (wd < 0)
        return -1;
    for (size_t i = 0; i < w->n; i++)
        if (w->dirs[i].wd == wd)
            return 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4;
        wdir *v = realloc(w->dirs, cap * sizeof *v);
        if (!v)
            return -1;
        w->dirs = v;
        w->cap = cap;
    }
    char *copy = strdup(dir);
    if (!copy)
        return -1;
    w->dirs[w->n++] = (wdir){wd, copy};
    return 0;
}

int vb_watch_read(vb_watch *w, void (*fn)(void *user, const char *dir, const char *name), void *user)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int count = 0;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno == EAGAIN ? count : -1;
        if (n == 0)
            return count;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            p += sizeof *ev + ev->len;
            const char *dir = NULL;
            for (size_t i = 0; i < w->n; i++)
                if (w->dirs[i].wd == ev->wd)
                    dir = w->dirs[i].dir;
            count++;
            /* an overflow of the queue means "anything may have changed" */
            if (ev->mask & IN_Q_OVERFLOW)
                fn(user, "", "");
            else if (dir && ev->len)
                fn(user, dir, ev->name);
        }
    }
}
