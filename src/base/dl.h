/* dl.h - libraries opened when a command first needs them.
 *
 * `vanban render` to PDF, the command people wait for, needs neither cairo
 * (PNG pages), libmicrohttpd (the preview server), libzip (DOCX and XLSX)
 * nor libcrypto (batch manifests). Linked in, those four and what they
 * bring (X11, GnuTLS, …: 30 of the 51 libraries) cost every start 3 ms of
 * loading and relocating. So the code that uses one reaches it through a
 * table of function pointers filled by dlsym on first use:
 *
 *     #define CAIRO_FUNCS(X) X(cairo_create) X(cairo_destroy) …
 *     struct vb_cairo_api { CAIRO_FUNCS(VB_DL_PTR) };
 *     … vb_cairo.cairo_create(surface) …
 *
 * The pointers take their types from the library's own header (typeof), so
 * every call is checked as a direct call would be. */
#ifndef VB_DL_H
#define VB_DL_H

#include <stddef.h>

/* A member of an API table: a pointer of f's own type, named f. */
#define VB_DL_PTR(f) __typeof__(&f) f;

/* Fills api->f from the library handle h, or sets *missing and returns
 * from the enclosing function. For X-macro lists: FUNCS(VB_DL_SYM). */
#define VB_DL_SYM_(api, h, missing, f)                                                                                 \
    if (!((api)->f = (__typeof__((api)->f))vb_dl_sym((h), #f))) {                                                     \
        *(missing) = #f;                                                                                               \
        return 0;                                                                                                      \
    }

/* The first of the n library names that opens (RTLD_NOW, local; kept open
 * for the life of the process), or NULL. */
void *vb_dl_open(const char *const *names, size_t n);

/* A symbol of h, as a function pointer's bits. */
void *vb_dl_sym(void *h, const char *name);

#endif
