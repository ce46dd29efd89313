/* vanban.c - what is loaded once (fonts, layouts, schema) and the render call. */
#define _GNU_SOURCE /* dladdr */
#include "vanban.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "derive.h"
#include "docx.h"
#include "draft.h"
#include "font.h"
#include "json.h"
#include "layout.h"
#include "lexicon.h"
#include "model.h"
#include "pdf.h"
#include "props.h"
#include "png.h"
#include "cairo_api.h"
#include "pngw.h"
#include "version.h"
#include "render_with.h"
#include "xml_read.h"
#include "i18n.h"

#define DEFAULT_LAYOUT "nd30"

typedef struct font_entry {
    char *paths[VB_FACE_COUNT];
    vb_fontset *fs;
    vb_shaper_pool *shapers; /* for fs: layouts share what they have shaped */
    vb_pngw_fonts *png; /* cairo faces for previews, made on first use */
} font_entry;

typedef struct style_entry {
    char *key; /* layout name or path */
    vb_style *st;
    vb_fontset *fs; /* borrowed from the font cache */
    vb_shaper_pool *shapers; /* likewise */
    vb_docx_cache *docx; /* what every DOCX of this layout and fontset holds the same */
    vb_lexicon *lex; /* the layout's own words (NAME.words beside it), then the engine's */
} style_entry;

/* The caches grow without limit: an embedder's documents may name any
 * number of layouts, and each is loaded once. Entries are separate heap
 * blocks, so a pointer handed to one render stays valid while another
 * render adds an entry and the array of pointers moves. */
struct vb_engine {
    vb_engine_opts opts;
    char *data_dir;
    vb_reader *reader;
    pthread_mutex_t lock; /* guards the two caches */
    style_entry **styles;
    size_t n_styles, cap_styles;
    font_entry **fonts;
    size_t n_fonts, cap_fonts;
    char *font_override[VB_FACE_COUNT];
    char *layout; /* opts.layout, copied */
    vb_lexicon *lex; /* data/vi-words/: words lines keep whole */
};

const char *vb_version(int *major, int *minor, int *patch)
{
    if (major)
        *major = VB_VERSION_MAJOR;
    if (minor)
        *minor = VB_VERSION_MINOR;
    if (patch)
        *patch = VB_VERSION_PATCH;
    return VB_VERSION;
}

void vb_engine_opts_init(vb_engine_opts *o)
{
    memset(o, 0, sizeof *o);
    o->limits = (vb_limits)VB_LIMITS_DEFAULT;
    o->no_schema = 1; /* the reader's own checks are the rule; the schema is for `check --schema` */
}

const char *vb_engine_data_dir(const vb_engine *e)
{
    return e->data_dir;
}

static int is_data_dir(const char *dir)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/layouts/%s.xml", dir, DEFAULT_LAYOUT);
    return access(p, R_OK) == 0;
}

/* A data directory near `file` (a program or a shared library): an
 * installed bin/ or lib/ beside share/vanban (lib/<multiarch>/ two levels
 * down), or a build directory inside the source tree. */
static char *data_dir_near(const char *file)
{
    char dir[PATH_MAX];
    if (!realpath(file, dir))
        return NULL;
    char *slash = strrchr(dir, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    static const char *const rel[] = {"/../share/vanban", "/../../share/vanban", "/..", "/../.."};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char cand[PATH_MAX + 32], real[PATH_MAX];
        snprintf(cand, sizeof cand, "%s%s", dir, rel[i]);
        if (realpath(cand, real) && is_data_dir(real))
            return strdup(real);
    }
    return NULL;
}

/* The directory holding fonts/, layouts/ and schema/: the option, then
 * $VANBAN_DATA_DIR, then near the shared library this code was loaded from
 * (an embedder's program may live anywhere), then near the program, then
 * the install prefix fixed when building, then the source tree. NULL only
 * when out of memory. */
static char *find_data_dir(const char *opt)
{
    if (opt)
        return strdup(opt);
    const char *env = getenv("VANBAN_DATA_DIR");
    if (env && *env)
        return strdup(env);
    char *found = NULL;
    Dl_info info;
    /* for the program itself dladdr names argv[0], not a path: use /proc */
    if (dladdr((void *)find_data_dir, &info) && info.dli_fname && strchr(info.dli_fname, '/') &&
        strstr(info.dli_fname, ".so"))
        found = data_dir_near(info.dli_fname);
    if (!found)
        found = data_dir_near("/proc/self/exe");
    if (found)
        return found;
    if (is_data_dir(VB_INSTALL_DATADIR))
        return strdup(VB_INSTALL_DATADIR);
    return strdup(VB_SOURCE_DIR);
}

