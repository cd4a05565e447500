// SPDX-License-Identifier: MIT
// Every Batch response model parser (certificate, pool, pool specification, job schedule, job)
// over one JSON body, then the same body as each kind of list page (odata.nextLink paging).

#include "batch/batch_json.hpp"
#include "fuzz_pages.hpp"
#include "fuzz_support.hpp"

namespace bd = kvb::batch;
using kvb::detail::JsonValue;

namespace {

template <class T, class Parse>
void walk(std::string_view text, Parse parse) {
    kvb::detail::PageSpec spec;
    spec.nextLinkField = "odata.nextLink";
    kvb::fuzz::walkPages<T>(text,
                            "https://account.region.batch.azure.com/certificates?api-version=2024-07-01.20.0",
                            parse, std::move(spec));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = kvb::fuzz::asText(data, size);
    kvb::fuzz::eachParser(
        text, [](const JsonValue& v) { bd::parseCertificate(v); },
        [](const JsonValue& v) { bd::parsePool(v); },
        [](const JsonValue& v) { bd::parsePoolSpecification(v); },
        [](const JsonValue& v) { bd::parseJobSchedule(v); }, [](const JsonValue& v) { bd::parseJob(v); },
        [](const JsonValue& v) { bd::keepProperties(bd::parsePool(v)); });
    walk<kvb::batch::BatchCertificate>(text, bd::parseCertificate);
    walk<kvb::batch::BatchPool>(text, bd::parsePool);
    walk<kvb::batch::BatchJobSchedule>(text, bd::parseJobSchedule);
    return 0;
}
