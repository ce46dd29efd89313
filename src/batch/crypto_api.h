/* crypto_api.h - crypto, opened on first use (dl.h): only the batch manifest (batch.c) call it. */
#ifndef VB_CRYPTO_API_H
#define VB_CRYPTO_API_H

#include <openssl/evp.h>

#include "dl.h"

#define VB_CRYPTO_FUNCS(X) X(EVP_Digest) X(EVP_sha256)

struct vb_crypto_api {
    VB_CRYPTO_FUNCS(VB_DL_PTR)
};
extern struct vb_crypto_api vb_crypto;

/* Opens the library once per process and fills vb_crypto. NULL when ready;
 * otherwise why not, untranslated (the caller passes it through _()). */
const char *vb_crypto_load(void);

#endif