static char *join(const char *dir, const char *sub, const char *name)
{
    if (name[0] == '/')
        return strdup(name);
    size_t n = strlen(dir) + strlen(sub) + strlen(name) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s", dir, sub, sub[0] ? "/" : "", name);
    return p;
}

static vb_err nomem(vb_diag *diag, const char *what)
{
    vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "out of memory (%s)", _(what));
    return VB_ERR_NOMEM;
}

/* Room for one more entry in a growing array of pointers: GROW(e->styles,
 * e->n_styles, e->cap_styles). The array pointer is copied in and out with
 * memcpy, so that one helper serves both arrays without type punning. */
#define GROW(v, n, cap) ((n) < (cap) || grow_ptrs(&(v), &(cap), sizeof *(v)))

static int grow_ptrs(void *arrayp, size_t *cap, size_t elem)
{
    void *p;
    memcpy(&p, arrayp, sizeof p);
    size_t nc = *cap ? *cap * 2 : 8;
    p = realloc(p, nc * elem);
    if (!p)
        return 0;
    memcpy(arrayp, &p, sizeof p);
    *cap = nc;
    return 1;
}

static void font_entry_free(font_entry *fe)
{
    if (!fe)
        return;
    for (int k = 0; k < VB_FACE_COUNT; k++)
        free(fe->paths[k]);
    vb_pngw_fonts_free(fe->png);
    vb_shaper_pool_free(fe->shapers);
    vb_fontset_free(fe->fs);
    free(fe);
}

/* The fontset for these four files, loaded once. Called with the lock held. */
static vb_err fonts_get(vb_engine *e, char *paths[VB_FACE_COUNT], font_entry **out, vb_diag *diag)
{
    for (size_t i = 0; i < e->n_fonts; i++) {
        int same = 1;
        for (int k = 0; k < VB_FACE_COUNT; k++)
            same &= strcmp(e->fonts[i]->paths[k], paths[k]) == 0;
        if (same) {
            *out = e->fonts[i];
            return VB_OK;
        }
    }
    if (!GROW(e->fonts, e->n_fonts, e->cap_fonts))
        return nomem(diag, "font cache");
    font_entry *fe = calloc(1, sizeof *fe);
    if (!fe)
        return nomem(diag, "font cache");
    for (int k = 0; k < VB_FACE_COUNT; k++)
        if (!(fe->paths[k] = strdup(paths[k]))) {
            font_entry_free(fe);
            return nomem(diag, "font cache");
        }
    vb_err err = vb_fontset_load(&fe->fs, (const char *const *)paths, diag);
    if (!err && e->opts.batch && (err = vb_fontset_prepare_subsetting(fe->fs)))
        vb_diag_emit(diag, (vb_srcpos){paths[0], 0, 0}, VB_ERROR, "cannot prepare the fonts for subsetting: %s",
                     vb_strerror(err));
    if (!err && !(fe->shapers = vb_shaper_pool_new(fe->fs)))
        err = nomem(diag, "font cache");
    if (err) {
        font_entry_free(fe);
        return err;
    }
    e->fonts[e->n_fonts++] = fe;
    static const char *const face_names[] = {N_("regular"), N_("bold"), N_("italic"), N_("bold italic")};
    for (int k = 0; k < VB_FACE_COUNT; k++)
        vb_diag_emit(diag, (vb_srcpos){0}, VB_NOTE, "%s face: %s %s (%s)", _(face_names[k]), fe->fs->face[k].family,
                     fe->fs->face[k].style, fe->fs->face[k].path);
    *out = fe;
    return VB_OK;
}

static void style_entry_free(style_entry *se)
{
    if (!se)
        return;
    free(se->key);
    vb_style_free(se->st);
    vb_lexicon_free(se->lex);
    vb_docx_cache_free(se->docx);
    free(se);
}

/* The path of a layout named by key: a name ("nd30": layouts/nd30.xml) or
 * a file. */
static char *layout_path(const vb_engine *e, const char *key)
{
    if (strchr(key, '/') || strstr(key, ".xml"))
        return strdup(key);
    size_t n = strlen(key) + 5;
    char *file = malloc(n);
    if (!file)
        return NULL;
    snprintf(file, n, "%s.xml", key);
    char *path = join(e->data_dir, "layouts", file);
    free(file);
    return path;
}

