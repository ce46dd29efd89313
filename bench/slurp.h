/* slurp.h - reading a benchmark's input, for the programs in bench/. */
#ifndef VB_BENCH_SLURP_H
#define VB_BENCH_SLURP_H

#include <stdio.h>
#include <stdlib.h>

/* The whole of a file, NUL-terminated (*len bytes before the NUL); NULL when
 * it cannot be read. The caller frees it. */
static inline char *vb_bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    while (b) {
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = realloc(b, cap * 2 + 1);
        if (!nb)
            free(b);
        b = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (b && bad) {
        free(b);
        b = NULL;
    }
    if (b) {
        b[n] = 0;
        *len = n;
    }
    return b;
}

#endif
