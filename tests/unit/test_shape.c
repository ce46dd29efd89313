/* Shaping and paragraph layout (shape.h) on the bundled fonts.
 *
 * Widths are checked against what FreeType reads from the fonts' own tables
 * (cmap and hmtx), not against the shaper itself; paragraphs against breaks
 * that follow from those widths. Run from the repository root. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <linebreak.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "harness.h"
#include "shape.h"
#include "shape_priv.h"
#include "style.h"
#include "utf8.h"

static const char *const FONT_PATHS[VB_FACE_COUNT] = {
    "fonts/LiberationSerif-Regular.ttf",
    "fonts/LiberationSerif-Bold.ttf",
    "fonts/LiberationSerif-Italic.ttf",
    "fonts/LiberationSerif-BoldItalic.ttf",
};

/* Every Vietnamese letter with a diacritic, lower and upper case, in NFC. */
static const char VI_LOWER[] = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
static const char VI_UPPER[] = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

static FT_Library ft;
static FT_Face ft_face[VB_FACE_COUNT];
static vb_shaper *sh;
static vb_style *st;
static vb_arena *arena;

/* ---- the reference: FreeType's reading of the font ------------------------- */

/* The width in pt of text set glyph by glyph from the cmap, with the hmtx
 * advances and nothing else (no kerning, no ligatures: what vanban asks of
 * HarfBuzz so that Word and LibreOffice break lines where it does). -1 when
 * a character has no glyph. */
static double ft_width(vb_face_id f, double size, const char *s)
{
    FT_Face face = ft_face[f];
    size_t len = strlen(s), at = 0;
    int64_t units = 0;
    while (at < len) {
        uint32_t cp;
        size_t k = vb_utf8_decode(s + at, len - at, &cp);
        if (!k)
            return -1;
        at += k;
        FT_UInt gid = FT_Get_Char_Index(face, cp);
        if (!gid || FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE))
            return -1;
        units += face->glyph->metrics.horiAdvance;
    }
    return (double)units * size / face->units_per_EM;
}

static double width(vb_face_id f, double size, const char *s)
{
    return vb_shape_width(sh, f, size, s, strlen(s));
}

/* ---- paragraphs ------------------------------------------------------------- */

typedef struct para {
    vb_para_out out;
    char lines[32][512]; /* the text of each line, runs joined */
} para;

static vb_para_in para_in(const vb_piece *pieces, size_t n, double w, vb_align align)
{
    return (vb_para_in){.pieces = pieces, .n = n, .width = w, .align = align};
}

/* Lays in out and collects each line's text. Success is judged by the lines
 * it yields, whatever the function's return convention. */
static int lay(const vb_para_in *in, para *p)
{
    memset(p, 0, sizeof *p);
    vb_para_layout(sh, in, st, arena, &p->out);
    if (!p->out.lines || !p->out.n || p->out.n > 32)
        return 0;
    for (size_t l = 0; l < p->out.n; l++) {
        size_t o = 0;
        for (size_t r = 0; r < p->out.lines[l].n_runs; r++) {
            const vb_glyph_run *run = &p->out.lines[l].runs[r];
            if (o + run->text_len >= sizeof p->lines[l])
                return 0;
            memcpy(p->lines[l] + o, run->text, run->text_len);
            o += run->text_len;
        }
        /* a run may carry the space it ends on: the line's text is without it */
        while (o && p->lines[l][o - 1] == ' ')
            o--;
        p->lines[l][o] = 0;
    }
    return 1;
}

static int lay_text(const char *text, vb_face_id f, double size, double w, vb_align align, para *p)
{
    vb_piece pc = {.text = text, .len = strlen(text), .face = f, .size = size};
    vb_para_in in = para_in(&pc, 1, w, align);
    return lay(&in, p);
}

/* Where the line's last glyph ends: its right edge as set. */
static double line_right(const vb_line *l)
{
    const vb_glyph_run *r = &l->runs[l->n_runs - 1];
    return r->x + r->width;
}

/* The lines joined by single spaces. */
static void joined(const para *p, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = 0;
    for (size_t l = 0; l < p->out.n; l++)
        o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", l ? " " : "", p->lines[l]);
}

/* ---- the tests --------------------------------------------------------------- */

