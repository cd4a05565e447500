// SPDX-License-Identifier: MIT
// The documents of secrets.h.

#include "documents/secrets.hpp"

namespace kvb::capi {

namespace {

void writeSecretPropertiesMembers(JsonWriter& w, const keyvault::SecretProperties& p) {
    writePropertiesMembers(w, p);
    w.member("contentType", p.contentType);
    w.member("keyId", p.keyId);
    w.member("managed", p.managed);
    w.member("previousVersion", p.previousVersion);
}

} // namespace

void writeSecretProperties(JsonWriter& w, const keyvault::SecretProperties& p) {
    writeObject(w, [&] { writeSecretPropertiesMembers(w, p); });
}

void writeSecret(JsonWriter& w, const keyvault::KeyVaultSecret& s) {
    writeObject(w, [&] {
        writeSecretPropertiesMembers(w, s.properties);
        w.member("value", s.value.reveal());
    });
}

void writeDeletedSecret(JsonWriter& w, const keyvault::DeletedSecret& d) {
    writeObject(w, [&] {
        writeSecretPropertiesMembers(w, d.properties);
        writeDeletionMembers(w, d);
        if (!d.value.empty()) w.member("value", d.value.reveal());
    });
}

} // namespace kvb::capi
