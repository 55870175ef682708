// Instants as they cross the sync API: RFC 3339 text.
//
// A Timestamp is a UTC instant to the second ("2026-11-03T02:15:00Z"). Parsing
// is strict about shape and ranges so that one instant has one spelling in
// storage. Civil dates (an appointment day, "2026-11-10") are calendar::Date,
// with Date::ToIso / Date::ParseIso.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::dossier {

using Timestamp = std::chrono::sys_seconds;

// "YYYY-MM-DDTHH:MM:SSZ" in UTC (calendar::LocalDateTime at offset 0).
// REQUIRES: year 1..9999 (aborts otherwise).
std::string FormatTimestamp(Timestamp t);

// Accepts "YYYY-MM-DDTHH:MM:SS" followed by an optional fraction (".123", dropped)
// and "Z" or an offset "+07:00"/"-05:30"; 't', 'z' and a space for 'T' are
// accepted too. Errors: kInvalidInput saying what is wrong, about the part
// that is wrong when it is the date or the time of day ("\"2026-13-03\":
// month 13 is not between 1 and 12", "\"24:00:00\": time 24:0:0 does not
// exist") and about the whole text otherwise ("... is not RFC 3339 date-time
// text").
Result<Timestamp> ParseTimestamp(std::string_view text);

}  // namespace dvc::dossier
