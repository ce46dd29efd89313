/* main.c - the vanban command line. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "pdfinfo.h"
#include "preview.h"
#include "serve.h"
#include "vanban.h"
#include "version.h"

/* Exit statuses (documented in README.md and --help). */
enum {
    EXIT_OK = 0,
    EXIT_INPUT = 1,    /* the document (or a layout file) is invalid */
    EXIT_USAGE = 2,    /* wrong command line */
    EXIT_IO = 3,       /* cannot read the input or write the output */
    EXIT_ENV = 4,      /* fonts or other installed data missing or broken */
    EXIT_INTERNAL = 5  /* out of memory or an internal failure */
};

/* TRANSLATORS: keep commands, options and their values (render, --output, pdf …): they are typed */
static const char usage_text[] = N_(
    "Usage: vanban render INPUT.xml -o OUTPUT.(pdf|docx|json) [options]\n"
    "       vanban check INPUT.xml [options]\n"
    "       vanban info FILE.pdf [--json]   (its signature fields: vanban info --help)\n"
    "       vanban batch TEMPLATE.xml DATA.csv|DATA.xlsx -o OUTDIR [options]\n"
    "       vanban preview INPUT.xml -o DIR [--dpi N] [--watch]   (vanban preview --help)\n"
    "       vanban serve DIR [--port N]                         (vanban serve --help)\n"
    "       vanban --list-layouts [--data-dir DIR]\n"
    "       vanban --help | --version\n"
    "\n"
    "Turns an XML description of a Vietnamese administrative document into a PDF\n"
    "or DOCX laid out by Decree 30/2020/ND-CP. INPUT or OUTPUT may be '-' for\n"
    "standard input or output.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE       where to write (the format follows the extension)\n"
    "  -f, --format FMT        pdf, docx or json (needed when OUTPUT is '-')\n"
    "      --layout NAME|FILE  layout profile (layouts/NAME.xml) or file, for every document\n"
    "      --font FILE         regular face to use instead of the layout's (e.g. times.ttf)\n"
    "      --font-bold FILE    bold face\n"
    "      --font-italic FILE  italic face\n"
    "      --font-bold-italic FILE\n"
    "      --data-dir DIR      where fonts/, layouts/ and schema/ are\n"
    "      --no-sign-field     a PDF without the empty signature fields (docs/signing.md)\n"
    "      --compact           the smallest PDF, for archives: slower to write (docs/pdf.md)\n"
    "      --schema            (check) validate against schema/vanban.rng too\n"
    "      --draft, --draft=N  mark it as a draft: DỰ THẢO (LẦN N) beside the number and a\n"
    "                          watermark (docs/preview.md)\n"
    "\n"
    "Limits (a document over one is refused, with a message naming the option):\n"
    "      --max-input BYTES   largest input file (default 16777216, 16 MiB)\n"
    "      --max-pages N       most pages laid out (default 1000)\n"
    "      --max-depth N       deepest element nesting, at most 256 (default 64)\n"
    "      --max-nodes N       most elements and pieces of text (default 200000)\n"
    "      --max-image-pixels N  largest image, width x height (default 40000000)\n"
    "\n"
    "  -v, --verbose           say which fonts and layout are used\n"
    "  -h, --help              this text\n"
    "      --version           the version, and where the data files are\n"
    "      --list-layouts      the layout names --layout takes (from the data directory)\n"
    "\n"
    "Exit status: 0 done; 1 the input is invalid (messages as file:line:col);\n"
    "2 wrong usage; 3 cannot read the input or write the output; 4 fonts or\n"
    "data files missing or broken; 5 out of memory or internal error.\n"
    "No output file is left behind on failure, and an existing file is\n"
    "replaced only by a complete new one.\n");

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, _("vanban: error: %s%s%s\n"), _(msg), arg ? " " : "", arg ? arg : "");
    fprintf(stderr, _("Try 'vanban --help'.\n"));
    return EXIT_USAGE;
}

