// SPDX-License-Identifier: MIT
#include "kv_handlers.hpp"
namespace emu::kv {
HttpReply handleCertificates(Ctx&) { noRoute(false); }
void completeDueCertificates(Ctx&) {}
}
