// SPDX-License-Identifier: MIT
#include "kv_handlers.hpp"
namespace emu::kv {
HttpReply handleKeys(Ctx&) { noRoute(false); }
}
