// SPDX-License-Identifier: MIT
#include "token_issuer.hpp"

#include "crypto_util.hpp"
#include "json_util.hpp"
#include "time_util.hpp"

namespace emu {

TokenIssuer::TokenIssuer() : key_(randomBytes(32)) {}

TokenIssuer::~TokenIssuer() {
    wipe(key_);
}

std::string TokenIssuer::issue(const std::string& aud, const std::string& tid, const std::string& appid,
                               const std::string& oid, std::int64_t lifetimeSeconds) const {
    const std::int64_t now = nowSeconds();
    const std::string header = R"({"alg":"HS256","typ":"JWT"})";
    const std::string payload =
        "{\"aud\":" + jsonQuote(aud) + ",\"iss\":" + jsonQuote("https://sts.windows.net/" + tid + "/") +
        ",\"tid\":" + jsonQuote(tid) + ",\"appid\":" + jsonQuote(appid) + ",\"oid\":" + jsonQuote(oid) +
        ",\"iat\":" + std::to_string(now) + ",\"nbf\":" + std::to_string(now) +
        ",\"exp\":" + std::to_string(now + lifetimeSeconds) + ",\"jti\":" + jsonQuote(newUuid()) + "}";
    const std::string signingInput = base64UrlEncode(header) + "." + base64UrlEncode(payload);
    return signingInput + "." + base64UrlEncode(hmacSha256(key_, signingInput));
}

std::optional<TokenClaims> TokenIssuer::validate(const std::string& token) const {
    const std::size_t dot1 = token.find('.');
    const std::size_t dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string::npos) return std::nullopt;
    const std::string signingInput = token.substr(0, dot2);
    const auto sig = base64UrlDecode(token.substr(dot2 + 1));
    if (!sig || !constantTimeEqual(*sig, hmacSha256(key_, signingInput))) return std::nullopt;
    const auto payloadText = base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payloadText) return std::nullopt;
    const auto payload = parseJsonObject(*payloadText);
    if (!payload) return std::nullopt;
    TokenClaims c;
    c.aud = getString(*payload, "aud").value_or("");
    c.tid = getString(*payload, "tid").value_or("");
    c.appid = getString(*payload, "appid").value_or("");
    c.oid = getString(*payload, "oid").value_or("");
    c.iat = getInt(*payload, "iat").value_or(0);
    c.nbf = getInt(*payload, "nbf").value_or(0);
    c.exp = getInt(*payload, "exp").value_or(0);
    if (c.exp <= nowSeconds()) return std::nullopt;
    return c;
}

} // namespace emu
