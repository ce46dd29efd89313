/* arena.c - bump allocator over a chain of blocks. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN 16
#define FIRST_BLOCK (64 * 1024)

typedef struct block {
    struct block *next;
    size_t cap, used;
    _Alignas(ALIGN) unsigned char data[];
} block;

struct vb_arena {
    block *head;  /* current block; older blocks follow through next */
    size_t total; /* bytes handed out */
};

static block *block_new(size_t cap)
{
    block *b = malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

vb_arena *vb_arena_new(void)
{
    vb_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->head = block_new(FIRST_BLOCK);
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void vb_arena_free(vb_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    free(a);
}

void vb_arena_reset(vb_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b->next) { /* keep only the oldest (first) block */
        block *n = b->next;
        free(b);
        b = n;
    }
    a->head = b;
    b->used = 0;
    a->total = 0;
}

void *vb_arena_alloc(vb_arena *a, size_t size)
{
    void *p = vb_arena_alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *vb_arena_array_raw(vb_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return vb_arena_alloc_raw(a, n * size);
}

void *vb_arena_alloc_raw(vb_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size)
        return NULL;
    block *b = a->head;
    if (b->cap - b->used < need) {
        size_t cap = b->cap * 2;
        if (cap < need)
            cap = need;
        if (cap > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = block_new(cap);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    return p;
}

void *vb_arena_calloc(vb_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return vb_arena_alloc(a, n * size);
}

void *vb_arena_grow(vb_arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p = vb_arena_calloc(a, new_n, size);
    if (p && old && old_n)
        memcpy(p, old, (old_n < new_n ? old_n : new_n) * size);
    return p;
}

char *vb_arena_strndup(vb_arena *a, const char *s, size_t len)
{
    char *p = vb_arena_alloc(a, len + 1);
    if (p && len)
        memcpy(p, s, len);
    return p;
}

char *vb_arena_strdup(vb_arena *a, const char *s)
{
    return vb_arena_strndup(a, s, strlen(s));
}

char *vb_arena_printf(vb_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = vb_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t vb_arena_used(const vb_arena *a)
{
    return a ? a->total : 0;
}
