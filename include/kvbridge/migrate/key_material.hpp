// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file key_material.hpp
 * @brief Finding and opening the user's own certificate files (Batch never returns private keys).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/password_book.hpp>
#include <kvbridge/secret_string.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief Every usable-looking file found, and the problems met while looking. */
struct KeyMaterialScan {
    /** Each file once, in path order, usable or not (see LocalKeyMaterial::problem). */
    std::vector<LocalKeyMaterial> files;
    std::vector<std::string> problems; ///< e.g. "key material folder /x does not exist"
};

/**
 * @brief Look at every .pfx/.p12/.pem/.cer/.crt/.der file under @p roots (folders, recursively,
 * or single files) and work out the leaf thumbprint of each, with passwords from @p passwords.
 *
 * A file claims a thumbprint when its name (without extension), or a '-'/'_'/'.'-separated
 * part of it, is 40 hex digits; that lets an unopenable file still be matched to its
 * certificate and reported. A file that does not open with its password is also tied to its
 * certificate when that can be read without the password (see LocalKeyMaterial::thumbprint).
 * Never throws for a bad file or root: the problem is recorded on the item or in problems.
 * @param[in] roots      folders (searched recursively, links to folders not followed) and files.
 * @param[in] passwords  consulted for each file by path and by claimed thumbprint.
 * @return The files found, each once, in path order, and the problems with the roots.
 */
KVB_EXPORT KeyMaterialScan scanKeyMaterial(const std::vector<std::filesystem::path>& roots,
                                           const PasswordBook& passwords);

/**
 * @brief Check, before anything is sent anywhere, that every root can be scanned: a folder that
 * can be listed, or a readable .pfx/.p12/.pem/.cer/.crt/.der file.
 * @param[in] roots  the folders and files that scanKeyMaterial() will be given.
 * @throws kvb::InvalidArgument "key material path <root> does not exist" (or another reason).
 */
KVB_EXPORT void validateKeyMaterialRoots(const std::vector<std::filesystem::path>& roots);

/**
 * @brief The thumbprint a file's name claims (see scanKeyMaterial()); the file is not opened.
 * @param[in] path  the file; only its name without the extension counts.
 * @return 40 upper-case hex digits, or "" when no part of the name is a thumbprint.
 */
KVB_EXPORT std::string claimedThumbprintOf(const std::filesystem::path& path);

/**
 * @brief The container a file's extension implies (any case); the file is not opened.
 * @param[in] path  the file.
 * @return Pfx for .pfx/.p12, Pem for .pem, Cer for .cer/.crt/.der; nullopt for any other file,
 *         which the scan ignores.
 */
KVB_EXPORT std::optional<KeyFileFormat> keyFileFormatOf(const std::filesystem::path& path);

/** @brief What to send to Key Vault for one file. */
struct PreparedImport {
    SecretBytes value;      ///< PFX bytes, or PEM text: chain + PKCS#8 key
    bool pem = false;       ///< value is PEM text (a .pem file, or a certificate with no key); else PKCS#12
    SecretString password;  ///< the PFX password (empty for PEM)
    std::string thumbprint; ///< computed, upper-case hex
    SecretString privateKeyPkcs8; ///< for deep verification; empty without a key
};

/**
 * @brief Re-open a file found by scanKeyMaterial() and prepare it for import. A PFX is sent as
 * is (with its password); a PEM is normalised to the chain followed by a PKCS#8 key; a .cer is
 * returned as PEM text.
 * @param[in] file       a file of the scan, found usable.
 * @param[in] passwords  the same book the scan used.
 * @return The value to import; its secret parts are wiped when it is dropped.
 * @throws kvb::CryptoError / kvb::InvalidArgument when the file no longer opens.
 */
KVB_EXPORT PreparedImport prepareImport(const LocalKeyMaterial& file, const PasswordBook& passwords);

/**
 * @brief The private key inside what Key Vault returned for a certificate (PFX or PEM),
 * as PKCS#8 PEM, to compare with PreparedImport::privateKeyPkcs8 (deep verification).
 * @param[in] value  the downloaded secret value.
 * @param[in] pem    true when @p value is PEM text, false for a PKCS#12 without password.
 * @return The key, wiped when dropped.
 * @throws kvb::CryptoError when it holds no readable key.
 */
KVB_EXPORT SecretString privateKeyOfDownload(const SecretBytes& value, bool pem);

} // namespace kvb::migrate
