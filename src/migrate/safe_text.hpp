// SPDX-License-Identifier: MIT
#pragma once

// The migration's own guard on the texts it writes. An error text reaches the journal, the
// reports and stdout from whatever threw it; the client already cuts out what a service quotes
// of a request, and these two are the nets behind it: one knows the certificate's material,
// the other knows only what key material looks like.

#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/report.hpp>

#include <string>
#include <string_view>

namespace kvb::detail {

/**
 * @p text without any form of @p material's secrets (the PFX or PEM as sent, its password, its
 * private key), by the client's redaction rules.
 */
std::string withoutSecretsOf(std::string_view text, const migrate::PreparedImport& material);

/**
 * @p text with every PEM block and every base64 or hex run of kMinBlob characters or more
 * (line breaks, escaped or not, do not end a run) replaced by "[redacted]". No identifier the
 * migration writes comes near that length (a Key Vault object path is at most 177 characters).
 */
std::string withoutKeyMaterial(std::string_view text);

/** A copy of @p report whose free texts (reasons, details, warnings) went through withoutKeyMaterial(). */
migrate::MigrationReport withoutKeyMaterial(const migrate::MigrationReport& report);

/** Shortest run of base64 or hex characters that withoutKeyMaterial() cuts out. */
inline constexpr std::size_t kMinBlob = 200;

} // namespace kvb::detail
