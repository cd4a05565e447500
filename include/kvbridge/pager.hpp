// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pager.hpp
 * @brief Pager<T>: lazy paging over a list operation, one page in memory at a time.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/http/headers.hpp>

#include <cstddef>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kvb {

/** @brief One page of a list operation. */
template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> nextLink; ///< Absent on the last page.
    int status = 0;
    http::Headers headers;
};

/**
 * @brief Walks the pages of a list operation, fetching the next one only when iteration gets
 * there. Holds one page at a time. Not thread-safe; make one per thread.
 *
 * @code
 * for (const auto& props : client.listSecretProperties()) { ... }   // every item
 * auto pager = client.listSecretProperties();
 * for (; pager.hasPage(); pager.moveToNextPage()) use(pager.page().items);
 * @endcode
 */
template <class T>
class Pager {
public:
    /** @brief Fetches the page at @p nextLink (nullopt: the first page). */
    using Fetch = std::function<Page<T>(const std::optional<std::string>& nextLink, const Context&)>;

    Pager(Fetch fetch, Context context) : fetch_(std::move(fetch)), context_(std::move(context)) {}

    /** @brief True while there is a current page (fetches the first one on first use). */
    bool hasPage() {
        ensureFirst();
        return !done_;
    }
    /** @brief The current page. Precondition: hasPage(). */
    const Page<T>& page() {
        ensureFirst();
        return page_;
    }
    /** @brief Replace the current page with the next; after the last, hasPage() turns false. */
    void moveToNextPage() {
        ensureFirst();
        if (done_) return;
        if (!page_.nextLink || page_.nextLink->empty()) {
            done_ = true;
            page_ = {};
            return;
        }
        auto next = std::move(page_.nextLink);
        page_ = fetch_(next, context_);
    }

    /** @brief Input iterator over every item of every page. */
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        Iterator() = default;
        explicit Iterator(Pager* pager) : pager_(pager) { settle(); }
        reference operator*() const { return pager_->page_.items[index_]; }
        pointer operator->() const { return &pager_->page_.items[index_]; }
        Iterator& operator++() {
            ++index_;
            settle();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const Iterator& other) const {
            return pager_ == other.pager_ && (pager_ == nullptr || index_ == other.index_);
        }

    private:
        // Skip empty pages (services may return one with only a nextLink).
        void settle() {
            while (pager_ != nullptr) {
                if (!pager_->hasPage()) {
                    pager_ = nullptr;
                    return;
                }
                if (index_ < pager_->page_.items.size()) return;
                pager_->moveToNextPage();
                index_ = 0;
            }
        }
        Pager* pager_ = nullptr;
        std::size_t index_ = 0;
    };

    Iterator begin() { return Iterator(this); }
    Iterator end() { return Iterator(); }

    /** @brief Read every remaining item into one vector (for small lists). */
    std::vector<T> collect() {
        std::vector<T> all;
        for (auto& item : *this) all.push_back(item);
        return all;
    }

private:
    void ensureFirst() {
        if (!started_) {
            started_ = true;
            page_ = fetch_(std::nullopt, context_);
        }
    }

    Fetch fetch_;
    Context context_;
    Page<T> page_;
    bool started_ = false;
    bool done_ = false;
};

} // namespace kvb
