// SPDX-License-Identifier: MIT
#pragma once

// PFX files from older tools (openssl -legacy, Windows before 2019) are encrypted with RC2 or
// 3DES and MACed with SHA-1; OpenSSL 3 reads RC2 (and some 3DES forms) only through its legacy
// provider. Every place of the emulator that opens a PFX calls this first, so the answer never
// depends on which request happened to load the provider.

namespace emu {

// Load OpenSSL's default and legacy providers into the default library context, once per
// process (thread-safe). A build without the legacy module keeps the default provider only.
void loadLegacyProvider();

} // namespace emu
