/* vanban.c - what is loaded once (fonts, layouts, schema) and the render call. */
#include "vanban.h"

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
#include "model.h"
#include "pdf.h"
#include "props.h"
#include "png.h"
#include "pngw.h"
#include "version.h"
#include "xml_read.h"

#define DEFAULT_LAYOUT "nd30"
#define MAX_CACHED 16

typedef struct font_entry {
    char *paths[VB_FACE_COUNT];
    vb_fontset *fs;
    vb_pngw_fonts *png; /* cairo faces for previews, made on first use */
} font_entry;

typedef struct style_entry {
    char *key; /* layout name or path */
    vb_style *st;
    vb_fontset *fs; /* borrowed from the font cache */
} style_entry;

struct vb_engine {
    vb_engine_opts opts;
    char *data_dir;
    vb_reader *reader;
    pthread_mutex_t lock; /* guards the two caches */
    style_entry styles[MAX_CACHED];
    int n_styles;
    font_entry fonts[MAX_CACHED];
    int n_fonts;
    char *font_override[VB_FACE_COUNT];
};

void vb_engine_opts_init(vb_engine_opts *o)
{
    memset(o, 0, sizeof *o);
    o->limits = (vb_limits)VB_LIMITS_DEFAULT;
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

/* The directory holding fonts/, layouts/ and schema/: the option, then
 * $VANBAN_DATA_DIR, then next to the program (a build directory inside the
 * source tree, or an installed bin/ beside share/vanban), then the places
 * fixed when building. */
static char *find_data_dir(const char *opt)
{
    if (opt)
        return strdup(opt);
    const char *env = getenv("VANBAN_DATA_DIR");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char cand[PATH_MAX + 32];
            const char *rel[] = {"/..", "/../share/vanban", "/../.."};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);
                char real[PATH_MAX];
                if (realpath(cand, real) && is_data_dir(real))
                    return strdup(real);
            }
        }
    }
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

/* The fontset for these four files, loaded once. Called with the lock held. */
static vb_fontset *fonts_get(vb_engine *e, char *paths[VB_FACE_COUNT], vb_diag *diag)
{
    for (int i = 0; i < e->n_fonts; i++) {
        int same = 1;
        for (int k = 0; k < VB_FACE_COUNT; k++)
            same &= strcmp(e->fonts[i].paths[k], paths[k]) == 0;
        if (same)
            return e->fonts[i].fs;
    }
    if (e->n_fonts == MAX_CACHED)
        return NULL;
    vb_fontset *fs;
    if (vb_fontset_load(&fs, (const char *const *)paths, diag))
        return NULL;
    if (e->opts.batch && vb_fontset_prepare_subsetting(fs)) {
        vb_fontset_free(fs);
        return NULL;
    }
    font_entry *fe = &e->fonts[e->n_fonts++];
    for (int k = 0; k < VB_FACE_COUNT; k++)
        fe->paths[k] = strdup(paths[k]);
    fe->fs = fs;
    static const char *const face_names[] = {"regular", "bold", "italic", "bold italic"};
    for (int k = 0; k < VB_FACE_COUNT; k++)
        vb_diag_emit(diag, (vb_srcpos){0}, VB_NOTE, "%s face: %s %s (%s)", face_names[k], fs->face[k].family,
                     fs->face[k].style, fs->face[k].path);
    return fs;
}

