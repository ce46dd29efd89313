/* test_pdf.c - the PDF backend, checked with the tools readers use.
 *
 * Pages are built by hand (HarfBuzz shaping, no layout module), written
 * with vb_pdf_write, and then read back by poppler (pdftotext, pdffonts,
 * pdfinfo), mupdf (mutool) and qpdf: every run's text must come back
 * exactly, with no warning from any of them. Run from the repository root. */
#define _GNU_SOURCE
#include <hb.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "font.h"
#include "harness.h"
#include "page.h"
#include "pdf.h"
#include "utf8.h"

static const char vi_lower[] = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
static const char vi_upper1[] = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌ";
static const char vi_upper2[] = "ÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

/* ---- building pages by hand ---- */

typedef struct doc {
    vb_arena *arena;
    vb_pages pages;
    const vb_fontset *fs;
    const vb_item *justified; /* the sample's justified line */
} doc;

static vb_page *add_page(doc *d)
{
    if (d->pages.n_pages == d->pages.cap_pages) {
        size_t cap = d->pages.cap_pages ? d->pages.cap_pages * 2 : 4;
        d->pages.pages = vb_arena_grow(d->arena, d->pages.pages, d->pages.n_pages, cap, sizeof(vb_page));
        d->pages.cap_pages = cap;
    }
    vb_page *p = &d->pages.pages[d->pages.n_pages++];
    memset(p, 0, sizeof *p);
    p->width = 595.276f;
    p->height = 841.89f;
    return p;
}