static void test_widths(void)
{
    /* Times New Roman's metrics, which Liberation Serif copies: digits half
     * an em, the space a quarter, at any size */
    CHECK(fabs(width(VB_FACE_REGULAR, 14, "0123456789") - 70.0) < 1e-9, "%.6f", width(VB_FACE_REGULAR, 14, "0123456789"));
    CHECK(fabs(width(VB_FACE_REGULAR, 14, " ") - 3.5) < 1e-9, "%.6f", width(VB_FACE_REGULAR, 14, " "));
    CHECK(fabs(width(VB_FACE_BOLD, 13, "2023") - 26.0) < 1e-9, "%.6f", width(VB_FACE_BOLD, 13, "2023"));
    CHECK(width(VB_FACE_REGULAR, 14, "") == 0);

    /* every face, every Vietnamese letter, the decree's fixed lines: the
     * shaper's width is the sum of the fonts' advances */
    static const char *const texts[] = {
        VI_LOWER, VI_UPPER, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND", "Lấp Vò, ngày 05 tháng 7 năm 2023", "Nơi nhận:", "Đ đ Ð ð",
    };
    static const double sizes[] = {13, 14, 12.5};
    for (int f = 0; f < VB_FACE_COUNT; f++)
        for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
            for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
                double want = ft_width((vb_face_id)f, sizes[z], texts[t]);
                double got = width((vb_face_id)f, sizes[z], texts[t]);
                CHECK(want > 0 && fabs(got - want) < 1e-6, "face %d, %.1f pt, '%s': %.6f, FreeType %.6f", f, sizes[z],
                      texts[t], got, want);
            }

    /* a width scales with the size */
    double w10 = width(VB_FACE_ITALIC, 10, VI_LOWER), w20 = width(VB_FACE_ITALIC, 20, VI_LOWER);
    CHECK(fabs(w20 - 2 * w10) < 1e-9, "%.6f vs 2 x %.6f", w20, w10);

    /* no kerning: "AV" and "To" are kerning pairs of the font (HarfBuzz with
     * its default features sets them closer), and vanban sets them apart */
    hb_buffer_t *b = hb_buffer_create();
    static const char *const pairs[] = {"AV", "To", "Yê"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        hb_blob_t *blob = hb_blob_create_from_file(FONT_PATHS[0]);
        hb_face_t *hf = hb_face_create(blob, 0);
        hb_font_t *hfont = hb_font_create(hf);
        hb_buffer_clear_contents(b);
        hb_buffer_add_utf8(b, pairs[i], -1, 0, -1);
        hb_buffer_guess_segment_properties(b);
        hb_shape(hfont, b, NULL, 0);
        unsigned n;
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
        int64_t kerned = 0;
        for (unsigned k = 0; k < n; k++)
            kerned += pos[k].x_advance;
        double kerned_pt = (double)kerned * 14 / hb_face_get_upem(hf);
        double plain = ft_width(VB_FACE_REGULAR, 14, pairs[i]);
        double got = width(VB_FACE_REGULAR, 14, pairs[i]);
        CHECK(fabs(got - plain) < 1e-9, "'%s': %.4f, unkerned %.4f", pairs[i], got, plain);
        if (i < 2)
            CHECK(kerned_pt < plain - 0.1, "'%s' is no kerning pair of the font (%.4f vs %.4f): pick another",
                  pairs[i], kerned_pt, plain);
        hb_font_destroy(hfont);
        hb_face_destroy(hf);
        hb_blob_destroy(blob);
    }
    hb_buffer_destroy(b);

    /* the reader hands the shaper NFC; a decomposed letter (ê + U+0323 for
     * ệ, as Unikey's "Unicode tổ hợp" types it) is set as the precomposed
     * glyph by HarfBuzz, so its width is the same */
    CHECK(fabs(width(VB_FACE_REGULAR, 14, "Vi\xc3\xaa\xcc\xa3t") - width(VB_FACE_REGULAR, 14, "Việt")) < 1e-9,
          "NFD 'Việt' %.4f, NFC %.4f", width(VB_FACE_REGULAR, 14, "Vi\xc3\xaa\xcc\xa3t"),
          width(VB_FACE_REGULAR, 14, "Việt"));
}

/* Nine equal words in a column that holds exactly three of them. */
/* The word cache (vb_shape_words) gives the glyphs, advances, offsets and
 * clusters that shaping the whole text at once gives, on text with repeated
 * words, double spaces, marks and joiners after spaces, ligature and kerning
 * candidates, and characters the fonts lack; a second pass hits the cache. */
