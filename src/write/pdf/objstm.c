/* objstm.c - repacks libharu's finished PDF as PDF 1.5 (objstm.h).
 *
 * libharu writes a header, "N 0 obj ... endobj" for every object, a classic
 * cross-reference table and a trailer. The objects are found through that
 * table (never by scanning for keywords, which may occur inside compressed
 * stream data); each one ends at the last "endobj" before the next object.
 * Stream objects, and the page tree's root, are copied as they are; the
 * others (dictionaries, arrays, numbers: the catalogue, pages, fonts'
 * dictionaries, /W arrays, lengths) are joined into one /ObjStm, deflated; a /XRef stream replaces the table
 * and the trailer. Anything unexpected leaves the file untouched. */
#include "objstm.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct span {
    size_t num, off; /* object number, offset of "num 0 obj" */
    size_t body, end; /* the object's value: [body, end) */
    int is_stream;
    int out_of_stream; /* not a stream, but kept as a plain object */
    size_t new_off;   /* in the new file, for stream objects */
    size_t index;     /* place in the object stream, for the others */
} span;

static int by_offset(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* The last occurrence of needle in [from, to), or SIZE_MAX. */
static size_t rfind(const unsigned char *d, size_t from, size_t to, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = to; i >= from + n; i--)
        if (!memcmp(d + i - n, needle, n))
            return i - n;
    return SIZE_MAX;
}

