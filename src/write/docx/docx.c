/* docx.c - word/document.xml's flow and sections, and the DOCX package
 * around the parts.
 *
 * The document part is one loop over the body's blocks (the list layout
 * set, vb_pages.body) with one switch on the node kind (render_block),
 * between page 1's header (docx_header.c) and the signature block
 * (docx_sign.c), then one section per appendix. Elements are written by
 * one function each, named after the element (write_w_tbl, write_w_p,
 * write_w_pPr …); paragraphs in docx_para.c, tables in docx_table.c.
 *
 * Nothing here decides the layout: line breaks, rules, frames, signer
 * stacks and pictures come from layout's records in the page model
 * (page.h), and this writer turns them into Word's structures so that
 * Word and LibreOffice set the same lines on the same pages as our PDF:
 *   - every line has the PDF's pitch as an exact line height, so a
 *     paragraph is as tall in the DOCX as in the PDF;
 *   - the header (ô 1–4) and the signature block (ô 7, 9b) are borderless
 *     tables of the layout's column widths with no cell margins;
 *   - the rules under the agency, the motto and the trích yếu are empty
 *     paragraphs with a bottom border, indented to the rule's length and
 *     as tall as the gap between the text and the rule, so the rule lands
 *     `rule_gap` below the baseline, as long as the PDF draws it;
 *   - centred titles get a line break (<w:br/>) at each of layout's breaks;
 *     a paragraph left to flow gets a no-break space where a word
 *     processor filling lines one by one would break elsewhere;
 *   - the spacing the PDF adds between elements is the paragraphs'
 *     spacing before (and after) them; settings.xml makes the two add up;
 *   - pagination: widow control, headings kept with what follows (keepNext
 *     and keepLines), table rows and the signature row unsplittable, the
 *     body's last paragraph kept with the signature;
 *   - a landscape table and every appendix get a section of their own
 *     (the appendix's numbering starts again, its first page shows none).
 *
 * A body paragraph is held back until the next element is known, so that
 * the space above a table can go into its space after, and a section can
 * end with it. */
#include "docx_priv.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zipw.h"

/* Deflate level of the package: zlib's default (6) makes the reference
 * report's package 7 % smaller than level 1 (12.1 KB against 13.0 KB) and
 * its writing some 15 % slower. */
#define DEFLATE_LEVEL 1

/* ---- w:sectPr ----------------------------------------------------------------------- */

static void write_w_headerReference(dctx *c, const char *type, const char *id)
{
    vb_docx_xml_empty(c->x, "w:headerReference", "w:type", type, "r:id", id);
}

static void write_w_footerReference(dctx *c, const char *type, const char *id)
{
    vb_docx_xml_empty(c->x, "w:footerReference", "w:type", type, "r:id", id);
}

static void write_w_pgSz(dctx *c, const dsect *s)
{
    vb_docx_xml_start(c->x, "w:pgSz");
    vb_docx_xml_attr_long(c->x, "w:w", vb_docx_twips(s->page_w));
    vb_docx_xml_attr_long(c->x, "w:h", vb_docx_twips(s->page_h));
    if (s->landscape)
        vb_docx_xml_attr(c->x, "w:orient", "landscape");
    vb_docx_xml_end(c->x);
}

/* The section's margins as layout recorded them (on a landscape page the
 * binding edge stays on the left, the page number's room at the top). */
static void write_w_pgMar(dctx *c, const dsect *s)
{
    vb_docx_xml_start(c->x, "w:pgMar");
    vb_docx_xml_attr_long(c->x, "w:top", vb_docx_twips(s->margin_top));
    vb_docx_xml_attr_long(c->x, "w:right", vb_docx_twips(s->margin_right));
    vb_docx_xml_attr_long(c->x, "w:bottom", vb_docx_twips(s->margin_bottom));
    vb_docx_xml_attr_long(c->x, "w:left", vb_docx_twips(s->margin_left));
    vb_docx_xml_attr_long(c->x, "w:header", vb_docx_twips(s->header_dist));
    vb_docx_xml_attr_long(c->x, "w:footer", vb_docx_twips(s->footer_dist));
    vb_docx_xml_attr(c->x, "w:gutter", "0");
    vb_docx_xml_end(c->x);
}

