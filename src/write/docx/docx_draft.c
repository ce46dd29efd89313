/* docx_draft.c - the draft marking in the DOCX (draft.h lays it out):
 * the label in its frame on page 1, as the other stamps of the top margin
 * (a floating one-cell table where layout put the frame), and the
 * watermark as Word writes its own: a VML WordArt shape (type 136, text on
 * a path) in each header part, centred on the page and turned as layout
 * turned the run. LibreOffice reads both. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "docx_priv.h"
#include "draft.h"
#include "page.h"
#include "fmt.h"

#define NS_V "urn:schemas-microsoft-com:vml"
#define NS_O "urn:schemas-microsoft-com:office:office"

const vb_glyph_run *vb_docx_watermark(const vb_pages *P)
{
    if (!P || !P->n_pages)
        return NULL;
    const vb_page *pg = &P->pages[0];
    for (size_t k = 0; k < pg->n_items; k++)
        if (pg->items[k].kind == VB_ITEM_TEXT && pg->items[k].u.text.angle != 0 && pg->items[k].u.text.text)
            return &pg->items[k].u.text;
    return NULL;
}

void vb_docx_draft_ns(vb_docx_xml *x, const vb_pages *P)
{
    if (!vb_docx_watermark(P))
        return;
    vb_docx_xml_attr(x, "xmlns:v", NS_V);
    vb_docx_xml_attr(x, "xmlns:o", NS_O);
}

/* The text box's room around the label's words: VML's default insets
 * (0.1 in left and right, 0.05 in top and bottom), which LibreOffice uses
 * whatever the inset attribute says. */
#define BOX_IN_X 7.2
#define BOX_IN_Y 3.6

static void style_box(char *out, size_t size, double x, double y, double w, double h, long z, const char *more)
{
    char l[32], t[32], ws[32], hs[32];
    vb_fmt_real(l, x, 2);
    vb_fmt_real(t, y, 2);
    vb_fmt_real(ws, w, 2);
    vb_fmt_real(hs, h, 2);
    snprintf(out, size,
             "position:absolute;margin-left:%spt;margin-top:%spt;width:%spt;height:%spt;z-index:%ld;"
             "mso-position-horizontal-relative:page;mso-position-vertical-relative:page%s",
             l, t, ws, hs, z, more);
}

/* The label where layout put it on page 1, as two VML shapes that do not
 * push the text aside (a floating table would push the title): the frame,
 * a rectangle of exactly layout's size; and the words, centred both ways
 * in a borderless text box (type 202) larger than the frame by the text
 * box's insets, so that they fit whichever insets the reader applies. */
void vb_docx_write_draft_label(vb_docx_xml *x, const vb_pages *P, const vb_style *st)
{
    const vb_para_rec *rec = vb_pages_para(P, VB_ROLE_SO_KY_HIEU, &vb_draft_label);
    if (!rec || !rec->frame)
        return;
    const vb_pframe *f = rec->frame;
    double top = st->margin_top + f->y;
    char style[400], lw[32], sw[40];
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:pict");
    /* the frame */
    style_box(style, sizeof style, f->x, top, f->w, f->h, 251659264L, "");
    vb_fmt_real(lw, f->width, 2);
    snprintf(sw, sizeof sw, "%spt", lw);
    vb_docx_xml_start(x, "v:rect");
    vb_docx_xml_attr(x, "id", "DraftLabelFrame");
    vb_docx_xml_attr(x, "o:spid", "_x0000_s2050");
    vb_docx_xml_attr(x, "style", style);
    vb_docx_xml_attr(x, "filled", "f");
    vb_docx_xml_attr(x, "strokecolor", "#000000");
    vb_docx_xml_attr(x, "strokeweight", sw);
    vb_docx_xml_attr(x, "stroked", "t");
    vb_docx_xml_end(x);
    /* the words, in a picture of their own (LibreOffice takes one shape
     * from each) */
    vb_docx_xml_end(x); /* w:pict */
    vb_docx_xml_end(x); /* w:r */
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:pict");
    vb_docx_xml_start(x, "v:shapetype");
    vb_docx_xml_attr(x, "id", "_x0000_t202");
    vb_docx_xml_attr(x, "coordsize", "21600,21600");
    vb_docx_xml_attr(x, "o:spt", "202");
    vb_docx_xml_attr(x, "path", "m,l,21600r21600,l21600,xe");
    vb_docx_xml_empty(x, "v:stroke", "joinstyle", "miter", NULL, NULL);
    vb_docx_xml_empty(x, "v:path", "gradientshapeok", "t", "o:connecttype", "rect");
    vb_docx_xml_end(x);
    style_box(style, sizeof style, f->x - BOX_IN_X, top - BOX_IN_Y, f->w + 2 * BOX_IN_X, f->h + 2 * BOX_IN_Y,
              251660288L, ";mso-wrap-style:none;v-text-anchor:middle");
    vb_docx_xml_start(x, "v:shape");
    vb_docx_xml_attr(x, "id", "DraftLabel");
    vb_docx_xml_attr(x, "o:spid", "_x0000_s2051");
    vb_docx_xml_attr(x, "type", "#_x0000_t202");
    vb_docx_xml_attr(x, "style", style);
    vb_docx_xml_attr(x, "filled", "f");
    vb_docx_xml_attr(x, "stroked", "f");
    vb_docx_xml_start(x, "v:textbox");
    vb_docx_xml_start(x, "w:txbxContent");
    vb_docx_xml_start(x, "w:p");
    vb_docx_xml_start(x, "w:pPr");
    /* one single line, not the number's exact pitch */
    vb_docx_xml_start(x, "w:spacing");
    vb_docx_xml_attr(x, "w:before", "0");
    vb_docx_xml_attr(x, "w:after", "0");
    vb_docx_xml_attr(x, "w:line", "240");
    vb_docx_xml_attr(x, "w:lineRule", "auto");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "w:ind", "w:left", "0", "w:right", "0");
    vb_docx_xml_val(x, "w:jc", "center");
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:rPr");
    vb_docx_xml_start(x, "w:b");
    vb_docx_xml_end(x);
    vb_docx_xml_val_long(x, "w:sz", lround(2 * st->draft_size));
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "w:t");
    vb_docx_xml_attr(x, "xml:space", "preserve");
    vb_docx_xml_text(x, rec->text, rec->len);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x); /* w:txbxContent */
    vb_docx_xml_end(x); /* v:textbox */
    vb_docx_xml_end(x); /* v:shape */
    vb_docx_xml_end(x); /* w:pict */
    vb_docx_xml_end(x); /* w:r */
}

