/* lexdata_none.c - an empty built-in table, for vb_lexgen itself (which
 * must build its table from the files). */
#include <stddef.h>
#include <stdint.h>

const uint64_t vb_lexdata_sum = 0;
const size_t vb_lexdata_cap = 0, vb_lexdata_n = 0, vb_lexdata_used = 0;
const uint32_t vb_lexdata_off[1] = {0};
const char vb_lexdata_pool[1] = {0};
