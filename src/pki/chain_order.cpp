// SPDX-License-Identifier: MIT
#include "pki/chain_order.hpp"

#include <algorithm>

#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace kvb::detail {
namespace {

bool issued(X509* issuer, X509* subject) noexcept {
    return issuer != subject && X509_check_issued(issuer, subject) == X509_V_OK;
}

std::size_t findLeaf(const std::vector<X509Ptr>& certs, EVP_PKEY* key) noexcept {
    if (key != nullptr) {
        for (std::size_t i = 0; i < certs.size(); ++i) {
            if (publicKeyMatches(certs[i].get(), key)) {
                return i;
            }
        }
    }
    for (std::size_t i = 0; i < certs.size(); ++i) {
        const bool issuesAnother = std::any_of(
            certs.begin(), certs.end(), [&](const X509Ptr& c) { return issued(certs[i].get(), c.get()); });
        if (!issuesAnother) {
            return i;
        }
    }
    return 0;
}

} // namespace

bool publicKeyMatches(X509* cert, EVP_PKEY* key) noexcept {
    const EVP_PKEY* pub = X509_get0_pubkey(cert);
    const bool match = pub != nullptr && key != nullptr && EVP_PKEY_eq(pub, key) == 1;
    ERR_clear_error();
    return match;
}

std::vector<X509Ptr> orderLeafFirst(std::vector<X509Ptr> certs, EVP_PKEY* key) {
    std::vector<X509Ptr> ordered;
    ordered.reserve(certs.size());
    if (certs.empty()) {
        return ordered;
    }
    std::size_t next = findLeaf(certs, key);
    while (next < certs.size()) {
        X509Ptr current = std::move(certs[next]);
        certs.erase(certs.begin() + static_cast<std::ptrdiff_t>(next));
        X509* subject = current.get();
        ordered.push_back(std::move(current));
        next = certs.size();
        for (std::size_t i = 0; i < certs.size(); ++i) {
            if (issued(certs[i].get(), subject)) {
                next = i;
                break;
            }
        }
    }
    for (auto& rest : certs) {
        ordered.push_back(std::move(rest));
    }
    ERR_clear_error();
    return ordered;
}

} // namespace kvb::detail
