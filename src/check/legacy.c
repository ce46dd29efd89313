/* legacy.c - text typed in a pre-Unicode encoding (legacy.h; the method
 * is data/legacy/LEGACY.md §3): the signs of each encoding, then whether the
 * words decode to Vietnamese syllables. */
#include "legacy.h"

#include <stdint.h>
#include <string.h>

#include "check_chars.h"
#include "legacy_tables.h"

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
int vb_legacy_maybe(const char *s, size_t len)
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
    if (!s || !vb_legacy_maybe(s, len))
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
