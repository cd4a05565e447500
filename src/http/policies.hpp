// SPDX-License-Identifier: MIT
#pragma once

// The built-in pipeline policies. Internal: clients get them through buildPipeline().

#include <kvbridge/http/pipeline.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kvb::detail {

/** Sets x-ms-client-request-id (a UUID) once per call unless the caller set one. */
class RequestIdPolicy final : public http::Policy {
public:
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override;
};

/** Sets User-Agent: "[applicationId ]kvbridge/<version> (<os> <arch>)". */
class UserAgentPolicy final : public http::Policy {
public:
    explicit UserAgentPolicy(const std::string& applicationId);
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override;
    const std::string& userAgent() const noexcept { return userAgent_; }

private:
    std::string userAgent_;
};

/** Time source for the retry policy; tests inject a fake one so nothing really sleeps. */
struct RetryClock {
    std::function<std::chrono::steady_clock::time_point()> now;
    /** Wait @p delay unless @p context ends first (then throw OperationCancelled). */
    std::function<void(std::chrono::milliseconds delay, const Context& context)> sleep;
    /** Jitter factor in [kvb::detail::kMinJitter, kvb::detail::kMaxJitter]. */
    std::function<double()> jitter;
    static RetryClock system();
};

/**
 * Retries transport failures and retryable statuses with backoff; honours Retry-After forms. A
 * request with replayAfterSend false is not sent again after a transport failure: it may have
 * been carried out, and its caller settles it.
 */
class RetryPolicy final : public http::Policy {
public:
    explicit RetryPolicy(http::RetryOptions options, RetryClock clock = RetryClock::system());
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override;

    /** The server's requested delay from retry-after-ms, x-ms-retry-after-ms or Retry-After. */
    static std::optional<std::chrono::milliseconds> serverDelay(const http::Headers& headers,
                                                                std::chrono::system_clock::time_point now);

private:
    http::RetryOptions options_;
    RetryClock clock_;
};

/** The pacing hint a long-running operation's reply carries, now (RetryPolicy::serverDelay()). */
inline std::optional<std::chrono::milliseconds> retryAfterOf(const http::Headers& headers) {
    return RetryPolicy::serverDelay(headers, std::chrono::system_clock::now());
}

/** Logs one line per request and per response, values redacted unless allowed; never bodies. */
class LogPolicy final : public http::Policy {
public:
    LogPolicy(std::vector<std::string> extraHeaders, std::vector<std::string> extraQuery);
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override;

    /** @p url with every query value not on the allow-list replaced by REDACTED. */
    std::string redactUrl(std::string_view url) const;
    /** "name: value" lines with values not on the allow-list replaced by REDACTED. */
    std::string redactHeaders(const http::Headers& headers) const;

private:
    bool headerAllowed(std::string_view name) const;
    bool queryAllowed(std::string_view name) const;
    std::vector<std::string> headers_;
    std::vector<std::string> query_;
};

/** A fresh UUID v4 for request ids: unique (per-thread generator seeded from OpenSSL), not secret. */
std::string newUuid();

} // namespace kvb::detail
