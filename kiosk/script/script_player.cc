#include "script/script_player.h"

#include <cfloat>

#include "text/utf8.h"

namespace dvc::kiosk {

bool IsBlankImage(const RgbaImage& image) {
  const std::vector<uint8_t>& p = image.pixels;
  if (p.size() < 4) return true;
  for (size_t i = 4; i + 3 < p.size(); i += 4) {
    if (p[i] != p[0] || p[i + 1] != p[1] || p[i + 2] != p[2]) return false;
  }
  return true;
}
namespace {

// Frames rendered after a release before the next step looks at the screen:
// the press takes effect on release, actions run after that frame, and the
// new screen is drawn on the next.
constexpr int kSettleFrames = 2;
// Frames a tap waits for its target to stop moving before it taps anyway.
constexpr int kMaxWaitFrames = 30;

bool SameRect(const ImVec2& a_min, const ImVec2& a_max, const UiTarget& b) {
  return a_min.x == b.min.x && a_min.y == b.min.y && a_max.x == b.max.x && a_max.y == b.max.y;
}

std::string KeyName(char32_t key) {
  std::string out;
  text::AppendUtf8(key, &out);
  return out;
}

bool IsUpper(char32_t c) {
  // Keyboard letters are ASCII; Vietnamese letters come from Telex sequences.
  return c >= U'A' && c <= U'Z';
}
bool IsLower(char32_t c) { return c >= U'a' && c <= U'z'; }

}  // namespace

ScriptPlayer::ScriptPlayer(std::vector<ScriptStep> steps, std::string file_name)
    : steps_(std::move(steps)), file_name_(std::move(file_name)) {}

void ScriptPlayer::Fail(const ScriptStep& step, const std::string& what) {
  failed_ = true;
  failure_ = file_name_ + ":" + std::to_string(step.line) + ": " +
             std::string(StepName(step.kind)) +
             (step.text.empty() ? std::string() : " \"" + step.text + "\"") + ": " + what;
}

void ScriptPlayer::StartClick(const UiTarget& target, AppState& state) {
  click_at_ = target.Center();
  click_ = ClickPhase::kHover;
  state.idle.Touch(state.now_ms);  // a scripted touch is input like a finger's
}

void ScriptPlayer::BeforeNewFrame(AppState& state, ImGuiIO& io) {
  (void)state;
  switch (click_) {
    case ClickPhase::kNone:
    case ClickPhase::kSettle:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      io.MouseDown[0] = false;
      break;
    case ClickPhase::kHover:
      io.MousePos = click_at_;
      io.MouseDown[0] = false;
      click_ = ClickPhase::kDown;
      break;
    case ClickPhase::kDown:
      io.MousePos = click_at_;
      io.MouseDown[0] = true;
      click_ = ClickPhase::kUp;
      break;
    case ClickPhase::kUp:
      io.MousePos = click_at_;
      io.MouseDown[0] = false;
      click_ = ClickPhase::kSettle;
      settle_frames_ = kSettleFrames;
      break;
  }
}

void ScriptPlayer::TypeNextKey(AppState& state, const ScriptStep& step) {
  const UiRegistry& registry = state.registry;
  if (keys_.empty()) {
    typing_ = false;
    ++next_;
    return;
  }
  const char32_t key = keys_.front();
  if (const UiTarget* target = registry.FindByKey(key)) {
    keys_.erase(keys_.begin());
    switches_ = 0;
    StartClick(*target, state);
    return;
  }
  // Not on the keyboard as it stands: switch shift or the digits page.
  const UiTarget* toggle = nullptr;
  if (IsUpper(key) || IsLower(key)) {
    toggle = registry.FindByKey(kKeyToLetters);
    if (!toggle) toggle = registry.FindByKey(kKeyShift);
  } else {
    toggle = registry.FindByKey(kKeyToDigits);
    if (!toggle) toggle = registry.FindByKey(kKeyToLetters);
  }
  if (!toggle || ++switches_ > 3) {
    Fail(step, toggle ? "no key types '" + KeyName(key) + "'"
                      : "no on-screen keyboard is shown (tap a field first)");
    return;
  }
  StartClick(*toggle, state);
}

void ScriptPlayer::AfterRender(AppState& state, Platform& platform) {
  if (Finished()) return;
  if (click_ == ClickPhase::kHover || click_ == ClickPhase::kDown || click_ == ClickPhase::kUp) {
    return;  // mid-click
  }
  if (click_ == ClickPhase::kSettle) {
    if (--settle_frames_ > 0) return;
    click_ = ClickPhase::kNone;
    if (!typing_) ++next_;  // a tap step is done once its click has settled
    if (Finished()) return;
  }
  const ScriptStep& step = steps_[next_];
  const UiRegistry& registry = state.registry;
  switch (step.kind) {
    case StepKind::kTap: {
      const UiTarget* target = registry.FindByLabel(step.text);
      if (!target) {
        Fail(step, "no such label on screen; labels visible: " + registry.DescribeTargets());
      } else if (!target->enabled) {
        Fail(step, "the button is disabled");
      } else if (!SameRect(seen_min_, seen_max_, *target) && ++steady_frames_ < kMaxWaitFrames) {
        seen_min_ = target->min;  // it moved since the last frame: look again on the next
        seen_max_ = target->max;
      } else {
        steady_frames_ = 0;
        seen_min_ = seen_max_ = ImVec2(-1, -1);
        StartClick(*target, state);
      }
      return;
    }
    case StepKind::kType:
      if (!typing_) {
        keys_.clear();
        for (char32_t c : text::DecodeUtf8(step.text)) keys_.push_back(c);
        typing_ = true;
        switches_ = 0;
      }
      TypeNextKey(state, step);
      return;
    case StepKind::kExpect:
      if (registry.IsTextVisible(step.text)) {
        ++next_;
      } else {
        Fail(step, "not visible; labels visible: " + registry.DescribeTargets());
      }
      return;
    case StepKind::kExpectNot:
      if (registry.IsTextVisible(step.text)) {
        Fail(step, "is visible but should not be");
      } else {
        ++next_;
      }
      return;
    case StepKind::kWaitFor:
      if (registry.IsTextVisible(step.text)) {
        wait_deadline_ms_ = -1;
        ++next_;
        return;
      }
      if (wait_deadline_ms_ < 0) wait_deadline_ms_ = state.now_ms + step.timeout_ms;
      if (state.now_ms > wait_deadline_ms_) {
        wait_deadline_ms_ = -1;
        Fail(step, "not visible within " + std::to_string(step.timeout_ms) +
                       " ms; labels visible: " + registry.DescribeTargets());
      }
      return;
    case StepKind::kWaitSynced: {
      // Synced: nothing queued or left to upload, and an exchange finished
      // that began after the last submission this UI announced.
      const LinkSnapshot& link = state.link;
      const bool synced = state.sync != nullptr && link.queued == 0 && link.uploads_pending == 0 &&
                          link.exchanges > 0 && link.synced_notifications >= state.sync_notified;
      if (synced) {
        wait_deadline_ms_ = -1;
        ++next_;
        return;
      }
      if (wait_deadline_ms_ < 0) wait_deadline_ms_ = state.now_ms + step.timeout_ms;
      if (state.sync == nullptr || state.now_ms > wait_deadline_ms_) {
        wait_deadline_ms_ = -1;
        std::string what = state.sync == nullptr
                               ? "the kiosk is not enrolled with a gateway"
                               : "not synced within " + std::to_string(step.timeout_ms) + " ms";
        what += "; link " +
                std::string(LinkStateName(state.sync ? link.state : LinkState::kNotEnrolled)) +
                ", queued " + std::to_string(link.queued) + ", uploads pending " +
                std::to_string(link.uploads_pending);
        if (!link.last_error.empty()) what += ", last error: " + link.last_error;
        if (!state.sync_problem.empty()) what += ", " + state.sync_problem;
        Fail(step, what);
      }
      return;
    }
    case StepKind::kScreenshot: {
      Result<RgbaImage> image = platform.ReadPixels();
      Status written = image.ok() ? WriteRgbaPng(*image, step.text) : image.status();
      if (written.ok() && IsBlankImage(*image)) {
        written = Status::InvalidInput("the screen is blank (one colour everywhere)");
      }
      if (!written.ok()) {
        Fail(step, written.message());
      } else {
        ++next_;
      }
      return;
    }
  }
}

}  // namespace dvc::kiosk
