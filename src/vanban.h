/* vanban.h - the library's front door: an engine (fonts, layouts, schema,
 * loaded once and shared read-only) and the render call (one document, its
 * own arena). The CLI, the tests, the fuzzers and the benchmark use only this.
 *
 *     vb_engine *e;  vb_engine_new(&e, &opts, &diag);
 *     vb_buf out = VB_BUF_INIT;
 *     vb_render(e, xml, len, "bao-cao.xml", VB_FORMAT_PDF, &out, &diag);
 *
 * vb_render may be called from several threads on one engine at once. */
#ifndef VB_VANBAN_H
#define VB_VANBAN_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "err.h"
#include "style.h"
#include "vb_limits.h"

typedef struct vb_engine vb_engine;

typedef struct vb_engine_opts {
    const char *data_dir;   /* holds fonts/, layouts/, schema/; NULL: found automatically */
    const char *layout;     /* a layout file used for every document, or NULL */
    const char *font_file[VB_FACE_COUNT]; /* the user's own faces (e.g. Times New Roman), or NULL */
    vb_limits limits;
    int batch;              /* many documents follow: prepare fonts for fast subsetting */
    int no_schema;          /* skip the RELAX NG check (the reader's own checks still run) */
    int draft;              /* mark every document as a draft ("DỰ THẢO" framed beside the
                             * number, a diagonal watermark): PDF, JSON and PNG pages */
    int draft_round;        /* with draft: n > 0 writes "DỰ THẢO LẦN n" */
} vb_engine_opts;

/* Sets the defaults: no overrides, VB_LIMITS_DEFAULT. */
void vb_engine_opts_init(vb_engine_opts *o);

/* Loads the default layout, its fonts and the schema. Problems go to diag;
 * returns VB_OK or an error (VB_ERR_FONT, VB_ERR_INPUT for a broken layout
 * file …). The caller frees the engine with vb_engine_free. */
vb_err vb_engine_new(vb_engine **out, const vb_engine_opts *o, vb_diag *diag);
void vb_engine_free(vb_engine *e);

/* The data directory in use (for messages). */
const char *vb_engine_data_dir(const vb_engine *e);

typedef enum vb_format { VB_FORMAT_PDF, VB_FORMAT_DOCX, VB_FORMAT_JSON, VB_FORMAT_UNKNOWN } vb_format;

/* The format named by a file's extension (.pdf, .docx, .json), or by a
 * format name ("pdf" …); VB_FORMAT_UNKNOWN otherwise. */
vb_format vb_format_from_name(const char *s);

/* Renders one document from data[0..len) into out (appended). `name` names
 * the input in diagnostics. Every problem with the input is reported into
 * diag; on any error out holds nothing usable and the caller must not keep
 * it. Output is deterministic: the document's date (or SOURCE_DATE_EPOCH)
 * is the only date written. */
vb_err vb_render(vb_engine *e, const char *data, size_t len, const char *name, vb_format fmt, vb_buf *out,
                 vb_diag *diag);

/* Reads and checks one document without laying it out (`vanban check`): the
 * reader's checks, the schema, the decree's rules (check.h) and the layout
 * profile it names. Every finding goes to diag. Returns VB_OK (warnings
 * perhaps), VB_ERR_INPUT when there is an error, or another error. Images
 * are not opened and pages not counted: only vb_render does that. */
vb_err vb_check(vb_engine *e, const char *data, size_t len, const char *name, vb_diag *diag);

/* Where vb_render_png puts what it draws. */
typedef struct vb_page_sink {
    void *user;
    /* Each page in order, as a complete PNG file (valid during the call);
     * count is the number of pages. A non-zero return stops the render and
     * becomes its result. */
    vb_err (*page)(void *user, size_t index, size_t count, const unsigned char *png, size_t len);
    /* Each image file the pages draw (before the first page), so that a
     * watcher can watch it too; may be NULL. */
    void (*file)(void *user, const char *path);
} vb_page_sink;

/* Renders one document as pictures, one PNG a page at dpi dots per inch
 * (10 to 1200), drawn from the same page model as the PDF. Reading,
 * checking and diagnostics are those of vb_render. Only complete pages
 * reach the sink, and none when the input has an error; a page that fails
 * to draw (an image that went bad) stops the render, so keep what the sink
 * got only when the result is VB_OK. */
vb_err vb_render_png(vb_engine *e, const char *data, size_t len, const char *name, double dpi,
                     const vb_page_sink *sink, vb_diag *diag);

#endif
