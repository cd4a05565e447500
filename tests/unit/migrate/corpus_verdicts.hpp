// SPDX-License-Identifier: MIT
#pragma once

// What the migration must conclude about the key material corpus (makeKeyMaterialCorpus() in
// tests/support/openssl_certificates.hpp): the verdict per certificate and the finding per file,
// shared by the library test and the CLI test so that both hold the same expectations.

#include "openssl_certificates.hpp"

#include <map>
#include <string>
#include <vector>

namespace kvb::test {

/** The plan action per corpus case. */
inline const std::map<std::string, std::string> kCorpusActions = {
    {"open-bags", "password-wrong"},         // tied through its unencrypted certificate bag
    {"sealed-bags", "missing-key-material"}, // cannot be tied: its certificate bags are encrypted too
    {"truncated", "missing-key-material"},
    {"unreadable", "missing-key-material"}, // tied by its name only
    {"pkcs1", "import"},
    {"pkcs8-crlf", "import"},
    {"duplicate", "import"},
    {"ec", "import"},
    {"legacy", "import"},
    {"pem-locked", "password-wrong"}, // tied through the PEM certificate
};

/** One file that cannot be used: its name in keys/, the problem, the case it is tied to ("": none). */
struct ExpectedFinding {
    std::string file;
    std::string problem;
    std::string tiedTo;
};

/** Every finding of the corpus, in path order. */
inline std::vector<ExpectedFinding> expectedCorpusFindings(const KeyMaterialCorpus& corpus) {
    return {
        {corpus.certificates.at("unreadable").thumbprint + ".pfx", "unreadable", "unreadable"},
        {"api.pfx", "wrong-password", ""},
        {"locked.pem", "wrong-password", "pem-locked"},
        {"notes.p12", "corrupt", ""},
        {"pipe.pem", "unreadable", ""},
        {"svc.pem", "duplicate", "duplicate"},
        {"truncated.pfx", "truncated", ""},
        {"web-frontend.pfx", "wrong-password", "open-bags"},
    };
}

} // namespace kvb::test
