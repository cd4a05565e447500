// SPDX-License-Identifier: MIT
#pragma once

// What every Resource Manager client shares: the endpoint, the api-version, the pipeline with
// bearer authentication, name checks, and the call shapes (get, send with a body, list).

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/arm/resource_id.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/response.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "core/call.hpp"
#include "core/json.hpp"
#include "core/url.hpp"

namespace kvb::arm {

using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

/** The state copies of a client share. */
struct ArmConnection {
    std::string endpoint;   ///< https://host[:port], no trailing slash
    std::string apiVersion; ///< the caller's, else the client's default
    std::shared_ptr<const http::Pipeline> pipeline;

    /** @throws InvalidArgument for a null credential, a bad endpoint or an empty scope. */
    ArmConnection(std::shared_ptr<const identity::TokenCredential> credential,
                  const ArmClientOptions& options, std::string_view defaultApiVersion);

    /** endpoint + the escaped segments of @p id and @p extra + ?api-version=... */
    kvb::detail::UrlBuilder url(const ResourceId& id,
                                std::initializer_list<std::string_view> extra = {}) const;
};

/** A connection of a client bound to one subscription (vaults, identities, Batch accounts). */
struct SubscriptionConnection {
    std::string subscriptionId;
    ArmConnection conn;

    /** @throws InvalidArgument as ArmConnection does, or for a malformed subscription id. */
    SubscriptionConnection(std::string subscription,
                           std::shared_ptr<const identity::TokenCredential> credential,
                           const ArmClientOptions& options, std::string_view defaultApiVersion);

    /**
     * The id of resource group @p name in this subscription.
     * @throws InvalidArgument unless @p name is 1-90 characters, not ending in '.'.
     */
    ResourceId resourceGroup(std::string_view name) const;
};

/**
 * @throws InvalidArgument "<what> name must be ..." unless @p name is @p min to @p max characters
 * of letters, digits and @p extra, its first one a letter or digit.
 */
void validateName(std::string_view name, std::string_view what, std::size_t min, std::size_t max,
                  std::string_view extra);

/** @throws InvalidArgument unless @p text is a GUID (8-4-4-4-12 hex digits), naming @p what. */
void validateGuid(std::string_view text, std::string_view what);

/** A request with a JSON body; @p sensitive wipes the body once sent (extension protectedSettings). */
http::Request jsonRequest(http::Method method, std::string url, std::string body, bool sensitive = false);

/** The object member "properties", or nullptr. */
const JsonValue* propertiesOf(const JsonValue& resource);

/** Send, accept @p ok, parse the JSON object body with @p parse. */
template <class T, class Parse>
Response<T> armSend(const ArmConnection& conn, http::Request& request, std::initializer_list<int> ok,
                    Parse parse, std::string_view what, const Context& context) {
    return kvb::detail::sendAndParse<T>(
        *conn.pipeline, request, ok,
        [&](const JsonValue& root) { return parse(kvb::detail::requireObject(root, what)); }, context, what);
}

/** GET @p url (200) parsed with @p parse. */
template <class T, class Parse>
Response<T> armGet(const ArmConnection& conn, std::string url, Parse parse, std::string_view what,
                   const Context& context) {
    http::Request request(http::Method::Get, std::move(url));
    return armSend<T>(conn, request, {200}, parse, what, context);
}

/** A lazy pager over GET @p url and its nextLinks; items of "value" parsed with @p parseItem. */
template <class T, class ParseItem>
Pager<T> armList(const ArmConnection& conn, std::string url, ParseItem parseItem, std::string what,
                 const Context& context) {
    kvb::detail::PageSpec spec;
    spec.what = std::move(what);
    return kvb::detail::makePager<T>(conn.pipeline, std::move(url), std::move(parseItem), std::move(spec),
                                     context);
}

} // namespace kvb::arm
