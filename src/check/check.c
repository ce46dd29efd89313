/* check.c - the linter (check.h): the decree's rules that the schema cannot
 * state, on a document the reader has accepted.
 *
 * Two sources: the model, for what the user typed in each field (its spans
 * carry their positions), and the input's own bytes, for what the model no
 * longer holds (letters typed decomposed, which the reader has put in NFC)
 * and for positions inside a text or an attribute. The bytes are looked at
 * only when the input is Unicode (UTF-8 or UTF-16), the text the reader's
 * positions count in; a file in an 8-bit encoding gets the model's
 * positions and no byte checks.
 *
 * The rules the reader enforces itself (spaces in a notation, dates that do
 * not exist, a tham_quyen repeating its own prefix, a typed Quốc hiệu or
 * motto that differs from the decree's, "- " and ";" typed in a <nhan>) are
 * not repeated here: the linter runs only on documents the reader accepted. */
#include "check.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "derive.h"
#include "legacy_tables.h"
#include "utf8.h"

/* ---- characters ------------------------------------------------------------------- */

static int is_mark(uint32_t cp)
{
    return cp >= 0x300 && cp <= 0x36F;
}

static int is_letter(uint32_t cp)
{
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_lower(uint32_t cp)
{
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static uint32_t lower(uint32_t cp)
{
    return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

static int is_ascii_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* The code point at s[i] (and its length in *k, at least 1: a bad byte
 * counts as itself). */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *k)
{
    uint32_t cp = 0;
    size_t n = vb_utf8_decode(s + i, len - i, &cp);
    if (!n) {
        n = 1;
        cp = (unsigned char)s[i];
    }
    *k = n;
    return cp;
}

/* True when s[0..n) and lit are the same letters, ignoring case. */
static int same_fold(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit), i = 0, j = 0;
    while (i < n && j < m) {
        size_t a, b;
        uint32_t x = cp_at(s, n, i, &a), y = cp_at(lit, m, j, &b);
        if (lower(x) != lower(y))
            return 0;
        i += a;
        j += b;
    }
    return i == n && j == m;
}

static int starts_with(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

/* ---- legacy encodings (data/legacy/LEGACY.md §3) ------------------------------------ */

/* Letters Unicode Vietnamese has and Windows-1252 lacks: text holding one is
 * Unicode already. */
static int is_vietnamese_unicode(uint32_t cp)
{
    switch (cp) {
    case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
    case 0x168: case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
        return 1;
    default:
        return cp >= 0x1EA0 && cp <= 0x1EF9;
    }
}

/* TCVN3 letters that Windows-1252 shows as symbols (¡ § µ · × ÷ …). */
static int is_tcvn3_symbol(uint32_t cp)
{
    return (cp >= 0xA1 && cp <= 0xAE) || (cp >= 0xB5 && cp <= 0xB9) || (cp >= 0xBB && cp <= 0xBE) || cp == 0xD7 ||
           cp == 0xF7;
}

static int vni_base(uint32_t cp)
{
    for (int i = 0; i < VB_VNI_N_BASES; i++)
        if (vb_vni_bases[i] == cp)
            return i;
    return -1;
}

/* The VNI letter a base and a mark make, or 0. */
static uint32_t vni_pair(uint32_t base, uint32_t mark)
{
    int b = vni_base(base);
    return b >= 0 && mark >= 0xC0 && mark <= 0xFF ? vb_vni_pair[b][mark - 0xC0] : 0;
}

static uint32_t tcvn3_letter(uint32_t cp, int capitals)
{
    if (cp < 0xA0 || cp > 0xFF)
        return 0;
    return capitals ? vb_tcvn3_upper[cp - 0xA0] : vb_tcvn3_lower[cp - 0xA0];
}

/* A word may hold ASCII letters and anything of Latin-1 that a legacy font
 * draws as a letter; U+00A0 is a space in both encodings. */
static int legacy_word_char(uint32_t cp)
{
    return is_ascii_letter(cp) || (cp >= 0xA1 && cp <= 0xFF);
}

/* The vowels of Vietnamese with each tone: none, huyền, sắc, hỏi, ngã, nặng. */
static const uint32_t vowel_forms[12][6] = {
    {0x61, 0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1},        /* a */
    {0x103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7},  /* ă */
    {0xE2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD},   /* â */
    {0x65, 0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9},       /* e */
    {0xEA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7},   /* ê */
    {0x69, 0xEC, 0xED, 0x1EC9, 0x129, 0x1ECB},        /* i */
    {0x6F, 0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD},         /* o */
    {0xF4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9},   /* ô */
    {0x1A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3},  /* ơ */
    {0x75, 0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5},        /* u */
    {0x1B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1},  /* ư */
    {0x79, 0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5},     /* y */
};

static const char *const onsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c",
                                     "d",   "đ",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v",
                                     "x",   ""};

/* Every rhyme (vần) of Vietnamese, without its tone. */
static const char *const rhymes[] = {
    "a", "ai", "ao", "au", "ay", "am", "an", "ang", "anh", "ac", "ach", "ap", "at",
    "ăm", "ăn", "ăng", "ăc", "ăp", "ăt",
    "âm", "ân", "âng", "âc", "âp", "ât", "âu", "ây",
    "e", "eo", "em", "en", "eng", "ec", "ep", "et",
    "ê", "êu", "êm", "ên", "ênh", "êc", "êch", "êp", "êt",
    "i", "ia", "iu", "im", "in", "inh", "ic", "ich", "ip", "it",
    "iêu", "iêm", "iên", "iêng", "iêc", "iêp", "iêt",
    "o", "oa", "oai", "oay", "oao", "oam", "oan", "oang", "oanh", "oac", "oach", "oap", "oat",
    "oăm", "oăn", "oăng", "oăc", "oăt", "oe", "oeo", "oem", "oen", "oet",
    "oi", "om", "on", "ong", "oc", "op", "ot", "oong", "ooc",
    "ô", "ôi", "ôm", "ôn", "ông", "ôc", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ua", "uân", "uâng", "uât", "uây", "uê", "uênh", "uêch",
    "uy", "uya", "uyu", "uyên", "uyêt", "uynh", "uych", "uyt", "uyn",
    "ui", "um", "un", "ung", "uc", "up", "ut",
    "uôi", "uôm", "uôn", "uông", "uôc", "uôt", "uơ",
    "ư", "ưa", "ưi", "ưu", "ưm", "ưn", "ưng", "ưc", "ưt",
    "ươi", "ươu", "ươm", "ươn", "ương", "ươc", "ươp", "ươt",
    "y", "yêu", "yêm", "yên", "yêt",
};

static int is_rhyme(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof rhymes / sizeof *rhymes; i++)
        if (rhymes[i][0] == s[0] && strlen(rhymes[i]) == n && memcmp(rhymes[i], s, n) == 0)
            return 1;
    return 0;
}

/* True when cp[0..n) is one well-formed Vietnamese syllable: an onset, a
 * rhyme, at most one tone, and a stop (c ch p t) only with sắc or nặng. */
