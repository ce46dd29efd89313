/* dl.c - dlopen and dlsym for dl.h's API tables. */
#include "dl.h"

#include <dlfcn.h>

void *vb_dl_open(const char *const *names, size_t n)
{
    void *h = NULL;
    for (size_t i = 0; i < n && !h; i++)
        if (names[i] && names[i][0])
            h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    return h;
}

void *vb_dl_sym(void *h, const char *name)
{
    return dlsym(h, name);
}