static void write_w_pgNumType(dctx *c, const dsect *s)
{
    if (s->restart)
        vb_docx_xml_empty(c->x, "w:pgNumType", "w:start", "1", NULL, NULL);
}

void vb_docx_write_w_sectPr(dctx *c, const dsect *s)
{
    vb_docx_xml_start(c->x, "w:sectPr");
    /* the stamps (ô 11, 14) and the address (ô 13) on the document's first
     * page only: an appendix's first page has neither */
    write_w_headerReference(c, "default", VB_DOCX_REL_HEADER);
    if (s->page1 || s->first_unnumbered)
        write_w_headerReference(c, "first", s->page1 || !vb_docx_has_stamps(c->doc) ? VB_DOCX_REL_HEADER_FIRST
                                                                                      : VB_DOCX_REL_HEADER_EMPTY);
    if (c->doc->n_address && (s->page1 || s->first_unnumbered))
        write_w_footerReference(c, "first", s->page1 ? VB_DOCX_REL_FOOTER : VB_DOCX_REL_FOOTER_EMPTY);
    write_w_pgSz(c, s);
    write_w_pgMar(c, s);
    write_w_pgNumType(c, s);
    vb_docx_xml_empty(c->x, "w:cols", "w:space", "720", NULL, NULL);
    if (s->first_unnumbered)
        vb_docx_xml_empty(c->x, "w:titlePg", NULL, NULL, NULL, NULL);
    vb_docx_xml_end(c->x);
}

/* ---- the flow: body paragraphs held back one step ------------------------------- */

static void flow_flush(dctx *c)
{
    if (c->held)
        vb_docx_write_w_p(c, &c->held_p, &c->held_r);
    c->held = 0;
}

/* A paragraph of the flow (outside tables). At the top of a section's
 * first page it loses its space before, as on any page of our PDF (Word
 * and LibreOffice keep it after a page break). */
void vb_docx_flow_p(dctx *c, const dpara *p, const druns *r)
{
    flow_flush(c);
    c->held = 1;
    c->held_p = *p;
    if (c->section_top)
        c->held_p.before = 0;
    c->section_top = 0;
    if (r)
        c->held_r = *r;
    else
        memset(&c->held_r, 0, sizeof c->held_r);
}

/* Space the PDF leaves before the next element; the next paragraph takes
 * it as space before. */
double vb_docx_take_pending(dctx *c)
{
    double v = c->pending;
    c->pending = 0;
    return v;
}

/* `v` pt of space before an element that cannot hold it (a table): after
 * the held paragraph, or an empty paragraph that high. */
void vb_docx_flow_space(dctx *c, double v)
{
    if (v <= 0 || c->section_top)
        return;
    if (c->held) {
        c->held_p.after += vb_docx_twips(v);
        return;
    }
    dpara e = vb_docx_empty_para(v);
    vb_docx_flow_p(c, &e, NULL);
}

/* Ends the current section after what has been written (on the held
 * paragraph, or on an empty one) and starts layout's next one. */
static void flow_section(dctx *c)
{
    if (c->sect_i + 1 >= c->P->n_sections) { /* layout records a section at each break */
        c->nomem = 1;
        return;
    }
    if (!c->held) {
        dpara e = vb_docx_empty_para(0);
        vb_docx_flow_p(c, &e, NULL);
    }
    c->held_p.sect = c->sect;
    flow_flush(c);
    c->sect = &c->P->sections[++c->sect_i];
    c->width = c->sect->text_w;
    c->pending = 0;
    c->section_top = 1;
}

