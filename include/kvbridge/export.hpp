// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file export.hpp
 * @brief KVB_EXPORT marks the classes and functions that libkvbridge exports.
 *
 * The library is built with hidden visibility, so anything not marked is private.
 *
 * Every public header includes this one before any code of its own, so that the first error of
 * a translation unit compiled below C++20 is the one clear message below, not one about the first
 * C++20 construct it meets (std::span, concepts, ...). The api-headers test checks both.
 */
#if !defined(__cplusplus) || __cplusplus < 202002L
#error "kvbridge's C++ API needs C++20: compile with -std=c++20 (C code: <kvbridge/kvbridge.h>)"
#endif

/** @brief Gives a class or function of libkvbridge default visibility, so that it is exported. */
#if defined(_WIN32)
#define KVB_EXPORT
#else
#define KVB_EXPORT __attribute__((visibility("default")))
#endif
