// SPDX-License-Identifier: MIT
#pragma once

// Test side: runs kvbridge-emulator as a child process and talks to it with plain libcurl over
// verified HTTPS (CA from --ca-out). Nothing from the library or the emulator sources is used.

#include <map>
#include <string>
#include <vector>

namespace emutest {

struct Reply {
    long status = 0;
    int curlCode = 0; // CURLcode; 0 when a response arrived
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

class EmulatorProcess {
public:
    // Starts the emulator from $KVB_EMULATOR with --port 0 plus extra arguments.
    explicit EmulatorProcess(const std::vector<std::string>& extraArgs = {});
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    // SIGTERM and wait; returns the exit status (or -1 when it did not exit normally).
    int stop();
    int port() const { return port_; }
    const std::string& caFile() const { return caFile_; }
    const std::string& readyLine() const { return readyLine_; }

    // url: "https://host/path?query"; the connection always goes to 127.0.0.1:port.
    Reply request(const std::string& method, const std::string& url,
                  const std::vector<std::string>& headers = {}, const std::string& body = "",
                  long timeoutMs = 10000) const;
    // POST a JSON body to https://127.0.0.1:port/_emulator/<what>.
    Reply control(const std::string& what, const std::string& json = "{}") const;
    Reply controlGet(const std::string& what) const;
    // Access token from the default client for a scope, e.g. "https://vault.azure.net/.default".
    std::string token(const std::string& scope) const;

private:
    int pid_ = -1;
    int port_ = 0;
    std::string dir_;
    std::string caFile_;
    std::string readyLine_;
};

// One emulator shared by a test program; tests call control("reset") first.
EmulatorProcess& sharedEmulator();

std::string tempDir();
std::string readText(const std::string& path);
void writeText(const std::string& path, const std::string& text);

} // namespace emutest
