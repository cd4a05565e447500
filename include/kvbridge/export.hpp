// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file export.hpp
 * @brief KVB_EXPORT marks the classes and functions that libkvbridge exports.
 *
 * The library is built with hidden visibility, so anything not marked is private.
 */
#if defined(_WIN32)
#define KVB_EXPORT
#else
#define KVB_EXPORT __attribute__((visibility("default")))
#endif