static vb_item *add_item(doc *d, vb_page *p, vb_item_kind kind)
{
    if (p->n_items == p->cap_items) {
        size_t cap = p->cap_items ? p->cap_items * 2 : 16;
        p->items = vb_arena_grow(d->arena, p->items, p->n_items, cap, sizeof(vb_item));
        p->cap_items = cap;
    }
    vb_item *it = &p->items[p->n_items++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->role = -1;
    return it;
}

/* Shapes text[0..len) and returns its glyphs (x from the start, pt). */
static vb_pglyph *shape(doc *d, vb_face_id face, float size, const char *text, size_t len, uint32_t *n_out)
{
    const vb_face *f = vb_fontset_face(d->fs, face);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf, hb_language_from_string("vi", -1));
    hb_shape(f->font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    vb_pglyph *g = vb_arena_calloc(d->arena, n ? n : 1, sizeof *g);
    double scale = size / f->upem, pen = 0;
    for (unsigned i = 0; i < n; i++) {
        g[i].gid = info[i].codepoint;
        g[i].advance = hb_font_get_glyph_h_advance(f->font, info[i].codepoint);
        g[i].x = (float)(pen + pos[i].x_offset * scale);
        g[i].dy = (float)(pos[i].y_offset * scale);
        g[i].cluster = info[i].cluster;
        pen += pos[i].x_advance * scale;
    }
    hb_buffer_destroy(buf);
    *n_out = n;
    return g;
}

/* A run of text at (x, y); every space widened by extra pt (justification). */
static vb_item *add_run(doc *d, vb_page *p, vb_face_id face, float size, float x, float y, const char *text,
                        float extra)
{
    vb_item *it = add_item(d, p, VB_ITEM_TEXT);
    vb_glyph_run *r = &it->u.text;
    size_t len = strlen(text);
    r->face = face;
    r->size = size;
    r->x = x;
    r->y = y;
    r->text = vb_arena_strndup(d->arena, text, len);
    r->text_len = (uint32_t)len;
    r->glyphs = shape(d, face, size, r->text, len, &r->n);
    float shift = 0;
    for (uint32_t i = 0; i < r->n; i++) {
        r->glyphs[i].x += shift;
        if (text[r->glyphs[i].cluster] == ' ')
            shift += extra;
    }
    const vb_face *f = vb_fontset_face(d->fs, face);
    r->width = r->n ? r->glyphs[r->n - 1].x + r->glyphs[r->n - 1].advance * size / f->upem : 0;
    return it;
}

static void add_rule(doc *d, vb_page *p, float x1, float y1, float x2, float y2, float w)
{
    vb_item *it = add_item(d, p, VB_ITEM_RULE);
    it->u.rule.x1 = x1;
    it->u.rule.y1 = y1;
    it->u.rule.x2 = x2;
    it->u.rule.y2 = y2;
    it->u.rule.width = w;
}

static void add_frame(doc *d, vb_page *p, float x, float y, float w, float h, float lw, uint32_t color)
{
    vb_item *it = add_item(d, p, VB_ITEM_FRAME);
    it->color = color;
    it->u.frame.x = x;
    it->u.frame.y = y;
    it->u.frame.w = w;
    it->u.frame.h = h;
    it->u.frame.width = lw;
}

static void add_image(doc *d, vb_page *p, const char *path, float x, float y, float w, float h)
{
    vb_item *it = add_item(d, p, VB_ITEM_IMAGE);
    it->u.image.path = path;
    it->u.image.x = x;
    it->u.image.y = y;
    it->u.image.w = w;
    it->u.image.h = h;
}

/* Fills lines of width w from y on with text, justified like a body
 * paragraph (the last line left as it is); returns the y after it. */
static float add_paragraph(doc *d, vb_page *p, vb_face_id face, float size, float x, float y, float w, float leading,
                           const char *text)
{
    const vb_face *f = vb_fontset_face(d->fs, face);
    size_t len = strlen(text), start = 0;
    while (start < len) {
        /* natural width of words until the line is full */
        size_t end = start, best = 0;
        uint32_t n;
        while (end < len) {
            size_t next = end;
            while (next < len && text[next] != ' ')
                next++;
            vb_pglyph *g = shape(d, face, size, text + start, next - start, &n);
            float width = n ? g[n - 1].x + g[n - 1].advance * size / f->upem : 0;
            if (width > w && best)
                break;
            best = next;
            end = next < len ? next + 1 : next;
        }
        size_t line_end = best;
        int last = line_end >= len;
        char *line = vb_arena_strndup(d->arena, text + start, line_end - start);
        float extra = 0;
        if (!last) {
            vb_pglyph *g = shape(d, face, size, line, strlen(line), &n);
            float width = n ? g[n - 1].x + g[n - 1].advance * size / f->upem : 0;
            int spaces = 0;
            for (const char *s = line; *s; s++)
                spaces += *s == ' ';
            if (spaces)
                extra = (w - width) / spaces;
        }
        add_run(d, p, face, size, x, y, line, extra);
        y += leading;
        start = line_end < len ? line_end + 1 : len;
    }
    return y;
}

/* ---- a small RGBA PNG, written by hand (stored deflate blocks) ---- */

static uint32_t crc_update(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void png_chunk(FILE *f, const char *type, const unsigned char *data, uint32_t len)
{
    unsigned char hdr[8];
    put32(hdr, len);
    memcpy(hdr + 4, type, 4);
    fwrite(hdr, 1, 8, f);
    fwrite(data, 1, len, f);
    uint32_t crc = crc_update(crc_update(0, (const unsigned char *)type, 4), data, len);
    put32(hdr, crc);
    fwrite(hdr, 1, 4, f);
}

/* A 16x16 red ring on a transparent ground, like a seal. */
static int write_png(const char *path)
{
    enum { W = 16, H = 16 };
    unsigned char raw[H * (1 + W * 4)];
    for (int y = 0; y < H; y++) {
        unsigned char *row = raw + y * (1 + W * 4);
        row[0] = 0;
        for (int x = 0; x < W; x++) {
            int dx = 2 * x - 15, dy = 2 * y - 15, r2 = dx * dx + dy * dy;
            int on = r2 > 120 && r2 < 225;
            unsigned char *px = row + 1 + 4 * x;
            px[0] = 0xd0;
            px[1] = 0x10;
            px[2] = 0x10;
            px[3] = on ? 0xff : 0;
        }
    }
    unsigned char z[2 + 5 + sizeof raw + 4];
    size_t n = 0;
    z[n++] = 0x78;
    z[n++] = 0x01;
    z[n++] = 1; /* final stored block */
    z[n++] = (unsigned char)(sizeof raw & 0xff);
    z[n++] = (unsigned char)(sizeof raw >> 8);
    z[n++] = (unsigned char)(~sizeof raw & 0xff);
    z[n++] = (unsigned char)((~sizeof raw >> 8) & 0xff);
    memcpy(z + n, raw, sizeof raw);
    n += sizeof raw;
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < sizeof raw; i++) {
        a = (a + raw[i]) % 65521;
        b = (b + a) % 65521;
    }
    put32(z + n, (b << 16) | a);
    n += 4;
    unsigned char ihdr[13] = {0};
    put32(ihdr, W);
    put32(ihdr + 4, H);
    ihdr[8] = 8; /* bit depth */
    ihdr[9] = 6; /* RGBA */
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    png_chunk(f, "IHDR", ihdr, sizeof ihdr);
    png_chunk(f, "IDAT", z, (uint32_t)n);
    png_chunk(f, "IEND", (const unsigned char *)"", 0);
    return fclose(f) == 0;
}

/* ---- reading the file back ---- */

/* Runs cmd; returns its stdout (heap) and exit status; stderr goes to errs. */
static char *run_cmd(const char *cmd, const char *err_path, int *status, char **errs)
{
    char full[2048];
    snprintf(full, sizeof full, "%s 2>%s", cmd, err_path);
    FILE *p = popen(full, "r");
    vb_buf out = VB_BUF_INIT;
    if (p) {
        char tmp[4096];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, p)) > 0)
            vb_buf_append(&out, tmp, n);
        *status = pclose(p);
    } else {
        *status = -1;
    }
    vb_buf_putc(&out, 0);
    vb_buf e = VB_BUF_INIT;
    FILE *f = fopen(err_path, "rb");
    if (f) {
        char tmp[4096];
        size_t n;
        while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
            vb_buf_append(&e, tmp, n);
        fclose(f);
    }
    vb_buf_putc(&e, 0);
    *errs = (char *)e.data;
    return (char *)out.data;
}

