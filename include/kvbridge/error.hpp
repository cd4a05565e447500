// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file error.hpp
 * @brief The exceptions every kvbridge call may throw.
 *
 * All derive from kvb::Error. what() never holds a secret, a token, a header value or a body.
 */

#include <kvbridge/export.hpp>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace kvb {

/** @brief Stable category of an error; each maps to one kvb_status in the C ABI. */
enum class ErrorKind {
    InvalidArgument,
    Transport,
    Service,
    NotFound,
    Conflict,
    Throttled,
    CertificateRetired,
    Authentication,
    Parse,
    Crypto,
    Cancelled,
    Timeout,
};

/** @brief Base of every kvbridge exception. */
class KVB_EXPORT Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
    /** @brief Category, for callers that switch rather than catch. */
    virtual ErrorKind kind() const noexcept = 0;
};

/** @brief A public argument was wrong; nothing was sent. */
class KVB_EXPORT InvalidArgument : public Error {
public:
    using Error::Error;
    ErrorKind kind() const noexcept override { return ErrorKind::InvalidArgument; }
};

/** @brief A response body or a document could not be read (malformed JSON, missing field). */
class KVB_EXPORT ParseError : public Error {
public:
    using Error::Error;
    ErrorKind kind() const noexcept override { return ErrorKind::Parse; }
};

/** @brief Key material could not be used: wrong password, bad PFX/PEM, thumbprint mismatch. */
class KVB_EXPORT CryptoError : public Error {
public:
    using Error::Error;
    ErrorKind kind() const noexcept override { return ErrorKind::Crypto; }
};

/** @brief The caller's Context was cancelled or its deadline passed. */
class KVB_EXPORT OperationCancelled : public Error {
public:
    using Error::Error;
    ErrorKind kind() const noexcept override { return ErrorKind::Cancelled; }
};

/**
 * @brief A wait for a long-running operation ran past its timeout (PollOptions::timeout). The
 * operation itself goes on at the service: poll it again, or resume it, to wait longer.
 */
class KVB_EXPORT OperationTimeoutError : public Error {
public:
    /**
     * @param[in] operation  what was waited for, e.g. "creation of certificate 'web'".
     * @param[in] waited     how long this wait lasted.
     * @param[in] polls      how many times the service was asked during it.
     */
    OperationTimeoutError(const std::string& operation, std::chrono::milliseconds waited, int polls);
    ErrorKind kind() const noexcept override { return ErrorKind::Timeout; }
    /** @brief How long the wait lasted before it gave up. */
    std::chrono::milliseconds waited() const noexcept { return waited_; }
    /** @brief How many polls the wait made. */
    int polls() const noexcept { return polls_; }

private:
    std::chrono::milliseconds waited_;
    int polls_;
};

/** @brief Details of a failed HTTP exchange, as the service reported them. */
struct ServiceErrorInfo {
    int httpStatus = 0;                        ///< HTTP status code of the response.
    std::string serviceCode;                   ///< e.g. "SecretNotFound", "CertificateRetired".
    std::string message;                       ///< The service's message (never contains our secrets).
    std::string requestId;                     ///< x-ms-request-id / request-id of the response.
    std::string clientRequestId;               ///< x-ms-client-request-id / client-request-id we sent.
    std::map<std::string, std::string> values; ///< Batch "values" details; Key Vault innererror code.
};

/** @brief The service answered with a status the operation does not accept. */
class KVB_EXPORT ServiceError : public Error {
public:
    explicit ServiceError(ServiceErrorInfo info);
    ErrorKind kind() const noexcept override { return ErrorKind::Service; }
    int httpStatus() const noexcept { return info_.httpStatus; }
    const std::string& serviceCode() const noexcept { return info_.serviceCode; }
    const std::string& serviceMessage() const noexcept { return info_.message; }
    const std::string& requestId() const noexcept { return info_.requestId; }
    const std::string& clientRequestId() const noexcept { return info_.clientRequestId; }
    const ServiceErrorInfo& info() const noexcept { return info_; }

private:
    ServiceErrorInfo info_;
};

/** @brief 404. */
class KVB_EXPORT NotFoundError : public ServiceError {
public:
    using ServiceError::ServiceError;
    ErrorKind kind() const noexcept override { return ErrorKind::NotFound; }
};

/** @brief 409 (e.g. ObjectIsDeletedButRecoverable). */
class KVB_EXPORT ConflictError : public ServiceError {
public:
    using ServiceError::ServiceError;
    ErrorKind kind() const noexcept override { return ErrorKind::Conflict; }
};

/** @brief 429 after all retries. */
class KVB_EXPORT ThrottledError : public ServiceError {
public:
    using ServiceError::ServiceError;
    ErrorKind kind() const noexcept override { return ErrorKind::Throttled; }
};

/** @brief Batch answered 400 CertificateRetired: the certificate API is gone for this account. */
class KVB_EXPORT CertificateRetiredError : public ServiceError {
public:
    using ServiceError::ServiceError;
    ErrorKind kind() const noexcept override { return ErrorKind::CertificateRetired; }
};

/**
 * @brief Build the right ServiceError subclass for @p info and throw it.
 * @throws NotFoundError, ConflictError, ThrottledError, CertificateRetiredError or ServiceError.
 */
[[noreturn]] KVB_EXPORT void throwServiceError(ServiceErrorInfo info);

namespace http {
/** @brief No HTTP response was received (DNS, connect, TLS, timeout, reset). */
class KVB_EXPORT TransportError : public Error {
public:
    TransportError(const std::string& message, int curlCode);
    ErrorKind kind() const noexcept override { return ErrorKind::Transport; }
    /** @brief libcurl's CURLcode, or 0 when not from libcurl. */
    int curlCode() const noexcept { return curlCode_; }

private:
    int curlCode_;
};
} // namespace http

namespace identity {
/** @brief A token could not be obtained, or a challenge was refused. */
class KVB_EXPORT AuthenticationError : public Error {
public:
    using Error::Error;
    ErrorKind kind() const noexcept override { return ErrorKind::Authentication; }
};
} // namespace identity

} // namespace kvb
