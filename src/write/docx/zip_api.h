/* zip_api.h - zip, opened on first use (dl.h): only the DOCX writer (zipw.c) and the XLSX reader (src/batch/xlsx.c) call it. */
#ifndef VB_ZIP_API_H
#define VB_ZIP_API_H

#include <zip.h>

#include "dl.h"

#define VB_ZIP_FUNCS(X) X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror) \
    X(zip_fclose) X(zip_file_add) X(zip_file_set_mtime) X(zip_fopen_index) X(zip_fread) X(zip_name_locate) \
    X(zip_open_from_source) X(zip_set_file_compression) X(zip_source_buffer) X(zip_source_buffer_create) \
    X(zip_source_close) X(zip_source_error) X(zip_source_free) X(zip_source_keep) X(zip_source_open) \
    X(zip_source_read) X(zip_source_stat) X(zip_stat_index) X(zip_stat_init) X(zip_strerror)

struct vb_zip_api {
    VB_ZIP_FUNCS(VB_DL_PTR)
};
extern struct vb_zip_api vb_zip;

/* Opens the library once per process and fills vb_zip. NULL when ready;
 * otherwise why not, untranslated (the caller passes it through _()). */
const char *vb_zip_load(void);

#endif
