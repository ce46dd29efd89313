/* check_fields.c - the linter's rules on the fields of ô 3 (number and
 * notation), ô 7a (the signer's authority), ô 9 (recipients) and ô 12 (the
 * Lưu line). */
#include "check_ctx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_chars.h"
#include "derive.h"
#include "i18n.h"
#include "utf8.h"

/* ---- rule: number and notation (ô 3) -------------------------------------------------- */

void vb_ck_number(ck *c, const char *number, vb_srcpos elem)
{
    if (!number)
        return;
    size_t n = strlen(number), z = 0;
    while (z + 1 < n && number[z] == '0')
        z++;
    if (n == 1)
        vb_ck_emit(c, vb_ck_attr_pos(c, elem, "so", 0, 0), VB_WARNING,
                   "so=\"%s\": a number below 10 is written with a leading zero, 0%s (Nghị định 30, ô 3); the program "
                   "prints 0%s",
                   number, number, number);
    else if (n > 2 && z)
        vb_ck_emit(c, vb_ck_attr_pos(c, elem, "so", 0, 0), VB_WARNING,
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
void vb_ck_notation(ck *c, const char *kh, vb_srcpos elem, const vb_doctype *type, vb_copy_form copy)
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
            vb_ck_emit(c, vb_ck_attr_pos(c, elem, "ky_hieu", 1, chars), VB_WARNING,
                       "ky_hieu=\"%s\": the groups of a notation are letters and digits joined by '-', not '%.*s' "
                       "(Nghị định 30, ô 3)",
                       kh, (int)l, kh + i);
            return;
        }
        i += l;
    }
    if (empty) {
        vb_ck_emit(c, vb_ck_attr_pos(c, elem, "ky_hieu", 1, 0), VB_WARNING,
                   "ky_hieu=\"%s\": a group of the notation is empty; groups are joined by one '-' (Nghị định 30, ô 3)",
                   kh);
        return;
    }
#define at vb_ck_attr_pos(c, elem, "ky_hieu", 1, 0) /* computed only for a message */
    const char *rest = kh + g1; /* "-UBND", or "" */
    const char *want = copy ? copy_code(copy) : type ? type->abbr : NULL;
    const char *what = copy ? vb_copy_form_name(copy) : type ? type->name : NULL;
    const char *where = copy ? "Phụ lục I, Mẫu 3.1" : "Phụ lục III";
    if (!want && type) { /* a công văn: <agency>-<unit or field> */
        const vb_doctype *t = type_of_code(kh, g1, 0);
        if (t)
            vb_ck_emit(c, at, VB_WARNING,
                       "ky_hieu=\"%s\": a công văn's notation has no type code, and %s is that of %s: it is "
                       "<agency>-<unit or field>, e.g. %s",
                       kh, t->abbr, t->name, *rest ? rest + 1 : "UBND-VP");
        else if (!*rest)
            vb_ck_emit(
                c, at, VB_WARNING,
                "ky_hieu=\"%s\": a công văn's notation is <agency>-<unit or field> (Nghị định 30, ô 3), e.g. %s-VP", kh,
                kh);
        return;
    }
    if (!want)
        return;
    if (strlen(want) == g1 && memcmp(kh, want, g1) == 0) {
        if (!*rest)
            vb_ck_emit(
                c, at, VB_ERROR,
                "ky_hieu=\"%s\": the notation names the %s agency after the type code: %s-<agency>, e.g. %s-UBND", kh,
                copy ? _("copying") : _("issuing"), want, want);
        return;
    }
    if (same_fold(kh, g1, want)) {
        vb_ck_emit(c, at, VB_ERROR, "ky_hieu=\"%s\": the code of %s is written %s (%s): write %s%s", kh, what, want,
                   where, want, rest);
        return;
    }
    const vb_doctype *other = type_of_code(kh, g1, 1);
    vb_copy_form other_copy = copy_of_code(kh, g1, 1);
    if (other || other_copy)
        vb_ck_emit(c, at, VB_ERROR,
                   "ky_hieu=\"%s\": %.*s is the code of %s, but this %s is a %s, whose code is %s (%s): write %s%s", kh,
                   (int)g1, kh, other ? other->name : vb_copy_form_name(other_copy), copy ? _("copy") : _("document"), what,
                   want, where, want, rest);
    else
        vb_ck_emit(c, at, VB_ERROR, "ky_hieu=\"%s\": the notation of a %s starts with its code, %s (%s): write %s-%s",
                   kh, what, want, where, want, kh);
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

