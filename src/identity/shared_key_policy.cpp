// SPDX-License-Identifier: MIT
// Batch Shared Key signing policy.
//
// What is signed must be byte-for-byte what goes on the wire, so the policy makes the two
// headers libcurl would otherwise invent explicit before signing: for every method but GET and
// HEAD libcurl sends the body with a Content-Length (also "0" for an empty body) and, when none is
// given, "Content-Type: application/x-www-form-urlencoded". The policy therefore sets
// Content-Length to the body size and a default Batch Content-Type on those methods; GET and HEAD
// carry neither and sign two empty lines.

#include <kvbridge/error.hpp>
#include <kvbridge/http/headers.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "core/time_format.hpp"
#include "core/url.hpp"
#include "identity/auth_policies.hpp"
#include "identity/shared_key_policy.hpp"

namespace kvb::identity {

namespace {

constexpr const char* kStandardHeaders[] = {
    "Content-Encoding",  "Content-Language", "Content-Length", "Content-MD5",         "Content-Type", "Date",
    "If-Modified-Since", "If-Match",         "If-None-Match",  "If-Unmodified-Since", "Range"};

constexpr const char* kBatchContentType = "application/json; odata=minimalmetadata";

class SharedKeyPolicy final : public http::Policy {
public:
    SharedKeyPolicy(std::shared_ptr<const SharedKeyCredential> credential,
                    std::function<std::chrono::system_clock::time_point()> clock)
        : credential_(std::move(credential)), clock_(std::move(clock)) {}

    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        const bool bodyless = request.method == http::Method::Get || request.method == http::Method::Head;
        if (!bodyless) {
            request.headers.set("Content-Length", std::to_string(request.body.size()));
            if (!request.headers.contains("Content-Type"))
                request.headers.set("Content-Type", kBatchContentType);
        }
        // Each try is signed afresh: the service refuses requests older than 15 minutes.
        request.headers.set("ocp-date", kvb::detail::formatRfc1123(clock_()));
        const std::string signature =
            credential_->sign(sharedKeyStringToSign(request, credential_->accountName()));
        request.headers.set("Authorization", "SharedKey " + credential_->accountName() + ":" + signature);
        return next(request, context);
    }

private:
    std::shared_ptr<const SharedKeyCredential> credential_;
    std::function<std::chrono::system_clock::time_point()> clock_;
};

} // namespace

std::string sharedKeyStringToSign(const http::Request& request, const std::string& account) {
    const bool hasOcpDate = request.headers.contains("ocp-date");
    std::string s = http::methodName(request.method);
    s += '\n';
    for (const char* name : kStandardHeaders) {
        const bool isDate = std::string_view(name) == "Date";
        if (auto value = request.headers.get(name); value && !(isDate && hasOcpDate)) s += *value;
        s += '\n';
    }
    std::vector<std::pair<std::string, std::string>> ocp;
    for (const auto& [name, value] : request.headers.entries()) {
        std::string lower = kvb::detail::asciiLower(name);
        if (lower.rfind("ocp-", 0) == 0) ocp.emplace_back(std::move(lower), value);
    }
    std::sort(ocp.begin(), ocp.end());
    for (const auto& [name, value] : ocp) s += name + ":" + value + "\n";

    const auto url = kvb::detail::Url::parse(request.url);
    s += "/" + account + url.path;

    std::map<std::string, std::vector<std::string>> params;
    std::string_view query = url.query;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const std::string name = kvb::detail::asciiLower(kvb::detail::urlUnescape(pair.substr(0, eq)));
        const std::string value =
            eq == std::string_view::npos ? std::string{} : kvb::detail::urlUnescape(pair.substr(eq + 1));
        params[name].push_back(value);
    }
    for (auto& [name, values] : params) {
        std::sort(values.begin(), values.end());
        s += "\n" + name + ":";
        for (std::size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + values[i];
    }
    return s;
}

std::shared_ptr<const http::Policy>
makeSharedKeyPolicy(std::shared_ptr<const SharedKeyCredential> credential,
                    std::function<std::chrono::system_clock::time_point()> clock) {
    if (!credential) throw InvalidArgument("a SharedKeyCredential is required");
    if (!clock) clock = [] { return std::chrono::system_clock::now(); };
    return std::make_shared<SharedKeyPolicy>(std::move(credential), std::move(clock));
}

std::shared_ptr<const http::Policy>
makeSharedKeyPolicy(std::shared_ptr<const SharedKeyCredential> credential) {
    return makeSharedKeyPolicy(std::move(credential), nullptr);
}

} // namespace kvb::identity
