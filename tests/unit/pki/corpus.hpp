// SPDX-License-Identifier: MIT
#pragma once

// Access to the corpus that make_corpus.sh generated for this build. The corpus is made with the
// openssl program when the build runs, not by the tests (as tests/support/openssl_certificates.hpp
// does): the no-legacy-provider run reads legacy PFX files that openssl could not write there.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <kvbridge/secret_string.hpp>

namespace corpus {

/** The password every protected corpus file uses. */
inline const char* const kPassword = "Corpus-Pa55word!";

/** Directory of the corpus ($KVB_PKI_CORPUS). */
std::filesystem::path dir();
/** Path of corpus file @p name. */
std::filesystem::path path(const std::string& name);
/** Bytes of corpus file @p name. */
std::vector<std::uint8_t> bytes(const std::string& name);
/** Text of corpus file @p name. */
std::string text(const std::string& name);
/** The SHA-1 fingerprint openssl printed for NAME.crt (40 upper-case hex digits). */
std::string sha1Of(const std::string& certName);
/** The SHA-256 fingerprint openssl printed for NAME.crt. */
std::string sha256Of(const std::string& certName);
/** The corpus password as a SecretString. */
kvb::SecretString password();

/** what() of the kvb::CryptoError @p action throws, or "(no error)". */
std::string cryptoErrorOf(const std::function<void()>& action);

/** Write @p data to a fresh file in the test's temporary directory and return its path. */
std::filesystem::path writeTemp(const std::string& name, const std::vector<std::uint8_t>& data);

} // namespace corpus
