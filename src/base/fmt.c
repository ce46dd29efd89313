/* fmt.c - locale-free number formatting and parsing. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t vb_fmt_real(char *out, double v, int decimals)
{
    static const double pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v))
        v = 0;
    double scaled = round(fabs(v) * pow10[decimals]);
    if (scaled > 9e17)
        scaled = 9e17;
    long long iv = (long long)scaled;
    long long ip = iv / (long long)pow10[decimals];
    long long fp = iv % (long long)pow10[decimals];
    size_t n = 0;
    if (v < 0 && iv != 0)
        out[n++] = '-';
    n += (size_t)snprintf(out + n, 24, "%lld", ip);
    if (fp) {
        char digits[24];
        snprintf(digits, sizeof digits, "%0*lld", decimals, fp);
        size_t k = strlen(digits);
        while (k && digits[k - 1] == '0')
            k--;
        out[n++] = '.';
        memcpy(out + n, digits, k);
        n += k;
    }
    out[n] = 0;
    return n;
}

void vb_buf_real(vb_buf *b, double v, int decimals)
{
    char tmp[32];
    size_t n = vb_fmt_real(tmp, v, decimals);
    vb_buf_append(b, tmp, n);
}

int vb_parse_real(const char *s, size_t len, double *v)
{
    size_t i = 0;
    int neg = 0, digits = 0;
    double r = 0, scale = 1;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        r = r * 10 + (s[i++] - '0');
        digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            scale /= 10;
            r += (s[i++] - '0') * scale;
            digits++;
        }
    }
    if (!digits || i != len || r > 1e15)
        return 0;
    *v = neg ? -r : r;
    return 1;
}

int vb_parse_uint(const char *s, size_t len, long *v)
{
    long r = 0;
    if (!len || len > 15)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        r = r * 10 + (s[i] - '0');
    }
    *v = r;
    return 1;
}