/* A <tham_quyen> that starts with its own prefix, "KT." or "KT ": the
 * program prints it, so it would show twice. 1 when reported. */
static int own_prefix(ck *c, const vb_auth_line *l)
{
    const vb_span *f = vb_ck_first_text(&l->text);
    if (!f || l->kind == VB_AUTH_NONE)
        return 0;
    const char *p = vb_authority_prefix(l->kind);
    size_t pl = strlen(p); /* "KT." */
    if (!(f->len >= pl && (strncmp(f->text, p, pl) == 0 || (strncmp(f->text, p, pl - 1) == 0 && f->text[pl - 1] == ' '))))
        return 0;
    vb_ck_emit(c, l->pos, VB_ERROR,
               "<tham_quyen> starts with its prefix '%s', which the program prints itself: write only what follows it",
               p);
    return 1;
}

void vb_ck_signature(ck *c, const vb_signature *sig)
{
    if (!sig)
        return;
    for (size_t i = 0; i < sig->n_lines; i++) {
        const vb_auth_line *l = &sig->lines[i];
        const char *elem = l->kind == VB_AUTH_NONE ? "chuc_vu" : "tham_quyen";
        const vb_span *f = vb_ck_first_text(&l->text);
        size_t after = 0;
        const char *p = f ? typed_prefix(f->text, f->len, &after) : NULL;
        const char *own = authority_key(l->kind);
        if (own_prefix(c, l))
            continue;
        if (p && !own) {
            vb_ck_emit(c, f->pos, VB_ERROR,
                       "<chuc_vu> starts with '%s.', an authority prefix the program prints itself: write <tham_quyen "
                       "loai=\"%s\">%.*s</tham_quyen>, printed '%s. %.*s'",
                       p, p, (int)(f->len - after), f->text + after, p, (int)(f->len - after), f->text + after);
            continue;
        }
        if (p && strcmp(p, own) != 0) {
            vb_ck_emit(
                c, f->pos, VB_ERROR,
                "<tham_quyen loai=\"%s\"> starts with '%s.', another authority prefix: give it a line of its own, "
                "<tham_quyen loai=\"%s\">%.*s</tham_quyen>, printed '%s. %.*s'",
                own, p, p, (int)(f->len - after), f->text + after, p, (int)(f->len - after), f->text + after);
            continue;
        }
        if (!p)
            vb_ck_run(c, &l->text, elem, "the signer's authority and title (ô 7a)");
    }
    vb_ck_run(c, &sig->name, "ho_ten", NULL);
}

/* ---- rule: recipients and the Lưu line (ô 9a, 9b, 12) --------------------------------- */

/* The dash or bullet a recipient's text starts with, for the message; NULL
 * when none. skip_reader: not the ones check_typed.c reports ("- ", "+ "). */
