/* SPDX-License-Identifier: MIT */
/* KeyClient, kvb_key and CryptographyClient from C, against the emulator. */
#include "capi_control.h"

static void test_argument_errors(void) {
    int not_a_handle = 42;
    const kvb_key_client* bad = (const kvb_key_client*)&not_a_handle;
    kvb_key* key = NULL;
    kvb_string s = {NULL, 0};
    kvb_json_pager* pager = NULL;
    kvb_key_client* client = NULL;
    CHECK(kvb_key_client_new(&client, "https://a.vault.localhost:1", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(client == NULL);
    CHECK(kvb_key_client_create_key(&key, NULL, "k", "RSA", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_import_key(&key, bad, "k", "{}", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_key(&key, NULL, "k", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_key(NULL, NULL, "k", NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_key_client_update_key_properties(&key, NULL, "k", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_list_keys(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_list_key_versions(&pager, NULL, "k", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_delete_key(NULL, NULL, "k", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_deleted_key(&s, NULL, "k") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_list_deleted_keys(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_recover_deleted_key(NULL, NULL, "k", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_purge_deleted_key(NULL, "k") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_backup_key(&s, NULL, "k") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_restore_key_backup(&key, NULL, NULL, 0) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_rotate_key(&key, NULL, "k") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_rotation_policy(&s, NULL, "k") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_update_rotation_policy(NULL, NULL, "k", "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_random_bytes(&s, NULL, 8) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_release_key(&s, NULL, "k", NULL, "t", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_get_key_attestation(&key, NULL, "k", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(key == NULL && pager == NULL);
    CHECK(kvb_key_to_json(&s, (const kvb_key*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(strcmp(kvb_key_id(NULL), "") == 0);
    CHECK(strcmp(kvb_key_name((const kvb_key*)&not_a_handle), "") == 0);
    CHECK(strcmp(kvb_key_version(NULL), "") == 0);
    CHECK(strcmp(kvb_key_type(NULL), "") == 0);
    CHECK(strcmp(kvb_key_curve(NULL), "") == 0);
    int64_t value = 0;
    int present = 0;
    const char *name = NULL, *tag = NULL;
    CHECK(kvb_key_attribute(&value, &present, NULL, KVB_ATTRIBUTE_ENABLED) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_tag(&name, &tag, (const kvb_key*)&not_a_handle, 0) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_tag_count(NULL) == 0);
    CHECK(strcmp(kvb_key_recovery_level(NULL), "") == 0);
    kvb_keyvault_list_options list = KVB_KEYVAULT_LIST_OPTIONS_INIT;
    CHECK(kvb_key_client_list_keys(&pager, NULL, &list) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_key_client_list_key_versions(&pager, bad, "k", &list) == KVB_E_WRONG_HANDLE);
    CHECK(pager == NULL);
    kvb_key_free(NULL);
    kvb_key_free((kvb_key*)&not_a_handle);
    kvb_key_client_free(NULL);

    kvb_cryptography_client* crypto = NULL;
    kvb_crypto_result* r = NULL;
    const uint8_t b[4] = {1, 2, 3, 4};
    CHECK(kvb_cryptography_client_new(&crypto, "https://a.vault.localhost:1/keys/k", NULL, NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_get_key(&key, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_encrypt(&r, NULL, "RSA-OAEP", b, 4, NULL, 0, NULL, 0) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_decrypt(&r, NULL, "RSA-OAEP", b, 4, NULL, 0, NULL, 0, NULL, 0) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_wrap_key(&r, NULL, "RSA-OAEP", b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_unwrap_key(&r, NULL, "RSA-OAEP", b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_sign(&r, NULL, "RS256", b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_verify(&r, NULL, "RS256", b, 4, b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_sign_data(&r, NULL, "RS256", b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_cryptography_client_verify_data(&r, NULL, "RS256", b, 4, b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(r == NULL);
    const uint8_t* data = NULL;
    size_t size = 0;
    CHECK(kvb_crypto_result_bytes(&data, &size, NULL, KVB_CRYPTO_OUTPUT) == KVB_E_WRONG_HANDLE);
    CHECK(strcmp(kvb_crypto_result_key_id(NULL), "") == 0);
    CHECK(strcmp(kvb_crypto_result_algorithm(NULL), "") == 0);
    CHECK(kvb_crypto_result_is_valid(NULL) == 0);
    kvb_crypto_result_free(NULL);
    kvb_cryptography_client_free(NULL);
}

static void test_crypto(const test_env* env, kvb_credential* cred, const char* key_id) {
    kvb_cryptography_client* crypto = NULL;
    CHECK(kvb_cryptography_client_new(&crypto, "not a key id", cred, NULL, &env->options) ==
          KVB_E_INVALID_ARGUMENT);
    kvb_cryptography_options broken = KVB_CRYPTOGRAPHY_OPTIONS_INIT;
    broken.public_key_jwk = "{broken";
    CHECK(kvb_cryptography_client_new(&crypto, key_id, cred, &broken, &env->options) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "jwk") != NULL);
    CHECK(kvb_cryptography_client_new(&crypto, key_id, cred, NULL, &env->options) == KVB_OK);
    kvb_key* key = NULL;
    CHECK(kvb_cryptography_client_get_key(&key, crypto) == KVB_OK);
    CHECK(strcmp(kvb_key_type(key), "RSA") == 0);
    kvb_key_free(key);

    const char* message = "attack at dawn";
    kvb_crypto_result *enc = NULL, *dec = NULL;
    const uint8_t* data = NULL;
    size_t size = 0;
    CHECK(kvb_cryptography_client_encrypt(&enc, crypto, "RSA-OAEP", (const uint8_t*)message, strlen(message),
                                          NULL, 0, NULL, 0) == KVB_OK);
    CHECK(strcmp(kvb_crypto_result_algorithm(enc), "RSA-OAEP") == 0);
    CHECK(strstr(kvb_crypto_result_key_id(enc), "/keys/capi-rsa/") != NULL);
    CHECK(kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_OUTPUT) == KVB_OK);
    CHECK(size == 256);
    CHECK(kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_IV) == KVB_OK && size == 0);
    CHECK(kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_TAG) == KVB_OK && size == 0);
    CHECK(kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_AAD) == KVB_OK && size == 0);
    CHECK(kvb_crypto_result_bytes(&data, &size, enc, 99) == KVB_E_INVALID_ARGUMENT);
    kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_OUTPUT);
    CHECK(kvb_cryptography_client_decrypt(&dec, crypto, "RSA-OAEP", data, size, NULL, 0, NULL, 0, NULL, 0) ==
          KVB_OK);
    CHECK(kvb_crypto_result_bytes(&data, &size, dec, KVB_CRYPTO_OUTPUT) == KVB_OK);
    CHECK(size == strlen(message) && memcmp(data, message, size) == 0);
    kvb_crypto_result_free(enc);
    kvb_crypto_result_free(dec);
    CHECK(kvb_cryptography_client_encrypt(&enc, crypto, "NOPE", (const uint8_t*)message, 3, NULL, 0, NULL,
                                          0) == KVB_E_INVALID_ARGUMENT);
    CHECK(enc == NULL);

    const uint8_t cek[32] = {7, 7, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    kvb_crypto_result *wrapped = NULL, *unwrapped = NULL;
    CHECK(kvb_cryptography_client_wrap_key(&wrapped, crypto, "RSA-OAEP-256", cek, sizeof cek) == KVB_OK);
    kvb_crypto_result_bytes(&data, &size, wrapped, KVB_CRYPTO_OUTPUT);
    CHECK(kvb_cryptography_client_unwrap_key(&unwrapped, crypto, "RSA-OAEP-256", data, size) == KVB_OK);
    CHECK(kvb_crypto_result_bytes(&data, &size, unwrapped, KVB_CRYPTO_OUTPUT) == KVB_OK);
    CHECK(size == sizeof cek && memcmp(data, cek, size) == 0);
    kvb_crypto_result_free(wrapped);
    kvb_crypto_result_free(unwrapped);

    /* Secure wrap: the vault makes the AES key; a plain unwrap and a secure unwrap agree on it. */
    kvb_crypto_result *secure = NULL, *plain = NULL, *attested = NULL;
    CHECK(kvb_cryptography_client_secure_wrap_key(&secure, crypto, "RSA-OAEP-256") == KVB_OK);
    CHECK(kvb_crypto_result_bytes(&data, &size, secure, KVB_CRYPTO_OUTPUT) == KVB_OK && size == 256);
    CHECK(kvb_cryptography_client_unwrap_key(&plain, crypto, "RSA-OAEP-256", data, size) == KVB_OK);
    CHECK(kvb_cryptography_client_secure_unwrap_key(&attested, crypto, "RSA-OAEP-256", data, size, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_cryptography_client_secure_unwrap_key(&attested, crypto, "RSA-OAEP-256", data, size,
                                                    "maa-token") == KVB_OK);
    const uint8_t *plain_key = NULL, *attested_key = NULL;
    size_t plain_size = 0, attested_size = 0;
    kvb_crypto_result_bytes(&plain_key, &plain_size, plain, KVB_CRYPTO_OUTPUT);
    kvb_crypto_result_bytes(&attested_key, &attested_size, attested, KVB_CRYPTO_OUTPUT);
    CHECK(plain_size == 32 && attested_size == 32 && memcmp(plain_key, attested_key, 32) == 0);
    CHECK(kvb_cryptography_client_secure_wrap_key(&wrapped, NULL, "RSA-OAEP-256") == KVB_E_WRONG_HANDLE);
    kvb_crypto_result_free(secure);
    kvb_crypto_result_free(plain);
    kvb_crypto_result_free(attested);

    uint8_t digest[32];
    for (int i = 0; i < 32; ++i) digest[i] = (uint8_t)(i * 7);
    kvb_crypto_result *sig = NULL, *ver = NULL;
    CHECK(kvb_cryptography_client_sign(&sig, crypto, "RS256", digest, sizeof digest) == KVB_OK);
    kvb_crypto_result_bytes(&data, &size, sig, KVB_CRYPTO_OUTPUT);
    CHECK(size == 256);
    CHECK(kvb_cryptography_client_verify(&ver, crypto, "RS256", digest, sizeof digest, data, size) == KVB_OK);
    CHECK(kvb_crypto_result_is_valid(ver) == 1);
    kvb_crypto_result_free(ver);
    digest[0] ^= 1;
    CHECK(kvb_cryptography_client_verify(&ver, crypto, "RS256", digest, sizeof digest, data, size) == KVB_OK);
    CHECK(kvb_crypto_result_is_valid(ver) == 0);
    kvb_crypto_result_free(ver);
    kvb_crypto_result_free(sig);
    CHECK(kvb_cryptography_client_sign(&sig, crypto, "RS256", digest, 5) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_cryptography_client_sign(&sig, crypto, "RS256", NULL, 32) == KVB_E_INVALID_ARGUMENT);

    const uint8_t doc[] = "a document to sign";
    CHECK(kvb_cryptography_client_sign_data(&sig, crypto, "PS256", doc, sizeof doc) == KVB_OK);
    kvb_crypto_result_bytes(&data, &size, sig, KVB_CRYPTO_OUTPUT);
    CHECK(kvb_cryptography_client_verify_data(&ver, crypto, "PS256", doc, sizeof doc, data, size) == KVB_OK);
    CHECK(kvb_crypto_result_is_valid(ver) == 1);
    kvb_crypto_result_free(ver);
    CHECK(kvb_cryptography_client_verify_data(&ver, crypto, "PS256", doc, sizeof doc - 1, data, size) ==
          KVB_OK);
    CHECK(kvb_crypto_result_is_valid(ver) == 0);
    kvb_crypto_result_free(ver);
    kvb_crypto_result_free(sig);
    kvb_cryptography_client_free(crypto);

    /* Local public operations: encrypt here, decrypt in the vault. */
    kvb_cryptography_options local = KVB_CRYPTOGRAPHY_OPTIONS_INIT;
    local.local_public_operations = 1;
    CHECK(kvb_cryptography_client_new(&crypto, key_id, cred, &local, &env->options) == KVB_OK);
    CHECK(kvb_cryptography_client_encrypt(&enc, crypto, "RSA-OAEP", (const uint8_t*)message, strlen(message),
                                          NULL, 0, NULL, 0) == KVB_OK);
    kvb_crypto_result_bytes(&data, &size, enc, KVB_CRYPTO_OUTPUT);
    CHECK(kvb_cryptography_client_decrypt(&dec, crypto, "RSA-OAEP", data, size, NULL, 0, NULL, 0, NULL, 0) ==
          KVB_OK);
    kvb_crypto_result_bytes(&data, &size, dec, KVB_CRYPTO_OUTPUT);
    CHECK(size == strlen(message) && memcmp(data, message, size) == 0);
    kvb_crypto_result_free(enc);
    kvb_crypto_result_free(dec);
    kvb_cryptography_client_free(crypto);
}

static void test_aes(const test_env* env, kvb_credential* cred, kvb_key_client* client) {
    kvb_key* oct = NULL;
    kvb_key_create_options aes256 = KVB_KEY_CREATE_OPTIONS_INIT;
    aes256.key_size = 256;
    CHECK(kvb_key_client_create_key(&oct, client, "capi-oct", "oct-HSM", &aes256) == KVB_OK);
    kvb_cryptography_client* crypto = NULL;
    CHECK(kvb_cryptography_client_new(&crypto, kvb_key_id(oct), cred, NULL, &env->options) == KVB_OK);
    kvb_key_free(oct);
    const uint8_t plain[] = "sixteen byte msg";
    const uint8_t aad[] = "header";
    kvb_crypto_result *enc = NULL, *dec = NULL;
    CHECK(kvb_cryptography_client_encrypt(&enc, crypto, "A256GCM", plain, sizeof plain, NULL, 0, aad,
                                          sizeof aad) == KVB_OK);
    const uint8_t *ct, *iv, *tag;
    size_t ct_size, iv_size, tag_size;
    CHECK(kvb_crypto_result_bytes(&ct, &ct_size, enc, KVB_CRYPTO_OUTPUT) == KVB_OK);
    CHECK(kvb_crypto_result_bytes(&iv, &iv_size, enc, KVB_CRYPTO_IV) == KVB_OK && iv_size > 0);
    CHECK(kvb_crypto_result_bytes(&tag, &tag_size, enc, KVB_CRYPTO_TAG) == KVB_OK && tag_size == 16);
    CHECK(kvb_cryptography_client_decrypt(&dec, crypto, "A256GCM", ct, ct_size, iv, iv_size, aad, sizeof aad,
                                          tag, tag_size) == KVB_OK);
    const uint8_t* out;
    size_t out_size;
    kvb_crypto_result_bytes(&out, &out_size, dec, KVB_CRYPTO_OUTPUT);
    CHECK(out_size == sizeof plain && memcmp(out, plain, out_size) == 0);
    kvb_crypto_result_free(dec);
    CHECK(kvb_cryptography_client_decrypt(&dec, crypto, "A256GCM", ct, ct_size, iv, iv_size, NULL, 0, NULL,
                                          0) == KVB_E_INVALID_ARGUMENT); /* GCM needs the tag */
    kvb_crypto_result_free(enc);
    kvb_cryptography_client_free(crypto);

    /* HSM keys have an attestation. */
    kvb_key* attested = NULL;
    CHECK(kvb_key_client_get_key_attestation(&attested, client, "capi-oct", NULL) == KVB_OK);
    kvb_string json = {NULL, 0};
    CHECK(kvb_key_to_json(&json, attested) == KVB_OK);
    CHECK(has_text(&json, "\"attestation\""));
    kvb_string_dispose(&json);
    kvb_key_free(attested);
}

static void test_against_emulator(const test_env* env) {
    kvb_credential* cred = test_credential(env);
    char url[128];
    kvb_key_client* client = NULL;
    CHECK(kvb_key_client_new(&client, test_vault_url(url, sizeof url, env, "capikeys"), cred,
                             &env->options) == KVB_OK);

    kvb_key* rsa = NULL;
    const char* const operations[] = {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"};
    kvb_key_create_options create = KVB_KEY_CREATE_OPTIONS_INIT;
    create.key_size = 2048;
    create.key_ops = operations;
    create.key_ops_count = sizeof operations / sizeof operations[0];
    const kvb_tag team[] = {{"team", "capi"}};
    create.tags = team;
    create.tag_count = 1;
    CHECK(kvb_key_client_create_key(&rsa, client, "capi-rsa", "RSA", &create) == KVB_OK);
    CHECK(strcmp(kvb_key_name(rsa), "capi-rsa") == 0);
    CHECK(strcmp(kvb_key_type(rsa), "RSA") == 0);
    CHECK(strcmp(kvb_key_curve(rsa), "") == 0);
    CHECK(strlen(kvb_key_version(rsa)) > 0);
    CHECK(strstr(kvb_key_id(rsa), "/keys/capi-rsa/") != NULL);
    kvb_string json = {NULL, 0};
    CHECK(kvb_key_to_json(&json, rsa) == KVB_OK);
    CHECK(has_text(&json, "\"kty\":\"RSA\""));
    CHECK(has_text(&json, "\"team\":\"capi\""));
    CHECK(has_text(&json, "\"n\":"));
    CHECK(has_text(&json,
                   "\"keyOps\":[\"encrypt\",\"decrypt\",\"sign\",\"verify\",\"wrapKey\",\"unwrapKey\"]"));
    CHECK(!has_text(&json, "\"d\":")); /* public part only */
    kvb_string_dispose(&json);
    char rsa_version[64];
    snprintf(rsa_version, sizeof rsa_version, "%s", kvb_key_version(rsa));

    kvb_key* bad = rsa;
    kvb_key_create_options wrong = KVB_KEY_CREATE_OPTIONS_INIT;
    wrong.key_size = 1000;
    CHECK(kvb_key_client_create_key(&bad, client, "capi-rsa", "RSA", &wrong) == KVB_E_INVALID_ARGUMENT);
    CHECK(bad == NULL);
    wrong.key_size = 0;
    wrong.key_ops_count = 2; /* and no key_ops */
    CHECK(kvb_key_client_create_key(&bad, client, "capi-rsa", "RSA", &wrong) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "key_ops") != NULL);
    wrong.key_ops_count = 0;
    wrong.release_policy_json = "{\"immutable\":true}"; /* no encodedPolicy */
    CHECK(kvb_key_client_create_key(&bad, client, "capi-rsa", "RSA", &wrong) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "release policy") != NULL);
    CHECK(kvb_key_client_create_key(&bad, client, "capi-rsa", NULL, NULL) == KVB_E_INVALID_ARGUMENT);

    kvb_key* ec = NULL;
    CHECK(kvb_key_client_create_key(&ec, client, "capi-ec", "EC", NULL) == KVB_OK);
    CHECK(strcmp(kvb_key_curve(ec), "P-256") == 0);
    kvb_key_free(ec);

    /* import a symmetric key from a JWK */
    kvb_key* imported = NULL;
    kvb_key_import_options import = KVB_KEY_IMPORT_OPTIONS_INIT;
    import.hardware_protected = 1;
    const kvb_tag source[] = {{"src", "jwk"}};
    import.tags = source;
    import.tag_count = 1;
    CHECK(kvb_key_client_import_key(
              &imported, client, "capi-imported",
              "{\"kty\":\"oct-HSM\",\"k\":\"AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8\","
              "\"key_ops\":[\"encrypt\",\"decrypt\"]}",
              &import) == KVB_OK);
    CHECK(strcmp(kvb_key_name(imported), "capi-imported") == 0);
    CHECK(kvb_key_tag_count(imported) == 1);
    kvb_key_free(imported);
    CHECK(kvb_key_client_import_key(&imported, client, "capi-imported", "[1,2]", NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_key_client_import_key(&imported, client, "capi-imported", NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);

    /* get, update, versions */
    kvb_key* got = NULL;
    CHECK(kvb_key_client_get_key(&got, client, "capi-rsa", NULL) == KVB_OK);
    CHECK(strcmp(kvb_key_version(got), rsa_version) == 0);
    kvb_key_free(got);
    CHECK(kvb_key_client_get_key(&got, client, "capi-missing", NULL) == KVB_E_NOT_FOUND);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(strcmp(kvb_error_last()->service_code, "KeyNotFound") == 0);
    CHECK(strlen(kvb_error_last()->client_request_id) > 0); /* the id kvbridge sent */
    CHECK(got == NULL);
    kvb_key_update_options update = KVB_KEY_UPDATE_OPTIONS_INIT;
    const kvb_tag stage[] = {{"stage", "two"}};
    update.tags = stage;
    update.tag_count = 1;
    update.expires_on = 4102444800LL;
    CHECK(kvb_key_client_update_key_properties(&got, client, "capi-rsa", rsa_version, &update) == KVB_OK);
    CHECK(kvb_key_to_json(&json, got) == KVB_OK);
    CHECK(has_text(&json, "\"stage\":\"two\""));
    CHECK(has_text(&json, "\"expiresOn\":4102444800"));
    kvb_string_dispose(&json);
    /* the same through the accessors */
    int64_t value = 0;
    int present = 0;
    CHECK(kvb_key_attribute(&value, &present, got, KVB_ATTRIBUTE_EXPIRES_ON) == KVB_OK);
    CHECK(present == 1 && value == 4102444800LL);
    CHECK(kvb_key_attribute(&value, &present, got, KVB_ATTRIBUTE_ENABLED) == KVB_OK);
    CHECK(present == 1 && value == 1);
    CHECK(kvb_key_attribute(&value, &present, got, KVB_ATTRIBUTE_CREATED_ON) == KVB_OK);
    CHECK(present == 1 && value > 1700000000LL);
    CHECK(kvb_key_attribute(&value, &present, got, KVB_ATTRIBUTE_MANAGED) == KVB_OK);
    CHECK(present == 1 && value == 0);
    CHECK(kvb_key_attribute(&value, &present, got, KVB_ATTRIBUTE_RECOVERABLE_DAYS) == KVB_OK);
    CHECK(present == 1 && value == 90);
    CHECK(kvb_key_attribute(&value, &present, got, -1) == KVB_E_INVALID_ARGUMENT);
    CHECK(strcmp(kvb_key_recovery_level(got), "Recoverable+Purgeable") == 0);
    CHECK(kvb_key_tag_count(got) == 1);
    const char *tag_name = NULL, *tag_value = NULL;
    CHECK(kvb_key_tag(&tag_name, &tag_value, got, 0) == KVB_OK);
    CHECK(tag_name && tag_value && strcmp(tag_name, "stage") == 0 && strcmp(tag_value, "two") == 0);
    CHECK(kvb_key_tag(&tag_name, &tag_value, got, 1) == KVB_E_INVALID_ARGUMENT);
    kvb_key_free(got);

    test_crypto(env, cred, kvb_key_id(rsa));
    kvb_key_free(rsa);

    /* rotation */
    CHECK(kvb_key_client_update_rotation_policy(
              &json, client, "capi-rsa",
              "{\"lifetimeActions\":[{\"action\":\"Rotate\",\"timeAfterCreate\":\"P30D\"}],"
              "\"expiresIn\":\"P90D\"}") == KVB_OK);
    CHECK(has_text(&json, "{\"action\":\"Rotate\",\"timeAfterCreate\":\"P30D\"}"));
    kvb_string_dispose(&json);
    CHECK(kvb_key_client_get_rotation_policy(&json, client, "capi-rsa") == KVB_OK);
    CHECK(has_text(&json, "\"expiresIn\":\"P90D\""));
    kvb_string_dispose(&json);
    CHECK(kvb_key_client_update_rotation_policy(
              NULL, client, "capi-rsa",
              "{\"lifetimeActions\":[{\"action\":\"Explode\",\"timeAfterCreate\":\"P1D\"}]}") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_key_client_update_rotation_policy(NULL, client, "capi-rsa", "{\"lifetimeActions\":[{}]}") ==
          KVB_E_INVALID_ARGUMENT); /* an action is required */
    kvb_key* rotated = NULL;
    CHECK(kvb_key_client_rotate_key(&rotated, client, "capi-rsa") == KVB_OK);
    CHECK(strcmp(kvb_key_version(rotated), rsa_version) != 0);
    kvb_key_free(rotated);

    kvb_json_pager* pager = NULL;
    CHECK(listed(kvb_key_client_list_key_versions(&pager, client, "capi-rsa", NULL), &pager, rsa_version) ==
          2);
    CHECK(listed(kvb_key_client_list_keys(&pager, client, NULL), &pager, "\"name\":\"capi-ec\"") >= 3);
    /* page sizes reach the service: N items one per page are N requests */
    kvb_keyvault_list_options one = KVB_KEYVAULT_LIST_OPTIONS_INIT;
    one.max_results = 1;
    long requests = 0;
    CHECK(listed_counting(env, "GET /keys/{}/versions", &requests,
                          kvb_key_client_list_key_versions(&pager, client, "capi-rsa", &one), &pager,
                          rsa_version) == 2);
    CHECK(requests == 2);
    const int keys = listed_counting(env, "GET /keys", &requests,
                                     kvb_key_client_list_keys(&pager, client, &one), &pager, "capi-ec");
    CHECK(keys >= 3);
    CHECK(requests == keys);
    const long before = emulator_operation_count(env, "GET /keys");
    one.max_results = 26;
    CHECK(kvb_key_client_list_keys(&pager, client, &one) == KVB_E_INVALID_ARGUMENT);
    CHECK(emulator_operation_count(env, "GET /keys") == before);
    one.max_results = 1;

    /* random bytes */
    kvb_string random = {NULL, 0};
    CHECK(kvb_key_client_get_random_bytes(&random, client, 16) == KVB_OK);
    CHECK(random.size == 16);
    kvb_string_dispose(&random);
    CHECK(kvb_key_client_get_random_bytes(&random, client, 0) == KVB_E_INVALID_ARGUMENT);

    /* release: an exportable key with a release policy; a plain key is refused by the service */
    kvb_key* exportable = NULL;
    kvb_key_create_options export_options = KVB_KEY_CREATE_OPTIONS_INIT;
    export_options.exportable = 1;
    export_options.release_policy_json = "{\"encodedPolicy\":\"eyJhbnlPZiI6W10sInZlcnNpb24iOiIxLjAuMCJ9\"}";
    CHECK(kvb_key_client_create_key(&exportable, client, "capi-export", "RSA-HSM", &export_options) ==
          KVB_OK);
    CHECK(kvb_key_to_json(&json, exportable) == KVB_OK);
    CHECK(has_text(&json, "\"encodedPolicy\":\"eyJhbnlPZiI6W10sInZlcnNpb24iOiIxLjAuMCJ9\""));
    kvb_string_dispose(&json);
    kvb_key_free(exportable);
    kvb_string jws = {NULL, 0};
    kvb_key_release_options release = KVB_KEY_RELEASE_OPTIONS_INIT;
    release.nonce = "n0nce";
    CHECK(kvb_key_client_release_key(&jws, client, "capi-export", NULL, "attestation-token", &release) ==
          KVB_OK);
    CHECK(jws.size > 20 && strchr(jws.ptr, '.') != NULL);
    kvb_string_dispose(&jws);
    CHECK(kvb_key_client_release_key(&jws, client, "capi-ec", NULL, "attestation-token", NULL) ==
          KVB_E_SERVICE);
    CHECK(kvb_error_last()->http_status == 403);
    CHECK(kvb_key_client_release_key(&jws, client, "capi-ec", NULL, NULL, NULL) == KVB_E_INVALID_ARGUMENT);

    test_aes(env, cred, client);
    CHECK(kvb_key_client_get_key_attestation(&got, client, "capi-ec", NULL) == KVB_E_SERVICE);
    CHECK(kvb_error_last()->http_status == 400);

    /* backup, delete, deleted views, recover, purge, restore */
    kvb_string backup = {NULL, 0};
    CHECK(kvb_key_client_backup_key(&backup, client, "capi-ec") == KVB_OK);
    CHECK(backup.size > 0);
    CHECK(kvb_key_client_delete_key(&json, client, "capi-ec", NULL) == KVB_OK);
    CHECK(has_text(&json, "\"recoveryId\""));
    kvb_string_dispose(&json);
    CHECK(kvb_key_client_get_deleted_key(&json, client, "capi-ec") == KVB_OK);
    CHECK(has_text(&json, "\"scheduledPurgeDate\""));
    kvb_string_dispose(&json);
    CHECK(listed(kvb_key_client_list_deleted_keys(&pager, client, NULL), &pager, "capi-ec") >= 1);
    const int deleted =
        listed_counting(env, "GET /deletedkeys", &requests,
                        kvb_key_client_list_deleted_keys(&pager, client, &one), &pager, "capi-ec");
    CHECK(deleted >= 1);
    CHECK(requests == deleted);
    kvb_key* recovered = NULL;
    CHECK(kvb_key_client_recover_deleted_key(&recovered, client, "capi-ec", NULL) == KVB_OK);
    CHECK(strcmp(kvb_key_name(recovered), "capi-ec") == 0);
    kvb_key_free(recovered);
    CHECK(kvb_key_client_restore_key_backup(&got, client, (const uint8_t*)backup.ptr, backup.size) ==
          KVB_E_CONFLICT);
    CHECK(kvb_key_client_delete_key(NULL, client, "capi-ec", NULL) == KVB_OK);
    CHECK(kvb_key_client_purge_deleted_key(client, "capi-ec") == KVB_OK);
    CHECK(kvb_key_client_purge_deleted_key(client, "capi-ec") == KVB_E_NOT_FOUND);
    CHECK(kvb_key_client_restore_key_backup(&got, client, (const uint8_t*)backup.ptr, backup.size) == KVB_OK);
    CHECK(strcmp(kvb_key_curve(got), "P-256") == 0);
    kvb_key_free(got);
    kvb_string_dispose(&backup);
    CHECK(kvb_key_client_recover_deleted_key(NULL, client, "capi-never", NULL) == KVB_E_NOT_FOUND);
    CHECK(kvb_key_client_get_deleted_key(&json, client, "capi-never") == KVB_E_NOT_FOUND);

    kvb_key_client_free(client);
    kvb_credential_free(cred);
}

int main(void) {
    return test_main(test_argument_errors, test_against_emulator);
}
