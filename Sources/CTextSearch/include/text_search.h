#ifndef QUARRY_TEXT_SEARCH_H
#define QUARRY_TEXT_SEARCH_H
#include <stddef.h>

/// The first place `needle` occurs in `haystack`, or NULL: the C library's memmem, which Swift's
/// Glibc module hides behind _GNU_SOURCE.
const void *quarry_find_bytes(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

#endif
