/* pdfinfo.h - what `vanban info` reads from a PDF: its signature fields.
 *
 * Any PDF, not only ours: the file is read with qpdf's C API (libqpdf),
 * which repairs what it can of a damaged file. Hostile files are bounded:
 * the field tree is walked with a depth limit, a limit on the nodes visited
 * and a record of the objects seen (a /Kids loop is a loop, not a hang),
 * and every failure of the library comes back as a message. */
#ifndef VB_PDFINFO_H
#define VB_PDFINFO_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

/* Most field nodes (fields and widgets) visited; a PDF with more is read up
 * to there and says so. */
#define VB_PDFINFO_MAX_NODES 20000
/* Deepest /Kids nesting followed (PDF readers stop far earlier in practice). */
#define VB_PDFINFO_MAX_DEPTH 32

/* One widget of a signature field: a field with two widgets (shown on two
 * pages) is listed twice, with the same name. */
typedef struct vb_sigfield {
    char *name;         /* fully qualified name, UTF-8 ("" when the field has none) */
    int page;           /* 1-based; 0 when the widget is on no page */
    double rect[4];     /* /Rect normalised: x1 < x2, y1 < y2, pt, PDF user space
                           (origin at the page's lower left corner) */
    int is_signed;      /* the field's /V holds a signature dictionary */
} vb_sigfield;

typedef struct vb_pdfinfo {
    int n_pages;
    vb_sigfield *fields;
    size_t n_fields, cap_fields;
    int truncated;      /* stopped at VB_PDFINFO_MAX_NODES */
    int repaired;       /* qpdf warned: the file is damaged and was repaired on reading */
} vb_pdfinfo;

/* Reads data[0..len) (name is used in messages). On success fills out (the
 * caller frees it with vb_pdfinfo_free) and returns VB_OK; on failure
 * returns VB_ERR_INPUT with a one-line reason in why[0..why_cap) (the PDF
 * cannot be read, the page tree loops …), VB_ERR_NOMEM, or VB_ERR_INTERNAL
 * with a reason when libqpdf cannot be loaded (it is opened on first use). */
vb_err vb_pdfinfo_read(const void *data, size_t len, const char *name, vb_pdfinfo *out, char *why,
                       size_t why_cap);

void vb_pdfinfo_free(vb_pdfinfo *info);

/* The fields as text for a person, or as JSON (one object: file, pages,
 * fields with name, page, signed, rect_pt and rect_mm), appended to out. */
void vb_pdfinfo_text(const vb_pdfinfo *info, const char *name, vb_buf *out);
void vb_pdfinfo_json(const vb_pdfinfo *info, const char *name, vb_buf *out);

/* `vanban info FILE.pdf [--json]`: argv[0] is "info". Returns the exit
 * status (0 done, 1 not a readable PDF, 2 usage, 3 cannot read the file,
 * 4 libqpdf missing, 5 out of memory). */
int vb_info_command(int argc, char **argv);

#endif
