/* test_oom.c - out of memory is reported as such. Every malloc, calloc and
 * realloc of the library's own code (this binary links it with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc; libxml2's and HarfBuzz's
 * allocations are not counted) is made to fail in turn, once each: the call
 * either succeeds (the allocation was optional) or fails with VB_ERR_NOMEM
 * and an "out of memory" error, never with VB_ERR_INPUT (style.c used to say
 * a layout file was invalid) and never without a message. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"
#include "style.h"
#include "vanban.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long counted, fail_at = -1;
static int failed_one;

static int fail_now(void)
{
    if (fail_at < 0)
        return 0;
    if (++counted == fail_at) {
        failed_one = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

static void arm(long k)
{
    counted = 0;
    failed_one = 0;
    fail_at = k;
}

static void disarm(void)
{
    fail_at = -1;
}

static int has_oom_message(const vb_diag *d)
{
    for (size_t i = 0; i < vb_diag_count(d); i++)
        if (vb_diag_severity(d, i) == VB_ERROR && strstr(vb_diag_message(d, i), "out of memory"))
            return 1;
    return 0;
}

/* A sink that will not need to allocate for the file names below (the
 * failure is meant for the code under test, not for the messages). */
static void primed(vb_diag *d)
{
    vb_diag_init(d);
    static const char *const files[] = {"layouts/t.xml", "layouts/nd30.xml", NULL};
    for (int i = 0; i < 40; i++)
        vb_diag_emit(d, (vb_srcpos){files[i % 3], 1, 1}, VB_NOTE, "priming");
    vb_diag_clear(d);
}

static void layout_file(void)
{
    /* extends the real nd30 (read from layouts/, as tests run in the source tree) */
    const char *text = "<layout name=\"t\" extends=\"nd30\" version=\"1\">\n"
                       "  <page width=\"210mm\" height=\"297mm\" top=\"20mm\" bottom=\"20mm\" left=\"31mm\"\n"
                       "        right=\"15mm\" header=\"10mm\"/>\n"
                       "  <fonts regular=\"a.ttf\" bold=\"b.ttf\" italic=\"c.ttf\" bold-italic=\"d.ttf\"\n"
                       "         docx-family=\"Times New Roman\"/>\n"
                       "  <style role=\"doan\" size=\"13\"/>\n"
                       "</layout>\n";
    int points = 0, nomem = 0;
    for (long k = 1;; k++) {
        vb_diag d;
        primed(&d);
        vb_style *st = NULL;
        arm(k);
        vb_err err = vb_style_load_mem(text, strlen(text), "layouts/t.xml", &st, &d);
        disarm();
        int hit = failed_one;
        if (!hit) {
            CHECK(err == VB_OK && st, "without a failure: %s", vb_strerror(err));
            vb_style_free(st);
            vb_diag_free(&d);
            break;
        }
        points++;
        CHECK(err == VB_OK || err == VB_ERR_NOMEM, "allocation %ld failing gave %s", k, vb_strerror(err));
        CHECK((err == VB_OK) == (st != NULL), "allocation %ld: result and code disagree", k);
        if (err == VB_ERR_NOMEM) {
            nomem++;
            CHECK(has_oom_message(&d), "allocation %ld: VB_ERR_NOMEM without an 'out of memory' error", k);
        }
        vb_style_free(st);
        vb_diag_free(&d);
    }
    printf("layout file: %d allocations failed in turn, %d gave VB_ERR_NOMEM\n", points, nomem);
    CHECK(points > 5 && nomem > 0, "the loop reached the code (%d points)", points);
}

static void engine(void)
{
    int points = 0, nomem = 0;
    for (long k = 1;; k++) {
        vb_diag d;
        primed(&d);
        vb_engine_opts o;
        vb_engine_opts_init(&o);
        o.data_dir = ".";
        o.no_schema = 1;
        vb_engine *e = NULL;
        arm(k);
        vb_err err = vb_engine_new(&e, &o, &d);
        disarm();
        if (!failed_one) {
            CHECK(err == VB_OK && e, "without a failure: %s", vb_strerror(err));
            vb_engine_free(e);
            vb_diag_free(&d);
            break;
        }
        points++;
        CHECK(err == VB_OK || err == VB_ERR_NOMEM, "allocation %ld failing gave %s", k, vb_strerror(err));
        if (err && err != VB_ERR_NOMEM && getenv("VB_TEST_VERBOSE"))
            vb_diag_print(&d, stderr, 1);
        CHECK(err == VB_OK || vb_diag_errors(&d) > 0, "allocation %ld: %s without a message", k, vb_strerror(err));
        nomem += err == VB_ERR_NOMEM;
        CHECK((err == VB_OK) == (e != NULL), "allocation %ld: engine and code disagree", k);
        vb_engine_free(e);
        vb_diag_free(&d);
    }
    printf("engine: %d allocations failed in turn, %d gave VB_ERR_NOMEM\n", points, nomem);
    CHECK(points > 10 && nomem > 0, "the loop reached the code (%d points)", points);
}

int main(void)
{
    layout_file();
    engine();
    return DONE();
}