/* The formulas of Word's WordArt shape type 136 ("text on a plain path"),
 * as Word writes them: Word wants the type in the part that uses it. */
static void write_v_shapetype(vb_docx_xml *x)
{
    static const char *const eqn[] = {"sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2",
                                      "sum 21600 0 @3", "if @0 @3 0",  "if @0 21600 @1", "if @0 0 @2",
                                      "if @0 @4 21600", "mid @5 @6",   "mid @8 @5",      "mid @7 @8",
                                      "mid @6 @7",      "sum @6 0 @5"};
    vb_docx_xml_start(x, "v:shapetype");
    vb_docx_xml_attr(x, "id", "_x0000_t136");
    vb_docx_xml_attr(x, "coordsize", "21600,21600");
    vb_docx_xml_attr(x, "o:spt", "136");
    vb_docx_xml_attr(x, "adj", "10800");
    vb_docx_xml_attr(x, "path", "m@7,l@8,m@5,21600l@6,21600e");
    vb_docx_xml_start(x, "v:formulas");
    for (size_t i = 0; i < sizeof eqn / sizeof eqn[0]; i++)
        vb_docx_xml_empty(x, "v:f", "eqn", eqn[i], NULL, NULL);
    vb_docx_xml_end(x);
    vb_docx_xml_start(x, "v:path");
    vb_docx_xml_attr(x, "textpathok", "t");
    vb_docx_xml_attr(x, "o:connecttype", "custom");
    vb_docx_xml_attr(x, "o:connectlocs", "@9,0;@10,10800;@11,21600;@12,10800");
    vb_docx_xml_attr(x, "o:connectangles", "270,180,90,0");
    vb_docx_xml_end(x);
    vb_docx_xml_empty(x, "v:textpath", "on", "t", "fitshape", "t");
    vb_docx_xml_start(x, "o:lock");
    vb_docx_xml_attr(x, "v:ext", "edit");
    vb_docx_xml_attr(x, "text", "t");
    vb_docx_xml_attr(x, "shapetype", "t");
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}

void vb_docx_write_watermark(vb_docx_xml *x, const vb_pages *P, const char *family)
{
    const vb_glyph_run *run = vb_docx_watermark(P);
    if (!run)
        return;
    /* The shape's box is the run's advance by its capitals' height (the
     * text is fitted to it), centred on the page, turned clockwise by
     * 360 - angle as VML counts. */
    char w[32], h[32], rot[32], style[512], color[8];
    vb_fmt_real(w, run->width > 0 ? run->width : run->size * 4, 1);
    vb_fmt_real(h, run->size * 0.72, 1);
    vb_fmt_real(rot, fmod(360.0 - run->angle, 360.0), 1);
    snprintf(style, sizeof style,
             "position:absolute;margin-left:0;margin-top:0;width:%spt;height:%spt;rotation:%s;z-index:-251657216;"
             "mso-position-horizontal:center;mso-position-horizontal-relative:page;"
             "mso-position-vertical:center;mso-position-vertical-relative:page",
             w, h, rot);
    snprintf(color, sizeof color, "#%06X", (unsigned)(run->color & 0xFFFFFF));
    vb_docx_xml_start(x, "w:r");
    vb_docx_xml_start(x, "w:pict");
    write_v_shapetype(x);
    vb_docx_xml_start(x, "v:shape");
    vb_docx_xml_attr(x, "id", "DraftWaterMark");
    vb_docx_xml_attr(x, "o:spid", "_x0000_s2049");
    vb_docx_xml_attr(x, "type", "#_x0000_t136");
    vb_docx_xml_attr(x, "style", style);
    vb_docx_xml_attr(x, "o:allowincell", "f");
    vb_docx_xml_attr(x, "fillcolor", color);
    vb_docx_xml_attr(x, "stroked", "f");
    char font[160];
    /* plain quotes: the XML writer escapes them */
    snprintf(font, sizeof font, "font-family:\"%.100s\";font-size:1pt;font-weight:bold",
             family ? family : "Times New Roman");
    vb_docx_xml_start(x, "v:textpath");
    vb_docx_xml_attr(x, "style", font);
    char text[128];
    size_t n = run->text_len < sizeof text - 1 ? run->text_len : sizeof text - 1;
    memcpy(text, run->text, n);
    text[n] = 0;
    vb_docx_xml_attr(x, "string", text);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
    vb_docx_xml_end(x);
}
