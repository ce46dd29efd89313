/* names.h - file names made from data (`vanban batch --name`): safe on
 * every system the files may be copied to. */
#ifndef VB_NAMES_H
#define VB_NAMES_H

#include <stddef.h>

/* A file name from s[0..len) (UTF-8), malloc'd: NFC (Vietnamese letters
 * kept); '/', '\', control characters and <>:"|?* become '_' so that no
 * name leaves the output directory or is refused by Windows; leading dots
 * and spaces and trailing dots and spaces are dropped (".." is no name,
 * and Windows drops the trailing ones itself); a name Windows reserves
 * (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension) gets a '_' in
 * front; an empty result is "_"; at most VB_NAME_MAX bytes, cut between
 * characters. NULL when out of memory. */
#define VB_NAME_MAX 150
char *vb_safe_name(const char *s, size_t len);

/* The name as a case-insensitive file system sees it (case-folded NFC), for
 * finding two rows that would write one file; malloc'd. */
char *vb_name_key(const char *s);

#endif
