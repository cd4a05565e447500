// SPDX-License-Identifier: MIT
#pragma once

// Progress of a migration on stderr: a redrawn bar with counts and rate on a terminal, one plain
// line per certificate otherwise.

#include <kvbridge/migrate/migrator.hpp>

#include <chrono>
#include <cstdio>

namespace kvbcli {

class ProgressDisplay {
public:
    explicit ProgressDisplay(std::FILE* out);
    void update(const kvb::migrate::Progress& p);
    /** End the bar's line (terminal only). */
    void finish();

private:
    std::FILE* out_;
    bool tty_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
};

} // namespace kvbcli
