// SPDX-License-Identifier: MIT
#include "core/input_file.hpp"

#include <kvbridge/error.hpp>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kvb::detail {

namespace fs = std::filesystem;

namespace {

class Fd {
public:
    explicit Fd(int fd) noexcept : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const noexcept { return fd_; }

private:
    int fd_;
};

std::string cannotRead(int error) {
    return std::string("cannot be read: ") + std::strerror(error);
}

// Opened without blocking: a FIFO swapped in after the type check must not hang the run.
int openForReading(const fs::path& path) {
    return ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
}

} // namespace

std::string unreadableFileReason(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
        std::error_code linkEc;
        if (fs::is_symlink(fs::symlink_status(path, linkEc))) return "is a dangling symbolic link";
        if (ec && ec != std::errc::no_such_file_or_directory) return cannotRead(ec.value());
        return "does not exist";
    }
    if (fs::is_directory(status)) return "is a directory, not a file";
    if (!fs::is_regular_file(status)) return "is not a regular file (a FIFO, socket or device)";
    const Fd fd(openForReading(path));
    if (fd.get() < 0) return cannotRead(errno);
    return {};
}

FileContent readRegularFile(const fs::path& path) {
    FileContent out;
    out.problem = unreadableFileReason(path);
    if (!out.problem.empty()) return out;
    const Fd fd(openForReading(path));
    if (fd.get() < 0) {
        out.problem = cannotRead(errno);
        return out;
    }
    struct stat info {};
    // Sized from fstat (one byte more, to see the end without growing) so that no reallocation
    // leaves unwiped copies of a key behind.
    std::vector<std::uint8_t> bytes(
        (::fstat(fd.get(), &info) == 0 && info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0) + 1);
    std::size_t have = 0;
    for (;;) {
        if (have == bytes.size()) {
            // The file grew (or fstat knew no size): read on, wiping the old buffer when it moves.
            std::vector<std::uint8_t> bigger(bytes.size() + 4096);
            std::memcpy(bigger.data(), bytes.data(), have);
            secureWipe(bytes.data(), bytes.size());
            bytes.swap(bigger);
        }
        const ssize_t n = ::read(fd.get(), bytes.data() + have, bytes.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            secureWipe(bytes.data(), bytes.size());
            out.problem = cannotRead(errno);
            return out;
        }
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    std::vector<std::uint8_t> exact(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(have));
    secureWipe(bytes.data(), bytes.size());
    out.bytes = SecretBytes(std::move(exact));
    return out;
}

SecretBytes readInputFile(const fs::path& path, std::string_view what) {
    FileContent content = readRegularFile(path);
    if (!content.problem.empty())
        throw InvalidArgument(std::string(what) + " " + path.string() + " " + content.problem);
    return std::move(content.bytes);
}

std::string unwritablePathReason(const fs::path& path, bool folder) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::exists(status)) {
        if (folder && !fs::is_directory(status)) return "is not a folder";
        if (!folder && !fs::is_regular_file(status))
            return fs::is_directory(status) ? "is a directory, not a file" : "is not a regular file";
        const int mode = folder ? (W_OK | X_OK) : (R_OK | W_OK);
        if (::access(path.c_str(), mode) != 0)
            return std::string("cannot be written: ") + std::strerror(errno);
        return {};
    }
    // Not there yet: it is made inside the nearest folder that exists.
    fs::path ancestor = fs::absolute(path, ec).parent_path();
    while (!ancestor.empty() && !fs::exists(fs::status(ancestor, ec))) {
        if (ancestor == ancestor.parent_path()) break;
        ancestor = ancestor.parent_path();
    }
    if (!fs::is_directory(fs::status(ancestor, ec)))
        return "cannot be created: " + ancestor.string() + " is not a folder";
    if (::access(ancestor.c_str(), W_OK | X_OK) != 0)
        return "cannot be created in " + ancestor.string() + ": " + std::strerror(errno);
    return {};
}

std::string_view withoutUtf8Bom(std::string_view text) noexcept {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    return text;
}

} // namespace kvb::detail
