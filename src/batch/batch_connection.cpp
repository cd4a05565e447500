// SPDX-License-Identifier: MIT
#include "batch/batch_connection.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <cctype>

#include "http/policies.hpp"

namespace kvb::batch {

namespace {

bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void setCallHeaders(http::Request& request, bool returnClientRequestId) {
    // Batch names the header client-request-id (not x-ms-...); setting it here also stops the
    // pipeline's request-id policy from adding a second one.
    request.headers.set("client-request-id", kvb::detail::newUuid());
    if (returnClientRequestId) request.headers.set("return-client-request-id", "true");
}

} // namespace

void validateId(std::string_view id, std::string_view what) {
    const bool ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return isAsciiAlnum(c) || c == '-' || c == '_';
    });
    if (!ok) throw InvalidArgument(std::string(what) + " id must be 1-64 letters, digits, '-' or '_'");
}

std::string normalizeThumbprint(std::string_view thumbprint) {
    std::string hex = pki::normalizeThumbprintHex(thumbprint);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return hex;
}

void validateThumbprintAlgorithm(std::string_view algorithm) {
    const bool ok = !algorithm.empty() && algorithm.size() <= 16 &&
                    std::all_of(algorithm.begin(), algorithm.end(), isAsciiAlnum);
    if (!ok) throw InvalidArgument("thumbprint algorithm must be letters and digits (\"sha1\")");
}

BatchConnection::BatchConnection(std::string_view url, const BatchClientOptions& options)
    : apiVersion(options.apiVersion), serverTimeout(options.serverTimeout),
      returnClientRequestId(options.returnClientRequestId) {
    const auto parsed = kvb::detail::parseServiceUrl(url, "Batch account URL");
    if (apiVersion.empty()) throw InvalidArgument("Batch api-version must not be empty");
    if (serverTimeout && serverTimeout->count() <= 0)
        throw InvalidArgument("Batch server timeout must be positive");
    accountUrl = parsed.origin();
}

kvb::detail::UrlBuilder BatchConnection::url(std::initializer_list<std::string_view> segments) const {
    kvb::detail::UrlBuilder b(accountUrl);
    for (auto s : segments) b.segment(s);
    b.query("api-version", apiVersion);
    if (serverTimeout) b.query("timeout", std::to_string(serverTimeout->count()));
    return b;
}

kvb::detail::UrlBuilder BatchConnection::certificateUrl(std::string_view thumbprint,
                                                        std::string_view algorithm,
                                                        std::string_view suffix) const {
    // Both parts were validated to [0-9a-zA-Z], so the OData key needs no escaping.
    kvb::detail::UrlBuilder b(accountUrl);
    b.rawPath("certificates(thumbprintAlgorithm=" + std::string(algorithm) +
              ",thumbprint=" + std::string(thumbprint) + ")");
    if (!suffix.empty()) b.segment(suffix);
    b.query("api-version", apiVersion);
    if (serverTimeout) b.query("timeout", std::to_string(serverTimeout->count()));
    return b;
}

http::Request BatchConnection::request(http::Method method, std::string url, std::string body,
                                       bool sensitive) const {
    http::Request r(method, std::move(url));
    setCallHeaders(r, returnClientRequestId);
    if (!body.empty()) {
        r.headers.set("Content-Type", kJsonContentType);
        r.body = std::move(body);
        r.sensitiveBody = sensitive;
    }
    return r;
}

kvb::detail::PageSpec BatchConnection::pageSpec(std::string what) const {
    kvb::detail::PageSpec spec;
    spec.nextLinkField = "odata.nextLink";
    spec.what = std::move(what);
    spec.prepare = [ret = returnClientRequestId](http::Request& r) { setCallHeaders(r, ret); };
    return spec;
}

std::string BatchConnection::listUrl(kvb::detail::UrlBuilder base, const ListOptions& options,
                                     bool allowExpand) const {
    if (options.maxResults && (*options.maxResults < 1 || *options.maxResults > 1000))
        throw InvalidArgument("maxResults must be 1-1000");
    if (!allowExpand && !options.expand.empty()) throw InvalidArgument("$expand is not supported here");
    if (!options.filter.empty()) base.query("$filter", options.filter);
    if (!options.select.empty()) base.query("$select", options.select);
    if (!options.expand.empty()) base.query("$expand", options.expand);
    if (options.maxResults) base.query("maxresults", std::to_string(*options.maxResults));
    return base.str();
}

} // namespace kvb::batch
