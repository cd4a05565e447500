// SPDX-License-Identifier: MIT
// Parsing the caller's documents; secret ones in a wiped arena.

#include "documents/document.hpp"

#include <kvbridge/secret_string.hpp>

#include <vector>

namespace kvb::capi {

namespace {

// The parser's own errors (malformed text, a root that is no object) name the document already,
// so they pass on unchanged, as the InvalidArgument a caller's bad input is.
template <class Check>
auto checkedDocument(Check check) {
    try {
        return check();
    } catch (const ParseError& e) {
        throw InvalidArgument(e.what());
    }
}

} // namespace

rapidjson::Document parseDocument(std::string_view json, const char* what) {
    return checkedDocument([&] {
        auto doc = kvb::detail::parseJson(json, what);
        kvb::detail::requireObject(doc, what);
        return doc;
    });
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
    checkedDocument([&] {
        kvb::detail::throwIfMalformed(doc, what);
        kvb::detail::requireObject(doc, what);
    });
    body(doc);
}

} // namespace kvb::capi
