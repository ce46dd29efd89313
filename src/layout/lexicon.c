/* lexicon.c - a set of word keys in an open-addressing hash table. */
#include "lexicon.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct vb_lexicon {
    const vb_lexicon *parent;
    char **slot; /* cap entries, NULL: empty */
    size_t cap, n;
};

/* The vowels with their tones: each row is the toneless vowel, then with
 * huyền, hỏi, ngã, sắc, nặng (digits 1 to 5 in a key). */
static const char *const TONES[] = {
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
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
    *tone = 0;
    if (c < 0xC0)
        return c;
    for (size_t r = 0; r < sizeof TONES / sizeof TONES[0]; r++) {
        const char *s = TONES[r];
        size_t len = strlen(s), at = 0;
        uint32_t base = 0;
        for (int t = 0; at < len; t++) {
            uint32_t v;
            at += vb_utf8_decode(s + at, len - at, &v);
            if (t == 0)
                base = v;
            if (v == c) {
                *tone = t;
                return base;
            }
        }
    }
    return c;
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
        if (at < len) {
            k = vb_utf8_decode(word + at, len - at, &c);
            if (!k)
                return 0;
        }
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
    if (!lx)
        return;
    for (size_t i = 0; i < lx->cap; i++)
        free(lx->slot[i]);
    free(lx->slot);
    free(lx);
}

size_t vb_lexicon_size(const vb_lexicon *lx)
{
    return lx ? lx->n : 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const vb_lexicon *lx, const char *key, size_t len)
{
    size_t i = (size_t)hash(key, len) & (lx->cap - 1);
    while (lx->slot[i] && (strlen(lx->slot[i]) != len || memcmp(lx->slot[i], key, len) != 0))
        i = (i + 1) & (lx->cap - 1);
    return i;
}

static int grow(vb_lexicon *lx)
{
    size_t ncap = lx->cap ? lx->cap * 2 : 1024;
    char **old = lx->slot;
    size_t ocap = lx->cap;
    lx->slot = calloc(ncap, sizeof *lx->slot);
    if (!lx->slot) {
        lx->slot = old;
        return 0;
    }
    lx->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i])
            lx->slot[find(lx, old[i], strlen(old[i]))] = old[i];
    free(old);
    return 1;
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
    if (syl < 2 || syl > VB_LEX_MAX_SYL)
        return 1;
    if ((lx->n + 1) * 2 > lx->cap && !grow(lx))
        return 0;
    size_t i = find(lx, key, n);
    if (lx->slot[i])
        return 1;
    if (!(lx->slot[i] = malloc(n + 1)))
        return 0;
    memcpy(lx->slot[i], key, n + 1);
    lx->n++;
    return 1;
}

int vb_lexicon_has_key(const vb_lexicon *lx, const char *key, size_t len)
{
    for (; lx; lx = lx->parent)
        if (lx->cap && lx->slot[find(lx, key, len)])
            return 1;
    return 0;
}

vb_err vb_lexicon_load(vb_lexicon *lx, const char *path, int required, vb_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!required && errno == ENOENT)
            return VB_OK;
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the word list: %s", strerror(errno));
        return VB_ERR_IO;
    }
    vb_err err = VB_OK;
    char line[1024];
    uint32_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t n = strcspn(line, "\t\r\n");
        if (!n || line[0] == '#')
            continue;
        if (ln == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            memmove(line, line + 3, (n -= 3) + 1);
        if (vb_utf8_check(line, n) != n) {
            vb_diag_emit(diag, (vb_srcpos){path, ln, 1}, VB_ERROR, "the word list is not UTF-8");
            err = VB_ERR_INPUT;
            break;
        }
        if (!vb_lexicon_add(lx, line, n)) {
            vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "out of memory reading the word list");
            err = VB_ERR_NOMEM;
            break;
        }
    }
    if (!err && ferror(f)) {
        vb_diag_emit(diag, (vb_srcpos){path, 0, 0}, VB_ERROR, "cannot read the word list: %s", strerror(errno));
        err = VB_ERR_IO;
    }
    fclose(f);
    return err;
}
