/* vanban.h - the library's front door, and the only header an embedder needs
 * (installed as <vanban.h>; usable from C and C++).
 *
 *     vb_diag *d;                          // where problems with the input go
 *     vb_diag_create(&d);
 *     vb_engine_opts o;
 *     vb_engine_opts_init(&o);
 *     vb_engine *e;
 *     if (vb_engine_new(&e, &o, d) == VB_OK) {
 *         vb_buf pdf = VB_BUF_INIT;
 *         vb_err err = vb_render(e, xml, len, "bao-cao.xml", VB_FORMAT_PDF, &pdf, d);
 *         ...                              // pdf.data, pdf.len when err == VB_OK
 *         vb_buf_free(&pdf);
 *     }
 *     for (size_t i = 0; i < vb_diag_count(d); i++)
 *         puts(vb_diag_message(d, i));
 *     vb_engine_free(e);
 *     vb_diag_destroy(d);
 *
 * Conventions, the same for every call:
 * - A call that can fail returns a vb_err: VB_OK (0) or the kind of failure.
 *   Results come back through out-parameters, which are set only on VB_OK
 *   (an out pointer is set to NULL on failure).
 * - A call that takes a vb_diag and fails has put at least one error into it
 *   saying what went wrong, in compiler form (file:line:col: error: ...), so
 *   a vb_err never arrives without a message. Out of memory is VB_ERR_NOMEM,
 *   never an "invalid input".
 * - Calls that cannot fail (accessors, vb_strerror, vb_version) return their
 *   value directly. Strings returned are owned by the library.
 *
 * An engine (fonts, layouts and the schema, loaded once and shared read-only)
 * may be used by several threads at once: vb_render and vb_check are
 * thread-safe on one engine as long as each thread has its own vb_diag. Every
 * layout a document names is loaded on first use and kept until
 * vb_engine_free; there is no limit on how many.
 *
 * Inside the source tree this header also gives the other stages the shared
 * types (vb_err, vb_severity, vb_buf, vb_limits, vb_face_id): err.h, diag.h,
 * buf.h, vb_limits.h and style.h include it, so each type is defined once. */
#ifndef VB_VANBAN_H
#define VB_VANBAN_H

#include <stddef.h>
#include <stdio.h>

/* Exported from the shared library; everything else there is hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define VB_API __attribute__((visibility("default")))
#else
#define VB_API
#endif

/* The version: CMakeLists.txt reads these three lines. */
#define VB_VERSION_MAJOR 0
#define VB_VERSION_MINOR 1
#define VB_VERSION_PATCH 0
/* One number for #if: 10000 * major + 100 * minor + patch. */
#define VB_VERSION_NUMBER (VB_VERSION_MAJOR * 10000 + VB_VERSION_MINOR * 100 + VB_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions ------------------------------------------------------------ */

/* The library's version as "MAJOR.MINOR.PATCH" (static storage); each of
 * major, minor and patch, when not NULL, gets its number. Compare with the
 * VB_VERSION_* macros to see whether the header and the library agree. */
VB_API const char *vb_version(int *major, int *minor, int *patch);

/* ---- errors -------------------------------------------------------------- */

/* Why a call failed. Bad input is VB_ERR_INPUT with the details in the
 * vb_diag; the other codes are failures of the system or of a library. */
typedef enum vb_err {
    VB_OK = 0,
    VB_ERR_NOMEM,  /* out of memory */
    VB_ERR_INPUT,  /* the input document or a layout file is invalid: see the diagnostics */
    VB_ERR_IO,     /* reading or writing a file failed */
    VB_ERR_FONT,   /* a font file is missing, unreadable or unusable */
    VB_ERR_IMAGE,  /* an image file is missing, unreadable or too large */
    VB_ERR_PDF,    /* libharu failed */
    VB_ERR_ZIP,    /* libzip failed */
    VB_ERR_XML,    /* libxml2 failed while writing */
    VB_ERR_LIMIT,  /* a resource limit was exceeded (vb_limits) */
    VB_ERR_INTERNAL,
    VB_ERR_ARG,    /* the caller passed a NULL where a value is needed, or an unknown format */
    VB_ERR_DATA    /* the data directory is incomplete: the schema missing or broken, no default layout */
} vb_err;

