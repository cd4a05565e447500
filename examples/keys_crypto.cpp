// SPDX-License-Identifier: MIT
// Keys and cryptography: create an RSA key, encrypt locally with its public part, decrypt in the
// vault, sign in the vault and verify locally.
//   keys_crypto [vault-url]      (see example_env.hpp for the environment)

#include <kvbridge/error.hpp>
#include <kvbridge/keyvault/cryptography_client.hpp>
#include <kvbridge/keyvault/key_client.hpp>

#include <iostream>
#include <string_view>

#include "example_env.hpp"

using namespace kvb::keyvault;

namespace {
std::span<const std::uint8_t> bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
} // namespace

int main(int argc, char** argv) try {
    const auto credential = example::credential();
    KeyClient keys(example::vaultUrl(argc, argv), credential, example::vaultOptions());
    auto key = keys.createRsaKey("example-rsa", {.keySize = 2048});
    std::cout << "created " << key->properties.name << " version " << key->properties.version << "\n";

    CryptographyClientOptions options;
    static_cast<KeyVaultClientOptions&>(options) = example::vaultOptions();
    options.localPublicOperations = true; // encrypt and verify here with the public key
    CryptographyClient crypto(key->key.kid, credential, options);
    crypto.getKey();

    const std::string_view message = "meet me at the usual place";
    auto encrypted = crypto.encrypt(EncryptionAlgorithm::RsaOaep256, bytes(message));
    auto decrypted = crypto.decrypt(EncryptionAlgorithm::RsaOaep256, encrypted.ciphertext);
    const bool roundTrip = std::string_view(reinterpret_cast<const char*>(decrypted.plaintext.data()),
                                            decrypted.plaintext.size()) == message;
    std::cout << "encrypt/decrypt round trip: " << (roundTrip ? "ok" : "FAILED") << "\n";

    auto signature = crypto.signData(SignatureAlgorithm::Ps256, bytes(message));
    const bool valid =
        crypto.verifyData(SignatureAlgorithm::Ps256, bytes(message), signature.signature).isValid;
    std::cout << "signature (" << signature.signature.size() << " bytes) verifies: " << (valid ? "yes" : "no")
              << "\n";
    return roundTrip && valid ? 0 : 1;
} catch (const kvb::ServiceError& e) {
    std::cerr << "service error " << e.httpStatus() << " " << e.serviceCode() << " (request " << e.requestId()
              << "): " << e.serviceMessage() << "\n";
    return 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
