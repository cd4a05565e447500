// SPDX-License-Identifier: MIT
// Parsing the caller's documents; secret ones in a wiped arena.

#include "documents/document.hpp"

#include <kvbridge/secret_string.hpp>

#include <rapidjson/error/en.h>

#include <vector>

namespace kvb::capi {

rapidjson::Document parseDocument(std::string_view json, const char* what) {
    try {
        auto doc = kvb::detail::parseJson(json, what);
        kvb::detail::requireObject(doc, what);
        return doc;
    } catch (const ParseError& e) {
        throw InvalidArgument(e.what()); // it names @p what already
    }
}

void withWipedDocument(std::string_view text, const char* what,
                       const std::function<void(const JsonValue&)>& body) {
    // Every DOM node, string copy and parse-stack block comes from `arena`; sized so that the
    // pool never needs a second (unwiped) chunk for any document of this length.
    using Pool = rapidjson::MemoryPoolAllocator<>;
    std::vector<char> arena(text.size() * 8 + 65536);
    struct Wipe {
        std::vector<char>& a;
        ~Wipe() { secureWipe(a.data(), a.size()); }
    } wipe{arena};
    // Each pool's chunk header needs 8-byte alignment (UBSan caught an odd half).
    const std::size_t half = (arena.size() / 2) & ~std::size_t{15};
    Pool values(arena.data(), half);
    Pool stack(arena.data() + half, arena.size() - half);
    rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool> doc(&values, 1024, &stack);
    doc.Parse<rapidjson::kParseStopWhenDoneFlag>(text.data(), text.size());
    if (doc.HasParseError())
        throw InvalidArgument(std::string(what) + ": malformed JSON at offset " +
                              std::to_string(doc.GetErrorOffset()) + " (" +
                              rapidjson::GetParseError_En(doc.GetParseError()) + ")");
    if (!doc.IsObject()) throw InvalidArgument(std::string(what) + ": expected a JSON object");
    body(doc);
}

} // namespace kvb::capi