static int is_syllable(const uint32_t *cp, size_t n)
{
    char s[64];
    size_t k = 0;
    int tone = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = lower(cp[i]), base = 0;
        for (int v = 0; v < 12 && !base; v++)
            for (int t = 0; t < 6; t++)
                if (vowel_forms[v][t] == c) {
                    base = vowel_forms[v][0];
                    if (t) {
                        if (tone)
                            return 0;
                        tone = t;
                    }
                    break;
                }
        if (!base) {
            if (!((c >= 'a' && c <= 'z') || c == 0x111))
                return 0;
            base = c;
        }
        if (k + 4 >= sizeof s)
            return 0;
        k += vb_utf8_encode(base, s + k);
    }
    if (!k)
        return 0;
    for (size_t o = 0; o < sizeof onsets / sizeof *onsets; o++) {
        size_t ol = strlen(onsets[o]);
        if (ol >= k || memcmp(s, onsets[o], ol) != 0 || !is_rhyme(s + ol, k - ol))
            continue;
        char last = s[k - 1];
        int stop = last == 'c' || last == 'p' || last == 't' || (last == 'h' && k >= 2 && s[k - 2] == 'c');
        if (stop && tone != 2 && tone != 5)
            continue;
        return 1;
    }
    return 0;
}

/* Decodes a word in enc into out (room for n code points); 0 when some
 * character has no reading. */
static size_t decode_word(vb_legacy_enc enc, const uint32_t *w, size_t n, uint32_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i], u = 0;
        if (c < 0x80) {
            u = c;
        } else if (enc == VB_LEGACY_TCVN3) {
            u = tcvn3_letter(c, 0);
        } else {
            if (i > 0 && k > 0 && (u = vni_pair(w[i - 1], c)) != 0) {
                out[k - 1] = u; /* the base and its mark make one letter */
                continue;
            }
            u = c >= 0xA0 && c <= 0xFF ? vb_vni_single[c - 0xA0] : 0;
        }
        if (!u)
            return 0;
        out[k++] = u;
    }
    return k;
}

#define WORD_MAX 40

typedef struct legacy_stats {
    size_t words, nonascii, sig[3], ok[3];
} legacy_stats;

static void judge_word(const uint32_t *w, size_t n, int long_word, legacy_stats *st)
{
    st->words++;
    int nonascii = 0;
    for (size_t i = 0; i < n; i++)
        nonascii |= w[i] >= 0x80;
    if (!nonascii)
        return;
    st->nonascii++;
    if (long_word)
        return;
    /* stage 1: the signs of each encoding */
    int sig_t = 0, sig_v = 0, caps = 0, small = 0;
    for (size_t i = 0; i < n; i++) {
        caps |= w[i] >= 'A' && w[i] <= 'Z';
        small |= w[i] >= 'a' && w[i] <= 'z';
        if (is_tcvn3_symbol(w[i]) && n >= 2)
            sig_t = 1;
        if (i > 0 && w[i - 1] >= 'a' && w[i - 1] <= 'z' && w[i] >= 0xC0 && w[i] <= 0xDE && w[i] != 0xD7)
            sig_t = 1;
        if (i > 0 && vni_pair(w[i - 1], w[i]))
            sig_v = 1;
    }
    /* a heading set in a capital font (.VnTimeH) is typed with capitals and
     * the lowercase bytes of the toned letters: "THùC", "CéNG" */
    for (size_t i = 0; caps && !small && i < n; i++)
        if (w[i] >= 0xE0 && w[i] <= 0xFF && w[i] != 0xF7)
            sig_t = 1;
    if ((w[0] == 0xF1 || w[0] == 0xD1) && n >= 2)
        sig_v = 1;
    st->sig[VB_LEGACY_TCVN3] += (size_t)sig_t;
    st->sig[VB_LEGACY_VNI] += (size_t)sig_v;
    /* stage 2: does the word read as a syllable? */
    uint32_t d[WORD_MAX];
    size_t k;
    if ((k = decode_word(VB_LEGACY_TCVN3, w, n, d)) && is_syllable(d, k))
        st->ok[VB_LEGACY_TCVN3]++;
    if ((k = decode_word(VB_LEGACY_VNI, w, n, d)) && is_syllable(d, k))
        st->ok[VB_LEGACY_VNI]++;
}

/* The quick test: only text with Latin-1 letters and no Vietnamese Unicode
 * letter can be legacy text. Most paragraphs stop at their first ệ or ư. */
static int may_be_legacy(const char *s, size_t len)
{
    int latin1 = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0xC2)
            continue;
        if (b == 0xC2 || b == 0xC3) {
            latin1 = 1;
        } else if (b == 0xE1 && i + 1 < len && ((unsigned char)s[i + 1] == 0xBA || (unsigned char)s[i + 1] == 0xBB)) {
            uint32_t cp = 0;
            if (vb_utf8_decode(s + i, len - i, &cp) == 3 && is_vietnamese_unicode(cp))
                return 0;
        } else if (b >= 0xC4 && b <= 0xC6) {
            uint32_t cp = 0;
            if (vb_utf8_decode(s + i, len - i, &cp) == 2 && is_vietnamese_unicode(cp))
                return 0;
        }
    }
    return latin1;
}

vb_legacy_enc vb_legacy_detect(const char *s, size_t len)
{
    if (!s || !may_be_legacy(s, len))
        return VB_LEGACY_NONE;
    legacy_stats st = {0};
    uint32_t w[WORD_MAX];
    size_t n = 0;
    int long_word = 0;
    for (size_t i = 0; i <= len;) {
        size_t k = 1;
        uint32_t cp = i < len ? cp_at(s, len, i, &k) : ' ';
        if (i < len && legacy_word_char(cp)) {
            if (n < WORD_MAX)
                w[n++] = cp;
            else
                long_word = 1;
        } else if (n) {
            judge_word(w, n, long_word, &st);
            n = 0;
            long_word = 0;
        }
        i += k;
    }
    vb_legacy_enc best = VB_LEGACY_NONE;
    for (int e = VB_LEGACY_TCVN3; e <= VB_LEGACY_VNI; e++) {
        if (st.nonascii < 2 || st.sig[e] < 2 || st.sig[e] * 10 < st.words || st.ok[e] * 5 < st.nonascii * 4)
            continue;
        if (best == VB_LEGACY_NONE || st.ok[e] > st.ok[best])
            best = (vb_legacy_enc)e;
    }
    return best;
}

char *vb_legacy_decode(vb_arena *a, vb_legacy_enc enc, int capitals, const char *s, size_t len)
{
    char *out = vb_arena_alloc(a, len * 2 + 1), *o = out;
    if (!out)
        return NULL;
    uint32_t prev = 0; /* the last code point read, while it may still take a VNI mark */
    char *prev_at = NULL;
    for (size_t i = 0; i < len;) {
        size_t k;
        uint32_t cp = cp_at(s, len, i, &k), u = 0;
        i += k;
        if (enc == VB_LEGACY_TCVN3) {
            u = tcvn3_letter(cp, capitals);
        } else if (enc == VB_LEGACY_VNI) {
            uint32_t pair = prev_at ? vni_pair(prev, cp) : 0;
            if (pair) {
                o = prev_at; /* rewrite the base as the letter it makes with its mark */
                o += vb_utf8_encode(pair, o);
                prev_at = NULL;
                continue;
            }
            u = cp >= 0xA0 && cp <= 0xFF ? vb_vni_single[cp - 0xA0] : 0;
        }
        prev = cp;
        prev_at = vni_base(cp) >= 0 ? o : NULL;
        o += vb_utf8_encode(u ? u : cp, o);
    }
    *o = 0;
    return out;
}

/* ---- the checker ------------------------------------------------------------------ */

typedef struct range {
    size_t a, b;
} range;

