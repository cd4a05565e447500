// SPDX-License-Identifier: MIT
#pragma once

// What every Batch call shares: the account URL, api-version, per-request headers and argument
// checks. Kept apart from BatchClient so the unit tests can check requests without a service.

#include <kvbridge/batch/batch_client.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "core/call.hpp"
#include "core/url.hpp"

namespace kvb::batch {

/** Batch's JSON media type for request bodies. */
inline constexpr const char* kJsonContentType = "application/json; odata=minimalmetadata";

/** @throws InvalidArgument unless @p id is 1-64 of letters, digits, '-' and '_'. */
void validateId(std::string_view id, std::string_view what);

/**
 * Strip spaces, check for 40 hex digits, lower-case (the form Batch returns).
 * @throws InvalidArgument otherwise (the message does not echo the input).
 */
std::string normalizeThumbprint(std::string_view thumbprint);

/** @throws InvalidArgument unless @p algorithm is 1-16 letters and digits ("sha1"). */
void validateThumbprintAlgorithm(std::string_view algorithm);

/** The state copies of a BatchClient share. */
struct BatchConnection {
    std::string accountUrl; ///< https://host[:port], no trailing slash
    std::string apiVersion;
    std::optional<std::chrono::seconds> serverTimeout;
    bool returnClientRequestId = false;
    std::shared_ptr<const http::Pipeline> pipeline;

    /** @throws InvalidArgument for a non-https URL, a URL with a path or query, an empty api-version. */
    BatchConnection(std::string_view url, const BatchClientOptions& options);

    /** accountUrl + escaped @p segments + api-version (+ timeout). */
    kvb::detail::UrlBuilder url(std::initializer_list<std::string_view> segments) const;
    /** accountUrl + "/certificates(thumbprintAlgorithm=..,thumbprint=..)" (+ @p suffix) + query. */
    kvb::detail::UrlBuilder certificateUrl(std::string_view thumbprint, std::string_view algorithm,
                                           std::string_view suffix = {}) const;
    /** A request with the per-call headers; a non-empty @p body gets Batch's JSON content type. */
    http::Request request(http::Method method, std::string url, std::string body = {},
                          bool sensitive = false) const;
    /** Paging over odata.nextLink with the per-call headers on each page. */
    kvb::detail::PageSpec pageSpec(std::string what) const;
    /** @p base plus the OData list options. */
    std::string listUrl(kvb::detail::UrlBuilder base, const ListOptions& options, bool allowExpand) const;
};

} // namespace kvb::batch
