/* buf.h - growable byte buffer (heap), for output files built in memory. */
#ifndef VB_BUF_H
#define VB_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "vanban.h" /* vb_buf, VB_BUF_INIT, vb_buf_free, vb_buf_reset: public */

/* Appends; on failure sets b->failed and leaves the contents as they were. */
void vb_buf_append(vb_buf *b, const void *p, size_t n);
void vb_buf_puts(vb_buf *b, const char *s);
void vb_buf_putc(vb_buf *b, int c);
/* Formats with the C locale's rules for %d/%s/%x; for reals use fmt.h. */
void vb_buf_printf(vb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ensures room for n more bytes; returns 0 on failure. */
int vb_buf_reserve(vb_buf *b, size_t n);

#endif
