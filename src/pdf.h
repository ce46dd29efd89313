/* pdf.h - the PDF backend: draws vb_pages through libharu.
 *
 * Fonts are embedded as Type0/CIDFontType2 subsets made with HarfBuzz's
 * subsetter, with Identity-H glyph ids and a ToUnicode map, so that every
 * character comes back out of the text layer exactly. */
#ifndef VB_PDF_H
#define VB_PDF_H

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "font.h"
#include "page.h"

/* The document information dictionary. Strings are UTF-8 (NULL: left out).
 * The date is written as both CreationDate and ModDate. */
typedef struct vb_pdf_info {
    const char *title, *author, *subject, *keywords, *creator, *producer;
    int year, month, day, hour, minute, second;
    int tz_minutes; /* offset from UTC, e.g. +420 for Vietnam */
    size_t max_image_pixels; /* largest picture drawn; 0: VB_LIMITS_DEFAULT's */
} vb_pdf_info;

/* Writes the pages as a complete PDF file into out (appended). The same
 * pages and info always give the same bytes. Returns VB_OK, or an error
 * with a message in diag (no partial file is ever meant to be kept). */
vb_err vb_pdf_write(const vb_pages *pages, const vb_fontset *fs, const vb_pdf_info *info, vb_buf *out,
                    vb_diag *diag);

#endif
