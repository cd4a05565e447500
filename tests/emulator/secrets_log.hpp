// SPDX-License-Identifier: MIT
#pragma once

// --secrets-log FILE: every secret the emulator sees go by (client secrets, issued access tokens,
// Key Vault secret values, PFX passwords, PFX blobs and the private keys inside imported or
// served certificates, JWK private parts) is appended to FILE as a JSON line
// {"kind":"...","value":"..."}, so a hygiene test can scan the client's logs and reports for
// each of them. For tests only: the file holds the secrets in clear.

#include "http_types.hpp"

#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace emu {

class SecretsLog {
public:
    explicit SecretsLog(std::string path);
    // Record the secrets carried by one exchange.
    void observe(const HttpRequest& request, const HttpReply& reply);

private:
    void record(std::string_view kind, std::string_view value);
    // Private keys inside PEM text or a base64 PFX (opened with password).
    void recordKeysIn(std::string_view material, std::string_view password);
    void recordJsonBody(const std::string& body, const std::string& path, bool reply);

    std::string path_;
    std::mutex mutex_;
    std::set<std::string> seen_;
};

} // namespace emu
