/* arena.h - region allocator: one per document, freed in one call.
 *
 * Everything a document owns (model nodes, strings, laid-out pages) comes from
 * its arena and dies in vb_arena_free(). Not thread-safe: each document, and
 * each worker thread in batch mode, has its own. */
#ifndef VB_ARENA_H
#define VB_ARENA_H

#include <stddef.h>

typedef struct vb_arena vb_arena;

/* A new, empty arena. NULL when out of memory. */
vb_arena *vb_arena_new(void);

/* Frees every block the arena handed out. vb_arena_free(NULL) does nothing. */
void vb_arena_free(vb_arena *a);

/* Forgets every allocation but keeps the first block, for scratch reuse. */
void vb_arena_reset(vb_arena *a);

/* size bytes, zero-filled, aligned for any type. NULL when out of memory;
 * the arena stays usable. Valid until vb_arena_free / vb_arena_reset. */
void *vb_arena_alloc(vb_arena *a, size_t size);

/* size bytes, not zero-filled: for scratch arrays that are written before
 * they are read. */
void *vb_arena_alloc_raw(vb_arena *a, size_t size);

/* n elements of size bytes each, not zero-filled; NULL on overflow. */
void *vb_arena_array_raw(vb_arena *a, size_t n, size_t size);

/* n elements of size bytes each, zero-filled; NULL on overflow or no memory. */
void *vb_arena_calloc(vb_arena *a, size_t n, size_t size);

/* Grows an arena array: copies old_n elements into a new array of new_n. */
void *vb_arena_grow(vb_arena *a, void *old, size_t old_n, size_t new_n, size_t size);

/* A NUL-terminated copy of s[0..len). */
char *vb_arena_strndup(vb_arena *a, const char *s, size_t len);
char *vb_arena_strdup(vb_arena *a, const char *s);

/* printf into the arena (locale-dependent conversions: use fmt.h for numbers). */
char *vb_arena_printf(vb_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for limits and the benchmark). */
size_t vb_arena_used(const vb_arena *a);

#endif
