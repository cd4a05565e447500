// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file response.hpp
 * @brief Response<T>: a parsed model plus the HTTP status and headers it came with.
 */

#include <kvbridge/http/headers.hpp>

#include <utility>

namespace kvb {

/** @brief The result of one service call: the model, and the raw status and headers. */
template <class T>
struct Response {
    T value{};             ///< The parsed model.
    int status = 0;        ///< HTTP status of the final response.
    http::Headers headers; ///< Response headers (the body is not kept).

    /** @return The model, as `*response`. */
    T& operator*() noexcept { return value; }
    /** @return The model, as `*response`. */
    const T& operator*() const noexcept { return value; }
    /** @return A pointer to the model, for `response->field`. */
    T* operator->() noexcept { return &value; }
    /** @return A pointer to the model, for `response->field`. */
    const T* operator->() const noexcept { return &value; }
};

} // namespace kvb
