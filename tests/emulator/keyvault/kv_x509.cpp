// SPDX-License-Identifier: MIT
#include "kv_x509.hpp"

#include "../legacy_provider.hpp"
#include "kv_common.hpp"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace emu::kv {

namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
struct P12Free {
    void operator()(PKCS12* p) const { PKCS12_free(p); }
};

[[noreturn]] void certificateFailure(const char* what) {
    throw KvError(500, "InternalServerError", std::string("Certificate processing failed: ") + what);
}

std::string bioText(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    OPENSSL_cleanse(data, static_cast<std::size_t>(len));
    return out;
}

std::int64_t asn1Seconds(const ASN1_TIME* t) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

void addExt(X509* cert, X509_REQ* req, STACK_OF(X509_EXTENSION) * exts, int nid, const std::string& value) {
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, req, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
    if (ext == nullptr) badParameter("The certificate policy has an invalid extension value.");
    if (cert != nullptr) {
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    } else {
        sk_X509_EXTENSION_push(exts, ext);
    }
}

std::string joinStrings(const Json* arr, const std::string& prefix, const std::string& sep = ",") {
    std::string out;
    if (arr == nullptr || !arr->isArray()) return out;
    for (const auto& v : arr->asArray()) {
        if (!v.isString()) badParameter("The certificate policy lists a non-string value.");
        if (v.asString().find(',') != std::string::npos)
            badParameter("The certificate policy value '" + v.asString() + "' contains a comma.");
        if (!out.empty()) out += sep;
        out += prefix + v.asString();
    }
    return out;
}

std::string sanConf(const Json& props) {
    const Json* sans = props.find("sans");
    if (sans == nullptr || !sans->isObject()) return {};
    std::string parts[] = {
        joinStrings(sans->find("dns_names"), "DNS:"), joinStrings(sans->find("emails"), "email:"),
        joinStrings(sans->find("uris"), "URI:"), joinStrings(sans->find("ipAddresses"), "IP:"),
        joinStrings(sans->find("upns"), "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:")};
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : ",") + p;
    return out;
}

X509_NAME* parseSubject(const std::string& subject) {
    X509_NAME* name = X509_NAME_new();
    std::size_t pos = 0;
    while (pos < subject.size()) {
        std::size_t end = subject.find_first_of(",;", pos);
        if (end == std::string::npos) end = subject.size();
        std::string part = subject.substr(pos, end - pos);
        pos = end + 1;
        auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(' '));
            s.erase(s.find_last_not_of(' ') + 1);
            return s;
        };
        part = trim(part);
        if (part.empty()) continue;
        auto eq = part.find('=');
        if (eq == std::string::npos) {
            X509_NAME_free(name);
            badParameter("The certificate subject '" + subject + "' is not a valid X.500 name.");
        }
        std::string field = trim(part.substr(0, eq)), value = trim(part.substr(eq + 1));
        if (field == "E") field = "emailAddress";
        if (X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                       0) != 1) {
            X509_NAME_free(name);
            badParameter("The certificate subject '" + subject + "' has an unknown attribute '" + field +
                         "'.");
        }
    }
    if (X509_NAME_entry_count(name) == 0) {
        X509_NAME_free(name);
        badParameter("The certificate policy needs a subject.");
    }
    return name;
}

std::string keyUsageConf(EVP_PKEY* key, const Json& props) {
    std::string ku = joinStrings(props.find("key_usage"), "");
    if (ku.empty()) ku = isRsa(key) ? "digitalSignature,keyEncipherment" : "digitalSignature";
    return "critical," + ku;
}

std::string ekuConf(const Json& props) {
    std::string eku = joinStrings(props.find("ekus"), "");
    return eku.empty() ? "1.3.6.1.5.5.7.3.1,1.3.6.1.5.5.7.3.2" : eku;
}

void findLeaf(CertMaterial& m) {
    for (std::size_t i = 0; i < m.chain.size(); ++i) {
        if (X509_check_private_key(m.chain[i].get(), m.key.get()) == 1) {
            m.leaf = i;
            return;
        }
    }
    badParameter("The certificate content has no certificate that matches its private key.");
}

} // namespace

CertMaterial parsePfx(const std::string& der, const std::string& password) {
    emu::loadLegacyProvider();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<PKCS12, P12Free> p12(d2i_PKCS12(nullptr, &p, static_cast<long>(der.size())));
    if (!p12)
        badParameter("The specified PKCS#12 X.509 certificate content can not be read. Please check if "
                     "certificate is in valid PKCS#12 format.");
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &ca) != 1)
        badParameter("The specified PKCS#12 X.509 certificate content can not be read. Please check if "
                     "the password is correct and the certificate is in valid PKCS#12 format.");
    CertMaterial m;
    m.key.reset(key);
    if (cert != nullptr) m.chain.emplace_back(cert);
    for (int i = 0; ca != nullptr && i < sk_X509_num(ca); ++i) m.chain.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
    if (!m.key || m.chain.empty())
        badParameter("The specified PKCS#12 X.509 certificate content has no private key or no "
                     "certificate.");
    findLeaf(m);
    return m;
}

