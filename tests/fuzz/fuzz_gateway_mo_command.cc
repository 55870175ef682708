// Fuzzes the MO command parser (sms/mo_command.h) and the reply fitting
// (sms/mo_command_replies.h) with whatever bytes a phone or SMSC may send:
// no crash, no UB, and the parser's promises hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sms/mo_command.h"
#include "sms/mo_command_replies.h"

namespace {

// The shape of assets/sms/mo_commands.json (the fuzzer runs without the tree).
constexpr std::string_view kKeywords = R"({
  "lookup": ["TT", "TRA CUU", "TRACUU", "TC", "HS", "HO SO", "KT", "KIEM TRA"],
  "help": ["HD", "HUONG DAN", "HELP", "TRO GIUP", "GIUP"],
  "stop": ["TU CHOI", "STOP", "HUY", "DUNG", "NGUNG", "HUY DK", "HUY DANG KY"],
  "start": ["DK", "DANG KY", "START", "BAT", "BAT DAU", "NHAN TIN"]
})";

const dvc::gateway::MoKeywords& Keywords() {
  static const dvc::gateway::MoKeywords keywords = [] {
    auto parsed = dvc::gateway::ParseMoKeywords(kKeywords, "fuzz");
    if (!parsed.ok()) std::abort();
    return std::move(*parsed);
  }();
  return keywords;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const dvc::gateway::MoCommand command = dvc::gateway::ParseMoCommand(input, Keywords());
  if (command.kind == dvc::gateway::MoCommandKind::kLookup && command.code.empty()) std::abort();
  if (command.kind != dvc::gateway::MoCommandKind::kLookup && !command.code.empty()) std::abort();
  // The code as the search key left it: no white space and no ASCII
  // punctuation. (Not bounded by the input's length: the key decomposes, so
  // "뻑" becomes three jamo and "㎯" the letters "rads2"; replies cut what they
  // echo to kMaxEchoedCodeChars.)
  for (const char c : command.code) {
    const auto u = static_cast<unsigned char>(c);
    const bool ascii_alnum = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z');
    if (u < 0x80 && !ascii_alnum) std::abort();
  }
  // The input as the procedure's name of a reply: the fitted text keeps to
  // the limit whenever the template alone does.
  const std::string fitted = dvc::gateway::FitMoReply(
      "Hồ sơ {code} ({service}): {status}.",
      {{"code", "12345-7K-4HQ-2M9-X"}, {"service", std::string(input)}, {"status", "Đang xử lý"}},
      "service", 160);
  if (dvc::gateway::Gsm7Length(fitted) > 160) std::abort();
  // The keywords loader on arbitrary text.
  (void)dvc::gateway::ParseMoKeywords(input, "fuzz");
  return 0;
}
