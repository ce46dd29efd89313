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
    "      --compact           the smallest PDFs, for archives: slower to write\n"
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

/* Returned by the option parsers for an argument that is not theirs. */
enum { NOT_MINE = -1 };

/* In an option parser's branch: the option's value is the next argument. */
#define NEED_VALUE                                                                                                     \
    do {                                                                                                               \
        if (!val)                                                                                                      \
            return usage_error("option needs a value:", a);                                                           \
    } while (0)

/* --format: pdf, docx, or both, comma-separated. 0, or the exit status. */
static int parse_format(vb_batch_opts *o, const char *val)
{
    o->pdf = o->docx = 0;
    char *s = strdup(val), *save = NULL;
    if (!s)
        return 5;
    for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (!strcmp(tok, "pdf"))
            o->pdf = 1;
        else if (!strcmp(tok, "docx"))
            o->docx = 1;
        else {
            free(s);
            return usage_error("--format takes pdf, docx or pdf,docx, not", val);
        }
    }
    free(s);
    if (!o->pdf && !o->docx)
        return usage_error("--format takes pdf, docx or pdf,docx, not", val);
    return 0;
}

/* --shard K/N. 0, or the exit status. */
static int parse_shard(vb_batch_opts *o, const char *val)
{
    const char *slash = strchr(val, '/');
    unsigned long k, n;
    char kbuf[24];
    if (!slash || (size_t)(slash - val) >= sizeof kbuf)
        return usage_error("--shard needs K/N with 0 <= K < N, not", val);
    memcpy(kbuf, val, (size_t)(slash - val));
    kbuf[slash - val] = 0;
    if (!parse_uint(kbuf, &k) || !parse_uint(slash + 1, &n) || n < 1 || k >= n || n > 1000000)
        return usage_error("--shard needs K/N with 0 <= K < N, not", val);
    o->shard_k = (unsigned)k;
    o->shard_n = (unsigned)n;
    return 0;
}

/* The options of the run, each of which takes a value (val, NULL when the
 * arguments ended). 0, the exit status, or NOT_MINE. */
static int run_option(vb_batch_opts *o, const char *a, const char *val)
{
    unsigned long v;
    if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
        NEED_VALUE;
        o->outdir = val;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
        NEED_VALUE;
        return parse_format(o, val);
    } else if (!strcmp(a, "--name")) {
        NEED_VALUE;
        o->name = val;
    } else if (!strcmp(a, "--sheet")) {
        NEED_VALUE;
        o->sheet = val;
    } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
        NEED_VALUE;
        if (!parse_uint(val, &v) || v < 1 || v > 1024)
            return usage_error("--jobs needs a number from 1 to 1024, not", val);
        o->jobs = (int)v;
    } else if (!strcmp(a, "--shard")) {
        NEED_VALUE;
        return parse_shard(o, val);
    } else {
        return NOT_MINE;
    }
    return 0;
}

/* The options `vanban render` has too, for the engine, each of which takes a
 * value (val, NULL when the arguments ended). 0, the exit status, or
 * NOT_MINE. */
static int engine_option(vb_engine_opts *e, const char *a, const char *val)
{
    unsigned long v;
    if (!strcmp(a, "--layout")) {
        NEED_VALUE;
        e->layout = val;
    } else if (!strcmp(a, "--font")) {
        NEED_VALUE;
        e->font_file[VB_FACE_REGULAR] = val;
    } else if (!strcmp(a, "--font-bold")) {
        NEED_VALUE;
        e->font_file[VB_FACE_BOLD] = val;
    } else if (!strcmp(a, "--font-italic")) {
        NEED_VALUE;
        e->font_file[VB_FACE_ITALIC] = val;
    } else if (!strcmp(a, "--font-bold-italic")) {
        NEED_VALUE;
        e->font_file[VB_FACE_BOLD_ITALIC] = val;
    } else if (!strcmp(a, "--data-dir")) {
        NEED_VALUE;
        e->data_dir = val;
    } else if (!strcmp(a, "--max-input")) {
        NEED_VALUE;
        if (!parse_uint(val, &v) || !v)
            return usage_error("--max-input needs a positive number, not", val);
        e->limits.max_input_bytes = v;
    } else if (!strcmp(a, "--max-pages")) {
        NEED_VALUE;
        if (!parse_uint(val, &v) || !v || v > 1000000)
            return usage_error("--max-pages needs a positive number, not", val);
        e->limits.max_pages = (int)v;
    } else {
        return NOT_MINE;
    }
    return 0;
}

#undef NEED_VALUE

int vb_batch_main(int argc, char **argv)
{
    vb_batch_opts o;
    vb_batch_opts_init(&o);
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = run_option(&o, a, val);
        if (rc == NOT_MINE)
            rc = engine_option(&o.eng, a, val);
        if (rc != NOT_MINE) {
            if (rc)
                return rc;
            i++; /* the option's value */
        } else if (!strcmp(a, "--skip-existing")) {
            o.skip_existing = 1;
        } else if (!strcmp(a, "--compact")) {
            o.eng.compact = 1; /* the smallest PDFs, for archives (docs/pdf.md) */
        } else if (!strcmp(a, "--progress")) {
            o.progress = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
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
    }
    if (!o.tmpl || !o.data)
        return usage_error("batch needs a template and a data file: vanban batch TEMPLATE.xml DATA.csv -o OUTDIR", NULL);
    if (!o.outdir)
        return usage_error("no output directory given (-o OUTDIR)", NULL);
    if (quiet)
        o.progress = 0;
    return vb_batch_run(&o);
}
