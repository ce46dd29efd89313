/* lexgen.c - makes the lexicon's built-in table at build time.
 *
 *     vb_lexgen OUT.c compounds.tsv propn.tsv places.tsv admin.tsv
 *
 * Building 12,000 keys from data/vi-words was most of what an engine did
 * before its first document (4 ms of a cold `vanban render`). This tool
 * builds them once, with the lexicon's own code, and writes the hash table
 * as C (lexicon.h: vb_lexicon_write_c) with the checksum of the files;
 * vb_lexicon_open uses it when the data directory holds the same files.
 * It is linked with lexdata_none.c, an empty table, so what it builds is
 * always made from the files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

/* The tool's own sink: messages straight to stderr. */
void vb_diag_emit(vb_diag *d, vb_srcpos pos, vb_severity sev, const char *fmt, ...)
{
    (void)d;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%u:%u: %s: ", pos.file ? pos.file : "vb_lexgen", (unsigned)pos.line, (unsigned)pos.col,
            sev == VB_ERROR ? "error" : "warning");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc - 2 > VB_LEX_MAX_FILES) {
        fprintf(stderr, "usage: vb_lexgen OUT.c WORDLIST...\n");
        return 2;
    }
    uint64_t sum;
    vb_lexicon *lx = NULL;
    if (vb_lexicon_open_sum((const char *const *)(argv + 2), (size_t)(argc - 2), &lx, &sum, NULL))
        return 1;
    size_t n = strlen(argv[1]);
    char *tmp = malloc(n + 5);
    if (!tmp)
        return 1;
    snprintf(tmp, n + 5, "%s.tmp", argv[1]);
    FILE *out = fopen(tmp, "w");
    int ok = out && vb_lexicon_write_c(lx, sum, out);
    if (out && fclose(out))
        ok = 0;
    if (!ok || rename(tmp, argv[1])) {
        fprintf(stderr, "vb_lexgen: cannot write %s\n", argv[1]);
        remove(tmp);
        ok = 0;
    }
    free(tmp);
    vb_lexicon_free(lx);
    return ok ? 0 : 1;
}
