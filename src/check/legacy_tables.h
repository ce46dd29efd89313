/* legacy_tables.h - the pre-Unicode Vietnamese encodings TCVN3 (ABC, .VnTime
 * fonts) and VNI-Windows (VNI-Times fonts), as they show up in a UTF-8 file:
 * each legacy byte as the Windows-1252 character of the same number, which for
 * the bytes used here (A0-FF) is the code point of the same value.
 *
 * src/legacy_tables.c is generated from data/legacy/tcvn3.tsv and vni.tsv by
 * scripts/gen-legacy-tables.py (data/legacy/LEGACY.md describes the data). */
#ifndef VB_LEGACY_TABLES_H
#define VB_LEGACY_TABLES_H

#include <stdint.h>

/* TCVN3 (the VN3 set): the letter code point c (U+00A0..U+00FF) stands for,
 * at [c - 0xA0]; 0 when c is not a TCVN3 letter. _lower reads the text as set
 * in a regular .Vn font, _upper as set in a capital font (.VnTimeH), where
 * the same bytes draw capitals. */
extern const uint16_t vb_tcvn3_lower[96];
extern const uint16_t vb_tcvn3_upper[96];

/* VNI-Windows letters of one code point (ơ ư đ, the toned i, ỵ and their
 * capitals), at [c - 0xA0]; 0 for the others. */
extern const uint16_t vb_vni_single[96];

/* VNI-Windows letters of two code points: a base (an ASCII vowel, or the
 * single letters ơ ư Ơ Ư) followed by a mark U+00C0..U+00FF. */
#define VB_VNI_N_BASES 14
extern const uint16_t vb_vni_bases[VB_VNI_N_BASES];
extern const uint16_t vb_vni_pair[VB_VNI_N_BASES][64]; /* [base index][mark - 0xC0]; 0: none */

#endif
