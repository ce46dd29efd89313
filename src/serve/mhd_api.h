/* mhd_api.h - microhttpd, opened on first use (dl.h): only `vanban serve` (serve.c) call it. */
#ifndef VB_MHD_API_H
#define VB_MHD_API_H

#include <microhttpd.h>

#include "dl.h"

#define VB_MHD_FUNCS(X) X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
    X(MHD_create_response_from_callback) X(MHD_destroy_response) X(MHD_get_connection_values) \
    X(MHD_lookup_connection_value) X(MHD_queue_response) X(MHD_start_daemon) X(MHD_stop_daemon)

struct vb_mhd_api {
    VB_MHD_FUNCS(VB_DL_PTR)
};
extern struct vb_mhd_api vb_mhd;

/* Opens the library once per process and fills vb_mhd. NULL when ready;
 * otherwise why not, untranslated (the caller passes it through _()). */
const char *vb_mhd_load(void);

#endif
