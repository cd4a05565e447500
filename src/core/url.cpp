// SPDX-License-Identifier: MIT
#include "core/url.hpp"

#include <kvbridge/error.hpp>

#include <curl/curl.h>

#include <memory>

namespace kvb::detail {

namespace {

struct CurlFree {
    void operator()(char* p) const noexcept { curl_free(p); }
};
struct CurluFree {
    void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};

std::string part(CURLU* u, CURLUPart which) {
    char* raw = nullptr;
    if (curl_url_get(u, which, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
    std::unique_ptr<char, CurlFree> owned(raw);
    return raw;
}

} // namespace

// RFC 3986 percent-encoding of everything but the unreserved characters, as curl_easy_escape
// does, appended in place (URLs are built on every request: no temporary strings).
void appendEscaped(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto unreserved = [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '.' || c == '_' || c == '~';
    };
    while (!text.empty()) {
        // Runs of unreserved characters (all of a Key Vault name) are appended in one go.
        std::size_t run = 0;
        while (run < text.size() && unreserved(static_cast<unsigned char>(text[run]))) ++run;
        out.append(text.data(), run);
        if (run == text.size()) return;
        const auto c = static_cast<unsigned char>(text[run]);
        const char escaped[3] = {'%', kHex[c >> 4], kHex[c & 0x0f]};
        out.append(escaped, sizeof escaped);
        text.remove_prefix(run + 1);
    }
}

std::string urlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    appendEscaped(out, text);
    return out;
}

std::string urlUnescape(std::string_view text) {
    if (text.empty()) return {};
    int length = 0;
    std::unique_ptr<char, CurlFree> out(
        curl_easy_unescape(nullptr, text.data(), static_cast<int>(text.size()), &length));
    if (!out) throw std::bad_alloc();
    return std::string(out.get(), static_cast<std::size_t>(length));
}

std::string asciiLower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Url Url::parse(std::string_view text) {
    std::unique_ptr<CURLU, CurluFree> u(curl_url());
    if (!u) throw std::bad_alloc();
    const std::string copy(text);
    // Only absolute http(s) URLs: no guessing a scheme, so "vault.azure.net" is an error.
    if (curl_url_set(u.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK)
        throw InvalidArgument("not an absolute URL: '" + copy + "'");
    Url url;
    url.scheme = asciiLower(part(u.get(), CURLUPART_SCHEME));
    if (url.scheme != "https" && url.scheme != "http")
        throw InvalidArgument("URL scheme must be https: '" + copy + "'");
    url.host = asciiLower(part(u.get(), CURLUPART_HOST));
    if (!url.host.empty() && url.host.front() == '[') url.host = url.host.substr(1, url.host.size() - 2);
    const std::string port = part(u.get(), CURLUPART_PORT);
    url.port = port.empty() ? 0 : std::stoi(port);
    url.path = part(u.get(), CURLUPART_PATH);
    if (url.path.empty()) url.path = "/";
    url.query = part(u.get(), CURLUPART_QUERY);
    if (url.host.empty()) throw InvalidArgument("URL has no host: '" + copy + "'");
    return url;
}

std::string Url::origin() const {
    std::string out = scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host);
    if (port != 0) out += ":" + std::to_string(port);
    return out;
}

std::string endpointOf(std::string_view url) {
    try {
        const Url parsed = Url::parse(url);
        Url endpoint;
        endpoint.scheme = parsed.scheme;
        endpoint.host = parsed.host;
        endpoint.port = parsed.port != 0 ? parsed.port : parsed.scheme == "https" ? 443 : 80;
        return endpoint.origin();
    } catch (const InvalidArgument&) {
        return "an unparsable URL";
    }
}

Url parseServiceUrl(std::string_view url, std::string_view what) {
    // Quoted up to any query or fragment: those may carry a signature.
    const std::string shown(url.substr(0, url.find_first_of("?#")));
    const std::string prefix = std::string(what) + " '" + shown + "' ";
    Url parsed;
    try {
        parsed = Url::parse(url);
    } catch (const InvalidArgument&) {
        throw InvalidArgument(prefix + "is not an absolute https URL (https://host[:port])");
    }
    if (parsed.scheme != "https") throw InvalidArgument(prefix + "must use https");
    if (parsed.path != "/" || !parsed.query.empty())
        throw InvalidArgument(prefix + "must be https://host[:port] with no path or query");
    return parsed;
}

bool Url::isLoopback() const {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0 ||
           (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0);
}

UrlBuilder::UrlBuilder(std::string_view base) {
    url_.reserve(base.size() + 112); // room for the path and api-version of a typical call
    url_ = base;
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

UrlBuilder& UrlBuilder::segment(std::string_view raw) {
    url_ += '/';
    appendEscaped(url_, raw);
    return *this;
}

UrlBuilder& UrlBuilder::rawPath(std::string_view escaped) {
    if (escaped.empty() || escaped.front() != '/') url_ += '/';
    url_ += escaped;
    return *this;
}

UrlBuilder& UrlBuilder::query(std::string_view name, std::string_view value) {
    url_ += hasQuery_ ? '&' : '?';
    hasQuery_ = true;
    appendEscaped(url_, name);
    url_ += '=';
    appendEscaped(url_, value);
    return *this;
}

std::string UrlBuilder::str() const& {
    return url_;
}

std::string UrlBuilder::str() && {
    return std::move(url_);
}

} // namespace kvb::detail
