/* i18n.h - messages in the user's language, through gettext.
 *
 * The library translates with dgettext() in its own text domain, "vanban",
 * and never calls setlocale(): the program that embeds it owns the locale
 * (the CLI sets it from the environment in main). Under the C locale, or
 * when no catalogue is found, every message is its English msgid, byte for
 * byte. docs/messages.md says how to add a message and its translation. */
#ifndef VB_I18N_H
#define VB_I18N_H

#define VB_TEXTDOMAIN "vanban"

/* The translation of msgid in the "vanban" domain (the domain is bound on
 * first use). NULL and "" are returned as they are ("" would otherwise
 * give the catalogue's header). The result is static: never free it. */
const char *vb_gettext(const char *msgid) __attribute__((format_arg(1)));

/* _() translates here; N_() only marks a string for xgettext (a table's
 * entry, translated with _() where it is used). */
#define _(s) vb_gettext(s)
#define N_(s) s

/* Binds the text domain to the catalogues' directory (done once; the
 * engine calls it, and vb_gettext does on first use) and returns it:
 * share/locale beside the program or libvanban.so, the build tree's
 * locale/ when run from there, else the install prefix's. */
const char *vb_i18n_bind(void);

#endif
