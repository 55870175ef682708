#include "ussd/ussd_replay.h"

#include <cstdio>
#include <vector>

#include "dossier/dossier_code.h"
#include "text/gsm7_safe.h"
#include "text/utf8.h"

namespace dvc::gateway {

namespace {

enum class Kind { kMain, kLookup, kFields, kServices, kDetail, kHours };

struct Frame {
  Kind kind = Kind::kMain;
  size_t page = 0;
  size_t index = 0;  // kServices: field index in layout.fields(); kDetail: service index
};

// The main menu's choices (menu.json's "main" text lists them in this order).
struct MainChoice {
  std::string_view key;
  Kind kind;
};
constexpr MainChoice kMainChoices[] = {
    {"1", Kind::kLookup},
    {"2", Kind::kFields},
    {"3", Kind::kHours},
};

// What a look-up's failure shows (the prompt again, with the reason).
struct LookupRefusal {
  UssdLookup::Kind kind;
  std::string UssdMenu::*text;
  bool end;
};
constexpr LookupRefusal kRefusals[] = {
    {UssdLookup::Kind::kMistyped, &UssdMenu::code_mistyped, false},
    {UssdLookup::Kind::kMalformed, &UssdMenu::code_malformed, false},
    {UssdLookup::Kind::kNotFound, &UssdMenu::not_found, false},
    {UssdLookup::Kind::kTooMany, &UssdMenu::too_many_lookups, true},
    {UssdLookup::Kind::kUnavailable, &UssdMenu::unavailable, true},
};

// A 1-based choice of at most `count` items, as an index; npos otherwise.
size_t Choice(std::string_view step, size_t count) {
  if (step.size() != 1 || step[0] < '1' || step[0] > '9') return std::string_view::npos;
  const size_t n = static_cast<size_t>(step[0] - '1');
  return n < count ? n : std::string_view::npos;
}

class Replay {
 public:
  Replay(const UssdLayout& layout, const UssdLookupFn& lookup)
      : layout_(layout), menu_(layout.menu()), lookup_(lookup) {
    stack_.push_back(Frame{});
  }

  // Applies one step; false when it was not a valid choice there.
  bool Step(std::string_view step, bool last) {
    lookup_result_.reset();
    if (step == menu_.key_home) {
      stack_.assign(1, Frame{});
      return true;
    }
    Frame& top = stack_.back();
    if (top.kind == Kind::kMain) {
      for (const MainChoice& choice : kMainChoices) {
        if (step == choice.key) {
          stack_.push_back(Frame{choice.kind, 0, 0});
          return true;
        }
      }
      return false;
    }
    if (top.kind == Kind::kLookup) {
      if (step == menu_.key_back) {
        stack_.pop_back();
        return true;
      }
      // Only the last code is looked up: an earlier one was refused already.
      if (last) lookup_result_ = Lookup(step);
      return true;
    }
    const std::vector<UssdPage>& pages = Pages(top);
    if (step == menu_.key_next && pages[top.page].more) {
      ++top.page;
      return true;
    }
    if (step == menu_.key_back) {
      if (top.page > 0) {
        --top.page;
      } else {
        stack_.pop_back();
      }
      return true;
    }
    const UssdPage& page = pages[top.page];
    const size_t choice = Choice(step, page.count);
    if (choice == std::string_view::npos) return false;
    const size_t item = page.first + choice;
    if (top.kind == Kind::kFields) {
      stack_.push_back(Frame{Kind::kServices, 0, item});
      return true;
    }
    if (top.kind == Kind::kServices) {
      const size_t service = layout_.fields()[top.index].services[item];
      stack_.push_back(Frame{Kind::kDetail, 0, service});
      return true;
    }
    return false;  // detail and hours pages have no items
  }

