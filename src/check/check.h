/* check.h - the linter: the rules of Nghị định 30/2020/NĐ-CP that the
 * format cannot state, run on a document the reader has accepted. Every
 * check of what the user typed inside a field lives here; the reader checks
 * the format (elements, attributes and their values). docs/linter.md lists
 * every rule.
 *
 * The program prints the decree's fixed words itself (“Số:” and the leading
 * zero, “TM.” and its space, “- ” and “;” around recipients, “- Lưu: VT, …”,
 * the Quốc hiệu and the motto), so these checks look at what the user typed
 * that would break a rule or be printed wrongly: a type code that is not the
 * document's, a prefix typed inside a title, punctuation the program adds
 * again, text in a legacy encoding, look-alike letters.
 *
 *     vb_doc_read(r, data, len, name, &doc, &diag);      // VB_OK
 *     vb_check_doc(doc, &diag);
 *     if (vb_diag_errors(&diag)) ...                     // refuse the document
 *
 * The linter neither decodes nor parses: positions inside a text, and the
 * input's own bytes (letters typed decomposed, look-alikes), come from the
 * source the reader kept (doc->src, source.h). */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include <stddef.h>

#include "diag.h"
#include "legacy.h"
#include "model.h"

/* Runs every check on doc, which vb_doc_read built. Findings go to diag as
 * errors and warnings, in compiler form. A document without its source
 * (doc->src->text NULL: made by hand) gets the model's positions and no
 * checks on the input's bytes; so does, for the bytes, a file in an 8-bit
 * encoding. Costs one pass over the source plus one over the model's text. */
void vb_check_doc(const vb_doc *doc, vb_diag *diag);

#endif