CertMaterial parsePem(const std::string& text) {
    CertMaterial m;
    std::size_t pos = 0;
    const std::string begin = "-----BEGIN ", end = "-----END ";
    while ((pos = text.find(begin, pos)) != std::string::npos) {
        std::size_t labelEnd = text.find("-----", pos + begin.size());
        if (labelEnd == std::string::npos) break;
        std::string label = text.substr(pos + begin.size(), labelEnd - pos - begin.size());
        std::size_t stop = text.find(end + label + "-----", labelEnd);
        if (stop == std::string::npos)
            badParameter("The specified PEM X.509 certificate content is truncated.");
        stop += end.size() + label.size() + 5;
        std::string block = text.substr(pos, stop - pos);
        pos = stop;
        Bio bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
        if (label == "CERTIFICATE") {
            X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
            if (x == nullptr) badParameter("The specified PEM X.509 certificate content can not be read.");
            m.chain.emplace_back(x);
        } else if (label == "PRIVATE KEY") {
            if (m.key) badParameter("The specified PEM content has more than one private key.");
            m.key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
            if (!m.key) badParameter("The specified PEM private key can not be read.");
        } else {
            // The service takes unencrypted PKCS#8 keys only; PKCS#1 ("RSA PRIVATE KEY") and
            // SEC1 ("EC PRIVATE KEY") keys are refused.
            badParameter("The specified PEM X.509 certificate content is in an unexpected format: '" + label +
                         "' blocks are not supported; the private key must be PKCS#8 (BEGIN PRIVATE KEY).");
        }
        wipe(block);
    }
    if (m.chain.empty()) badParameter("The specified PEM X.509 certificate content has no certificate.");
    if (!m.key) badParameter("The specified PEM X.509 certificate content has no private key.");
    findLeaf(m);
    return m;
}

void orderChain(CertMaterial& m, bool preserveOrder) {
    if (preserveOrder || m.leaf == 0) return;
    X509Ptr leaf = std::move(m.chain[m.leaf]);
    m.chain.erase(m.chain.begin() + static_cast<long>(m.leaf));
    m.chain.insert(m.chain.begin(), std::move(leaf));
    m.leaf = 0;
}

std::string buildPfx(const CertMaterial& m) {
    STACK_OF(X509)* ca = sk_X509_new_null();
    for (std::size_t i = 0; i < m.chain.size(); ++i)
        if (i != m.leaf) sk_X509_push(ca, m.chain[i].get());
    PKCS12* p12 = PKCS12_create(nullptr, nullptr, m.key.get(), m.chain[m.leaf].get(), ca, -1, -1, 0, 1, 0);
    sk_X509_free(ca);
    if (p12 == nullptr) certificateFailure("PKCS#12 encoding");
    std::unique_ptr<PKCS12, P12Free> hold(p12);
    int len = i2d_PKCS12(p12, nullptr);
    std::string out(static_cast<std::size_t>(len), '\0');
    unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_PKCS12(p12, &p);
    return out;
}

std::string buildPem(const CertMaterial& m) {
    std::string out = pkeyToPem(m.key.get());
    Bio bio(BIO_new(BIO_s_mem()));
    for (const auto& c : m.chain) PEM_write_bio_X509(bio.get(), c.get());
    return out + bioText(bio.get());
}

std::string pfxToPem(const std::string& pfx, const std::string& password) {
    return buildPem(parsePfx(pfx, password));
}

std::string pemToPfx(const std::string& pem) {
    return buildPfx(parsePem(pem));
}

std::string certDer(X509* cert) {
    int len = i2d_X509(cert, nullptr);
    if (len <= 0) certificateFailure("certificate encoding");
    std::string out(static_cast<std::size_t>(len), '\0');
    unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_X509(cert, &p);
    return out;
}

X509Ptr certFromDer(const std::string& der) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (x == nullptr) badParameter("The X.509 certificate content can not be read.");
    return X509Ptr(x);
}

std::string thumbprintSha1(const std::string& der) {
    unsigned char d[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(der.data()), der.size(), d);
    return base64url(std::string(reinterpret_cast<char*>(d), sizeof d));
}

