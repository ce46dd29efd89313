/* zipw.c - a zip archive in memory (libzip): a buffer source opened as an
 * archive, written on close, read back from the same source. */
#include "zipw.h"

#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "zip_api.h"
#include <time.h>

/* Entries smaller than this are stored: deflating one saves a few hundred
 * bytes but costs a compressor set-up (zlib allocates and clears a quarter
 * of a megabyte per entry), which is most of the time spent writing a
 * small package. */
#define STORE_BELOW 2048

struct vb_zipw {
    zip_source_t *src; /* holds the archive's bytes once it is closed */
    zip_t *za;         /* NULL once closed */
    int level;
    time_t mtime;
};

/* 1980-01-01 00:00 as local time: libzip turns the time back into the
 * zip's DOS date with localtime(), so every time zone writes the same
 * bytes (00:00 on 1 January 1980). */
static time_t dos_epoch(void)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 80;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? (time_t)315532800 : t;
}

vb_err vb_zipw_new(vb_zipw **out, int level, vb_diag *diag)
{
    *out = NULL;
    const char *why = vb_zip_load();
    if (why) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "%s", _(why));
        return VB_ERR_ZIP;
    }
    vb_zipw *z = calloc(1, sizeof *z);
    if (!z)
        return VB_ERR_NOMEM;
    z->level = level < 1 ? 1 : level > 9 ? 9 : level;
    z->mtime = dos_epoch();
    zip_error_t ze;
    vb_zip.zip_error_init(&ze);
    z->src = vb_zip.zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!z->src)
        goto fail;
    z->za = vb_zip.zip_open_from_source(z->src, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!z->za)
        goto fail;
    /* the archive must not free the source on close: its bytes are read
     * back from it */
    vb_zip.zip_source_keep(z->src);
    vb_zip.zip_error_fini(&ze);
    *out = z;
    return VB_OK;
fail:
    vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "creating the DOCX package: zip: %s", vb_zip.zip_error_strerror(&ze));
    vb_zip.zip_error_fini(&ze);
    vb_zip.zip_source_free(z->src);
    free(z);
    return VB_ERR_ZIP;
}

static vb_err add(vb_zipw *z, const char *name, const void *data, size_t len, int deflate, vb_diag *diag)
{
    if (!z->za) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: zip: the package is already closed", name);
        return VB_ERR_ZIP;
    }
    /* libzip takes ownership of a buffer only when it holds bytes: an
     * empty entry gets no buffer at all, or the byte would leak. */
    void *copy = NULL;
    if (len) {
        copy = malloc(len);
        if (!copy)
            return VB_ERR_NOMEM;
        memcpy(copy, data, len);
    }
    zip_source_t *s = vb_zip.zip_source_buffer(z->za, copy, len, 1);
    if (!s) {
        free(copy);
        goto fail;
    }
    zip_int64_t idx = vb_zip.zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        vb_zip.zip_source_free(s);
        goto fail;
    }
    if (vb_zip.zip_set_file_compression(z->za, (zip_uint64_t)idx, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                 deflate ? (zip_uint32_t)z->level : 0) < 0 ||
        vb_zip.zip_file_set_mtime(z->za, (zip_uint64_t)idx, z->mtime, 0) < 0)
        goto fail;
    return VB_OK;
fail:
    vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing %s: zip: %s", name, vb_zip.zip_strerror(z->za));
    return VB_ERR_ZIP;
}

vb_err vb_zipw_add(vb_zipw *z, const char *name, const void *data, size_t len, vb_diag *diag)
{
    return add(z, name, data, len, len >= STORE_BELOW, diag);
}

vb_err vb_zipw_add_stored(vb_zipw *z, const char *name, const void *data, size_t len, vb_diag *diag)
{
    return add(z, name, data, len, 0, diag);
}

vb_err vb_zipw_finish(vb_zipw *z, vb_buf *out, vb_diag *diag)
{
    if (!z->za) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing the DOCX package: zip: already closed");
        return VB_ERR_ZIP;
    }
    if (vb_zip.zip_close(z->za) < 0) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "writing the DOCX package: zip: %s", vb_zip.zip_strerror(z->za));
        vb_zip.zip_discard(z->za);
        z->za = NULL;
        return VB_ERR_ZIP;
    }
    z->za = NULL;
    zip_stat_t st;
    vb_zip.zip_stat_init(&st);
    if (vb_zip.zip_source_stat(z->src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || vb_zip.zip_source_open(z->src) < 0) {
        vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "reading back the DOCX package: zip: %s",
                     vb_zip.zip_error_strerror(vb_zip.zip_source_error(z->src)));
        return VB_ERR_ZIP;
    }
    vb_err err = VB_OK;
    if (!vb_buf_reserve(out, (size_t)st.size + 1)) {
        err = VB_ERR_NOMEM;
    } else {
        zip_int64_t n = vb_zip.zip_source_read(z->src, out->data + out->len, st.size);
        if (n < 0 || (zip_uint64_t)n != st.size) {
            vb_diag_emit(diag, (vb_srcpos){0}, VB_ERROR, "reading back the DOCX package: zip: %s",
                         vb_zip.zip_error_strerror(vb_zip.zip_source_error(z->src)));
            err = VB_ERR_ZIP;
        } else {
            out->len += (size_t)n;
        }
    }
    vb_zip.zip_source_close(z->src);
    return err;
}

void vb_zipw_free(vb_zipw *z)
{
    if (!z)
        return;
    if (z->za)
        vb_zip.zip_discard(z->za);
    vb_zip.zip_source_free(z->src);
    free(z);
}
