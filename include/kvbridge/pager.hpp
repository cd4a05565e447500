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
    std::vector<T> items;                ///< The page's items, in the service's order; may be empty.
    std::optional<std::string> nextLink; ///< Absent on the last page.
    int status = 0;                      ///< HTTP status of the response that carried the page.
    http::Headers headers;               ///< Headers of that response (the body is not kept).
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

    /**
     * @brief A pager that has fetched nothing yet; clients make these, callers rarely need to.
     * @param[in] fetch    gets one page; the first call gets nullopt, later ones a nextLink.
     * @param[in] context  passed to every fetch: cancelling it ends the walk.
     */
    Pager(Fetch fetch, Context context) : fetch_(std::move(fetch)), context_(std::move(context)) {}

    /**
     * @brief Whether there is a current page; the first call fetches the first page.
     * @return False once moveToNextPage() has gone past the last page.
     * @throws ServiceError, http::TransportError, ParseError or OperationCancelled from the fetch.
     */
    bool hasPage() {
        ensureFirst();
        return !done_;
    }
    /**
     * @brief The current page. Precondition: hasPage().
     * @return The page, valid until the next moveToNextPage().
     * @throws as hasPage() when it fetches the first page.
     */
    const Page<T>& page() {
        ensureFirst();
        return page_;
    }
    /**
     * @brief Replace the current page with the next one (a request to its nextLink); after the
     * last, hasPage() turns false.
     * @throws as hasPage().
     */
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

    /**
     * @brief Input iterator over every item of every page; advancing past a page's last item
     * fetches the next page (and may throw as hasPage()).
     */
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag; ///< Single pass: pages are not kept.
        using value_type = T;                              ///< The item type.
        using difference_type = std::ptrdiff_t;            ///< As the standard requires.
        using pointer = const T*;                          ///< Items are read-only.
        using reference = const T&;                        ///< Items are read-only.

        /** @brief The end iterator. */
        Iterator() = default;
        /**
         * @brief An iterator at @p pager's first remaining item (fetching as needed).
         * @param[in] pager  the pager to walk; it must outlive the iterator.
         */
        explicit Iterator(Pager* pager) : pager_(pager) { settle(); }
        /** @return The current item, valid until the iterator moves to another page. */
        reference operator*() const { return pager_->page_.items[index_]; }
        /** @return A pointer to the current item, valid as operator*()'s result. */
        pointer operator->() const { return &pager_->page_.items[index_]; }
        /**
         * @brief Move to the next item, fetching the next page when this one is used up.
         * @return This iterator.
         */
        Iterator& operator++() {
            ++index_;
            settle();
            return *this;
        }
        /** @brief Same as the prefix form; returns nothing (an input iterator cannot go back). */
        void operator++(int) { ++*this; }
        /**
         * @param[in] other  the iterator to compare with.
         * @return True when both are at the end, or at the same item of the same pager.
         */
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

    /**
     * @return An iterator at the first remaining item (fetching the first page if needed).
     * @throws as hasPage().
     */
    Iterator begin() { return Iterator(this); }
    /** @return The end iterator. */
    Iterator end() { return Iterator(); }

    /**
     * @brief Read every remaining item into one vector (for small lists).
     * @return The items of this and every following page.
     * @throws as hasPage().
     */
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
