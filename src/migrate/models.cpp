// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/models.hpp>

#include <array>
#include <utility>

namespace kvb::migrate {

namespace {
constexpr std::array<std::pair<PlanAction, const char*>, 7> kActions = {{
    {PlanAction::Import, "import"},
    {PlanAction::AlreadyPresent, "already-present"},
    {PlanAction::StorePublicAsSecret, "store-public-as-secret"},
    {PlanAction::MissingKeyMaterial, "missing-key-material"},
    {PlanAction::PasswordWrong, "password-wrong"},
    {PlanAction::ThumbprintMismatch, "thumbprint-mismatch"},
    {PlanAction::NameConflict, "name-conflict"},
}};
} // namespace

const char* toText(PlanAction action) noexcept {
    for (const auto& [a, text] : kActions) {
        if (a == action) return text;
    }
    return "unknown";
}

std::optional<PlanAction> planActionFromString(const std::string& text) {
    for (const auto& [a, name] : kActions) {
        if (text == name) return a;
    }
    return std::nullopt;
}

const char* toText(ReferenceKind kind) noexcept {
    return kind == ReferenceKind::Pool ? "pool" : "jobschedule";
}

const char* toText(StepResult result) noexcept {
    switch (result) {
    case StepResult::Planned: return "planned";
    case StepResult::Succeeded: return "succeeded";
    case StepResult::Skipped: return "skipped";
    case StepResult::Failed: return "failed";
    }
    return "unknown";
}

} // namespace kvb::migrate
