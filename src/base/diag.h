/* diag.h - diagnostics about the user's input, in compiler form.
 *
 *     bao-cao.xml:41:9: error: <chu_ky> needs the element <ho_ten>
 *
 * Readers and checkers emit into a sink and keep going; the caller decides at
 * the end (vb_diag_errors() > 0 means the input is rejected). */
#ifndef VB_DIAG_H
#define VB_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vanban.h" /* vb_severity and the public reading functions */

/* A place in an input file. line and col count from 1; 0 means unknown.
 * col counts characters (code points), as editors do. The sink keeps its
 * own copy of the file name, so the caller's string may go away. */
typedef struct vb_srcpos {
    const char *file;
    uint32_t line, col;
} vb_srcpos;

typedef struct vb_diag_entry {
    vb_srcpos pos;
    vb_severity sev;
    char *msg; /* heap, owned by the sink */
    size_t seq; /* emission order, to keep sorting stable */
} vb_diag_entry;

/* The full struct, for the stages inside the library (embedders see an
 * opaque vb_diag and read it through vanban.h's functions). */
struct vb_diag {
    vb_diag_entry *v;
    size_t n, cap;
    size_t count[3];
    size_t max_errors; /* stop recording after this many errors (0: 1000) */
    int truncated;
    char **files; /* file names the entries point at, owned */
    size_t n_files;
    vb_diag_fn cb; /* vb_diag_set_callback */
    void *cb_user;
};

/* A sink in the caller's storage (vb_diag d; vb_diag_init(&d)): the stages
 * and the CLI use these; embedders use vb_diag_create/vb_diag_destroy.
 * vb_diag_clear (vanban.h) frees the entries and keeps the sink usable. */
void vb_diag_init(vb_diag *d);
void vb_diag_free(vb_diag *d);

void vb_diag_emit(vb_diag *d, vb_srcpos pos, vb_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void vb_diag_vemit(vb_diag *d, vb_srcpos pos, vb_severity sev, const char *fmt, va_list ap);

/* True when an entry at exactly this position and severity is recorded. */
int vb_diag_has_at(const vb_diag *d, vb_srcpos pos, vb_severity sev);

/* vb_diag_print (vanban.h) prints every entry sorted by file, line, column
 * (stable), one per line: file:line:col: error: message. */

/* Formats one entry into buf (no newline). */
void vb_diag_format(const vb_diag_entry *e, char *buf, size_t size);

#endif
