/* harness.h - a one-header test harness: CHECK records a failure and goes on;
 * DONE() prints the count and gives main's exit status.
 *
 *   CHECK(cond);                          the condition is printed on failure
 *   CHECK(cond, "got %d", n);             and so is the message
 *   CHECK_STR(got, want);                 strings equal (got may be NULL)
 *   vb_test_fail(__FILE__, line, "…")     a failure found by a test's own code
 *   vb_test_slurp(path, &len)             a file's bytes (tests read their inputs) */
#ifndef VB_TEST_HARNESS_H
#define VB_TEST_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int vb_test_failures, vb_test_checks;

/* Counts a failure and prints file:line: what, then the message fmt (or
 * nothing when fmt is NULL). */
static inline void vb_test_fail(const char *file, int line, const char *what, const char *fmt, ...)
{
    vb_test_failures++;
    fprintf(stderr, "%s:%d: %s", file, line, what);
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs(": ", stderr);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
}

/* The message is optional: CHECK(c) passes NULL as the format. */
#define CHECK(...) VB_CHECK_(__VA_ARGS__, NULL)
#define VB_CHECK_(cond, ...)                                                                                           \
    do {                                                                                                               \
        vb_test_checks++;                                                                                              \
        if (!(cond))                                                                                                   \
            vb_test_fail(__FILE__, __LINE__, "check failed: " #cond, __VA_ARGS__);                                     \
    } while (0)

#define CHECK_STR(got, want)                                                                                           \
    do {                                                                                                               \
        const char *g_ = (got), *w_ = (want);                                                                          \
        CHECK(g_ && strcmp(g_, w_) == 0, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_);                           \
    } while (0)

#define DONE()                                                                                                         \
    (printf("%d checks, %d failed\n", vb_test_checks, vb_test_failures), vb_test_failures ? 1 : 0)

/* The whole of a file, NUL-terminated (*len bytes before the NUL); NULL when
 * it cannot be read. The caller frees it. */
static inline char *vb_test_slurp(const char *path, size_t *len)
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