static int has(const unsigned char *p, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (p[i] == (unsigned char)needle[0] && !memcmp(p + i, needle, m))
            return 1;
    return 0;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

/* Reads a decimal number at d[*i], skipping leading white space. */
static int read_num(const unsigned char *d, size_t len, size_t *i, size_t *v)
{
    while (*i < len && is_ws(d[*i]))
        (*i)++;
    if (*i >= len || d[*i] < '0' || d[*i] > '9')
        return 0;
    size_t x = 0;
    while (*i < len && d[*i] >= '0' && d[*i] <= '9') {
        if (x > SIZE_MAX / 10 - 10)
            return 0;
        x = x * 10 + (size_t)(d[*i] - '0');
        (*i)++;
    }
    *v = x;
    return 1;
}

/* Appends data deflated (zlib format) as a stream object's dictionary end,
 * stream and endobj; dict is the dictionary's text before /Length. */
static int put_stream(vb_buf *o, size_t num, const char *dict, const unsigned char *data, size_t len, int level)
{
    struct libdeflate_compressor *zc = libdeflate_alloc_compressor(level);
    size_t cap = zc ? libdeflate_zlib_compress_bound(zc, len) : 0;
    unsigned char *z = zc ? malloc(cap ? cap : 1) : NULL;
    size_t zlen = z ? libdeflate_zlib_compress(zc, data, len, z, cap) : 0;
    libdeflate_free_compressor(zc);
    if (!zlen) {
        free(z);
        return 0;
    }
    vb_buf_printf(o, "%zu 0 obj\n<<%s /Filter /FlateDecode /Length %zu>>\nstream\n", num, dict, zlen);
    vb_buf_append(o, z, zlen);
    vb_buf_puts(o, "\nendstream\nendobj\n");
    free(z);
    return !o->failed;
}

/* One cross-reference stream entry: type, field 2 in w bytes, field 3 in 2. */
static void xref_entry(vb_buf *x, int type, size_t f2, int w, size_t f3)
{
    unsigned char e[8];
    e[0] = (unsigned char)type;
    for (int k = 0; k < w; k++)
        e[1 + k] = (unsigned char)(f2 >> (8 * (w - 1 - k)));
    e[1 + w] = (unsigned char)(f3 >> 8);
    e[2 + w] = (unsigned char)f3;
    vb_buf_append(x, e, (size_t)w + 3);
}

int vb_pdf_pack_objects(vb_buf *out, size_t start, int level)
{
    const unsigned char *d = out->data + start;
    size_t len = out->len - start;
    span *sp = NULL;
    vb_buf o = VB_BUF_INIT, os = VB_BUF_INIT, hdr = VB_BUF_INIT, x = VB_BUF_INIT;
    int ok = 0;

    /* startxref, the table's header "xref\n0 N" */
    size_t sx = rfind(d, len > 64 ? len - 64 : 0, len, "startxref"), xoff, i, first, n;
    if (sx == SIZE_MAX || len < 16 || memcmp(d, "%PDF-1.", 7))
        goto done;
    i = sx + 9;
    if (!read_num(d, len, &i, &xoff) || xoff + 5 > sx || memcmp(d + xoff, "xref", 4))
        goto done;
    i = xoff + 4;
    if (!read_num(d, len, &i, &first) || !read_num(d, len, &i, &n) || first != 0 || n < 2 || n > 1000000)
        goto done;
    while (i < len && is_ws(d[i]) && d[i] != '0')
        i++;
    if (i + n * 20 > sx)
        goto done;
    size_t table = i;
    /* the trailer's dictionary, without /Size */
    size_t tr = table + n * 20;
    while (tr < sx && is_ws(d[tr]))
        tr++;
    if (sx - tr < 12 || memcmp(d + tr, "trailer", 7))
        goto done;
    size_t t0 = tr + 7;
    while (t0 < sx && is_ws(d[t0]))
        t0++;
    size_t t1 = rfind(d, t0, sx, ">>");
    if (t1 == SIZE_MAX || memcmp(d + t0, "<<", 2))
        goto done;
    t0 += 2;

    sp = calloc(n, sizeof *sp);
    if (!sp)
        goto done;
    size_t ns = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char *e = d + table + 20 * k;
        if (e[17] == 'f')
            continue;
        if (e[17] != 'n' || memcmp(e + 11, "00000", 5))
            goto done; /* only generation 0 is ever written */
        size_t q = 0, off;
        if (!read_num(e, 10, &q, &off) || off >= xoff)
            goto done;
        sp[ns++] = (span){.num = k, .off = off};
    }
    qsort(sp, ns, sizeof *sp, by_offset);
    for (size_t k = 0; k < ns; k++) {
        size_t lim = k + 1 < ns ? sp[k + 1].off : xoff, q = sp[k].off, num, gen;
        if (!read_num(d, lim, &q, &num) || !read_num(d, lim, &q, &gen) || num != sp[k].num || gen)
            goto done;
        while (q < lim && is_ws(d[q]))
            q++;
        if (lim - q < 3 || memcmp(d + q, "obj", 3))
            goto done;
        size_t eo = rfind(d, q + 3, lim, "endobj");
        if (eo == SIZE_MAX)
            goto done;
        sp[k].body = q + 3;
        sp[k].end = eo;
        while (sp[k].body < eo && is_ws(d[sp[k].body]))
            sp[k].body++;
        while (sp[k].end > sp[k].body && is_ws(d[sp[k].end - 1]))
            sp[k].end--;
        sp[k].is_stream = sp[k].end - sp[k].body >= 9 && !memcmp(d + sp[k].end - 9, "endstream", 9);
        /* the page tree's root stays in the clear too: its "/Count N" is
         * how `vanban batch --skip-existing` (batch.c pdf_pages) and simple
         * scripts count a finished file's pages */
        if (!sp[k].is_stream && !sp[k].out_of_stream)
            sp[k].out_of_stream = has(d + sp[k].body, sp[k].end - sp[k].body, "/Type /Pages\n") ||
                                  has(d + sp[k].body, sp[k].end - sp[k].body, "/Type /Pages ");
    }

    /* the new file: header, stream objects, the object stream, the xref stream */
    size_t objstm_num = n, xref_num = n + 1, n_in = 0;
    if (!vb_buf_reserve(&o, len) || !vb_buf_reserve(&os, len / 4))
        goto done;
    vb_buf_puts(&o, "%PDF-1.5\n%\xb7\xbe\xad\xaa\n");
    for (size_t k = 0; k < ns; k++) {
        if (sp[k].is_stream || sp[k].out_of_stream) {
            sp[k].new_off = o.len;
            vb_buf_printf(&o, "%zu 0 obj\n", sp[k].num);
            vb_buf_append(&o, d + sp[k].body, sp[k].end - sp[k].body);
            vb_buf_puts(&o, "\nendobj\n");
        } else {
            sp[k].index = n_in++;
            vb_buf_printf(&hdr, "%zu %zu ", sp[k].num, os.len);
            vb_buf_append(&os, d + sp[k].body, sp[k].end - sp[k].body);
            vb_buf_putc(&os, '\n');
        }
    }
    if (!n_in || o.failed || os.failed || hdr.failed)
        goto done;
    size_t objstm_off = o.len;
    char dict[128];
    snprintf(dict, sizeof dict, "/Type /ObjStm /N %zu /First %zu", n_in, hdr.len);
    vb_buf_append(&hdr, os.data, os.len);
    if (hdr.failed || !put_stream(&o, objstm_num, dict, hdr.data, hdr.len, level))
        goto done;

    size_t xref_off = o.len;
    int w = xref_off < (1u << 16) ? 2 : xref_off < (1u << 24) ? 3 : 4;
    /* entries in object-number order: free ones (0 and any libharu left
     * free) are type 0, streams type 1 at their offset, the rest type 2 */
    size_t *where = calloc(n, sizeof *where);
    if (!where)
        goto done;
    for (size_t k = 0; k < ns; k++)
        where[sp[k].num] = k + 1;
    for (size_t k = 0; k < n; k++) {
        if (!where[k])
            xref_entry(&x, 0, 0, w, k ? 0 : 65535);
        else if (sp[where[k] - 1].is_stream || sp[where[k] - 1].out_of_stream)
            xref_entry(&x, 1, sp[where[k] - 1].new_off, w, 0);
        else
            xref_entry(&x, 2, objstm_num, w, sp[where[k] - 1].index);
    }
    free(where);
    xref_entry(&x, 1, objstm_off, w, 0);
    xref_entry(&x, 1, xref_off, w, 0);
    /* the trailer's keys (/Root, /Info, /ID) without /Size */
    vb_buf keys = VB_BUF_INIT;
    for (size_t q = t0; q < t1;) {
        if (t1 - q > 5 && !memcmp(d + q, "/Size", 5) && is_ws(d[q + 5])) {
            size_t v, r = q + 5;
            if (read_num(d, t1, &r, &v)) {
                q = r;
                continue;
            }
        }
        vb_buf_putc(&keys, d[q] == '\n' || d[q] == '\r' ? ' ' : d[q]);
        q++;
    }
    vb_buf_putc(&keys, 0);
    char xdict[512];
    int xn = keys.failed ? -1
                         : snprintf(xdict, sizeof xdict, "/Type /XRef /Size %zu /W [1 %d 2]%s", n + 2, w,
                                    (const char *)keys.data);
    vb_buf_free(&keys);
    if (xn < 0 || (size_t)xn >= sizeof xdict || x.failed || !put_stream(&o, xref_num, xdict, x.data, x.len, level))
        goto done;
    vb_buf_printf(&o, "startxref\n%zu\n%%%%EOF\n", xref_off);
    if (o.failed)
        goto done;

    if (o.len > len && !vb_buf_reserve(out, o.len - len))
        goto done; /* the room first: the old file stays whole on failure */
    out->len = start;
    vb_buf_append(out, o.data, o.len);
    ok = !out->failed;
done:
    free(sp);
    vb_buf_free(&o);
    vb_buf_free(&os);
    vb_buf_free(&hdr);
    vb_buf_free(&x);
    return ok;
}