/* A layout by name ("nd30": layouts/nd30.xml) or by path, with its fonts. */
static style_entry *style_get(vb_engine *e, const char *key, vb_diag *diag)
{
    pthread_mutex_lock(&e->lock);
    style_entry *res = NULL;
    for (int i = 0; i < e->n_styles; i++)
        if (strcmp(e->styles[i].key, key) == 0) {
            res = &e->styles[i];
            goto done;
        }
    if (e->n_styles == MAX_CACHED)
        goto done;
    char *path;
    if (strchr(key, '/') || strstr(key, ".xml")) {
        path = strdup(key);
    } else {
        size_t n = strlen(key) + 5;
        char *file = malloc(n);
        snprintf(file, n, "%s.xml", key);
        path = join(e->data_dir, "layouts", file);
        free(file);
    }
    vb_style *st = vb_style_load(path, diag);
    free(path);
    if (!st)
        goto done;
    char *paths[VB_FACE_COUNT];
    for (int k = 0; k < VB_FACE_COUNT; k++)
        paths[k] = e->font_override[k] ? strdup(e->font_override[k])
                   : st->font_file[k] ? join(e->data_dir, "fonts", st->font_file[k])
                                      : NULL;
    for (int k = 1; k < VB_FACE_COUNT; k++)
        if (!paths[k] && paths[0])
            paths[k] = strdup(paths[0]);
    vb_fontset *fs = paths[0] ? fonts_get(e, paths, diag) : NULL;
    for (int k = 0; k < VB_FACE_COUNT; k++)
        free(paths[k]);
    if (!fs) {
        vb_style_free(st);
        goto done;
    }
    res = &e->styles[e->n_styles++];
    res->key = strdup(key);
    res->st = st;
    res->fs = fs;
done:
    pthread_mutex_unlock(&e->lock);
    return res;
}

vb_err vb_engine_new(vb_engine **out, const vb_engine_opts *o, vb_diag *diag)
{
    *out = NULL;
    vb_engine *e = calloc(1, sizeof *e);
    if (!e)
        return VB_ERR_NOMEM;
    e->opts = *o;
    pthread_mutex_init(&e->lock, NULL);
    e->data_dir = find_data_dir(o->data_dir);
    for (int k = 0; k < VB_FACE_COUNT; k++)
        if (o->font_file[k])
            e->font_override[k] = strdup(o->font_file[k]);
    vb_err err = VB_OK;
    if (!o->no_schema) {
        char *schema = join(e->data_dir, "schema", "vanban.rng");
        e->reader = vb_reader_new(schema, &e->opts.limits, diag);
        free(schema);
    } else {
        e->reader = vb_reader_new(NULL, &e->opts.limits, diag);
    }
    if (!e->reader) {
        err = VB_ERR_INPUT;
        goto fail;
    }
    /* the default layout and its fonts now, so a broken installation shows at once */
    size_t before = vb_diag_errors(diag);
    if (!style_get(e, o->layout ? o->layout : DEFAULT_LAYOUT, diag)) {
        err = vb_diag_errors(diag) > before && e->n_fonts == 0 && e->n_styles == 0 ? VB_ERR_INPUT : VB_ERR_FONT;
        /* a layout that loaded but whose fonts failed is a font error */
        for (size_t i = before; i < diag->n; i++)
            if (diag->v[i].pos.file && strstr(diag->v[i].pos.file, ".ttf"))
                err = VB_ERR_FONT;
        goto fail;
    }
    *out = e;
    return VB_OK;
fail:
    vb_engine_free(e);
    return err;
}

void vb_engine_free(vb_engine *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->n_styles; i++) {
        free(e->styles[i].key);
        vb_style_free(e->styles[i].st);
    }
    for (int i = 0; i < e->n_fonts; i++) {
        for (int k = 0; k < VB_FACE_COUNT; k++)
            free(e->fonts[i].paths[k]);
        vb_pngw_fonts_free(e->fonts[i].png);
        vb_fontset_free(e->fonts[i].fs);
    }
    for (int k = 0; k < VB_FACE_COUNT; k++)
        free(e->font_override[k]);
    vb_reader_free(e->reader);
    free(e->data_dir);
    pthread_mutex_destroy(&e->lock);
    free(e);
}