/* A table starts in the flow: what is held goes before it. */
void vb_docx_flow_table(dctx *c)
{
    flow_flush(c);
    c->section_top = 0;
}

/* ---- the body: text blocks and tables ------------------------------------------------ */

/* A text block of the flow in its role's style; centred blocks broken as
 * the PDF breaks them. */
static void write_text_block(dctx *c, const vb_tblock *b)
{
    const vb_role_style *r = vb_docx_rs(c, b->role);
    druns runs = {0};
    vb_docx_run_inline(c, &runs, b->label, &b->text);
    const vb_para_rec *rec = vb_docx_para_rec(c, b->role, vb_block_src(b));
    dpara p = vb_docx_para_of(b->role, vb_docx_take_pending(c) + (rec ? rec->space_above : 0), rec ? rec->space_below : 0);
    if (r->align == VB_ALIGN_CENTER)
        vb_docx_apply_breaks(c, rec, &runs);
    else
        p.keep = rec;
    vb_docx_flow_p(c, &p, &runs);
}

/* A table block: the room layout leaves above and below it; a table layout
 * set on pages of its own orientation gets a section of its own. */
static void write_table_block(dctx *c, const vb_tblock *b)
{
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_TABLE, b->node->table);
    if (!u) /* layout sets no table without rows */
        return;
    if (u->own_section) {
        flow_section(c);
        vb_docx_write_table(c, b->node);
        flow_section(c);
        return;
    }
    vb_docx_flow_space(c, vb_docx_take_pending(c) + u->space_above);
    vb_docx_write_table(c, b->node);
    c->pending = u->space_below;
}

/* One case per kind of block. */
static void render_block(dctx *c, const vb_tblock *b)
{
    vb_node_kind kind = b->node ? b->node->kind : VB_N_PARA;
    switch (kind) {
    case VB_N_TABLE:
        write_table_block(c, b);
        break;
    case VB_N_BODY:
    case VB_N_PART:
    case VB_N_CHAPTER:
    case VB_N_SECTION:
    case VB_N_SUBSECTION:
    case VB_N_ARTICLE:
    case VB_N_CLAUSE:
    case VB_N_POINT:
    case VB_N_DASH:
    case VB_N_PARA:
    case VB_N_CELL:
        write_text_block(c, b);
        break;
    case VB_N_KIND_COUNT:
        break;
    }
}

/* ---- appendices and attached texts ----------------------------------------------------- */

/* One line of an annex's heading in role (printing src), as far below
 * what precedes it as layout put it, kept with what follows, broken where
 * layout broke it. Returns its record. */
static const vb_para_rec *annex_line(dctx *c, vb_role role, const void *src, druns *r)
{
    const vb_para_rec *rec = vb_docx_para_rec(c, role, src);
    dpara p = vb_docx_para_of(role, rec ? rec->space_above : 0, 0);
    p.keep_next = 1;
    vb_docx_apply_breaks(c, rec, r);
    vb_docx_flow_p(c, &p, r);
    return rec;
}

/* The heading of an appendix (“Phụ lục I”, its title) or of an attached
 * text (the agency and national title, its type name and title), then
 * the reference line “(Kèm theo …)” and its rule; all kept with what
 * follows. */
static void write_annex_heading(dctx *c, const vb_annex *an, size_t n_appendices)
{
    int attached = an->kind == VB_ANNEX_ATTACHED;
    druns r = {0};
    if (attached) {
        vb_docx_write_header_tbl(c, an, 0);
        vb_docx_run_str(c, &r, an->type && an->type->name ? an->type->name : "");
        annex_line(c, VB_ROLE_TEN_LOAI, an, &r);
    } else {
        vb_docx_run_str(c, &r, vb_annex_label(c->a, an, n_appendices));
        annex_line(c, VB_ROLE_PHU_LUC, an, &r);
    }
    if (an->title.n) {
        druns s = {0};
        vb_docx_run_inline(c, &s, NULL, &an->title);
        annex_line(c, attached ? VB_ROLE_TRICH_YEU : VB_ROLE_PHU_LUC_TIEU_DE, &an->title, &s);
    }
    druns k = {0};
    vb_docx_run_str(c, &k, vb_annex_reference(c->a, c->doc, an));
    dpara rule;
    if (vb_docx_rule_para(annex_line(c, VB_ROLE_KEM_THEO, an, &k), &rule)) {
        rule.keep_next = 1;
        vb_docx_flow_p(c, &rule, NULL);
    }
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_ANNEX, an);
    c->pending = u ? u->space_below : 0;
}

