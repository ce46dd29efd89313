/* legacy.h - text typed with a pre-Unicode Vietnamese font (TCVN3, VNI) and
 * pasted as Windows-1252 (data/legacy/LEGACY.md): the linter's detector and
 * its reading of such text. */
#ifndef VB_LEGACY_H
#define VB_LEGACY_H

#include <stddef.h>

#include "arena.h"

typedef enum vb_legacy_enc {
    VB_LEGACY_NONE,
    VB_LEGACY_TCVN3, /* TCVN3 (ABC), .VnTime fonts */
    VB_LEGACY_VNI    /* VNI-Windows, VNI-Times fonts */
} vb_legacy_enc;

/* The quick test: only text with Latin-1 letters and no Vietnamese Unicode
 * letter can be legacy text (most paragraphs stop at their first ệ or ư). */
int vb_legacy_maybe(const char *s, size_t len);

/* Judges one paragraph of UTF-8 text s[0..len): VB_LEGACY_TCVN3 or _VNI when
 * it reads as Vietnamese typed with a legacy font and pasted as Windows-1252
 * (LEGACY.md §3: at least 10 % of the words carry a sign of the encoding and
 * at least 80 % of the words with non-ASCII letters decode to well-formed
 * Vietnamese syllables; text that already holds Vietnamese Unicode letters,
 * and text of fewer than two such words, is left alone). */
vb_legacy_enc vb_legacy_detect(const char *s, size_t len);

/* The Unicode reading of s[0..len) in enc, NFC, in the arena; `capitals`
 * reads TCVN3 as set in a capital font (.VnTimeH). Characters with no reading
 * are kept as they are. NULL when out of memory. */
char *vb_legacy_decode(vb_arena *a, vb_legacy_enc enc, int capitals, const char *s, size_t len);

#endif
