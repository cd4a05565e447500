// SPDX-License-Identifier: MIT
#pragma once

// Access tokens the emulator hands out and later accepts: HS256 JWTs signed with a key made
// fresh in each process, so a token never outlives the emulator that issued it.

#include <cstdint>
#include <optional>
#include <string>

namespace emu {

struct TokenClaims {
    std::string aud;
    std::string tid;
    std::string appid;
    std::string oid; // the principal's object id
    std::int64_t iat = 0;
    std::int64_t nbf = 0;
    std::int64_t exp = 0;
};

class TokenIssuer {
public:
    TokenIssuer();
    ~TokenIssuer();
    TokenIssuer(const TokenIssuer&) = delete;
    TokenIssuer& operator=(const TokenIssuer&) = delete;

    // oid: the object id of the principal the token is for (what role assignments name).
    std::string issue(const std::string& aud, const std::string& tid, const std::string& appid,
                      const std::string& oid, std::int64_t lifetimeSeconds) const;
    // Claims when the signature is ours and the token has not expired.
    std::optional<TokenClaims> validate(const std::string& token) const;

private:
    std::string key_;
};

} // namespace emu
