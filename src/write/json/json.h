/* json.h - the laid-out pages as JSON: every text run, rule and frame, and
 * the boxes where the formal elements landed. For tests, tools and previews. */
#ifndef VB_JSON_H
#define VB_JSON_H

#include "buf.h"
#include "err.h"
#include "page.h"

/* Appends the JSON text to out. Lengths are in points from the page's
 * top-left corner. */
vb_err vb_json_write(const vb_pages *pages, vb_buf *out);

#endif
