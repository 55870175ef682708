#include "sync/enrolment_code.h"

#include <sodium.h>

#include <cstdlib>

#include "core/sodium_init.h"
#include "dossier/code_check.h"

namespace dvc::sync {

namespace {

// The dossier code's alphabet: no 0, 1, I or O to misread.
constexpr std::string_view kAlphabet = dossier::kCodeAlphabet;
constexpr size_t kGroupLength = kEnrolmentCodeLength / 2;

bool InAlphabet(char c) { return kAlphabet.find(c) != std::string_view::npos; }

char ToUpperAscii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string NewEnrolmentCode() {
  core::InitSodiumOrAbort();
  std::string code(kEnrolmentCodeLength, '\0');
  for (char& c : code) {
    c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::string FormatEnrolmentCode(std::string_view canonical) {
  if (canonical.size() != kEnrolmentCodeLength) return std::string(canonical);
  std::string shown(canonical.substr(0, kGroupLength));
  shown.push_back('-');
  shown.append(canonical.substr(kGroupLength));
  return shown;
}

Result<std::string> ParseEnrolmentCode(std::string_view typed) {
  const Status wrong =
      Status::InvalidInput("an enrolment code has 10 letters and digits, e.g. ABCDE-FGHJK");
  std::string code;
  for (const char raw : typed) {
    if (raw == '-' || raw == ' ') continue;
    const char c = ToUpperAscii(raw);
    // Letters that look alike (0/O, 1/I) are not in the alphabet and are not
    // guessed at: a wrong guess would spend someone else's code attempt.
    if (!InAlphabet(c) || code.size() == kEnrolmentCodeLength) return wrong;
    code.push_back(c);
  }
  if (code.size() != kEnrolmentCodeLength) return wrong;
  return code;
}

}  // namespace dvc::sync