typedef struct ck {
    const vb_doc *doc;
    vb_diag *diag;
    vb_arena *tmp; /* scratch for messages; made when first needed */
    /* the input as UTF-8, the text the reader's positions count in; NULL when
     * the input is in an 8-bit encoding */
    const char *t;
    size_t n;
    char *owned;
    size_t *ls; /* where each line starts, made when first needed */
    size_t nls;
    int indexed; /* 1 made, -1 failed */
    range *legacy; /* the input's spans reported as legacy text */
    size_t n_legacy, cap_legacy;
} ck;

static void emit(ck *c, vb_srcpos pos, vb_severity sev, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void emit(ck *c, vb_srcpos pos, vb_severity sev, const char *fmt, ...)
{
    if (!pos.file)
        pos.file = c->doc->file;
    va_list ap;
    va_start(ap, fmt);
    vb_diag_vemit(c->diag, pos, sev, fmt, ap);
    va_end(ap);
}

static vb_arena *scratch(ck *c)
{
    if (!c->tmp)
        c->tmp = vb_arena_new();
    return c->tmp;
}

/* printf into the scratch arena; "" when out of memory. */
static const char *sfmt(ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *sfmt(ck *c, const char *fmt, ...)
{
    vb_arena *a = scratch(c);
    if (!a)
        return "";
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *r = vb_arena_strdup(a, buf);
    return r ? r : "";
}

/* ---- the input as text ---------------------------------------------------------------- */

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20))
            return 0;
    return *a == *b;
}

/* The encoding the XML declaration names, into name; 0 when it names none. */
static int declared_encoding(const char *t, size_t n, char name[32])
{
    if (n < 6 || memcmp(t, "<?xml", 5) != 0)
        return 0;
    size_t end = 5, lim = n < 512 ? n : 512;
    while (end + 1 < lim && !(t[end] == '?' && t[end + 1] == '>'))
        end++;
    for (size_t i = 5; i + 8 <= end; i++) {
        if (memcmp(t + i, "encoding", 8) != 0)
            continue;
        i += 8;
        while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n' || t[i] == '='))
            i++;
        if (i >= end || (t[i] != '"' && t[i] != '\''))
            return 0;
        char q = t[i++];
        size_t k = 0;
        while (i < end && t[i] != q && k < 31)
            name[k++] = t[i++];
        name[k] = 0;
        return 1;
    }
    return 0;
}

/* UTF-16 (be: big-endian) as UTF-8, on the heap; NULL when not valid. */
static char *utf16_to_utf8(const unsigned char *p, size_t n, int be, size_t *out_len)
{
    if (n % 2)
        return NULL;
    char *o = malloc(n / 2 * 3 + 4), *w = o;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i += 2) {
        uint32_t u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t l = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) : (uint32_t)(p[i + 3] << 8 | p[i + 2]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            free(o);
            return NULL;
        }
        w += vb_utf8_encode(u, w);
    }
    *out_len = (size_t)(w - o);
    return o;
}

/* Finds the text the reader's positions count in: UTF-8 after a byte-order
 * mark, or UTF-16 turned into UTF-8, as xml_read.c does. */
static void input_init(ck *c, const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (!data)
        return;
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) || (!u[0] && !u[1])))
        return; /* UTF-32: the reader refuses it */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        c->owned = utf16_to_utf8(u + 2, len - 2, u[0] == 0xFE, &c->n);
        c->t = c->owned;
        return;
    }
    int le = len >= 4 && u[0] == '<' && !u[1] && u[2] == '?' && !u[3];
    int be = len >= 4 && !u[0] && u[1] == '<' && !u[2] && u[3] == '?';
    if (le || be) {
        c->owned = utf16_to_utf8(u, len, be, &c->n);
        c->t = c->owned;
        return;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        data += 3;
        len -= 3;
    } else {
        char enc[32];
        if (declared_encoding(data, len, enc) && !ieq(enc, "UTF-8") && !ieq(enc, "UTF8") && !ieq(enc, "UTF-16") &&
            !ieq(enc, "UTF16"))
            return;
    }
    /* The reader has read these bytes as UTF-8, so they are valid; every walk
     * below takes a bad byte as a character of its own anyway. */
    c->t = data;
    c->n = len;
}

static int input_index(ck *c)
{
    if (c->indexed)
        return c->indexed > 0;
    c->indexed = -1;
    if (!c->t)
        return 0;
    c->ls = vb_line_starts(c->t, c->n, &c->nls);
    if (!c->ls)
        return 0;
    c->indexed = 1;
    return 1;
}

/* The position of byte off of the input (columns count code points). */
static vb_srcpos pos_of(ck *c, size_t off)
{
    vb_srcpos p = {c->doc->file, 0, 0};
    if (!input_index(c))
        return p;
    if (off > c->n)
        off = c->n;
    size_t lo = 0, hi = c->nls;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->ls[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    p.line = (uint32_t)(lo + 1);
    p.col = 1;
    for (size_t i = c->ls[lo]; i < off; i++)
        p.col += ((unsigned char)c->t[i] & 0xC0) != 0x80;
    return p;
}

/* The byte offset of a position; SIZE_MAX when unknown. */
static size_t off_of(ck *c, vb_srcpos p)
{
    if (!p.line || !p.col || !input_index(c) || p.line > c->nls)
        return SIZE_MAX;
    size_t o = c->ls[p.line - 1], end = p.line < c->nls ? c->ls[p.line] : c->n;
    for (uint32_t col = 1; col < p.col && o < end; col++)
        do
            o++;
        while (o < end && ((unsigned char)c->t[o] & 0xC0) == 0x80);
    return o;
}

/* The character an entity or character reference at t[i] ('&') stands for;
 * returns its length, 0 when there is none. */
static size_t entity_at(const char *t, size_t n, size_t i, uint32_t *cp)
{
    static const struct {
        const char *name;
        char ch;
    } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++)
        if (starts_with(t + i, n - i, named[k].name)) {
            *cp = (uint32_t)named[k].ch;
            return strlen(named[k].name);
        }
    if (i + 2 >= n || t[i + 1] != '#')
        return 0;
    size_t j = i + 2;
    int hex = t[j] == 'x';
    j += (size_t)hex;
    uint32_t v = 0;
    size_t digits = 0;
    for (; j < n && digits < 8; j++, digits++) {
        char d = t[j];
        int x = d >= '0' && d <= '9' ? d - '0'
                : hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f' ? (d | 0x20) - 'a' + 10
                                                                : -1;
        if (x < 0)
            break;
        v = v * (hex ? 16u : 10u) + (uint32_t)x;
    }
    if (!digits || j >= n || t[j] != ';')
        return 0;
    *cp = v;
    return j + 1 - i;
}

static int xml_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static size_t find(const char *t, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    while (i + k <= n) {
        const char *p = memchr(t + i, lit[0], n - i - k + 1);
        if (!p)
            return n;
        i = (size_t)(p - t);
        if (memcmp(p, lit, k) == 0)
            return i;
        i++;
    }
    return n;
}

/* Skips the markup at t[i] ('<'): a tag, a comment, a processing
 * instruction, or the start of a CDATA section (*cdata is then set). */
static size_t skip_markup(const char *t, size_t n, size_t i, int *cdata)
{
    if (starts_with(t + i, n - i, "<!--"))
        return find(t, n, i + 4, "-->") + 3;
    if (starts_with(t + i, n - i, "<![CDATA[")) {
        *cdata = 1;
        return i + 9;
    }
    if (starts_with(t + i, n - i, "<?"))
        return find(t, n, i + 2, "?>") + 2;
    char q = 0;
    for (i++; i < n; i++) {
        if (q) {
            if (t[i] == q)
                q = 0;
        } else if (t[i] == '"' || t[i] == '\'') {
            q = t[i];
        } else if (t[i] == '>') {
            return i + 1;
        }
    }
    return n;
}

