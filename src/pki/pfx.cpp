// SPDX-License-Identifier: MIT
// PKCS#12 (PFX) reading and writing for CertificateBundle.
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <climits>

#include <openssl/err.h>
#include <openssl/pkcs12.h>

#include "pki/certificate_bundle_access.hpp"
#include "pki/chain_order.hpp"
#include "pki/legacy_provider.hpp"
#include "pki/pfx_certificates.hpp"
#include "pki/x509_util.hpp"

namespace kvb::pki {
namespace {

// PKCS12_parse treats "no password" and "empty password" as different keys; a PFX exported
// without a password may use either, so both are tried when the caller gave none.
const char* verifiedMacPassword(PKCS12* p12, const detail::PasswordCString& password) {
    if (!password.empty()) {
        if (PKCS12_verify_mac(p12, password.c_str(), password.size()) == 1) {
            return password.c_str();
        }
    } else if (PKCS12_verify_mac(p12, nullptr, 0) == 1) {
        return nullptr;
    } else if (PKCS12_verify_mac(p12, "", 0) == 1) {
        return "";
    }
    const auto failure = detail::drainErrorQueue();
    if (failure.unsupported && !failure.badDecrypt) {
        detail::throwCrypto("unsupported algorithm in the PKCS#12 file's MAC");
    }
    detail::throwCrypto(password.empty() ? "wrong password: the PKCS#12 file needs a password"
                                         : "wrong password for the PKCS#12 file");
}

[[noreturn]] void throwParseFailure(bool macVerified) {
    const auto failure = detail::drainErrorQueue();
    if (failure.unsupported && !failure.badDecrypt) {
        detail::throwCrypto(detail::ensureLegacyProvider()
                                ? "unsupported algorithm in the PKCS#12 file"
                                : "unsupported algorithm in the PKCS#12 file (OpenSSL's legacy "
                                  "provider, needed for RC2/DES, is not available)");
    }
    detail::throwCrypto(macVerified || !failure.badDecrypt ? "corrupt PKCS#12 file"
                                                           : "wrong password for the PKCS#12 file");
}

} // namespace

CertificateBundle CertificateBundle::loadPfx(std::span<const std::uint8_t> pfx, const SecretString& password,
                                             const PfxLoadOptions& options) {
    detail::ensureLegacyProvider();
    if (pfx.size() > static_cast<std::size_t>(LONG_MAX)) {
        detail::throwCrypto("not a PKCS#12 file");
    }
    const unsigned char* cursor = pfx.data();
    detail::Pkcs12Ptr p12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(pfx.size())));
    if (!p12) {
        detail::throwCrypto("not a PKCS#12 file");
    }
    const detail::PasswordCString pass(password);
    const bool hasMac = PKCS12_mac_present(p12.get()) == 1;
    const char* parsePassword = hasMac ? verifiedMacPassword(p12.get(), pass) : pass.c_str();

    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawCa = nullptr;
    if (PKCS12_parse(p12.get(), parsePassword, &rawKey, &rawCert, &rawCa) != 1) {
        throwParseFailure(hasMac);
    }
    detail::EvpPkeyPtr key(rawKey);
    detail::X509Ptr leaf(rawCert);
    detail::X509StackPtr ca(rawCa);
    ERR_clear_error();

    if (!key && options.requirePrivateKey) {
        detail::throwCrypto("no private key in the PKCS#12 file");
    }
    std::vector<detail::X509Ptr> certs;
    if (leaf) {
        certs.push_back(std::move(leaf));
    }
    while (ca && sk_X509_num(ca.get()) > 0) {
        certs.emplace_back(sk_X509_shift(ca.get()));
    }
    if (certs.empty()) {
        detail::throwCrypto("no certificate in the PKCS#12 file");
    }
    return detail::CertificateBundleAccess::make(std::move(certs), std::move(key));
}

