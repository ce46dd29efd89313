/* source.c - the input as the reader read it (source.h): positions, the
 * marks the parser leaves, and the walk from a model text back to the bytes
 * it came from. */
#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int vb_source_init(vb_source *s, const char *file, char *text, size_t len, int unicode)
{
    memset(s, 0, sizeof *s);
    s->file = file;
    s->text = text;
    s->len = len;
    s->unicode = unicode;
    if (!text)
        return 0;
    s->line_start = vb_line_starts(text, len, &s->n_lines);
    if (!s->line_start)
        return 0;
    size_t nb = len / VB_SOURCE_BLOCK + 1, c = 0;
    s->chars = malloc(nb * sizeof *s->chars);
    if (!s->chars)
        return 0;
    s->chars[0] = 0;
    for (size_t b = 1; b < nb; b++) {
        const unsigned char *t = (const unsigned char *)text + (b - 1) * VB_SOURCE_BLOCK;
        for (size_t i = 0; i < VB_SOURCE_BLOCK; i++)
            c += (t[i] & 0xC0) != 0x80;
        s->chars[b] = c;
    }
    return 1;
}

void vb_source_free(vb_source *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->line_start);
    free(s->chars);
    free(s->marks);
    memset(s, 0, sizeof *s);
}

/* ---- positions --------------------------------------------------------------------- */

/* Code points in text[0 .. off). */
static size_t chars_before(const vb_source *s, size_t off)
{
    size_t b = off / VB_SOURCE_BLOCK, c = s->chars[b];
    const unsigned char *t = (const unsigned char *)s->text;
    for (size_t i = b * VB_SOURCE_BLOCK; i < off; i++)
        c += (t[i] & 0xC0) != 0x80;
    return c;
}

