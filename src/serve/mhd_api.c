/* mhd_api.c - opening microhttpd (dl.h). */
#include "mhd_api.h"

#include <pthread.h>

#include "i18n.h"

struct vb_mhd_api vb_mhd;
static const char *missing; /* why loading failed, or NULL */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int bind_all(void *h, const char **sym)
{
#define SYM(f) VB_DL_SYM_(&vb_mhd, h, sym, f)
    VB_MHD_FUNCS(SYM)
#undef SYM
    return 1;
}

static void load(void)
{
    static const char *const names[] = {
#ifdef VB_MHD_SONAME
        VB_MHD_SONAME, /* the one built against */
#endif
        "libmicrohttpd.so.12"};
    void *h = vb_dl_open(names, sizeof names / sizeof *names);
    const char *sym = NULL;
    if (!h || !bind_all(h, &sym))
        missing = N_("cannot load the libmicrohttpd library (libmicrohttpd.so.12, package libmicrohttpd12), which serves the preview page");
}

const char *vb_mhd_load(void)
{
    pthread_once(&once, load);
    return missing;
}
