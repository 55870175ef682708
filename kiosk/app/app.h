// App: the kiosk's event loop. Each iteration waits for input (or the next
// timer), runs one ImGui frame drawn from AppState by a flat dispatch, renders
// it, then executes the actions the draw code queued (submit, print, look up,
// wipe). An idle kiosk sleeps in SDL_WaitEventTimeout until the idle timer
// next changes what is shown, so it redraws only on input or timers.
//
// Thread-safety: main thread only. Borrows the Platform and AppState.
#pragma once

#include <imgui.h>

#include <functional>

#include "app/app_state.h"
#include "platform/platform.h"

namespace dvc::kiosk {

// Drives the UI instead of a finger (the script player) and sees each frame.
class FrameObserver {
 public:
  virtual ~FrameObserver() = default;
  // Called after the backends' NewFrame and before ImGui::NewFrame: may set
  // io.MousePos and io.MouseDown[0] to inject a touch.
  virtual void BeforeNewFrame(AppState& state, ImGuiIO& io) = 0;
  // Called after the frame is rendered, before it is presented: may check
  // the registry and read the pixels back.
  virtual void AfterRender(AppState& state, Platform& platform) = 0;
  // True when the loop should stop.
  virtual bool Finished() const = 0;
};

// Draws one frame of the UI; `idle_seconds_left` > 0 shows the idle warning.
using DrawFunction = std::function<void(AppState&, int64_t idle_seconds_left)>;

class App {
 public:
  // `unix_now` gives the wall clock in seconds (tests pass a fake); every
  // frame sets state.today from it, so "today" turns at midnight.
  App(Platform& platform, AppState& state, DrawFunction draw, std::function<int64_t()> unix_now)
      : platform_(platform),
        state_(state),
        draw_(std::move(draw)),
        unix_now_(std::move(unix_now)) {}

  // Runs until the window is closed, state.quit is set or `observer` (may
  // be null) is finished.
  void Run(FrameObserver* observer);
  // One frame (for --screenshot and benchmarks).
  void Frame(FrameObserver* observer);

 private:
  // Waits for events up to `timeout_ms` (-1: no wait) and hands them to ImGui.
  // Returns true when any resident input arrived.
  bool PumpEvents(int timeout_ms);
  int64_t IdleSecondsLeft();

  Platform& platform_;
  AppState& state_;
  DrawFunction draw_;
  std::function<int64_t()> unix_now_;
};

// Sets state.today to the local (Vietnam) date at `unix_seconds`; keeps the
// previous date when the clock is out of range.
void UpdateToday(AppState& state, int64_t unix_seconds);

// Takes the province's answer to the session's pending look-up from
// state.link (the worker's latest snapshot) into the session: the status and
// dates, or the message for not found / mistyped / unreachable. Does nothing
// while the answer has not come, or when it answers an older request.
// Called by App after each snapshot copy; no I/O.
void CollectRemoteLookup(AppState& state);

// Executes one queued action against the state's desks (between frames).
void ExecuteAction(AppState& state, const Action& action);
// Executes the actions queued so far, in order; those they queue wait for
// the next call (after the next frame).
void ExecuteQueuedActions(AppState& state);

// "Còn thiếu giấy tờ đính kèm: Giấy chứng sinh. ..." for the review screen
// and a refused submit.
std::string AttachmentsMissingText(const AppState& state,
                                   const std::vector<const catalog::Field*>& missing);

}  // namespace dvc::kiosk