static void test_word_cache(void)
{
    static const char *const texts[] = {
        "Ủy ban nhân dân huyện Lấp Vò báo cáo kết quả, báo cáo kết quả thực hiện như sau:",
        "fi fl ffi AV To Ty Tr\xe1\xba\xa7n  hai  d\xe1\xba\xa5u c\xc3\xa1" "ch  ",
        " \xcc\x81" "b \xe2\x80\x8d" "d e\xcc\x80 \xcc\xa3x \xe2\x81\xa0w \xf0\x9f\x98\x80 \xe2\x80\x93 \xe2\x80\x9cq\xe2\x80\x9d",
        "ĐĐ đđ 28/2018/QĐ-UBND ngày 23/10/2018; 15% đến 20%.",
        "x",
        " ",
    };
    for (int pass = 0; pass < 2; pass++)
        for (int f = 0; f < VB_FACE_COUNT; f++)
            for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
                const char *x = texts[t];
                const vb_sglyph *g;
                size_t n = vb_shape_words(sh, (vb_face_id)f, x, strlen(x), &g);
                vb_shape_buffer(sh, (vb_face_id)f, x, strlen(x));
                unsigned m;
                const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &m);
                const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, &m);
                CHECK(n == m, "face %d, text %zu: %zu glyphs word by word, %u whole", f, t, n, m);
                for (size_t k = 0; k < n && n == m; k++)
                    CHECK(g[k].gid == info[k].codepoint && g[k].cluster == info[k].cluster &&
                              g[k].adv == pos[k].x_advance && g[k].dy == pos[k].y_offset,
                          "face %d, text %zu, glyph %zu: %u@%u %d/%d, whole %u@%u %d/%d", f, t, k, g[k].gid,
                          g[k].cluster, g[k].adv, g[k].dy, info[k].codepoint, info[k].cluster, pos[k].x_advance,
                          pos[k].y_offset);
            }
}

/* The fast path for the break after a space (vb_space_breaks) against
 * libunibreak on random text from the characters it knows, with a few it
 * does not (it must then decline), and on ordinary Vietnamese prose (it
 * must take it). */
static void test_space_breaks(void)
{
    static const char *const bits[] = {
        "a", "Z", "7", "Đ", "ể", "ư", "À", "ỹ", " ", " ", " ", " ", " ", " ", "  ", "\n", "(", ")", "[", "]", "{", "}", ",", ".",
        ":", ";", "!", "?", "/", "\"", "'", "-", "%", "$", "+", "|", "\\", "#", "&", "*", "=", "<", "~", "_", "@",
        "\xc2\xa0", "–", "—", "…", "‘", "’", "“", "”", "×", "«", "\t", "\xcc\x81", "\xe2\x80\x8b", "‼", "・",
    };
    uint32_t seed = 12345;
    size_t taken = 0, compared = 0;
    for (int n = 0; n < 200000; n++) {
        char t[128], fast[128], ref[128];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int parts = 1 + (int)((seed >> 16) % 10);
        for (int k = 0; k < parts; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *b = bits[(seed >> 16) % (sizeof bits / sizeof bits[0])];
            memcpy(t + len, b, strlen(b));
            len += strlen(b);
        }
        t[len] = 0;
        if (!vb_space_breaks(t, len, fast))
            continue;
        taken++;
        set_linebreaks_utf8((const utf8_t *)t, len, "vi", ref);
        for (size_t i = 0; i < len; i++)
            if (t[i] == ' ') {
                compared++;
                CHECK(fast[i] == ref[i], "'%s' at byte %zu: %d, libunibreak %d", t, i, fast[i], ref[i]);
            }
    }
    CHECK(taken > 50000 && compared > 40000, "only %zu texts, %zu spaces compared", taken, compared);
    const char *prose = "Ủy ban nhân dân huyện Lấp Vò báo cáo (kết quả) như sau: 15% đến 20%; “Đồng Tháp” – 2023…";
    char brk[256];
    CHECK(vb_space_breaks(prose, strlen(prose), brk), "prose left to libunibreak");
    CHECK(!vb_space_breaks("a \xcc\x81", 4, brk) && !vb_space_breaks(" a", 2, brk), "declines");
}

