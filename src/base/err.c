#include "err.h"

#include "i18n.h"

const char *vb_strerror(vb_err e)
{
    switch (e) {
    case VB_OK: return _("success");
    case VB_ERR_NOMEM: return _("out of memory");
    case VB_ERR_INPUT: return _("invalid input");
    case VB_ERR_IO: return _("input/output error");
    case VB_ERR_FONT: return _("font error");
    case VB_ERR_IMAGE: return _("image error");
    case VB_ERR_PDF: return _("PDF writer error");
    case VB_ERR_ZIP: return _("zip writer error");
    case VB_ERR_XML: return _("XML writer error");
    case VB_ERR_LIMIT: return _("resource limit exceeded");
    case VB_ERR_INTERNAL: return _("internal error");
    case VB_ERR_ARG: return _("invalid argument");
    case VB_ERR_DATA: return _("data files missing or broken");
    }
    return _("unknown error");
}
