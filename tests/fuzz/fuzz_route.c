/* fuzz_route.c - libFuzzer harness for the request router of `vanban
 * serve` (src/serve/router.c): the bytes are split at newlines into the
 * method, path, Host header, token, draft name and page number (a missing
 * field is absent, as a missing header or query value is), then routed.
 * The same bytes also go through the JSON string writer.
 *
 * Invariants: anything let through came with GET or HEAD, this server's
 * Host and the token; a draft name let through is a plain .xml file name
 * of the folder itself (no '/', no '\', no leading '.', no control
 * character); a page number is from 1; a refusal is a 4xx. The JSON string
 * is quoted, valid UTF-8, with no control character and no '<'. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "router.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TOKEN "0123456789abcdef0123456789abcdef"
#define PORT 8030

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_route: %s: %s\n", what, detail ? detail : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    const char *field[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    char *p = buf;
    for (int i = 0; i < 6 && p; i++) {
        field[i] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        p = nl ? nl + 1 : NULL;
    }
    vb_request rq = {field[0], field[1], field[2], field[3], field[4], field[5]};
    vb_route rt;
    vb_route_request(&rq, TOKEN, PORT, &rt);
    if (rt.kind == VB_ROUTE_REFUSED) {
        if (rt.status < 400 || rt.status > 499 || !rt.reason || !*rt.reason)
            fail("a refusal that is not a 4xx with a reason", rt.reason);
    } else {
        if (strcmp(rq.method, "GET") && strcmp(rq.method, "HEAD"))
            fail("let through a method", rq.method);
        if (!rq.host || (strcmp(rq.host, "127.0.0.1:8030") && strcasecmp(rq.host, "localhost:8030")))
            fail("let through a Host", rq.host);
        if (!rq.token || strcmp(rq.token, TOKEN))
            fail("let through a token", rq.token);
        if (rt.kind == VB_ROUTE_DRAFT || rt.kind == VB_ROUTE_PICTURE) {
            const char *n = rt.name;
            size_t len = strlen(n);
            if (strcmp(n, rq.name) || strchr(n, '/') || strchr(n, '\\') || n[0] == '.' || len < 5 ||
                strcasecmp(n + len - 4, ".xml") || vb_utf8_check(n, len) != len)
                fail("let through a draft name", n);
            for (size_t i = 0; i < len; i++)
                if ((unsigned char)n[i] < 0x20)
                    fail("a control character in a draft name", n);
        }
        if (rt.kind == VB_ROUTE_PICTURE && rt.page == 0)
            fail("page 0", rq.page);
    }

    vb_buf j = VB_BUF_INIT;
    vb_route_json_str(&j, (const char *)data, size);
    if (!j.failed) {
        if (j.len < 2 || j.data[0] != '"' || j.data[j.len - 1] != '"')
            fail("a JSON string without its quotes", NULL);
        if (vb_utf8_check((const char *)j.data, j.len) != j.len)
            fail("a JSON string that is not UTF-8", NULL);
        for (size_t i = 0; i < j.len; i++)
            if (j.data[i] < 0x20 || j.data[i] == '<')
                fail("a control character or '<' in a JSON string", NULL);
        for (size_t i = 1; i + 1 < j.len; i++)
            if (j.data[i] == '"' && j.data[i - 1] != '\\')
                fail("an unescaped quote in a JSON string", NULL);
    }
    vb_buf_free(&j);
    free(buf);
    return 0;
}