/* The words a layout adds to the lexicon: NAME.words beside NAME.xml, if
 * there is one (lexicon.h's format). */
static vb_err layout_words(vb_engine *e, style_entry *se, const char *path, vb_diag *diag)
{
    if (!(se->lex = vb_lexicon_new(e->lex)))
        return nomem(diag, "layout cache");
    se->st->lex = se->lex;
    size_t n = strlen(path);
    if (n < 4 || strcmp(path + n - 4, ".xml") != 0)
        return VB_OK;
    char *words = malloc(n + 3);
    if (!words)
        return nomem(diag, "layout cache");
    memcpy(words, path, n - 4);
    memcpy(words + n - 4, ".words", 7);
    vb_err err = vb_lexicon_load(se->lex, words, 0, diag);
    free(words);
    return err;
}

/* The lexicon of data/vi-words/ (docs/line-breaking.md): the treebanks'
 * words, proper names, place names, and our own administrative list. A
 * data directory without it lays lines out as before, word by syllable. */
static vb_err engine_words(vb_engine *e, vb_diag *diag)
{
    /* The order CMakeLists.txt's VB_WORD_LISTS gives vb_lexgen: the built-in
     * table is used only when these files hold what it was made from. */
    static const char *const files[] = {"compounds.tsv", "propn.tsv", "places.tsv", "admin.tsv"};
    enum { N = sizeof files / sizeof files[0] };
    char *paths[N] = {0};
    vb_err err = VB_OK;
    char *dir = join(e->data_dir, "data", "vi-words");
    for (size_t i = 0; dir && i < N; i++)
        if (!(paths[i] = join(dir, "", files[i])))
            break;
    if (!dir || !paths[N - 1])
        err = nomem(diag, "engine");
    else
        err = vb_lexicon_open((const char *const *)paths, N, &e->lex, diag);
    for (size_t i = 0; i < N; i++)
        free(paths[i]);
    free(dir);
    return err;
}

/* Loads a layout and its fonts into a new entry. Called with the lock held. */
static vb_err style_load(vb_engine *e, const char *key, style_entry **out, vb_diag *diag)
{
    vb_err err = VB_OK;
    char *paths[VB_FACE_COUNT] = {0};
    style_entry *se = calloc(1, sizeof *se);
    char *path = layout_path(e, key);
    if (!se || !path || !(se->key = strdup(key))) {
        err = nomem(diag, "layout cache");
        goto fail;
    }
    if ((err = vb_style_load(path, &se->st, diag)))
        goto fail;
    if ((err = layout_words(e, se, path, diag)))
        goto fail;
    /* each face: the caller's file, else the layout's (in fonts/), else the
     * regular face again */
    for (int k = 0; k < VB_FACE_COUNT; k++) {
        if (e->font_override[k])
            paths[k] = strdup(e->font_override[k]);
        else if (se->st->font_file[k])
            paths[k] = join(e->data_dir, "fonts", se->st->font_file[k]);
        else if (k > 0 && paths[0])
            paths[k] = strdup(paths[0]);
        else
            continue;
        if (!paths[k]) {
            err = nomem(diag, "layout cache");
            goto fail;
        }
    }
    if (!paths[0]) {
        /* style.c requires the regular face; say so rather than fail silently */
        vb_diag_emit(diag, (vb_srcpos){se->st->file, 0, 0}, VB_ERROR, "the layout names no regular font");
        err = VB_ERR_INPUT;
        goto fail;
    }
    font_entry *fe = NULL;
    if ((err = fonts_get(e, paths, &fe, diag)))
        goto fail;
    se->fs = fe->fs;
    se->shapers = fe->shapers;
    if (!(se->docx = vb_docx_cache_new())) {
        err = nomem(diag, "layout cache");
        goto fail;
    }
    *out = se;
    se = NULL;
fail:
    for (int k = 0; k < VB_FACE_COUNT; k++)
        free(paths[k]);
    free(path);
    style_entry_free(se);
    return err;
}

/* A layout by name or path, with its fonts, loaded once. */
static vb_err style_get(vb_engine *e, const char *key, style_entry **out, vb_diag *diag)
{
    *out = NULL;
    vb_err err = VB_OK;
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->n_styles; i++)
        if (strcmp(e->styles[i]->key, key) == 0) {
            *out = e->styles[i];
            goto done;
        }
    if (!GROW(e->styles, e->n_styles, e->cap_styles)) {
        err = nomem(diag, "layout cache");
        goto done;
    }
    if ((err = style_load(e, key, out, diag)))
        goto done;
    e->styles[e->n_styles++] = *out;
