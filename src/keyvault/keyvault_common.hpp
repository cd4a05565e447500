// SPDX-License-Identifier: MIT
#pragma once

// What every Key Vault client shares: URL and name checks, the pipeline with challenge auth,
// and request building with the api-version.

#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/operation.hpp>
#include <kvbridge/pager.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "core/call.hpp"
#include "core/json.hpp"
#include "core/url.hpp"
#include "http/policies.hpp"

namespace kvb::keyvault {

/** Readable name for the sensitivity flags of writers and calls: the body or reply carries key material or a
 * secret value. */
inline constexpr bool kSensitive = true;

/** @throws InvalidArgument unless @p name matches ^[0-9a-zA-Z-]{1,127}$. */
void validateName(std::string_view name, std::string_view what);

/** @throws InvalidArgument unless @p version is empty or alphanumeric (Key Vault versions are hex). */
void validateVersion(std::string_view version);

/** The state every Key Vault client shares; copies share the pipeline. */
struct VaultConnection {
    std::string vaultUrl; ///< https://host[:port], no trailing slash
    std::string apiVersion;
    std::shared_ptr<const http::Pipeline> pipeline;

    /** @throws InvalidArgument for a non-https URL, a missing credential or an unknown api-version. */
    VaultConnection(std::string_view url, std::shared_ptr<const identity::TokenCredential> credential,
                    const KeyVaultClientOptions& options);

    /** vaultUrl + escaped @p segments + ?api-version=... (add more query with the builder). */
    kvb::detail::UrlBuilder url(std::initializer_list<std::string_view> segments) const;

    /** @throws InvalidArgument when apiVersion is older than @p minimum, naming @p feature. */
    void requireApiVersion(std::string_view minimum, std::string_view feature) const;
};

/** A request carrying a JSON body; @p sensitive wipes the body once sent (values, keys). */
http::Request jsonRequest(http::Method method, std::string url, std::string_view body,
                          bool sensitive = false);

/** Whether a list has items that can be pending (certificates), so takes includePending. */
enum class PendingItems { No, Yes };

/**
 * @throws InvalidArgument unless maxResults is unset or 1-25, or when includePending is set for a
 * list that has no pending items.
 */
void validateListOptions(const KeyVaultListOptions& options, PendingItems pending);

/**
 * A lazy pager over GET vaultUrl/@p segments (?maxresults=...&includePending=true), items parsed
 * by @p parseItem. Options are checked here, at the call, not at the first page.
 */
template <class T, class ParseItem>
Pager<T> listPager(const VaultConnection& connection, std::initializer_list<std::string_view> segments,
                   const KeyVaultListOptions& options, ParseItem parseItem, std::string what,
                   const Context& context, PendingItems pending = PendingItems::No) {
    validateListOptions(options, pending);
    auto url = connection.url(segments);
    if (options.maxResults) url.query("maxresults", std::to_string(*options.maxResults));
    if (options.includePending) url.query("includePending", "true");
    kvb::detail::PageSpec spec;
    spec.what = std::move(what);
    return kvb::detail::makePager<T>(connection.pipeline, url.str(), std::move(parseItem), std::move(spec),
                                     context);
}

/** What a call that starts or polls an operation learned: @p response's value and Retry-After. */
template <class T>
PollResult<T> pollResultOf(Response<T> response, bool done) {
    PollResult<T> out;
    out.done = done;
    out.retryAfter = kvb::detail::retryAfterOf(response.headers);
    out.value = std::move(response.value);
    return out;
}

/**
 * An Operation that is done once GET @p pollUrl answers 200 (parsed by @p parse); 404 means "not
 * yet" (soft delete and recovery take effect asynchronously). Either answer's Retry-After paces
 * the next poll. @p started: what the DELETE or recover call returned (done: nothing to wait for).
 */
template <class T, class Parse>
Operation<T> pollUntilReadable(const VaultConnection& connection, std::string pollUrl, Parse parse,
                               PollResult<T> started, std::string resumeToken, std::string description) {
    auto poll = [pipeline = connection.pipeline, pollUrl = std::move(pollUrl),
                 parse = std::move(parse)](const Context& context) {
        PollResult<T> result;
        http::Request request(http::Method::Get, pollUrl);
        http::RawResponse raw = kvb::detail::sendExpecting(*pipeline, request, {200, 404}, context);
        raw.sensitiveBody = true; // deleted secrets may carry their value
        result.retryAfter = kvb::detail::retryAfterOf(raw.headers);
        if (raw.status == 200) {
            auto doc = kvb::detail::parseJson(raw.body, "poll response");
            result.value = parse(kvb::detail::requireObject(doc, "poll response"));
            result.done = true;
        }
        return result;
    };
    return Operation<T>(std::move(poll), std::move(resumeToken), std::move(description), std::move(started));
}

} // namespace kvb::keyvault
