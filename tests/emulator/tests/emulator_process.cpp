// SPDX-License-Identifier: MIT
#include "emulator_process.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace emutest {

namespace {

std::size_t writeBody(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t writeHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * n);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        (*headers)[name] = value;
    }
    return size * n;
}

struct CurlInit {
    CurlInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlInit() { curl_global_cleanup(); }
};

} // namespace

std::string tempDir() {
    char tmpl[] = "/tmp/kvb-emu-test-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (dir == nullptr) throw std::runtime_error("mkdtemp failed");
    return dir;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& extraArgs) {
    static CurlInit curlInit;
    const char* exe = std::getenv("KVB_EMULATOR");
    if (exe == nullptr) throw std::runtime_error("KVB_EMULATOR is not set");
    dir_ = tempDir();
    caFile_ = dir_ + "/ca.pem";
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {exe, "--port", "0", "--ca-out", caFile_};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    readyLine_ = line;
    const std::string prefix = "kvbridge-emulator listening on https://127.0.0.1:";
    if (line.rfind(prefix, 0) != 0) {
        stop();
        throw std::runtime_error("emulator did not start: '" + line + "'");
    }
    port_ = std::atoi(line.c_str() + prefix.size());
}

EmulatorProcess::~EmulatorProcess() {
    stop();
}

int EmulatorProcess::stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Reply EmulatorProcess::request(const std::string& method, const std::string& url,
                               const std::vector<std::string>& headers, const std::string& body,
                               long timeoutMs) const {
    Reply reply;
    CURL* curl = curl_easy_init();
    const std::string connectTo = "::127.0.0.1:" + std::to_string(port_);
    curl_slist* connect = curl_slist_append(nullptr, connectTo.c_str());
    curl_slist* hdrs = nullptr;
    for (const auto& h : headers) hdrs = curl_slist_append(hdrs, h.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect);
    curl_easy_setopt(curl, CURLOPT_CAINFO, caFile_.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, writeHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    reply.curlCode = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(hdrs);
    curl_slist_free_all(connect);
    curl_easy_cleanup(curl);
    return reply;
}

Reply EmulatorProcess::control(const std::string& what, const std::string& json) const {
    return request("POST", "https://127.0.0.1:" + std::to_string(port_) + "/_emulator/" + what,
                   {"Content-Type: application/json"}, json);
}

Reply EmulatorProcess::controlGet(const std::string& what) const {
    return request("GET", "https://127.0.0.1:" + std::to_string(port_) + "/_emulator/" + what);
}

std::string EmulatorProcess::token(const std::string& scope) const {
    const Reply r = request(
        "POST", "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token",
        {"Content-Type: application/x-www-form-urlencoded"},
        "grant_type=client_credentials&client_id=aaaaaaaa-bbbb-cccc-dddd-000000000001"
        "&client_secret=emulator-client-secret&scope=" +
            scope);
    const std::string key = "\"access_token\":\"";
    const std::size_t at = r.body.find(key);
    if (r.status != 200 || at == std::string::npos) throw std::runtime_error("token request failed");
    const std::size_t start = at + key.size();
    return r.body.substr(start, r.body.find('"', start) - start);
}

EmulatorProcess& sharedEmulator() {
    static EmulatorProcess emulator;
    return emulator;
}

} // namespace emutest
