/* utf8.c - UTF-8 helpers; normalisation through utf8proc. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t vb_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (!len)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t vb_utf8_to_utf16(const char *s, size_t len, uint16_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = vb_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            cp = 0xfffd;
            k = 1;
        }
        i += k;
        if (cp >= 0x10000) {
            if (n + 2 > max)
                break;
            cp -= 0x10000;
            out[n++] = (uint16_t)(0xd800 + (cp >> 10));
            out[n++] = (uint16_t)(0xdc00 + (cp & 0x3ff));
        } else {
            if (n + 1 > max)
                break;
            out[n++] = (uint16_t)cp;
        }
    }
    return n;
}

size_t vb_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t vb_utf8_check(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = vb_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

size_t vb_utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = vb_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        n++;
    }
    return n;
}

/* Quick check: ASCII, Latin-1 and the precomposed Latin letters (the whole
 * Vietnamese alphabet among them) are NFC and never combine with what comes
 * before them, so most text is accepted without calling utf8proc. Anything
 * else (combining marks above all) takes the exact path. */
static int fast_nfc(uint32_t cp)
{
    return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF);
}

int vb_utf8_is_nfc(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = vb_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return 0;
        if (!fast_nfc(cp))
            break;
        i += n;
    }
    if (i == len)
        return 1;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    int same = r >= 0 && (size_t)r == len && memcmp(dst, s, len) == 0;
    free(dst);
    return same;
}

char *vb_utf8_nfc(vb_arena *a, const char *s, size_t len, size_t *out_len)
{
    if (vb_utf8_check(s, len) != len)
        return NULL;
    if (vb_utf8_is_nfc(s, len)) {
        if (out_len)
            *out_len = len;
        return vb_arena_strndup(a, s, len);
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (r < 0)
        return NULL;
    char *res = vb_arena_strndup(a, (const char *)dst, (size_t)r);
    free(dst);
    if (res && out_len)
        *out_len = (size_t)r;
    return res;
}

static char *map_case(vb_arena *a, const char *s, size_t len, size_t *out_len, int upper)
{
    char *res = vb_arena_alloc(a, len * 2 + 4); /* Vietnamese upper case never grows more */
    if (!res)
        return NULL;
    size_t i = 0, o = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = vb_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            cp = 0xFFFD;
            n = 1;
        }
        uint32_t up = (uint32_t)(upper ? utf8proc_toupper((utf8proc_int32_t)cp) : utf8proc_tolower((utf8proc_int32_t)cp));
        char tmp[4];
        size_t k = vb_utf8_encode(up, tmp);
        if (o + k > len * 2 + 3)
            break;
        memcpy(res + o, tmp, k);
        o += k;
        i += n;
    }
    res[o] = 0;
    if (out_len)
        *out_len = o;
    return res;
}

char *vb_utf8_upper(vb_arena *a, const char *s, size_t len, size_t *out_len)
{
    return map_case(a, s, len, out_len, 1);
}

char *vb_utf8_lower(vb_arena *a, const char *s, size_t len, size_t *out_len)
{
    return map_case(a, s, len, out_len, 0);
}

size_t *vb_line_starts(const char *t, size_t len, size_t *count)
{
    size_t cap = 256, n = 0;
    size_t *v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    v[n++] = 0;
    int cr = memchr(t, '\r', len) != NULL;
    for (size_t i = 0; i < len; i++) {
        if (!cr) { /* the usual case: find the next LF fast */
            const char *nl = memchr(t + i, '\n', len - i);
            if (!nl)
                break;
            i = (size_t)(nl - t);
        } else if (!vb_line_break_at(t, len, i)) {
            continue;
        }
        if (n == cap) {
            size_t *nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
            cap *= 2;
        }
        v[n++] = i + 1;
    }
    *count = n;
    return v;
}
