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

std::string lowered(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string part(CURLU* u, CURLUPart which) {
    char* raw = nullptr;
    if (curl_url_get(u, which, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
    std::unique_ptr<char, CurlFree> owned(raw);
    return raw;
}

} // namespace

std::string urlEscape(std::string_view text) {
    if (text.empty()) return {};
    std::unique_ptr<char, CurlFree> out(
        curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())));
    if (!out) throw std::bad_alloc();
    return out.get();
}

std::string urlUnescape(std::string_view text) {
    if (text.empty()) return {};
    int length = 0;
    std::unique_ptr<char, CurlFree> out(
        curl_easy_unescape(nullptr, text.data(), static_cast<int>(text.size()), &length));
    if (!out) throw std::bad_alloc();
    return std::string(out.get(), static_cast<std::size_t>(length));
}

Url Url::parse(std::string_view text) {
    std::unique_ptr<CURLU, CurluFree> u(curl_url());
    if (!u) throw std::bad_alloc();
    const std::string copy(text);
    // Only absolute http(s) URLs: no guessing a scheme, so "vault.azure.net" is an error.
    if (curl_url_set(u.get(), CURLUPART_URL, copy.c_str(), 0) != CURLUE_OK)
        throw InvalidArgument("not an absolute URL: '" + copy + "'");
    Url url;
    url.scheme = lowered(part(u.get(), CURLUPART_SCHEME));
    if (url.scheme != "https" && url.scheme != "http")
        throw InvalidArgument("URL scheme must be https: '" + copy + "'");
    url.host = lowered(part(u.get(), CURLUPART_HOST));
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

bool Url::isLoopback() const {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0 ||
           (host.size() > 10 && host.compare(host.size() - 10, 10, ".localhost") == 0);
}

UrlBuilder::UrlBuilder(std::string_view base) : url_(base) {
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

UrlBuilder& UrlBuilder::segment(std::string_view raw) {
    url_ += '/';
    url_ += urlEscape(raw);
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
    url_ += urlEscape(name);
    url_ += '=';
    url_ += urlEscape(value);
    return *this;
}

std::string UrlBuilder::str() const {
    return url_;
}

} // namespace kvb::detail
