/* props.h - a document's properties, written by every backend the same way:
 * the PDF's information dictionary, the DOCX's docProps. */
#ifndef VB_PROPS_H
#define VB_PROPS_H

#include <stddef.h>

#include "arena.h"
#include "model.h"

typedef struct vb_props {
    const char *title;    /* the trích yếu */
    const char *author;   /* the issuing agency */
    const char *subject;  /* the type name */
    const char *keywords; /* number and notation: "05/BC-UBND" */
    const char *creator;  /* "vanban 0.1.0" */
    const char *producer; /* PDF only: what wrote the file's bytes */
    int year, month, day, hour, minute, second;
    int tz_minutes;          /* offset of that time from UTC: +420 for Vietnam */
    size_t max_image_pixels; /* largest picture drawn; 0: VB_LIMITS_DEFAULT's */
    int no_sign_fields;      /* PDF only: leave out the empty signature fields (--no-sign-field) */
    int compact;             /* PDF only: the smallest file, at some cost in time (--compact) */
} vb_props;

/* The properties of doc (strings in the arena). The date is
 * SOURCE_DATE_EPOCH when set, shown in Vietnam's time zone, else the
 * document's own date at midnight: the same input gives the same bytes. */
void vb_props_of(vb_props *p, const vb_doc *doc, vb_arena *a, size_t max_image_pixels);

#endif
