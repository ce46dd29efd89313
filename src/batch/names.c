/* names.c - safe file names from data (names.h). */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

static int reserved(const char *s, size_t n)
{
    /* the part before the first dot is what Windows looks at */
    const char *dot = memchr(s, '.', n);
    size_t k = dot ? (size_t)(dot - s) : n;
    while (k && s[k - 1] == ' ')
        k--;
    static const char *const three[] = {"CON", "PRN", "AUX", "NUL"};
    if (k == 3)
        for (int i = 0; i < 4; i++)
            if (strncasecmp(s, three[i], 3) == 0)
                return 1;
    if (k == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) && s[3] >= '0' && s[3] <= '9')
        return 1;
    return 0;
}

char *vb_safe_name(const char *s, size_t len)
{
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) { /* not UTF-8: keep the ASCII letters */
        nfc = malloc(len + 1);
        if (!nfc)
            return NULL;
        for (size_t i = 0; i < len; i++)
            nfc[i] = (unsigned char)s[i] < 0x80 ? (utf8proc_uint8_t)s[i] : '_';
        n = (utf8proc_ssize_t)len;
    }
    char *out = malloc((size_t)n + 2);
    if (!out) {
        free(nfc);
        return NULL;
    }
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        unsigned char c = nfc[i];
        if (c < 0x20 || c == 0x7f || strchr("/\\<>:\"|?*", c))
            c = '_';
        out[k++] = (char)c;
    }
    free(nfc);
    out[k] = 0;
    /* trailing dots and spaces, then leading ones */
    while (k && (out[k - 1] == '.' || out[k - 1] == ' '))
        out[--k] = 0;
    size_t lead = 0;
    while (lead < k && (out[lead] == '.' || out[lead] == ' '))
        lead++;
    memmove(out, out + lead, k - lead + 1);
    k -= lead;
    if (k > VB_NAME_MAX) {
        k = VB_NAME_MAX;
        while (k && ((unsigned char)out[k] & 0xC0) == 0x80)
            k--;
        out[k] = 0;
        while (k && (out[k - 1] == '.' || out[k - 1] == ' '))
            out[--k] = 0;
    }
    if (!k || reserved(out, k)) {
        memmove(out + 1, out, k + 1);
        out[0] = '_';
    }
    return out;
}

char *vb_name_key(const char *s)
{
    utf8proc_uint8_t *r = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, -1, &r,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return strdup(s);
    return (char *)r;
}
