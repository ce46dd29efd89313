/* csv.c - CSV files as Excel and LibreOffice write them (RFC 4180): a header
 * line, fields between ',' (or ';', which Excel uses where the decimal mark
 * is a comma, as in a Vietnamese locale), fields in double quotes when they
 * hold the separator, a quote ("" inside) or a line break; CR LF or LF.
 * UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes.
 * A first line "sep=;" names the separator (Excel reads and some tools
 * write it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dataset.h"
#include "utf8.h"
#include "i18n.h"

typedef struct csv_state {
    const char *t;
    size_t len, i;
    uint32_t line;       /* line of t[i] */
    size_t line_start;   /* offset where that line starts */
    char delim;
    const char *file;
    vb_diag *diag;
    /* the current record: field bytes one after another in buf */
    vb_buf buf;
    size_t *off, *flen;
    uint32_t *fcol;      /* column (in characters) where each field starts */
    size_t n, cap;
    size_t memo_off;     /* col_of's last answer, so a long line costs linear time */
    uint32_t memo_col;
} csv_state;

static uint32_t col_of(csv_state *s, size_t at)
{
    if (s->memo_off < s->line_start || s->memo_off > at) {
        s->memo_off = s->line_start;
        s->memo_col = 1;
    }
    s->memo_col += (uint32_t)vb_utf8_count(s->t + s->memo_off, at - s->memo_off);
    s->memo_off = at;
    return s->memo_col;
}

static int add_field(csv_state *s, size_t start, uint32_t col)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        size_t *o = realloc(s->off, cap * sizeof *o);
        if (!o)
            return 0;
        s->off = o;
        size_t *l = realloc(s->flen, cap * sizeof *l);
        if (!l)
            return 0;
        s->flen = l;
        uint32_t *c = realloc(s->fcol, cap * sizeof *c);
        if (!c)
            return 0;
        s->fcol = c;
        s->cap = cap;
    }
    s->off[s->n] = start;
    s->flen[s->n] = s->buf.len - start;
    s->fcol[s->n] = col;
    s->n++;
    return 1;
}

static void newline(csv_state *s)
{
    s->line++;
    s->line_start = s->i;
}

/* Reads one record into s->buf/off/flen. Returns 1 for a record, 0 at the
 * end of the input, -1 on an error (reported), -2 out of memory. */
static int read_record(csv_state *s)
{
    vb_buf_reset(&s->buf);
    s->n = 0;
    if (s->i >= s->len)
        return 0;
    for (;;) {
        size_t start = s->buf.len;
        uint32_t col = col_of(s, s->i);
        if (s->i < s->len && s->t[s->i] == '"') {
            uint32_t qline = s->line;
            s->i++;
            for (;;) {
                if (s->i >= s->len) {
                    vb_diag_emit(s->diag, (vb_srcpos){s->file, qline, col}, VB_ERROR,
                                 "this quoted field is never closed: a field that starts with '\"' ends with '\"' "
                                 "(a quote inside it is written \"\")");
                    return -1;
                }
                char c = s->t[s->i++];
                if (c == '"') {
                    if (s->i < s->len && s->t[s->i] == '"') {
                        vb_buf_putc(&s->buf, '"');
                        s->i++;
                        continue;
                    }
                    break;
                }
                vb_buf_putc(&s->buf, c);
                if (c == '\n' || (c == '\r' && (s->i >= s->len || s->t[s->i] != '\n')))
                    newline(s);
            }
            if (s->i < s->len && s->t[s->i] != s->delim && s->t[s->i] != '\n' && s->t[s->i] != '\r') {
                vb_diag_emit(s->diag, (vb_srcpos){s->file, s->line, col_of(s, s->i)}, VB_ERROR,
                             "expected '%c' or the end of the line after the closing quote of a field "
                             "(a quote inside a quoted field is written \"\")",
                             s->delim);
                return -1;
            }
        } else {
            while (s->i < s->len && s->t[s->i] != s->delim && s->t[s->i] != '\n' && s->t[s->i] != '\r')
                vb_buf_putc(&s->buf, s->t[s->i++]);
        }
        if (s->buf.failed || !add_field(s, start, col))
            return -2;
        if (s->i >= s->len)
            return 1;
        char c = s->t[s->i++];
        if (c == s->delim)
            continue;
        if (c == '\r' && s->i < s->len && s->t[s->i] == '\n')
            s->i++;
        newline(s);
        return 1;
    }
}

/* ',' unless the first line has more ';' than ',' outside quotes. */
static char pick_delim(const char *t, size_t len)
{
    size_t commas = 0, semis = 0;
    int q = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '"')
            q = !q;
        else if (!q && (c == '\n' || c == '\r'))
            break;
        else if (!q && c == ',')
            commas++;
        else if (!q && c == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
}

static int record_empty(const csv_state *s)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->flen[k])
            return 0;
    return 1;
}

/* VB_ERR_INPUT, at the first byte that is not UTF-8, unless all of data is. */
static vb_err check_utf8(const char *data, size_t len, const char *file, vb_diag *diag)
{
    size_t bad = vb_utf8_check(data, len);
    if (bad >= len)
        return VB_OK;
    uint32_t line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < bad; i++)
        if (vb_line_break_at(data, len, i))
            line++, ls = i + 1;
    vb_diag_emit(diag, (vb_srcpos){file, line, (uint32_t)vb_utf8_count(data + ls, bad - ls) + 1}, VB_ERROR,
                 "the file is not UTF-8 (byte 0x%02X): save it as \"CSV UTF-8\"", (unsigned)(unsigned char)data[bad]);
    return VB_ERR_INPUT;
}

