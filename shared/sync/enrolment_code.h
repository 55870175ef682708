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

// A fresh canonical code: 10 characters drawn uniformly (randombytes_uniform)
// from dossier::kCodeAlphabet, about 50 bits.
std::string NewEnrolmentCode();
// "ABCDE-FGHJK" for display. REQUIRES a canonical code; any other text comes
// back unchanged.
std::string FormatEnrolmentCode(std::string_view canonical);
// The canonical code for what a person typed: ASCII letters in either case,
// with dashes and spaces anywhere ignored. Nothing else is mapped (no 0->O or
// 1->I guess: a wrong guess would spend someone else's code).
// Errors: kInvalidInput ("an enrolment code has 10 letters and digits, ...").
Result<std::string> ParseEnrolmentCode(std::string_view typed);

}  // namespace dvc::sync
