/* shape.c - the shaper: HarfBuzz buffers and fonts, and the width of a
 * piece of text. A paragraph's lines are shape_para.c's. */
#include "shape_priv.h"

#include <hb.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>


static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

void vb_shape_global_init(void)
{
    pthread_once(&lb_once, init_linebreak);
}

vb_shaper *vb_shaper_new(const vb_fontset *fs)
{
    vb_shape_global_init();
    vb_shaper *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fs = fs;
    s->buf = hb_buffer_create();
    s->scratch = vb_arena_new();
    if (!hb_buffer_allocation_successful(s->buf) || !s->scratch) {
        vb_shaper_free(s);
        return NULL;
    }
    /* No kerning and no ligatures: Word and LibreOffice set Times New Roman
     * without either by default, so the DOCX breaks lines where we do; a
     * ligature would also merge letters in the text layer. */
    hb_feature_from_string("-kern", -1, &s->features[0]);
    hb_feature_from_string("-liga", -1, &s->features[1]);
    hb_feature_from_string("-clig", -1, &s->features[2]);
    return s;
}

void vb_shaper_free(vb_shaper *s)
{
    if (!s)
        return;
    hb_buffer_destroy(s->buf);
    vb_arena_free(s->scratch);
    free(s);
}

void vb_shape_buffer(vb_shaper *s, vb_face_id face, const char *text, size_t len)
{
    hb_buffer_clear_contents(s->buf);
    hb_buffer_add_utf8(s->buf, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(s->buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(s->buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(s->buf, hb_language_from_string("vi", 2));
    hb_buffer_set_cluster_level(s->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(s->fs->face[face].font, s->buf, s->features, 3);
}

double vb_shape_width(vb_shaper *s, vb_face_id face, double size, const char *text, size_t len)
{
    vb_shape_buffer(s, face, text, len);
    unsigned n;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(s->buf, &n);
    int64_t w = 0;
    for (unsigned i = 0; i < n; i++)
        w += pos[i].x_advance;
    return (double)w * size / s->fs->face[face].upem;
}
