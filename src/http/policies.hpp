// SPDX-License-Identifier: MIT
#pragma once

// The built-in pipeline policies. Internal: clients get them through buildPipeline().

#include <kvbridge/http/pipeline.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kvb::http::detail {

/** Sets x-ms-client-request-id (a UUID) once per call unless the caller set one. */
class RequestIdPolicy final : public Policy {
public:
    RawResponse send(Request& request, const NextPolicy& next, const Context& context) const override;
};

/** Sets User-Agent: "[applicationId ]kvbridge/<version> (<os> <arch>)". */
class UserAgentPolicy final : public Policy {
public:
    explicit UserAgentPolicy(const std::string& applicationId);
    RawResponse send(Request& request, const NextPolicy& next, const Context& context) const override;
    const std::string& userAgent() const noexcept { return userAgent_; }

private:
    std::string userAgent_;
};

/** Time source for the retry policy; tests inject a fake one so nothing really sleeps. */
struct RetryClock {
    std::function<std::chrono::steady_clock::time_point()> now;
    /** Wait @p delay unless @p context ends first (then throw OperationCancelled). */
    std::function<void(std::chrono::milliseconds delay, const Context& context)> sleep;
    /** Jitter factor in [kMinJitter, kMaxJitter]. */
    std::function<double()> jitter;
    static constexpr double kMinJitter = 0.8;
    static constexpr double kMaxJitter = 1.2;
    static RetryClock system();
};

/**
 * While alive, on this thread: a POST, PUT or PATCH to a URL starting with @p urlPrefix that
 * fails in transport (timeout, reset, cut-off reply) is not retried by RetryPolicy, since the
 * service may have carried it out and a replay would write a second version. The caller decides
 * (the migration looks in the vault before writing again). Scopes nest.
 */
class NoReplayScope {
public:
    explicit NoReplayScope(std::string urlPrefix);
    ~NoReplayScope();
    NoReplayScope(const NoReplayScope&) = delete;
    NoReplayScope& operator=(const NoReplayScope&) = delete;
    /** True when @p request is a write under the innermost scope of this thread. */
    static bool covers(const Request& request);

private:
    std::string previous_;
};

/** Retries transport failures and retryable statuses with backoff; honours Retry-After forms. */
class RetryPolicy final : public Policy {
public:
    explicit RetryPolicy(RetryOptions options, RetryClock clock = RetryClock::system());
    RawResponse send(Request& request, const NextPolicy& next, const Context& context) const override;

    /** The server's requested delay from retry-after-ms, x-ms-retry-after-ms or Retry-After. */
    static std::optional<std::chrono::milliseconds> serverDelay(const Headers& headers,
                                                                std::chrono::system_clock::time_point now);
    /** Backoff before retry number @p attempt (0-based), before jitter. */
    std::chrono::milliseconds backoff(int attempt) const;
    /**
     * The longest a call may run through this policy when one try takes at most @p perTry:
     * every try with the longest jittered backoff between them, or totalTimeout plus the last
     * try when that is shorter. Pauses a server asks for (Retry-After) are bounded only by
     * totalTimeout.
     */
    std::chrono::milliseconds longestCall(std::chrono::milliseconds perTry) const;

private:
    RetryOptions options_;
    RetryClock clock_;
};

/** Logs one line per request and per response, values redacted unless allowed; never bodies. */
class LogPolicy final : public Policy {
public:
    LogPolicy(std::vector<std::string> extraHeaders, std::vector<std::string> extraQuery);
    RawResponse send(Request& request, const NextPolicy& next, const Context& context) const override;

    /** @p url with every query value not on the allow-list replaced by REDACTED. */
    std::string redactUrl(std::string_view url) const;
    /** "name: value" lines with values not on the allow-list replaced by REDACTED. */
    std::string redactHeaders(const Headers& headers) const;

private:
    bool headerAllowed(std::string_view name) const;
    bool queryAllowed(std::string_view name) const;
    std::vector<std::string> headers_;
    std::vector<std::string> query_;
};

/** A fresh UUID v4 for request ids: unique (per-thread generator seeded from OpenSSL), not secret. */
std::string newUuid();

} // namespace kvb::http::detail
