// SPDX-License-Identifier: MIT
// kvbridge-emulator: Entra ID, Key Vault and Batch on loopback HTTPS, for tests.

#include "emulator.hpp"
#include "secrets_log.hpp"
#include "tls_identity.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr std::size_t kMaxBody = 4 * 1024 * 1024;

struct Options {
    int port = -1;
    std::string caOut;
    std::string stateFile;
    std::string configFile;
    bool tlsExpired = false;
    std::string secretsLog;
};

void printHelp() {
    std::cout << "Usage: kvbridge-emulator --port PORT --ca-out FILE [--state FILE] [--config FILE]\n"
                 "                        [--tls-expired] [--secrets-log FILE]\n"
                 "\n"
                 "Local HTTPS stand-in for Entra ID, Azure Key Vault, Azure Batch and Resource Manager, on "
                 "127.0.0.1 "
                 "only.\n"
                 "  --port PORT     TCP port; 0 picks a free one\n"
                 "  --ca-out FILE   where to write the PEM of the CA that signs the server certificate\n"
                 "  --state FILE    load state from FILE at start (if it exists), save it there on exit\n"
                 "  --config FILE   JSON seeds and settings (see tests/emulator/README.md)\n"
                 "  --tls-expired   serve a server certificate that expired yesterday (trust tests)\n"
                 "  --secrets-log FILE  append every secret seen (tokens, secret values, keys) to FILE,\n"
                 "                  for secret-hygiene tests; FILE holds them in clear\n"
                 "\n"
                 "Defaults:\n"
                 "  tenant                    "
              << emu::EntraService::kDefaultTenant << "\n"
              << "  client id                 " << emu::EntraService::kDefaultClientId << "\n"
              << "  client secret             " << emu::EntraService::kDefaultClientSecret << "\n"
              << "  Batch account             " << emu::BatchService::kDefaultAccount << " (region "
              << emu::BatchService::kDefaultRegion << ")\n"
              << "  Batch account key         " << emu::BatchService::kDefaultKey << "\n"
              << "  App Service identity hdr  " << emu::EntraService::kIdentityHeader << "\n"
              << "  subscription (ARM)        " << emu::ArmService::kDefaultSubscription
              << ", Owner: the client id above\n"
              << "  vaults                    any name: <name>.vault.azure.net or "
                 "<name>.vault.localhost\n"
                 "\n"
                 "Prints 'kvbridge-emulator listening on https://127.0.0.1:<port>' when ready; stops on\n"
                 "SIGTERM or SIGINT.\n";
}

bool parseArgs(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            printHelp();
            std::exit(0);
        }
        if (a == "--tls-expired") {
            o.tlsExpired = true;
            continue;
        }
        if (i + 1 >= argc) return false;
        const std::string v = argv[++i];
        if (a == "--port") {
            char* end = nullptr;
            const long p = std::strtol(v.c_str(), &end, 10);
            if (*end != '\0' || p < 0 || p > 65535) return false;
            o.port = static_cast<int>(p);
        } else if (a == "--ca-out") {
            o.caOut = v;
        } else if (a == "--state") {
            o.stateFile = v;
        } else if (a == "--config") {
            o.configFile = v;
        } else if (a == "--secrets-log") {
            o.secretsLog = v;
        } else {
            return false;
        }
    }
    return o.port >= 0 && !o.caOut.empty();
}

bool readFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

bool writeFile(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << text;
        if (!out.flush()) return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

emu::HttpRequest toRequest(const httplib::Request& req) {
    emu::HttpRequest r;
    r.method = req.method;
    r.path = req.path;
    r.rawPath = req.target.substr(0, req.target.find('?'));
    for (const auto& [k, v] : req.params) r.query.emplace(k, v);
    for (const auto& [k, v] : req.headers) r.headers.emplace(k, v);
    r.body = req.body;
    const std::string host = req.get_header_value("Host");
    r.baseUrl = "https://" + host;
    std::string bare = host.substr(0, host.rfind(':') == std::string::npos ? host.size() : host.rfind(':'));
    for (char& c : bare) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.host = bare;
    return r;
}

void applyReply(const emu::HttpReply& reply, httplib::Response& res) {
    res.status = reply.status;
    for (const auto& [k, v] : reply.headers) res.set_header(k, v);
    if (!reply.body.empty() || !reply.contentType.empty()) {
        res.set_content(reply.body, reply.contentType.empty() ? "application/json" : reply.contentType);
    }
}

void resetConnection(const httplib::Request& req) {
    if (req.ssl == nullptr) return;
    const int fd = SSL_get_fd(req.ssl);
    if (fd < 0) return;
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    shutdown(fd, SHUT_RDWR);
}

} // namespace

