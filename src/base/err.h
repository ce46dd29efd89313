/* err.h - failures of the system and of libraries (not of the user's input).
 *
 * Bad input is reported through a vb_diag sink (diag.h) and ends in
 * VB_ERR_INPUT; everything else is one of the vb_err codes. 0 means success.
 * The enum and vb_strerror are public, so they are defined in vanban.h. */
#ifndef VB_ERR_H
#define VB_ERR_H

#include "vanban.h"

#endif
