// SPDX-License-Identifier: MIT
#pragma once

// Generic handles for the Batch and migration parts of the C ABI: a model behind a tag, a lazy
// pager, and accessors that never fail loudly (a bad handle or index reads as "" or 0).

#include <kvbridge/pager.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "capi_internal.hpp"

namespace kvb::capi {

// Batch and migration handles take tags from their own range, so adding them needs no edit of
// the Tag enum shared with the other areas.
constexpr Tag batchTag(std::uint32_t n) {
    return static_cast<Tag>(0x4b564200u + n);
}
constexpr Tag migrateTag(std::uint32_t n) {
    return static_cast<Tag>(0x4b564d00u + n);
}

/** A lazy pager behind a C handle: the first page is fetched by the first next(). */
template <class Model, Tag T>
struct PagerHandle : HandleBase {
    static constexpr Tag kTag = T;
    Pager<Model> pager;
    std::optional<typename Pager<Model>::Iterator> at;
    explicit PagerHandle(Pager<Model> p) : HandleBase(kTag), pager(std::move(p)) {}

    /** The next item, or nullptr at the end. */
    const Model* next() {
        if (!at)
            at = pager.begin();
        else if (*at != pager.end())
            ++*at;
        if (*at == pager.end()) return nullptr;
        return &**at;
    }
};

/**
 * Advance the pager behind @p pager and hand out the item as a new @p Item handle; KVB_ITEROVER
 * (with *out NULL) at the end.
 */
template <class Pager, class Item, class CItem, class CPager>
int nextItem(CItem** out, CPager* pager) {
    return guard([&]() -> int {
        requireOut(out);
        *out = nullptr;
        const auto* item = unwrap<Pager>(pager).next();
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

/** Zero @p options and set its version, once @p version is known to be @p expected. */
template <class Options>
int initOptions(Options* options, unsigned int version, unsigned int expected, const char* what) {
    return guard([&] {
        requireOut(options);
        if (version != expected) throw InvalidArgument(std::string("unknown ") + what + " version");
        *options = Options{};
        options->version = version;
        return KVB_OK;
    });
}

/** Element @p index of @p list, or throws InvalidArgument (an accessor then reads ""). */
template <class List>
const auto& at(const List& list, std::size_t index) {
    if (index >= list.size()) throw InvalidArgument("index out of range");
    return list[index];
}

} // namespace kvb::capi