int main(int argc, char** argv) {
    Options opts;
    if (!parseArgs(argc, argv, opts)) {
        std::cerr << "kvbridge-emulator: bad arguments (try --help)\n";
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::unique_ptr<emu::Emulator> emulator;
    emu::TlsIdentity tls;
    try {
        std::string config;
        if (!opts.configFile.empty() && !readFile(opts.configFile, config)) {
            std::cerr << "kvbridge-emulator: cannot read " << opts.configFile << "\n";
            return 2;
        }
        emulator = std::make_unique<emu::Emulator>(config);
        std::string state;
        if (!opts.stateFile.empty() && readFile(opts.stateFile, state)) emulator->loadState(state);
        tls = emu::makeTlsIdentity(emulator->serverNames(), opts.tlsExpired);
    } catch (const std::exception& e) {
        std::cerr << "kvbridge-emulator: " << e.what() << "\n";
        return 2;
    }
    if (!writeFile(opts.caOut, tls.caPem)) {
        std::cerr << "kvbridge-emulator: cannot write " << opts.caOut << "\n";
        return 2;
    }

    httplib::SSLServer server(tls.serverCert.get(), tls.serverKey.get());
    if (!server.is_valid()) {
        std::cerr << "kvbridge-emulator: TLS setup failed\n";
        return 1;
    }
    server.set_payload_max_length(kMaxBody);
    // Clients keep connections alive (the library's transport pools them): serve many requests per
    // connection, and enough workers that idle keep-alive connections never starve new ones.
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(30);
    // Replies go out at once: without this, Nagle and delayed ACKs add ~40 ms to every call.
    server.set_tcp_nodelay(true);
    server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    std::unique_ptr<emu::SecretsLog> secretsLog;
    if (!opts.secretsLog.empty()) secretsLog = std::make_unique<emu::SecretsLog>(opts.secretsLog);
    auto handler = [&emulator, &secretsLog](const httplib::Request& req, httplib::Response& res) {
        emu::Outcome out;
        const emu::HttpRequest request = toRequest(req);
        try {
            out = emulator->dispatch(request);
        } catch (const std::exception&) {
            out.reply = emulator->serviceError(request, 500, "InternalError",
                                               "The emulator failed to process the request.");
        }
        if (secretsLog) secretsLog->observe(request, out.reply);
        if (out.transportFault == emu::FaultKind::Reset) {
            resetConnection(req);
            res.status = 500;
            return;
        }
        if (out.transportFault == emu::FaultKind::Truncate) {
            const std::string body = out.reply.body;
            res.status = 200;
            res.set_content_provider(body.size() + 64, "application/json",
                                     [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                         if (offset >= body.size()) return false;
                                         sink.write(body.data() + offset, body.size() - offset);
                                         return true;
                                     });
            return;
        }
        applyReply(out.reply, res);
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Put(".*", handler);
    server.Patch(".*", handler);
    server.Delete(".*", handler);
    server.Options(".*", handler);
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&emulator](const httplib::Request& req, httplib::Response& res) {
            if (res.status != 413 || !res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            applyReply(emulator->serviceError(toRequest(req), 413, "RequestBodyTooLarge",
                                              "The request body is larger than 4 MiB."),
                       res);
            return httplib::Server::HandlerResponse::Handled;
        }));

    int port = opts.port;
    if (port == 0) {
        port = server.bind_to_any_port("127.0.0.1");
        if (port < 0) port = -1;
    } else if (!server.bind_to_port("127.0.0.1", port)) {
        port = -1;
    }
    if (port <= 0) {
        std::cerr << "kvbridge-emulator: cannot listen on 127.0.0.1:" << opts.port << "\n";
        return 1;
    }

    std::thread signalThread([&server, stopSignals]() {
        int sig = 0;
        sigwait(&stopSignals, &sig);
        server.stop();
    });
    std::cout << "kvbridge-emulator listening on https://127.0.0.1:" << port << std::endl;
    const bool listened = server.listen_after_bind();
    if (!listened && server.is_running()) server.stop();
    kill(getpid(), SIGTERM); // wakes the signal thread if listening ended for another reason
    signalThread.join();

    if (!opts.stateFile.empty() && !writeFile(opts.stateFile, emulator->saveState())) {
        std::cerr << "kvbridge-emulator: cannot save state to " << opts.stateFile << "\n";
        return 1;
    }
    return 0;
}
