/* check_ctx.h - what the linter's files (check.c, check_fields.c,
 * check_typed.c, check_input.c) share: the run's context, its messages, and
 * positions inside the input, which come from the source the reader kept
 * (source.h). Not part of the library's API. */
#ifndef VB_CHECK_CTX_H
#define VB_CHECK_CTX_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"

typedef struct vb_ck_range {
    size_t a, b;
} vb_ck_range;

typedef struct ck {
    const vb_doc *doc;
    vb_diag *diag;
    vb_arena *tmp;         /* scratch for messages; made when first needed */
    const vb_source *src;  /* the input as the reader read it; NULL when the document has none */
    vb_ck_range *legacy;   /* the input's spans reported as legacy text */
    size_t n_legacy, cap_legacy;
} ck;

/* A finding at pos (the document's file when pos names none). */
void vb_ck_emit(ck *c, vb_srcpos pos, vb_severity sev, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The scratch arena; NULL when out of memory. */
vb_arena *vb_ck_scratch(ck *c);
/* printf into the scratch arena; "" when out of memory. */
const char *vb_ck_fmt(ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The position of byte off of the input (line 0 when there is no source). */
vb_srcpos vb_ck_pos(ck *c, size_t off);
/* Where byte k of span s's text is in the input; VB_NO_OFF when unknown. */
size_t vb_ck_span_off(ck *c, const vb_span *s, size_t k);
/* The position of byte k of span s's text (the span's own when unknown). */
vb_srcpos vb_ck_span_pos(ck *c, const vb_span *s, size_t k);
/* The position of attribute `name` of the element at elem (of its value's
 * character number `ch` when value is set); elem itself when not found. */
vb_srcpos vb_ck_attr_pos(ck *c, vb_srcpos elem, const char *name, int value, size_t ch);

/* The first and the last span of a run that hold text; NULL when none. */
const vb_span *vb_ck_first_text(const vb_inline *in);
const vb_span *vb_ck_last_text(const vb_inline *in);
/* The start of the code point before s[i]. */
size_t vb_ck_back_one(const char *s, size_t i);
/* The word of s around byte i (bounded by spaces), for messages. */
const char *vb_ck_word_around(ck *c, const char *s, size_t len, size_t i);

/* Every check that looks at one run of text (legacy encodings, the
 * header's words typed as content, capitals). upper: what the run is, when
 * the decree prints it in capitals. (check.c) */
void vb_ck_run(ck *c, const vb_inline *in, const char *elem, const char *upper);

/* The fields' rules (check_fields.c): ô 3, ô 7a, ô 9 and ô 12. */
void vb_ck_number(ck *c, const char *number, vb_srcpos elem);
void vb_ck_notation(ck *c, const char *kh, vb_srcpos elem, const vb_doctype *type, vb_copy_form copy);
void vb_ck_signature(ck *c, const vb_signature *sig);
/* One recipient: <nhan> (list) or <noi> (Kính gửi). */
void vb_ck_recipient(ck *c, const vb_inline *r, int list);
void vb_ck_recipients(ck *c, const vb_inline *v, size_t n, const vb_archive *ar);

/* Labels and punctuation the program prints itself, typed in a field
 * (check_typed.c). */
void vb_ck_typed(ck *c);

/* Is offset off inside a span reported as legacy text? */
int vb_ck_in_legacy(const ck *c, size_t off);
/* The input's bytes: letters typed decomposed, look-alike letters
 * (check_input.c). */
void vb_ck_scan_input(ck *c);

#endif