/* ---- the document -------------------------------------------------------------------- */

/* The room layout leaves above a signature block (the first signer sigs). */
static double sign_gap(dctx *c, const vb_signature *sigs)
{
    const vb_unit_rec *u = vb_pages_unit(c->P, VB_UNIT_SIGNATURE, sigs);
    return vb_docx_take_pending(c) + (u ? u->space_above : 0);
}

/* The blocks of a flow, in order. */
static void write_blocks(dctx *c, const vb_tblock *tb, size_t n)
{
    for (size_t i = 0; i < n && !c->nomem; i++)
        render_block(c, &tb[i]);
}

static void write_w_body(dctx *c)
{
    const vb_doc *d = c->doc;
    vb_docx_xml_start(c->x, "w:body");
    vb_docx_write_header_tbl(c, d, 1);
    vb_docx_write_title(c);
    vb_docx_write_kinh_gui(c);
    /* the blocks layout set (their records are keyed by them) */
    write_blocks(c, c->P->body, c->P->n_body);
    vb_docx_write_signature_tbl(c, d->signatures, d->n_signatures, d->recipients, d->n_recipients, &d->archive, 1,
                                sign_gap(c, d->signatures));
    if (d->copy)
        vb_docx_write_copy_block(c, d->copy);
    /* appendices and attached texts: each a section from a new page, its
     * numbering from 1 */
    size_t n_app = 0;
    for (size_t i = 0; i < d->n_annexes; i++)
        n_app += d->annexes[i].kind == VB_ANNEX_APPENDIX;
    for (size_t i = 0; i < d->n_annexes && !c->nomem; i++) {
        const vb_annex *an = &d->annexes[i];
        flow_section(c);
        write_annex_heading(c, an, n_app);
        vb_tblock *ab;
        size_t na = vb_node_blocks(c->a, an->body, &ab);
        if (na == (size_t)-1) {
            c->nomem = 1;
            break;
        }
        write_blocks(c, ab, na);
        if (an->signature)
            vb_docx_write_signature_tbl(c, an->signature, 1, NULL, 0, NULL, 0, sign_gap(c, an->signature));
    }
    flow_flush(c);
    vb_docx_write_w_sectPr(c, c->sect);
    vb_docx_xml_end(c->x);
}

static void write_w_document(dctx *c)
{
    vb_docx_xml_start(c->x, "w:document");
    vb_docx_xml_attr(c->x, "xmlns:w", VB_NS_W);
    vb_docx_xml_attr(c->x, "xmlns:r", VB_NS_R);
    vb_docx_xml_attr(c->x, "xmlns:wp", NS_WP);
    write_w_body(c);
    vb_docx_xml_end(c->x);
}

vb_err vb_docx_dctx_init(dctx *c, vb_docx_xml *x, const vb_doc *doc, const vb_pages *P, const vb_style *st,
                         const vb_fontset *fs)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->P = P;
    c->st = st;
    c->fs = fs;
    c->x = x;
    if (P && P->n_sections) {
        c->sect = &P->sections[0];
    } else {
        /* a page model made by hand, with no sections: one portrait
         * section from the profile's page */
        vb_section_init(&c->own_sect, st, 0, 0, 1, 0);
        c->sect = &c->own_sect;
    }
    c->width = c->sect->text_w;
    c->a = vb_arena_new();
    return c->a ? VB_OK : VB_ERR_NOMEM;
}

