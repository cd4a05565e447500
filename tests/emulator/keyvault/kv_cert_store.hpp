// SPDX-License-Identifier: MIT
#pragma once

// Certificate state: policies, pending operations, and the versions that create a
// certificate's linked key and secret (managed, same name and version id).

#include "kv_handlers.hpp"
#include "kv_x509.hpp"

namespace emu::kv {

HttpReply handleIssuers(Ctx& ctx);
HttpReply handleContacts(Ctx& ctx);

// A complete policy from a request's policy (defaults filled in, types checked). The key
// and certificate, when given (import), override what they determine.
Json normalizePolicy(const Json* in, const Json* previous, EVP_PKEY* key, X509* cert,
                     const std::string& defaultIssuer);
Json policyView(const Ctx& ctx, const Entity& cert);

// Refuse names held by an unrelated or deleted key or secret.
void requireLinkedNamesFree(Ctx& ctx, const std::string& name);

// Store a new certificate version with its managed key and secret; returns the version.
Json& addCertificateVersion(Ctx& ctx, Entity& cert, CertMaterial& m, const Json* attributes, const Json* tags,
                            std::optional<bool> preserveOrder);

Json certBundle(const Ctx& ctx, const Entity& cert, const Json& version);
Json certItem(const Ctx& ctx, const Entity& cert, const Json& version, bool versioned);
Json pendingView(const Ctx& ctx, const Entity& cert);

// Key generation for a policy's key_props.
Pkey generatePolicyKey(const Json& policy);

} // namespace emu::kv
