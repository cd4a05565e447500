// SPDX-License-Identifier: MIT
#pragma once

// Drives the library's real list pager (kvb::detail::makePager) over a fuzzed page body: every
// page request is answered with the same body, so a next link is checked and followed too.

#include <kvbridge/http/pipeline.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/call.hpp"
#include "fuzz_support.hpp"

namespace kvb::fuzz {

/** Answers 200 + the fuzzed body a few times, then fails like a dropped connection. */
class EchoTransport final : public http::Transport {
public:
    explicit EchoTransport(std::string_view body) : body_(body) {}
    http::RawResponse send(const http::Request&, const Context&) override {
        // A page with only a next link back to itself would otherwise be followed forever.
        if (++calls_ > kMaxPages) throw http::TransportError("fuzz: page budget spent", 56);
        http::RawResponse response;
        response.status = 200;
        response.body = body_;
        return response;
    }

private:
    static constexpr int kMaxPages = 3;
    std::string body_;
    int calls_ = 0;
};

/** Iterate every item of the pages @p body describes, parsed by @p parseItem into T. */
template <class T, class ParseItem>
void walkPages(std::string_view body, std::string firstUrl, ParseItem parseItem,
               kvb::detail::PageSpec spec = {}) {
    auto pipeline = std::make_shared<const http::Pipeline>(std::vector<std::shared_ptr<const http::Policy>>{},
                                                           std::make_shared<EchoTransport>(body));
    tolerateTypedErrors([&] {
        auto pager = kvb::detail::makePager<T>(std::move(pipeline), std::move(firstUrl), std::move(parseItem),
                                               std::move(spec), Context{});
        for (const auto& item : pager) static_cast<void>(item);
    });
}

} // namespace kvb::fuzz