void vb_docx_dctx_free(dctx *c)
{
    free(c->flat);
    vb_arena_free(c->a);
}

vb_err vb_docx_part_document(vb_docx_xml *x, const vb_doc *doc, const vb_pages *P, const vb_style *st,
                             const vb_fontset *fs)
{
    dctx c;
    vb_err err = vb_docx_dctx_init(&c, x, doc, P, st, fs);
    if (!err)
        write_w_document(&c);
    if (c.nomem)
        err = VB_ERR_NOMEM;
    vb_docx_dctx_free(&c);
    return err;
}

/* ---- the package ------------------------------------------------------------------- */

/* The parts in the order they are stored. */
typedef enum part {
    P_CONTENT_TYPES,
    P_PACKAGE_RELS,
    P_DOCUMENT,
    P_DOCUMENT_RELS,
    P_STYLES,
    P_SETTINGS,
    P_FONT_TABLE,
    P_HEADER,
    P_HEADER_FIRST,
    P_HEADER_EMPTY, /* only with the stamps of ô 11, 14: an appendix's first page */
    P_FOOTER,       /* only with an address footer (ô 13) */
    P_FOOTER_EMPTY, /* only with an address footer */
    P_MEDIA,        /* the pictures, word/media/image<n>.png */
    P_CORE,
    P_APP,
    P_COUNT
} part;

static const char *const part_names[P_COUNT] = {
    [P_CONTENT_TYPES] = "[Content_Types].xml",
    [P_PACKAGE_RELS] = "_rels/.rels",
    [P_DOCUMENT] = "word/document.xml",
    [P_DOCUMENT_RELS] = "word/_rels/document.xml.rels",
    [P_STYLES] = "word/styles.xml",
    [P_SETTINGS] = "word/settings.xml",
    [P_FONT_TABLE] = "word/fontTable.xml",
    [P_HEADER] = "word/header1.xml",
    [P_HEADER_FIRST] = "word/header2.xml",
    [P_HEADER_EMPTY] = "word/header3.xml",
    [P_FOOTER] = "word/footer1.xml",
    [P_FOOTER_EMPTY] = "word/footer2.xml",
    [P_MEDIA] = "word/media/",
    [P_CORE] = "docProps/core.xml",
    [P_APP] = "docProps/app.xml",
};

struct vb_docx_cache {
    pthread_mutex_t lock;
    unsigned char *styles; /* word/styles.xml, or NULL: not made yet */
    size_t styles_len;
    int widows, orphans;   /* the pages' that it was made for (pPrDefault) */
};

