// SPDX-License-Identifier: MIT
#include "spec_examples.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_files.hpp"

namespace kvb::test {

namespace {
std::filesystem::path examplesDir() {
    return specsDir() / "batch" / "2024-07-01.20.0" / "examples";
}
} // namespace

rapidjson::Document readBatchExample(const std::string& file) {
    std::ifstream in(examplesDir() / file);
    if (!in) throw std::runtime_error("missing example " + file);
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.HasParseError()) throw std::runtime_error("malformed example " + file);
    return doc;
}

std::vector<std::string> batchExamples(const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(examplesDir())) {
        auto name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    if (out.empty()) throw std::runtime_error("no example starts with " + prefix);
    return out;
}

} // namespace kvb::test