static int read_input(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, _("%s: error: cannot open: %s\n"), path, strerror(errno));
        return EXIT_IO;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int rc = EXIT_OK;
    for (;;) {
        if (!buf) {
            rc = EXIT_INTERNAL;
            break;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n > max) {
            fprintf(stderr, _("%s: error: input is larger than the limit of %zu bytes (--max-input)\n"), path, max);
            rc = EXIT_INPUT;
            break;
        }
        if (k == 0) {
            if (ferror(f)) {
                fprintf(stderr, _("%s: error: cannot read: %s\n"), path, strerror(errno));
                rc = EXIT_IO;
            }
            break;
        }
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                continue;
            }
            buf = nb;
        }
    }
    if (f != stdin)
        fclose(f);
    if (rc) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return EXIT_OK;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Writes the whole output or nothing: a regular file is written beside its
 * final name and renamed over it only when complete, so an existing file is
 * never left half-written. Devices and pipes are written directly. */
static int write_output(const char *path, const vb_buf *b)
{
    if (!strcmp(path, "-")) {
        if (write_all(STDOUT_FILENO, b->data, b->len)) {
            fprintf(stderr, _("<stdout>: error: cannot write: %s\n"), strerror(errno));
            return EXIT_IO;
        }
        return EXIT_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        int fd = open(path, O_WRONLY);
        if (fd < 0 || write_all(fd, b->data, b->len) || close(fd)) {
            fprintf(stderr, _("%s: error: cannot write: %s\n"), path, strerror(errno));
            if (fd >= 0)
                close(fd);
            return EXIT_IO;
        }
        return EXIT_OK;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return EXIT_INTERNAL;
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(tmp, n + 16, "%.*s.%s.XXXXXX", (int)dlen, path, path + dlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, _("%s: error: cannot create: %s\n"), path, strerror(errno));
        free(tmp);
        return EXIT_IO;
    }
    mode_t um = umask(0);
    umask(um);
    int bad = fchmod(fd, 0666 & ~um) || write_all(fd, b->data, b->len);
    int saved = errno;
    if (close(fd) && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, path)) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        unlink(tmp);
        fprintf(stderr, _("%s: error: cannot write: %s\n"), path, strerror(saved));
        free(tmp);
        return EXIT_IO;
    }
    free(tmp);
    return EXIT_OK;
}

static int exit_for(vb_err e)
{
    switch (e) {
    case VB_OK: return EXIT_OK;
    case VB_ERR_INPUT:
    case VB_ERR_LIMIT:
    case VB_ERR_IMAGE: return EXIT_INPUT;
    case VB_ERR_IO: return EXIT_IO;
    case VB_ERR_FONT:
    case VB_ERR_DATA: return EXIT_ENV;
    case VB_ERR_ARG: return EXIT_USAGE;
    default: return EXIT_INTERNAL;
    }
}

