/* utf8.h - UTF-8 decoding, validation and NFC normalisation. */
#ifndef VB_UTF8_H
#define VB_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Decodes one code point from s[0..len). Returns the byte length (1-4) and
 * stores the code point, or returns 0 for an invalid or truncated sequence
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
size_t vb_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* UTF-16 code units of s[0..len) (an invalid byte becomes U+FFFD), at most
 * max of them: a character whose units do not all fit ends the text.
 * Returns the count. */
size_t vb_utf8_to_utf16(const char *s, size_t len, uint16_t *out, size_t max);

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the length. */
size_t vb_utf8_encode(uint32_t cp, char *out);

/* Offset of the first invalid byte, or len when all of s is valid UTF-8. */
size_t vb_utf8_check(const char *s, size_t len);

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t vb_utf8_count(const char *s, size_t len);

/* True when text[i] ends a line: LF, or CR not followed by LF (CR LF ends
 * at the LF). */
static inline int vb_line_break_at(const char *t, size_t len, size_t i)
{
    return t[i] == '\n' || (t[i] == '\r' && (i + 1 == len || t[i + 1] != '\n'));
}

/* The offsets at which the lines of t[0..len) start, on the heap (free());
 * the first is 0. *n gets their number. NULL when out of memory. */
size_t *vb_line_starts(const char *t, size_t len, size_t *n);

/* True when s is already in Normalization Form C. */
int vb_utf8_is_nfc(const char *s, size_t len);

/* s in NFC, copied into the arena (*out_len gets its length). When s is
 * already NFC the copy is a plain copy. NULL when out of memory or s is not
 * valid UTF-8. */
char *vb_utf8_nfc(vb_arena *a, const char *s, size_t len, size_t *out_len);

/* Upper-cases s (full Unicode simple case mapping, Vietnamese included). */
char *vb_utf8_upper(vb_arena *a, const char *s, size_t len, size_t *out_len);

/* Lower-cases s the same way. */
char *vb_utf8_lower(vb_arena *a, const char *s, size_t len, size_t *out_len);

#endif
