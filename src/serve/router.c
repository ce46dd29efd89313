/* router.c - what a request to `vanban serve` asks for. */
#include "router.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

int vb_route_secret_eq(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;
    for (size_t i = 0; i < nb; i++)
        diff |= (unsigned char)(a[i < na ? i : 0] ^ b[i]);
    return diff == 0 && na == nb;
}

int vb_route_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 5 || n > VB_ROUTE_NAME_MAX || s[0] == '.')
        return 0;
    if (strcasecmp(s + n - 4, ".xml") != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
            return 0;
    }
    return vb_utf8_check(s, n) == n;
}

/* Host must name this server: the loopback address or localhost, and its
 * port. Anything else (another name that resolves here, no port, another
 * port) is a page of some other origin. */
static int host_ok(const char *host, unsigned port)
{
    char want[32];
    snprintf(want, sizeof want, "127.0.0.1:%u", port);
    if (!strcmp(host, want))
        return 1;
    snprintf(want, sizeof want, "localhost:%u", port);
    return !strcasecmp(host, want);
}

/* A page number: 1 to 99999, digits only. */
static unsigned page_number(const char *s)
{
    unsigned v = 0;
    if (!s || !*s || strlen(s) > 5)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (unsigned)(*s - '0');
    }
    return v;
}

static void refuse(vb_route *out, int status, const char *reason)
{
    out->kind = VB_ROUTE_REFUSED;
    out->status = status;
    out->reason = reason;
}

void vb_route_request(const vb_request *rq, const char *token, unsigned port, vb_route *out)
{
    memset(out, 0, sizeof *out);
    out->status = 200;
    out->reason = "";
    if (!rq->method || (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")))
        return refuse(out, 405, "only GET and HEAD are served");
    if (!rq->host || !*rq->host)
        return refuse(out, 400, "no Host header");
    if (!host_ok(rq->host, port))
        return refuse(out, 403, "the Host header does not name this server");
    if (!rq->token || !token || !*token || !vb_route_secret_eq(rq->token, token))
        return refuse(out, 403, "no token, or a wrong one");
    const char *p = rq->path ? rq->path : "";
    if (!strcmp(p, "/")) {
        out->kind = VB_ROUTE_APP;
    } else if (!strcmp(p, "/api/drafts")) {
        out->kind = VB_ROUTE_LIST;
    } else if (!strcmp(p, "/events")) {
        out->kind = VB_ROUTE_EVENTS;
    } else if (!strcmp(p, "/api/draft") || !strcmp(p, "/page")) {
        if (!rq->name || !vb_route_name_ok(rq->name))
            return refuse(out, 400, "no draft name, or not the name of a draft (NAME.xml, in the folder itself)");
        memcpy(out->name, rq->name, strlen(rq->name) + 1);
        if (!strcmp(p, "/page")) {
            out->page = page_number(rq->page);
            if (!out->page)
                return refuse(out, 400, "no page number, or not a number from 1");
            out->kind = VB_ROUTE_PICTURE;
        } else {
            out->kind = VB_ROUTE_DRAFT;
        }
    } else {
        refuse(out, 404, "no such page");
    }
}

void vb_route_json_str(vb_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    vb_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = vb_utf8_decode(s + i, n - i, &cp);
            if (k) {
                vb_buf_append(b, s + i, k);
                i += k;
            } else {
                vb_buf_puts(b, "\xEF\xBF\xBD");
                i++;
            }
            continue;
        }
        i++;
        if (c == '"' || c == '\\') {
            vb_buf_putc(b, '\\');
            vb_buf_putc(b, c);
        } else if (c == '\n') {
            vb_buf_puts(b, "\\n");
        } else if (c < 0x20 || c == '<' || c == 0x7f) {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            vb_buf_append(b, u, 6);
        } else {
            vb_buf_putc(b, c);
        }
    }
    vb_buf_putc(b, '"');
}
