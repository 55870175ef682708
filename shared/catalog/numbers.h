// Numbers as Vietnamese residents write and read them: a dot groups
// thousands, a comma is the decimal mark ("1.500.000", "2,5"). Messages show
// bounds this way, so what a resident types back must be read the same way.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/bilingual.h"

namespace dvc::catalog {

// `x` written the Vietnamese way: "1.500.000", "-3", "2,5", "1.234,75" (the
// shortest decimals that read back as `x`). Values of 1e15 or more, and
// non-finite ones, are written without grouping.
std::string FormatVietnameseNumber(double x);

// `x` for a message argument: Vietnamese as FormatVietnameseNumber, English
// with the English marks ("1,500,000", "2.5").
Text NumberText(double x);

// Reads a number typed the Vietnamese way: digits with an optional leading
// '-'; the integer part either plain ("1500") or in dot-separated groups of
// exactly three digits after a first group of one to three ("1.500",
// "1.500.000"); then optionally a comma and one or more decimals ("2,5",
// "1.500,25"). Nothing else is accepted, in particular not the forms whose
// meaning depends on who typed them ("1.50", "2.5", "1,500.5", "1.5000").
// nullopt when `text` is not such a number (also for more than 40 bytes).
std::optional<double> ParseVietnameseNumber(std::string_view text);

}  // namespace dvc::catalog
