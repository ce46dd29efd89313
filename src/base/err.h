/* err.h - failures of the system and of libraries (not of the user's input).
 *
 * Bad input is reported through a vb_diag sink (diag.h) and ends in
 * VB_ERR_INPUT; everything else is one of these codes. 0 means success. */
#ifndef VB_ERR_H
#define VB_ERR_H

typedef enum vb_err {
    VB_OK = 0,
    VB_ERR_NOMEM,  /* out of memory */
    VB_ERR_INPUT,  /* the input document or layout file is invalid: see the diagnostics */
    VB_ERR_IO,     /* reading or writing a file failed */
    VB_ERR_FONT,   /* a font file is missing, unreadable or unusable */
    VB_ERR_IMAGE,  /* an image file is missing, unreadable or too large */
    VB_ERR_PDF,    /* libharu failed */
    VB_ERR_ZIP,    /* libzip failed */
    VB_ERR_XML,    /* libxml2 failed while writing */
    VB_ERR_LIMIT,  /* a resource limit was exceeded (see limits in README) */
    VB_ERR_INTERNAL
} vb_err;

/* A short English description of the code; never NULL, static storage. */
const char *vb_strerror(vb_err e);

#endif
