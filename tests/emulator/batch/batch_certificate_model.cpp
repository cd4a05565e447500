// SPDX-License-Identifier: MIT
// What Certificate_Add accepts (the thumbprint must be the SHA-1 of the data: a PFX opened with
// its password, legacy RC2/3DES ones too, or a DER certificate), and a certificate as Get and List
// return it.
#include "../crypto_util.hpp"
#include "../legacy_provider.hpp"
#include "../time_util.hpp"
#include "../tls_identity.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"
#include "batch_model.hpp"

#include <atomic>
#include <cctype>
#include <cstdio>

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace emu {

namespace {

// The spec: "The base64-encoded contents of the Certificate. The maximum size is 10KB."
constexpr std::size_t kMaxDataChars = 10 * 1024;

using batch::invalidProperty;
using batch::missingProperty;

std::string pfxCertificate(const std::string& data, std::string password) {
    loadLegacyProvider();
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(data.size()));
    if (p12 == nullptr) {
        wipe(password);
        invalidProperty("data", "The certificate data is not a valid PFX (PKCS #12) file.");
    }
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    const bool macOk = PKCS12_verify_mac(p12, password.c_str(), static_cast<int>(password.size())) == 1 ||
                       (password.empty() && PKCS12_verify_mac(p12, nullptr, 0) == 1);
    const bool ok = macOk && PKCS12_parse(p12, password.c_str(), &key, &cert, nullptr) == 1;
    wipe(password);
    PKCS12_free(p12);
    EVP_PKEY_free(key);
    if (!ok || cert == nullptr) {
        X509_free(cert);
        invalidProperty("password", "The password is incorrect or missing for the PFX certificate data.");
    }
    std::string der = x509Der(cert);
    X509_free(cert);
    return der;
}

std::string cerCertificate(const std::string& data) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(data.size()));
    if (cert == nullptr || p != reinterpret_cast<const unsigned char*>(data.data()) + data.size()) {
        X509_free(cert);
        invalidProperty("data", "The certificate data is not a DER-encoded X.509 certificate.");
    }
    std::string der = x509Der(cert);
    X509_free(cert);
    return der;
}

} // namespace

BatchCertificate certificateFromAddParameter(const JsonValue& body) {
    for (const char* name : {"thumbprint", "thumbprintAlgorithm", "data"}) {
        if (!body.HasMember(name)) missingProperty(name);
        if (!body[name].IsString()) invalidProperty(name, "The value must be a string.");
    }
    BatchCertificate cert;
    if (toLower(*getString(body, "thumbprintAlgorithm")) != "sha1") {
        invalidProperty("thumbprintAlgorithm", "The thumbprint algorithm must be sha1.");
    }
    const std::string rawThumbprint = *getString(body, "thumbprint");
    for (char c : rawThumbprint) {
        if (c == ' ') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            invalidProperty("thumbprint", "The thumbprint must be hexadecimal.");
        cert.thumbprint += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (cert.thumbprint.empty() || cert.thumbprint.size() > 40) {
        invalidProperty("thumbprint", "The thumbprint must be up to 40 hexadecimal digits.");
    }
    const std::string dataText = *getString(body, "data");
    if (dataText.size() > kMaxDataChars)
        invalidProperty("data", "The certificate data exceeds the maximum size of 10KB.");
    auto data = base64Decode(dataText);
    if (!data || data->empty()) invalidProperty("data", "The certificate data is not valid base64.");
    cert.format = "pfx";
    if (body.HasMember("certificateFormat")) {
        auto f = getString(body, "certificateFormat");
        if (!f || (*f != "pfx" && *f != "cer"))
            invalidProperty("certificateFormat", "The format must be pfx or cer.");
        cert.format = *f;
    }
    const bool hasPassword = body.HasMember("password") && !body["password"].IsNull();
    if (hasPassword && !body["password"].IsString())
        invalidProperty("password", "The value must be a string.");
    std::string der;
    if (cert.format == "cer") {
        if (hasPassword) invalidProperty("password", "A password must not be specified for the cer format.");
        der = cerCertificate(*data);
    } else {
        der = pfxCertificate(*data, hasPassword ? *getString(body, "password") : std::string());
    }
    wipe(*data);
    if (toHex(sha1(der)) != cert.thumbprint) {
        invalidProperty("thumbprint",
                        "The thumbprint does not match the SHA-1 thumbprint of the certificate data.");
    }
    cert.publicData = base64Encode(der);
    cert.stateMs = nowMillis();
    return cert;
}

std::unique_ptr<JsonDoc> certificateJson(const BatchCertificate& cert, const std::string& baseUrl) {
    auto doc = std::make_unique<JsonDoc>();
    doc->SetObject();
    auto& a = doc->GetAllocator();
    setString(*doc, "thumbprint", cert.thumbprint, a);
    setString(*doc, "thumbprintAlgorithm", cert.thumbprintAlgorithm, a);
    setString(*doc, "url",
              baseUrl + "/certificates(thumbprintAlgorithm=" + cert.thumbprintAlgorithm +
                  ",thumbprint=" + cert.thumbprint + ")",
              a);
    setString(*doc, "state", cert.state, a);
    setString(*doc, "stateTransitionTime", isoTime(cert.stateMs), a);
    if (!cert.previousState.empty()) {
        setString(*doc, "previousState", cert.previousState, a);
        setString(*doc, "previousStateTransitionTime", isoTime(cert.previousStateMs), a);
    }
    setString(*doc, "publicData", cert.publicData, a);
    if (cert.state == "deletefailed") {
        std::string pools;
        for (const auto& p : cert.blockingPools) pools += (pools.empty() ? "" : ",") + p;
        JsonValue err(rapidjson::kObjectType);
        setString(err, "code", "PoolsReferencingCertificate", a);
        setString(err, "message", "The specified certificate is being used by the below mentioned pool(s)",
                  a);
        JsonValue values(rapidjson::kArrayType);
        JsonValue item(rapidjson::kObjectType);
        setString(item, "name", "Pools", a);
        setString(item, "value", pools, a);
        values.PushBack(item, a);
        err.AddMember("values", values, a);
        doc->AddMember("deleteCertificateError", err, a);
    }
    return doc;
}

std::vector<std::string> referencedThumbprints(const JsonValue& pool) {
    std::vector<std::string> out;
    if (!pool.IsObject()) return out;
    auto it = pool.FindMember("certificateReferences");
    if (it == pool.MemberEnd() || !it->value.IsArray()) return out;
    for (const auto& ref : it->value.GetArray()) {
        if (auto tp = getString(ref, "thumbprint")) out.push_back(toLower(*tp));
    }
    return out;
}

std::string newEtag() {
    static std::atomic<std::uint64_t> counter{0};
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x8D%013llX",
                  static_cast<unsigned long long>(
                      (nowMillis() * 16 + static_cast<std::int64_t>(counter++ % 16)) & 0xFFFFFFFFFFFFFULL));
    return buf;
}

} // namespace emu
