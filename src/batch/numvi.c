/* numvi.c - Vietnamese numbers: decimal text, grouping, reading in words. */
#include "numvi.h"

#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Drops leading zeros (adjusting exp) and trailing zeros. */
static void normalise(vb_decnum *x)
{
    int k = 0;
    while (k < x->n && x->d[k] == '0')
        k++;
    if (k) {
        memmove(x->d, x->d + k, (size_t)(x->n - k));
        x->n -= k;
        x->exp -= k;
    }
    while (x->n && x->d[x->n - 1] == '0')
        x->n--;
    if (!x->n) {
        x->neg = 0;
        x->exp = 0;
    }
}

int vb_decnum_parse(const char *s, size_t len, vb_decnum *out)
{
    memset(out, 0, sizeof *out);
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    size_t i = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        out->neg = s[i++] == '-';
    /* the mantissa's extent, and which of '.' and ',' is the decimal mark */
    size_t m0 = i, m1 = i, dots = 0, commas = 0, last_mark = 0;
    while (m1 < len && (is_digit(s[m1]) || s[m1] == '.' || s[m1] == ',')) {
        if (s[m1] == '.')
            dots++, last_mark = m1;
        else if (s[m1] == ',')
            commas++, last_mark = m1;
        m1++;
    }
    char point = 0;
    if (dots && commas)
        point = s[last_mark];
    else if (dots == 1)
        point = '.';
    else if (commas == 1)
        point = ',';
    int seen_point = 0, any = 0, lead = 1, seps = 0, group = 0;
    long exp10 = 0;
    for (size_t k = m0; k < m1; k++) {
        char c = s[k];
        if (c == point) {
            if (seen_point || (seps && group != 3))
                return 0;
            seen_point = 1;
            continue;
        }
        if (c == '.' || c == ',') {
            /* a thousands separator: before the decimal mark, between
             * groups of three digits */
            if (seen_point || k == m0 || (seps && group != 3))
                return 0;
            seps++;
            group = 0;
            continue;
        }
        group++;
        any = 1;
        if (lead && c == '0') {
            if (seen_point)
                exp10--;
            continue;
        }
        lead = 0;
        if (out->n == VB_DECNUM_DIGITS)
            return 0;
        out->d[out->n++] = c;
        if (!seen_point)
            exp10++;
    }
    if (!any || (seps && !seen_point && group != 3) || (seen_point && s[m1 - 1] == point))
        return 0;
    i = m1;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        if (i == len)
            return 0;
        long e = 0;
        for (; i < len && is_digit(s[i]); i++) {
            e = e * 10 + (s[i] - '0');
            if (e > 1000)
                return 0;
        }
        exp10 += eneg ? -e : e;
    }
    if (i != len || exp10 > 300 || exp10 < -300)
        return 0;
    out->exp = (int)exp10;
    normalise(out);
    return 1;
}

/* Keeps the first `keep` digits, rounding half away from zero. */
static void round_digits(vb_decnum *x, int keep)
{
    if (keep >= x->n)
        return;
    if (keep < 0) {
        memset(x, 0, sizeof *x);
        return;
    }
    int up = x->d[keep] >= '5';
    x->n = keep;
    if (up) {
        int k = keep - 1;
        while (k >= 0 && x->d[k] == '9')
            x->d[k--] = '0';
        if (k >= 0) {
            x->d[k]++;
        } else { /* 999.5 -> 1000 */
            memmove(x->d + 1, x->d, (size_t)x->n);
            x->d[0] = '1';
            x->n++;
            x->exp++;
            if (x->n > VB_DECNUM_DIGITS)
                x->n = VB_DECNUM_DIGITS;
        }
    }
    int neg = x->neg;
    normalise(x);
    if (x->n)
        x->neg = neg;
}

void vb_decnum_round(vb_decnum *x, int decimals)
{
    round_digits(x, x->exp + decimals);
}

void vb_decnum_round_sig(vb_decnum *x, int sig)
{
    round_digits(x, sig);
}

/* Digit k of the integer part counted from the left, for a number whose
 * integer part has x->exp digits (k < exp). */
static char digit_at(const vb_decnum *x, int k)
{
    return k < x->n ? x->d[k] : '0';
}

