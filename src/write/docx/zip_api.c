/* zip_api.c - opening zip (dl.h). */
#include "zip_api.h"

#include <pthread.h>

#include "i18n.h"

struct vb_zip_api vb_zip;
static const char *missing; /* why loading failed, or NULL */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int bind_all(void *h, const char **sym)
{
#define SYM(f) VB_DL_SYM_(&vb_zip, h, sym, f)
    VB_ZIP_FUNCS(SYM)
#undef SYM
    return 1;
}

static void load(void)
{
    static const char *const names[] = {
#ifdef VB_ZIP_SONAME
        VB_ZIP_SONAME, /* the one built against */
#endif
        "libzip.so.4", "libzip.so.5"};
    void *h = vb_dl_open(names, sizeof names / sizeof *names);
    const char *sym = NULL;
    if (!h || !bind_all(h, &sym))
        missing = N_("cannot load the libzip library (libzip.so.4, package libzip4), which writes DOCX and reads XLSX files");
}

const char *vb_zip_load(void)
{
    pthread_once(&once, load);
    return missing;
}
