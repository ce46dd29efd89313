/* harness.h - a one-header test harness: CHECK records a failure and goes on;
 * DONE() prints the count and gives main's exit status. */
#ifndef VB_TEST_HARNESS_H
#define VB_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int vb_test_failures, vb_test_checks;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        vb_test_checks++;                                                                                              \
        if (!(cond)) {                                                                                                 \
            vb_test_failures++;                                                                                        \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);                                   \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
        }                                                                                                              \
    } while (0)

#define CHECK_STR(got, want)                                                                                           \
    do {                                                                                                               \
        const char *g_ = (got), *w_ = (want);                                                                          \
        CHECK(g_ && strcmp(g_, w_) == 0, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_);                           \
    } while (0)

#define DONE()                                                                                                         \
    (printf("%d checks, %d failed\n", vb_test_checks, vb_test_failures), vb_test_failures ? 1 : 0)

#endif
