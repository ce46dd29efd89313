/* fmt.h - numbers written without the locale (PDF and OOXML need '.' as the
 * decimal point whatever LC_NUMERIC says: vi_VN uses a comma). */
#ifndef VB_FMT_H
#define VB_FMT_H

#include <stddef.h>

#include "buf.h"

/* Writes v with at most `decimals` digits after the point, trailing zeros
 * and a bare point removed ("12.5", "0", "-3.25"). Returns the length.
 * out needs 32 bytes. */
size_t vb_fmt_real(char *out, double v, int decimals);

/* Appends vb_fmt_real's text to b. */
void vb_buf_real(vb_buf *b, double v, int decimals);

/* Parses a decimal real with '.' only ("12.5", "-3", ".5"); returns 1 and
 * sets *v when the whole of s[0..len) is a number. */
int vb_parse_real(const char *s, size_t len, double *v);

/* Parses a non-negative decimal integer that fits in a long. */
int vb_parse_uint(const char *s, size_t len, long *v);

#endif
