/* json.c - a JSON dump of the page model. */
#include "json.h"

#include <string.h>

#include "fmt.h"
#include "style.h"

static void str(vb_buf *b, const char *s, size_t n)
{
    vb_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            vb_buf_putc(b, '\\');
            vb_buf_putc(b, c);
        } else if (c < 0x20) {
            vb_buf_printf(b, "\\u%04x", c);
        } else {
            vb_buf_putc(b, c);
        }
    }
    vb_buf_putc(b, '"');
}

static void num(vb_buf *b, const char *key, double v)
{
    vb_buf_printf(b, ",\"%s\":", key);
    vb_buf_real(b, v, 2);
}

/* Layout's paragraph records (page.h): each line's words and place, the
 * rule and frame that go with it. */
static void paras(vb_buf *b, const vb_pages *P)
{
    vb_buf_puts(b, ",\n\"paras\":[");
    for (size_t i = 0; i < P->n_paras; i++) {
        const vb_para_rec *r = &P->paras[i];
        const char *role = vb_role_name((vb_role)r->role);
        vb_buf_puts(b, i ? ",\n{\"role\":" : "\n{\"role\":");
        str(b, role, strlen(role));
        num(b, "space_x", r->space_x);
        num(b, "space_w", r->space_w);
        num(b, "indent_left", r->indent_left);
        num(b, "indent_rest", r->indent_rest);
        num(b, "pitch", r->pitch);
        num(b, "top", r->top);
        num(b, "space_above", r->space_above);
        num(b, "space_below", r->space_below);
        vb_buf_puts(b, ",\"lines\":[");
        for (uint32_t k = 0; k < r->n_lines; k++) {
            const vb_pline *ln = &r->lines[k];
            vb_buf_puts(b, k ? ",{\"text\":" : "{\"text\":");
            str(b, r->text + ln->start, ln->end - ln->start);
            num(b, "left", ln->x); /* from the column: not an item's page "x" */
            num(b, "width", ln->width);
            vb_buf_putc(b, '}');
        }
        vb_buf_putc(b, ']');
        if (r->rule) {
            vb_buf_puts(b, ",\"rule\":{\"x0\":");
            vb_buf_real(b, r->rule->x0, 2);
            num(b, "x1", r->rule->x1);
            num(b, "below", r->rule->below);
            num(b, "width", r->rule->width);
            vb_buf_putc(b, '}');
        }
        if (r->frame) {
            vb_buf_puts(b, ",\"frame\":{\"x\":");
            vb_buf_real(b, r->frame->x, 2);
            num(b, "y", r->frame->y);
            num(b, "w", r->frame->w);
            num(b, "h", r->frame->h);
            num(b, "pad", r->frame->pad);
            num(b, "width", r->frame->width);
            vb_buf_printf(b, ",\"color\":\"#%06x\"}", r->frame->color);
        }
        vb_buf_putc(b, '}');
    }
    vb_buf_putc(b, ']');
}

/* The signers' stacks and the pictures. */
static void signers(vb_buf *b, const vb_pages *P)
{
    vb_buf_puts(b, ",\n\"signers\":[");
    for (size_t i = 0; i < P->n_signers; i++) {
        const vb_signer_rec *s = &P->signers[i];
        vb_buf_puts(b, i ? ",\n{\"titles_h\":" : "\n{\"titles_h\":");
        vb_buf_real(b, s->titles_h, 2);
        num(b, "top", s->top);
        num(b, "room_top", s->room_top);
        num(b, "gap", s->gap);
        num(b, "height", s->height);
        num(b, "recipients_top", s->recipients_top);
        vb_buf_puts(b, ",\"pictures\":[");
        for (size_t k = 0; k < s->n_pics; k++) {
            const vb_spic *p = &s->pics[k];
            vb_buf_printf(b, "%s{\"kind\":\"%s\",\"image\":%zu", k ? "," : "", p->seal ? "seal" : "signature",
                          (size_t)(p->img - P->images));
            num(b, "x", p->x);
            num(b, "y", p->y);
            num(b, "w", p->w);
            num(b, "h", p->h);
            vb_buf_putc(b, '}');
        }
        vb_buf_puts(b, "]}");
    }
    vb_buf_puts(b, "],\n\"images\":[");
    for (size_t i = 0; i < P->n_images; i++) {
        const vb_image *im = &P->images[i];
        vb_buf_puts(b, i ? ",\n{\"path\":" : "\n{\"path\":");
        str(b, im->path, strlen(im->path));
        vb_buf_printf(b, ",\"w\":%u,\"h\":%u,\"bytes\":%zu}", im->w, im->h, im->len);
    }
    vb_buf_putc(b, ']');
}

