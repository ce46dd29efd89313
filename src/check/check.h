/* check.h - the linter: the rules of Nghị định 30/2020/NĐ-CP that the schema
 * cannot state, run on a document the reader has accepted.
 *
 * The program prints the decree's fixed words itself (“Số:” and the leading
 * zero, “TM.” and its space, “- ” and “;” around recipients, “- Lưu: VT, …”,
 * the Quốc hiệu and the motto), so these checks look at what the user typed
 * that would break a rule or be printed wrongly: a type code that is not the
 * document's, a prefix typed inside a title, punctuation the program adds
 * again, text in a legacy encoding, look-alike letters. README.md (“Checking
 * a document”) lists every rule with its severity.
 *
 *     vb_doc_read(r, data, len, name, &doc, &diag);      // VB_OK
 *     vb_check_doc(doc, data, len, &diag);
 *     if (vb_diag_errors(&diag)) ...                     // refuse the document
 */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

/* Runs every check on doc, which vb_doc_read built from data[0..len) (the
 * bytes exactly as given to the reader: they hold what the model no longer
 * does, decomposed letters, and give positions inside a text). Findings go
 * to diag as errors and warnings, in compiler form. data may be NULL: the
 * checks on the input's bytes are skipped and positions are those of the
 * model. Costs one pass over data plus one over the model's text. */
void vb_check_doc(const vb_doc *doc, const char *data, size_t len, vb_diag *diag);

/* ---- legacy encodings (data/legacy/LEGACY.md) ------------------------------- */

typedef enum vb_legacy_enc {
    VB_LEGACY_NONE,
    VB_LEGACY_TCVN3, /* TCVN3 (ABC), .VnTime fonts */
    VB_LEGACY_VNI    /* VNI-Windows, VNI-Times fonts */
} vb_legacy_enc;

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
