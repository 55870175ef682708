#include "script/script.h"

#include <array>
#include <charconv>

#include "core/file_util.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::kiosk {
namespace {

struct Command {
  std::string_view name;
  StepKind kind;
  bool takes_text;
  bool takes_timeout;
};

constexpr std::array<Command, 7> kCommands = {{
    {"tap", StepKind::kTap, true, false},
    {"type", StepKind::kType, true, false},
    {"expect", StepKind::kExpect, true, false},
    {"expect-not", StepKind::kExpectNot, true, false},
    {"wait-for", StepKind::kWaitFor, true, true},
    {"screenshot", StepKind::kScreenshot, true, false},
    {"wait-synced", StepKind::kWaitSynced, false, true},
}};

// Longest wait a script may ask for: a typo of "5s" as "5000s" should fail fast.
constexpr int64_t kMaxTimeoutMs = 600'000;

void SkipSpaces(std::string_view line, size_t* pos) {
  while (*pos < line.size() && (line[*pos] == ' ' || line[*pos] == '\t')) ++*pos;
}

// Reads a double-quoted string at *pos. Returns an error message or "".
std::string ReadQuoted(std::string_view line, size_t* pos, std::string* out) {
  if (*pos >= line.size() || line[*pos] != '"') return "expected a double-quoted string";
  ++*pos;
  while (*pos < line.size()) {
    const char c = line[*pos];
    if (c == '"') {
      ++*pos;
      return "";
    }
    if (c == '\\') {
      if (*pos + 1 >= line.size()) break;
      const char next = line[*pos + 1];
      if (next != '"' && next != '\\') return std::string("unknown escape \\") + next;
      out->push_back(next);
      *pos += 2;
      continue;
    }
    out->push_back(c);
    ++*pos;
  }
  return "unterminated string (missing closing \")";
}

// Parses "5s", "1.5s" is not accepted; "500ms" is.
bool ParseDuration(std::string_view word, int64_t* ms, bool bare_seconds) {
  int64_t unit = 0;
  if (bare_seconds && !word.empty() && word.back() >= '0' && word.back() <= '9') {
    unit = 1000;
  } else if (word.ends_with("ms")) {
    unit = 1;
    word.remove_suffix(2);
  } else if (word.ends_with("s")) {
    unit = 1000;
    word.remove_suffix(1);
  } else {
    return false;
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size() || word.empty() || value < 0 ||
      value > kMaxTimeoutMs / unit) {
    return false;
  }
  *ms = value * unit;
  return true;
}

}  // namespace

std::string_view StepName(StepKind kind) {
  for (const Command& c : kCommands) {
    if (c.kind == kind) return c.name;
  }
  return "?";
}

Result<std::vector<ScriptStep>> ParseScript(std::string_view text, std::string_view file_name) {
  std::vector<ScriptStep> steps;
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto fail = [&](const std::string& what) {
      return Status::InvalidInput(std::string(file_name) + ":" + std::to_string(line_no) + ": " +
                                  what);
    };
    if (!text::IsValidUtf8(line)) return fail("not valid UTF-8");
    size_t pos = 0;
    SkipSpaces(line, &pos);
    if (pos == line.size() || line[pos] == '#') {
      if (end == text.size()) break;
      continue;
    }
    size_t word_end = pos;
    while (word_end < line.size() && line[word_end] != ' ' && line[word_end] != '\t') ++word_end;
    const std::string_view word = line.substr(pos, word_end - pos);
    const Command* command = nullptr;
    for (const Command& c : kCommands) {
      if (c.name == word) command = &c;
    }
    if (!command) {
      return fail("unknown command \"" + std::string(word) +
                  "\" (expected tap, type, expect, expect-not, wait-for, screenshot or "
                  "wait-synced)");
    }
    pos = word_end;
    SkipSpaces(line, &pos);
    ScriptStep step;
    step.kind = command->kind;
    step.line = line_no;
    if (command->takes_text) {
      if (std::string error = ReadQuoted(line, &pos, &step.text); !error.empty()) {
        return fail(std::string(command->name) + ": " + error);
      }
      if (step.text.empty()) return fail(std::string(command->name) + ": the string is empty");
      step.text = text::ToNfc(step.text);
      SkipSpaces(line, &pos);
    }
    if (command->takes_timeout) {
      size_t t_end = pos;
      while (t_end < line.size() && line[t_end] != ' ' && line[t_end] != '\t') ++t_end;
      if (!ParseDuration(line.substr(pos, t_end - pos), &step.timeout_ms, !command->takes_text)) {
        return fail(command->takes_text
                        ? "wait-for: expected a time limit such as 5s or 500ms after the text"
                        : std::string(command->name) +
                              ": expected a time limit such as 30 (seconds), 30s or 500ms");
      }
      pos = t_end;
      SkipSpaces(line, &pos);
    }
    if (pos != line.size() && line[pos] != '#') {
      return fail("unexpected text after the arguments: \"" + std::string(line.substr(pos)) + "\"");
    }
    steps.push_back(std::move(step));
    if (end == text.size()) break;
  }
  return steps;
}

Result<std::vector<ScriptStep>> LoadScript(const std::string& path) {
  Result<std::string> text = core::ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseScript(*text, path);
}

}  // namespace dvc::kiosk