static const char *leading_dash(ck *c, const char *s, size_t n, int skip_reader)
{
    size_t l;
    uint32_t cp = cp_at(s, n, 0, &l);
    if ((cp == '-' || cp == '+') && skip_reader && n > 1 && s[1] == ' ')
        return NULL;
    if (cp == '-' || cp == '+' || cp == '*' || cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0x2212)
        return vb_ck_fmt(c, "%.*s", (int)l, s);
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
void vb_ck_recipient(ck *c, const vb_inline *r, int list)
{
    const char *elem = list ? "nhan" : "noi";
    const vb_span *f = vb_ck_first_text(r), *l = vb_ck_last_text(r);
    if (!f)
        return;
    if (list && is_archive_line(f->text, f->len)) {
        vb_ck_emit(
            c, f->pos, VB_ERROR,
            "<nhan> holds the Lưu line: write it as <luu don_vi=\"…\"/>, and the program prints '- Lưu: VT, …' as "
            "the last line");
        return;
    }
    const char *label = list ? "Nơi nhận" : "Kính gửi";
    if (f->len >= strlen(label) && same_fold(f->text, strlen(label), label))
        vb_ck_emit(c, f->pos, VB_WARNING, "<%s> starts with '%s', which the program prints itself", elem, label);
    const char *dash = leading_dash(c, f->text, f->len, list);
    if (dash)
        vb_ck_emit(c, f->pos, VB_WARNING,
                   "<%s> starts with '%s': the program prints '- ' before each recipient itself%s", elem, dash,
                   list ? "" : _(" (when there are several)"));
    char last = l->text[l->len - 1];
    if (last == '.' || last == ',' || (!list && last == ';')) {
        size_t at = vb_ck_back_one(l->text, l->len);
        if (list)
            vb_ck_emit(c, vb_ck_span_pos(c, l, at), VB_WARNING,
                       "<nhan> ends with '%c': the program ends each recipient line with ';' itself", last);
        else
            vb_ck_emit(
                c, vb_ck_span_pos(c, l, at), VB_WARNING,
                "<noi> ends with '%c': the program punctuates the recipients itself (';' after each, '.' after the "
                "last of several)",
                last);
    }
    vb_ck_run(c, r, elem, NULL);
}

static void check_archive(ck *c, const vb_archive *ar)
{
    if (!ar->present)
        return;
    vb_arena *a = vb_ck_scratch(c);
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
            vb_ck_emit(c, vb_ck_attr_pos(c, ar->pos, "don_vi", 0, 0), VB_WARNING,
                       "don_vi=\"%s\": the Lưu line would read '%s'; the program prints '- Lưu: VT, ' itself: %s%s%s",
                       u, line, i < n ? _("write don_vi=\"") : _("leave don_vi out"), i < n ? u + i : "", i < n ? "\"" : "");
        else if (u[n - 1] == '.' || u[n - 1] == ';' || u[n - 1] == ',')
            vb_ck_emit(c, vb_ck_attr_pos(c, ar->pos, "don_vi", 0, 0), VB_WARNING,
                       "don_vi=\"%s\" ends with '%c': the Lưu line would read '%s'; the program punctuates it itself",
                       u, u[n - 1], line);
    }
    /* ô 12 is the drafter's code with the copies issued: a count without
     * the code prints as “- Lưu: VT, CAH. (12).” */
    if (ar->copies && *ar->copies && !(ar->drafter && *ar->drafter))
        vb_ck_emit(c, vb_ck_attr_pos(c, ar->pos, "so_ban", 0, 0), VB_WARNING,
                   "so_ban=\"%s\" is the number of copies issued, printed after the drafter's code (ô 12), and "
                   "there is none: the Lưu line would read '%s'; add nguoi_soan, or write the copies the drafting "
                   "unit keeps as so_ban_luu",
                   ar->copies, line);
    const char *d = ar->drafter;
    if (d && *d) {
        size_t n = strlen(d);
        if (d[n - 1] == '.' || d[n - 1] == ';' || d[n - 1] == ',')
            vb_ck_emit(
                c, vb_ck_attr_pos(c, ar->pos, "nguoi_soan", 0, 0), VB_WARNING,
                "nguoi_soan=\"%s\" ends with '%c': the Lưu line would read '%s'; the program punctuates it itself", d,
                d[n - 1], line);
        /* ô 12: “ký hiệu bằng chữ in hoa” (Phụ lục I); the reference
         * report's “Nh” is what a clerk types from habit */
        size_t un = 0;
        char *up = a ? vb_utf8_upper(a, d, n, &un) : NULL;
        if (up && (un != n || memcmp(up, d, n) != 0))
            vb_ck_emit(c, vb_ck_attr_pos(c, ar->pos, "nguoi_soan", 0, 0), VB_WARNING,
                       "nguoi_soan=\"%s\" has lower-case letters: the decree writes the drafter's code in capitals "
                       "(ô 12): write nguoi_soan=\"%s\"",
                       d, up);
    }
}

void vb_ck_recipients(ck *c, const vb_inline *v, size_t n, const vb_archive *ar)
{
    for (size_t i = 0; i < n; i++)
        vb_ck_recipient(c, &v[i], 1);
    if (ar)
        check_archive(c, ar);
}
