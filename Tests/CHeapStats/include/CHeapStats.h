#ifndef CHEAPSTATS_H
#define CHEAPSTATS_H

#include <stddef.h>

/// Bytes the allocator has handed out and not yet taken back, over all threads' arenas.
/// Unlike resident memory it does not grow when another thread first touches a fresh arena,
/// so a leak test can run beside the rest of the suite. 0 where the allocator cannot tell.
size_t cheapstats_bytes_in_use(void);

#endif
