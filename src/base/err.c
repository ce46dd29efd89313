#include "err.h"

const char *vb_strerror(vb_err e)
{
    switch (e) {
    case VB_OK: return "success";
    case VB_ERR_NOMEM: return "out of memory";
    case VB_ERR_INPUT: return "invalid input";
    case VB_ERR_IO: return "input/output error";
    case VB_ERR_FONT: return "font error";
    case VB_ERR_IMAGE: return "image error";
    case VB_ERR_PDF: return "PDF writer error";
    case VB_ERR_ZIP: return "zip writer error";
    case VB_ERR_XML: return "XML writer error";
    case VB_ERR_LIMIT: return "resource limit exceeded";
    case VB_ERR_INTERNAL: return "internal error";
    case VB_ERR_ARG: return "invalid argument";
    case VB_ERR_DATA: return "data files missing or broken";
    }
    return "unknown error";
}
