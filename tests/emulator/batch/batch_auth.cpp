// SPDX-License-Identifier: MIT
// Who may call a Batch account: a Shared Key signature over the request (with a date within 15
// minutes of the server's) or an Entra ID token for Batch's audience from the emulator's tenant.
// Each refusal names its reason in AuthenticationErrorDetail, as the service does.
#include "../crypto_util.hpp"
#include "../time_util.hpp"
#include "batch_handlers.hpp"
#include "shared_key.hpp"

#include <cstdlib>

namespace emu::batch {

namespace {

constexpr std::int64_t kMaxSkewSeconds = 15 * 60;

[[noreturn]] void authFailed(const std::string& detail) {
    throw BatchFailure(403, "AuthenticationFailed",
                       "Server failed to authenticate the request. Make sure the value of Authorization "
                       "header is formed correctly including the signature.",
                       {{"AuthenticationErrorDetail", detail}});
}

void bearer(const std::string& token, const TokenIssuer& issuer, const std::string& tenant) {
    auto claims = issuer.validate(token);
    if (!claims) authFailed("The access token is invalid or has expired.");
    if (claims->aud != "https://batch.core.windows.net/" && claims->aud != "https://batch.core.windows.net") {
        authFailed("The access token has the wrong audience.");
    }
    if (claims->tid != tenant) authFailed("The access token is from the wrong tenant.");
}

void sharedKey(const std::string& value, const BatchAccount& account, const HttpRequest& req) {
    const std::string prefix = "SharedKey ";
    if (value.rfind(prefix, 0) != 0)
        authFailed("The Authorization header scheme is not SharedKey or Bearer.");
    const std::size_t colon = value.find(':', prefix.size());
    if (colon == std::string::npos) authFailed("The SharedKey Authorization header is malformed.");
    if (value.substr(prefix.size(), colon - prefix.size()) != account.name) {
        authFailed("The account name in the Authorization header does not match the request host.");
    }
    auto date = req.headers.find("ocp-date");
    if (date == req.headers.end()) date = req.headers.find("Date");
    if (date == req.headers.end()) authFailed("The request has neither an ocp-date nor a Date header.");
    auto when = parseHttpDate(date->second);
    if (!when) authFailed("The request date is not an RFC 1123 date.");
    if (std::llabs(*when - nowSeconds()) > kMaxSkewSeconds) {
        authFailed("The request date is more than 15 minutes away from the server time.");
    }
    const std::string expected = sharedKeySignature(account.key, sharedKeyStringToSign(req, account.name));
    if (expected.empty() || !constantTimeEqual(value.substr(colon + 1), expected)) {
        authFailed("The MAC signature found in the HTTP request is not the same as any computed "
                   "signature.");
    }
}

} // namespace

void authenticate(const BatchAccount& account, const HttpRequest& req, const TokenIssuer& issuer,
                  const std::string& tenant) {
    auto auth = req.headers.find("Authorization");
    if (auth == req.headers.end() || auth->second.empty()) authFailed("The Authorization header is missing.");
    if (auth->second.rfind("Bearer ", 0) == 0)
        bearer(auth->second.substr(7), issuer, tenant);
    else
        sharedKey(auth->second, account, req);
}

} // namespace emu::batch
