// The USSD menu's words and keys, loaded from assets/ussd/menu.json
// (docs/ussd.md): every screen text in Vietnamese with diacritics (NFC), the
// navigation keys and the "what to do next" line for each dossier status.
//
// Texts are kept as written (NFC); the engine turns whole screens into GSM-7
// without diacritics (text::ToGsm7Safe) when it lays them out. The loader
// checks what the engine relies on: every key present, every text valid
// UTF-8, each fixed screen fits one USSD screen (kUssdScreenSeptets), the
// keys are distinct digit strings.
//
// Thread-safety: a loaded UssdMenu is an immutable value.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "dossier/status.h"

namespace dvc::gateway {

// What a USSD screen may hold: 160 GSM-7 septets after the "CON "/"END "
// prefix of the callback (the prefix is the aggregator's, not shown).
inline constexpr size_t kUssdScreenSeptets = 160;

// Septets `text` takes once made GSM-7 safe (diacritics stripped); characters
// of the extension table count 2, as on the air.
size_t UssdSeptets(std::string_view utf8);

struct UssdMenu {
  // Navigation keys (digit strings, distinct).
  std::string key_back = "0";
  std::string key_next = "9";
  std::string key_home = "00";

  std::string main;
  std::string lookup_prompt;
  std::string lookup_found;        // {code} {status} {appointment} {next}
  std::string lookup_appointment;  // {date}
  std::string code_mistyped;
  std::string code_malformed;
  std::string not_found;
  std::string too_many_lookups;
  std::string fields_title;
  std::string services_title;
  std::string nav_more;
  std::string nav_last;
  std::string detail_documents;
  std::string detail_copies;  // {count}
  std::string detail_original;
  std::string detail_fee;         // {fee}
  std::string detail_fee_amount;  // {amount}
  std::string detail_fee_free;
  std::string detail_days;  // {days}
  std::string detail_days_same_day;
  std::string detail_agency;  // {agency}
  std::string hours;          // paginated like a service's detail
  std::string no_catalog;
  std::string no_services;
  std::string invalid_choice;
  std::string session_expired;
  std::string input_too_long;
  std::string invalid_input;
  std::string unavailable;
  // Indexed by dossier::DossierStatus.
  std::array<std::string, 12> next_steps;

  const std::string& NextStep(dossier::DossierStatus status) const {
    return next_steps[static_cast<size_t>(status)];
  }
};

// Parses menu.json's text. Errors (kInvalidInput) start with `file_name` and
// name the JSON path: not JSON, a missing or non-string key, invalid UTF-8, a
// fixed screen longer than one USSD screen, keys not distinct digit strings.
Result<UssdMenu> ParseUssdMenu(std::string_view json_text, std::string_view file_name);

// Reads and parses `path`. Errors: kIo when unreadable; as ParseUssdMenu.
Result<UssdMenu> LoadUssdMenu(const std::string& path);

// `pattern` with each "{name}" replaced by its value; unknown names stay
// (text::FillTemplate with kKeep, and its punctuation and spacing rules).
std::string FillUssdTemplate(
    std::string_view pattern,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace dvc::gateway
