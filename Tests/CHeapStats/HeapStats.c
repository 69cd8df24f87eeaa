#include "CHeapStats.h"

#if defined(__linux__)
#include <malloc.h>

#if !defined(__GLIBC__)
#error "bytes in use are read with glibc's mallinfo2"
#endif

size_t cheapstats_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    // Small blocks from the arenas plus the large ones glibc maps on their own.
    return info.uordblks + info.hblkhd;
}
#elif defined(__APPLE__)
#include <malloc/malloc.h>

size_t cheapstats_bytes_in_use(void) {
    malloc_statistics_t statistics;
    malloc_zone_statistics(NULL, &statistics);
    return statistics.size_in_use;
}
#else
size_t cheapstats_bytes_in_use(void) { return 0; }
#endif