/* A short description of the code; never NULL, static storage. Like every
 * message of the library, it is in the language of the locale's
 * LC_MESSAGES as the program set it (setlocale): English under the C
 * locale, which is where a program starts. The library never calls
 * setlocale itself; its translations are the text domain "vanban". */
VB_API const char *vb_strerror(vb_err e);

/* ---- diagnostics --------------------------------------------------------- */

typedef enum vb_severity { VB_NOTE, VB_WARNING, VB_ERROR } vb_severity;

/* A list of diagnostics about the input (errors, warnings, notes), each with
 * its place. Opaque: read it through the functions below. Not thread-safe:
 * give each thread its own. */
typedef struct vb_diag vb_diag;

/* Called for each diagnostic as it is found (it is recorded as well).
 * `file` may be NULL and line or col 0 when unknown; the strings live only
 * for the duration of the call. */
typedef void (*vb_diag_fn)(void *user, vb_severity sev, const char *file, unsigned line, unsigned col,
                           const char *message);

/* A new, empty list (*out); free it with vb_diag_destroy. */
VB_API vb_err vb_diag_create(vb_diag **out);
VB_API void vb_diag_destroy(vb_diag *d);
/* Forgets the entries (the callback stays). */
VB_API void vb_diag_clear(vb_diag *d);
/* Sets (or, with fn NULL, removes) the callback. */
VB_API void vb_diag_set_callback(vb_diag *d, vb_diag_fn fn, void *user);

/* How many entries are recorded (in the order found; vb_diag_print sorts
 * them by place). At most 1,000 are kept; the counts go on. */
VB_API size_t vb_diag_count(const vb_diag *d);
/* How many errors were found (0: the input was accepted). */
VB_API size_t vb_diag_errors(const vb_diag *d);
/* How many warnings were found. */
VB_API size_t vb_diag_warnings(const vb_diag *d);
/* The i-th entry (i < vb_diag_count): its severity, its file (NULL when none),
 * line and column (from 1; 0 when unknown; columns count characters) and
 * message (without the place). The strings live until vb_diag_clear or
 * vb_diag_destroy. Out of range: VB_NOTE, NULL, 0, 0, "". */
VB_API vb_severity vb_diag_severity(const vb_diag *d, size_t i);
VB_API const char *vb_diag_file(const vb_diag *d, size_t i);
VB_API unsigned vb_diag_line(const vb_diag *d, size_t i);
VB_API unsigned vb_diag_col(const vb_diag *d, size_t i);
VB_API const char *vb_diag_message(const vb_diag *d, size_t i);
/* The i-th entry in compiler form, "file:line:col: error: message", into
 * buf (cut to size, always terminated when size > 0). */
VB_API void vb_diag_text(const vb_diag *d, size_t i, char *buf, size_t size);
/* Prints every entry sorted by file, line and column, one per line; notes
 * only when verbose is set. */
VB_API void vb_diag_print(vb_diag *d, FILE *f, int verbose);

/* ---- output buffer ------------------------------------------------------- */

/* A growing byte buffer: vb_render appends the file to one. Free the bytes
 * with vb_buf_free (not free()). */
typedef struct vb_buf {
    unsigned char *data;
    size_t len, cap;
    int failed; /* sticky: an append ran out of memory */
} vb_buf;

#define VB_BUF_INIT {0, 0, 0, 0}

/* Frees the bytes and empties the buffer (it can be used again). */
VB_API void vb_buf_free(vb_buf *b);
/* Empties the buffer and keeps its memory, for the next document. */
VB_API void vb_buf_reset(vb_buf *b);

/* ---- the engine ---------------------------------------------------------- */

/* Limits that keep a hostile input from eating the machine. */
typedef struct vb_limits {
    size_t max_input_bytes;  /* size of the input file */
    int max_depth;           /* element nesting */
    size_t max_nodes;        /* elements in the document */
    int max_pages;           /* pages laid out */
    size_t max_image_pixels; /* width x height of one image */
} vb_limits;

/* 16 MiB of input, 64 levels, 200,000 elements, 1,000 pages, 40 megapixels. */
#define VB_LIMITS_DEFAULT {16u * 1024 * 1024, 64, 200000, 1000, 40u * 1000 * 1000}

