/* page.c - looking things up in the page model. */
#include "page.h"

#include <string.h>

#include "arena.h"
#include "blocks.h"

const void *vb_block_src(const vb_tblock *b)
{
    return b->node ? (const void *)b->node : (const void *)b;
}

static size_t key_hash(int role, const void *src)
{
    uint64_t h = (uint64_t)(uintptr_t)src * 0x9E3779B97F4A7C15ull ^ (uint64_t)(unsigned)role * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29));
}

int vb_pages_index(vb_pages *P, vb_arena *a)
{
    size_t cap = 16;
    while (cap < P->n_paras * 2)
        cap *= 2;
    uint32_t *ix = vb_arena_calloc(a, cap, sizeof *ix);
    if (!ix)
        return 0;
    for (size_t i = 0; i < P->n_paras; i++) {
        const vb_para_rec *r = &P->paras[i];
        size_t h = key_hash(r->role, r->src) & (cap - 1);
        for (;; h = (h + 1) & (cap - 1)) {
            if (!ix[h]) {
                ix[h] = (uint32_t)(i + 1);
                break;
            }
            const vb_para_rec *o = &P->paras[ix[h] - 1];
            if (o->role == r->role && o->src == r->src)
                break; /* the first one set wins */
        }
    }
    P->para_index = ix;
    P->para_index_cap = cap;
    return 1;
}

const vb_para_rec *vb_pages_para(const vb_pages *P, int role, const void *src)
{
    if (!P || !P->para_index_cap)
        return NULL;
    size_t cap = P->para_index_cap;
    for (size_t h = key_hash(role, src) & (cap - 1); P->para_index[h]; h = (h + 1) & (cap - 1)) {
        const vb_para_rec *r = &P->paras[P->para_index[h] - 1];
        if (r->role == role && r->src == src)
            return r;
    }
    return NULL;
}

const vb_table_rec *vb_pages_table(const vb_pages *P, const void *src)
{
    for (size_t i = 0; P && i < P->n_tables; i++)
        if (P->tables[i].src == src)
            return &P->tables[i];
    return NULL;
}

const vb_signer_rec *vb_pages_signer(const vb_pages *P, const void *src)
{
    for (size_t i = 0; P && i < P->n_signers; i++)
        if (P->signers[i].src == src)
            return &P->signers[i];
    return NULL;
}

const vb_unit_rec *vb_pages_unit(const vb_pages *P, vb_unit_kind kind, const void *src)
{
    for (size_t i = 0; P && i < P->n_units; i++)
        if (P->units[i].kind == kind && P->units[i].src == src)
            return &P->units[i];
    return NULL;
}

void vb_section_init(vb_section_rec *s, const vb_style *st, int landscape, int restart, int page1, int address)
{
    memset(s, 0, sizeof *s);
    s->landscape = landscape;
    s->restart = restart;
    /* page numbers start at 1 in the first section and after a restart, and
     * page 1 of a flow shows none (layout's page_numbers) */
    s->first_unnumbered = page1 || restart;
    s->page1 = page1;
    s->page_w = landscape ? st->page_h : st->page_w;
    s->page_h = landscape ? st->page_w : st->page_h;
    s->margin_top = st->margin_top;
    s->margin_right = st->margin_right;
    s->margin_bottom = st->margin_bottom;
    s->margin_left = st->margin_left;
    s->header_dist = st->header_distance;
    /* the address footer (ô 13) ends on page 1's bottom margin */
    s->footer_dist = address ? st->margin_bottom : st->header_distance;
    s->text_w = s->page_w - st->margin_left - st->margin_right;
}

double vb_para_rec_height(const vb_para_rec *p)
{
    return (double)p->n_lines * p->pitch;
}
