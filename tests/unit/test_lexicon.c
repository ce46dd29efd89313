/* The lexicon: keys, and the table built in at build time (src/gen/lexgen.c)
 * against the same table built from data/vi-words when the engine starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lexicon.h"

static const char *const LISTS[] = {"data/vi-words/compounds.tsv", "data/vi-words/propn.tsv",
                                    "data/vi-words/places.tsv", "data/vi-words/admin.tsv"};
enum { NLISTS = sizeof LISTS / sizeof LISTS[0] };

static int has(const vb_lexicon *lx, const char *word)
{
    char key[256];
    size_t n = vb_lexicon_key(word, strlen(word), key, sizeof key);
    return n && vb_lexicon_has_key(lx, key, n);
}

static void key_is(const char *word, const char *want)
{
    char key[256];
    size_t n = vb_lexicon_key(word, strlen(word), key, sizeof key);
    CHECK(n == strlen(want) && !strcmp(key, want), "key of \"%s\": \"%s\", want \"%s\"", word, n ? key : "", want);
}

/* Every word of every list, looked up in a and b: both must agree. */
static void same_words(const vb_lexicon *a, const vb_lexicon *b)
{
    size_t words = 0, differ = 0;
    for (size_t i = 0; i < NLISTS; i++) {
        FILE *f = fopen(LISTS[i], "rb");
        CHECK(f != NULL, "%s", LISTS[i]);
        char line[1024];
        while (f && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\t\r\n")] = 0;
            if (!line[0] || line[0] == '#')
                continue;
            words++;
            differ += has(a, line) != has(b, line);
        }
        if (f)
            fclose(f);
    }
    CHECK(words > 10000, "%zu words in the lists", words);
    CHECK(differ == 0, "%zu of %zu words differ", differ, words);
}

int main(void)
{
    key_is("Ủy ban nhân dân", "uy2 ban nhân dân");
    key_is("hóa  đơn", "hoa4 đơn");
    key_is("hoá đơn", "hoa4 đơn");
    key_is("KHUYẾN CÔNG", "khuyên4 công");
    key_is("Lấp Vò", "lâp4 vo1");
    key_is("trưởng phòng", "trương2 phong1");
    char k[8];
    CHECK(vb_lexicon_key("a, b", 4, k, sizeof k) == 0, "a comma is not a letter");
    CHECK(vb_lexicon_key("nghiêng nghiêng", 15, k, sizeof k) == 0, "a key longer than the buffer");

    /* The engine's lexicon is the built-in table when the files are the
     * ones the build used; the same lists read word by word give the same
     * words. */
    vb_lexicon *fixed = NULL, *read = vb_lexicon_new(NULL);
    CHECK(vb_lexicon_open(LISTS, NLISTS, &fixed, NULL) == VB_OK);
    CHECK(vb_lexicon_is_builtin(fixed), "the shipped lists must use the built-in table");
    for (size_t i = 0; i < NLISTS; i++)
        CHECK(vb_lexicon_load(read, LISTS[i], 1, NULL) == VB_OK, "%s", LISTS[i]);
    CHECK(!vb_lexicon_is_builtin(read));
    CHECK(vb_lexicon_size(fixed) == vb_lexicon_size(read), "%zu words built in, %zu read", vb_lexicon_size(fixed),
          vb_lexicon_size(read));
    same_words(fixed, read);
    CHECK(has(fixed, "kinh tế") && has(fixed, "hạ tầng") && !has(fixed, "tầng kinh"));

    /* An edited list (a word added by the user to admin.tsv) is read from
     * the files, not the stale table. */
    char path[] = "/tmp/vb-lexicon-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    FILE *src = fopen(LISTS[3], "rb");
    int c;
    while (src && (c = fgetc(src)) != EOF)
        fputc(c, f);
    fputs("xã đảo xa xôi\n", f);
    fclose(f);
    if (src)
        fclose(src);
    const char *edited[] = {LISTS[0], LISTS[1], LISTS[2], path};
    vb_lexicon *changed = NULL;
    CHECK(vb_lexicon_open(edited, NLISTS, &changed, NULL) == VB_OK);
    CHECK(changed && !vb_lexicon_is_builtin(changed), "an edited list must not use the built-in table");
    CHECK(changed && has(changed, "Xã đảo xa xôi") && !has(fixed, "xã đảo xa xôi"));
    CHECK(vb_lexicon_size(changed) == vb_lexicon_size(fixed) + 1);
    remove(path);

    /* A layout's own words sit on top of the built-in table. */
    vb_lexicon *own = vb_lexicon_new(fixed);
    CHECK(vb_lexicon_add(own, "Phòng Một Cửa", strlen("Phòng Một Cửa")));
    CHECK(has(own, "phòng một cửa") && has(own, "kinh tế") && !has(fixed, "phòng một cửa"));

    vb_lexicon_free(own);
    vb_lexicon_free(changed);
    vb_lexicon_free(read);
    vb_lexicon_free(fixed);
    return DONE();
}