/* The line (0-based) holding off. */
static size_t line_of(const vb_source *s, size_t off)
{
    size_t lo = 0, hi = s->n_lines; /* last line_start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

vb_srcpos vb_source_pos(const vb_source *s, size_t off)
{
    if (off > s->len)
        off = s->len;
    size_t lo = line_of(s, off), ls = s->line_start[lo], col = 1;
    if (off - ls < VB_SOURCE_BLOCK) {
        for (size_t i = ls; i < off; i++)
            col += ((unsigned char)s->text[i] & 0xC0) != 0x80;
    } else {
        col += chars_before(s, off) - chars_before(s, ls);
    }
    return (vb_srcpos){s->file, (uint32_t)(lo + 1), (uint32_t)col};
}

size_t vb_source_off(const vb_source *s, vb_srcpos p)
{
    if (!p.line || !p.col || p.line > s->n_lines)
        return VB_NO_OFF;
    size_t o = s->line_start[p.line - 1], end = p.line < s->n_lines ? s->line_start[p.line] : s->len;
    for (uint32_t col = 1; col < p.col && o < end; col++)
        do
            o++;
        while (o < end && ((unsigned char)s->text[o] & 0xC0) == 0x80);
    return o;
}

/* ---- marks ------------------------------------------------------------------------- */

int vb_source_add_mark(vb_source *s, size_t start, size_t end, int cdata)
{
    if (s->n_marks == s->cap_marks) {
        size_t cap = s->cap_marks ? s->cap_marks * 2 : 16;
        vb_source_mark *v = realloc(s->marks, cap * sizeof *v);
        if (!v)
            return 0;
        s->marks = v;
        s->cap_marks = cap;
    }
    s->marks[s->n_marks++] = (vb_source_mark){start, end, cdata};
    return 1;
}

int vb_source_mark_at(const vb_source *s, size_t off)
{
    size_t lo = 0, hi = s->n_marks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->marks[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n_marks && s->marks[lo].start <= off)
        return s->marks[lo].cdata ? 2 : 1;
    return 0;
}

/* ---- references and attributes ---------------------------------------------------- */

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int starts_with(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

size_t vb_source_ref_at(const char *t, size_t n, size_t i, uint32_t *cp)
{
    static const struct {
        const char *name;
        char ch;
    } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (starts_with(t + i, n - i, named[k].name)) {
            *cp = (uint32_t)named[k].ch;
            return strlen(named[k].name);
        }
    if (i + 2 >= n || t[i + 1] != '#')
        return 0;
    size_t j = i + 2;
    int hex = t[j] == 'x';
    j += (size_t)hex;
    uint32_t v = 0;
    size_t digits = 0;
    for (; j < n && digits < 8; j++, digits++) {
        char d = t[j];
        int x = d >= '0' && d <= '9' ? d - '0'
                : hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f' ? (d | 0x20) - 'a' + 10
                                                                : -1;
        if (x < 0)
            break;
        v = v * (hex ? 16u : 10u) + (uint32_t)x;
    }
    if (!digits || j >= n || t[j] != ';')
        return 0;
    *cp = v;
    return j + 1 - i;
}

int vb_source_attr(const vb_source *s, size_t elem, const char *name, size_t *name_off, size_t *value_off)
{
    const char *t = s->text;
    size_t len = s->len, i = elem + 1, qlen = strlen(name);
    if (elem >= len || t[elem] != '<')
        return 0;
    while (i < len && !is_ws(t[i]) && t[i] != '>' && t[i] != '/')
        i++;
    for (;;) {
        while (i < len && is_ws(t[i]))
            i++;
        if (i >= len || t[i] == '>' || t[i] == '/')
            return 0;
        size_t at = i;
        while (i < len && !is_ws(t[i]) && t[i] != '=' && t[i] != '>')
            i++;
        int hit = i - at == qlen && memcmp(t + at, name, qlen) == 0;
        while (i < len && is_ws(t[i]))
            i++;
        if (i < len && t[i] == '=')
            i++;
        while (i < len && is_ws(t[i]))
            i++;
        char q = i < len && (t[i] == '"' || t[i] == '\'') ? t[i++] : 0;
        if (hit) {
            while (i < len && is_ws(t[i]))
                i++;
            *name_off = at;
            if (value_off)
                *value_off = i;
            return 1;
        }
        if (q) {
            while (i < len && t[i] != q)
                i++;
            i++;
        }
    }
}

/* ---- from a model text back to the input ---------------------------------------------- */

static size_t find(const char *t, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    while (i + k <= n) {
        const char *p = memchr(t + i, lit[0], n - i - k + 1);
        if (!p)
            return n;
        i = (size_t)(p - t);
        if (memcmp(p, lit, k) == 0)
            return i;
        i++;
    }
    return n;
}

/* Skips the markup at t[i] ('<'): a tag, a comment, a processing
 * instruction, or the start of a CDATA section (*cdata is then set). */
static size_t skip_markup(const char *t, size_t n, size_t i, int *cdata)
{
    if (starts_with(t + i, n - i, "<!--"))
        return find(t, n, i + 4, "-->") + 3;
    if (starts_with(t + i, n - i, "<![CDATA[")) {
        *cdata = 1;
        return i + 9;
    }
    if (starts_with(t + i, n - i, "<?"))
        return find(t, n, i + 2, "?>") + 2;
    char q = 0;
    for (i++; i < n; i++) {
        if (q) {
            if (t[i] == q)
                q = 0;
        } else if (t[i] == '"' || t[i] == '\'') {
            q = t[i];
        } else if (t[i] == '>') {
            return i + 1;
        }
    }
    return n;
}

static int is_mark(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

/* The code point at s[i] (its length in *k, at least 1: a bad byte counts
 * as itself). */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *k)
{
    uint32_t cp = 0;
    size_t n = vb_utf8_decode(s + i, len - i, &cp);
    if (!n) {
        n = 1;
        cp = (unsigned char)s[i];
    }
    *k = n;
    return cp;
}

size_t vb_source_text_off(const vb_source *s, size_t start, const char *text, size_t len, size_t k)
{
    if (start == VB_NO_OFF)
        return VB_NO_OFF;
    const char *t = s->text;
    size_t n = s->len, o = start, j = 0;
    int cdata = 0;
    if (k > len)
        k = len;
    for (;;) {
        if (j >= k && k >= len)
            return o; /* just after the text's last character */
        if (o >= n)
            return n;
        char ch = t[o];
        if (!cdata && ch == '<') {
            o = skip_markup(t, n, o, &cdata);
            continue;
        }
        if (cdata && starts_with(t + o, n - o, "]]>")) {
            cdata = 0;
            o += 3;
            continue;
        }
        if (j >= k && !(is_ws(ch) && text[j] != ' '))
            return o;
        if (is_ws(ch)) {
            if (text[j] == ' ')
                j++;
            while (o < n && is_ws(t[o]))
                o++;
            continue;
        }
        if (text[j] == ' ') { /* a space collapsed into this piece from an earlier one */
            j++;
            continue;
        }
        uint32_t cp;
        size_t l = !cdata && ch == '&' ? vb_source_ref_at(t, n, o, &cp) : 0;
        if (!l)
            cp_at(t, n, o, &l);
        o += l;
        cp_at(text, len, j, &l);
        j += l;
        /* marks that NFC folded into this character */
        while (o < n) {
            uint32_t m = cp_at(t, n, o, &l), next = 0;
            size_t nl;
            if (!is_mark(m))
                break;
            if (j < len)
                next = cp_at(text, len, j, &nl);
            if (next == m)
                break;
            o += l;
        }
    }
}
