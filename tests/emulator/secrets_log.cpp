// SPDX-License-Identifier: MIT
#include "secrets_log.hpp"

#include "crypto_util.hpp"
#include "json_util.hpp"
#include "legacy_provider.hpp"
#include "url_util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace emu {

namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Base64 of the unencrypted PKCS#8 DER of @p key: the body of its "BEGIN PRIVATE KEY" PEM.
std::string pkcs8Base64(EVP_PKEY* key) {
    BIO* bio = BIO_new(BIO_s_mem());
    std::string out;
    if (bio != nullptr && i2d_PKCS8PrivateKey_bio(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char* data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        out = base64Encode(std::string_view(data, static_cast<std::size_t>(len)));
    }
    BIO_free(bio);
    return out;
}

} // namespace

SecretsLog::SecretsLog(std::string path) : path_(std::move(path)) {}

void SecretsLog::record(std::string_view kind, std::string_view value) {
    if (value.empty()) return;
    std::lock_guard lock(mutex_);
    std::string key = std::string(kind) + '\n' + std::string(value);
    if (!seen_.insert(key).second) return;
    // One write(2) per line on an O_APPEND descriptor: several emulators (tests running in
    // parallel) may share the file, and a buffered stream could split a long line.
    const std::string line =
        "{\"kind\":" + jsonQuote(std::string(kind)) + ",\"value\":" + jsonQuote(std::string(value)) + "}\n";
    const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return;
    const ssize_t written = ::write(fd, line.data(), line.size());
    (void)written; // a test-only log: a failed write shows up as a missing secret
    ::close(fd);
}

void SecretsLog::recordKeysIn(std::string_view material, std::string_view password) {
    if (material.find("-----BEGIN") != std::string_view::npos) {
        BIO* bio = BIO_new_mem_buf(material.data(), static_cast<int>(material.size()));
        while (bio != nullptr) {
            EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
            if (key == nullptr) break;
            record("private-key", pkcs8Base64(key));
            EVP_PKEY_free(key);
        }
        BIO_free(bio);
        ERR_clear_error(); // the loop ends on "no more keys"
        // The PEM bodies as written, whatever their form (PKCS#8, SEC1, PKCS#1).
        for (std::size_t at = 0; (at = material.find("PRIVATE KEY-----", at)) != std::string_view::npos;) {
            const std::size_t start = material.find('\n', at);
            const std::size_t end = material.find("-----END", start);
            if (start == std::string_view::npos || end == std::string_view::npos) break;
            std::string body;
            for (char c : material.substr(start, end - start))
                if (c != '\n' && c != '\r') body += c;
            record("private-key", body);
            at = end + 8;
        }
        return;
    }
    const auto der = base64Decode(material);
    if (!der) return;
    const auto* p = reinterpret_cast<const unsigned char*>(der->data());
    loadLegacyProvider();
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(der->size()));
    if (p12 == nullptr) return;
    record("pfx", material);
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    const std::string pass(password);
    if (PKCS12_parse(p12, pass.c_str(), &key, &cert, nullptr) == 1 && key != nullptr)
        record("private-key", pkcs8Base64(key));
    EVP_PKEY_free(key);
    X509_free(cert);
    PKCS12_free(p12);
    ERR_clear_error();
}

void SecretsLog::recordJsonBody(const std::string& body, const std::string& path, bool reply) {
    auto doc = parseJsonObject(body);
    if (!doc) return;
    if (reply) {
        if (auto token = getString(*doc, "access_token")) record("access-token", *token);
    }
    const bool secretPath = startsWith(path, "/secrets/") || startsWith(path, "/deletedsecrets/");
    const bool importPath = path.size() > 7 && path.compare(path.size() - 7, 7, "/import") == 0;
    if (secretPath || importPath) {
        if (auto value = getString(*doc, "value")) {
            const std::string password = getString(*doc, "pwd").value_or("");
            record(secretPath ? "secret-value" : "certificate-import", *value);
            recordKeysIn(*value, password);
        }
    }
    if (auto pwd = getString(*doc, "pwd")) record("pfx-password", *pwd);
    if (auto password = getString(*doc, "password")) {
        record("pfx-password", *password);
        if (auto data = getString(*doc, "data")) recordKeysIn(*data, *password);
    }
    if (startsWith(path, "/_emulator/batch/accounts")) {
        if (auto key = getString(*doc, "key")) record("batch-shared-key", *key);
    }
    if (startsWith(path, "/_emulator/entra/clients")) {
        if (auto secret = getString(*doc, "secret")) record("client-secret", *secret);
    }
    if (doc->HasMember("key") && (*doc)["key"].IsObject()) {
        for (const char* part : {"d", "p", "q", "dp", "dq", "qi", "k"}) {
            if (auto v = getString((*doc)["key"], part)) record("jwk-private", *v);
        }
    }
}

void SecretsLog::observe(const HttpRequest& request, const HttpReply& reply) {
    auto type = request.headers.find("Content-Type");
    if (type != request.headers.end() && type->second.find("x-www-form-urlencoded") != std::string::npos) {
        for (const auto& [name, value] : parseForm(request.body)) {
            if (name == "client_secret") record("client-secret", value);
        }
    } else if (!request.body.empty()) {
        recordJsonBody(request.body, request.path, false);
    }
    if (reply.status < 300 && !reply.body.empty()) recordJsonBody(reply.body, request.path, true);
    if (auto key = request.headers.find("X-IDENTITY-HEADER"); key != request.headers.end())
        record("identity-header", key->second);
}

} // namespace emu
