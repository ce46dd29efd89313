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
    vb_buf_puts(b, "]}\n");
    return b->failed ? VB_ERR_NOMEM : VB_OK;
}