static void test_breaks(void)
{
    para p;
    const double w = width(VB_FACE_REGULAR, 14, "Việt"), sp = width(VB_FACE_REGULAR, 14, " ");
    const char *nine = "Việt Việt Việt Việt Việt Việt Việt Việt Việt";
    double col = 3 * w + 2 * sp + 0.01;
    CHECK(lay_text(nine, VB_FACE_REGULAR, 14, col, VB_ALIGN_LEFT, &p), "no lines");
    CHECK(p.out.n == 3, "%zu lines", p.out.n);
    for (size_t l = 0; l < p.out.n && l < 3; l++) {
        CHECK_STR(p.lines[l], "Việt Việt Việt");
        CHECK(fabs(p.out.lines[l].width - (3 * w + 2 * sp)) < 1e-3, "line %zu: %.4f", l, p.out.lines[l].width);
        CHECK(fabs(p.out.lines[l].x) < 1e-6, "line %zu starts at %.4f", l, p.out.lines[l].x);
        CHECK(p.out.lines[l].size == 14);
    }
    CHECK(!p.out.overfull);
    CHECK(fabs(p.out.max_width - (3 * w + 2 * sp)) < 1e-3, "max width %.4f", p.out.max_width);

    /* a hair narrower: two words a line */
    CHECK(lay_text(nine, VB_FACE_REGULAR, 14, col - 0.02, VB_ALIGN_LEFT, &p) && p.out.n == 5, "%zu lines", p.out.n);
    CHECK_STR(p.lines[0], "Việt Việt");
    CHECK_STR(p.lines[4], "Việt");

    /* everything on one line when the column is wide */
    CHECK(lay_text(nine, VB_FACE_REGULAR, 14, 1000, VB_ALIGN_LEFT, &p) && p.out.n == 1, "%zu lines", p.out.n);
    CHECK_STR(p.lines[0], nine);

    /* the glyphs of a line sit one after another at the fonts' advances */
    CHECK(lay_text("Số: 05/BC-UBND", VB_FACE_REGULAR, 14, 400, VB_ALIGN_LEFT, &p) && p.out.n == 1);
    if (p.out.n == 1) {
        const vb_glyph_run *r = &p.out.lines[0].runs[0];
        CHECK(p.out.lines[0].n_runs == 1 && r->n == 14, "%zu runs, %u glyphs", p.out.lines[0].n_runs, r->n);
        CHECK(fabs(r->width - ft_width(VB_FACE_REGULAR, 14, "Số: 05/BC-UBND")) < 1e-3, "run width %.4f", r->width);
        CHECK(fabs(r->glyphs[r->n - 1].x - ft_width(VB_FACE_REGULAR, 14, "Số: 05/BC-UBN")) < 1e-3, "last glyph at %.4f",
              r->glyphs[r->n - 1].x);
        CHECK(r->glyphs[1].cluster == 1 && r->glyphs[2].cluster == 4, "clusters %u %u (ố is 3 bytes)",
              r->glyphs[1].cluster, r->glyphs[2].cluster);
    }

    /* lines break only at spaces: never inside a notation at its hyphen or
     * slash, although UAX #14 allows it there */
    const char *notes = "Công văn số 1234/UBND-VP và Quyết định số 56/QĐ-UBND ngày 05/7/2023";
    CHECK(lay_text(notes, VB_FACE_REGULAR, 14, 120, VB_ALIGN_LEFT, &p) && p.out.n >= 3, "%zu lines", p.out.n);
    char all[1024];
    joined(&p, all, sizeof all);
    CHECK_STR(all, notes);
    for (size_t l = 0; l < p.out.n; l++)
        CHECK(strncmp(p.lines[l], "UBND", 4) && strncmp(p.lines[l], "VP", 2) && strncmp(p.lines[l], "QĐ", 3) &&
                  strncmp(p.lines[l], "7/2023", 6),
              "line %zu starts inside a notation: '%s'", l, p.lines[l]);
}

