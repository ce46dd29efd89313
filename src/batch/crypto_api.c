/* crypto_api.c - opening crypto (dl.h). */
#include "crypto_api.h"

#include <pthread.h>

#include "i18n.h"

struct vb_crypto_api vb_crypto;
static const char *missing; /* why loading failed, or NULL */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int bind_all(void *h, const char **sym)
{
#define SYM(f) VB_DL_SYM_(&vb_crypto, h, sym, f)
    VB_CRYPTO_FUNCS(SYM)
#undef SYM
    return 1;
}

static void load(void)
{
    static const char *const names[] = {
#ifdef VB_CRYPTO_SONAME
        VB_CRYPTO_SONAME, /* the one built against */
#endif
        "libcrypto.so.3"};
    void *h = vb_dl_open(names, sizeof names / sizeof *names);
    const char *sym = NULL;
    if (!h || !bind_all(h, &sym))
        missing = N_("cannot load the OpenSSL crypto library (libcrypto.so.3, package libssl3), which gives the batch manifest its SHA-256 sums");
}

const char *vb_crypto_load(void)
{
    pthread_once(&once, load);
    return missing;
}
