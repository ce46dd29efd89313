/* check_chars.h - the characters the linter's rules look at (letters,
 * case, combining marks), shared by the check*.c files and legacy.c. */
#ifndef VB_CHECK_CHARS_H
#define VB_CHECK_CHARS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"

static inline int is_mark(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

static inline int is_letter(uint32_t cp)
{
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static inline int is_lower(uint32_t cp)
{
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static inline uint32_t lower(uint32_t cp)
{
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

static inline int is_ascii_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* The code point at s[i] (and its length in *k, at least 1: a bad byte
 * counts as itself). */
static inline uint32_t cp_at(const char *s, size_t len, size_t i, size_t *k)
{
    uint32_t cp = 0;
    size_t n = vb_utf8_decode(s + i, len - i, &cp);
    if (!n) {
        n = 1;
        cp = (unsigned char)s[i];
    }
    *k = n;
    return cp;
}

/* True when s[0..n) and lit are the same letters, ignoring case. */
static inline int same_fold(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit), i = 0, j = 0;
    while (i < n && j < m) {
        size_t a, b;
        uint32_t x = cp_at(s, n, i, &a), y = cp_at(lit, m, j, &b);
        if (lower(x) != lower(y))
            return 0;
        i += a;
        j += b;
    }
    return i == n && j == m;
}

static inline int starts_with(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

#endif
