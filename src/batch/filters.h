/* filters.h - the filters of batch placeholders, {{cot|filter:arg}}:
 *   so          a number as Vietnamese writes it: 986.271, 748,8
 *   so:N        … with exactly N decimals (0 to 10): so:2 gives 748,80
 *   chu         a number in words: một trăm linh năm, bốn mươi tư
 *   hoa         upper case, Vietnamese letters included: HUYỆN LẤP VÒ
 *   thuong      lower case
 *   hoa_dau     the first letter upper case: Một trăm …
 *   ngay        a date as the decree writes it: ngày 05 tháng 7 năm 2023
 *   iso         a date as the format's <ngay> wants it: 2023-07-05
 *   mac_dinh:"…"  the text to print when the value is empty
 * Dates are read as 2023-07-05 (what the XLSX reader gives for a date cell)
 * or 5/7/2023 (day first). The number and date filters pass an empty value
 * through, so mac_dinh may come before or after them. */
#ifndef VB_FILTERS_H
#define VB_FILTERS_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* NULL when filter name[0..nlen) exists and takes the argument given
 * (has_arg: there was a ':'); else a message, in buf (200 bytes) or static. */
const char *vb_filter_check(const char *name, size_t nlen, const char *arg, size_t alen, int has_arg, char *buf);

/* Applies a checked filter to value[0..len) (NUL-terminated), appending to
 * out. NULL, or why the value does not fit ("not a number"). */
const char *vb_filter_apply(const char *name, const char *arg, size_t alen, const char *value, size_t len, vb_buf *out,
                            vb_arena *scratch);

#endif
