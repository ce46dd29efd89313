/* lexicon.c - a set of word keys in an open-addressing hash table.
 *
 * The table is an array of offsets into one pool of keys (each a length
 * byte then the key's bytes), so that the table data/vi-words makes can be
 * made at build time (src/gen/lexgen.c writes lexdata.c) and used in place:
 * the engine then starts without building 12,000 keys. */
#include "lexicon.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct vb_lexicon {
    const vb_lexicon *parent;
    const uint32_t *off; /* cap slots: where a key starts in pool; 0: empty */
    const char *pool;    /* the keys, each its length (one byte) then its bytes */
    size_t cap, n;       /* slots (a power of two) and keys */
    size_t used, room;   /* bytes of pool in use and allocated */
    int builtin;         /* the table made at build time: read-only, not ours to free */
};

/* The table lexdata.c holds (src/gen/lexgen.c). */
extern const uint64_t vb_lexdata_sum;
extern const size_t vb_lexdata_cap, vb_lexdata_n, vb_lexdata_used;
extern const uint32_t vb_lexdata_off[];
extern const char vb_lexdata_pool[];

/* The toneless vowel (high bits) and tone (low 3 bits: 0, then huyền, hỏi,
 * ngã, sắc, nặng as 1 to 5) of each lower-case Vietnamese vowel, by code
 * point; 0 for every other character. Two ranges hold them all: Latin-1 to
 * Latin Extended-B (à … ư) and Latin Extended Additional (ạ … ỹ). A table
 * instead of a search through the vowel rows: building the key of every
 * word of the lexicon was most of the engine's start-up. */
static const uint16_t UNTONE_LATIN[0x1B0 - 0xE0 + 1] = {
    0x309, 0x30C, 0x710, 0x30B, 0, 0, 0, 0, 0x329, 0x32C, 0x750, 0, 0x349, 0x34C, 0, 0, 0, 0, 0x379, 0x37C,
    0x7A0, 0x37B, 0, 0, 0, 0x3A9, 0x3AC, 0, 0, 0x3CC, 0, 0, 0, 0, 0, 0x818, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x34B, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3AB, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0xD08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xD80,
};
static const uint16_t UNTONE_EXT[0x1EF9 - 0x1EA0 + 1] = {
    0, 0x30D, 0, 0x30A, 0, 0x714, 0, 0x711, 0, 0x712, 0, 0x713, 0, 0x715, 0, 0x81C, 0, 0x819, 0, 0x81A, 0,
    0x81B, 0, 0x81D, 0, 0x32D, 0, 0x32A, 0, 0x32B, 0, 0x754, 0, 0x751, 0, 0x752, 0, 0x753, 0, 0x755, 0, 0x34A,
    0, 0x34D, 0, 0x37D, 0, 0x37A, 0, 0x7A4, 0, 0x7A1, 0, 0x7A2, 0, 0x7A3, 0, 0x7A5, 0, 0xD0C, 0, 0xD09, 0,
    0xD0A, 0, 0xD0B, 0, 0xD0D, 0, 0x3AD, 0, 0x3AA, 0, 0xD84, 0, 0xD81, 0, 0xD82, 0, 0xD83, 0, 0xD85, 0, 0x3C9,
    0, 0x3CD, 0, 0x3CA, 0, 0x3CB,
};

/* Lower case for the letters Vietnamese uses (and their neighbours in the
 * same blocks, which pair upper and lower case the same way). */
static uint32_t lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    if (c >= 0x100 && c <= 0x177 && c != 0x130 && c != 0x138 && c != 0x149)
        return (c >= 0x139 && c <= 0x148) ? (c & 1 ? c + 1 : c) : (c | 1);
    if (c == 0x1A0 || c == 0x1AF)
        return c + 1;
    if (c >= 0x1E00 && c <= 0x1EFF)
        return c | 1;
    return c;
}

/* The toneless vowel and the tone (0 to 5) of a lower-case letter; other
 * letters come back as they are with tone 0. */
static uint32_t untone(uint32_t c, int *tone)
{
    unsigned v = 0;
    if (c >= 0xE0 && c <= 0x1B0)
        v = UNTONE_LATIN[c - 0xE0];
    else if (c >= 0x1EA0 && c <= 0x1EF9)
        v = UNTONE_EXT[c - 0x1EA0];
    *tone = (int)(v & 7);
    return v ? v >> 3 : c;
}

static int is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xDF && c <= 0x24F && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

