// ScriptPlayer: plays a parsed script against the running kiosk as a
// FrameObserver. A tap is injected as the touch a finger makes: the pointer
// moves onto the target's centre, goes down for one frame and up on the next
// (set in io.MousePos / io.MouseDown after the SDL backend's NewFrame and
// before ImGui::NewFrame: SDL mouse events do not click under the dummy
// video driver). Steps are checked against the UiRegistry of the frame just
// drawn, so a missing label fails with the labels that were visible.
//
// Thread-safety: main thread only.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "script/script.h"

namespace dvc::kiosk {

struct RgbaImage;

// True when every pixel of `image` has the same colour (or it has none): a
// screenshot like that shows nothing, so the script step that took it fails.
bool IsBlankImage(const RgbaImage& image);

class ScriptPlayer : public FrameObserver {
 public:
  // `file_name` prefixes failure messages ("demo.script:12: ...").
  ScriptPlayer(std::vector<ScriptStep> steps, std::string file_name);

  void BeforeNewFrame(AppState& state, ImGuiIO& io) override;
  void AfterRender(AppState& state, Platform& platform) override;
  bool Finished() const override { return failed_ || next_ >= steps_.size(); }

  bool failed() const { return failed_; }
  // Why the script failed ("" while it has not).
  const std::string& failure() const { return failure_; }
  size_t steps_done() const { return next_; }

 private:
  enum class ClickPhase { kNone, kHover, kDown, kUp, kSettle };

  void Fail(const ScriptStep& step, const std::string& what);
  void StartClick(const UiTarget& target, AppState& state);
  // Advances a type step by one key (or a shift / digits switch towards
  // it); fails the step when no key on screen can type it.
  void TypeNextKey(AppState& state, const ScriptStep& step);

  std::vector<ScriptStep> steps_;
  std::string file_name_;
  size_t next_ = 0;
  bool failed_ = false;
  std::string failure_;
  ClickPhase click_ = ClickPhase::kNone;
  ImVec2 click_at_;
  int settle_frames_ = 0;
  // A tap waits until its target sits in the same place on two frames in a
  // row (a list closing or a scroll can move it), at most kMaxWaitFrames.
  ImVec2 seen_min_{-1, -1}, seen_max_{-1, -1};
  int steady_frames_ = 0;
  // A type step: the keys still to press, and how many mode switches were
  // tried for the current key (shift, digits) before giving up.
  std::u32string keys_;
  bool typing_ = false;
  int switches_ = 0;
  int64_t wait_deadline_ms_ = -1;
};

}  // namespace dvc::kiosk