/* The flow's units and the sections. */
static void units_sections(vb_buf *b, const vb_pages *P)
{
    static const char *const kinds[] = {
        [VB_UNIT_HEADER] = "header", [VB_UNIT_TITLE] = "title",         [VB_UNIT_ANNEX] = "annex", [VB_UNIT_TABLE] = "table",
        [VB_UNIT_SIGNATURE] = "signature", [VB_UNIT_COPY] = "copy", [VB_UNIT_FOOTER] = "footer",
    };
    vb_buf_puts(b, ",\n\"units\":[");
    for (size_t i = 0; i < P->n_units; i++) {
        const vb_unit_rec *u = &P->units[i];
        vb_buf_printf(b, "%s{\"kind\":\"%s\"", i ? ",\n" : "\n", kinds[u->kind]);
        num(b, "space_above", u->space_above);
        num(b, "space_below", u->space_below);
        num(b, "x", u->x);
        num(b, "col0", u->cols[0]);
        num(b, "col1", u->cols[1]);
        num(b, "sign_x", u->sign_x);
        num(b, "sign_w", u->sign_w);
        num(b, "rule", u->rule);
        vb_buf_printf(b, ",\"own_section\":%s}", u->own_section ? "true" : "false");
    }
    vb_buf_puts(b, "],\n\"sections\":[");
    for (size_t i = 0; i < P->n_sections; i++) {
        const vb_section_rec *s = &P->sections[i];
        vb_buf_printf(b, "%s{\"first_page\":%zu,\"landscape\":%s,\"restart\":%s,\"first_unnumbered\":%s,\"page1\":%s",
                      i ? ",\n" : "\n", s->first_page, s->landscape ? "true" : "false", s->restart ? "true" : "false",
                      s->first_unnumbered ? "true" : "false", s->page1 ? "true" : "false");
        num(b, "page_w", s->page_w);
        num(b, "page_h", s->page_h);
        num(b, "margin_top", s->margin_top);
        num(b, "margin_right", s->margin_right);
        num(b, "margin_bottom", s->margin_bottom);
        num(b, "margin_left", s->margin_left);
        num(b, "header_dist", s->header_dist);
        num(b, "footer_dist", s->footer_dist);
        num(b, "text_w", s->text_w);
        vb_buf_putc(b, '}');
    }
    vb_buf_printf(b, "],\n\"widows\":%d,\"orphans\":%d", P->widows, P->orphans);
}

vb_err vb_json_write(const vb_pages *P, vb_buf *b)
{
    vb_buf_puts(b, "{\"pages\":[");
    for (size_t p = 0; p < P->n_pages; p++) {
        const vb_page *pg = &P->pages[p];
        vb_buf_printf(b, "%s\n{\"number\":%d", p ? "," : "", pg->number);
        num(b, "width", pg->width);
        num(b, "height", pg->height);
        vb_buf_puts(b, ",\"items\":[");
        for (size_t i = 0; i < pg->n_items; i++) {
            const vb_item *it = &pg->items[i];
            vb_buf_puts(b, i ? ",\n" : "\n");
            const char *role = it->role >= 0 ? vb_role_name((vb_role)it->role) : "";
            switch (it->kind) {
            case VB_ITEM_TEXT:
                vb_buf_puts(b, "{\"kind\":\"text\",\"role\":");
                str(b, role, strlen(role));
                vb_buf_printf(b, ",\"face\":%d", (int)it->u.text.face);
                num(b, "size", it->u.text.size);
                num(b, "x", it->u.text.x);
                num(b, "y", it->u.text.y);
                num(b, "width", it->u.text.width);
                if (it->u.text.angle != 0) /* a turned run: the draft watermark */
                    num(b, "angle", it->u.text.angle);
                vb_buf_printf(b, ",\"color\":\"#%06x\",\"text\":", it->u.text.color);
                str(b, it->u.text.text, it->u.text.text_len);
                vb_buf_putc(b, '}');
                break;
            case VB_ITEM_RULE:
                vb_buf_puts(b, "{\"kind\":\"rule\"");
                num(b, "x1", it->u.rule.x1);
                num(b, "y1", it->u.rule.y1);
                num(b, "x2", it->u.rule.x2);
                num(b, "y2", it->u.rule.y2);
                num(b, "width", it->u.rule.width);
                vb_buf_printf(b, ",\"color\":\"#%06x\"}", it->color);
                break;
            case VB_ITEM_FRAME:
                vb_buf_puts(b, "{\"kind\":\"frame\"");
                num(b, "x", it->u.frame.x);
                num(b, "y", it->u.frame.y);
                num(b, "w", it->u.frame.w);
                num(b, "h", it->u.frame.h);
                num(b, "width", it->u.frame.width);
                vb_buf_printf(b, ",\"color\":\"#%06x\"}", it->color);
                break;
            case VB_ITEM_IMAGE:
                vb_buf_puts(b, "{\"kind\":\"image\"");
                num(b, "x", it->u.image.x);
                num(b, "y", it->u.image.y);
                num(b, "w", it->u.image.w);
                num(b, "h", it->u.image.h);
                vb_buf_puts(b, ",\"path\":");
                str(b, it->u.image.path, strlen(it->u.image.path));
                vb_buf_putc(b, '}');
                break;
            }
        }
        vb_buf_puts(b, "]}");
    }
    vb_buf_puts(b, "],\n\"boxes\":[");
    for (size_t i = 0; i < P->n_boxes; i++) {
        const vb_box *x = &P->boxes[i];
        vb_buf_puts(b, i ? ",\n{\"name\":" : "\n{\"name\":");
        str(b, x->name, strlen(x->name));
        vb_buf_printf(b, ",\"page\":%d", x->page);
        num(b, "x", x->x);
        num(b, "y", x->y);
        num(b, "w", x->w);
        num(b, "h", x->h);
        num(b, "baseline", x->baseline);
        if (x->field) { /* a signature field's name (docs/signing.md) */
            vb_buf_puts(b, ",\"field\":");
            str(b, x->field, strlen(x->field));
        }
        vb_buf_putc(b, '}');
    }
    vb_buf_putc(b, ']');
    paras(b, P);
    signers(b, P);
    units_sections(b, P);
    vb_buf_puts(b, "}\n");
    return b->failed ? VB_ERR_NOMEM : VB_OK;
}
