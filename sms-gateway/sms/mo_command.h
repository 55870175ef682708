// MO commands: what a resident's SMS to the gateway's short code asks for.
//
// Residents type on feature phones, with or without diacritics, in any case,
// with stray spaces and dashes: "tt 12345-7k-4hq-2m9-x", "TT123457K4HQ2M9X",
// "Tra cứu  12345 7K4HQ2M9X", or just the code. The parser compares the text's
// search key (text::SearchKey: folded case, no diacritics, punctuation as
// spaces) with the keywords of assets/sms/mo_commands.json, ignoring spaces,
// so "TRACUU" and "Tra cứu" are the same keyword. Keywords are data so the
// province can add local habits without a release; docs/sms-commands.md lists
// them.
//
// Thread-safety: MoKeywords is immutable after loading; the functions are pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace dvc::gateway {

enum class MoCommandKind {
  kLookup,   // follow a dossier: `code` holds the code (or province number) as typed
  kHelp,     // the help keyword, or a look-up keyword without a code
  kStop,     // no more notifications to this number
  kStart,    // notifications again
  kUnknown,  // text that is none of these (also over-long, invalid UTF-8, control bytes)
  kEmpty,    // nothing but spaces and punctuation
};

// "lookup", "help", "stop", "start", "unknown", "empty".
std::string_view MoCommandKindId(MoCommandKind kind);

// Longer messages are not commands: concatenated SMS of 3 parts and more.
inline constexpr size_t kMaxMoCommandBytes = 480;

// The keywords of each command, as search keys without spaces ("tracuu"),
// longest first so "TRA CUU" wins over a shorter keyword it starts with.
struct MoKeywords {
  std::vector<std::pair<std::string, MoCommandKind>> by_key;
};

// Reads the keywords file: a JSON object with the arrays "lookup", "help",
// "stop", "start" of keywords (non-empty, letters and spaces only after
// SearchKey, so a keyword can never swallow a code's digits); keys starting
// with "_" are comments. Errors (kInvalidInput, naming the file and the
// keyword): not JSON, a missing or unknown command, an empty or non-letter
// keyword, a keyword given to two commands; kIo when the file cannot be read.
Result<MoKeywords> ParseMoKeywords(std::string_view json_text, std::string_view file_name);
Result<MoKeywords> LoadMoKeywords(const std::string& path);

struct MoCommand {
  MoCommandKind kind = MoCommandKind::kEmpty;
  // kLookup: the code as typed after the keyword, upper case, without spaces
  // ("123457K4HQ2M9X"); dossier::ExamineDossierCode judges it. Empty otherwise.
  std::string code;
  // kUnknown only: the bytes were not text (invalid UTF-8, control
  // characters) or over kMaxMoCommandBytes; the service answers nothing.
  bool not_text = false;
  friend bool operator==(const MoCommand&, const MoCommand&) = default;
};

// Parses an MO text (UTF-8 from DecodeSmsText). Never fails, whatever the
// bytes: anything unparseable is kUnknown.
//   - a keyword (spaces ignored) at the start picks the command; stop and
//     start must stand alone ("HUY" followed by more words is likely a name,
//     and an opt-out nobody meant is worse than a help reply);
//   - a look-up keyword with nothing after it is kHelp; followed by text
//     without any digit it is no look-up (a question: kUnknown, help);
//   - text starting with a digit is a bare look-up of the whole text.
MoCommand ParseMoCommand(std::string_view utf8, const MoKeywords& keywords);

}  // namespace dvc::gateway
