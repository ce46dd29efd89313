/* check_input.c - the linter's look at the input's own bytes (the source
 * the reader kept): letters typed decomposed (NFD), which the model no
 * longer shows, and the look-alike Ð/ð, as characters or references,
 * outside comments and processing instructions. */
#include "check_ctx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_chars.h"
#include "i18n.h"

/* ---- the input's bytes: NFD and look-alike letters ------------------------------------ */

static const char *mark_name(uint32_t m)
{
    switch (m) {
    case 0x300: return _("grave");
    case 0x301: return _("acute");
    case 0x302: return _("circumflex");
    case 0x303: return _("tilde");
    case 0x306: return _("breve");
    case 0x308: return _("diaeresis");
    case 0x309: return _("hook above");
    case 0x31B: return _("horn");
    case 0x323: return _("dot below");
    default: return NULL;
    }
}

/* A combining mark at t[i]: reports the letter it is typed into, once per
 * line. */
static void nfd_at(ck *c, size_t i, uint32_t *last_line)
{
    const char *t = c->src->text;
    size_t n = c->src->len, b = i, l;
    while (b > 0) { /* back over the marks to the base */
        b = vb_ck_back_one(t, b);
        if (!is_mark(cp_at(t, n, b, &l)))
            break;
    }
    if (!is_letter(cp_at(t, n, b, &l)))
        return; /* a mark on no letter: not decomposed text */
    vb_srcpos p = vb_ck_pos(c, i);
    if (!p.line || p.line == *last_line)
        return;
    size_t e = i;
    while (e < n && is_mark(cp_at(t, n, e, &l)))
        e += l;
    vb_arena *a = vb_ck_scratch(c);
    size_t nl = 0;
    char *nfc = a ? vb_utf8_nfc(a, t + b, e - b, &nl) : NULL;
    if (!nfc || (nl == e - b && memcmp(nfc, t + b, nl) == 0))
        return; /* nothing composes: NFC leaves it as it is */
    *last_line = p.line;
    /* 'ệ' is typed as 'ê' + U+0323 (combining dot below) */
    char marks[96];
    size_t mk = 0, count = 0;
    uint32_t only = 0;
    for (size_t j = i; j < e && mk + 10 < sizeof marks; count++) {
        only = cp_at(t, n, j, &l);
        mk += (size_t)snprintf(marks + mk, sizeof marks - mk, " + U+%04X", (unsigned)only);
        j += l;
    }
    const char *name = count == 1 ? mark_name(only) : NULL;
    vb_ck_emit(c, p, VB_WARNING,
               "text in decomposed form (NFD): '%s' is typed as '%.*s'%s (%s%s); it is printed in NFC", nfc,
               (int)(i - b), t + b, marks, name ? _("combining ") : _("combining marks"), name ? name : "");
}

static void eth_at(ck *c, size_t i, uint32_t cp)
{
    if (vb_ck_in_legacy(c, i))
        return; /* TCVN3 reads Ð as é: the paragraph is reported as a whole */
    if (cp == 0xD0)
        vb_ck_emit(
            c, vb_ck_pos(c, i), VB_ERROR,
            "'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): they look alike, but "
            "search, sorting and spell checking tell them apart; type Đ");
    else
        vb_ck_emit(
            c, vb_ck_pos(c, i), VB_ERROR,
            "'ð' is U+00F0 (small eth, an Icelandic letter), not the Vietnamese 'đ' (U+0111): they look alike, but "
            "search, sorting and spell checking tell them apart; type đ");
}

/* 0x80 in each byte of x that is zero, exactly (no borrow across bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((x & lo7) + lo7) | x | lo7);
}

/* The offset of the next Ð or ð (C3 90, C3 B0) at or after i, or n. C3 is
 * in most Vietnamese words (à á â ê ô …), so memchr would stop every few
 * bytes: this looks at eight pairs of bytes at once. */
static size_t find_eth(const char *t, size_t n, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL;
    for (; i + 9 <= n; i += 8) {
        uint64_t a, b;
        memcpy(&a, t + i, 8);     /* t[i .. i+7]: the lead bytes */
        memcpy(&b, t + i + 1, 8); /* t[i+1 .. i+8]: the byte after each */
        uint64_t m = zero_bytes(a ^ (0xC3 * ones)) & zero_bytes((b & (0xDF * ones)) ^ (0x90 * ones));
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    for (; i + 1 < n; i++)
        if ((unsigned char)t[i] == 0xC3 && ((unsigned char)t[i + 1] & 0xDF) == 0x90)
            return i;
    return n;
}

/* The input's bytes: Ð and ð (as characters or as references) and combining
 * marks, outside comments and processing instructions. A handful of memchr
 * passes: a clean file costs a few microseconds. */
void vb_ck_scan_input(ck *c)
{
    const vb_source *src = c->src;
    const char *t = src->text, *p;
    size_t n = src->len;
    for (size_t i = find_eth(t, n, 0); i < n; i = find_eth(t, n, i + 2))
        if (vb_source_mark_at(src, i) != 1) /* CDATA is text */
            eth_at(c, i, (unsigned char)t[i + 1] == 0x90 ? 0xD0 : 0xF0);
    for (size_t i = 0; i < n && (p = memchr(t + i, '&', n - i)); i = (size_t)(p - t) + 1) {
        uint32_t cp = 0;
        size_t off = (size_t)(p - t);
        if (vb_source_ref_at(t, n, off, &cp) && (cp == 0xD0 || cp == 0xF0) && !vb_source_mark_at(src, off))
            eth_at(c, off, cp);
    }
    /* U+0300..U+036F are CC 80 .. CD AF; marks in order, for "once per line" */
    uint32_t nfd_line = 0;
    for (size_t i = 0; i < n;) {
        const char *a = memchr(t + i, 0xCC, n - i), *b = memchr(t + i, 0xCD, n - i);
        p = a && b ? (a < b ? a : b) : a ? a : b;
        if (!p)
            break;
        size_t off = (size_t)(p - t);
        i = off + 1;
        if (off + 1 < n && ((unsigned char)p[0] == 0xCC || (unsigned char)p[1] < 0xB0) &&
            vb_source_mark_at(src, off) != 1)
            nfd_at(c, off, &nfd_line);
    }
}
