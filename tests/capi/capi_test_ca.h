/* SPDX-License-Identifier: MIT */
/* A throw-away certificate authority (libcrypto) that signs a CSR handed out by a pending
 * Key Vault certificate operation, for the merge success path. */
#ifndef KVB_CAPI_TEST_CA_H
#define KVB_CAPI_TEST_CA_H

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Standard base64 of @p size bytes at @p data (free() it). */
static inline char* ca_base64(const unsigned char* data, int size) {
    char* out = malloc(4 * ((size_t)size + 2) / 3 + 1);
    if (out) EVP_EncodeBlock((unsigned char*)out, data, size);
    return out;
}

/** DER of @p cert (free() it) and its @p size; its x5t into @p x5t[28] unless NULL. */
static inline unsigned char* ca_cert_der(X509* cert, size_t* out_size, char* x5t) {
    unsigned char* der = NULL;
    int size = i2d_X509(cert, &der);
    if (size <= 0) return NULL;
    if (x5t) {
        unsigned char sha1[SHA_DIGEST_LENGTH];
        SHA1(der, (size_t)size, sha1);
        char* b64 = ca_base64(sha1, sizeof sha1); /* 28 characters, one '=' of padding */
        size_t n = 0;
        for (const char* c = b64; c && *c && *c != '='; ++c)
            x5t[n++] = *c == '+' ? '-' : *c == '/' ? '_' : *c; /* base64url */
        x5t[n] = '\0';
        free(b64);
    }
    unsigned char* out = malloc((size_t)size);
    if (out) memcpy(out, der, (size_t)size);
    *out_size = (size_t)size;
    OPENSSL_free(der);
    return out;
}

/** A certificate for @p subject / @p key, signed by @p issuer_key under @p issuer (NULL: self). */
static inline X509* ca_issue(const X509_NAME* subject, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
                             long serial, int is_ca) {
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
    X509_set_subject_name(cert, subject);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : subject);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 30L * 24 * 3600);
    X509_set_pubkey(cert, key);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, NULL, NULL, 0);
    const char* constraints = is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE";
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(NULL, &ctx, NID_basic_constraints, constraints);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (X509_sign(cert, issuer_key, EVP_sha256()) <= 0) {
        X509_free(cert);
        return NULL;
    }
    return cert;
}

/**
 * A new self-signed CA certificate for CN=@p cn and its key, as PEM text (certificate, then the
 * PKCS#8 key) to import (free() it); NULL on failure.
 */
static inline char* ca_self_signed_pem(const char* cn) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509_NAME* name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char*)cn, -1, -1, 0);
    X509* cert = key ? ca_issue(name, key, NULL, key, 7, 1) : NULL;
    BIO* bio = BIO_new(BIO_s_mem());
    char* pem = NULL;
    if (cert && bio && PEM_write_bio_X509(bio, cert) == 1 &&
        PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) == 1) {
        char* data = NULL;
        long size = BIO_get_mem_data(bio, &data);
        pem = malloc((size_t)size + 1);
        if (pem) {
            memcpy(pem, data, (size_t)size);
            pem[size] = '\0';
        }
    }
    BIO_free(bio);
    X509_free(cert);
    X509_NAME_free(name);
    EVP_PKEY_free(key);
    return pem;
}

/** A chain to merge: DER certificates, the signed leaf first, then its CA. */
typedef struct ca_chain {
    unsigned char* der[2];
    size_t size[2];
} ca_chain;

static inline void ca_chain_free(ca_chain* chain) {
    free(chain->der[0]);
    free(chain->der[1]);
    memset(chain, 0, sizeof *chain);
}

/**
 * Sign the CSR @p csr_base64 (standard base64 DER) with a new CA into @p chain (release with
 * ca_chain_free()) and the leaf's x5t into @p x5t[28]. Returns 1, or 0 on failure.
 */
static inline int ca_sign_csr(ca_chain* chain, const char* csr_base64, char* x5t) {
    memset(chain, 0, sizeof *chain);
    size_t b64_len = strlen(csr_base64);
    unsigned char* der = malloc(b64_len + 1);
    int der_len = der ? EVP_DecodeBlock(der, (const unsigned char*)csr_base64, (int)b64_len) : -1;
    /* EVP_DecodeBlock counts the padding as zero bytes; d2i reads only the DER length. */
    const unsigned char* p = der;
    X509_REQ* req = der_len > 0 ? d2i_X509_REQ(NULL, &p, der_len) : NULL;
    free(der);
    EVP_PKEY* ca_key = EVP_EC_gen("P-256");
    X509_NAME* ca_name = X509_NAME_new();
    const unsigned char* ca_cn = (const unsigned char*)"kvbridge capi test CA";
    X509_NAME_add_entry_by_txt(ca_name, "CN", MBSTRING_ASC, ca_cn, -1, -1, 0);
    X509* ca = ca_key ? ca_issue(ca_name, ca_key, NULL, ca_key, 1, 1) : NULL;
    EVP_PKEY* leaf_key = req ? X509_REQ_get0_pubkey(req) : NULL;
    X509* leaf = ca && leaf_key && X509_REQ_verify(req, leaf_key) == 1
                     ? ca_issue(X509_REQ_get_subject_name(req), leaf_key, ca, ca_key, 2, 0)
                     : NULL;
    if (leaf) chain->der[0] = ca_cert_der(leaf, &chain->size[0], x5t);
    if (ca) chain->der[1] = ca_cert_der(ca, &chain->size[1], NULL);
    const int ok = chain->der[0] != NULL && chain->der[1] != NULL;
    if (!ok) ca_chain_free(chain);
    X509_free(leaf);
    X509_free(ca);
    X509_NAME_free(ca_name);
    EVP_PKEY_free(ca_key);
    X509_REQ_free(req);
    return ok;
}

#endif
