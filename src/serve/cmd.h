/* cmd.h - what the `preview` and `serve` commands share: reading an input
 * whole, the engine options of the command line, writing a file whole or
 * not at all, and the language of the messages a person reads. */
#ifndef VB_CMD_H
#define VB_CMD_H

#include <stddef.h>

#include "i18n.h"
#include "vanban.h"

/* Exit statuses, the same as `vanban render` (main.c). */
enum { VB_EXIT_OK = 0, VB_EXIT_INPUT = 1, VB_EXIT_USAGE = 2, VB_EXIT_IO = 3, VB_EXIT_ENV = 4, VB_EXIT_INTERNAL = 5 };

/* The exit status for an error code. */
int vb_cmd_exit_for(vb_err e);

/* Prints "vanban: error: msg arg" and the hint to --help; returns VB_EXIT_USAGE. */
int vb_cmd_usage_error(const char *msg, const char *arg);

/* Reads the regular file at path, at most max bytes, into a new buffer
 * (caller frees; a NUL follows the data). Returns 0, or -1 with errno set
 * (EFBIG when larger than max, EINVAL when not a regular file). */
int vb_cmd_read_file(const char *path, size_t max, char **data, size_t *len);

/* Writes data to path through a temporary file in the same directory,
 * renamed over path when complete. Returns 0 or -1 with errno set. */
int vb_cmd_write_file(const char *path, const void *data, size_t len);

/* Takes argv[*i] (and its value) when it is an engine option (--layout,
 * --data-dir, --font, --font-bold, --font-italic, --font-bold-italic).
 * Returns 1 when taken, 0 when not an engine option, -1 when its value is
 * missing (a usage error has been printed). */
int vb_cmd_engine_option(int argc, char **argv, int *i, vb_engine_opts *o);

/* Takes --draft (mark the documents as drafts) and --draft=N (as round
 * N: "DỰ THẢO LẦN N"). Returns 1 when taken, 0 when arg is something else,
 * -1 when N is not a number from 1 (a usage error has been printed). */
int vb_cmd_draft_option(const char *arg, vb_engine_opts *o);

/* True when the messages should be in Vietnamese: LC_ALL, LC_MESSAGES or
 * LANG (the first one set) names a Vietnamese locale (vi, vi_VN …). */
int vb_cmd_vietnamese(void);

/* The message in the reader's language. */
/* en, translated through gettext (po/vi.po holds vi, the authors' own
 * Vietnamese): the locale's LC_MESSAGES decides, as everywhere else */
#define VB_MSG(vi, en) _(en)

/* Milliseconds on the monotonic clock. */
double vb_cmd_now_ms(void);

#endif
