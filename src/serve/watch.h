/* watch.h - files watched with inotify, by directory.
 *
 * Editors save by writing a new file and renaming it over the old one, so a
 * watch on the file itself would be lost at the first save: the directory
 * is watched, and each event names the file it is about. */
#ifndef VB_WATCH_H
#define VB_WATCH_H

typedef struct vb_watch vb_watch;

/* A new watcher; NULL when inotify is not available (errno says why). */
vb_watch *vb_watch_new(void);
void vb_watch_free(vb_watch *w);

/* The descriptor to poll for events (readable when some are waiting). */
int vb_watch_fd(const vb_watch *w);

/* Watches the directory holding path (path itself when dir_itself is set)
 * for files written, renamed in, created or removed. Watching the same
 * directory twice is one watch. Returns 0, or -1 with errno set. */
int vb_watch_add(vb_watch *w, const char *path, int dir_itself);

/* Reads the events waiting (without blocking) and calls fn with the
 * directory (as given) and the file name of each. Returns the number of
 * events read, or -1 on a read error. */
int vb_watch_read(vb_watch *w, void (*fn)(void *user, const char *dir, const char *name), void *user);

#endif
