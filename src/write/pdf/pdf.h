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
#include "props.h"

/* Writes the pages as a complete PDF file into out (appended). The same
 * pages and info always give the same bytes. Returns VB_OK, or an error
 * with a message in diag (no partial file is ever meant to be kept). */
vb_err vb_pdf_write(const vb_pages *pages, const vb_fontset *fs, const vb_props *info, vb_buf *out,
                    vb_diag *diag);

#endif
