/* numvi.h - numbers as a Vietnamese report writes them: decimal text that
 * never goes through a binary double (so 748,8 stays 748,8), printed with a
 * '.' between thousands and a ',' before the decimals ("986.271", "748,8"),
 * and read aloud in words ("một trăm linh năm", "hai mươi mốt", "mười lăm",
 * "bốn mươi tư", "… tỷ … triệu … nghìn …"). Used by the template filler's
 * filters and by the XLSX reader (numbers as Excel shows them). */
#ifndef VB_NUMVI_H
#define VB_NUMVI_H

#include <stddef.h>

#include "buf.h"

#define VB_DECNUM_DIGITS 40

/* value = (neg ? -1 : 1) * 0.d[0]d[1]…d[n-1] * 10^exp; n == 0 is zero. The
 * digits are '0'…'9' with no leading or trailing '0'. */
typedef struct vb_decnum {
    int neg;
    int n;
    int exp;
    char d[VB_DECNUM_DIGITS];
} vb_decnum;

/* Parses a number as a data cell holds it: an optional sign, digits, and a
 * decimal mark, with an optional exponent ("1.5E-3", as XLSX stores it).
 * A single '.' or ',' is the decimal mark ("748.8", "748,8"); several of one
 * kind are thousands separators ("1.234.567", "1,234,567"); with both, the
 * last one is the decimal mark ("1.234,5", "1,234.5"). Spaces around it are
 * ignored. Returns 1 on success, 0 when s is not such a number (or has more
 * than VB_DECNUM_DIGITS significant digits, or an exponent beyond ±300). */
int vb_decnum_parse(const char *s, size_t len, vb_decnum *out);

/* Rounds half away from zero to `decimals` digits after the point. */
void vb_decnum_round(vb_decnum *x, int decimals);

/* Rounds half away from zero to `sig` significant digits. */
void vb_decnum_round_sig(vb_decnum *x, int sig);

/* Writes x in plain decimal (no exponent): exactly `decimals` digits after
 * the mark, or when decimals < 0 as many as x has. `group` goes between
 * groups of three digits of the integer part (0: none), `point` before the
 * decimals. Appends to out. */
void vb_decnum_format(const vb_decnum *x, int decimals, char group, char point, vb_buf *out);

/* Appends x read in Vietnamese words, lower case: "một trăm linh năm",
 * "âm ba phẩy không năm" for -3,05 (the decimals after "phẩy": each leading
 * zero as "không", then the rest as a number). */
void vb_decnum_words(const vb_decnum *x, vb_buf *out);

/* Normalises a number as XLSX stores it ("748.79999999999995", "1E-3") to
 * the text Excel shows in a General cell: at most 15 significant digits, no
 * exponent, '.' as the decimal mark ("748.8", "0.001"). Returns 0 (and out
 * untouched) when s is not a number. */
int vb_decnum_excel(const char *s, size_t len, vb_buf *out);

#endif
