// SPDX-License-Identifier: MIT
#pragma once

// The operation runner every client method goes through: send a request through the pipeline,
// turn a non-success status into the typed error, parse the body once into the model.

#include <kvbridge/context.hpp>
#include <kvbridge/error.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/response.hpp>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/json.hpp"

namespace kvb::detail {

/** Service error details from a failed response (Key Vault, Batch and Entra ID body shapes). */
ServiceErrorInfo errorInfoFromResponse(const http::RawResponse& response, const http::Request& request);

/** Throw the typed error for @p response. */
[[noreturn]] void throwForResponse(const http::RawResponse& response, const http::Request& request);

/** Send @p request; any status outside @p ok becomes a typed ServiceError. */
http::RawResponse sendExpecting(const http::Pipeline& pipeline, http::Request& request,
                                std::initializer_list<int> ok, const Context& context);

/**
 * Send, check, parse the JSON body with @p parse(const JsonValue& root) -> T. @p sensitiveBody:
 * the response carries secret material (secret values, keys): its body is wiped once parsed.
 */
template <class T, class Parse>
Response<T> sendAndParse(const http::Pipeline& pipeline, http::Request& request,
                         std::initializer_list<int> ok, Parse&& parse, const Context& context,
                         std::string_view what, bool sensitiveBody = false) {
    http::RawResponse raw = sendExpecting(pipeline, request, ok, context);
    raw.sensitiveBody = sensitiveBody;
    Response<T> out;
    out.status = raw.status;
    {
        const InSituJson doc(raw.body, what);
        out.value = parse(doc.root());
    }
    out.headers = std::move(raw.headers);
    return out;
}

/** Send, check, ignore the body (204/202 answers). */
Response<std::monostate> sendNoContent(const http::Pipeline& pipeline, http::Request& request,
                                       std::initializer_list<int> ok, const Context& context);

/**
 * Refuse a next link (or any URL a service hands back to be followed, such as a long-running
 * operation's polling URL, named by @p what) that leaves the origin of the first request: a token
 * must never follow a link to another host. @throws ParseError.
 */
void checkNextLink(const std::string& firstUrl, const std::string& nextLink,
                   std::string_view what = "next link");

/** Settings of a list operation. */
struct PageSpec {
    std::string nextLinkField = "nextLink";      ///< "odata.nextLink" for Batch
    std::function<void(http::Request&)> prepare; ///< headers to add to each page request
    std::string what = "list page";
};

/** A lazy pager over GET @p firstUrl and its next links; items come from the "value" array. */
template <class T, class ParseItem>
Pager<T> makePager(std::shared_ptr<const http::Pipeline> pipeline, std::string firstUrl, ParseItem parseItem,
                   PageSpec spec, Context context) {
    auto fetch = [pipeline = std::move(pipeline), firstUrl = std::move(firstUrl),
                  parseItem = std::move(parseItem),
                  spec = std::move(spec)](const std::optional<std::string>& next, const Context& ctx) {
        if (next) checkNextLink(firstUrl, *next);
        http::Request request(http::Method::Get, next ? *next : firstUrl);
        if (spec.prepare) spec.prepare(request);
        http::RawResponse raw = sendExpecting(*pipeline, request, {200}, ctx);
        Page<T> page;
        page.status = raw.status;
        {
            const InSituJson doc(raw.body, spec.what);
            const JsonValue& root = requireObject(doc.root(), spec.what);
            if (const auto* items = findMember(root, "value")) {
                if (!items->IsArray()) throw ParseError(spec.what + ": 'value' is not an array");
                page.items.reserve(items->Size());
                for (const auto& item : items->GetArray())
                    page.items.push_back(parseItem(requireObject(item, spec.what)));
            }
            page.nextLink = optString(root, spec.nextLinkField);
        }
        page.headers = std::move(raw.headers);
        return page;
    };
    return Pager<T>(std::move(fetch), std::move(context));
}

} // namespace kvb::detail