done:
    pthread_mutex_unlock(&e->lock);
    return err;
}

/* Every failure leaves an error in diag (vanban.h's promise): the places
 * that fail without one (an allocation deep in a writer) get the code's
 * own words, naming the input. */
static vb_err said(vb_err err, vb_diag *diag, size_t errors_before, const char *name)
{
    if (err && vb_diag_errors(diag) == errors_before)
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_ERROR, "%s", vb_strerror(err));
    return err;
}

vb_err vb_engine_new(vb_engine **out, const vb_engine_opts *o, vb_diag *diag)
{
    if (!out || !diag)
        return VB_ERR_ARG;
    *out = NULL;
    size_t before = vb_diag_errors(diag);
    if (!o) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "vb_engine_new: no options (use vb_engine_opts_init)");
        return VB_ERR_ARG;
    }
    vb_err err = VB_OK;
    vb_engine *e = calloc(1, sizeof *e);
    if (!e)
        return nomem(diag, "engine");
    e->opts = *o;
    pthread_mutex_init(&e->lock, NULL);
    if (!(e->data_dir = find_data_dir(o->data_dir))) {
        err = nomem(diag, "engine");
        goto fail;
    }
    if ((err = engine_words(e, diag)))
        goto fail;
    /* the engine keeps its own copies: the caller's strings may go away */
    e->opts.data_dir = e->data_dir;
    for (int k = 0; k < VB_FACE_COUNT; k++) {
        e->opts.font_file[k] = NULL;
        if (o->font_file[k] && !(e->font_override[k] = strdup(o->font_file[k]))) {
            err = nomem(diag, "engine");
            goto fail;
        }
    }
    if (o->layout && !(e->layout = strdup(o->layout))) {
        err = nomem(diag, "engine");
        goto fail;
    }
    e->opts.layout = e->layout;
    char *schema = NULL;
    if (!o->no_schema && !(schema = join(e->data_dir, "schema", "vanban.rng"))) {
        err = nomem(diag, "engine");
        goto fail;
    }
    e->reader = vb_reader_new(schema, &e->opts.limits, diag);
    free(schema);
    if (!e->reader) {
        /* the reader says what is wrong with the schema; a NULL without
         * a word from it is an allocation that failed */
        err = vb_diag_errors(diag) > before ? VB_ERR_DATA : nomem(diag, "reader");
        goto fail;
    }
    /* the default layout and its fonts now, so a broken installation shows at once */
    style_entry *se;
    if ((err = style_get(e, e->layout ? e->layout : DEFAULT_LAYOUT, &se, diag))) {
        /* no default layout at all: the installation is incomplete (a
         * layout file that is there but broken stays an input error, with
         * its file:line:col, as the user's own --layout does) */
        if (err == VB_ERR_INPUT && !e->layout && !is_data_dir(e->data_dir))
            err = VB_ERR_DATA;
        goto fail;
    }
    *out = e;
    return VB_OK;
fail:
    vb_engine_free(e);
    return said(err, diag, before, NULL);
}

void vb_engine_free(vb_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_styles; i++)
        style_entry_free(e->styles[i]);
    free(e->styles);
    for (size_t i = 0; i < e->n_fonts; i++)
        font_entry_free(e->fonts[i]);
    free(e->fonts);
    for (int k = 0; k < VB_FACE_COUNT; k++)
        free(e->font_override[k]);
    free(e->layout);
    vb_lexicon_free(e->lex);
    vb_reader_free(e->reader);
    free(e->data_dir);
    pthread_mutex_destroy(&e->lock);
    free(e);
}

vb_format vb_format_from_name(const char *s)
{
    if (!s)
        return VB_FORMAT_UNKNOWN;
    const char *dot = strrchr(s, '.');
    const char *ext = dot ? dot + 1 : s;
    if (!strcasecmp(ext, "pdf"))
        return VB_FORMAT_PDF;
    if (!strcasecmp(ext, "docx"))
        return VB_FORMAT_DOCX;
    if (!strcasecmp(ext, "json"))
        return VB_FORMAT_JSON;
    return VB_FORMAT_UNKNOWN;
}

/* The arguments every entry point needs; an error in diag when one is missing. */
static vb_err check_args(vb_engine *e, const char *data, size_t len, const char *name, vb_diag *diag,
                         const char *fn)
{
    if (!diag)
        return VB_ERR_ARG;
    if (!e || (!data && len)) {
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_ERROR, "%s: %s is NULL", fn, !e ? _("the engine") : _("data"));
        return VB_ERR_ARG;
    }
    return VB_OK;
}

