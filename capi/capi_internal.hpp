// SPDX-License-Identifier: MIT
#pragma once

// Glue shared by every C entry point: one guard that turns any exception into a status and the
// thread's error record, and typed handles that detect a wrong or freed pointer.

#include <kvbridge/error.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "kvbridge.h"

namespace kvb::capi {

/** Record a failure (status + details) for kvb_error_last() and return the status. */
int fail(int status, std::string message, const ServiceErrorInfo* info = nullptr);
/** Reset the thread's error record to KVB_OK. */
void clearError() noexcept;
/** Map the exception being handled to a status and record it. */
int failFromCurrentException() noexcept;
/** Thrown by unwrap(); mapped to KVB_E_WRONG_HANDLE. */
struct WrongHandle {};

/**
 * Run @p body (returning an int status) with every exception mapped to a status; the one place
 * where C++ errors become C errors, so no exception ever crosses the boundary.
 */
template <class Body>
int guard(Body&& body) noexcept {
    try {
        clearError();
        return body();
    } catch (...) {
        return failFromCurrentException();
    }
}
/** Every handle starts with a tag naming its type; freeing overwrites it so reuse is caught. */
enum class Tag : std::uint32_t {
    Credential = 0x4b564301,
    SecretClient = 0x4b564302,
    Secret = 0x4b564303,
    SecretPager = 0x4b564304,
    SharedKey = 0x4b564305,
    Dead = 0xdeaddead,
};

struct HandleBase {
    Tag tag;
    explicit HandleBase(Tag t) : tag(t) {}
    ~HandleBase() { tag = Tag::Dead; }
};

/** The object behind @p handle if it carries @p T's tag; else throws a wrong-handle error. */
template <class T, class Handle>
T& unwrap(Handle* handle) {
    auto* base = reinterpret_cast<HandleBase*>(const_cast<std::remove_const_t<Handle>*>(handle));
    if (base == nullptr || base->tag != T::kTag) throw WrongHandle();
    return *reinterpret_cast<T*>(base);
}

/** Delete the @p T behind @p handle; NULL, a handle of another type or a freed one is ignored. */
template <class T>
void freeHandle(void* handle) noexcept {
    if (handle == nullptr) return;
    if (static_cast<HandleBase*>(handle)->tag != T::kTag) return; // not ours or already freed
    delete static_cast<T*>(handle);
}

/** Throw InvalidArgument when @p text is NULL; else a view of it. */
std::string_view required(const char* text, const char* what);
/** A view of @p text, or "" when NULL. */
std::string_view optional(const char* text) noexcept;

/** Copy @p bytes into @p out (NUL-terminated); release with kvb_string_dispose(). */
void fillString(kvb_string* out, std::string_view bytes);

/** Build ClientOptions from the C struct (NULL: defaults). Fields past its version are ignored. */
http::ClientOptions clientOptions(const kvb_client_options* options);

/** The credential behind @p handle (shared); throws a wrong-handle error for anything else. */
std::shared_ptr<const identity::TokenCredential> credentialOf(const kvb_credential* handle);

/** Require a non-NULL out-parameter. */
template <class T>
void requireOut(T* out) {
    if (out == nullptr) throw InvalidArgument("the out parameter is NULL");
}

} // namespace kvb::capi
