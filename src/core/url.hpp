// SPDX-License-Identifier: MIT
#pragma once

// URL parsing (libcurl's URL API) and building with libcurl's percent-escaping.

#include <string>
#include <string_view>

namespace kvb::detail {

/** Percent-escape everything but unreserved characters (RFC 3986). */
std::string urlEscape(std::string_view text);
/** Append @p text to @p out, percent-encoded like urlEscape. */
void appendEscaped(std::string& out, std::string_view text);
/** Undo percent-escaping ('+' is left alone). */
std::string urlUnescape(std::string_view text);

/** @p text with ASCII letters lowered: schemes, hosts, header and parameter names compare this way. */
std::string asciiLower(std::string_view text);

/** The parts of an absolute URL. */
struct Url {
    std::string scheme; ///< lower case
    std::string host;   ///< lower case, no brackets
    int port = 0;       ///< 0: the scheme's default
    std::string path;   ///< as sent, escaped; "/" at least
    std::string query;  ///< without '?', escaped

    /** @throws InvalidArgument when @p text is not an absolute http(s) URL. */
    static Url parse(std::string_view text);
    /** "https://host[:port]" */
    std::string origin() const;
    bool isLoopback() const;
};

/**
 * "scheme://host:port" of an absolute URL, the scheme's default port spelled out, for messages
 * that must say which endpoint failed: no user info, path or query, so never a token or a
 * signature. "an unparsable URL" when @p url is not one.
 */
std::string endpointOf(std::string_view url);

/**
 * Parse the root URL of a service: absolute, https, with a host and nothing after it but "/".
 * @throws InvalidArgument "<what> <url> must ...", naming the URL without any query.
 */
Url parseServiceUrl(std::string_view url, std::string_view what);

/** Builds "<base>/<escaped segments>?<escaped query>". */
class UrlBuilder {
public:
    /** @p base: scheme://host[:port][/path], a trailing '/' is dropped. */
    explicit UrlBuilder(std::string_view base);
    /** Append one path segment, escaped. */
    UrlBuilder& segment(std::string_view raw);
    /** Append an already-escaped path piece (e.g. "certificates(thumbprintAlgorithm=sha1,...)"). */
    UrlBuilder& rawPath(std::string_view escaped);
    /** Add a query parameter; name and value are escaped. */
    UrlBuilder& query(std::string_view name, std::string_view value);
    std::string str() const&;
    /** The URL, moved out of a builder that is done (no copy). */
    std::string str() &&;

private:
    std::string url_;
    bool hasQuery_ = false;
};

} // namespace kvb::detail
