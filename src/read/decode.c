/* decode.c - the input's bytes as UTF-8 (decode.h), following the XML rules
 * for the encoding: a byte-order mark, else the first bytes of "<?xml" in
 * UTF-16, else the encoding the declaration names (through iconv), else
 * UTF-8. The one decoder of the program: the linter reads the text this
 * made, kept in the model (source.h). */
#include "decode.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Line and column of off in t, counted from the start (errors are found
 * before the line index exists). */
static vb_srcpos scan_pos(const char *file, const char *t, size_t len, size_t off)
{
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (vb_line_break_at(t, len, i)) {
            line++;
            col = 1;
        } else if (((unsigned char)t[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    return (vb_srcpos){file, line, col};
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int is_xml_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The encoding named by an XML declaration at the start of t, copied into
 * name; *at gets the offset of the name. 0 when there is none; -1 when the
 * name is not a valid encoding name. */
static int declared_encoding(const char *t, size_t len, char name[64], size_t *at)
{
    if (len < 6 || memcmp(t, "<?xml", 5) != 0 || !is_xml_ws(t[5]))
        return 0;
    size_t end = 6;
    while (end + 1 < len && end < 1024 && !(t[end] == '?' && t[end + 1] == '>'))
        end++;
    for (size_t i = 6; i + 8 <= end; i++) {
        if (memcmp(t + i, "encoding", 8) != 0 || !is_xml_ws(t[i - 1]))
            continue;
        size_t j = i + 8;
        while (j < end && is_xml_ws(t[j]))
            j++;
        if (j >= end || t[j] != '=')
            return 0;
        j++;
        while (j < end && is_xml_ws(t[j]))
            j++;
        if (j >= end || (t[j] != '"' && t[j] != '\''))
            return 0;
        char q = t[j++];
        size_t k = 0;
        *at = j;
        while (j < end && t[j] != q) {
            char c = t[j];
            int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                     (k > 0 && ((c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'));
            if (!ok || k + 1 >= 64)
                return -1;
            name[k++] = c;
            j++;
        }
        name[k] = 0;
        return k ? 1 : -1;
    }
    return 0;
}

static vb_err utf16_to_utf8(const unsigned char *p, size_t n, int be, const char *file,
                            vb_diag *d, vb_decoded *out)
{
    char *o = malloc(n / 2 * 3 + 1);
    if (!o)
        return VB_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (i + 1 >= n) {
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid UTF-16: it ends in the middle of a character");
            free(o);
            return VB_ERR_INPUT;
        }
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t l = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid UTF-16 (unpaired surrogate 0x%04X)", (unsigned)u);
            free(o);
            return VB_ERR_INPUT;
        }
        k += vb_utf8_encode(u, o + k);
    }
    o[k] = 0;
    out->text = o;
    out->len = k;
    return VB_OK;
}

static vb_err convert_iconv(const char *data, size_t len, const char *enc, size_t enc_at,
                            const char *file, vb_diag *d, vb_decoded *out)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        vb_diag_emit(d, scan_pos(file, data, len, enc_at), VB_ERROR,
                     "unknown encoding '%s' in the XML declaration: save the file as UTF-8", enc);
        return VB_ERR_INPUT;
    }
    size_t cap = len * 4 + 16;
    char *o = malloc(cap);
    if (!o) {
        iconv_close(cd);
        return VB_ERR_NOMEM;
    }
    char *in = (char *)data, *op = o;
    size_t inleft = len, outleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &op, &outleft);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &op, &outleft);
    iconv_close(cd);
    size_t k = (size_t)(op - o);
    if (r == (size_t)-1) {
        if (inleft)
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR,
                         "input is not valid %s (byte 0x%02X): save the file as UTF-8", enc,
                         (unsigned)(unsigned char)*in);
        else
            vb_diag_emit(d, scan_pos(file, o, k, k), VB_ERROR, "input is not valid %s", enc);
        free(o);
        return VB_ERR_INPUT;
    }
    o[k] = 0;
    out->text = o;
    out->len = k;
    return VB_OK;
}

vb_err vb_decode(const char *data, size_t len, const char *file, vb_diag *d, vb_decoded *out)
{
    const unsigned char *u = (const unsigned char *)data;
    memset(out, 0, sizeof *out);
    if (len >= 4 && ((!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF) ||
                     (u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                     (!u[0] && !u[1] && !u[2] && u[3] == '<') || (u[0] == '<' && !u[1] && !u[2] && !u[3]))) {
        vb_diag_emit(d, (vb_srcpos){file, 1, 1}, VB_ERROR,
                     "input is UTF-32, which is not supported: save the file as UTF-8");
        return VB_ERR_INPUT;
    }
    out->unicode = 1;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return utf16_to_utf8(u + 2, len - 2, 0, file, d, out);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return utf16_to_utf8(u + 2, len - 2, 1, file, d, out);
    if (len >= 4 && u[0] == '<' && !u[1] && u[2] == '?' && !u[3])
        return utf16_to_utf8(u, len, 0, file, d, out);
    if (len >= 4 && !u[0] && u[1] == '<' && !u[2] && u[3] == '?')
        return utf16_to_utf8(u, len, 1, file, d, out);
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        data += 3;
        len -= 3;
    } else {
        char enc[64];
        size_t at = 0;
        int de = declared_encoding(data, len, enc, &at);
        if (de < 0) {
            vb_diag_emit(d, scan_pos(file, data, len, at), VB_ERROR,
                         "the XML declaration names no valid encoding");
            return VB_ERR_INPUT;
        }
        /* A file declared UTF-16 whose bytes are not UTF-16 is read as UTF-8,
         * as libxml2 does. */
        if (de > 0 && !ieq(enc, "UTF-8") && !ieq(enc, "UTF8") && !ieq(enc, "UTF-16") &&
            !ieq(enc, "UTF16")) {
            out->unicode = 0;
            return convert_iconv(data, len, enc, at, file, d, out);
        }
    }
    size_t bad = vb_utf8_check(data, len);
    if (bad < len) {
        vb_diag_emit(d, scan_pos(file, data, len, bad), VB_ERROR,
                     "input is not valid UTF-8 (byte 0x%02X): save the file as UTF-8",
                     (unsigned)(unsigned char)data[bad]);
        return VB_ERR_INPUT;
    }
    out->text = malloc(len + 1);
    if (!out->text)
        return VB_ERR_NOMEM;
    memcpy(out->text, data, len);
    out->text[len] = 0;
    out->len = len;
    return VB_OK;
}
