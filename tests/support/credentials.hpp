// SPDX-License-Identifier: MIT
#pragma once

// Credentials and client options that reach the shared test emulator (its authority host, its
// CA trusted, TLS verification on).

#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <memory>

namespace kvb::test {

/** A ClientSecretCredential for the emulator's default tenant and application. */
std::shared_ptr<const identity::TokenCredential> emulatorCredential();
/** Client options whose transport trusts the emulator's CA (for service clients). */
http::ClientOptions emulatorClientOptions();
/** Credential options: the emulator's authority host and transport. */
identity::CredentialOptions emulatorCredentialOptions();
/** The emulator's Batch account and key. */
std::shared_ptr<const identity::SharedKeyCredential> emulatorSharedKey();

} // namespace kvb::test
