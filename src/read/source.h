/* source.h - the input as the reader read it: its text in UTF-8, where its
 * lines start, and where its comments, processing instructions and CDATA
 * sections are. The model keeps one (vb_doc->src), so that the linter can
 * look at what the user typed without decoding or parsing the file again.
 *
 * Offsets are bytes of text; a position (vb_srcpos) is line:column with
 * columns counting code points, as the reader's messages count them. */
#ifndef VB_SOURCE_H
#define VB_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* An offset that is not known (a span the program made itself). */
#define VB_NO_OFF ((size_t)-1)

typedef struct vb_source_mark {
    size_t start, end; /* text[start .. end) */
    int cdata;         /* a CDATA section (text), not a comment or processing instruction */
} vb_source_mark;

typedef struct vb_source {
    const char *file;   /* name used in diagnostics (not owned) */
    char *text;         /* heap, NUL-terminated: the input as UTF-8, without a byte-order mark */
    size_t len;
    int unicode;        /* the input was UTF-8 or UTF-16: its bytes are the characters the user typed */
    size_t *line_start; /* heap; line_start[0] == 0 */
    size_t n_lines;
    size_t *chars;      /* heap; chars[i]: code points in text[0 .. i * VB_SOURCE_BLOCK) */
    vb_source_mark *marks; /* heap, in order: comments, processing instructions, CDATA sections */
    size_t n_marks, cap_marks;
} vb_source;

/* Columns are counted from the nearest block boundary, so a position on a
 * line megabytes long costs no more than one on a short line. */
#define VB_SOURCE_BLOCK 4096

/* Takes text[0..len) (heap, NUL-terminated; the source owns it from now on,
 * also on failure) and indexes its lines. 0 when out of memory. */
int vb_source_init(vb_source *s, const char *file, char *text, size_t len, int unicode);
/* Frees what the source holds; the struct itself is the caller's. */
void vb_source_free(vb_source *s);

/* The position of byte offset off. */
vb_srcpos vb_source_pos(const vb_source *s, size_t off);
/* The byte offset of a position of this source; VB_NO_OFF when it is not one. */
size_t vb_source_off(const vb_source *s, vb_srcpos p);

/* Records a comment, processing instruction or CDATA section at
 * text[start .. end) (the parser calls this in document order). 0 when out
 * of memory. */
int vb_source_add_mark(vb_source *s, size_t start, size_t end, int cdata);
/* 0: off is in a tag or in text; 1: in a comment or processing
 * instruction; 2: in a CDATA section. */
int vb_source_mark_at(const vb_source *s, size_t off);

/* The character an entity or character reference at t[i] ('&') stands
 * for; returns the reference's length, 0 when there is none. The five
 * predefined entities only: the reader refuses every other. */
size_t vb_source_ref_at(const char *t, size_t n, size_t i, uint32_t *cp);

/* Where attribute `name` of the start tag at elem ('<') is: its name
 * (*name_off) and the first character of its value after the quote
 * (*value_off, NULL: not wanted). 0 when the tag has no such attribute. */
int vb_source_attr(const vb_source *s, size_t elem, const char *name, size_t *name_off, size_t *value_off);

/* Where byte k of a model text stands in the input. The text (text[0..len))
 * is what the reader made of the input from offset `start` on: references
 * replaced, markup taken out, white space collapsed, NFC applied; the walk
 * undoes each of those. k == len gives the offset just after the text's last
 * character. VB_NO_OFF when start is. */
size_t vb_source_text_off(const vb_source *s, size_t start, const char *text, size_t len, size_t k);

#endif
