// SPDX-License-Identifier: MIT
#include <kvbridge/identity/azure_cli_credential.hpp>

#include <kvbridge/error.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/json.hpp"
#include "core/time_format.hpp"
#include "identity/token_cache.hpp"
#include "identity/token_request.hpp"

extern char** environ;

namespace kvb::identity {

namespace {

constexpr const char* kCliWho = "AzureCliCredential";

struct Output {
    std::string out;
    std::string err;
    int status = -1;
};

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Runs @p argv without a shell; gives up (and kills it) after @p timeout or when @p context ends.
Output run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, const Context& context) {
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        closeFd(out[0]);
        closeFd(out[1]);
        throw AuthenticationError(std::string(kCliWho) + ": cannot create a pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    closeFd(out[1]);
    closeFd(err[1]);
    if (rc != 0) {
        closeFd(out[0]);
        closeFd(err[0]);
        if (rc == ENOENT)
            throw AuthenticationError(std::string(kCliWho) + ": the Azure CLI ('" + argv[0] +
                                      "') is not installed or not on PATH");
        throw AuthenticationError(std::string(kCliWho) + ": cannot start '" + argv[0] +
                                  "': " + std::strerror(rc));
    }
    Output result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool timedOut = false;
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || context.isCancelled()) {
            timedOut = true;
            break;
        }
        const int n = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 100)));
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[4096];
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got <= 0) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
            } else {
                (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(got));
            }
        }
    }
    closeFd(fds[0].fd);
    closeFd(fds[1].fd);
    if (timedOut) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timedOut) {
        secureWipe(result.out);
        context.throwIfCancelled();
        throw AuthenticationError(std::string(kCliWho) + ": the Azure CLI did not answer within " +
                                  std::to_string(timeout.count()) + " ms");
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// "2026-11-28 23:00:00.000000" in local time (what older CLIs print as expiresOn).
std::optional<std::chrono::system_clock::time_point> parseLocalTime(const std::string& text) {
    std::tm tm{};
    if (!::strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &tm)) return std::nullopt;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return kvb::detail::fromUnixSeconds(t);
}

// First line of the CLI's complaint, minus anything after "ERROR: " noise; never stdout.
std::string complaint(const std::string& err) {
    std::string line = err.substr(0, err.find('\n'));
    if (line.size() > 300) line.resize(300);
    return line;
}

AccessToken parseCliOutput(std::string& out) {
    rapidjson::Document doc;
    doc.Parse(out.data(), out.size());
    secureWipe(out);
    if (doc.HasParseError() || !doc.IsObject())
        throw AuthenticationError(std::string(kCliWho) + ": the Azure CLI output is not JSON");
    auto* token = kvb::detail::findMember(doc, "accessToken");
    if (!token || !token->IsString() || token->GetStringLength() == 0)
        throw AuthenticationError(std::string(kCliWho) + ": the Azure CLI output has no accessToken");
    AccessToken result;
    result.token = SecretString(std::string_view(token->GetString(), token->GetStringLength()));
    secureWipe(const_cast<char*>(token->GetString()), token->GetStringLength());
    if (auto on = kvb::detail::optInt(doc, "expires_on")) {
        result.expiresOn = kvb::detail::fromUnixSeconds(*on);
    } else if (auto text = kvb::detail::optString(doc, "expiresOn"); text && parseLocalTime(*text)) {
        result.expiresOn = *parseLocalTime(*text);
    } else {
        throw AuthenticationError(std::string(kCliWho) + ": the Azure CLI output has no readable expiry");
    }
    return result;
}

} // namespace

struct AzureCliCredential::Impl {
    AzureCliCredentialOptions options;
    TokenCache cache;

    AccessToken fetch(const TokenRequestContext& request, const Context& context) const {
        if (request.scopes.size() != 1 || request.scopes.front().empty() || request.scopes.front()[0] == '-')
            throw InvalidArgument(std::string(kCliWho) +
                                  ": exactly one scope (not starting with '-') is required");
        std::vector<std::string> argv = {
            options.executable,    "account", "get-access-token", "--output", "json", "--scope",
            request.scopes.front()};
        const std::string tenant = request.tenantId.empty() ? options.tenantId : request.tenantId;
        if (!tenant.empty()) {
            checkTenantId(tenant);
            argv.insert(argv.end(), {"--tenant", tenant});
        }
        Output output = run(argv, options.timeout, context);
        if (output.status != 0) {
            secureWipe(output.out);
            throw AuthenticationError(
                std::string(kCliWho) + ": az exited with status " + std::to_string(output.status) +
                (output.err.empty() ? "" : ": " + complaint(output.err)) + " (run 'az login' first)");
        }
        return parseCliOutput(output.out);
    }
};

AzureCliCredential::AzureCliCredential(AzureCliCredentialOptions options) : impl_(std::make_unique<Impl>()) {
    if (!options.tenantId.empty()) checkTenantId(options.tenantId);
    if (options.executable.empty()) throw InvalidArgument("AzureCliCredential: the executable is empty");
    impl_->options = std::move(options);
}

AzureCliCredential::~AzureCliCredential() = default;

AccessToken AzureCliCredential::getToken(const TokenRequestContext& request, const Context& context) const {
    return impl_->cache.get(
        request, [this](const TokenRequestContext& r, const Context& c) { return impl_->fetch(r, c); },
        context);
}

std::string AzureCliCredential::name() const {
    return kCliWho;
}

} // namespace kvb::identity