static int parse_size(const char *s, size_t *out)
{
    /* digits only: strtoull would take "-1" as the largest number */
    if (*s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0)
        return 0;
    *out = (size_t)v;
    return 1;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && !strcmp(s + n - k, suf);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Prints the names of layouts/NAME.xml in dir, sorted (for --layout and
 * the shell's completion). */
static int list_layouts(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/layouts", dir);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, _("%s: error: cannot open: %s\n"), path, strerror(errno));
        return EXIT_ENV;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = EXIT_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".xml"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) {
                rc = EXIT_INTERNAL;
                break;
            }
            names = v;
        }
        if (!(names[n] = strndup(de->d_name, strlen(de->d_name) - 4))) {
            rc = EXIT_INTERNAL;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            printf("%s\n", names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* --version and --list-layouts (argv[0]): they need the data directory
 * (found as the engine finds it) but no document. */
static int info_command(int argc, char **argv)
{
    const char *cmd = argv[0];
    vb_engine_opts opts;
    vb_engine_opts_init(&opts);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--data-dir") && i + 1 < argc)
            opts.data_dir = argv[++i];
        else
            return usage_error("unexpected argument after", cmd);
    }
    vb_diag diag;
    vb_diag_init(&diag);
    vb_engine *e = NULL;
    vb_err err = vb_engine_new(&e, &opts, &diag);
    int rc = EXIT_OK;
    if (!strcmp(cmd, "--version")) {
        /* the program's version first: scripts read the first line */
        printf("vanban %s\n", VB_VERSION);
        printf("library %s\n", vb_version(NULL, NULL, NULL));
        if (!err)
            printf("data %s\n", vb_engine_data_dir(e));
        else
            printf(_("data: not found or broken (%s); run 'vanban render' for details\n"), vb_strerror(err));
    } else if (err) {
        vb_diag_print(&diag, stderr, 0);
        rc = exit_for(err);
    } else {
        rc = list_layouts(vb_engine_data_dir(e));
    }
    vb_engine_free(e);
    vb_diag_free(&diag);
    return rc;
}

static int help_command(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(_(usage_text), stdout);
    return EXIT_OK;
}

/* What `vanban render` and `vanban check` were asked. */
typedef struct render_args {
    int check; /* `check`: no output */
    vb_engine_opts opts;
    const char *input, *output, *format;
    int verbose;
} render_args;

/* Returned by the option parsers for an argument that is not theirs. */
enum { NOT_MINE = -1 };

/* In an option parser's branch: the option's value is the next argument. */
#define NEEDS_VALUE                                                                                                    \
    do {                                                                                                               \
        if (!val)                                                                                                      \
            return usage_error("option needs a value:", a);                                                           \
    } while (0)

/* The limits' options, each of which takes a value (val, NULL when the
 * arguments ended). EXIT_OK, the exit status, or NOT_MINE. */
static int limit_option(vb_limits *l, const char *a, const char *val)
{
    size_t v;
    if (!strcmp(a, "--max-input")) {
        NEEDS_VALUE;
        if (!parse_size(val, &l->max_input_bytes))
            return usage_error("--max-input needs a positive number, not", val);
    } else if (!strcmp(a, "--max-pages")) {
        NEEDS_VALUE;
        if (!parse_size(val, &v) || v > 1000000)
            return usage_error("--max-pages needs a positive number, not", val);
        l->max_pages = (int)v;
    } else if (!strcmp(a, "--max-depth")) {
        NEEDS_VALUE;
        /* libxml2 stops at 256 levels itself, with a message about its
         * own options: keep ours the one that speaks */
        if (!parse_size(val, &v) || v > 256)
            return usage_error("--max-depth needs a number from 1 to 256, not", val);
        l->max_depth = (int)v;
    } else if (!strcmp(a, "--max-nodes")) {
        NEEDS_VALUE;
        if (!parse_size(val, &l->max_nodes))
            return usage_error("--max-nodes needs a positive number, not", val);
    } else if (!strcmp(a, "--max-image-pixels")) {
        NEEDS_VALUE;
        if (!parse_size(val, &l->max_image_pixels))
            return usage_error("--max-image-pixels needs a positive number, not", val);
    } else {
        return NOT_MINE;
    }
    return EXIT_OK;
}

/* The options of render and check that take a value (val, NULL when the
 * arguments ended), limits aside. EXIT_OK, the exit status, or NOT_MINE. */
static int value_option(render_args *ra, const char *a, const char *val)
{
    if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
        NEEDS_VALUE;
        ra->output = val;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
        NEEDS_VALUE;
        ra->format = val;
    } else if (!strcmp(a, "--layout")) {
        NEEDS_VALUE;
        ra->opts.layout = val;
    } else if (!strcmp(a, "--font")) {
        NEEDS_VALUE;
        ra->opts.font_file[VB_FACE_REGULAR] = val;
    } else if (!strcmp(a, "--font-bold")) {
        NEEDS_VALUE;
        ra->opts.font_file[VB_FACE_BOLD] = val;
    } else if (!strcmp(a, "--font-italic")) {
        NEEDS_VALUE;
        ra->opts.font_file[VB_FACE_ITALIC] = val;
    } else if (!strcmp(a, "--font-bold-italic")) {
        NEEDS_VALUE;
        ra->opts.font_file[VB_FACE_BOLD_ITALIC] = val;
    } else if (!strcmp(a, "--data-dir")) {
        NEEDS_VALUE;
        ra->opts.data_dir = val;
    } else {
        return limit_option(&ra->opts.limits, a, val);
    }
    return EXIT_OK;
}

#undef NEEDS_VALUE

/* The arguments of render and check (argv[0] is the command) into ra.
 * NOT_MINE when the command is to run, else the exit status (--help, or a
 * usage error). */
static int parse_render_args(int argc, char **argv, render_args *ra)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = value_option(ra, a, val);
        if (rc != NOT_MINE) {
            if (rc)
                return rc;
            i++; /* the option's value */
        } else if (!strcmp(a, "--no-sign-field")) {
            ra->opts.no_sign_fields = 1;
        } else if (!strcmp(a, "--compact") && !ra->check) {
            ra->opts.compact = 1; /* the smallest PDF, for archives (docs/pdf.md) */
        } else if ((rc = vb_cmd_draft_option(a, &ra->opts)) != 0) {
            if (rc < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            ra->verbose = 1;
        } else if (!strcmp(a, "--schema") && ra->check) {
            ra->opts.no_schema = 0; /* the RELAX NG schema as well as the reader's own checks */
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(_(usage_text), stdout);
            return EXIT_OK;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option", a);
        } else if (!ra->input) {
            ra->input = a;
        } else {
            return usage_error("more than one input file:", a);
        }
    }
    if (!ra->input)
        return usage_error("no input file given", NULL);
    return NOT_MINE;
}