static void test_forced_breaks(void)
{
    para p;
    /* a forced break ends the line even when everything would fit */
    vb_piece pcs[] = {
        {.text = "Số: 05/BC-UBND", .len = strlen("Số: 05/BC-UBND"), .face = VB_FACE_REGULAR, .size = 13},
        {.is_break = 1, .face = VB_FACE_REGULAR, .size = 13},
        {.text = "Lấp Vò", .len = strlen("Lấp Vò"), .face = VB_FACE_ITALIC, .size = 14},
    };
    vb_para_in in = para_in(pcs, 3, 400, VB_ALIGN_LEFT);
    CHECK(lay(&in, &p) && p.out.n == 2, "%zu lines", p.out.n);
    CHECK_STR(p.lines[0], "Số: 05/BC-UBND");
    CHECK_STR(p.lines[1], "Lấp Vò");
    if (p.out.n == 2) {
        CHECK(p.out.lines[0].size == 13 && p.out.lines[1].size == 14, "sizes %.1f %.1f", p.out.lines[0].size,
              p.out.lines[1].size);
        CHECK(p.out.lines[1].runs[0].face == VB_FACE_ITALIC);
    }

    /* two breaks in a row make an empty line between */
    vb_piece two[] = {pcs[0], pcs[1], pcs[1], pcs[2]};
    in = para_in(two, 4, 400, VB_ALIGN_LEFT);
    CHECK(lay(&in, &p) && p.out.n == 3, "%zu lines", p.out.n);
    CHECK_STR(p.lines[1], "");
    CHECK_STR(p.lines[2], "Lấp Vò");

    /* in a justified paragraph the line before a forced break is not
     * stretched: it ends where its words end */
    const char *text = "Kết quả triển khai thực hiện";
    vb_piece jp[] = {
        {.text = text, .len = strlen(text), .face = VB_FACE_REGULAR, .size = 14},
        {.is_break = 1, .face = VB_FACE_REGULAR, .size = 14},
        {.text = text, .len = strlen(text), .face = VB_FACE_REGULAR, .size = 14},
    };
    in = para_in(jp, 3, 400, VB_ALIGN_JUSTIFY);
    CHECK(lay(&in, &p) && p.out.n == 2, "%zu lines", p.out.n);
    if (p.out.n == 2)
        CHECK(fabs(line_right(&p.out.lines[0]) - width(VB_FACE_REGULAR, 14, text)) < 1e-3, "ends at %.3f",
              line_right(&p.out.lines[0]));
}

static void test_centred_and_balanced(void)
{
    para p;
    /* one centred line: equal room left and right */
    const char *t = "BÁO CÁO";
    double w = width(VB_FACE_BOLD, 14, t);
    CHECK(lay_text(t, VB_FACE_BOLD, 14, 300, VB_ALIGN_CENTER, &p) && p.out.n == 1);
    CHECK(fabs(p.out.lines[0].x - (300 - w) / 2) < 1e-3, "x %.4f, want %.4f", p.out.lines[0].x, (300 - w) / 2);
    CHECK(fabs(p.out.lines[0].runs[0].x - (300 - w) / 2) < 1e-3);
    /* right-aligned: all the room on the left */
    CHECK(lay_text(t, VB_FACE_BOLD, 14, 300, VB_ALIGN_RIGHT, &p) && p.out.n == 1);
    CHECK(fabs(line_right(&p.out.lines[0]) - 300) < 1e-3, "ends at %.4f", line_right(&p.out.lines[0]));

    /* a centred title in two lines: greedy fills the first line, balanced
     * gives lines of even length, in as few lines */
    const char *title = "Kết quả triển khai tổ chức thực hiện Chương trình khuyến công địa phương giai đoạn 2021-2025";
    double total = width(VB_FACE_BOLD, 14, title), col = total * 0.75;
    vb_piece pc = {.text = title, .len = strlen(title), .face = VB_FACE_BOLD, .size = 14};
    vb_para_in in = para_in(&pc, 1, col, VB_ALIGN_CENTER);
    para greedy, bal;
    CHECK(lay(&in, &greedy) && greedy.out.n == 2, "greedy: %zu lines", greedy.out.n);
    in.balanced = 1;
    CHECK(lay(&in, &bal) && bal.out.n == 2, "balanced: %zu lines", bal.out.n);
    if (greedy.out.n == 2 && bal.out.n == 2) {
        double dg = fabs(greedy.out.lines[0].width - greedy.out.lines[1].width);
        double db = fabs(bal.out.lines[0].width - bal.out.lines[1].width);
        CHECK(db < dg, "balanced lines differ by %.2f pt, greedy ones by %.2f", db, dg);
        CHECK(greedy.out.lines[0].width > col * 0.9, "greedy's first line is %.2f of %.2f", greedy.out.lines[0].width,
              col);
        /* and each balanced line is centred */
        for (int l = 0; l < 2; l++)
            CHECK(fabs(bal.out.lines[l].x - (col - bal.out.lines[l].width) / 2) < 1e-3, "line %d at %.3f", l,
                  bal.out.lines[l].x);
        char a[512], b[512];
        joined(&greedy, a, sizeof a);
        joined(&bal, b, sizeof b);
        CHECK_STR(a, title);
        CHECK_STR(b, title);
    }
}