/* The draft's round: the command line's (--draft=N), else the input's
 * (du_thao="N"); 0 prints plain DỰ THẢO. */
static int draft_round(const vb_engine *e, const vb_doc *doc)
{
    return e->opts.draft_round ? e->opts.draft_round : doc->draft_round;
}

/* What every render does before its writer: read (with the hook), the
 * decree's rules (an error stops here, warnings are printed), the layout
 * the document names, layout, and the draft marking. On an error *doc may
 * still be set: the caller frees it (vb_doc_free(NULL) does nothing). */
static vb_err read_and_lay_out(vb_engine *e, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                               size_t before, vb_doc **doc, style_entry **se, vb_pages **pages, vb_diag *diag)
{
    vb_err err = vb_doc_read_with(e->reader, data, len, name, hook, doc, diag);
    if (err)
        return err;
    vb_check_doc(*doc, diag);
    if (vb_diag_errors(diag) > before)
        return VB_ERR_INPUT;
    const char *key = e->opts.layout ? e->opts.layout : (*doc)->layout ? (*doc)->layout : DEFAULT_LAYOUT;
    if ((err = style_get(e, key, se, diag)))
        return err;
    err = vb_layout(*doc, (*se)->st, (*se)->fs, (*se)->shapers, &e->opts.limits, (*doc)->arena, pages, diag);
    if (!err && (e->opts.draft || (*doc)->draft))
        err = vb_layout_mark_draft(*pages, (*se)->st, (*se)->fs, draft_round(e, *doc), (*doc)->arena);
    return err;
}

vb_err vb_render(vb_engine *e, const char *data, size_t len, const char *name, vb_format fmt, vb_buf *out,
                 vb_diag *diag)
{
    return vb_render_with(e, data, len, name, NULL, fmt, out, NULL, diag);
}

vb_err vb_render_with(vb_engine *e, const char *data, size_t len, const char *name, const vb_tree_hook *hook,
                      vb_format fmt, vb_buf *out, int *n_pages, vb_diag *diag)
{
    if (n_pages)
        *n_pages = 0;
    vb_err err = check_args(e, data, len, name, diag, "vb_render");
    if (err)
        return err;
    if (!data)
        data = "";
    size_t before = vb_diag_errors(diag);
    if (!out || (fmt != VB_FORMAT_PDF && fmt != VB_FORMAT_DOCX && fmt != VB_FORMAT_JSON)) {
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_ERROR, "vb_render: %s",
                     !out ? _("the output buffer is NULL") : _("unknown output format"));
        return VB_ERR_ARG;
    }
    vb_doc *doc = NULL;
    style_entry *se = NULL;
    vb_pages *pages = NULL;
    err = read_and_lay_out(e, data, len, name, hook, before, &doc, &se, &pages, diag);
    if (err)
        goto done;
    if (n_pages)
        *n_pages = (int)pages->n_pages;
    if (fmt == VB_FORMAT_PDF) {
        vb_props info;
        vb_props_of(&info, doc, doc->arena, e->opts.limits.max_image_pixels);
        info.no_sign_fields = e->opts.no_sign_fields;
        info.compact = e->opts.compact;
        err = vb_pdf_write(pages, se->fs, &info, out, diag);
    } else if (fmt == VB_FORMAT_JSON) {
        err = vb_json_write(pages, out);
    } else {
        vb_props info;
        vb_props_of(&info, doc, doc->arena, e->opts.limits.max_image_pixels);
        err = vb_docx_write(doc, pages, se->st, se->fs, se->docx, &info, out, diag);
    }
    if (!err && out->failed)
        err = VB_ERR_NOMEM;
done:
    vb_doc_free(doc);
    return said(err, diag, before, name);
}

/* The images a signature names, checked as layout.c does when it places
 * them (same messages), so that `vanban check` refuses what render would. */
static void check_images(const vb_signature *s, const vb_limits *lim, vb_diag *diag)
{
    double aspect;
    if (s->signature_image)
        vb_png_check(s->signature_image, s->signature_pos, lim->max_image_pixels, diag, &aspect);
    if (s->seal_image)
        vb_png_check(s->seal_image, s->seal_pos, lim->max_image_pixels, diag, &aspect);
}

