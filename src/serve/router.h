/* router.h - what a request to `vanban serve` asks for, decided before
 * anything is read from disk. A pure function of the request's method,
 * path, Host header and query values (already percent-decoded by
 * libmicrohttpd), so that a fuzzer can drive it alone.
 *
 * Order of refusals: a method other than GET or HEAD (405), no Host (400),
 * a Host that is not this server's loopback address and port (403: a page
 * of another site that resolves its name to 127.0.0.1, DNS rebinding, gets
 * nothing), no token or a wrong one (403), an unknown path (404), a bad
 * draft name or page number (400). Only then does the server touch DIR. */
#ifndef VB_ROUTER_H
#define VB_ROUTER_H

#include <stddef.h>

#include "buf.h"

/* Longest draft name accepted, bytes. */
#define VB_ROUTE_NAME_MAX 200

typedef enum vb_route_kind {
    VB_ROUTE_REFUSED, /* status and reason say why */
    VB_ROUTE_APP,     /* GET /: the web page */
    VB_ROUTE_LIST,    /* GET /api/drafts: the drafts of DIR, JSON */
    VB_ROUTE_DRAFT,   /* GET /api/draft?name=X: pages and errors of X, JSON */
    VB_ROUTE_PICTURE, /* GET /page?name=X&n=N: page N of X, PNG */
    VB_ROUTE_EVENTS   /* GET /events: server-sent events, one at each change */
} vb_route_kind;

typedef struct vb_request {
    const char *method;
    const char *path;  /* decoded, as libmicrohttpd hands it over */
    const char *host;  /* the Host header, or NULL */
    const char *token; /* query values, or NULL when absent */
    const char *name;
    const char *page;
} vb_request;

typedef struct vb_route {
    vb_route_kind kind;
    int status;         /* 200, or the refusal's HTTP status */
    const char *reason; /* the refusal, in English (for the log and tests) */
    char name[VB_ROUTE_NAME_MAX + 1]; /* the draft's file name (DRAFT, PICTURE) */
    unsigned page;      /* 1-based (PICTURE) */
} vb_route;

/* Decides what rq asks for. token is the server's secret; port the port
 * it listens on (Host must be 127.0.0.1:port or localhost:port). */
void vb_route_request(const vb_request *rq, const char *token, unsigned port, vb_route *out);

/* True when s names a draft file of DIR itself: a plain file name ending in
 * .xml (any case), no '/', no leading '.', no control characters, valid
 * UTF-8, at most VB_ROUTE_NAME_MAX bytes. */
int vb_route_name_ok(const char *s);

/* True when a and b are equal, in time that does not depend on where they
 * first differ (for the token). */
int vb_route_secret_eq(const char *a, const char *b);

/* Appends s[0..n) as a JSON string (quotes included): control characters,
 * quotes, backslashes and '<' (so the text can never close a script tag)
 * escaped, invalid UTF-8 bytes replaced by U+FFFD. */
void vb_route_json_str(vb_buf *b, const char *s, size_t n);

#endif
