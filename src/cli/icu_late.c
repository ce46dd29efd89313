/* icu_late.c - ICU for the program's own libxml2, opened on first use.
 *
 * The `vanban` program links libxml2 statically (CMakeLists.txt: VB_STATIC_XML2):
 * Debian's shared libxml2 needs ICU, which needs libstdc++, and those two
 * were 4,700 of a start's 5,500 symbol relocations, 0.8 ms of every
 * `vanban render`. libxml2 calls ICU for nothing but converters of
 * encodings iconv lacks, so the static libxml2 gets these definitions of
 * the seven ICU functions it uses: each opens libicuuc the first time it is
 * called and passes the call on (dl.h). A document in UTF-8, UTF-16 or any
 * encoding iconv knows never opens it.
 *
 * ICU's headers rename every function with the library's version
 * (ucnv_open is ucnv_open_72 in ICU 72): the definitions below are renamed
 * the same way, so they are exactly the symbols libxml2.a asks for. */
#include <pthread.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include "dl.h"

#define ICU_FUNCS(X)                                                                                                   \
    X(ucnv_open) X(ucnv_close) X(ucnv_convertEx) X(ucnv_setFromUCallBack) X(ucnv_setToUCallBack)                     \
        X(UCNV_FROM_U_CALLBACK_STOP) X(UCNV_TO_U_CALLBACK_STOP)

static struct icu_api {
    ICU_FUNCS(VB_DL_PTR)
} icu;
static int icu_ok;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

#define STR_(x) #x
#define STR(x) STR_(x) /* the renamed name: "ucnv_open_72" */

static int bind_all(void *h)
{
#define SYM(f)                                                                                                         \
    if (!(icu.f = (__typeof__(icu.f))vb_dl_sym(h, STR(f))))                                                           \
        return 0;
    ICU_FUNCS(SYM)
#undef SYM
    return 1;
}

static void icu_load(void)
{
    static const char *const names[] = {"libicuuc.so." STR(U_ICU_VERSION_MAJOR_NUM)};
    void *h = vb_dl_open(names, 1);
    icu_ok = h && bind_all(h);
}

static int ready(UErrorCode *err)
{
    pthread_once(&icu_once, icu_load);
    if (!icu_ok && err && U_SUCCESS(*err))
        *err = U_MISSING_RESOURCE_ERROR; /* libxml2 then reports the encoding as unsupported */
    return icu_ok;
}

UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    return ready(err) ? icu.ucnv_open(name, err) : NULL;
}

void ucnv_close(UConverter *cnv)
{
    if (cnv && ready(NULL))
        icu.ucnv_close(cnv);
}

void ucnv_convertEx(UConverter *target, UConverter *source, char **targetp, const char *targetLimit,
                    const char **sourcep, const char *sourceLimit, UChar *pivotStart, UChar **pivotSource,
                    UChar **pivotTarget, const UChar *pivotLimit, UBool reset, UBool flush, UErrorCode *err)
{
    if (ready(err))
        icu.ucnv_convertEx(target, source, targetp, targetLimit, sourcep, sourceLimit, pivotStart, pivotSource,
                           pivotTarget, pivotLimit, reset, flush, err);
}

/* libxml2 passes the address of UCNV_*_CALLBACK_STOP, which here is the
 * definition below: ICU gets its own function instead. */
void ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback action, const void *context,
                           UConverterFromUCallback *old, const void **oldContext, UErrorCode *err)
{
    if (ready(err))
        icu.ucnv_setFromUCallBack(cnv, action == UCNV_FROM_U_CALLBACK_STOP ? icu.UCNV_FROM_U_CALLBACK_STOP : action,
                                  context, old, oldContext, err);
}

void ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback action, const void *context,
                         UConverterToUCallback *old, const void **oldContext, UErrorCode *err)
{
    if (ready(err))
        icu.ucnv_setToUCallBack(cnv, action == UCNV_TO_U_CALLBACK_STOP ? icu.UCNV_TO_U_CALLBACK_STOP : action, context,
                                old, oldContext, err);
}

void UCNV_FROM_U_CALLBACK_STOP(const void *context, UConverterFromUnicodeArgs *args, const UChar *units,
                               int32_t length, UChar32 cp, UConverterCallbackReason reason, UErrorCode *err)
{
    if (ready(err))
        icu.UCNV_FROM_U_CALLBACK_STOP(context, args, units, length, cp, reason, err);
}

void UCNV_TO_U_CALLBACK_STOP(const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t length,
                             UConverterCallbackReason reason, UErrorCode *err)
{
    if (ready(err))
        icu.UCNV_TO_U_CALLBACK_STOP(context, args, units, length, reason, err);
}
