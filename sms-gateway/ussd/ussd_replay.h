// The USSD menu as a function of the input so far: ReplayUssd walks the
// steps typed since the dial ("" at the dial, then "1", "1*2", ...) from the
// main menu and answers the screen the phone shows now. It keeps no state,
// so any server (or a restarted one) answers a step the same way.
//
// Navigation (menu.json keys, by default): a number picks an item, 9 is the
// next page, 0 goes back (the previous page, else the screen before), 00
// returns to the main menu from anywhere. A wrong step leaves the screen
// where it was and shows it again under the "invalid choice" line.
//
// A dossier look-up runs only for the last step (earlier codes typed at the
// prompt were answered already and did not end the session, so they were
// refused); its answer holds status, appointment date and what to do next,
// never personal data.
//
// Thread-safety: pure given `lookup`, which may be called once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "sync/messages.h"
#include "ussd/ussd_layout.h"

namespace dvc::gateway {

// Limits on what a request may carry (longer: the "input too long" end screen).
inline constexpr size_t kMaxUssdSteps = 64;
inline constexpr size_t kMaxUssdTextBytes = 1024;
// A step longer than this is never a choice nor a code.
inline constexpr size_t kMaxUssdStepBytes = 64;

// The screen to show: GSM-7-safe text of at most kUssdScreenSeptets septets
// (without the "CON "/"END " prefix); `end` closes the session.
struct UssdScreen {
  bool end = false;
  std::string text;
};

// What a look-up found.
struct UssdLookup {
  enum class Kind {
    kFound,        // `answer` holds the dossier's status and dates
    kMistyped,     // a dossier code whose check character is wrong
    kMalformed,    // not a dossier code at all (length, characters)
    kNotFound,     // well formed, but no such dossier
    kTooMany,      // this session looked up too often
    kUnavailable,  // the store failed
  };
  Kind kind = Kind::kNotFound;
  sync::LookupAnswer answer;
};

using UssdLookupFn = std::function<UssdLookup(std::string_view typed_code)>;

// The steps of `text_so_far` ("1*2*9" → {"1","2","9"}; "" → none), each
// without surrounding spaces.
std::vector<std::string_view> SplitUssdSteps(std::string_view text_so_far);

// The screen after `steps` (see above). Bad input — invalid UTF-8, more than
// kMaxUssdSteps steps — ends the session with a short explanation. Never
// fails.
UssdScreen ReplayUssd(const UssdLayout& layout, const std::vector<std::string_view>& steps,
                      const UssdLookupFn& lookup);

}  // namespace dvc::gateway
