// SPDX-License-Identifier: MIT
#include "progress_display.hpp"

#include <string>

#include <unistd.h>

namespace kvbcli {

ProgressDisplay::ProgressDisplay(std::FILE* out)
    : out_(out), tty_(isatty(fileno(out)) != 0), start_(std::chrono::steady_clock::now()) {}

void ProgressDisplay::update(const kvb::migrate::Progress& p) {
    if (!tty_) {
        std::fprintf(out_, "[%zu/%zu] %s %s\n", p.done, p.total, p.thumbprint.c_str(),
                     kvb::migrate::toText(p.result));
        std::fflush(out_);
        drawn_ = true;
        return;
    }
    drawBar(p);
}

void ProgressDisplay::drawBar(const kvb::migrate::Progress& p) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.succeeded + p.failed + p.skipped) / seconds : 0.0;
    constexpr int kWidth = 30;
    const int filled = p.total == 0 ? kWidth : static_cast<int>(kWidth * p.done / p.total);
    const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                            std::string(static_cast<std::size_t>(kWidth - filled), '-');
    std::fprintf(out_, "\r[%s] %zu/%zu  ok %zu  failed %zu  skipped %zu  %.1f/s ", bar.c_str(), p.done,
                 p.total, p.succeeded, p.failed, p.skipped, rate);
    std::fflush(out_);
    drawn_ = true;
}

void ProgressDisplay::finish(const kvb::migrate::MigrationReport& report) {
    using kvb::migrate::StepResult;
    if (!drawn_ && !report.certificates.empty()) {
        // Nothing needed a write (a rerun with nothing left to do, a dry run): the library made
        // no progress call, but where the run stands is still worth a line.
        kvb::migrate::Progress p;
        p.total = p.done = report.certificates.size();
        p.succeeded = report.count(StepResult::Succeeded);
        p.failed = report.count(StepResult::Failed);
        p.skipped = report.count(StepResult::Skipped);
        if (tty_) {
            drawBar(p);
        } else {
            std::fprintf(
                out_, "[%zu/%zu] nothing to write: %zu succeeded, %zu skipped, %zu failed, %zu planned\n",
                p.done, p.total, p.succeeded, p.skipped, p.failed, report.count(StepResult::Planned));
        }
    }
    if (tty_ && drawn_) std::fputc('\n', out_);
    std::fflush(out_);
}

} // namespace kvbcli
