/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vb_buf_reserve(vb_buf *b, size_t n)
{
    if (b->failed)
        return 0;
    if (b->cap - b->len >= n)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < n) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    unsigned char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void vb_buf_append(vb_buf *b, const void *p, size_t n)
{
    if (!n || !vb_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void vb_buf_puts(vb_buf *b, const char *s)
{
    vb_buf_append(b, s, strlen(s));
}

void vb_buf_putc(vb_buf *b, int c)
{
    unsigned char ch = (unsigned char)c;
    vb_buf_append(b, &ch, 1);
}

void vb_buf_printf(vb_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        vb_buf_append(b, tmp, (size_t)n);
        return;
    }
    if (!vb_buf_reserve(b, (size_t)n + 1))
        return;
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void vb_buf_reset(vb_buf *b)
{
    b->len = 0;
    b->failed = 0;
}

void vb_buf_free(vb_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
