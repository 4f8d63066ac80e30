// What the engine asks of the platform that Swift has no spelling for.
// Header only: nothing to link, the functions inlined where called.
#ifndef KAOHE_PLATFORM_H
#define KAOHE_PLATFORM_H

#ifdef __linux__
#include <malloc.h>
#endif

// A hint to the processor to fetch the cache line at `p` ahead of a read.
static inline void kaohe_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif
