// SPDX-License-Identifier: MIT
#include "identity/challenge.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/http/headers.hpp>

#include <map>

#include "core/url.hpp"

namespace kvb::identity {

namespace {

// key="value" pairs separated by commas and/or spaces; values may be unquoted.
std::map<std::string, std::string> parseParameters(std::string_view s) {
    std::map<std::string, std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
        const std::size_t keyStart = i;
        while (i < s.size() && s[i] != '=' && s[i] != ' ' && s[i] != ',') ++i;
        const std::string key = kvb::detail::asciiLower(s.substr(keyStart, i - keyStart));
        if (i >= s.size() || s[i] != '=') continue;
        ++i;
        std::string value;
        if (i < s.size() && s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') value += s[i++];
            if (i < s.size()) ++i;
        } else {
            while (i < s.size() && s[i] != ',' && s[i] != ' ') value += s[i++];
        }
        if (!key.empty()) out[key] = value;
    }
    return out;
}

} // namespace

std::optional<Challenge> parseChallenge(std::string_view header) {
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    if (header.size() < 7 || !http::equalsIgnoreCase(header.substr(0, 7), "Bearer ")) return std::nullopt;
    auto params = parseParameters(header.substr(7));
    std::string authority =
        params.count("authorization") ? params["authorization"] : params["authorization_uri"];
    Challenge c;
    if (params.count("scope") && !params["scope"].empty()) {
        c.scope = params["scope"];
    } else if (params.count("resource") && !params["resource"].empty()) {
        std::string resource = params["resource"];
        while (!resource.empty() && resource.back() == '/') resource.pop_back();
        c.scope = resource + "/.default";
    } else {
        return std::nullopt;
    }
    if (!authority.empty()) {
        try {
            const auto url = kvb::detail::Url::parse(authority);
            std::string_view path = url.path;
            while (!path.empty() && path.front() == '/') path.remove_prefix(1);
            c.tenantId = std::string(path.substr(0, path.find('/')));
        } catch (const InvalidArgument&) {
            return std::nullopt;
        }
    }
    c.authority = std::move(authority);
    return c;
}

bool challengeMatchesHost(const Challenge& challenge, std::string_view requestHost) {
    std::string scopeHost;
    try {
        scopeHost = kvb::detail::Url::parse(challenge.scope).host;
    } catch (const InvalidArgument&) {
        return false;
    }
    const std::string host = kvb::detail::asciiLower(requestHost);
    const std::string suffix = "." + scopeHost;
    return host.size() > suffix.size() &&
           host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace kvb::identity