static const char *BODY =
    "Thực hiện Chương trình khuyến công địa phương giai đoạn 2021-2025, Ủy ban nhân dân huyện đã chỉ đạo các "
    "cơ quan chuyên môn phối hợp với Ủy ban nhân dân các xã, thị trấn tổ chức triển khai thực hiện; hỗ trợ các "
    "cơ sở công nghiệp nông thôn đổi mới máy móc, thiết bị, ứng dụng tiến bộ khoa học kỹ thuật vào sản xuất, "
    "nâng cao chất lượng sản phẩm và sức cạnh tranh trên thị trường.";

static void test_justified(void)
{
    para p;
    const double col = 450, indent = 28.35; /* 1 cm, the decree's first-line indent */
    vb_piece pc = {.text = BODY, .len = strlen(BODY), .face = VB_FACE_REGULAR, .size = 14};
    vb_para_in in = para_in(&pc, 1, col, VB_ALIGN_JUSTIFY);
    in.indent_first = indent;
    CHECK(lay(&in, &p) && p.out.n >= 3, "%zu lines", p.out.n);
    char all[2048];
    joined(&p, all, sizeof all);
    CHECK_STR(all, BODY);
    for (size_t l = 0; l < p.out.n; l++) {
        const vb_line *ln = &p.out.lines[l];
        double x0 = l == 0 ? indent : 0;
        CHECK(fabs(ln->x - x0) < 1e-3, "line %zu starts at %.3f, want %.3f", l, ln->x, x0);
        CHECK(fabs(ln->runs[0].x - x0) < 1e-3, "line %zu's first glyph at %.3f", l, ln->runs[0].x);
        if (l + 1 < p.out.n)
            CHECK(fabs(line_right(ln) - col) < 0.01, "line %zu ends at %.3f, not at the column's edge %.1f", l,
                  line_right(ln), col);
        else
            CHECK(line_right(ln) < col - 1 && fabs(line_right(ln) - (ln->x + ln->width)) < 1e-3,
                  "the last line ends at %.3f (natural %.3f)", line_right(ln), ln->x + ln->width);
    }
    /* the spaces stretch evenly within a line: every gap between words of
     * one justified line is the same */
    if (p.out.n >= 2) {
        const vb_glyph_run *r = &p.out.lines[1].runs[0];
        double gap = -1;
        int even = 1;
        for (uint32_t k = 0; k + 1 < r->n; k++) {
            if (r->text[r->glyphs[k].cluster] != ' ')
                continue;
            double g = r->glyphs[k + 1].x - r->glyphs[k].x;
            if (gap < 0)
                gap = g;
            else if (fabs(g - gap) > 1e-3)
                even = 0;
        }
        CHECK(gap > width(VB_FACE_REGULAR, 14, " ") - 3.5 * st->space_shrink - 1e-6 && even, "gaps of %.3f, even %d",
              gap, even);
    }

    /* total fit sets the paragraph in as few lines as filling each line in
     * turn does (what Word and LibreOffice do), so a paragraph split across
     * pages may be set line by line without moving the page */
    para ff;
    in.first_fit = 1;
    CHECK(lay(&in, &ff) && ff.out.n == p.out.n, "first fit %zu lines, total fit %zu", ff.out.n, p.out.n);
    for (size_t l = 0; l + 1 < ff.out.n; l++)
        CHECK(fabs(line_right(&ff.out.lines[l]) - col) < 0.01, "first fit: line %zu ends at %.3f", l,
              line_right(&ff.out.lines[l]));

    /* a hanging indent: the first line at 0, the others at 20 pt */
    in = para_in(&pc, 1, col, VB_ALIGN_LEFT);
    in.indent_rest = 20;
    CHECK(lay(&in, &p) && p.out.n >= 3, "%zu lines", p.out.n);
    for (size_t l = 0; l < p.out.n; l++)
        CHECK(fabs(p.out.lines[l].x - (l ? 20 : 0)) < 1e-3 && p.out.lines[l].x + p.out.lines[l].width <= col + 1e-3,
              "line %zu at %.3f, %.3f wide", l, p.out.lines[l].x, p.out.lines[l].width);
}

/* Known strings at the default profile's sizes: the reference report's kind
 * of body paragraph in the body column with the 1 cm indent, and an agency
 * name in the header's left column. The PDFs of every example depend on
 * these breaks; a change to shaping or line breaking that moves them must
 * say so here. */
