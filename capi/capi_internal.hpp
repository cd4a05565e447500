// SPDX-License-Identifier: MIT
#pragma once

// Glue shared by every C entry point: one guard that turns any exception into a status and the
// thread's error record, and typed handles that detect a wrong or freed pointer.

#include <kvbridge/error.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/operation.hpp>
#include <kvbridge/pager.hpp>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <kvbridge/kvbridge.h>

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
    SharedKey = 0x4b564305,
    JsonPager = 0x4b564306,
    KeyClient = 0x4b564307,
    Key = 0x4b564308,
    CryptographyClient = 0x4b564309,
    CryptoResult = 0x4b56430a,
    CertificateClient = 0x4b56430b,
    Certificate = 0x4b56430c,
    Dead = 0xdeaddead,
};

struct HandleBase {
    Tag tag;
    explicit HandleBase(Tag t) : tag(t) {}
    ~HandleBase() { tag = Tag::Dead; }
};

/** A handle owning one value: a client, or a model with nothing to add. */
template <Tag handleTag, class Value>
struct ValueHandle : HandleBase {
    static constexpr Tag kTag = handleTag;
    Value value;
    explicit ValueHandle(Value v) : HandleBase(kTag), value(std::move(v)) {}
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

/** A new @p H made from @p args, handed out as the opaque @p Out. */
template <class H, class Out, class... Args>
int returnHandle(Out** out, Args&&... args) {
    *out = reinterpret_cast<Out*>(new H(std::forward<Args>(args)...));
    return KVB_OK;
}

/** Text of a std::string, a C string or an optional string, for the accessors ("" when none). */
inline const char* cText(const std::string& s) noexcept {
    return s.c_str();
}
inline const char* cText(const char* s) noexcept {
    return s ? s : "";
}
inline const char* cText(const std::optional<std::string>& s) noexcept {
    return s ? s->c_str() : "";
}

/**
 * A borrowed C string from the @p H behind @p handle, or "" for a bad handle or when @p field
 * throws: accessors cannot report a status and must never crash. @p field returns text kept by
 * the handle (a std::string, an optional one, or a C string).
 */
template <class H, class Handle, class Field>
const char* borrowText(const Handle* handle, Field field) noexcept {
    const char* text = "";
    guard([&] {
        text = cText(field(unwrap<H>(handle)));
        return KVB_OK;
    });
    return text;
}

/** Throw InvalidArgument when @p text is NULL; else a view of it. */
std::string_view required(const char* text, const char* what);
/** A view of @p text, or "" when NULL. */
std::string_view optional(const char* text) noexcept;

/** Copy @p bytes into @p out (NUL-terminated); release with kvb_string_dispose(). */
void fillString(kvb_string* out, std::string_view bytes);

/** Fill @p out with @p text when the caller wants it (@p out not NULL). */
inline void fillIfWanted(kvb_string* out, std::string_view text) {
    if (out) fillString(out, text);
}

/** A view of @p size bytes at @p data; NULL with a size is an error, NULL/0 an empty span. */
std::span<const std::uint8_t> bytesIn(const uint8_t* data, size_t size, const char* what);

/** Build ClientOptions from the C struct (NULL: defaults). Fields past its version are ignored. */
http::ClientOptions clientOptions(const kvb_client_options* options);

/** Key Vault client options (api_version, challenge verification) from the C struct. */
keyvault::KeyVaultClientOptions keyVaultOptions(const kvb_client_options* options);

/** The Key Vault list options of the C struct (NULL: defaults). */
keyvault::KeyVaultListOptions keyVaultListOptions(const kvb_keyvault_list_options* options);

/** How a C call that waits polls, from @p options (NULL: the defaults); checks its version. */
PollOptions pollOptions(const kvb_operation_wait_options* options);

/**
 * The token credential behind @p handle (shared); throws a wrong-handle error for anything else
 * and InvalidArgument for a shared key credential (Batch only).
 */
std::shared_ptr<const identity::TokenCredential> credentialOf(const kvb_credential* handle);

/**
 * The Batch shared key behind @p handle, or null when it holds a token credential (for clients
 * that accept either, such as the Batch client); throws a wrong-handle error for anything else.
 */
std::shared_ptr<const identity::SharedKeyCredential> sharedKeyOf(const kvb_credential* handle);

/** Walks any Pager<T>, one item at a time; the pager stays put so its iterator stays valid. */
template <class T>
class PagerCursor {
public:
    explicit PagerCursor(Pager<T> pager) : pager_(std::move(pager)) {}
    PagerCursor(const PagerCursor&) = delete;
    PagerCursor& operator=(const PagerCursor&) = delete;
    /** The next item or null at the end. The first page is fetched by the first call. */
    const T* next() {
        if (!at_)
            at_ = pager_.begin();
        else if (*at_ != pager_.end())
            ++*at_;
        return *at_ == pager_.end() ? nullptr : &**at_;
    }

private:
    Pager<T> pager_;
    std::optional<typename Pager<T>::Iterator> at_;
};

/** A PagerCursor behind a C handle tagged @p handleTag. */
template <class Model, Tag handleTag>
struct PagerHandle : HandleBase {
    static constexpr Tag kTag = handleTag;
    PagerCursor<Model> cursor;
    explicit PagerHandle(Pager<Model> p) : HandleBase(kTag), cursor(std::move(p)) {}
};

/** A kvb_json_pager: items of any list, each turned into JSON text when reached. */
struct JsonPagerHandle : HandleBase {
    static constexpr Tag kTag = Tag::JsonPager;
    std::function<std::optional<std::string>()> next; ///< nullopt at the end
    explicit JsonPagerHandle(std::function<std::optional<std::string>()> n)
        : HandleBase(kTag), next(std::move(n)) {}
};

/** Hand out @p pager as a kvb_json_pager whose items are @p toJson(item). */
template <class T, class ToJson>
int returnJsonPager(kvb_json_pager** out, Pager<T> pager, ToJson toJson) {
    auto cursor = std::make_shared<PagerCursor<T>>(std::move(pager));
    return returnHandle<JsonPagerHandle>(out, [cursor, toJson]() -> std::optional<std::string> {
        const T* item = cursor->next();
        if (item == nullptr) return std::nullopt;
        return toJson(*item);
    });
}

/** Require a non-NULL out-parameter. */
template <class T>
void requireOut(T* out) {
    if (out == nullptr) throw InvalidArgument("the out parameter is NULL");
}

/** Require a non-NULL handle out-parameter and clear it, so that it is NULL on any failure. */
template <class T>
void resetOut(T** out) {
    requireOut(out);
    *out = nullptr;
}

// Batch, migration and Resource Manager handles take tags from their own range, so adding them needs no edit
// of the Tag enum shared with the other areas.
constexpr Tag batchTag(std::uint32_t n) {
    return static_cast<Tag>(0x4b564200u + n);
}
constexpr Tag migrateTag(std::uint32_t n) {
    return static_cast<Tag>(0x4b564d00u + n);
}
constexpr Tag armTag(std::uint32_t n) {
    return static_cast<Tag>(0x4b564100u + n);
}

/**
 * Advance the pager behind @p pager and hand out the item as a new @p Item handle; KVB_ITEROVER
 * (with *out NULL) at the end.
 */
template <class Pager, class Item, class CItem, class CPager>
int nextItem(CItem** out, CPager* pager) {
    return guard([&]() -> int {
        resetOut(out);
        const auto* item = unwrap<Pager>(pager).cursor.next();
        if (item == nullptr) return KVB_ITEROVER;
        return returnHandle<Item>(out, *item);
    });
}

/** A number read from the object behind @p handle; 0 for a bad handle. */
template <class H, class Handle, class Field>
std::size_t readNumber(const Handle* handle, Field field) noexcept {
    std::size_t n = 0;
    guard([&] {
        n = static_cast<std::size_t>(field(unwrap<H>(handle)));
        return KVB_OK;
    });
    return n;
}

/** Element @p index of @p list, or throws InvalidArgument (an accessor then reads ""). */
template <class List>
const auto& at(const List& list, std::size_t index) {
    if (index >= list.size()) throw InvalidArgument("index out of range");
    return list[index];
}

} // namespace kvb::capi
