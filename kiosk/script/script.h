// The kiosk's test script language (docs/kiosk-script.md): one step a line,
// addressed by what is visible on screen.
//
//   tap "Nộp hồ sơ"            press the button (or field) with that label
//   type "Nguyeenx Vawn An"    press on-screen keyboard keys one by one (Telex applies)
//   expect "Bước 1/2"          the text is visible on this frame
//   expect-not "Lê Thị Hoa"    the text is not visible on this frame
//   wait-for "Mã hồ sơ" 5s     render until the text is visible, at most 5 s (or 500ms)
//   screenshot "receipt.png"   write this frame as PNG
//   wait-synced 30s            render until the sync worker has sent everything
//                              submitted so far (bare seconds "30" also read)
//   # a comment; blank lines are ignored
//
// Strings are double-quoted UTF-8 with \" and \\ escapes.
// Thread-safety: pure functions and values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dvc::kiosk {

enum class StepKind { kTap, kType, kExpect, kExpectNot, kWaitFor, kScreenshot, kWaitSynced };

struct ScriptStep {
  StepKind kind = StepKind::kTap;
  std::string text;        // label, keys, text or file name (NFC); empty for wait-synced
  int64_t timeout_ms = 0;  // wait-for and wait-synced
  int line = 0;            // 1-based line in the script file

  friend bool operator==(const ScriptStep&, const ScriptStep&) = default;
};

// The command name of a step kind ("wait-for").
std::string_view StepName(StepKind kind);

// Parses a script. Errors (kInvalidInput): "`file_name`:LINE: what", e.g.
// "demo.script:3: unknown command \"tapp\" (expected tap, type, expect,
// expect-not, wait-for, screenshot or wait-synced)", an unterminated string, a missing or malformed
// time limit, text after the arguments, invalid UTF-8.
Result<std::vector<ScriptStep>> ParseScript(std::string_view text, std::string_view file_name);

// Reads and parses a script file (kIo when unreadable).
Result<std::vector<ScriptStep>> LoadScript(const std::string& path);

}  // namespace dvc::kiosk