/* The reader at the start of data, with its separator. */
static void start_csv(csv_state *s, const char *data, size_t len, const char *file, vb_diag *diag)
{
    s->t = data;
    s->len = len;
    s->line = 1;
    s->memo_col = 1;
    s->delim = pick_delim(data, len);
    /* "sep=;" on the first line, as some exports write it for Excel: the
     * separator, said outright */
    if (len >= 5 && memcmp(data, "sep=", 4) == 0 && (len == 5 || data[5] == '\n' || data[5] == '\r')) {
        s->delim = data[4];
        s->i = 5;
        if (s->i < len && data[s->i] == '\r')
            s->i++;
        if (s->i < len && data[s->i] == '\n')
            s->i++;
        s->line = 2;
        s->line_start = s->i;
        s->memo_off = s->i;
    }
    s->file = file;
    s->diag = diag;
}

/* The record's fields as the builder takes them: pointers and lengths. */
static vb_err record_cells(const csv_state *s, const char ***cells, size_t **lens)
{
    free(*cells);
    free(*lens);
    *cells = malloc(s->n * sizeof **cells);
    *lens = malloc(s->n * sizeof **lens);
    if (!*cells || !*lens)
        return VB_ERR_NOMEM;
    for (size_t k = 0; k < s->n; k++) {
        (*cells)[k] = (const char *)s->buf.data + s->off[k];
        (*lens)[k] = s->flen[k];
    }
    return VB_OK;
}

/* The header record: the column names, each placed (file:line:col) for
 * messages. */
static vb_err take_header(const csv_state *s, vb_sheet_builder *b, uint32_t line, const char **cells,
                          const size_t *lens, char ***where, size_t *n_where, vb_diag *diag)
{
    *where = calloc(s->n, sizeof **where);
    if (!*where)
        return VB_ERR_NOMEM;
    *n_where = s->n;
    for (size_t k = 0; k < s->n; k++) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, ":%u:%u", (unsigned)line, (unsigned)s->fcol[k]);
        size_t fl = strlen(s->file);
        (*where)[k] = malloc(fl + strlen(tmp) + 1);
        if (!(*where)[k])
            return VB_ERR_NOMEM;
        memcpy((*where)[k], s->file, fl);
        strcpy((*where)[k] + fl, tmp);
    }
    return vb_tb_header(b, cells, lens, s->n, (const char *const *)*where, diag);
}

/* A data record into the table; one with another number of fields than the
 * header is kept as a bad row, with the reason. */
static vb_err take_row(const csv_state *s, vb_sheet_builder *b, uint32_t line, const char **cells, const size_t *lens,
                       vb_diag *diag)
{
    char why[256], *bad_row = NULL;
    size_t nc = b->t->n_cols, n = s->n;
    while (n > nc && lens[n - 1] == 0)
        n--; /* empty fields after the last column: harmless */
    if (n != nc) {
        snprintf(why, sizeof why, _("%s:%u: error: the row has %zu fields but the header has %zu"), s->file, (unsigned)line,
                 n, nc);
        bad_row = why;
    }
    vb_err rc = vb_tb_row(b, cells, lens, n < nc ? n : nc, line, bad_row);
    if (rc == VB_ERR_LIMIT) {
        vb_diag_emit(diag, (vb_srcpos){s->file, line, 1}, VB_ERROR, "the table has more than %u cells (rows × columns)",
                     VB_SHEET_MAX_CELLS);
        rc = VB_ERR_INPUT;
    }
    return rc;
}

vb_err vb_csv_read(const char *data, size_t len, const char *file, const char *name, vb_sheet **out,
                   vb_diag *diag)
{
    *out = NULL;
    csv_state s = {0};
    vb_sheet_builder b;
    const char **cells = NULL;
    size_t *lens = NULL;
    char **where = NULL;
    size_t n_where = 0;
    vb_err rc = vb_tb_init(&b, file, name, 0);
    if (rc)
        goto fail;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    if ((rc = check_utf8(data, len, file, diag)))
        goto fail;
    start_csv(&s, data, len, file, diag);
    int header = 0;
    for (;;) {
        uint32_t line = s.line;
        int r = read_record(&s);
        if (r == 0)
            break;
        if (r == -1) {
            rc = VB_ERR_INPUT;
            goto fail;
        }
        if (r == -2) {
            rc = VB_ERR_NOMEM;
            goto fail;
        }
        if (record_empty(&s))
            continue;
        if ((rc = record_cells(&s, &cells, &lens)))
            goto fail;
        if (!header) {
            if ((rc = take_header(&s, &b, line, cells, lens, &where, &n_where, diag)))
                goto fail;
            header = 1;
            continue;
        }
        if ((rc = take_row(&s, &b, line, cells, lens, diag)))
            goto fail;
    }
    if (!header) {
        vb_diag_emit(diag, (vb_srcpos){file, 1, 1}, VB_ERROR,
                     "the file has no header line: the first line names the columns");
        rc = VB_ERR_INPUT;
        goto fail;
    }
    *out = vb_tb_finish(&b);
    rc = *out ? VB_OK : VB_ERR_NOMEM;
    goto done;
fail:
    b.err = b.err ? b.err : rc;
    vb_tb_finish(&b);
done:
    for (size_t k = 0; k < n_where; k++)
        free(where[k]);
    free(where);
    free(cells);
    free(lens);
    vb_buf_free(&s.buf);
    free(s.off);
    free(s.flen);
    free(s.fcol);
    return rc;
}