size_t vb_lexicon_key(const char *word, size_t len, char *out, size_t cap)
{
    size_t o = 0, at = 0;
    int tone = 0, syl = 0;
    while (at <= len) {
        uint32_t c = ' ';
        size_t k = 1;
        if (at < len && (unsigned char)word[at] < 0x80)
            c = (unsigned char)word[at];
        else if (at < len && !(k = vb_utf8_decode(word + at, len - at, &c)))
            return 0;
        at += k;
        if (c == ' ') {
            if (!syl)
                continue; /* several spaces count as one */
            if (tone) {
                if (o + 1 >= cap)
                    return 0;
                out[o++] = (char)('0' + tone);
            }
            if (at <= len) {
                if (o + 1 >= cap)
                    return 0;
                out[o++] = ' ';
            }
            tone = syl = 0;
            continue;
        }
        int t;
        c = untone(lower(c), &t);
        if (!is_letter(c))
            return 0;
        if (t)
            tone = t;
        char buf[4];
        size_t m = vb_utf8_encode(c, buf);
        if (o + m >= cap)
            return 0;
        memcpy(out + o, buf, m);
        o += m;
        syl = 1;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = 0;
    return o;
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

vb_lexicon *vb_lexicon_new(const vb_lexicon *parent)
{
    vb_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->parent = parent;
    return lx;
}

void vb_lexicon_free(vb_lexicon *lx)
{
    if (!lx || lx->builtin)
        return;
    free((void *)lx->off);
    free((void *)lx->pool);
    free(lx);
}

int vb_lexicon_is_builtin(const vb_lexicon *lx)
{
    return lx && lx->builtin;
}

size_t vb_lexicon_size(const vb_lexicon *lx)
{
    return lx ? lx->n : 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const vb_lexicon *lx, const char *key, size_t len)
{
    size_t i = (size_t)hash(key, len) & (lx->cap - 1);
    for (;; i = (i + 1) & (lx->cap - 1)) {
        uint32_t at = lx->off[i];
        if (!at)
            return i;
        const unsigned char *k = (const unsigned char *)lx->pool + at;
        if (k[0] == len && memcmp(k + 1, key, len) == 0)
            return i;
    }
}

static int grow(vb_lexicon *lx)
{
    size_t ncap = lx->cap ? lx->cap * 2 : 1024;
    const uint32_t *old = lx->off;
    size_t ocap = lx->cap;
    uint32_t *off = calloc(ncap, sizeof *off);
    if (!off)
        return 0;
    lx->off = off;
    lx->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i]) {
            const char *k = lx->pool + old[i];
            off[find(lx, k + 1, (unsigned char)k[0])] = old[i];
        }
    free((void *)old);
    return 1;
}

/* Appends key to the pool; its offset, or 0 when out of memory. */
static uint32_t pool_add(vb_lexicon *lx, const char *key, size_t n)
{
    if (!lx->used)
        lx->used = 1; /* offset 0 means an empty slot */
    if (lx->used + n + 1 > lx->room) {
        size_t room = lx->room ? lx->room * 2 : 4096;
        while (room < lx->used + n + 1)
            room *= 2;
        if (room > UINT32_MAX)
            return 0;
        char *pool = realloc((void *)lx->pool, room);
        if (!pool)
            return 0;
        lx->pool = pool;
        lx->room = room;
    }
    char *at = (char *)lx->pool + lx->used;
    at[0] = (char)n;
    memcpy(at + 1, key, n);
    uint32_t off = (uint32_t)lx->used;
    lx->used += n + 1;
    return off;
}

int vb_lexicon_add(vb_lexicon *lx, const char *word, size_t len)
{
    char key[256];
    size_t n = vb_lexicon_key(word, len, key, sizeof key);
    if (!n)
        return 1; /* not a word we could ever match: nothing to keep */
    int syl = 1;
    for (size_t i = 0; i < n; i++)
        syl += key[i] == ' ';
    if (syl < 2 || syl > VB_LEX_MAX_SYL || lx->builtin)
        return 1;
    if ((lx->n + 1) * 2 > lx->cap && !grow(lx))
        return 0;
    size_t i = find(lx, key, n);
    if (lx->off[i])
        return 1;
    uint32_t off = pool_add(lx, key, n);
    if (!off)
        return 0;
    ((uint32_t *)lx->off)[i] = off;
    lx->n++;
    return 1;
}

int vb_lexicon_has_key(const vb_lexicon *lx, const char *key, size_t len)
{
    for (; lx; lx = lx->parent)
        if (lx->cap && lx->off[find(lx, key, len)])
            return 1;
    return 0;
}

/* Adds the words of text (a word list's contents, lexicon.h's format). */
static vb_err add_text(vb_lexicon *lx, const char *text, size_t len, const char *path, vb_diag *diag)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, len -= 3;
    uint32_t ln = 0;
    for (size_t at = 0; at < len;) {
        const char *line = text + at;
        const char *nl = memchr(line, '\n', len - at);
        size_t end = nl ? (size_t)(nl - line) : len - at;
        at += end + 1;
        ln++;
        size_t n = 0;
        while (n < end && line[n] != '\t' && line[n] != '\r')
            n++;
        if (!n || line[0] == '#')
            continue;
        if (vb_utf8_check(line, n) != n) {
            vb_diag_emit(diag, (vb_srcpos){path, ln, 1}, VB_ERROR, "the word list is not UTF-8");
            return VB_ERR_INPUT;
        }
        if (!vb_lexicon_add(lx, line, n)) {
            vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "out of memory reading the word list");
            return VB_ERR_NOMEM;
        }
    }
    return VB_OK;
}

