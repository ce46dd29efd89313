/* lexicon.h - Vietnamese words of several syllables, for line breaking.
 *
 * Vietnamese writes a space between every syllable, so "kinh tế" is two
 * space-separated pieces and a breaker that may break at any space splits
 * the word. A lexicon holds the words of 2–4 syllables that lines keep
 * whole (data/vi-words/, a layout's own list, the user's); shape_para.c
 * looks each run of syllables up. Words compare by a key that ignores case
 * and where the tone mark sits ("hóa" = "hoá", "ỦY BAN" = "uỷ ban").
 *
 * Loaded once, then read-only: threads may share it. */
#ifndef VB_LEXICON_H
#define VB_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "err.h"

#define VB_LEX_MAX_SYL 4    /* the longest entry, in syllables */
#define VB_LEX_MAX_FILES 8 /* word lists vb_lexicon_open reads together */

typedef struct vb_lexicon vb_lexicon;

/* An empty lexicon; a lookup that misses in it asks parent (may be NULL),
 * which must outlive it. NULL when out of memory. */
vb_lexicon *vb_lexicon_new(const vb_lexicon *parent);
void vb_lexicon_free(vb_lexicon *lx);

/* Adds the words of a file: UTF-8, one word a line, anything after a tab
 * ignored (the count column of the .tsv files in data/vi-words), blank lines and lines
 * starting with '#' skipped. Entries of one syllable or more than
 * VB_LEX_MAX_SYL are skipped. A file that is missing gives VB_ERR_IO with a
 * message when `required`, else VB_OK quietly. */
vb_err vb_lexicon_load(vb_lexicon *lx, const char *path, int required, vb_diag *diag);

/* Adds one word (len bytes, syllables separated by spaces). Returns 0 when
 * out of memory. */
int vb_lexicon_add(vb_lexicon *lx, const char *word, size_t len);

/* The key of a word: lower case, each syllable's tone mark taken off its
 * vowel and written as a digit after the syllable. Writes at most cap bytes
 * (with a terminating 0) and returns the key's length, or 0 when it does not
 * fit or holds a character that is not a letter. */
size_t vb_lexicon_key(const char *word, size_t len, char *out, size_t cap);

/* Whether a key (vb_lexicon_key's) is a word of lx or of its parents. */
int vb_lexicon_has_key(const vb_lexicon *lx, const char *key, size_t len);

/* The lexicon of the word lists at paths (missing ones are skipped): the
 * table built into the program (src/gen/lexgen.c) when the files hold
 * exactly what it was made from, so that starting costs reading them and
 * a checksum; otherwise a new lexicon made from them (an edited data
 * directory). Free it with vb_lexicon_free either way. */
vb_err vb_lexicon_open(const char *const *paths, size_t count, vb_lexicon **out, vb_diag *diag);

/* vb_lexicon_open, also giving the files' checksum (vb_lexicon_sum) in *sum:
 * what src/gen/lexgen.c writes beside the table it makes. */
vb_err vb_lexicon_open_sum(const char *const *paths, size_t count, vb_lexicon **out, uint64_t *sum, vb_diag *diag);

/* Whether lx is the table built into the program. */
int vb_lexicon_is_builtin(const vb_lexicon *lx);

/* The checksum vb_lexicon_open compares: sum of the files before, then the
 * next file's bytes. */
uint64_t vb_lexicon_sum(uint64_t sum, const char *data, size_t len);

/* Writes lx as the C source of the built-in table (lexdata.c), made from
 * files whose checksum is sum. Returns 0 on a write error. */
int vb_lexicon_write_c(const vb_lexicon *lx, uint64_t sum, FILE *out);

/* How many words lx itself holds. */
size_t vb_lexicon_size(const vb_lexicon *lx);

#endif