/* Where byte k of span s's text stands in the input; SIZE_MAX when the
 * input is not at hand. The span's text is the input's, with entities
 * decoded, markup taken out, white space collapsed and NFC applied; the walk
 * undoes each of those. */
static size_t input_off(ck *c, const vb_span *s, size_t k)
{
    if (!c->t)
        return SIZE_MAX;
    size_t o = off_of(c, s->pos);
    if (o == SIZE_MAX)
        return o;
    const char *t = c->t;
    size_t n = c->n, j = 0;
    int cdata = 0;
    if (k > s->len)
        k = s->len;
    for (;;) {
        if (j >= k && k >= s->len)
            return o; /* just after the span's last character */
        if (o >= n)
            return n;
        char ch = t[o];
        if (!cdata && ch == '<') {
            o = skip_markup(t, n, o, &cdata);
            continue;
        }
        if (cdata && starts_with(t + o, n - o, "]]>")) {
            cdata = 0;
            o += 3;
            continue;
        }
        if (j >= k && !(xml_ws(ch) && s->text[j] != ' '))
            return o;
        if (xml_ws(ch)) {
            if (s->text[j] == ' ')
                j++;
            while (o < n && xml_ws(t[o]))
                o++;
            continue;
        }
        if (s->text[j] == ' ') { /* a space collapsed into this piece from an earlier one */
            j++;
            continue;
        }
        uint32_t cp;
        size_t l = !cdata && ch == '&' ? entity_at(t, n, o, &cp) : 0;
        if (!l)
            cp_at(t, n, o, &l);
        o += l;
        cp_at(s->text, s->len, j, &l);
        j += l;
        /* marks that NFC folded into this character */
        while (o < n) {
            uint32_t m = cp_at(t, n, o, &l), next = 0;
            size_t nl;
            if (!is_mark(m))
                break;
            if (j < s->len)
                next = cp_at(s->text, s->len, j, &nl);
            if (next == m)
                break;
            o += l;
        }
    }
}

/* The position of byte k of span s's text. */
static vb_srcpos span_pos(ck *c, const vb_span *s, size_t k)
{
    size_t o = input_off(c, s, k);
    if (o == SIZE_MAX)
        return s->pos;
    vb_srcpos p = pos_of(c, o);
    return p.line ? p : s->pos;
}

/* Where attribute `name` of the start tag at elem is: the name (*name_off)
 * and the first character of the value after the quote and any white space
 * (*value_off). 0 when not found. */
static int find_attr(ck *c, vb_srcpos elem, const char *name, size_t *name_off, size_t *value_off)
{
    size_t i = off_of(c, elem), ql = strlen(name);
    if (i == SIZE_MAX || i >= c->n || c->t[i] != '<')
        return 0;
    const char *t = c->t;
    size_t n = c->n;
    for (i++; i < n && !xml_ws(t[i]) && t[i] != '>' && t[i] != '/'; i++)
        ;
    for (;;) {
        while (i < n && xml_ws(t[i]))
            i++;
        if (i >= n || t[i] == '>' || t[i] == '/')
            return 0;
        size_t s = i;
        while (i < n && !xml_ws(t[i]) && t[i] != '=' && t[i] != '>')
            i++;
        int hit = i - s == ql && memcmp(t + s, name, ql) == 0;
        while (i < n && (xml_ws(t[i]) || t[i] == '='))
            i++;
        if (i >= n || (t[i] != '"' && t[i] != '\''))
            return 0;
        char q = t[i++];
        if (hit) {
            while (i < n && xml_ws(t[i]))
                i++;
            *name_off = s;
            *value_off = i;
            return 1;
        }
        while (i < n && t[i] != q)
            i++;
        i++;
    }
}

/* The position of attribute `name` of the element at elem (of its value's
 * character number `ch` when value is set); elem itself when not found. */
static vb_srcpos attr_pos(ck *c, vb_srcpos elem, const char *name, int value, size_t ch)
{
    size_t no, vo;
    if (!c->t || !find_attr(c, elem, name, &no, &vo))
        return elem;
    if (!value)
        return pos_of(c, no);
    vb_srcpos p = pos_of(c, vo);
    p.col += (uint32_t)ch;
    return p;
}

/* ---- inline runs ---------------------------------------------------------------------- */

static const vb_span *first_text(const vb_inline *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return &in->v[i];
    return NULL;
}

static const vb_span *last_text(const vb_inline *in)
{
    for (size_t i = in->n; i-- > 0;)
        if (!(in->v[i].flags & VB_SPAN_BREAK) && in->v[i].len)
            return &in->v[i];
    return NULL;
}

/* The start of the code point before s[i]. */
static size_t back_one(const char *s, size_t i)
{
    if (!i)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The word of s around byte i (bounded by spaces), for messages. */
static const char *word_around(ck *c, const char *s, size_t len, size_t i)
{
    size_t a = i, b = i;
    while (a > 0 && s[a - 1] != ' ')
        a--;
    while (b < len && s[b] != ' ')
        b++;
    if (b - a > 60)
        b = a + 60;
    return sfmt(c, "%.*s", (int)(b - a), s + a);
}

/* ---- rule: legacy-encoded text -------------------------------------------------------- */

static void legacy_note_range(ck *c, size_t a, size_t b)
{
    if (a == SIZE_MAX || b == SIZE_MAX)
        return;
    if (c->n_legacy == c->cap_legacy) {
        size_t cap = c->cap_legacy ? c->cap_legacy * 2 : 8;
        range *v = realloc(c->legacy, cap * sizeof *v);
        if (!v)
            return;
        c->legacy = v;
        c->cap_legacy = cap;
    }
    c->legacy[c->n_legacy++] = (range){a, b};
}

static int in_legacy(const ck *c, size_t off)
{
    for (size_t i = 0; i < c->n_legacy; i++)
        if (off >= c->legacy[i].a && off < c->legacy[i].b)
            return 1;
    return 0;
}

/* The first `words` words of s (split at spaces). */
static size_t first_words(const char *s, size_t len, int words)
{
    size_t i = 0;
    while (i < len && s[i] == ' ')
        i++;
    for (int w = 0; w < words && i < len; w++) {
        while (i < len && s[i] != ' ')
            i++;
        if (w + 1 < words)
            while (i < len && s[i] == ' ')
                i++;
    }
    return i;
}

/* Reports a run typed in a legacy encoding; 1 when it did. */
static int check_legacy(ck *c, const vb_inline *in)
{
    int maybe = 0;
    for (size_t i = 0; i < in->n && !maybe; i++)
        maybe = may_be_legacy(in->v[i].text, in->v[i].len);
    if (!maybe)
        return 0;
    /* one piece of text (the usual case) is judged where it is */
    const vb_span *one = in->n == 1 ? first_text(in) : NULL;
    size_t len = one ? one->len : 0;
    const char *s = one ? one->text : NULL;
    vb_arena *a = NULL;
    if (!s && (!(a = scratch(c)) || !(s = vb_inline_plain(a, in, " ", &len))))
        return 0;
    vb_legacy_enc enc = vb_legacy_detect(s, len);
    if (enc == VB_LEGACY_NONE || !(a = scratch(c)))
        return 0;
    /* Text set in a capital font (.VnTimeH) has its ASCII letters in capitals. */
    size_t up = 0, low = 0;
    for (size_t i = 0; i < len; i++) {
        up += s[i] >= 'A' && s[i] <= 'Z';
        low += s[i] >= 'a' && s[i] <= 'z';
    }
    size_t ex = first_words(s, len, 4);
    char *reads = vb_legacy_decode(a, enc, up >= 2 && !low, s, ex);
    const vb_span *f = first_text(in), *l = last_text(in);
    if (!f || !reads)
        return 0;
    emit(c, f->pos, VB_ERROR,
         enc == VB_LEGACY_TCVN3
             ? "this text looks like TCVN3 (ABC) typed with a .Vn font: '%.*s' reads '%s'; retype it or convert it "
               "to Unicode"
             : "this text looks like VNI typed with a VNI font: '%.*s' reads '%s'; retype it or convert it to Unicode",
         (int)ex, s, reads);
    legacy_note_range(c, input_off(c, f, 0), input_off(c, l, l->len));
    return 1;
}

/* ---- rule: the Quốc hiệu or the motto typed as content -------------------------------- */

/* The letters of s in capitals, nothing else, into out (NUL-terminated);
 * 0 when they do not fit. */
static size_t fold_letters(const vb_inline *in, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < in->n; i++) {
        const vb_span *s = &in->v[i];
        for (size_t j = 0; j < s->len;) {
            size_t l;
            uint32_t cp = cp_at(s->text, s->len, j, &l);
            j += l;
            if (!is_letter(cp))
                continue;
            if (k + 5 > cap)
                return 0;
            k += vb_utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)cp), out + k);
        }
    }
    out[k] = 0;
    return k;
}

