// SPDX-License-Identifier: MIT
#include "http/policies.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/log.hpp>

#include <array>
#include <chrono>

namespace kvb::detail {

namespace {

// Values that never carry credentials and help to diagnose a call.
constexpr std::array<std::string_view, 19> kAllowedHeaders{"x-ms-request-id",
                                                           "x-ms-client-request-id",
                                                           "client-request-id",
                                                           "request-id",
                                                           "return-client-request-id",
                                                           "Content-Type",
                                                           "Content-Length",
                                                           "User-Agent",
                                                           "Retry-After",
                                                           "retry-after-ms",
                                                           "x-ms-retry-after-ms",
                                                           "Date",
                                                           "ocp-date",
                                                           "ETag",
                                                           "Location",
                                                           "Accept",
                                                           "x-ms-keyvault-region",
                                                           "x-ms-keyvault-service-version",
                                                           "WWW-Authenticate"};
constexpr std::array<std::string_view, 9> kAllowedQuery{"api-version",    "maxresults", "$filter",
                                                        "$select",        "$expand",    "timeout",
                                                        "includePending", "$skiptoken", "outContentType"};

bool inList(std::string_view name, const auto& builtins, const std::vector<std::string>& extra) {
    for (auto b : builtins)
        if (http::equalsIgnoreCase(b, name)) return true;
    for (const auto& e : extra)
        if (http::equalsIgnoreCase(e, name)) return true;
    return false;
}

} // namespace

LogPolicy::LogPolicy(std::vector<std::string> extraHeaders, std::vector<std::string> extraQuery)
    : headers_(std::move(extraHeaders)), query_(std::move(extraQuery)) {}

bool LogPolicy::headerAllowed(std::string_view name) const {
    return inList(name, kAllowedHeaders, headers_);
}
bool LogPolicy::queryAllowed(std::string_view name) const {
    return inList(name, kAllowedQuery, query_);
}

std::string LogPolicy::redactUrl(std::string_view url) const {
    const auto q = url.find('?');
    if (q == std::string_view::npos) return std::string(url);
    std::string out(url.substr(0, q + 1));
    std::string_view rest = url.substr(q + 1);
    bool first = true;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        const auto name = pair.substr(0, eq);
        if (!first) out += '&';
        first = false;
        out += name;
        if (eq != std::string_view::npos) {
            out += '=';
            if (queryAllowed(name))
                out += pair.substr(eq + 1);
            else
                out += "REDACTED";
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return out;
}

std::string LogPolicy::redactHeaders(const http::Headers& headers) const {
    std::string out;
    for (const auto& [name, value] : headers.entries()) {
        out += "\n  ";
        out += name;
        out += ": ";
        out += headerAllowed(name) ? std::string_view(value) : std::string_view("REDACTED");
    }
    return out;
}

http::RawResponse LogPolicy::send(http::Request& request, const http::NextPolicy& next,
                                  const Context& context) const {
    if (!shouldLog(LogLevel::Informational)) return next(request, context);
    const bool verbose = shouldLog(LogLevel::Verbose);
    std::string line =
        std::string("HTTP request ") + methodName(request.method) + " " + redactUrl(request.url);
    if (verbose) line += redactHeaders(request.headers);
    log(LogLevel::Informational, line);
    const auto start = std::chrono::steady_clock::now();
    try {
        http::RawResponse response = next(request, context);
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
                .count();
        line = "HTTP response " + std::to_string(response.status) + " " + response.reason + " (" +
               std::to_string(ms) + " ms)";
        if (verbose) line += redactHeaders(response.headers);
        log(response.status >= 400 ? LogLevel::Warning : LogLevel::Informational, line);
        return response;
    } catch (const Error& e) {
        log(LogLevel::Warning, std::string("HTTP request failed: ") + e.what());
        throw;
    }
}

} // namespace kvb::detail