/* The four faces of the one family the decree allows. */
typedef enum vb_face_id { VB_FACE_REGULAR, VB_FACE_BOLD, VB_FACE_ITALIC, VB_FACE_BOLD_ITALIC, VB_FACE_COUNT } vb_face_id;

typedef struct vb_engine vb_engine;

/* Set up with vb_engine_opts_init, then change what you need. The strings
 * are copied by vb_engine_new. */
typedef struct vb_engine_opts {
    const char *data_dir;   /* holds fonts/, layouts/, schema/; NULL: found automatically */
    const char *layout;     /* a layout (name or file) used for every document, or NULL */
    const char *font_file[VB_FACE_COUNT]; /* the user's own faces (e.g. Times New Roman), or NULL */
    vb_limits limits;
    int batch;              /* many documents follow: prepare fonts for fast subsetting */
    int no_schema;          /* 1 (the default): no RELAX NG schema, the reader's own checks are the rule;
                               0: also validate against schema/vanban.rng (`vanban check --schema`) */
    int no_sign_fields;     /* 1: PDFs without the empty signature fields (`--no-sign-field`, docs/signing.md) */
    int draft;              /* mark every document as a draft ("DỰ THẢO" framed beside the
                             * number, a diagonal watermark): PDF, JSON and PNG pages */
    int draft_round;        /* with draft: n > 0 writes "DỰ THẢO LẦN n" */
    int compact;            /* 1: the smallest PDF, for archives, at some cost in time
                             * (`--compact`, docs/pdf.md): everything deflated at the highest
                             * level, font subsets without the tables a PDF viewer never reads */
} vb_engine_opts;

/* Sets the defaults: no overrides, VB_LIMITS_DEFAULT. */
VB_API void vb_engine_opts_init(vb_engine_opts *o);

/* Makes an engine (*out): finds the data directory (the option, then
 * $VANBAN_DATA_DIR, then ../share/vanban beside the library or the program,
 * then the install prefix), loads the schema, the default layout and its
 * fonts, so that a broken installation shows at once. Fails with
 * VB_ERR_FONT, VB_ERR_INPUT (a broken layout file), VB_ERR_NOMEM ...; free
 * with vb_engine_free. */
VB_API vb_err vb_engine_new(vb_engine **out, const vb_engine_opts *o, vb_diag *diag);
VB_API void vb_engine_free(vb_engine *e);

/* The data directory in use (for messages); owned by the engine. */
VB_API const char *vb_engine_data_dir(const vb_engine *e);

typedef enum vb_format { VB_FORMAT_PDF, VB_FORMAT_DOCX, VB_FORMAT_JSON, VB_FORMAT_UNKNOWN } vb_format;

/* The format named by a file's extension (.pdf, .docx, .json), or by a
 * format name ("pdf" ...); VB_FORMAT_UNKNOWN otherwise. */
VB_API vb_format vb_format_from_name(const char *s);

/* Renders one document from data[0..len) and appends the file to out.
 * `name` names the input in diagnostics and is where relative image paths
 * start from. Every problem with the input goes to diag; on failure out
 * holds nothing usable. Output is deterministic: the document's date (or
 * SOURCE_DATE_EPOCH) is the only date written. */
VB_API vb_err vb_render(vb_engine *e, const char *data, size_t len, const char *name, vb_format fmt, vb_buf *out,
                        vb_diag *diag);

/* Reads and checks one document without laying it out (`vanban check`): the
 * reader's checks, the schema, the decree's rules and the layout it names.
 * Returns VB_OK (warnings perhaps), VB_ERR_INPUT when there is an error, or
 * another failure. Images are checked; pages are not counted. */
VB_API vb_err vb_check(vb_engine *e, const char *data, size_t len, const char *name, vb_diag *diag);

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
 * (10 to 1200), drawn from the same page model as the PDF (docs/preview.md). Reading,
 * checking and diagnostics are those of vb_render. Only complete pages
 * reach the sink, and none when the input has an error; a page that fails
 * to draw (an image that went bad) stops the render, so keep what the sink
 * got only when the result is VB_OK. */
VB_API vb_err vb_render_png(vb_engine *e, const char *data, size_t len, const char *name, double dpi,
                            const vb_page_sink *sink, vb_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