  // The screen now; `notice`: the last step was refused.
  UssdScreen Screen(bool notice) const {
    const Frame& top = stack_.back();
    if (lookup_result_) return *lookup_result_;
    std::string text;
    switch (top.kind) {
      case Kind::kMain:
        text = layout_.Safe(&UssdMenu::main);
        break;
      case Kind::kLookup:
        text = layout_.Safe(&UssdMenu::lookup_prompt);
        break;
      default:
        text = Pages(top)[top.page].text;
        break;
    }
    if (notice) text = layout_.Safe(&UssdMenu::invalid_choice) + "\n" + text;
    return UssdScreen{false, CutToSeptets(text, kUssdScreenSeptets)};
  }

  // Browse screens need a catalog; without one, the menu says so.
  bool NeedsCatalog() const {
    const Kind kind = stack_.back().kind;
    return (kind == Kind::kFields || kind == Kind::kServices || kind == Kind::kDetail) &&
           !layout_.has_catalog();
  }

 private:
  const std::vector<UssdPage>& Pages(const Frame& frame) const {
    switch (frame.kind) {
      case Kind::kFields:
        return layout_.field_pages();
      case Kind::kServices:
        return layout_.fields()[frame.index].pages;
      case Kind::kDetail:
        return layout_.detail(frame.index);
      default:
        return layout_.hours_pages();
    }
  }

  UssdScreen Lookup(std::string_view typed) const {
    UssdLookup found;
    if (typed.size() > kMaxUssdStepBytes) {
      found.kind = UssdLookup::Kind::kMalformed;
    } else {
      found = lookup_(typed);
    }
    if (found.kind != UssdLookup::Kind::kFound) {
      for (const LookupRefusal& refusal : kRefusals) {
        if (refusal.kind == found.kind) {
          return UssdScreen{refusal.end, layout_.Safe(refusal.text)};
        }
      }
    }
    const sync::LookupAnswer& answer = found.answer;
    std::string code = answer.code;
    if (auto parsed = dossier::ParseDossierCode(answer.code); parsed.ok()) {
      code = parsed->Display();
    }
    std::string appointment;
    if (answer.official_appointment) {
      char date[16];
      std::snprintf(date, sizeof date, "%02d/%02d/%04d", answer.official_appointment->day(),
                    answer.official_appointment->month(), answer.official_appointment->year());
      appointment = FillUssdTemplate(menu_.lookup_appointment, {{"date", date}});
    }
    const std::string text =
        FillUssdTemplate(menu_.lookup_found, {{"code", code},
                                              {"status", dossier::StatusLabelVi(answer.status)},
                                              {"appointment", appointment},
                                              {"next", menu_.NextStep(answer.status)}});
    return UssdScreen{true, CutToSeptets(text::ToGsm7Safe(text), kUssdScreenSeptets)};
  }

  const UssdLayout& layout_;
  const UssdMenu& menu_;
  const UssdLookupFn& lookup_;
  std::vector<Frame> stack_;
  std::optional<UssdScreen> lookup_result_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string_view> SplitUssdSteps(std::string_view text_so_far) {
  std::vector<std::string_view> steps;
  if (text_so_far.empty()) return steps;
  size_t pos = 0;
  while (true) {
    const size_t star = text_so_far.find('*', pos);
    if (star == std::string_view::npos) {
      steps.push_back(Trim(text_so_far.substr(pos)));
      return steps;
    }
    steps.push_back(Trim(text_so_far.substr(pos, star - pos)));
    pos = star + 1;
  }
}

UssdScreen ReplayUssd(const UssdLayout& layout, const std::vector<std::string_view>& steps,
                      const UssdLookupFn& lookup) {
  if (steps.size() > kMaxUssdSteps) {
    return UssdScreen{true, layout.Safe(&UssdMenu::input_too_long)};
  }
  for (std::string_view step : steps) {
    if (!text::IsValidUtf8(step)) return UssdScreen{true, layout.Safe(&UssdMenu::invalid_input)};
  }
  Replay replay(layout, lookup);
  bool refused = false;
  for (size_t i = 0; i < steps.size(); ++i) {
    refused = !replay.Step(steps[i], i + 1 == steps.size());
    if (replay.NeedsCatalog()) return UssdScreen{true, layout.Safe(&UssdMenu::no_catalog)};
  }
  return replay.Screen(refused);
}

}  // namespace dvc::gateway
