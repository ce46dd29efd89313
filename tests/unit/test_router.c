/* test_router.c - what the request router of `vanban serve` lets through
 * and what it refuses, and the JSON strings it writes. */
#include <string.h>

#include "harness.h"
#include "router.h"

#define TOKEN "0123456789abcdef0123456789abcdef"
#define HOST "127.0.0.1:8030"

static vb_route route(const char *method, const char *path, const char *host, const char *token, const char *name,
                      const char *page)
{
    vb_request rq = {method, path, host, token, name, page};
    vb_route rt;
    vb_route_request(&rq, TOKEN, 8030, &rt);
    return rt;
}

static void test_allowed(void)
{
    vb_route rt = route("GET", "/", HOST, TOKEN, NULL, NULL);
    CHECK(rt.kind == VB_ROUTE_APP && rt.status == 200);
    rt = route("HEAD", "/api/drafts", "localhost:8030", TOKEN, NULL, NULL);
    CHECK(rt.kind == VB_ROUTE_LIST);
    rt = route("GET", "/api/drafts", "LOCALHOST:8030", TOKEN, NULL, NULL);
    CHECK(rt.kind == VB_ROUTE_LIST, "localhost in capitals is still localhost");
    rt = route("GET", "/events", HOST, TOKEN, NULL, NULL);
    CHECK(rt.kind == VB_ROUTE_EVENTS);
    rt = route("GET", "/api/draft", HOST, TOKEN, "bao-cao.xml", NULL);
    CHECK(rt.kind == VB_ROUTE_DRAFT);
    CHECK_STR(rt.name, "bao-cao.xml");
    rt = route("GET", "/page", HOST, TOKEN, "tờ trình.XML", "12");
    CHECK(rt.kind == VB_ROUTE_PICTURE && rt.page == 12);
    CHECK_STR(rt.name, "tờ trình.XML");
}

static void test_refused(void)
{
    struct {
        const char *method, *path, *host, *token, *name, *page;
        int status;
    } cases[] = {
        {"POST", "/", HOST, TOKEN, NULL, NULL, 405},
        {"DELETE", "/page", HOST, TOKEN, "a.xml", "1", 405},
        {"get", "/", HOST, TOKEN, NULL, NULL, 405},
        {NULL, "/", HOST, TOKEN, NULL, NULL, 405},
        {"GET", "/", NULL, TOKEN, NULL, NULL, 400},
        {"GET", "/", "", TOKEN, NULL, NULL, 400},
        {"GET", "/", "evil.example:8030", TOKEN, NULL, NULL, 403},
        {"GET", "/", "127.0.0.1", TOKEN, NULL, NULL, 403},
        {"GET", "/", "127.0.0.1:80", TOKEN, NULL, NULL, 403},
        {"GET", "/", "127.0.0.1:8030.evil.example", TOKEN, NULL, NULL, 403},
        {"GET", "/", "[::1]:8030", TOKEN, NULL, NULL, 403},
        {"GET", "/", HOST, NULL, NULL, NULL, 403},
        {"GET", "/", HOST, "", NULL, NULL, 403},
        {"GET", "/", HOST, TOKEN "0", NULL, NULL, 403},
        {"GET", "/", HOST, "0123456789abcdef0123456789abcdeF", NULL, NULL, 403},
        {"GET", "/../../etc/passwd", HOST, TOKEN, NULL, NULL, 404},
        {"GET", "/etc/passwd", HOST, TOKEN, NULL, NULL, 404},
        {"GET", "//", HOST, TOKEN, NULL, NULL, 404},
        {"GET", "/api/drafts/", HOST, TOKEN, NULL, NULL, 404},
        {"GET", "/api/draft", HOST, TOKEN, NULL, NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "../secret.xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "/etc/passwd.xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "..\\secret.xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, ".hidden.xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "..", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, ".xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "passwd", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "a\nb.xml", NULL, 400},
        {"GET", "/api/draft", HOST, TOKEN, "\xc3(.xml", NULL, 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", NULL, 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", "0", 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", "-1", 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", "1e3", 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", "999999", 400},
        {"GET", "/page", HOST, TOKEN, "a.xml", "", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vb_route rt = route(cases[i].method, cases[i].path, cases[i].host, cases[i].token, cases[i].name,
                            cases[i].page);
        CHECK(rt.kind == VB_ROUTE_REFUSED && rt.status == cases[i].status, "case %zu (%s %s): %d, want %d", i,
              cases[i].path, cases[i].name ? cases[i].name : "", rt.status, cases[i].status);
        CHECK(rt.reason && *rt.reason, "case %zu has no reason", i);
    }
    char longname[VB_ROUTE_NAME_MAX + 8];
    memset(longname, 'a', sizeof longname);
    strcpy(longname + VB_ROUTE_NAME_MAX - 3, ".xml");
    CHECK(!vb_route_name_ok(longname), "a name of %d bytes", VB_ROUTE_NAME_MAX + 1);
    strcpy(longname + VB_ROUTE_NAME_MAX - 4, ".xml");
    CHECK(vb_route_name_ok(longname), "a name of %d bytes", VB_ROUTE_NAME_MAX);
}

static void test_json(void)
{
    vb_buf b = VB_BUF_INIT;
    vb_route_json_str(&b, "a\"b\\c\n<d>\x01 Đ", strlen("a\"b\\c\n<d>\x01 Đ"));
    vb_buf_putc(&b, 0);
    CHECK_STR((const char *)b.data, "\"a\\\"b\\\\c\\n\\u003cd>\\u0001 Đ\"");
    vb_buf_reset(&b);
    vb_route_json_str(&b, "x\xff" "y", 3);
    vb_buf_putc(&b, 0);
    CHECK_STR((const char *)b.data, "\"x\xEF\xBF\xBDy\"");
    vb_buf_free(&b);
}

int main(void)
{
    test_allowed();
    test_refused();
    test_json();
    return DONE();
}