void vb_decnum_format(const vb_decnum *x, int decimals, char group, char point, vb_buf *out)
{
    vb_decnum r = *x;
    if (decimals >= 0)
        vb_decnum_round(&r, decimals);
    if (r.neg)
        vb_buf_putc(out, '-');
    int ilen = r.exp > 0 ? r.exp : 0;
    if (!ilen)
        vb_buf_putc(out, '0');
    for (int k = 0; k < ilen; k++) {
        if (group && k && (ilen - k) % 3 == 0)
            vb_buf_putc(out, group);
        vb_buf_putc(out, digit_at(&r, k));
    }
    int frac = r.n - r.exp; /* digits after the mark that r has */
    if (frac < 0)
        frac = 0;
    int nd = decimals >= 0 ? decimals : frac;
    if (nd > 0) {
        vb_buf_putc(out, point);
        for (int k = 0; k < nd; k++) {
            int idx = r.exp + k; /* index into d of the (k+1)-th decimal */
            vb_buf_putc(out, idx >= 0 && idx < r.n ? r.d[idx] : '0');
        }
    }
}

static const char *const ones[] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

static void word(vb_buf *out, const char *w)
{
    if (out->len && out->data[out->len - 1] != ' ')
        vb_buf_putc(out, ' ');
    vb_buf_puts(out, w);
}

/* Reads a group of three digits h t u. `full`: a group after a higher one,
 * read with its hundreds even when they are zero ("không trăm linh năm"). */
static void read_group(int h, int t, int u, int full, vb_buf *out)
{
    if (full || h) {
        word(out, ones[h]);
        word(out, "trăm");
    }
    if (t == 0) {
        if (u && (full || h))
            word(out, "linh");
    } else if (t == 1) {
        word(out, "mười");
    } else {
        word(out, ones[t]);
        word(out, "mươi");
    }
    if (u == 0)
        return;
    if (u == 1 && t >= 2)
        word(out, "mốt");
    else if (u == 4 && t >= 2)
        word(out, "tư");
    else if (u == 5 && t >= 1)
        word(out, "lăm");
    else
        word(out, ones[u]);
}

/* Reads the integer digits s[0..n) (no leading zeros, n > 0). `full` as for
 * read_group: a part that follows a higher one. */
static void read_int(const char *s, int n, int full, vb_buf *out)
{
    if (n > 9) {
        /* everything above the last nine digits counts tỷ: "một nghìn tỷ" */
        int hi = n - 9;
        read_int(s, hi, full, out);
        word(out, "tỷ");
        s += hi;
        n = 9;
        while (n && *s == '0')
            s++, n--;
        if (!n)
            return;
        /* what follows tỷ is read in full: "một tỷ không trăm linh năm" */
        char buf[9];
        memset(buf, '0', sizeof buf);
        memcpy(buf + 9 - n, s, (size_t)n);
        read_int(buf, 9, 1, out);
        return;
    }
    static const char *const unit[] = {"triệu", "nghìn", ""};
    int lead = n % 3 ? n % 3 : 3;
    int groups = (n + 2) / 3;
    const char *p = s;
    for (int g = 0; g < groups; g++) {
        int len = g == 0 ? lead : 3;
        int d[3] = {0, 0, 0};
        for (int k = 0; k < len; k++)
            d[3 - len + k] = p[k] - '0';
        p += len;
        int gi = 3 - groups + g; /* index into unit[] */
        if (!d[0] && !d[1] && !d[2])
            continue;
        read_group(d[0], d[1], d[2], full || g > 0, out);
        if (*unit[gi])
            word(out, unit[gi]);
    }
}

void vb_decnum_words(const vb_decnum *x, vb_buf *out)
{
    if (!x->n) {
        word(out, "không");
        return;
    }
    if (x->neg)
        word(out, "âm");
    char ip[VB_DECNUM_DIGITS + 320];
    int ni = 0;
    for (int k = 0; k < x->exp && ni < (int)sizeof ip; k++)
        ip[ni++] = digit_at(x, k);
    if (ni)
        read_int(ip, ni, 0, out);
    else
        word(out, "không");
    int frac = x->n - (x->exp > 0 ? x->exp : 0);
    if (frac <= 0)
        return;
    word(out, "phẩy");
    /* the decimals: leading zeros one by one, then the rest as a number */
    int k = x->exp; /* position of the first decimal relative to d[0] */
    for (; k < 0; k++)
        word(out, "không");
    const char *rest = x->d + (x->exp > 0 ? x->exp : 0);
    int nr = x->n - (x->exp > 0 ? x->exp : 0);
    while (nr && *rest == '0') {
        word(out, "không");
        rest++;
        nr--;
    }
    if (nr)
        read_int(rest, nr, 0, out);
}

int vb_decnum_excel(const char *s, size_t len, vb_buf *out)
{
    /* XLSX stores numbers with '.' and perhaps an exponent; nothing else */
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',')
            return 0;
    vb_decnum x;
    if (!vb_decnum_parse(s, len, &x))
        return 0;
    vb_decnum_round_sig(&x, 15);
    vb_decnum_format(&x, -1, 0, '.', out);
    return 1;
}
