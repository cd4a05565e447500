// SPDX-License-Identifier: MIT
#include "arm/arm_operation.hpp"

#include "http/policies.hpp"

namespace kvb::arm {

namespace {

enum class Outcome { Going, Succeeded, Failed };

// Resource Manager's terminal states are Succeeded, Failed and Canceled (some providers write
// "Cancelled"); anything else (Accepted, Creating, RegisteringDns, InProgress, ...) is still going.
Outcome outcomeOf(std::string_view state) {
    if (http::equalsIgnoreCase(state, "Succeeded")) return Outcome::Succeeded;
    if (http::equalsIgnoreCase(state, "Failed") || http::equalsIgnoreCase(state, "Canceled") ||
        http::equalsIgnoreCase(state, "Cancelled"))
        return Outcome::Failed;
    return Outcome::Going;
}

std::optional<std::string> provisioningStateOf(const JsonValue& resource) {
    const auto* properties = propertiesOf(resource);
    return properties ? kvb::detail::optString(*properties, "provisioningState") : std::nullopt;
}

// The answer said the operation ended in @p state. Its "error" object (operation statuses carry
// one) gives code, message and details through the shared error reader; a resource that only
// says provisioningState gets its state as the code.
[[noreturn]] void fail(const http::RawResponse& response, const http::Request& request, const JsonValue& root,
                       const std::string& state, const std::string& description) {
    auto info = kvb::detail::errorInfoFromResponse(response, request);
    const auto* error = kvb::detail::findMember(root, "error");
    if (info.serviceCode.empty()) info.serviceCode = state;
    if (!error || !kvb::detail::findMember(*error, "message"))
        info.message = description + " ended in provisioning state " + state;
    throw ArmOperationFailedError(std::move(info), state, description);
}

} // namespace

LroPoller::LroPoller(std::shared_ptr<const http::Pipeline> pipeline, http::Method method,
                     std::string resourceUrl, std::string description)
    : pipeline_(std::move(pipeline)), method_(method), resourceUrl_(std::move(resourceUrl)),
      description_(std::move(description)) {}

void LroPoller::takeUrls(const http::Headers& headers) {
    // These URLs get the bearer token: they must stay on the endpoint the call went to.
    if (auto v = headers.get("Azure-AsyncOperation")) {
        kvb::detail::checkNextLink(resourceUrl_, std::string(*v), "Azure-AsyncOperation URL");
        asyncUrl_ = *v;
    }
    if (auto v = headers.get("Location")) {
        kvb::detail::checkNextLink(resourceUrl_, std::string(*v), "Location URL");
        locationUrl_ = *v;
    }
}

LroStep LroPoller::start(const http::RawResponse& first, const http::Request& request) {
    takeUrls(first.headers);
    if (!asyncUrl_.empty()) {
        mode_ = Mode::AsyncOperation;
        LroStep step;
        step.retryAfter = kvb::detail::retryAfterOf(first.headers);
        if (!first.body.empty() && method_ != http::Method::Delete) step.body = first.body;
        return step;
    }
    if (first.status == 202 || (first.status == 201 && !locationUrl_.empty())) {
        mode_ = locationUrl_.empty() ? Mode::Resource : Mode::Location;
        LroStep step;
        step.retryAfter = kvb::detail::retryAfterOf(first.headers);
        return step;
    }
    if (method_ == http::Method::Delete || first.body.empty()) {
        mode_ = Mode::Done;
        return {true, std::nullopt, std::nullopt};
    }
    return fromResource(first, request);
}

LroStep LroPoller::poll(const Context& context) {
    switch (mode_) {
    case Mode::AsyncOperation: return pollStatus(context);
    case Mode::Location: return pollLocation(context);
    case Mode::Resource: return pollResource(context);
    case Mode::Done: break;
    }
    return {true, std::nullopt, std::nullopt};
}

LroStep LroPoller::fromResource(const http::RawResponse& response, const http::Request& request) {
    LroStep step;
    step.retryAfter = kvb::detail::retryAfterOf(response.headers);
    const auto doc = kvb::detail::parseJson(response.body, "resource");
    const auto& root = kvb::detail::requireObject(doc, "resource");
    const auto state = provisioningStateOf(root);
    const auto outcome = state ? outcomeOf(*state) : Outcome::Succeeded;
    if (outcome == Outcome::Failed) fail(response, request, root, *state, description_);
    step.body = response.body;
    step.done = outcome == Outcome::Succeeded;
    mode_ = step.done ? Mode::Done : Mode::Resource;
    return step;
}

LroStep LroPoller::pollStatus(const Context& context) {
    http::Request request(http::Method::Get, asyncUrl_);
    const auto raw = kvb::detail::sendExpecting(*pipeline_, request, {200, 201, 202}, context);
    LroStep step;
    step.retryAfter = kvb::detail::retryAfterOf(raw.headers);
    if (raw.body.empty()) return step; // 202 without a status yet
    const auto doc = kvb::detail::parseJson(raw.body, "operation status");
    const auto& root = kvb::detail::requireObject(doc, "operation status");
    const auto status = kvb::detail::requireString(root, "status");
    switch (outcomeOf(status)) {
    case Outcome::Succeeded: return finish(context);
    case Outcome::Failed: fail(raw, request, root, status, description_);
    case Outcome::Going: break;
    }
    return step;
}

LroStep LroPoller::pollLocation(const Context& context) {
    http::Request request(http::Method::Get, locationUrl_);
    const auto raw = kvb::detail::sendExpecting(*pipeline_, request, {200, 201, 202, 204}, context);
    if (raw.status == 202) {
        takeUrls(raw.headers);
        LroStep step;
        step.retryAfter = kvb::detail::retryAfterOf(raw.headers);
        return step;
    }
    return finish(context, raw.body.empty() ? std::nullopt : std::optional<std::string>(raw.body));
}

LroStep LroPoller::pollResource(const Context& context) {
    http::Request request(http::Method::Get, resourceUrl_);
    if (method_ == http::Method::Delete) {
        const auto raw = kvb::detail::sendExpecting(*pipeline_, request, {200, 202, 404}, context);
        if (raw.status == 404) return finish(context);
        LroStep step;
        step.retryAfter = kvb::detail::retryAfterOf(raw.headers);
        return step;
    }
    const auto raw = kvb::detail::sendExpecting(*pipeline_, request, {200, 201, 202}, context);
    return fromResource(raw, request);
}

LroStep LroPoller::finish(const Context& context, std::optional<std::string> body) {
    mode_ = Mode::Done;
    if (method_ != http::Method::Put && method_ != http::Method::Patch) {
        // A DELETE ends without a resource; a POST's result, when any, is the last answer.
        return {true, method_ == http::Method::Post ? std::move(body) : std::nullopt, std::nullopt};
    }
    http::Request request(http::Method::Get, resourceUrl_);
    const auto raw = kvb::detail::sendExpecting(*pipeline_, request, {200}, context);
    return {true, raw.body, std::nullopt};
}

} // namespace kvb::arm
