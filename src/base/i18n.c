/* i18n.c - the "vanban" text domain: where its catalogues are, and lookups. */
#define _GNU_SOURCE /* dladdr */
#include "i18n.h"

#include <dlfcn.h>
#include <libintl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VB_INSTALL_LOCALEDIR
#define VB_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef VB_BUILD_LOCALEDIR
#define VB_BUILD_LOCALEDIR VB_INSTALL_LOCALEDIR
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char locale_dir[PATH_MAX];

/* A directory holds our catalogues when it has the Vietnamese one (the
 * only language so far: po/vi.po). */
static int has_catalogue(const char *dir)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/vi/LC_MESSAGES/" VB_TEXTDOMAIN ".mo", dir);
    return access(p, R_OK) == 0;
}

/* share/locale beside an installed bin/ or lib/ (lib/<multiarch>/ two
 * levels down), or the build tree's locale/ beside build/vanban,
 * build/libvanban.so, or a test in build/tests/. */
static int near(const char *file)
{
    char dir[PATH_MAX];
    if (!realpath(file, dir))
        return 0;
    char *slash = strrchr(dir, '/');
    if (!slash)
        return 0;
    *slash = 0;
    static const char *const rel[] = {"/../share/locale", "/../../share/locale", "/locale", "/../locale"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char cand[PATH_MAX + 32];
        snprintf(cand, sizeof cand, "%s%s", dir, rel[i]);
        if (has_catalogue(cand) && realpath(cand, locale_dir))
            return 1;
    }
    return 0;
}

static void bind_domain(void)
{
    Dl_info info;
    int found = 0;
    /* the shared library's place first (an embedder's program may live
     * anywhere), then the program's, as the data directory is found */
    if (dladdr((void *)bind_domain, &info) && info.dli_fname && strchr(info.dli_fname, '/') &&
        strstr(info.dli_fname, ".so"))
        found = near(info.dli_fname);
    if (!found)
        found = near("/proc/self/exe");
    if (!found) {
        const char *d = has_catalogue(VB_INSTALL_LOCALEDIR) || !has_catalogue(VB_BUILD_LOCALEDIR)
                            ? VB_INSTALL_LOCALEDIR
                            : VB_BUILD_LOCALEDIR;
        snprintf(locale_dir, sizeof locale_dir, "%s", d);
    }
    bindtextdomain(VB_TEXTDOMAIN, locale_dir);
    /* the messages carry Vietnamese text from the document: UTF-8 whatever
     * the locale's own charset */
    bind_textdomain_codeset(VB_TEXTDOMAIN, "UTF-8");
}

const char *vb_i18n_bind(void)
{
    pthread_once(&once, bind_domain);
    return locale_dir;
}

const char *vb_gettext(const char *msgid)
{
    if (!msgid || !*msgid)
        return msgid;
    pthread_once(&once, bind_domain);
    return dgettext(VB_TEXTDOMAIN, msgid);
}
