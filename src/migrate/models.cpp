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

const char* toText(KeyFileProblem problem) noexcept {
    switch (problem) {
    case KeyFileProblem::None: return "none";
    case KeyFileProblem::WrongPassword: return "wrong-password";
    case KeyFileProblem::Corrupt: return "corrupt";
    case KeyFileProblem::Unreadable: return "unreadable";
    case KeyFileProblem::Truncated: return "truncated";
    case KeyFileProblem::Duplicate: return "duplicate";
    }
    return "unknown";
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