static void test_known_breaks(void)
{
    static const char *const body[] = {
        "Thực hiện Chương trình khuyến công địa phương giai đoạn 2021-2025, Ủy",
        "ban nhân dân huyện đã chỉ đạo các cơ quan chuyên môn phối hợp với Ủy ban nhân",
        "dân các xã, thị trấn tổ chức triển khai thực hiện; hỗ trợ các cơ sở công nghiệp nông",
        "thôn đổi mới máy móc, thiết bị, ứng dụng tiến bộ khoa học kỹ thuật vào sản xuất,",
        "nâng cao chất lượng sản phẩm và sức cạnh tranh trên thị trường.",
    };
    para p;
    double col = st->page_w - st->margin_left - st->margin_right;
    CHECK(fabs(col - 165 * 72 / 25.4) < 1e-3, "the body column is %.4f pt, not 165 mm", col);
    vb_piece pc = {.text = BODY, .len = strlen(BODY), .face = VB_FACE_REGULAR, .size = st->role[VB_ROLE_DOAN].size};
    vb_para_in in = para_in(&pc, 1, col, st->role[VB_ROLE_DOAN].align);
    in.indent_first = st->role[VB_ROLE_DOAN].indent_first;
    CHECK(in.align == VB_ALIGN_JUSTIFY && fabs(in.indent_first - 72 / 2.54) < 1e-3);
    CHECK(lay(&in, &p) && p.out.n == 5, "%zu lines", p.out.n);
    for (size_t l = 0; l < 5 && l < p.out.n; l++)
        CHECK_STR(p.lines[l], body[l]);

    const char *agency = "ỦY BAN NHÂN DÂN HUYỆN LẤP VÒ TỈNH ĐỒNG THÁP";
    vb_piece pa = {.text = agency, .len = strlen(agency), .face = VB_FACE_BOLD, .size = st->role[VB_ROLE_CO_QUAN].size};
    in = para_in(&pa, 1, st->header_left_w, VB_ALIGN_CENTER);
    in.balanced = 1;
    CHECK(lay(&in, &p) && p.out.n == 2, "%zu lines", p.out.n);
    CHECK_STR(p.lines[0], "ỦY BAN NHÂN DÂN HUYỆN");
    CHECK_STR(p.lines[1], "LẤP VÒ TỈNH ĐỒNG THÁP");
}

static void test_overfull(void)
{
    para p;
    /* a pasted link wider than the column: broken between letters, every
     * piece within the column, nothing lost, and reported */
    const char *url = "https://dichvucong.dongthap.gov.vn/thu-tuc-hanh-chinh/khuyen-cong/ho-so-de-nghi-ho-tro";
    double col = 150;
    CHECK(width(VB_FACE_REGULAR, 14, url) > 2 * col);
    CHECK(lay_text(url, VB_FACE_REGULAR, 14, col, VB_ALIGN_JUSTIFY, &p) && p.out.n >= 3, "%zu lines", p.out.n);
    CHECK(p.out.overfull, "an overlong word is not reported");
    char all[1024] = "";
    for (size_t l = 0; l < p.out.n; l++) {
        CHECK(p.out.lines[l].width <= col + 1e-3, "line %zu is %.3f wide", l, p.out.lines[l].width);
        strcat(all, p.lines[l]);
    }
    CHECK_STR(all, url);

    /* with words around it: those still break at spaces */
    char text[512];
    snprintf(text, sizeof text, "Xem tại %s để biết thêm.", url);
    CHECK(lay_text(text, VB_FACE_REGULAR, 14, col, VB_ALIGN_LEFT, &p) && p.out.overfull);
    CHECK(p.out.n >= 3 && !strncmp(p.lines[0], "Xem tại", strlen("Xem tại")), "first line '%s'", p.lines[0]);

    /* a word that fits is not overfull */
    CHECK(lay_text("khuyến công", VB_FACE_REGULAR, 14, col, VB_ALIGN_LEFT, &p) && !p.out.overfull);
}