X509Ptr makeSelfSigned(EVP_PKEY* key, const Json& props) {
    X509Ptr x(X509_new());
    X509_NAME* name = parseSubject(props.str("subject").value_or(""));
    int months = static_cast<int>(props.integer("validity_months").value_or(12));
    if (months < 1 || months > 1200) {
        X509_NAME_free(name);
        badParameter("The certificate policy's validity_months must be between 1 and 1200.");
    }
    std::string serial = randomBytes(16);
    serial[0] = static_cast<char>(serial[0] & 0x7F);
    BIGNUM* bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), 16, nullptr);
    std::time_t now = std::time(nullptr);
    std::tm end{};
    gmtime_r(&now, &end);
    end.tm_mon += months;
    std::time_t notAfter = timegm(&end);
    bool ok = X509_set_version(x.get(), 2) == 1 &&
              BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x.get())) != nullptr &&
              X509_set_subject_name(x.get(), name) == 1 && X509_set_issuer_name(x.get(), name) == 1 &&
              X509_time_adj_ex(X509_getm_notBefore(x.get()), 0, 0, &now) != nullptr &&
              X509_time_adj_ex(X509_getm_notAfter(x.get()), 0, 0, &notAfter) != nullptr &&
              X509_set_pubkey(x.get(), key) == 1;
    BN_free(bn);
    X509_NAME_free(name);
    if (!ok) certificateFailure("certificate fields");
    addExt(x.get(), nullptr, nullptr, NID_basic_constraints, "CA:FALSE");
    addExt(x.get(), nullptr, nullptr, NID_key_usage, keyUsageConf(key, props));
    addExt(x.get(), nullptr, nullptr, NID_ext_key_usage, ekuConf(props));
    addExt(x.get(), nullptr, nullptr, NID_subject_key_identifier, "hash");
    if (std::string san = sanConf(props); !san.empty())
        addExt(x.get(), nullptr, nullptr, NID_subject_alt_name, san);
    if (X509_sign(x.get(), key, EVP_sha256()) <= 0) certificateFailure("certificate signature");
    return x;
}

std::string makeCsrDer(EVP_PKEY* key, const Json& props) {
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(X509_REQ_new(), X509_REQ_free);
    X509_NAME* name = parseSubject(props.str("subject").value_or(""));
    bool ok = X509_REQ_set_subject_name(req.get(), name) == 1 && X509_REQ_set_pubkey(req.get(), key) == 1;
    X509_NAME_free(name);
    if (!ok) certificateFailure("CSR fields");
    STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
    try {
        addExt(nullptr, req.get(), exts, NID_key_usage, keyUsageConf(key, props));
        addExt(nullptr, req.get(), exts, NID_ext_key_usage, ekuConf(props));
        if (std::string san = sanConf(props); !san.empty())
            addExt(nullptr, req.get(), exts, NID_subject_alt_name, san);
    } catch (...) {
        sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
        throw;
    }
    X509_REQ_add_extensions(req.get(), exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    if (X509_REQ_sign(req.get(), key, EVP_sha256()) <= 0) certificateFailure("CSR signature");
    int len = i2d_X509_REQ(req.get(), nullptr);
    std::string out(static_cast<std::size_t>(len), '\0');
    unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_X509_REQ(req.get(), &p);
    return out;
}

CertFacts certFacts(X509* cert) {
    CertFacts f;
    X509_NAME* name = X509_get_subject_name(cert);
    for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
        X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
        int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
        const char* sn = nid == NID_pkcs9_emailAddress ? "E" : OBJ_nid2sn(nid);
        unsigned char* utf8 = nullptr;
        int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
        if (len < 0) continue;
        if (!f.subject.empty()) f.subject += ", ";
        f.subject +=
            std::string(sn) + "=" + std::string(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
        OPENSSL_free(utf8);
    }
    f.nbf = asn1Seconds(X509_get0_notBefore(cert));
    f.exp = asn1Seconds(X509_get0_notAfter(cert));
    f.validityMonths = static_cast<int>((f.exp - f.nbf + 15 * 86400) / (30 * 86400 + 37800));
    if (f.validityMonths < 1) f.validityMonths = 1;
    f.ca = (X509_get_extension_flags(cert) & EXFLAG_CA) != 0;
    std::uint32_t ku = X509_get_key_usage(cert);
    if (ku != UINT32_MAX) {
        const std::pair<std::uint32_t, const char*> bits[] = {{KU_DIGITAL_SIGNATURE, "digitalSignature"},
                                                              {KU_NON_REPUDIATION, "nonRepudiation"},
                                                              {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
                                                              {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
                                                              {KU_KEY_AGREEMENT, "keyAgreement"},
                                                              {KU_KEY_CERT_SIGN, "keyCertSign"},
                                                              {KU_CRL_SIGN, "cRLSign"},
                                                              {KU_ENCIPHER_ONLY, "encipherOnly"},
                                                              {KU_DECIPHER_ONLY, "decipherOnly"}};
        for (const auto& [bit, name] : bits)
            if ((ku & bit) != 0) f.keyUsage.push(name);
    }
    if (auto* eku =
            static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr))) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
            char oid[128];
            if (OBJ_obj2txt(oid, sizeof oid, sk_ASN1_OBJECT_value(eku, i), 1) > 0)
                f.ekus.push(std::string(oid));
        }
        EXTENDED_KEY_USAGE_free(eku);
    }
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (names != nullptr) {
        Json sans = Json::object();
        for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
            const GENERAL_NAME* g = sk_GENERAL_NAME_value(names, i);
            const char* field = g->type == GEN_DNS     ? "dns_names"
                                : g->type == GEN_EMAIL ? "emails"
                                : g->type == GEN_URI   ? "uris"
                                                       : nullptr;
            if (field == nullptr) continue;
            const ASN1_STRING* s = g->d.ia5;
            sans[field].push(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                         static_cast<std::size_t>(ASN1_STRING_length(s))));
        }
        GENERAL_NAMES_free(names);
        if (!sans.asObject().empty()) f.sans = sans;
    }
    return f;
}

} // namespace emu::kv
