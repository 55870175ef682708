// One-time enrolment codes (docs/sync-api.md, "Enrolment"): 10 characters of
// the dossier-code alphabet (no 0/O, 1/I), shown "ABCDE-FGHJK", typed in any
// case with or without the dash or spaces.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::sync {

inline constexpr size_t kEnrolmentCodeLength = 10;

std::string NewEnrolmentCode();                               // canonical, from randombytes
std::string FormatEnrolmentCode(std::string_view canonical);  // "ABCDE-FGHJK"
// Errors: kInvalidInput ("an enrolment code has 10 letters and digits").
Result<std::string> ParseEnrolmentCode(std::string_view typed);

}  // namespace dvc::sync
