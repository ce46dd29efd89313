/* batch_cli.c - the command line of `vanban batch` (batch.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "i18n.h"

static const char usage_text[] = N_(
    "Usage: vanban batch TEMPLATE.xml DATA.csv|DATA.xlsx -o OUTDIR [options]\n"
    "\n"
    "Renders one document per data row: TEMPLATE's placeholders {{cot}} filled\n"
    "from the row's columns (docs/batch.md).\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        where to write (made if missing)\n"
    "  -f, --format FMT        pdf (default), docx, or pdf,docx\n"
    "      --name PATTERN      file names from columns, e.g. '{{ma}}-{{ten}}'\n"
    "                          (default: the row's number, zero-padded)\n"
    "      --sheet NAME        the workbook's sheet (default: the first)\n"
    "  -j, --jobs N            threads (default: one per core)\n"
    "      --shard K/N         only the rows whose index mod N is K (0 <= K < N)\n"
    "      --skip-existing     keep the files already written (finish a killed run)\n"
    "      --progress          plain progress lines even on a terminal\n"
    "  -q, --quiet             no progress and no summary\n"
    "      --layout NAME|FILE, --font FILE, --font-bold FILE, --font-italic FILE,\n"
    "      --font-bold-italic FILE, --data-dir DIR, --max-input BYTES,\n"
    "      --max-pages N       as for `vanban render`\n"
    "  -v, --verbose           notes too\n"
    "  -h, --help              this text\n"
    "\n"
    "OUTDIR/manifest.csv (manifest-K-of-N.csv for a shard) lists row, key,\n"
    "file, pages and SHA-256 of every file. Exit status: 0 every row written;\n"
    "1 a row, the template or the data is invalid; 2 wrong usage; 3 a file\n"
    "could not be read or written; 4 fonts missing; 5 internal error.\n");

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, _("vanban batch: error: %s%s%s\nTry 'vanban batch --help'.\n"), _(msg), arg ? " " : "", arg ? arg : "");
    return 2;
}

static int parse_uint(const char *s, unsigned long *v)
{
    if (*s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    *v = strtoul(s, &end, 10);
    return !errno && !*end;
}

int vb_batch_main(int argc, char **argv)
{
    vb_batch_opts o;
    vb_batch_opts_init(&o);
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define VALUE                                                                                                          \
    do {                                                                                                               \
        if (!val)                                                                                                      \
            return usage_error("option needs a value:", a);                                                           \
        i++;                                                                                                           \
    } while (0)
        unsigned long v;
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            VALUE;
            o.outdir = val;
        } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
            VALUE;
            o.pdf = o.docx = 0;
            char *s = strdup(val), *save = NULL;
            if (!s)
                return 5;
            for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                if (!strcmp(tok, "pdf"))
                    o.pdf = 1;
                else if (!strcmp(tok, "docx"))
                    o.docx = 1;
                else {
                    free(s);
                    return usage_error("--format takes pdf, docx or pdf,docx, not", val);
                }
            }
            free(s);
            if (!o.pdf && !o.docx)
                return usage_error("--format takes pdf, docx or pdf,docx, not", val);
        } else if (!strcmp(a, "--name")) {
            VALUE;
            o.name = val;
        } else if (!strcmp(a, "--sheet")) {
            VALUE;
            o.sheet = val;
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            VALUE;
            if (!parse_uint(val, &v) || v < 1 || v > 1024)
                return usage_error("--jobs needs a number from 1 to 1024, not", val);
            o.jobs = (int)v;
        } else if (!strcmp(a, "--shard")) {
            VALUE;
            const char *slash = strchr(val, '/');
            unsigned long k, n;
            char kbuf[24];
            if (!slash || (size_t)(slash - val) >= sizeof kbuf)
                return usage_error("--shard needs K/N with 0 <= K < N, not", val);
            memcpy(kbuf, val, (size_t)(slash - val));
            kbuf[slash - val] = 0;
            if (!parse_uint(kbuf, &k) || !parse_uint(slash + 1, &n) || n < 1 || k >= n || n > 1000000)
                return usage_error("--shard needs K/N with 0 <= K < N, not", val);
            o.shard_k = (unsigned)k;
            o.shard_n = (unsigned)n;
        } else if (!strcmp(a, "--skip-existing")) {
            o.skip_existing = 1;
        } else if (!strcmp(a, "--progress")) {
            o.progress = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--layout")) {
            VALUE;
            o.eng.layout = val;
        } else if (!strcmp(a, "--font")) {
            VALUE;
            o.eng.font_file[VB_FACE_REGULAR] = val;
        } else if (!strcmp(a, "--font-bold")) {
            VALUE;
            o.eng.font_file[VB_FACE_BOLD] = val;
        } else if (!strcmp(a, "--font-italic")) {
            VALUE;
            o.eng.font_file[VB_FACE_ITALIC] = val;
        } else if (!strcmp(a, "--font-bold-italic")) {
            VALUE;
            o.eng.font_file[VB_FACE_BOLD_ITALIC] = val;
        } else if (!strcmp(a, "--data-dir")) {
            VALUE;
            o.eng.data_dir = val;
        } else if (!strcmp(a, "--max-input")) {
            VALUE;
            if (!parse_uint(val, &v) || !v)
                return usage_error("--max-input needs a positive number, not", val);
            o.eng.limits.max_input_bytes = v;
        } else if (!strcmp(a, "--max-pages")) {
            VALUE;
            if (!parse_uint(val, &v) || !v || v > 1000000)
                return usage_error("--max-pages needs a positive number, not", val);
            o.eng.limits.max_pages = (int)v;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o.verbose = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(_(usage_text), stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option", a);
        } else if (!o.tmpl) {
            o.tmpl = a;
        } else if (!o.data) {
            o.data = a;
        } else {
            return usage_error("too many files:", a);
        }
#undef VALUE
    }
    if (!o.tmpl || !o.data)
        return usage_error("batch needs a template and a data file: vanban batch TEMPLATE.xml DATA.csv -o OUTDIR", NULL);
    if (!o.outdir)
        return usage_error("no output directory given (-o OUTDIR)", NULL);
    if (quiet)
        o.progress = 0;
    return vb_batch_run(&o);
}