static void check_header_text(ck *c, const vb_inline *in, const char *elem)
{
    static const char qh[] = "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM", qh2[] = "CỘNGHOÀXÃHỘICHỦNGHĨAVIỆTNAM",
                      motto[] = "ĐỘCLẬPTỰDOHẠNHPHÚC";
    size_t bytes = 0;
    for (size_t i = 0; i < in->n; i++)
        bytes += in->v[i].len;
    const vb_span *s = first_text(in);
    if (bytes < sizeof motto - 1 || bytes > 200 || !s)
        return;
    /* both start with C or Đ: most runs stop here */
    unsigned char b0 = (unsigned char)s->text[0], b1 = s->len > 1 ? (unsigned char)s->text[1] : 0;
    if (b0 != 'C' && b0 != 'c' && !(b0 == 0xC4 && (b1 == 0x90 || b1 == 0x91)))
        return;
    char f[256];
    size_t k = fold_letters(in, f, sizeof f);
    if (!k)
        return;
    size_t ql = sizeof qh - 1;
    int is_qh = !strcmp(f, qh) || !strcmp(f, qh2), is_motto = !strcmp(f, motto);
    int both = k == ql + sizeof motto - 1 && (!memcmp(f, qh, ql) || !memcmp(f, qh2, ql)) && !strcmp(f + ql, motto);
    if (!is_qh && !is_motto && !both)
        return;
    emit(c, s->pos, VB_ERROR,
         "<%s> holds %s, which the program prints itself at the top of page 1 (ô 1): remove it", elem,
         both ? "the Quốc hiệu and the motto" : is_qh ? "the Quốc hiệu" : "the motto (Tiêu ngữ)");
}

/* ---- rule: what the decree prints in capitals ----------------------------------------- */

static void check_upper(ck *c, const vb_inline *in, const char *elem, const char *what)
{
    for (size_t i = 0; i < in->n; i++) {
        const vb_span *s = &in->v[i];
        for (size_t j = 0; j < s->len;) {
            size_t l;
            uint32_t cp = cp_at(s->text, s->len, j, &l);
            if (is_lower(cp)) {
                emit(c, span_pos(c, s, j), VB_WARNING,
                     "<%s> is not in capitals ('%s'): the decree prints %s in capitals, and the program prints it "
                     "as typed",
                     elem, word_around(c, s->text, s->len, j), what);
                return;
            }
            j += l;
        }
    }
}

/* Every check that looks at one run of text. upper: what the run is, when
 * the decree prints it in capitals. */
static void check_run(ck *c, const vb_inline *in, const char *elem, const char *upper)
{
    if (!in || !in->n || check_legacy(c, in))
        return; /* legacy text is reported as a whole */
    check_header_text(c, in, elem);
    if (upper)
        check_upper(c, in, elem, upper);
}

/* ---- rule: number and notation (ô 3) -------------------------------------------------- */

static void check_number(ck *c, const char *number, vb_srcpos elem)
{
    if (!number)
        return;
    size_t n = strlen(number), z = 0;
    while (z + 1 < n && number[z] == '0')
        z++;
    if (n == 1)
        emit(c, attr_pos(c, elem, "so", 0, 0), VB_WARNING,
             "so=\"%s\": a number below 10 is written with a leading zero, 0%s (Nghị định 30, ô 3); the program "
             "prints 0%s",
             number, number, number);
    else if (n > 2 && z)
        emit(c, attr_pos(c, elem, "so", 0, 0), VB_WARNING,
             "so=\"%s\": a number has two digits at least and no more leading zeros than that: %s%s", number,
             n - z == 1 ? "0" : "", number + z);
}

/* The Phụ lục III type whose code is g[0..n), exactly (fold: ignoring case). */
static const vb_doctype *type_of_code(const char *g, size_t n, int fold)
{
    for (size_t i = 0; vb_doctype_at(i); i++) {
        const vb_doctype *t = vb_doctype_at(i);
        if (!t->abbr)
            continue;
        if (fold ? same_fold(g, n, t->abbr) : strlen(t->abbr) == n && memcmp(t->abbr, g, n) == 0)
            return t;
    }
    return NULL;
}

static const char *copy_code(vb_copy_form f)
{
    return f == VB_COPY_SAO_Y ? "SY" : f == VB_COPY_SAO_LUC ? "SL" : f == VB_COPY_TRICH_SAO ? "TrS" : NULL;
}

/* A copy form whose code is g[0..n) (fold: ignoring case). */
static vb_copy_form copy_of_code(const char *g, size_t n, int fold)
{
    for (int f = VB_COPY_SAO_Y; f <= VB_COPY_TRICH_SAO; f++) {
        const char *code = copy_code((vb_copy_form)f);
        if (fold ? same_fold(g, n, code) : strlen(code) == n && memcmp(code, g, n) == 0)
            return (vb_copy_form)f;
    }
    return VB_COPY_NONE;
}

/* The notation's first group names a type (or a copy form), or not. The
 * checks of ô 3 and of Phụ lục III; copy: the notation of a copy's block,
 * whose code is that of its form (Mẫu 3.1). */