vb_docx_cache *vb_docx_cache_new(void)
{
    vb_docx_cache *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

void vb_docx_cache_free(vb_docx_cache *c)
{
    if (!c)
        return;
    free(c->styles);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Adds the kept word/styles.xml, when there is one for these pages, to z:
 * 1 (*err says how that went), else 0. */
static int styles_recall(vb_docx_cache *c, const vb_pages *P, vb_zipw *z, vb_err *err, vb_diag *diag)
{
    int hit = 0;
    pthread_mutex_lock(&c->lock);
    if (c->styles && c->widows == P->widows && c->orphans == P->orphans) {
        *err = vb_zipw_add(z, part_names[P_STYLES], c->styles, c->styles_len, diag);
        hit = 1;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

/* Keeps the word/styles.xml just written, if none is kept yet (out of
 * memory keeps nothing). */
static void styles_keep(vb_docx_cache *c, const vb_pages *P, const vb_docx_xml *x)
{
    size_t len = (size_t)xmlBufferLength(x->buf);
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy)
        return;
    memcpy(copy, xmlBufferContent(x->buf), len);
    pthread_mutex_lock(&c->lock);
    if (!c->styles) {
        c->styles = copy;
        c->styles_len = len;
        c->widows = P->widows;
        c->orphans = P->orphans;
        copy = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    free(copy);
}

vb_err vb_docx_write(const vb_doc *doc, const vb_pages *pages, const vb_style *st, const vb_fontset *fs,
                     vb_docx_cache *cache, const vb_props *info, vb_buf *out, vb_diag *diag)
{
    vb_zipw *z = NULL;
    vb_docx_xml x;
    memset(&x, 0, sizeof x);
    /* the pictures layout opened, in the order it placed them */
    size_t n_images = pages->n_images;
    /* the empty footer only where a section refers to it: an appendix's
     * first page after a page 1 with the address */
    int footer = (doc->n_address ? VB_DOCX_FOOTER_ADDRESS : 0) |
                 (doc->n_address && doc->n_annexes ? VB_DOCX_FOOTER_EMPTY : 0);
    int stamps = vb_docx_has_stamps(doc) && doc->n_annexes > 0;
    vb_err err = vb_zipw_new(&z, DEFLATE_LEVEL, diag);
    for (int i = 0; !err && i < P_COUNT; i++) {
        if ((i == P_FOOTER && !(footer & VB_DOCX_FOOTER_ADDRESS)) || (i == P_FOOTER_EMPTY && !(footer & VB_DOCX_FOOTER_EMPTY)) ||
            (i == P_HEADER_EMPTY && !stamps))
            continue;
        if (i == P_MEDIA) {
            for (size_t k = 0; !err && k < n_images; k++) {
                char name[48];
                snprintf(name, sizeof name, "word/media/image%zu.png", k + 1);
                err = vb_zipw_add_stored(z, name, pages->images[k].data, pages->images[k].len, diag);
            }
            continue;
        }
        if (i == P_STYLES && cache && styles_recall(cache, pages, z, &err, diag))
            continue;
        err = vb_docx_xml_open(&x, part_names[i]);
        if (err)
            break;
        switch ((part)i) {
        case P_CONTENT_TYPES: vb_docx_part_content_types(&x, stamps, footer, n_images > 0); break;
        case P_PACKAGE_RELS: vb_docx_part_package_rels(&x); break;
        case P_DOCUMENT: err = vb_docx_part_document(&x, doc, pages, st, fs); break;
        case P_DOCUMENT_RELS: vb_docx_part_document_rels(&x, stamps, footer, n_images); break;
        case P_STYLES: vb_docx_part_styles(&x, pages, st, fs); break;
        case P_SETTINGS: vb_docx_part_settings(&x, st); break;
        case P_FONT_TABLE: vb_docx_part_font_table(&x, st); break;
        case P_HEADER: vb_docx_part_header(&x, pages, st); break;
        case P_HEADER_FIRST: err = vb_docx_part_first_header(&x, doc, pages, st, fs, 1); break;
        case P_HEADER_EMPTY: err = vb_docx_part_first_header(&x, doc, pages, st, fs, 0); break;
        case P_FOOTER: err = vb_docx_part_footer(&x, doc, pages, st, fs, 1); break;
        case P_FOOTER_EMPTY: err = vb_docx_part_footer(&x, doc, pages, st, fs, 0); break;
        case P_MEDIA: break;
        case P_CORE: vb_docx_part_core(&x, info); break;
        case P_APP: vb_docx_part_app(&x, info); break;
        case P_COUNT: break;
        }
        if (err == VB_ERR_NOMEM)
            vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: out of memory", part_names[i]);
        if (!err)
            err = vb_docx_xml_close_into(&x, z, diag);
        if (!err && i == P_STYLES && cache)
            styles_keep(cache, pages, &x);
        vb_docx_xml_free(&x);
    }
    if (!err)
        err = vb_zipw_finish(z, out, diag);
    vb_docx_xml_free(&x);
    vb_zipw_free(z);
    return err;
}