SecretBytes CertificateBundle::toPfx(const SecretString& password, PfxEncryption encryption) const {
    if (!impl_->key) {
        detail::throwCrypto("no private key to put in a PKCS#12 file");
    }
    const bool aes = encryption == PfxEncryption::Aes256Sha256;
    const int nid = aes ? NID_aes_256_cbc : NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
    const EVP_MD* macDigest = aes ? EVP_sha256() : EVP_sha1();

    auto leaf = detail::toX509(certificate());
    detail::X509StackPtr ca(sk_X509_new_null());
    if (!ca) {
        throw std::bad_alloc();
    }
    for (std::size_t i = 1; i < impl_->chain.size(); ++i) {
        auto cert = detail::toX509(impl_->chain[i]);
        if (sk_X509_push(ca.get(), cert.get()) <= 0) {
            throw std::bad_alloc();
        }
        cert.release(); // now owned by the stack
    }
    const detail::PasswordCString pass(password);
    // mac_iter -1: no MAC yet, so the MAC digest can be chosen below (PKCS12_create uses SHA-1).
    detail::Pkcs12Ptr p12(PKCS12_create(pass.c_str(), nullptr, impl_->key.get(), leaf.get(), ca.get(), nid,
                                        nid, PKCS12_DEFAULT_ITER, -1, 0));
    if (!p12 || PKCS12_set_mac(p12.get(), pass.c_str(), pass.size(), nullptr, 0, PKCS12_DEFAULT_ITER,
                               macDigest) != 1) {
        detail::throwCrypto("cannot encode the PKCS#12 file");
    }
    const int size = i2d_PKCS12(p12.get(), nullptr);
    if (size <= 0) {
        detail::throwCrypto("cannot encode the PKCS#12 file");
    }
    std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
    unsigned char* write = out.data();
    i2d_PKCS12(p12.get(), &write);
    return SecretBytes(std::move(out));
}

} // namespace kvb::pki

namespace kvb::detail {

namespace {

struct Pkcs7StackFree {
    void operator()(STACK_OF(PKCS7) * stack) const noexcept { sk_PKCS7_pop_free(stack, PKCS7_free); }
};
struct SafeBagStackFree {
    void operator()(STACK_OF(PKCS12_SAFEBAG) * stack) const noexcept {
        sk_PKCS12_SAFEBAG_pop_free(stack, PKCS12_SAFEBAG_free);
    }
};

} // namespace

PfxOpenCertificates readPfxCertificatesWithoutPassword(std::span<const std::uint8_t> pfx) {
    if (pfx.size() > static_cast<std::size_t>(LONG_MAX)) throwCrypto("not a PKCS#12 file");
    const unsigned char* cursor = pfx.data();
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(pfx.size())));
    if (!p12) throwCrypto("not a PKCS#12 file");
    const std::unique_ptr<STACK_OF(PKCS7), Pkcs7StackFree> safes(PKCS12_unpack_authsafes(p12.get()));
    if (!safes) throwCrypto("corrupt PKCS#12 file");
    PfxOpenCertificates out;
    std::vector<X509Ptr> certs;
    X509* keyed = nullptr; // the certificate whose bag names the key bag
    for (int i = 0; i < sk_PKCS7_num(safes.get()); ++i) {
        PKCS7* safe = sk_PKCS7_value(safes.get(), i);
        if (PKCS7_type_is_encrypted(safe)) {
            out.encryptedCertificates = true;
            continue;
        }
        if (!PKCS7_type_is_data(safe)) continue;
        const std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), SafeBagStackFree> bags(PKCS12_unpack_p7data(safe));
        for (int b = 0; bags && b < sk_PKCS12_SAFEBAG_num(bags.get()); ++b) {
            const PKCS12_SAFEBAG* bag = sk_PKCS12_SAFEBAG_value(bags.get(), b);
            if (PKCS12_SAFEBAG_get_nid(bag) != NID_certBag ||
                PKCS12_SAFEBAG_get_bag_nid(bag) != NID_x509Certificate)
                continue;
            X509Ptr cert(PKCS12_SAFEBAG_get1_cert(bag));
            if (!cert) continue;
            if (PKCS12_SAFEBAG_get0_attr(bag, NID_localKeyID) != nullptr && keyed == nullptr)
                keyed = cert.get();
            certs.push_back(std::move(cert));
        }
    }
    ERR_clear_error();
    if (keyed != nullptr) {
        // The key's certificate is the leaf, whatever the others are.
        auto at =
            std::find_if(certs.begin(), certs.end(), [&](const X509Ptr& c) { return c.get() == keyed; });
        out.chain.push_back(pki::CertificateBuilder::fromX509(keyed));
        certs.erase(at);
    }
    for (auto& cert : orderLeafFirst(std::move(certs), nullptr))
        out.chain.push_back(pki::CertificateBuilder::fromX509(cert.get()));
    return out;
}

} // namespace kvb::detail