vb_format vb_format_from_name(const char *s)
{
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

vb_err vb_render(vb_engine *e, const char *data, size_t len, const char *name, vb_format fmt, vb_buf *out,
                 vb_diag *diag)
{
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read(e->reader, data, len, name, &doc, diag);
    if (err)
        return err;
    /* the decree's rules (check.h): an error stops here, warnings are printed */
    size_t errors = vb_diag_errors(diag);
    vb_check_doc(doc, data, len, diag);
    if (vb_diag_errors(diag) > errors) {
        err = VB_ERR_INPUT;
        goto done;
    }
    const char *key = e->opts.layout ? e->opts.layout : doc->layout ? doc->layout : DEFAULT_LAYOUT;
    style_entry *se = style_get(e, key, diag);
    if (!se) {
        err = VB_ERR_INPUT;
        goto done;
    }
    vb_pages *pages = NULL;
    if (fmt == VB_FORMAT_PDF || fmt == VB_FORMAT_JSON) {
        err = vb_layout(doc, se->st, se->fs, &e->opts.limits, doc->arena, &pages, diag);
        if (!err && e->opts.draft)
            err = vb_layout_mark_draft(pages, se->st, se->fs, e->opts.draft_round, doc->arena);
        if (err)
            goto done;
    }
    if (fmt == VB_FORMAT_DOCX && e->opts.draft)
        vb_diag_emit(diag, (vb_srcpos){name, 0, 0}, VB_WARNING,
                     "the DOCX is not marked as a draft yet (--draft marks the PDF and the pictures)");
    if (fmt == VB_FORMAT_PDF) {
        vb_props info;
        vb_props_of(&info, doc, doc->arena, e->opts.limits.max_image_pixels);
        err = vb_pdf_write(pages, se->fs, &info, out, diag);
    } else if (fmt == VB_FORMAT_JSON) {
        err = vb_json_write(pages, out);
    } else if (fmt == VB_FORMAT_DOCX) {
        vb_props info;
        vb_props_of(&info, doc, doc->arena, e->opts.limits.max_image_pixels);
        err = vb_docx_write(doc, se->st, se->fs, &info, out, diag);
    } else {
        err = VB_ERR_INTERNAL;
    }
    if (!err && out->failed)
        err = VB_ERR_NOMEM;
done:
    vb_doc_free(doc);
    return err;
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
    vb_doc *doc = NULL;
    vb_err err = vb_doc_read(e->reader, data, len, name, &doc, diag);
    if (err)
        return err;
    size_t errors = vb_diag_errors(diag);
    vb_check_doc(doc, data, len, diag);
    for (size_t i = 0; i < doc->n_signatures; i++)
        check_images(&doc->signatures[i], &e->opts.limits, diag);
    for (size_t i = 0; i < doc->n_annexes; i++)
        if (doc->annexes[i].signature)
            check_images(doc->annexes[i].signature, &e->opts.limits, diag);
    if (doc->copy)
        check_images(&doc->copy->signature, &e->opts.limits, diag);
    /* the layout the document names must exist, as for vb_render */
    const char *key = e->opts.layout ? e->opts.layout : doc->layout ? doc->layout : DEFAULT_LAYOUT;
    if (!style_get(e, key, diag) || vb_diag_errors(diag) > errors)
        err = VB_ERR_INPUT;
    vb_doc_free(doc);
    return err;
}

/* The preview's cairo faces for a fontset, made once and kept with it. */
static vb_pngw_fonts *png_fonts_get(vb_engine *e, const vb_fontset *fs)
{
    vb_pngw_fonts *res = NULL;
    pthread_mutex_lock(&e->lock);
    for (int i = 0; i < e->n_fonts; i++)
        if (e->fonts[i].fs == fs) {
            if (!e->fonts[i].png)
                vb_pngw_fonts_new(&e->fonts[i].png, fs);
            res = e->fonts[i].png;
        }
    pthread_mutex_unlock(&e->lock);
    return res;
}

vb_err vb_render_png(vb_engine *e, const char *data, size_t len, const char *name, double dpi,
                     const vb_page_sink *sink, vb_diag *diag)
{
    vb_doc *doc = NULL;
    vb_pngw *w = NULL;
    vb_buf png = VB_BUF_INIT;
    vb_err err = vb_doc_read(e->reader, data, len, name, &doc, diag);
    if (err)
        return err;
    size_t errors = vb_diag_errors(diag);
    vb_check_doc(doc, data, len, diag);
    if (vb_diag_errors(diag) > errors) {
        err = VB_ERR_INPUT;
        goto done;
    }
    const char *key = e->opts.layout ? e->opts.layout : doc->layout ? doc->layout : DEFAULT_LAYOUT;
    style_entry *se = style_get(e, key, diag);
    if (!se) {
        err = VB_ERR_INPUT;
        goto done;
    }
    vb_pages *pages = NULL;
    err = vb_layout(doc, se->st, se->fs, &e->opts.limits, doc->arena, &pages, diag);
    if (!err && e->opts.draft)
        err = vb_layout_mark_draft(pages, se->st, se->fs, e->opts.draft_round, doc->arena);
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
    return err;
}
