/* filters.c - the filters of batch placeholders (filters.h). */
#include "filters.h"

#include <stdio.h>
#include <string.h>

#include "numvi.h"
#include "utf8.h"
#include "i18n.h"

static const char *const names[] = {"so", "chu", "hoa", "thuong", "hoa_dau", "ngay", "iso", "mac_dinh"};
#define N_NAMES (sizeof names / sizeof *names)

static int name_is(const char *name, size_t nlen, const char *want)
{
    return strlen(want) == nlen && memcmp(name, want, nlen) == 0;
}

/* The decimals of so:N, or -1 when arg is not 0 … 10. */
static int decimals_of(const char *arg, size_t alen)
{
    if (alen == 1 && arg[0] >= '0' && arg[0] <= '9')
        return arg[0] - '0';
    if (alen == 2 && arg[0] == '1' && arg[1] == '0')
        return 10;
    return -1;
}

const char *vb_filter_check(const char *name, size_t nlen, const char *arg, size_t alen, int has_arg, char *buf)
{
    size_t i = 0;
    while (i < N_NAMES && !name_is(name, nlen, names[i]))
        i++;
    if (i == N_NAMES) {
        snprintf(buf, 200,
                 _("unknown filter '%.*s' (the filters are so, so:N, chu, hoa, thuong, hoa_dau, ngay, iso, "
                   "mac_dinh:\"…\")"),
                 (int)(nlen < 40 ? nlen : 40), name);
        return buf;
    }
    if (name_is(name, nlen, "so")) {
        if (has_arg && decimals_of(arg, alen) < 0)
            return _("filter 'so' takes a number of decimals from 0 to 10 (so:2)");
        return NULL;
    }
    if (name_is(name, nlen, "mac_dinh"))
        return has_arg ? NULL : _("filter 'mac_dinh' needs the text to print: mac_dinh:\"không có\"");
    if (has_arg) {
        snprintf(buf, 200, _("filter '%.*s' takes no argument"), (int)nlen, name);
        return buf;
    }
    return NULL;
}

static int parse_num(const char *v, size_t len, vb_decnum *x)
{
    return vb_decnum_parse(v, len, x);
}

static int digits(const char *s, size_t n, int *v)
{
    if (!n || n > 4)
        return 0;
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* 2023-07-05 (and a time after it), or 5/7/2023 (5-7-2023, 5.7.2023). */
static int parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= 10 && s[4] == '-' && s[7] == '-') {
        if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
            return 0;
        if (len > 10 && s[10] != ' ' && s[10] != 'T')
            return 0;
    } else {
        const char *p = s, *end = s + len;
        int part[3], k = 0;
        char sep = 0;
        while (k < 3) {
            const char *q = p;
            while (q < end && *q >= '0' && *q <= '9')
                q++;
            if (!digits(p, (size_t)(q - p), &part[k]))
                return 0;
            k++;
            if (k == 3) {
                if (q != end)
                    return 0;
                break;
            }
            if (q == end || (*q != '/' && *q != '-' && *q != '.') || (sep && *q != sep))
                return 0;
            sep = *q;
            p = q + 1;
        }
        *d = part[0];
        *m = part[1];
        *y = part[2];
        if (*y < 1000)
            return 0;
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*m < 1 || *m > 12 || *d < 1)
        return 0;
    int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return *d <= mdays[*m - 1] + (*m == 2 && leap);
}

static int is_blank(const char *v, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (v[i] != ' ' && v[i] != '\t' && v[i] != '\r' && v[i] != '\n')
            return 0;
    return 1;
}

const char *vb_filter_apply(const char *name, const char *arg, size_t alen, const char *value, size_t len, vb_buf *out,
                            vb_arena *scratch)
{
    size_t nlen = strlen(name);
    if (name_is(name, nlen, "mac_dinh")) {
        if (is_blank(value, len))
            vb_buf_append(out, arg, alen);
        else
            vb_buf_append(out, value, len);
        return NULL;
    }
    if (name_is(name, nlen, "hoa") || name_is(name, nlen, "thuong")) {
        size_t n;
        char *s = name[0] == 'h' ? vb_utf8_upper(scratch, value, len, &n) : vb_utf8_lower(scratch, value, len, &n);
        if (!s)
            return _("not valid UTF-8");
        vb_buf_append(out, s, n);
        return NULL;
    }
    if (name_is(name, nlen, "hoa_dau")) {
        size_t i = 0;
        uint32_t cp;
        while (i < len && (value[i] == ' ' || value[i] == '\t'))
            i++;
        size_t k = i < len ? vb_utf8_decode(value + i, len - i, &cp) : 0;
        vb_buf_append(out, value, i);
        if (k) {
            size_t n;
            char *s = vb_utf8_upper(scratch, value + i, k, &n);
            if (!s)
                return _("not valid UTF-8");
            vb_buf_append(out, s, n);
        }
        vb_buf_append(out, value + i + k, len - i - k);
        return NULL;
    }
    if (is_blank(value, len)) {
        vb_buf_append(out, value, len);
        return NULL;
    }
    if (name_is(name, nlen, "so") || name_is(name, nlen, "chu")) {
        vb_decnum x;
        if (!parse_num(value, len, &x))
            return _("not a number");
        if (name[0] == 's')
            vb_decnum_format(&x, alen ? decimals_of(arg, alen) : -1, '.', ',', out);
        else
            vb_decnum_words(&x, out);
        return NULL;
    }
    if (name_is(name, nlen, "ngay") || name_is(name, nlen, "iso")) {
        int y, m, d;
        if (!parse_date(value, len, &y, &m, &d))
            return _("not a date (write 2023-07-05 or 5/7/2023)");
        if (name[0] == 'n') /* the decree: day and months 1, 2 with two digits */
            vb_buf_printf(out, "ngày %02d tháng %s%d năm %d", d, m <= 2 ? "0" : "", m, y);
        else
            vb_buf_printf(out, "%04d-%02d-%02d", y, m, d);
        return NULL;
    }
    return _("unknown filter");
}
