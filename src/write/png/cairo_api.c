/* cairo_api.c - opening cairo (dl.h). */
#include "cairo_api.h"

#include <pthread.h>

#include "i18n.h"

struct vb_cairo_api vb_cairo;
static const char *missing; /* why loading failed, or NULL */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int bind_all(void *h, const char **sym)
{
#define SYM(f) VB_DL_SYM_(&vb_cairo, h, sym, f)
    VB_CAIRO_FUNCS(SYM)
#undef SYM
    return 1;
}

static void load(void)
{
    static const char *const names[] = {
#ifdef VB_CAIRO_SONAME
        VB_CAIRO_SONAME, /* the one built against */
#endif
        "libcairo.so.2"};
    void *h = vb_dl_open(names, sizeof names / sizeof *names);
    const char *sym = NULL;
    if (!h || !bind_all(h, &sym))
        missing = N_("cannot load the cairo library (libcairo.so.2, package libcairo2), which draws PNG pages");
}

const char *vb_cairo_load(void)
{
    pthread_once(&once, load);
    return missing;
}
