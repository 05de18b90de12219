#ifndef EVIDENCE_CPCRE2_SHIM_H
#define EVIDENCE_CPCRE2_SHIM_H
/* The 8-bit library: call the pcre2_*_8 functions from Swift. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
/* Swift cannot import cast-expression macros such as PCRE2_UNSET. */
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