static void check_notation(ck *c, const char *kh, vb_srcpos elem, const vb_doctype *type, vb_copy_form copy)
{
    if (!kh || !*kh)
        return;
    size_t n = strlen(kh);
    if (strstr(kh, "\xC3\x90") || strstr(kh, "\xC3\xB0"))
        return; /* the look-alike Ð is reported by itself */
    /* groups of letters and digits joined by '-' */
    size_t chars = 0, g1 = n;
    int empty = kh[0] == '-' || kh[n - 1] == '-' || strstr(kh, "--");
    for (size_t i = 0; i < n; chars++) {
        size_t l;
        uint32_t cp = cp_at(kh, n, i, &l);
        if (cp == '-' && g1 == n)
            g1 = i;
        if (cp != '-' && !is_letter(cp) && !(cp >= '0' && cp <= '9')) {
            emit(c, attr_pos(c, elem, "ky_hieu", 1, chars), VB_WARNING,
                 "ky_hieu=\"%s\": the groups of a notation are letters and digits joined by '-', not '%.*s' "
                 "(Nghị định 30, ô 3)",
                 kh, (int)l, kh + i);
            return;
        }
        i += l;
    }
    if (empty) {
        emit(c, attr_pos(c, elem, "ky_hieu", 1, 0), VB_WARNING,
             "ky_hieu=\"%s\": a group of the notation is empty; groups are joined by one '-' (Nghị định 30, ô 3)", kh);
        return;
    }
#define at attr_pos(c, elem, "ky_hieu", 1, 0) /* computed only for a message */
    const char *rest = kh + g1; /* "-UBND", or "" */
    const char *want = copy ? copy_code(copy) : type ? type->abbr : NULL;
    const char *what = copy ? vb_copy_form_name(copy) : type ? type->name : NULL;
    const char *where = copy ? "Phụ lục I, Mẫu 3.1" : "Phụ lục III";
    if (!want && type) { /* a công văn: <agency>-<unit or field> */
        const vb_doctype *t = type_of_code(kh, g1, 0);
        if (t)
            emit(c, at, VB_WARNING,
                 "ky_hieu=\"%s\": a công văn's notation has no type code, and %s is that of %s: it is "
                 "<agency>-<unit or field>, e.g. %s",
                 kh, t->abbr, t->name, *rest ? rest + 1 : "UBND-VP");
        else if (!*rest)
            emit(c, at, VB_WARNING,
                 "ky_hieu=\"%s\": a công văn's notation is <agency>-<unit or field> (Nghị định 30, ô 3), e.g. %s-VP",
                 kh, kh);
        return;
    }
    if (!want)
        return;
    if (strlen(want) == g1 && memcmp(kh, want, g1) == 0) {
        if (!*rest)
            emit(c, at, VB_ERROR,
                 "ky_hieu=\"%s\": the notation names the %s agency after the type code: %s-<agency>, e.g. %s-UBND",
                 kh, copy ? "copying" : "issuing", want, want);
        return;
    }
    if (same_fold(kh, g1, want)) {
        emit(c, at, VB_ERROR, "ky_hieu=\"%s\": the code of %s is written %s (%s): write %s%s", kh, what, want, where,
             want, rest);
        return;
    }
    const vb_doctype *other = type_of_code(kh, g1, 1);
    vb_copy_form other_copy = copy_of_code(kh, g1, 1);
    if (other || other_copy)
        emit(c, at, VB_ERROR,
             "ky_hieu=\"%s\": %.*s is the code of %s, but this %s is a %s, whose code is %s (%s): write %s%s", kh,
             (int)g1, kh, other ? other->name : vb_copy_form_name(other_copy), copy ? "copy" : "document", what, want,
             where, want, rest);
    else
        emit(c, at, VB_ERROR, "ky_hieu=\"%s\": the notation of a %s starts with its code, %s (%s): write %s-%s", kh,
             what, want, where, want, kh);
#undef at
}

/* ---- rule: authority prefixes typed by hand (ô 7a) ------------------------------------ */

/* The authority prefix s starts with ("KT" for "KT.CHỦ TỊCH" or "KT. CHỦ
 * TỊCH"), and where the text after it starts; NULL when none. */
static const char *typed_prefix(const char *s, size_t n, size_t *after)
{
    static const char *const prefixes[] = {"TUQ", "TM", "KT", "TL", "Q"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t k = strlen(prefixes[i]);
        if (!starts_with(s, n, prefixes[i]))
            continue;
        while (k < n && s[k] == ' ')
            k++;
        if (k >= n || s[k] != '.')
            continue;
        k++;
        while (k < n && s[k] == ' ')
            k++;
        *after = k;
        return prefixes[i];
    }
    return NULL;
}

static const char *authority_key(vb_authority k)
{
    switch (k) {
    case VB_AUTH_TM: return "TM";
    case VB_AUTH_KT: return "KT";
    case VB_AUTH_TL: return "TL";
    case VB_AUTH_TUQ: return "TUQ";
    case VB_AUTH_Q: return "Q";
    default: return NULL;
    }
}

static void check_signature(ck *c, const vb_signature *sig)
{
    if (!sig)
        return;
    for (size_t i = 0; i < sig->n_lines; i++) {
        const vb_auth_line *l = &sig->lines[i];
        const char *elem = l->kind == VB_AUTH_NONE ? "chuc_vu" : "tham_quyen";
        const vb_span *f = first_text(&l->text);
        size_t after = 0;
        const char *p = f ? typed_prefix(f->text, f->len, &after) : NULL;
        const char *own = authority_key(l->kind);
        if (p && !own) {
            emit(c, f->pos, VB_ERROR,
                 "<chuc_vu> starts with '%s.', an authority prefix the program prints itself: write <tham_quyen "
                 "loai=\"%s\">%.*s</tham_quyen>, printed '%s. %.*s'",
                 p, p, (int)(f->len - after), f->text + after, p, (int)(f->len - after), f->text + after);
            continue;
        }
        if (p && strcmp(p, own) != 0) {
            emit(c, f->pos, VB_ERROR,
                 "<tham_quyen loai=\"%s\"> starts with '%s.', another authority prefix: give it a line of its own, "
                 "<tham_quyen loai=\"%s\">%.*s</tham_quyen>, printed '%s. %.*s'",
                 own, p, p, (int)(f->len - after), f->text + after, p, (int)(f->len - after), f->text + after);
            continue;
        }
        if (!p) /* the same prefix is the reader's error */
            check_run(c, &l->text, elem, "the signer's authority and title (ô 7a)");
    }
    check_run(c, &sig->name, "ho_ten", NULL);
}

/* ---- rule: recipients and the Lưu line (ô 9a, 9b, 12) --------------------------------- */

/* The dash or bullet a recipient's text starts with, for the message; NULL
 * when none. reader: the ones the reader reports itself ("- ", "+ "). */
static const char *leading_dash(ck *c, const char *s, size_t n, int skip_reader)
{
    size_t l;
    uint32_t cp = cp_at(s, n, 0, &l);
    if ((cp == '-' || cp == '+') && skip_reader && n > 1 && s[1] == ' ')
        return NULL;
    if (cp == '-' || cp == '+' || cp == '*' || cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0x2212)
        return sfmt(c, "%.*s", (int)l, s);
    return NULL;
}

/* "Lưu: VT, …", "- Lưu VT": the Lưu line typed as a recipient. */
static int is_archive_line(const char *s, size_t n)
{
    size_t i = 0, k = strlen("Lưu");
    while (i < n && (s[i] == '-' || s[i] == ' '))
        i++;
    if (n - i < k || !same_fold(s + i, k, "Lưu"))
        return 0;
    for (i += k; i < n && s[i] == ' '; i++)
        ;
    return i == n || s[i] == ':' ||
           (starts_with(s + i, n - i, "VT") && (i + 2 == n || !is_ascii_letter((unsigned char)s[i + 2])));
}