/* The whole of a file into *out (malloc'd, *len bytes); a missing file that
 * is not required gives VB_OK with *out NULL. */
static vb_err slurp(const char *path, int required, char **out, size_t *len, vb_diag *diag)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!required && errno == ENOENT)
            return VB_OK;
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the word list: %s", strerror(errno));
        return VB_ERR_IO;
    }
    size_t room = 1 << 16, n = 0;
    char *buf = malloc(room);
    while (buf) {
        n += fread(buf + n, 1, room - n, f);
        if (n < room)
            break;
        char *more = realloc(buf, room *= 2);
        if (!more)
            free(buf);
        buf = more;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf) {
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "out of memory reading the word list");
        return VB_ERR_NOMEM;
    }
    if (bad) {
        free(buf);
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the word list: %s", strerror(EIO));
        return VB_ERR_IO;
    }
    *out = buf;
    *len = n;
    return VB_OK;
}

vb_err vb_lexicon_load(vb_lexicon *lx, const char *path, int required, vb_diag *diag)
{
    char *text;
    size_t len;
    vb_err err = slurp(path, required, &text, &len, diag);
    if (!err && text)
        err = add_text(lx, text, len, path, diag);
    free(text);
    return err;
}

uint64_t vb_lexicon_sum(uint64_t sum, const char *data, size_t len)
{
    /* FNV-1a over 8-byte words, then the tail and the length: a checksum
     * to recognise the files the built-in table was made from, not a
     * defence against anyone. */
    uint64_t h = sum ^ 0x9E3779B97F4A7C15ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)data[i]) * 1099511628211ull;
    return (h ^ len) * 1099511628211ull;
}

/* The built-in table as a lexicon, made once for every engine and thread. */
static vb_lexicon builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    builtin = (vb_lexicon){NULL, vb_lexdata_off, vb_lexdata_pool, vb_lexdata_cap, vb_lexdata_n,
                           vb_lexdata_used, vb_lexdata_used, 1};
}

vb_err vb_lexicon_open(const char *const *paths, size_t count, vb_lexicon **out, vb_diag *diag)
{
    uint64_t sum;
    return vb_lexicon_open_sum(paths, count, out, &sum, diag);
}

vb_err vb_lexicon_open_sum(const char *const *paths, size_t count, vb_lexicon **out, uint64_t *sum_out, vb_diag *diag)
{
    char *text[VB_LEX_MAX_FILES] = {0};
    size_t len[VB_LEX_MAX_FILES] = {0};
    uint64_t sum = 0;
    vb_err err = VB_OK;
    *out = NULL;
    if (count > VB_LEX_MAX_FILES)
        count = VB_LEX_MAX_FILES;
    for (size_t i = 0; !err && i < count; i++)
        if (!(err = slurp(paths[i], 0, &text[i], &len[i], diag)))
            sum = vb_lexicon_sum(sum, text[i] ? text[i] : "", len[i]);
    if (err)
        goto done;
    *sum_out = sum;
    if (vb_lexdata_cap && sum == vb_lexdata_sum) {
        /* the files the program was built with: their table is ready */
        pthread_once(&builtin_once, builtin_init);
        *out = &builtin;
        goto done;
    }
    if (!(*out = vb_lexicon_new(NULL))) {
        vb_diag_emit(diag, (vb_srcpos){paths[0], 0, 0}, VB_ERROR, "out of memory reading the word list");
        err = VB_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; !err && i < count; i++)
        if (text[i])
            err = add_text(*out, text[i], len[i], paths[i], diag);
    if (err) {
        vb_lexicon_free(*out);
        *out = NULL;
    }
done:
    for (size_t i = 0; i < count; i++)
        free(text[i]);
    return err;
}

int vb_lexicon_write_c(const vb_lexicon *lx, uint64_t sum, FILE *out)
{
    fprintf(out, "/* Generated by src/gen/lexgen.c from data/vi-words: do not edit. */\n"
                 "#include <stddef.h>\n#include <stdint.h>\n"
                 "const uint64_t vb_lexdata_sum = 0x%016llxull;\n"
                 "const size_t vb_lexdata_cap = %zu, vb_lexdata_n = %zu, vb_lexdata_used = %zu;\n"
                 "const uint32_t vb_lexdata_off[%zu] = {",
            (unsigned long long)sum, lx->cap, lx->n, lx->used, lx->cap ? lx->cap : 1);
    if (!lx->cap)
        fputs("0,", out);
    for (size_t i = 0; i < lx->cap; i++)
        fprintf(out, "%s%u,", i % 16 ? "" : "\n", (unsigned)lx->off[i]);
    fprintf(out, "\n};\nconst char vb_lexdata_pool[%zu] = {", lx->used ? lx->used : 1);
    if (!lx->used)
        fputs("0,", out);
    for (size_t i = 0; i < lx->used; i++)
        fprintf(out, "%s%d,", i % 24 ? "" : "\n", (int)(signed char)lx->pool[i]);
    fprintf(out, "\n};\n");
    return !ferror(out);
}