vb_err vb_check(vb_engine *e, const char *data, size_t len, const char *name, vb_diag *diag)
{
    vb_err err = check_args(e, data, len, name, diag, "vb_check");
    if (err)
        return err;
    if (!data)
        data = "";
    size_t before = vb_diag_errors(diag);
    vb_doc *doc = NULL;
    err = vb_doc_read(e->reader, data, len, name, &doc, diag);
    if (err)
        return said(err, diag, before, name);
    vb_check_doc(doc, diag);
    for (size_t i = 0; i < doc->n_signatures; i++)
        check_images(&doc->signatures[i], &e->opts.limits, diag);
    for (size_t i = 0; i < doc->n_annexes; i++)
        if (doc->annexes[i].signature)
            check_images(doc->annexes[i].signature, &e->opts.limits, diag);
    if (doc->copy)
        check_images(&doc->copy->signature, &e->opts.limits, diag);
    /* the layout the document names must exist, as for vb_render */
    const char *key = e->opts.layout ? e->opts.layout : doc->layout ? doc->layout : DEFAULT_LAYOUT;
    style_entry *se;
    err = style_get(e, key, &se, diag);
    /* Whatever layout says (a table too wide for the page, a word too wide
     * for its column, a document past --max-pages), check says too: it
     * lays the document out as render does and keeps only the messages.
     * Not after an error, which render would have stopped at. */
    if (!err && vb_diag_errors(diag) == before) {
        vb_pages *pages = NULL;
        err = vb_layout(doc, se->st, se->fs, se->shapers, &e->opts.limits, doc->arena, &pages, diag);
    }
    if (!err && vb_diag_errors(diag) > before)
        err = VB_ERR_INPUT;
    vb_doc_free(doc);
    return said(err, diag, before, name);
}

/* The preview's cairo faces for a fontset, made once and kept with it. */
static vb_pngw_fonts *png_fonts_get(vb_engine *e, const vb_fontset *fs)
{
    vb_pngw_fonts *res = NULL;
    pthread_mutex_lock(&e->lock);
    for (size_t i = 0; i < e->n_fonts; i++)
        if (e->fonts[i]->fs == fs) {
            if (!e->fonts[i]->png)
                vb_pngw_fonts_new(&e->fonts[i]->png, fs);
            res = e->fonts[i]->png;
        }
    pthread_mutex_unlock(&e->lock);
    return res;
}

vb_err vb_render_png(vb_engine *e, const char *data, size_t len, const char *name, double dpi,
                     const vb_page_sink *sink, vb_diag *diag)
{
    vb_err err = check_args(e, data, len, name, diag, "vb_render_png");
    if (err)
        return err;
    if (!data)
        data = "";
    size_t before = vb_diag_errors(diag);
    if (!sink || !sink->page || !(dpi >= VB_PNGW_MIN_DPI && dpi <= VB_PNGW_MAX_DPI)) {
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_ERROR, "vb_render_png: %s",
                     !sink || !sink->page ? "the page sink is NULL" : "the resolution is not from 10 to 1200 dpi");
        return VB_ERR_ARG;
    }
    const char *why = vb_cairo_load();
    if (why) {
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_ERROR, "%s", _(why));
        return VB_ERR_INTERNAL;
    }
    vb_doc *doc = NULL;
    vb_pngw *w = NULL;
    vb_buf png = VB_BUF_INIT;
    style_entry *se = NULL;
    vb_pages *pages = NULL;
    err = read_and_lay_out(e, data, len, name, NULL, before, &doc, &se, &pages, diag);
    if (err)
        goto done;
    vb_pngw_fonts *fonts = png_fonts_get(e, se->fs);
    if (!fonts) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "PNG writer: cannot open the fonts for drawing");
        err = VB_ERR_FONT;
        goto done;
    }
    err = vb_pngw_new(&w, fonts, dpi, e->opts.limits.max_image_pixels);
    if (err)
        goto done;
    if (sink->file)
        for (size_t p = 0; p < pages->n_pages; p++)
            for (size_t k = 0; k < pages->pages[p].n_items; k++)
                if (pages->pages[p].items[k].kind == VB_ITEM_IMAGE && pages->pages[p].items[k].u.image.path)
                    sink->file(sink->user, pages->pages[p].items[k].u.image.path);
    for (size_t p = 0; p < pages->n_pages && !err; p++) {
        vb_buf_reset(&png);
        err = vb_pngw_page(w, &pages->pages[p], &png, diag);
        if (!err)
            err = sink->page(sink->user, p, pages->n_pages, png.data, png.len);
    }
done:
    vb_buf_free(&png);
    vb_pngw_free(w);
    vb_doc_free(doc);
    return said(err, diag, before, name);
}
