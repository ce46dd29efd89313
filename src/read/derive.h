/* derive.h - the words the decree derives from the model.
 *
 * Both backends print these, so a PDF and a DOCX of the same input say the
 * same thing. Results are NUL-terminated UTF-8 in the given arena. */
#ifndef VB_DERIVE_H
#define VB_DERIVE_H

#include <stddef.h>

#include "arena.h"
#include "model.h"

/* The national title (ô 1): the Quốc hiệu and the Tiêu ngữ, as the decree
 * writes them (the motto's hyphens are ASCII '-' with a space each side).
 * The reader accepts them typed only so; layout prints them. */
#define VB_QUOC_HIEU "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define VB_TIEU_NGU "Độc lập - Tự do - Hạnh phúc"

/* Roman numeral of n (1..3999): "I", "IV", "XII". Writes into out (16 bytes);
 * returns out, or "" when n is out of range. */
const char *vb_roman(int n, char out[16]);

/* The n-th letter (1-based) of the Vietnamese alphabet as used to number
 * điểm: a b c d đ e g h i k l m n o p q r s t u v x y (the letters with
 * marks ă â ê ô ơ ư are skipped, as the decree's samples do). Past y it
 * doubles: aa, bb … Writes into out (16 bytes); returns out. */
const char *vb_point_letter(int n, char out[16]);

/* A number of the notation with its leading zero below 10: "5" -> "05". */
const char *vb_pad_number(vb_arena *a, const char *number);

/* Room left for a number, or a day and a month, written by hand after
 * signing: no-break spaces (U+00A0), which no writer, reader or word
 * processor collapses or breaks a line at. */
#define VB_BLANK_NUMBER "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
#define VB_BLANK_DAY "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

/* A number left blank (so=""); a date whose day and month are (the year alone). */
int vb_number_blank(const char *number);
int vb_date_blank(int month, int day);

/* “Số: 05/BC-UBND” (ô 3); a number left blank: “Số:” and room before the
 * slash, “Số:          /QĐ-UBND”. */
char *vb_number_line(vb_arena *a, const vb_doc *doc);

/* “ngày 05 tháng 7 năm 2023”: day with a leading zero below 10, month with a
 * leading zero for 1 and 2 only; left blank: “ngày      tháng      năm 2024”. */
char *vb_date_words(vb_arena *a, int year, int month, int day);

/* “Lấp Vò, ngày 05 tháng 7 năm 2023” (ô 4). */
char *vb_place_date_line(vb_arena *a, const vb_doc *doc);

/* True when year-month-day is a date of the Gregorian calendar (1900..9999). */
int vb_date_valid(int year, int month, int day);

/* The Vietnamese ordinal word of n (1..999) as it follows “thứ”: "nhất",
 * "hai", "ba", "tư", "năm" … "mười", "mười một", "mười bốn", "hai mươi mốt",
 * "hai mươi tư", "một trăm linh năm"; the decimal digits outside that range.
 * In the arena. */
char *vb_ordinal_words(vb_arena *a, int n);

/* The label a numbered node is printed with: "Phần I" (or "Phần thứ nhất"
 * when n->ordinal_words is set), "Chương II", "I.", "Mục 1", "Tiểu mục 1",
 * "Điều 3.", "1.", "a)", "-"; "" for others. */
char *vb_node_label(vb_arena *a, const vb_node *n);

/* "TM.", "KT.", "TL.", "TUQ.", "Q." or "" */
const char *vb_authority_prefix(vb_authority k);

/* “- Lưu: VT, KTHT(2). NH(10).” (ô 9b's last line with ô 12). */
char *vb_archive_line(vb_arena *a, const vb_archive *ar);

/* “QUYẾT ĐỊNH:” for a quyết định, “QUYẾT NGHỊ:” for a nghị quyết, else NULL. */
const char *vb_decision_formula(const vb_doc *doc);

/* The type's name as it is written inside a sentence: “Báo cáo”,
 * “Quyết định”; “Văn bản” for a công văn. */
char *vb_type_in_sentence(vb_arena *a, const vb_doctype *t);

/* “Phụ lục I” (two or more appendices, or one with so="N"), “Phụ lục” (one),
 * or the label the input set (nhan="…"). */
char *vb_annex_label(vb_arena *a, const vb_annex *an, size_t n_appendices);

/* The reference line under an appendix or attached text:
 * “(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 7 năm 2023 của …)” or
 * “(Ban hành kèm theo Quyết định số …)”. */
char *vb_annex_reference(vb_arena *a, const vb_doc *doc, const vb_annex *an);

/* “SAO Y”, “SAO LỤC”, “TRÍCH SAO”. */
const char *vb_copy_form_name(vb_copy_form f);

/* “HỎA TỐC”, “THƯỢNG KHẨN”, “KHẨN”; “TUYỆT MẬT”, “TỐI MẬT”, “MẬT”. */
const char *vb_urgency_name(vb_urgency u);
const char *vb_secrecy_name(vb_secrecy s);

#endif
