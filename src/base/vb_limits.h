/* vb_limits.h - resource limits that keep a hostile input from eating the
 * machine. Every limit can be raised on the command line (docs/limits.md). The
 * struct and VB_LIMITS_DEFAULT are public (an embedder sets them through
 * vb_engine_opts), so they are defined in vanban.h. */
#ifndef VB_LIMITS_H
#define VB_LIMITS_H

#include "vanban.h"

#endif
