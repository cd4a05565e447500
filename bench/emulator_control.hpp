// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <kvbridge/http/transport.hpp>

namespace kvb::bench {

/** @brief The emulator's control plane (https://127.0.0.1:<port>/_emulator/...), for seeding. */
class EmulatorControl {
public:
    EmulatorControl(int port, const std::string& caFile);
    /** @brief POST @p body to /_emulator/@p path; @throws std::runtime_error unless 2xx. */
    std::string post(std::string_view path, std::string_view body) const;
    /** @brief One integer of GET /_emulator/counters (0 when absent). */
    long counter(std::string_view name) const;

private:
    std::string send(bool get, std::string_view path, std::string_view body) const;
    std::string base_;
    std::shared_ptr<http::Transport> transport_;
};

} // namespace kvb::bench
