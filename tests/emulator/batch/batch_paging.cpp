// SPDX-License-Identifier: MIT
// Batch's list pages: $filter (OData, odata_filter.hpp), $select, maxresults (1 to 1000, the
// default) and an odata.nextLink whose $skiptoken is the next item's index, carrying the filter
// and selection on. Bad query values are 400 InvalidQueryParameterValue naming the parameter.
#include "../url_util.hpp"
#include "batch_handlers.hpp"
#include "batch_service.hpp"
#include "odata_filter.hpp"

#include <cstdlib>
#include <stdexcept>

namespace emu::batch {

namespace {

constexpr long kMaxResults = 1000;

[[noreturn]] void invalidQuery(const std::vector<std::pair<std::string, std::string>>& values) {
    throw BatchFailure(400, "InvalidQueryParameterValue",
                       "Value for one of the query parameters specified in the request URI is invalid.",
                       values);
}

std::vector<std::unique_ptr<JsonDoc>> filtered(const std::string& filterText,
                                               std::vector<std::unique_ptr<JsonDoc>> items) {
    if (filterText.empty()) return items;
    std::vector<std::unique_ptr<JsonDoc>> kept;
    try {
        ODataFilter filter(filterText);
        for (auto& item : items) {
            if (filter.matches(*item)) kept.push_back(std::move(item));
        }
    } catch (const std::invalid_argument& e) {
        invalidQuery(
            {{"QueryParameterName", "$filter"}, {"QueryParameterValue", filterText}, {"Reason", e.what()}});
    }
    return kept;
}

long intParam(const HttpRequest& req, const char* name, long lo, long hi, long dflt) {
    const std::string text = firstValue(req.query, name);
    if (text.empty()) return dflt;
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (*end != '\0' || v < lo || v > hi)
        invalidQuery({{"QueryParameterName", name}, {"QueryParameterValue", text}});
    return v;
}

} // namespace

HttpReply listReply(const HttpRequest& req, const std::string& kind,
                    std::vector<std::unique_ptr<JsonDoc>> items) {
    const std::string filterText = firstValue(req.query, "$filter");
    auto kept = filtered(filterText, std::move(items));
    const long max = intParam(req, "maxresults", 1, kMaxResults, kMaxResults);
    const long skip = intParam(req, "$skiptoken", 0, 1L << 30, 0);
    const std::string select = firstValue(req.query, "$select");
    JsonDoc out;
    out.SetObject();
    auto& a = out.GetAllocator();
    setString(out, "odata.metadata", req.baseUrl + "/$metadata#" + kind, a);
    JsonValue value(rapidjson::kArrayType);
    for (long i = skip; i < static_cast<long>(kept.size()) && i < skip + max; ++i) {
        auto shown = select.empty() ? std::move(kept[static_cast<std::size_t>(i)])
                                    : applySelect(*kept[static_cast<std::size_t>(i)], select);
        value.PushBack(JsonValue(*shown, a), a);
    }
    out.AddMember("value", value, a);
    if (skip + max < static_cast<long>(kept.size())) {
        std::string link = req.baseUrl + req.rawPath + "?api-version=" + BatchService::kApiVersion +
                           "&maxresults=" + std::to_string(max) + "&$skiptoken=" + std::to_string(skip + max);
        if (!filterText.empty()) link += "&$filter=" + urlEncode(filterText);
        if (!select.empty()) link += "&$select=" + urlEncode(select);
        setString(out, "odata.nextLink", link, a);
    }
    HttpReply r;
    r.body = toJson(out);
    return r;
}

} // namespace emu::batch