/* One recipient, <nhan> (list: ô 9b) or <noi> (Kính gửi: ô 9a). */
static void check_recipient(ck *c, const vb_inline *r, int list)
{
    const char *elem = list ? "nhan" : "noi";
    const vb_span *f = first_text(r), *l = last_text(r);
    if (!f)
        return;
    if (list && is_archive_line(f->text, f->len)) {
        emit(c, f->pos, VB_ERROR,
             "<nhan> holds the Lưu line: write it as <luu don_vi=\"…\"/>, and the program prints '- Lưu: VT, …' as "
             "the last line");
        return;
    }
    const char *label = list ? "Nơi nhận" : "Kính gửi";
    if (f->len >= strlen(label) && same_fold(f->text, strlen(label), label))
        emit(c, f->pos, VB_WARNING, "<%s> starts with '%s', which the program prints itself", elem, label);
    const char *dash = leading_dash(c, f->text, f->len, list);
    if (dash)
        emit(c, f->pos, VB_WARNING, "<%s> starts with '%s': the program prints '- ' before each recipient itself%s",
             elem, dash, list ? "" : " (when there are several)");
    char last = l->text[l->len - 1];
    if (last == '.' || last == ',' || (!list && last == ';')) {
        size_t at = back_one(l->text, l->len);
        if (list)
            emit(c, span_pos(c, l, at), VB_WARNING,
                 "<nhan> ends with '%c': the program ends each recipient line with ';' itself", last);
        else
            emit(c, span_pos(c, l, at), VB_WARNING,
                 "<noi> ends with '%c': the program punctuates the recipients itself (';' after each, '.' after the "
                 "last of several)",
                 last);
    }
    check_run(c, r, elem, NULL);
}

static void check_archive(ck *c, const vb_archive *ar)
{
    if (!ar->present)
        return;
    vb_arena *a = scratch(c);
    const char *line = a ? vb_archive_line(a, ar) : "";
    const char *u = ar->units;
    if (u && *u) {
        size_t n = strlen(u), i = 0, l, kl = strlen("Lưu");
        int lead = 0;
        if (n >= kl && same_fold(u, kl, "Lưu")) {
            i = kl;
            lead = 1;
            while (i < n && (u[i] == ':' || u[i] == ' '))
                i++;
        }
        if (starts_with(u + i, n - i, "VT") && (i + 2 == n || !is_letter(cp_at(u, n, i + 2, &l)))) {
            i += 2;
            lead = 1;
        }
        while (lead && i < n && (u[i] == ',' || u[i] == ' ' || u[i] == ';'))
            i++;
        if (lead)
            emit(c, attr_pos(c, ar->pos, "don_vi", 0, 0), VB_WARNING,
                 "don_vi=\"%s\": the Lưu line would read '%s'; the program prints '- Lưu: VT, ' itself: %s%s%s", u,
                 line, i < n ? "write don_vi=\"" : "leave don_vi out", i < n ? u + i : "", i < n ? "\"" : "");
        else if (u[n - 1] == '.' || u[n - 1] == ';' || u[n - 1] == ',')
            emit(c, attr_pos(c, ar->pos, "don_vi", 0, 0), VB_WARNING,
                 "don_vi=\"%s\" ends with '%c': the Lưu line would read '%s'; the program punctuates it itself", u,
                 u[n - 1], line);
    }
    const char *d = ar->drafter;
    if (d && *d) {
        size_t n = strlen(d);
        if (d[n - 1] == '.' || d[n - 1] == ';' || d[n - 1] == ',')
            emit(c, attr_pos(c, ar->pos, "nguoi_soan", 0, 0), VB_WARNING,
                 "nguoi_soan=\"%s\" ends with '%c': the Lưu line would read '%s'; the program punctuates it itself",
                 d, d[n - 1], line);
    }
}

static void check_recipients(ck *c, const vb_inline *v, size_t n, const vb_archive *ar)
{
    for (size_t i = 0; i < n; i++)
        check_recipient(c, &v[i], 1);
    if (ar)
        check_archive(c, ar);
}

/* ---- the content ---------------------------------------------------------------------- */

static void check_body(ck *c, const vb_node *n)
{
    static const char heading[] = "the headings of phần, chương, mục and tiểu mục";
    for (; n; n = n->next) {
        int upper = n->kind == VB_N_PART || n->kind == VB_N_CHAPTER || n->kind == VB_N_SECTION ||
                    n->kind == VB_N_SUBSECTION;
        if (n->has_title)
            check_run(c, &n->title, "tieu_de", upper ? heading : NULL);
        if (n->kind == VB_N_PARA)
            check_run(c, &n->text, "doan", NULL);
        if (n->kind == VB_N_TABLE && n->table)
            for (size_t r = 0; r < n->table->n_rows; r++)
                for (size_t k = 0; k < n->table->rows[r].n; k++)
                    if (n->table->rows[r].cells[k].body)
                        check_body(c, n->table->rows[r].cells[k].body->first);
        check_body(c, n->first);
    }
}

/* ---- the input's bytes: NFD and look-alike letters ------------------------------------ */

static const char *mark_name(uint32_t m)
{
    switch (m) {
    case 0x300: return "grave";
    case 0x301: return "acute";
    case 0x302: return "circumflex";
    case 0x303: return "tilde";
    case 0x306: return "breve";
    case 0x308: return "diaeresis";
    case 0x309: return "hook above";
    case 0x31B: return "horn";
    case 0x323: return "dot below";
    default: return NULL;
    }
}

/* A combining mark at t[i]: reports the letter it is typed into, once per
 * line. */
static void nfd_at(ck *c, size_t i, uint32_t *last_line)
{
    const char *t = c->t;
    size_t n = c->n, b = i, l;
    while (b > 0) { /* back over the marks to the base */
        b = back_one(t, b);
        if (!is_mark(cp_at(t, n, b, &l)))
            break;
    }
    if (!is_letter(cp_at(t, n, b, &l)))
        return; /* a mark on no letter: not decomposed text */
    vb_srcpos p = pos_of(c, i);
    if (!p.line || p.line == *last_line)
        return;
    size_t e = i;
    while (e < n && is_mark(cp_at(t, n, e, &l)))
        e += l;
    vb_arena *a = scratch(c);
    size_t nl = 0;
    char *nfc = a ? vb_utf8_nfc(a, t + b, e - b, &nl) : NULL;
    if (!nfc || (nl == e - b && memcmp(nfc, t + b, nl) == 0))
        return; /* nothing composes: NFC leaves it as it is */
    *last_line = p.line;
    /* 'ệ' is typed as 'ê' + U+0323 (combining dot below) */
    char marks[96];
    size_t mk = 0, count = 0;
    uint32_t only = 0;
    for (size_t j = i; j < e && mk + 10 < sizeof marks; count++) {
        only = cp_at(t, n, j, &l);
        mk += (size_t)snprintf(marks + mk, sizeof marks - mk, " + U+%04X", (unsigned)only);
        j += l;
    }
    const char *name = count == 1 ? mark_name(only) : NULL;
    emit(c, p, VB_WARNING, "text in decomposed form (NFD): '%s' is typed as '%.*s'%s (%s%s); it is printed in NFC",
         nfc, (int)(i - b), t + b, marks, name ? "combining " : "combining marks", name ? name : "");
}

static void eth_at(ck *c, size_t i, uint32_t cp)
{
    if (in_legacy(c, i))
        return; /* TCVN3 reads Ð as é: the paragraph is reported as a whole */
    if (cp == 0xD0)
        emit(c, pos_of(c, i), VB_ERROR,
             "'Ð' is U+00D0 (capital eth, an Icelandic letter), not the Vietnamese 'Đ' (U+0110): they look alike, but "
             "search, sorting and spell checking tell them apart; type Đ");
    else
        emit(c, pos_of(c, i), VB_ERROR,
             "'ð' is U+00F0 (small eth, an Icelandic letter), not the Vietnamese 'đ' (U+0111): they look alike, but "
             "search, sorting and spell checking tell them apart; type đ");
}

/* The comments, processing instructions and CDATA sections of the input,
 * in order (made when a byte check first finds something). */
typedef struct markup {
    range *v;
    unsigned char *cdata; /* v[i] is a CDATA section (text), not a comment */
    size_t n, cap;
    int made;
} markup;