/* s with every run of white space made one space, trimmed (in place). */
static char *fold(char *s)
{
    char *w = s;
    int space = 0;
    for (char *r = s; *r; r++) {
        unsigned char ch = (unsigned char)*r;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            space = w != s;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = 0;
    return s;
}

/* Drops lines the tool prints about itself (mupdf's missing colour
 * management), so that what is left are warnings about our file. */
static void drop_line(char *s, const char *line)
{
    char *p;
    size_t n = strlen(line);
    while ((p = strstr(s, line))) {
        char *e = p + n;
        if (*e == '\n')
            e++;
        memmove(p, e, strlen(e) + 1);
    }
}

/* The text every run of the document shows, in order, folded. */
static char *expected_text(const vb_pages *pages)
{
    vb_buf b = VB_BUF_INIT;
    for (size_t p = 0; p < pages->n_pages; p++)
        for (size_t k = 0; k < pages->pages[p].n_items; k++) {
            const vb_item *it = &pages->pages[p].items[k];
            if (it->kind != VB_ITEM_TEXT)
                continue;
            vb_buf_append(&b, it->u.text.text, it->u.text.text_len);
            vb_buf_putc(&b, ' ');
        }
    vb_buf_putc(&b, 0);
    return fold((char *)b.data);
}

static int write_file(const char *path, const vb_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    size_t n = fwrite(b->data, 1, b->len, f);
    return (fclose(f) == 0) & (n == b->len);
}

/* Shows where two strings part, for the failure message. */
static void show_diff(const char *want, const char *got)
{
    size_t i = 0;
    while (want[i] && want[i] == got[i])
        i++;
    size_t from = i > 40 ? i - 40 : 0;
    fprintf(stderr, "  differs at byte %zu:\n  want: …%.80s\n  got:  …%.80s\n", i, want + from, got + from);
}

/* True when every run's text occurs somewhere in got (where a page has
 * columns, extractors may read them either way round). */
static int runs_found(const vb_pages *pages, const char *got)
{
    for (size_t p = 0; p < pages->n_pages; p++)
        for (size_t k = 0; k < pages->pages[p].n_items; k++) {
            const vb_item *it = &pages->pages[p].items[k];
            if (it->kind != VB_ITEM_TEXT)
                continue;
            char *t = strndup(it->u.text.text, it->u.text.text_len);
            int ok = strstr(got, fold(t)) != NULL;
            if (!ok)
                fprintf(stderr, "  run not found: %s\n", t);
            free(t);
            if (!ok)
                return 0;
        }
    return 1;
}

/* The text must come back exactly (want), or run by run when want is NULL. */
static void check_extraction(const char *pdf, const vb_pages *pages, const char *want, const char *errp)
{
    char cmd[1024];
    int st;
    char *errs;

    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
    char *txt = run_cmd(cmd, errp, &st, &errs);
    CHECK(st == 0, "pdftotext exit status %d", st);
    CHECK(!*errs, "pdftotext printed: %s", errs);
    fold(txt);
    CHECK(want ? !strcmp(txt, want) : runs_found(pages, txt), "pdftotext text differs");
    if (want && strcmp(txt, want))
        show_diff(want, txt);
    free(txt);
    free(errs);

    snprintf(cmd, sizeof cmd, "mutool draw -q -F txt -o - '%s'", pdf);
    txt = run_cmd(cmd, errp, &st, &errs);
    drop_line(errs, "warning: ICC support is not available");
    CHECK(st == 0, "mutool exit status %d", st);
    CHECK(!*errs, "mutool printed: %s", errs);
    fold(txt);
    CHECK(want ? !strcmp(txt, want) : runs_found(pages, txt), "mutool text differs");
    if (want && strcmp(txt, want))
        show_diff(want, txt);
    free(txt);
    free(errs);

    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", pdf);
    txt = run_cmd(cmd, errp, &st, &errs);
    CHECK(st == 0, "qpdf --check exit status %d:\n%s%s", st, txt, errs);
    CHECK(strstr(txt, "No syntax or stream encoding errors") != NULL, "qpdf --check says:\n%s", txt);
    CHECK(!strstr(txt, "WARNING") && !*errs, "qpdf --check warns:\n%s%s", txt, errs);
    free(txt);
    free(errs);
}

/* Every font embedded, subset, with a ToUnicode map; returns how many. */
static int check_fonts(const char *pdf, const char *errp)
{
    char cmd[1024];
    int st, n = 0;
    char *errs;
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", pdf);
    char *out = run_cmd(cmd, errp, &st, &errs);
    CHECK(st == 0 && !*errs, "pdffonts failed (%d): %s", st, errs);
    char *line = strstr(out, "\n---");
    line = line ? strchr(line + 1, '\n') : NULL;
    while (line && *++line) {
        char *end = strchr(line, '\n');
        if (end)
            *end = 0;
        n++;
        char name[256] = "", type[64] = "", type2[64] = "", enc[64] = "", emb[8] = "", sub[8] = "", uni[8] = "";
        sscanf(line, "%255s %63s %63s %63s %7s %7s %7s", name, type, type2, enc, emb, sub, uni);
        CHECK(!strcmp(type, "CID") && !strcmp(type2, "TrueType") && !strcmp(enc, "Identity-H"), "font line: %s", line);
        CHECK(!strcmp(emb, "yes") && !strcmp(sub, "yes") && !strcmp(uni, "yes"), "font not emb/sub/uni: %s", line);
        CHECK(strlen(name) > 7 && name[6] == '+', "subset name without a tag: %s", name);
        line = end;
    }
    free(out);
    free(errs);
    return n;
}

/* Where poppler puts a word (the first with that text): xMin and xMax. */
static int word_box(const char *pdf, const char *word, const char *errp, double *x0, double *x1)
{
    char cmd[1024], *errs;
    int st, found = 0;
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", pdf);
    char *out = run_cmd(cmd, errp, &st, &errs);
    char key[128];
    snprintf(key, sizeof key, "\">%s</word>", word);
    char *hit = strstr(out, key);
    if (hit) {
        *hit = 0;
        char *w = strrchr(out, '<');
        /* pdftotext writes '.' whatever the locale; read it the same way */
        locale_t c_loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        locale_t prev = uselocale(c_loc);
        found = w && sscanf(w, "<word xMin=\"%lf\" yMin=\"%*f\" xMax=\"%lf\"", x0, x1) == 2;
        uselocale(prev);
        freelocale(c_loc);
    }
    free(out);
    free(errs);
    return found;
}

static void check_info(const char *pdf, const char *errp)
{
    char cmd[1024];
    int st;
    char *errs;
    snprintf(cmd, sizeof cmd, "pdfinfo -isodates '%s'", pdf);
    char *out = run_cmd(cmd, errp, &st, &errs);
    CHECK(st == 0 && !*errs, "pdfinfo failed (%d): %s", st, errs);
    const char *want[] = {
        "Title:           Báo cáo kết quả thực hiện Chương trình khuyến công\n",
        "Subject:         Sơ kết giai đoạn 2021–2025\n",
        "Keywords:        khuyến công, báo cáo\n",
        "Author:          UBND huyện Lấp Vò\n",
        "Creator:         vanban\n",
        "Producer:        vanban 0.1\n",
        "CreationDate:    2023-07-05T08:30:00+07\n",
        "ModDate:         2023-07-05T08:30:00+07\n",
        "Pages:           2\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK(strstr(out, want[i]) != NULL, "pdfinfo lacks %s in:\n%s", want[i], out);
    free(out);
    free(errs);
}

/* ---- the documents ---- */

static void build_sample(doc *d, const char *png)
{
    vb_page *p = add_page(d);
    float x = 85, y = 60;
    add_run(d, p, VB_FACE_BOLD, 13, x, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0);
    vb_item *motto = add_run(d, p, VB_FACE_BOLD_ITALIC, 14, x + 60, y += 18, "Độc lập - Tự do - Hạnh phúc", 0);
    motto->u.text.underline = 1;
    add_rule(d, p, x + 60, y + 5, x + 250, y + 5, 0.5f);
    add_run(d, p, VB_FACE_REGULAR, 12, x, y += 40, vi_lower, 0);
    add_run(d, p, VB_FACE_REGULAR, 12, x, y += 20, vi_upper1, 0);
    add_run(d, p, VB_FACE_REGULAR, 12, x, y += 20, vi_upper2, 0);
    add_run(d, p, VB_FACE_ITALIC, 13, x, y += 24, "Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp", 0);
    add_run(d, p, VB_FACE_BOLD_ITALIC, 13, x, y += 20, "ẮT HẲN Ở ĐÂY: quyết định", 0);
    /* justified: every space 4 pt wider than the font's */
    d->justified = add_run(d, p, VB_FACE_REGULAR, 14, x, y += 24,
                           "Thực hiện Công văn số 1465/SCT-TTKC ngày 22 tháng 6 năm 2023 của", 4.0f);
    add_frame(d, p, x, y + 20, 90, 24, 1.0f, VB_RED);
    vb_item *stamp = add_run(d, p, VB_FACE_BOLD, 14, x + 8, y + 37, "HỎA TỐC", 0);
    stamp->u.text.color = VB_RED;
    add_run(d, p, VB_FACE_REGULAR, 14, x, y += 60, "Tiếp theo: văn bản thường, màu đen.", 0);
    add_image(d, p, png, 400, y + 20, 60, 60);

    p = add_page(d);
    y = 70;
    add_run(d, p, VB_FACE_REGULAR, 14, x, y, "Trang hai: office, fish, afflict (ligatures?)", 0);
    add_run(d, p, VB_FACE_BOLD, 12, x, y += 20, "Nơi nhận:", 0);
    add_run(d, p, VB_FACE_REGULAR, 11, x, y += 16, "- Như trên; - Lưu: VT, KT.", 0);
    add_rule(d, p, x, y + 10, x + 100, y + 10, 0.75f);
    add_run(d, p, VB_FACE_ITALIC, 12, x, y += 30, "Đồng Tháp, ngày 05 tháng 7 năm 2023", 0);
    add_image(d, p, png, 300, y + 10, 40, 40);

    /* Every other character of a few blocks: glyphs that cannot share a
     * bfrange, more than a ToUnicode block may hold (100). */
    static const uint32_t blocks[][2] = {{0x21, 0x7e}, {0xc0, 0xff}, {0x410, 0x44f}, {0x1ea0, 0x1ef9}};
    y += 60;
    for (int b = 0; b < 4; b++) {
        char line[256];
        size_t n = 0;
        for (uint32_t cp = blocks[b][0]; cp <= blocks[b][1]; cp += 2)
            n += vb_utf8_encode(cp, line + n);
        line[n] = 0;
        add_run(d, p, VB_FACE_BOLD_ITALIC, 10, x, y += 16, line, 0);
    }
}

static const char body_text[] =
    "Thực hiện Nghị định số 45/2012/NĐ-CP ngày 21/5/2012 của Chính phủ về khuyến công; Quyết định số "
    "1695/QĐ-UBND-HC ngày 03/11/2020 của UBND tỉnh Đồng Tháp, phê duyệt Chương trình khuyến công tỉnh Đồng "
    "Tháp giai đoạn 2021 – 2025, UBND huyện Lấp Vò chỉ đạo Phòng Kinh tế và Hạ tầng và các địa phương tăng "
    "cường tuyên truyền các hoạt động nhằm thúc đẩy công tác khuyến công; bên cạnh đó huy động các nguồn lực "
    "hỗ trợ, tạo điều kiện cho các tổ chức, cá nhân thuộc mọi thành phần kinh tế tham gia đầu tư sản xuất "
    "công nghiệp – tiểu thủ công nghiệp, góp phần chuyển dịch cơ cấu kinh tế, giải quyết việc làm cho người "
    "lao động ở nông thôn.";

/* About the size of a real three-page report: headings, justified body
 * text in 14 pt, a few italic and bold lines, rules on the first page. */
static void build_report(doc *d)
{
    for (int pg = 0; pg < 3; pg++) {
        vb_page *p = add_page(d);
        float x = 85, w = 595.276f - 85 - 57, y = 60;
        if (pg == 0) {
            add_run(d, p, VB_FACE_REGULAR, 13, 50, y, "ỦY BAN NHÂN DÂN", 0);
            add_run(d, p, VB_FACE_BOLD, 13, 280, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0);
            add_run(d, p, VB_FACE_BOLD, 13, 50, y += 16, "HUYỆN LẤP VÒ", 0);
            add_run(d, p, VB_FACE_BOLD, 14, 330, y, "Độc lập - Tự do - Hạnh phúc", 0);
            add_rule(d, p, 70, y + 5, 150, y + 5, 0.5f);
            add_rule(d, p, 330, y + 5, 510, y + 5, 0.5f);
            add_run(d, p, VB_FACE_REGULAR, 13, 60, y += 26, "Số: 123/BC-UBND", 0);
            add_run(d, p, VB_FACE_ITALIC, 14, 320, y, "Lấp Vò, ngày 05 tháng 7 năm 2023", 0);
            add_run(d, p, VB_FACE_BOLD, 14, 270, y += 40, "BÁO CÁO", 0);
            add_run(d, p, VB_FACE_BOLD, 14, 130, y += 18, "Kết quả triển khai tổ chức thực hiện Chương trình", 0);
            add_run(d, p, VB_FACE_BOLD, 14, 150, y += 18, "khuyến công địa phương giai đoạn 2021-2025", 0);
            add_rule(d, p, 250, y + 8, 340, y + 8, 0.5f);
            y += 30;
        } else {
            add_run(d, p, VB_FACE_REGULAR, 13, 290, 40, pg == 1 ? "2" : "3", 0);
        }
        while (y < 841.89f - 57 - 200) { /* room for one more block */
            add_run(d, p, VB_FACE_BOLD, 14, x, y += 22, "I. CÔNG TÁC TRIỂN KHAI THỰC HIỆN", 0);
            add_run(d, p, VB_FACE_BOLD_ITALIC, 14, x + 35, y += 22, "1. Xây dựng và ban hành các văn bản", 0);
            y = add_paragraph(d, p, VB_FACE_REGULAR, 14, x, y + 20, w, 17, body_text);
            y = add_paragraph(d, p, VB_FACE_ITALIC, 14, x, y, w, 17,
                              "Kết quả: hỗ trợ 12 cơ sở đổi mới máy móc, thiết bị; tổng kinh phí 1.250 triệu đồng.");
        }
    }
}

int main(void)
{
    /* Numbers in the file must not follow the locale (vi_VN writes 1,5). */
    setlocale(LC_ALL, "vi_VN.UTF-8");
    /* ... but the messages this test reads are the English ones */
    setlocale(LC_MESSAGES, "C");

    const char *paths[VB_FACE_COUNT] = {
        "fonts/LiberationSerif-Regular.ttf",
        "fonts/LiberationSerif-Bold.ttf",
        "fonts/LiberationSerif-Italic.ttf",
        "fonts/LiberationSerif-BoldItalic.ttf",
    };
    vb_diag diag;
    vb_diag_init(&diag);
    vb_fontset *fs = NULL;
    vb_err err = vb_fontset_load(&fs, paths, &diag);
    if (err) {
        fprintf(stderr, "cannot load the fonts (run from the repository root): %s\n", vb_strerror(err));
        vb_diag_print(&diag, stderr, 1);
        vb_diag_free(&diag);
        return 1;
    }

    char dir[] = "/tmp/vb_test_pdf_XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char pdf_path[256], png_path[256], err_path[256], rep_path[256];
    snprintf(pdf_path, sizeof pdf_path, "%s/sample.pdf", dir);
    snprintf(png_path, sizeof png_path, "%s/seal.png", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", dir);
    snprintf(rep_path, sizeof rep_path, "%s/report.pdf", dir);
    CHECK(write_png(png_path), "cannot write %s", png_path);

    vb_props info = {
        .title = "Báo cáo kết quả thực hiện Chương trình khuyến công",
        .author = "UBND huyện Lấp Vò",
        .subject = "Sơ kết giai đoạn 2021–2025",
        .keywords = "khuyến công, báo cáo",
        .creator = "vanban",
        .producer = "vanban 0.1",
        .year = 2023, .month = 7, .day = 5, .hour = 8, .minute = 30, .second = 0,
        .tz_minutes = 420,
    };

    /* 1. the sample: two pages, four faces, every Vietnamese letter */
    doc d = {vb_arena_new(), {0}, fs, NULL};
    build_sample(&d, png_path);
    vb_buf out = VB_BUF_INIT, again = VB_BUF_INIT;
    err = vb_pdf_write(&d.pages, fs, &info, &out, &diag);
    CHECK(err == VB_OK, "vb_pdf_write: %s", vb_strerror(err));
    CHECK(diag.n == 0, "diagnostics on success");
    CHECK(out.len > 8 && !memcmp(out.data, "%PDF-", 5), "not a PDF");
    err = vb_pdf_write(&d.pages, fs, &info, &again, &diag);
    CHECK(err == VB_OK && again.len == out.len && !memcmp(again.data, out.data, out.len),
          "two writes differ (%zu vs %zu bytes)", out.len, again.len);
    /* PDF 1.5: the objects packed in an object stream, the trailer's keys
     * in the cross-reference stream's dictionary (objstm.c), no /ID there */
    CHECK(!memcmp(out.data, "%PDF-1.5", 8) && memmem(out.data, out.len, "/Type /ObjStm", 13) &&
              !memmem(out.data, out.len, "trailer", 7),
          "not packed into object and cross-reference streams");
    const char *trailer = memmem(out.data, out.len, "/Type /XRef", 11);
    const char *trailer_end =
        trailer ? memmem(trailer, out.len - (size_t)(trailer - (const char *)out.data), ">>", 2) : NULL;
    CHECK(trailer_end && memmem(trailer, (size_t)(trailer_end - trailer), "/Root ", 6) &&
              !memmem(trailer, (size_t)(trailer_end - trailer), "/ID", 3),
          "the cross-reference stream has an /ID or no /Root (or is missing)");
    CHECK(write_file(pdf_path, &out), "cannot write %s", pdf_path);
    char *want = expected_text(&d.pages);
    CHECK(strstr(want, vi_lower) && strstr(want, vi_upper1), "the expected text lacks the letters");
    check_extraction(pdf_path, &d.pages, want, err_path);
    CHECK(check_fonts(pdf_path, err_path) == 4, "not four fonts");
    check_info(pdf_path, err_path);
    /* justification and kerning land where layout put them: the line's
     * last word ends at the run's width */
    double x0 = 0, x1 = 0;
    const vb_glyph_run *jr = &d.justified->u.text;
    CHECK(word_box(pdf_path, "của", err_path, &x0, &x1) && fabs(x1 - (jr->x + jr->width)) < 0.05,
          "the justified line ends at %.3f, not %.3f", x1, jr->x + jr->width);
    CHECK(word_box(pdf_path, "Thực", err_path, &x0, &x1) && fabs(x0 - jr->x) < 0.01, "the justified line starts at %.3f",
          x0);
    printf("sample: 2 pages, %zu bytes\n", out.len);

    /* 1b. the same with compact (--compact): smaller, the same bytes twice,
     * and the same text, fonts and positions read back */
    vb_buf small = VB_BUF_INIT, small2 = VB_BUF_INIT;
    info.compact = 1;
    err = vb_pdf_write(&d.pages, fs, &info, &small, &diag);
    CHECK(err == VB_OK && diag.n == 0, "compact vb_pdf_write: %s", vb_strerror(err));
    err = vb_pdf_write(&d.pages, fs, &info, &small2, &diag);
    CHECK(err == VB_OK && small2.len == small.len && !memcmp(small2.data, small.data, small.len),
          "two compact writes differ");
    info.compact = 0;
    CHECK(small.len < out.len, "compact gives %zu bytes, the default %zu", small.len, out.len);
    CHECK(write_file(pdf_path, &small), "cannot write %s", pdf_path);
    check_extraction(pdf_path, &d.pages, want, err_path);
    CHECK(check_fonts(pdf_path, err_path) == 4, "compact: not four fonts");
    CHECK(word_box(pdf_path, "của", err_path, &x0, &x1) && fabs(x1 - (jr->x + jr->width)) < 0.05,
          "compact: the justified line ends at %.3f, not %.3f", x1, jr->x + jr->width);
    printf("sample, compact: %zu bytes\n", small.len);
    vb_buf_free(&small);
    vb_buf_free(&small2);
    CHECK(write_file(pdf_path, &out), "cannot write %s", pdf_path);
    free(want);

    /* 2. a missing image: VB_ERR_IMAGE and a message naming the file */
    doc bad = {vb_arena_new(), {0}, fs, NULL};
    vb_page *p = add_page(&bad);
    add_run(&bad, p, VB_FACE_REGULAR, 12, 80, 80, "Chữ ký", 0);
    add_image(&bad, p, "/nonexistent/chu-ky.png", 80, 100, 50, 30);
    vb_buf junk = VB_BUF_INIT;
    vb_diag_clear(&diag);
    err = vb_pdf_write(&bad.pages, fs, &info, &junk, &diag);
    CHECK(err == VB_ERR_IMAGE, "missing image gave %s", vb_strerror(err));
    CHECK(junk.len == 0, "a failed write left %zu bytes", junk.len);
    CHECK(diag.n == 1 && vb_diag_errors(&diag) == 1 && strstr(diag.v[0].msg, "cannot read image: ") &&
              strstr(diag.v[0].msg, "/nonexistent/chu-ky.png"),
          "diagnostic: %s", diag.n ? diag.v[0].msg : "(none)");
    vb_diag_clear(&diag);

    /* ... and damaged files, which libharu's PNG loader would let libpng
     * abort on: not a PNG, cut short, a flipped byte */
    FILE *pf = fopen(png_path, "rb");
    unsigned char good[4096];
    size_t good_len = pf ? fread(good, 1, sizeof good, pf) : 0;
    if (pf)
        fclose(pf);
    CHECK(good_len > 100 && good_len < sizeof good, "cannot read back %s", png_path);
    char broken[300];
    snprintf(broken, sizeof broken, "%s/broken.png", dir);
    for (int variant = 0; variant < 3; variant++) {
        unsigned char tmp[4096];
        size_t n = good_len;
        memcpy(tmp, good, n);
        if (variant == 0) {
            memcpy(tmp + 8, "this is no image", 16);
        } else if (variant == 1) {
            n = good_len / 2;
        } else {
            tmp[60] ^= 0x10; /* inside the image data */
        }
        FILE *bf = fopen(broken, "wb");
        if (bf) {
            fwrite(tmp, 1, n, bf);
            fclose(bf);
        }
        bad.pages.pages[0].items[1].u.image.path = broken;
        vb_buf_reset(&junk);
        err = vb_pdf_write(&bad.pages, fs, &info, &junk, &diag);
        CHECK(err == VB_ERR_IMAGE, "damaged image %d gave %s", variant, vb_strerror(err));
        CHECK(diag.n == 1 && strstr(diag.v[0].msg, "cannot read image: ") && strstr(diag.v[0].msg, "broken.png"),
              "diagnostic: %s", diag.n ? diag.v[0].msg : "(none)");
        vb_diag_clear(&diag);
    }
    unlink(broken);

    /* 3. libharu refusing something (a page 1 pt wide): VB_ERR_PDF, a
     * message with libharu's code, and nothing leaked */
    doc tiny = {vb_arena_new(), {0}, fs, NULL};
    p = add_page(&tiny);
    p->width = 1;
    add_run(&tiny, p, VB_FACE_REGULAR, 12, 0, 20, "x", 0);
    vb_buf_reset(&junk);
    err = vb_pdf_write(&tiny.pages, fs, &info, &junk, &diag);
    CHECK(err == VB_ERR_PDF, "a 1 pt page gave %s", vb_strerror(err));
    CHECK(diag.n == 1 && strstr(diag.v[0].msg, "PDF writer: libharu error 0x"), "diagnostic: %s",
          diag.n ? diag.v[0].msg : "(none)");
    if (diag.n)
        printf("libharu error reported as: %s\n", diag.v[0].msg);
    vb_diag_clear(&diag);

    /* no pages at all: refused rather than written as a file readers reject */
    vb_pages none = {0};
    err = vb_pdf_write(&none, fs, &info, &junk, &diag);
    CHECK(err != VB_OK && diag.n == 1 && junk.len == 0, "no pages gave %s", vb_strerror(err));
    vb_diag_clear(&diag);

    /* 4. a report-sized document: at most 60 KB (its speed is bench/run --stages's) */
    doc rep = {vb_arena_new(), {0}, fs, NULL};
    build_report(&rep);
    vb_buf rbuf = VB_BUF_INIT;
    err = vb_pdf_write(&rep.pages, fs, &info, &rbuf, &diag);
    CHECK(err == VB_OK, "report: %s", vb_strerror(err));
    CHECK(write_file(rep_path, &rbuf), "cannot write %s", rep_path);
    check_extraction(rep_path, &rep.pages, NULL, err_path);
    CHECK(rbuf.len <= 60 * 1024, "report is %zu bytes", rbuf.len);
    size_t glyphs = 0, runs = 0;
    for (size_t i = 0; i < rep.pages.n_pages; i++)
        for (size_t k = 0; k < rep.pages.pages[i].n_items; k++)
            if (rep.pages.pages[i].items[k].kind == VB_ITEM_TEXT) {
                glyphs += rep.pages.pages[i].items[k].u.text.n;
                runs++;
            }
    /* an engine's long run: each face's subset comes back from its memo
     * (font.h) and every write gives the same bytes; on a face's
     * VB_SUBSET_PREPROCESS_AFTER-th subset the face is preprocessed (font.c) */
    for (int k = 0; k < VB_SUBSET_PREPROCESS_AFTER + 2; k++) {
        vb_buf rerun = VB_BUF_INIT;
        err = vb_pdf_write(&rep.pages, fs, &info, &rerun, &diag);
        CHECK(err == VB_OK && rerun.len == rbuf.len && !memcmp(rerun.data, rbuf.data, rbuf.len),
              "write %d of the report differs from the first (%zu vs %zu bytes)", k, rerun.len, rbuf.len);
        vb_buf_free(&rerun);
    }
    for (int k = 0; k < VB_SUBSET_PREPROCESS_AFTER + 2; k++)
        vb_face_subset_source(&fs->face[VB_FACE_REGULAR]);
    CHECK(fs->face[VB_FACE_REGULAR].subset_src != NULL, "the regular face was not preprocessed after %d subsets",
          VB_SUBSET_PREPROCESS_AFTER + 2);
    /* batch mode: faces prepared for subsetting once, same file expected;
     * a fontset of its own, whose memos are empty, so that the subsets are
     * made from the prepared faces */
    vb_buf plain = rbuf;
    rbuf = (vb_buf)VB_BUF_INIT;
    vb_fontset *prep = NULL;
    CHECK(vb_fontset_load(&prep, paths, &diag) == VB_OK && vb_fontset_prepare_subsetting(prep) == VB_OK,
          "vb_fontset_prepare_subsetting failed");
    err = prep ? vb_pdf_write(&rep.pages, prep, &info, &rbuf, &diag) : VB_ERR_FONT;
    vb_fontset_free(prep);
    CHECK(err == VB_OK, "report with prepared faces: %s", vb_strerror(err));
    if (rbuf.len != plain.len || memcmp(rbuf.data, plain.data, plain.len)) {
        /* HarfBuzz may lay the subset out differently: then it must still read back */
        CHECK(write_file(rep_path, &rbuf), "cannot write %s", rep_path);
        check_extraction(rep_path, &rep.pages, NULL, err_path);
        printf("report: prepared faces give other bytes (%zu vs %zu)\n", rbuf.len, plain.len);
    }
    vb_buf_free(&plain);
    printf("report: %zu pages, %zu runs, %zu glyphs, %zu bytes\n", rep.pages.n_pages, runs, glyphs, rbuf.len);

    if (!vb_test_failures && !getenv("VB_KEEP")) {
        unlink(pdf_path);
        unlink(rep_path);
        unlink(png_path);
        unlink(err_path);
        rmdir(dir);
    } else {
        fprintf(stderr, "files kept in %s\n", dir);
    }
    vb_buf_free(&out);
    vb_buf_free(&again);
    vb_buf_free(&junk);
    vb_buf_free(&rbuf);
    vb_arena_free(d.arena);
    vb_arena_free(bad.arena);
    vb_arena_free(tiny.arena);
    vb_arena_free(rep.arena);
    vb_diag_free(&diag);
    vb_fontset_free(fs);
    return DONE();
}