static void test_vietnamese(void)
{
    para p;
    /* every letter with a diacritic, as words of a paragraph in a narrow
     * column: each line's text is whole characters, the lines together give
     * back the input, and the runs' widths are the fonts' advances */
    char text[1024];
    snprintf(text, sizeof text, "%s %s %s %s", VI_LOWER, VI_UPPER, "Đồng Tháp", "Ủy ban nhân dân huyện Lấp Vò");
    /* split the two alphabets into words of six letters so they fit a line */
    char words[1024];
    size_t o = 0, letters = 0;
    for (size_t i = 0; text[i];) {
        uint32_t cp;
        size_t k = vb_utf8_decode(text + i, strlen(text + i), &cp);
        if (!k)
            break;
        if (cp == ' ')
            letters = 0;
        else if (letters == 6) {
            words[o++] = ' ';
            letters = 0;
        }
        memcpy(words + o, text + i, k);
        o += k;
        i += k;
        if (cp != ' ')
            letters++;
    }
    words[o] = 0;
    for (int f = 0; f < VB_FACE_COUNT; f++) {
        CHECK(lay_text(words, (vb_face_id)f, 14, 160, VB_ALIGN_LEFT, &p) && p.out.n >= 4, "face %d: %zu lines", f,
              p.out.n);
        char all[2048];
        joined(&p, all, sizeof all);
        CHECK_STR(all, words);
        for (size_t l = 0; l < p.out.n; l++) {
            CHECK(vb_utf8_check(p.lines[l], strlen(p.lines[l])) == strlen(p.lines[l]), "line %zu is not whole characters", l);
            CHECK(fabs(p.out.lines[l].width - ft_width((vb_face_id)f, 14, p.lines[l])) < 1e-3,
                  "face %d line %zu '%s': %.4f, FreeType %.4f", f, l, p.lines[l], p.out.lines[l].width,
                  ft_width((vb_face_id)f, 14, p.lines[l]));
            CHECK(p.out.lines[l].width <= 160 + 1e-3);
        }
    }
    /* one glyph per letter: NFC letters have precomposed glyphs */
    CHECK(lay_text(VI_LOWER, VB_FACE_REGULAR, 14, 2000, VB_ALIGN_LEFT, &p) && p.out.n == 1);
    if (p.out.n == 1)
        CHECK(p.out.lines[0].n_runs == 1 && p.out.lines[0].runs[0].n == 67, "%u glyphs for 67 letters",
              p.out.lines[0].runs[0].n);

    /* mixed faces on one line: one run per face, each starting where the
     * previous one ends */
    vb_piece pcs[] = {
        {.text = "Điều 1. ", .len = strlen("Điều 1. "), .face = VB_FACE_BOLD, .size = 14},
        {.text = "Phạm vi điều chỉnh", .len = strlen("Phạm vi điều chỉnh"), .face = VB_FACE_REGULAR, .size = 14},
    };
    vb_para_in in = para_in(pcs, 2, 400, VB_ALIGN_LEFT);
    CHECK(lay(&in, &p) && p.out.n == 1 && p.out.lines[0].n_runs == 2, "%zu lines", p.out.n);
    if (p.out.n == 1 && p.out.lines[0].n_runs == 2) {
        const vb_glyph_run *a = p.out.lines[0].runs, *b = a + 1;
        CHECK(a->face == VB_FACE_BOLD && b->face == VB_FACE_REGULAR);
        CHECK(fabs(b->x - (a->x + a->width)) < 1e-3 && fabs(a->width - ft_width(VB_FACE_BOLD, 14, "Điều 1. ")) < 1e-3,
              "second run at %.3f, first %.3f wide", b->x, a->width);
        CHECK_STR(p.lines[0], "Điều 1. Phạm vi điều chỉnh");
    }
}

int main(void)
{
    vb_diag diag;
    vb_diag_init(&diag);
    vb_fontset *fs = NULL;
    if (vb_fontset_load(&fs, FONT_PATHS, &diag) || FT_Init_FreeType(&ft)) {
        vb_diag_print(&diag, stderr, 1);
        fprintf(stderr, "test_shape: cannot load the fonts (run it from the repository root)\n");
        return 1;
    }
    for (int f = 0; f < VB_FACE_COUNT; f++)
        if (FT_New_Face(ft, FONT_PATHS[f], 0, &ft_face[f])) {
            fprintf(stderr, "test_shape: FreeType cannot open %s\n", FONT_PATHS[f]);
            return 1;
        }
    vb_style_load("layouts/nd30.xml", &st, &diag);
    sh = vb_shaper_new(fs);
    arena = vb_arena_new();
    if (!st || !sh || !arena) {
        vb_diag_print(&diag, stderr, 1);
        fprintf(stderr, "test_shape: cannot load layouts/nd30.xml\n");
        return 1;
    }

    test_widths();
    test_breaks();
    test_forced_breaks();
    test_centred_and_balanced();
    test_justified();
    test_known_breaks();
    test_overfull();
    test_vietnamese();
    test_word_cache();
    test_space_breaks();

    vb_arena_free(arena);
    vb_shaper_free(sh);
    vb_style_free(st);
    for (int f = 0; f < VB_FACE_COUNT; f++)
        FT_Done_Face(ft_face[f]);
    FT_Done_FreeType(ft);
    vb_fontset_free(fs);
    vb_diag_free(&diag);
    return DONE();
}