static void markup_make(ck *c, markup *m)
{
    const char *t = c->t;
    size_t n = c->n, i = 0;
    m->made = 1;
    while (i < n) {
        const char *p = memchr(t + i, '<', n - i);
        if (!p)
            break;
        i = (size_t)(p - t);
        int cd = 0, special = starts_with(p, n - i, "<!--") || starts_with(p, n - i, "<?");
        if (!special && starts_with(p, n - i, "<![CDATA["))
            special = cd = 1;
        if (!special) {
            i++;
            continue;
        }
        size_t e = cd ? find(t, n, i + 9, "]]>") + 3 : skip_markup(t, n, i, &cd);
        if (m->n == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 16;
            range *v = realloc(m->v, cap * sizeof *v);
            unsigned char *k = v ? realloc(m->cdata, cap) : NULL;
            if (v)
                m->v = v;
            if (!v || !k)
                return;
            m->cdata = k;
            m->cap = cap;
        }
        m->v[m->n] = (range){i, e};
        m->cdata[m->n++] = (unsigned char)cd;
        i = e;
    }
}

/* 0: off is in markup or text; 1: in a comment or processing
 * instruction; 2: in a CDATA section. */
static int markup_at(ck *c, markup *m, size_t off)
{
    if (!m->made)
        markup_make(c, m);
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].b <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->n && m->v[lo].a <= off)
        return m->cdata[lo] ? 2 : 1;
    return 0;
}

/* 0x80 in each byte of x that is zero, exactly (no borrow across bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((x & lo7) + lo7) | x | lo7);
}

/* The offset of the next Ð or ð (C3 90, C3 B0) at or after i, or n. C3 is
 * in most Vietnamese words (à á â ê ô …), so memchr would stop every few
 * bytes: this looks at eight pairs of bytes at once. */
static size_t find_eth(const char *t, size_t n, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL;
    for (; i + 9 <= n; i += 8) {
        uint64_t a, b;
        memcpy(&a, t + i, 8);     /* t[i .. i+7]: the lead bytes */
        memcpy(&b, t + i + 1, 8); /* t[i+1 .. i+8]: the byte after each */
        uint64_t m = zero_bytes(a ^ (0xC3 * ones)) & zero_bytes((b & (0xDF * ones)) ^ (0x90 * ones));
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    for (; i + 1 < n; i++)
        if ((unsigned char)t[i] == 0xC3 && ((unsigned char)t[i + 1] & 0xDF) == 0x90)
            return i;
    return n;
}

/* The input's bytes: Ð and ð (as characters or as references) and combining
 * marks, outside comments and processing instructions. A handful of memchr
 * passes: a clean file costs a few microseconds. */
static void scan_input(ck *c)
{
    const char *t = c->t, *p;
    size_t n = c->n;
    markup m = {0};
    for (size_t i = find_eth(t, n, 0); i < n; i = find_eth(t, n, i + 2))
        if (markup_at(c, &m, i) != 1) /* CDATA is text */
            eth_at(c, i, (unsigned char)t[i + 1] == 0x90 ? 0xD0 : 0xF0);
    for (size_t i = 0; i < n && (p = memchr(t + i, '&', n - i)); i = (size_t)(p - t) + 1) {
        uint32_t cp = 0;
        size_t off = (size_t)(p - t);
        if (entity_at(t, n, off, &cp) && (cp == 0xD0 || cp == 0xF0) && !markup_at(c, &m, off))
            eth_at(c, off, cp);
    }
    /* U+0300..U+036F are CC 80 .. CD AF; marks in order, for "once per line" */
    uint32_t nfd_line = 0;
    for (size_t i = 0; i < n;) {
        const char *a = memchr(t + i, 0xCC, n - i), *b = memchr(t + i, 0xCD, n - i);
        p = a && b ? (a < b ? a : b) : a ? a : b;
        if (!p)
            break;
        size_t off = (size_t)(p - t);
        i = off + 1;
        if (off + 1 < n && ((unsigned char)p[0] == 0xCC || (unsigned char)p[1] < 0xB0) && markup_at(c, &m, off) != 1)
            nfd_at(c, off, &nfd_line);
    }
    free(m.v);
    free(m.cdata);
}

/* ---- the document --------------------------------------------------------------------- */

static void check_copy(ck *c, const vb_copy *cp)
{
    if (!cp)
        return;
    check_number(c, cp->number, cp->number_pos);
    check_notation(c, cp->notation, cp->number_pos, NULL, cp->form);
    check_run(c, &cp->parent_agency, "co_quan_chu_quan", "the agency's name (ô 2)");
    check_run(c, &cp->agency, "co_quan_ban_hanh", "the agency's name (ô 2)");
    check_run(c, &cp->place, "dia_danh", NULL);
    check_signature(c, &cp->signature);
    check_recipients(c, cp->recipients, cp->n_recipients, &cp->archive);
}

void vb_check_doc(const vb_doc *doc, const char *data, size_t len, vb_diag *diag)
{
    static const char agency[] = "the agency's name (ô 2)";
    ck c = {0};
    c.doc = doc;
    c.diag = diag;
    input_init(&c, data, len);

    check_number(&c, doc->number, doc->number_pos);
    check_notation(&c, doc->notation, doc->number_pos, doc->type, VB_COPY_NONE);
    check_run(&c, &doc->parent_agency, "co_quan_chu_quan", agency);
    check_run(&c, &doc->agency, "co_quan_ban_hanh", agency);
    check_run(&c, &doc->joint_parent_agency, "co_quan_chu_quan", agency);
    check_run(&c, &doc->joint_agency, "co_quan_ban_hanh", agency);
    check_run(&c, &doc->place, "dia_danh", NULL);
    check_run(&c, &doc->summary, "trich_yeu", NULL);
    check_run(&c, &doc->authority, "tham_quyen_ban_hanh", "the issuing authority");
    for (size_t i = 0; i < doc->n_bases; i++)
        check_run(&c, &doc->bases[i], "can_cu", NULL);
    check_run(&c, &doc->proposal, "theo_de_nghi", NULL);
    for (size_t i = 0; i < doc->n_circulation; i++)
        check_run(&c, &doc->circulation[i], "chi_dan_luu_hanh", "circulation notes (ô 11)");
    for (size_t i = 0; i < doc->n_to; i++)
        check_recipient(&c, &doc->to[i], 0);
    if (doc->body)
        check_body(&c, doc->body->first);
    for (size_t i = 0; i < doc->n_signatures; i++)
        check_signature(&c, &doc->signatures[i]);
    check_recipients(&c, doc->recipients, doc->n_recipients, &doc->archive);
    for (size_t i = 0; i < doc->n_address; i++)
        check_run(&c, &doc->address[i], "dia_chi", NULL);
    for (size_t i = 0; i < doc->n_annexes; i++) {
        const vb_annex *an = &doc->annexes[i];
        const char *el = an->kind == VB_ANNEX_APPENDIX ? "phu_luc" : "van_ban_kem_theo";
        check_run(&c, &an->title, "tieu_de", an->kind == VB_ANNEX_APPENDIX ? "the title of an appendix" : NULL);
        check_run(&c, &an->of, el, NULL);
        if (an->body)
            check_body(&c, an->body->first);
        check_signature(&c, an->signature);
    }
    check_copy(&c, doc->copy);
    if (c.t)
        scan_input(&c);

    free(c.legacy);
    free(c.ls);
    free(c.owned);
    vb_arena_free(c.tmp);
}
