// SPDX-License-Identifier: MIT
#include <kvbridge/error.hpp>
#include <kvbridge/http/pipeline.hpp>

#include "http/policies.hpp"

namespace kvb::http {

Policy::~Policy() = default;

Pipeline::Pipeline(std::vector<std::shared_ptr<const Policy>> policies, std::shared_ptr<Transport> transport)
    : policies_(std::move(policies)), transport_(std::move(transport)) {
    if (!transport_) throw InvalidArgument("pipeline needs a transport");
}

namespace {

bool isWrite(Method method) {
    return method == Method::Post || method == Method::Put || method == Method::Patch;
}

} // namespace

RawResponse Pipeline::send(Request& request, const Context& context) const {
    if (context.writeReplayAllowed()) return NextPolicy(*this, 0)(request, context);
    // The mark is the request's from here on: the retry policy and the transport read it there,
    // on whatever thread they run. The policies' own calls (a token request) get the context
    // without it, so that they are retried as usual.
    if (isWrite(request.method)) request.replayAfterSend = false;
    Context rest = context;
    rest.writeReplay_ = true;
    return NextPolicy(*this, 0)(request, rest);
}

RawResponse NextPolicy::operator()(Request& request, const Context& context) const {
    context.throwIfCancelled();
    if (index_ < pipeline_->policies_.size())
        return pipeline_->policies_[index_]->send(request, NextPolicy(*pipeline_, index_ + 1), context);
    return pipeline_->transport_->send(request, context);
}

std::shared_ptr<const Pipeline> buildPipeline(const ClientOptions& options,
                                              std::shared_ptr<const Policy> auth) {
    std::vector<std::shared_ptr<const Policy>> policies;
    policies.reserve(6 + options.perCallPolicies.size() + options.perRetryPolicies.size());
    policies.push_back(std::make_shared<detail::RequestIdPolicy>());
    policies.push_back(std::make_shared<detail::UserAgentPolicy>(options.applicationId));
    for (const auto& p : options.perCallPolicies) policies.push_back(p);
    policies.push_back(std::make_shared<detail::RetryPolicy>(options.retry));
    if (auth) policies.push_back(std::move(auth));
    for (const auto& p : options.perRetryPolicies) policies.push_back(p);
    policies.push_back(
        std::make_shared<detail::LogPolicy>(options.loggedHeaderNames, options.loggedQueryParameters));
    auto transport = options.transport ? options.transport : makeCurlTransport(options.transportOptions);
    return std::make_shared<const Pipeline>(std::move(policies), std::move(transport));
}

} // namespace kvb::http
