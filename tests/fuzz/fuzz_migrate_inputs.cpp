// SPDX-License-Identifier: MIT
// The migration engine's text inputs: the journal (JSON lines, possibly torn by a crash) and the
// password book (a JSON object or INI lines).

#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/password_book.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = kvb::fuzz::asText(data, size);
    kvb::fuzz::tolerateTypedErrors([&] {
        const auto state = kvb::migrate::JournalState::parse(std::string(text));
        state.unfinishedSteps();
    });
    kvb::fuzz::tolerateTypedErrors([&] { kvb::migrate::PasswordBook::parse(text); });
    return 0;
}
