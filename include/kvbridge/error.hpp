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
    InvalidArgument,    ///< InvalidArgument: the call was refused before anything was sent.
    Transport,          ///< http::TransportError: no HTTP response arrived.
    Service,            ///< ServiceError with a status that has no subclass of its own.
    NotFound,           ///< NotFoundError (404).
    Conflict,           ///< ConflictError (409).
    Throttled,          ///< ThrottledError (429 once the retries are spent).
    CertificateRetired, ///< CertificateRetiredError (Batch's certificate API is gone).
    Authentication,     ///< identity::AuthenticationError: no token, or a refused challenge.
    Parse,              ///< ParseError: a body or document that cannot be read.
    Crypto,             ///< CryptoError: key material that cannot be used.
    Cancelled,          ///< OperationCancelled: the Context was cancelled or ran out of time.
    Timeout,            ///< OperationTimeoutError: a poller's wait ran past its timeout.
};

/** @brief Base of every kvbridge exception. */
class KVB_EXPORT Error : public std::runtime_error {
public:
    /**
     * @brief Makes an error whose what() is @p message.
     * @param[in] message  what went wrong, naming the argument, file or endpoint at fault; never
     *                     a secret.
     */
    explicit Error(const std::string& message);
    /**
     * @brief The category, for callers that switch rather than catch.
     * @return The ErrorKind of the most derived class.
     */
    virtual ErrorKind kind() const noexcept = 0;
};

/** @brief A public argument was wrong; nothing was sent. */
class KVB_EXPORT InvalidArgument : public Error {
public:
    using Error::Error;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::InvalidArgument; }
};

/** @brief A response body or a document could not be read (malformed JSON, missing field). */
class KVB_EXPORT ParseError : public Error {
public:
    using Error::Error;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::Parse; }
};

/** @brief Key material could not be used: wrong password, bad PFX/PEM, thumbprint mismatch. */
class KVB_EXPORT CryptoError : public Error {
public:
    using Error::Error;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::Crypto; }
};

/** @brief The caller's Context was cancelled or its deadline passed. */
class KVB_EXPORT OperationCancelled : public Error {
public:
    using Error::Error;
    /** @return The category of this error (see Error::kind()). */
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
    /** @return ErrorKind::Timeout. */
    ErrorKind kind() const noexcept override { return ErrorKind::Timeout; }
    /** @return How long the wait lasted before it gave up. */
    std::chrono::milliseconds waited() const noexcept { return waited_; }
    /** @return How many times the service was polled during the wait. */
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
    /**
     * @brief Makes the error; what() gives the status, the service's code and message and the
     * request id (never the body or a header value).
     * @param[in] info  what the service answered. throwServiceError() picks the subclass.
     */
    explicit ServiceError(ServiceErrorInfo info);
    /** @return ErrorKind::Service; the subclasses return their own kind. */
    ErrorKind kind() const noexcept override { return ErrorKind::Service; }
    /** @return The HTTP status of the failed response, e.g. 403. */
    int httpStatus() const noexcept { return info_.httpStatus; }
    /** @return The service's error code ("Forbidden", "SecretNotFound"); empty if it sent none. */
    const std::string& serviceCode() const noexcept { return info_.serviceCode; }
    /** @return The service's own message; empty if it sent none. */
    const std::string& serviceMessage() const noexcept { return info_.message; }
    /** @return The request id the service gave the response, for a support case. */
    const std::string& requestId() const noexcept { return info_.requestId; }
    /** @return The client request id this library sent with the request. */
    const std::string& clientRequestId() const noexcept { return info_.clientRequestId; }
    /** @return Everything above in one struct, with the Batch details (ServiceErrorInfo::values). */
    const ServiceErrorInfo& info() const noexcept { return info_; }

private:
    ServiceErrorInfo info_;
};

/** @brief The service answered 404: the named object (or its vault, pool, account) does not exist. */
class KVB_EXPORT NotFoundError : public ServiceError {
public:
    using ServiceError::ServiceError;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::NotFound; }
};

/**
 * @brief The service answered 409: the object is in a state that forbids the call, e.g.
 * ObjectIsDeletedButRecoverable when a soft-deleted name is reused.
 */
class KVB_EXPORT ConflictError : public ServiceError {
public:
    using ServiceError::ServiceError;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::Conflict; }
};

/** @brief The service still answered 429 (too many requests) once every retry was spent. */
class KVB_EXPORT ThrottledError : public ServiceError {
public:
    using ServiceError::ServiceError;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::Throttled; }
};

/** @brief Batch answered 400 CertificateRetired: the certificate API is gone for this account. */
class KVB_EXPORT CertificateRetiredError : public ServiceError {
public:
    using ServiceError::ServiceError;
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::CertificateRetired; }
};

/**
 * @brief Build the right ServiceError subclass for @p info and throw it.
 * @param[in] info  the failed response as the service described it.
 * @throws CertificateRetiredError for the service code CertificateRetired; else NotFoundError
 *         (404), ConflictError (409), ThrottledError (429) or ServiceError.
 */
[[noreturn]] KVB_EXPORT void throwServiceError(ServiceErrorInfo info);

namespace http {
/** @brief No HTTP response was received (DNS, connect, TLS, timeout, reset). */
class KVB_EXPORT TransportError : public Error {
public:
    /**
     * @brief Makes the error.
     * @param[in] message   what failed, naming the endpoint as scheme://host:port.
     * @param[in] curlCode  libcurl's CURLcode, or 0 when the failure did not come from libcurl.
     */
    TransportError(const std::string& message, int curlCode);
    /** @return ErrorKind::Transport. */
    ErrorKind kind() const noexcept override { return ErrorKind::Transport; }
    /** @return libcurl's CURLcode, or 0 when not from libcurl. */
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
    /** @return The category of this error (see Error::kind()). */
    ErrorKind kind() const noexcept override { return ErrorKind::Authentication; }
};
} // namespace identity

} // namespace kvb