/* The output format render writes: --format, else the output's extension.
 * EXIT_OK, or the exit status of a usage error. */
static int pick_format(const render_args *ra, vb_format *fmt)
{
    if (!ra->output)
        return usage_error("no output file given (-o FILE)", NULL);
    if (ra->format)
        *fmt = vb_format_from_name(ra->format);
    else if (!strcmp(ra->output, "-"))
        return usage_error("writing to standard output needs --format", NULL);
    else
        *fmt = vb_format_from_name(ra->output);
    if (*fmt == VB_FORMAT_UNKNOWN)
        return usage_error("cannot tell the output format (use .pdf, .docx or .json, or --format):",
                           ra->format ? ra->format : ra->output);
    return EXIT_OK;
}

/* Reads the input, checks or renders it, prints the messages, and writes
 * the output (render) only when all went well. */
static int run_engine(const render_args *ra, vb_format fmt)
{
    char *data = NULL;
    size_t len = 0;
    int rc = read_input(ra->input, ra->opts.limits.max_input_bytes, &data, &len);
    if (rc)
        return rc;
    const char *name = strcmp(ra->input, "-") ? ra->input : "<stdin>";

    vb_diag diag;
    vb_diag_init(&diag);
    vb_engine *e = NULL;
    vb_buf out = VB_BUF_INIT;
    vb_err err = vb_engine_new(&e, &ra->opts, &diag);
    if (!err) {
        if (ra->verbose)
            vb_diag_emit(&diag, (vb_srcpos){0}, VB_NOTE, "data directory: %s", vb_engine_data_dir(e));
        err = ra->check ? vb_check(e, data, len, name, &diag) : vb_render(e, data, len, name, fmt, &out, &diag);
    }
    vb_diag_print(&diag, stderr, ra->verbose);
    if (err && vb_diag_errors(&diag) == 0)
        fprintf(stderr, _("%s: error: %s\n"), name, vb_strerror(err));
    rc = exit_for(err);
    if (!err && !ra->check)
        rc = write_output(ra->output, &out);
    vb_buf_free(&out);
    vb_engine_free(e);
    vb_diag_free(&diag);
    free(data);
    return rc;
}

/* `vanban render` and `vanban check` (argv[0]). */
static int render_command(int argc, char **argv)
{
    render_args ra = {.check = !strcmp(argv[0], "check")};
    vb_engine_opts_init(&ra.opts);
    int rc = parse_render_args(argc, argv, &ra);
    if (rc != NOT_MINE)
        return rc;
    vb_format fmt = VB_FORMAT_PDF;
    if (!ra.check && (rc = pick_format(&ra, &fmt)))
        return rc;
    return run_engine(&ra, fmt);
}

/* The commands: each runs with argv[0] its own name. A new command is one
 * more line here. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"--help", help_command},
    {"-h", help_command},
    {"help", help_command},
    {"--version", info_command},
    {"--list-layouts", info_command},
    {"info", vb_info_command},
    {"batch", vb_batch_main},
    {"preview", vb_preview_main},
    {"serve", vb_serve_main},
    {"render", render_command},
    {"check", render_command},
};

int main(int argc, char **argv)
{
    /* the program owns the locale (the library never sets it): messages
     * follow LANG / LC_MESSAGES. Numbers stay C's: the options are read
     * with a decimal point whatever the locale (--help writes 3.5cm), and
     * no library we call reads one with vi_VN's comma. The library writes
     * the files' numbers through fmt.c, under any LC_NUMERIC an embedder
     * sets (test_pdf renders under vi_VN's). */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    if (argc < 2)
        return usage_error("no command given", NULL);
    const char *cmd = argv[1];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    return usage_error("unknown command", cmd);
}
