/* zipw.h - a zip archive built in memory with libzip, for the DOCX package.
 *
 * Entries are stored in the order they are added, each stamped 1980-01-01
 * 00:00 (the earliest time a zip can hold), so the same parts always give
 * the same bytes. Entries of 2 KiB and more are deflated; smaller ones are
 * stored as they are (deflating them costs more time than it saves bytes).
 *
 *     vb_zipw *z;  vb_zipw_new(&z, 6, diag);
 *     vb_zipw_add(z, "[Content_Types].xml", data, len, diag);
 *     vb_zipw_finish(z, out, diag);
 *     vb_zipw_free(z); */
#ifndef VB_ZIPW_H
#define VB_ZIPW_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "err.h"

typedef struct vb_zipw vb_zipw;

/* A new, empty archive; `level` is the deflate level (1 fastest .. 9
 * smallest). Returns VB_OK, VB_ERR_NOMEM, or VB_ERR_ZIP with a message in
 * diag. The caller frees the archive with vb_zipw_free. */
vb_err vb_zipw_new(vb_zipw **out, int level, vb_diag *diag);

/* Adds the entry `name` holding data[0..len) (copied). Returns VB_OK, or
 * VB_ERR_ZIP / VB_ERR_NOMEM with a message in diag naming the entry. */
vb_err vb_zipw_add(vb_zipw *z, const char *name, const void *data, size_t len, vb_diag *diag);
/* The same, always stored as it is (data that is compressed already, such
 * as a PNG image). */
vb_err vb_zipw_add_stored(vb_zipw *z, const char *name, const void *data, size_t len, vb_diag *diag);

/* Compresses the entries and appends the whole archive to out. The archive
 * takes no more entries afterwards. Returns VB_OK, VB_ERR_NOMEM, or
 * VB_ERR_ZIP with a message in diag. */
vb_err vb_zipw_finish(vb_zipw *z, vb_buf *out, vb_diag *diag);

/* Frees the archive. NULL does nothing. */
void vb_zipw_free(vb_zipw *z);

#endif
