#include "app/app.h"

#include <SDL.h>

#include <algorithm>

#include "app/staff_actions.h"
#include "calendar/local_time.h"
#include "dossier/dossier_code.h"
#include "dossier/status.h"

namespace dvc::kiosk {
namespace {

// Event types that are a resident's input (restart the idle timer).
bool IsInput(Uint32 type) {
  switch (type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
      return true;
    default:
      return false;
  }
}

// The text answer of `field_id` ("" when unanswered).
std::string AnswerText(const nlohmann::json& answers, const std::string& field_id) {
  auto it = answers.find(field_id);
  return it != answers.end() && it->is_string() ? it->get<std::string>() : "";
}

void Submit(AppState& state) {
  ResidentSession& s = state.session;
  if (!s.form || !s.consent) return;
  const catalog::ValidationResult checked = s.form->Finish(state.Validation());
  if (!checked.ok()) {
    s.error_message = checked.errors.front().text.In(state.lang());
    return;
  }
  if (!state.desk) {
    s.error_message = state.F(StringId::kSubmitFailed, {{"reason", "no outbox"}});
    return;
  }
  if (const std::vector<const catalog::Field*> missing = MissingAttachments(state);
      !missing.empty()) {
    s.error_message = AttachmentsMissingText(state, missing);
    return;
  }
  SubmissionDraft draft;
  draft.service = &s.form->service();
  draft.answers = checked.answers;
  // The form names the person who submits (not the newborn or the deceased
  // the dossier is about); the loader checked both fields are always shown.
  draft.applicant_name = AnswerText(checked.answers, s.form->form().applicant_name_field);
  draft.phone = AnswerText(checked.answers, s.form->form().applicant_phone_field);
  draft.attachments = DraftAttachments(state);
  Result<receipt::ReceiptData> receipt = state.desk->Submit(draft);
  if (!receipt.ok()) {
    s.error_message = state.F(StringId::kSubmitFailed, {{"reason", receipt.status().message()}});
    return;
  }
  // The dossier is queued: the sync worker sends it without waiting for its interval.
  if (state.sync) {
    state.sync->Notify();
    ++state.sync_notified;
  }
  // Only a committed dossier gets its receipt screen.
  Result<receipt::QrMatrix> qr = receipt::QrModules(receipt->qr_text);
  const catalog::Language language = s.language;
  s = ResidentSession{};
  s.language = language;
  Result<dossier::DossierCode> code = dossier::ParseDossierCode(receipt->dossier_code);
  s.receipt_code_display = code.ok() ? code->Display() : receipt->dossier_code;
  s.receipt = std::move(*receipt);
  if (qr.ok()) s.qr = std::move(*qr);
  state.GoTo(Screen::kReceipt);
}

void Lookup(AppState& state) {
  ResidentSession& s = state.session;
  s.lookup_result.reset();
  s.lookup_message.clear();
  s.lookup_remote.reset();
  s.lookup_serial = 0;
  std::variant<dossier::DossierCode, dossier::CodeProblem> examined =
      dossier::ExamineDossierCode(s.lookup_code);
  if (const auto* problem = std::get_if<dossier::CodeProblem>(&examined)) {
    using Kind = dossier::CodeProblem::Kind;
    switch (problem->kind) {
      case Kind::kEmpty:
        s.lookup_message = state.S(StringId::kLookupEmpty);
        break;
      case Kind::kWrongLength:
        s.lookup_message =
            state.F(StringId::kLookupWrongLength, {{"n", std::to_string(problem->length)}});
        break;
      case Kind::kBadCharacter:
        s.lookup_message =
            state.F(StringId::kLookupBadCharacter,
                    {{"pos", std::to_string(problem->position)}, {"ch", problem->character}});
        break;
      case Kind::kCheckMismatch:
        s.lookup_message = state.S(StringId::kLookupCheckMismatch);
        break;
    }
    return;
  }
  const dossier::DossierCode& code = std::get<dossier::DossierCode>(examined);
  Result<std::optional<DossierSummary>> found =
      state.desk ? state.desk->Find(code) : Result<std::optional<DossierSummary>>(std::nullopt);
  if (!found.ok()) {
    s.lookup_message = found.status().message();
  } else if (!found->has_value() && state.sync) {
    // Filed at another commune or at the counter: the province knows. The
    // worker asks it; the screen says so meanwhile (CollectRemoteLookup).
    s.lookup_serial = state.sync->RequestLookup(code.compact());
  } else if (!found->has_value()) {
    s.lookup_message =
        state.F(StringId::kLookupNotFound,
                {{"code", code.Display()}, {"short", state.settings.sms_short_code}});
  } else {
    s.lookup_result = std::move(**found);
  }
}

std::optional<calendar::Date> LocalDateOf(const std::optional<dossier::Timestamp>& at) {
  if (!at) return std::nullopt;
  Result<calendar::LocalDateTime> local = calendar::LocalDateTime::FromUnixSeconds(
      std::chrono::duration_cast<std::chrono::seconds>(at->time_since_epoch()).count());
  if (!local.ok()) return std::nullopt;
  return local->date;
}

void Print(AppState& state) {
  ResidentSession& s = state.session;
  if (!s.receipt || !state.desk) return;
  Result<PrintOutcome> outcome = state.desk->Print(*s.receipt);
  if (!outcome.ok()) {
    s.print_message =
        state.F(StringId::kReceiptPrintFailed, {{"reason", outcome.status().message()}});
    return;
  }
  // Only paper in the tray is "printed"; saved files wait for the staff.
  s.print_message =
      state.S(outcome->on_paper ? StringId::kReceiptPrinted : StringId::kReceiptSaved);
}

}  // namespace

std::string AttachmentsMissingText(const AppState& state,
                                   const std::vector<const catalog::Field*>& missing) {
  std::string names;
  for (const catalog::Field* field : missing) {
    names += (names.empty() ? "" : ", ") + field->label.In(state.lang());
  }
  return state.F(StringId::kAttachMissing, {{"names", names}});
}

void CollectRemoteLookup(AppState& state) {
  ResidentSession& s = state.session;
  const RemoteLookup& reply = state.link.lookup;
  if (s.lookup_serial == 0 || reply.serial != s.lookup_serial) return;
  s.lookup_serial = 0;
  Result<dossier::DossierCode> parsed = dossier::ParseDossierCode(reply.code);
  const std::string display = parsed.ok() ? parsed->Display() : reply.code;
  switch (reply.outcome) {
    case RemoteLookupOutcome::kFound:
      if (reply.answer) {
        RemoteDossierView view;
        view.code_display = display;
        view.status.vi = std::string(dossier::StatusLabelVi(reply.answer->status));
        view.status.en = std::string(dossier::StatusLabelEn(reply.answer->status));
        view.received = LocalDateOf(reply.answer->received_at);
        view.appointment = reply.answer->official_appointment;
        s.lookup_remote = std::move(view);
        return;
      }
      break;  // a found answer without its dossier: treat as unreachable
    case RemoteLookupOutcome::kNotFound:
      s.lookup_message = state.F(StringId::kLookupRemoteNotFound, {{"code", display}});
      return;
    case RemoteLookupOutcome::kMistyped:
      s.lookup_message = state.F(StringId::kLookupRemoteMistyped, {{"code", display}});
      return;
    case RemoteLookupOutcome::kUnreachable:
      break;
  }
  s.lookup_message = state.F(StringId::kLookupUnreachable,
                             {{"code", display}, {"short", state.settings.sms_short_code}});
}

void ExecuteAction(AppState& state, const Action& action) {
  struct Run {
    AppState& state;
    void operator()(const ActionSubmit&) { Submit(state); }
    void operator()(const ActionPrint&) { Print(state); }
    void operator()(const ActionLookup&) { Lookup(state); }
    void operator()(const ActionWipe&) { state.FinishResident(); }
    void operator()(const ActionCheckPin&) { CheckPin(state); }
    void operator()(const ActionOpenOutbox&) { OpenOutbox(state); }
    void operator()(const ActionReprint&) { Reprint(state); }
    void operator()(const ActionOpenScanPicker&) {
      OpenScanPicker(state, state.staff.picker_field);
    }
    void operator()(const ActionLoadThumbnails&) { LoadThumbnails(state); }
    void operator()(const ActionOpenSettings&) { OpenSettings(state); }
    void operator()(const ActionSaveSettings&) { SaveSettings(state); }
  };
  std::visit(Run{state}, action);
}

void ExecuteQueuedActions(AppState& state) {
  // Only the actions queued before this call: one that queues another (the
  // thumbnails, a batch at a time) runs it after the next frame.
  std::deque<Action> queued;
  queued.swap(state.actions);
  for (const Action& action : queued) ExecuteAction(state, action);
}

bool App::PumpEvents(int timeout_ms) {
  bool input = false;
  SDL_Event event;
  bool have = timeout_ms < 0 ? SDL_PollEvent(&event) : SDL_WaitEventTimeout(&event, timeout_ms);
  while (have) {
    platform_.ProcessEvent(event);
    if (event.type == SDL_QUIT) state_.quit = true;
    if (IsInput(event.type)) input = true;
    have = SDL_PollEvent(&event);
  }
  return input;
}

int64_t App::IdleSecondsLeft() {
  if (state_.screen == Screen::kWelcome) {
    state_.idle.Touch(state_.now_ms);  // nothing to wipe at the welcome screen
    return 0;
  }
  switch (state_.idle.Phase(state_.now_ms)) {
    case IdlePhase::kActive:
      return 0;
    case IdlePhase::kWarning:
      return state_.idle.SecondsLeft(state_.now_ms);
    case IdlePhase::kExpired:
      state_.WipeSession();
      state_.idle.Touch(state_.now_ms);
      return 0;
  }
  return 0;
}

void UpdateToday(AppState& state, int64_t unix_seconds) {
  // A clock that cannot be read as a local time keeps the last good date.
  Result<calendar::LocalDateTime> now = calendar::LocalDateTime::FromUnixSeconds(unix_seconds);
  if (now.ok()) state.today = now->date;
}

void App::Frame(FrameObserver* observer) {
  state_.now_ms = static_cast<int64_t>(SDL_GetTicks64());
  UpdateToday(state_, unix_now_());
  // The worker's figures for staff mode and scripts, never waiting for it.
  if (state_.sync) state_.sync->TrySnapshot(&state_.link);
  CollectRemoteLookup(state_);
  const int64_t idle_left = IdleSecondsLeft();
  platform_.BeginBackendFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (observer) observer->BeforeNewFrame(state_, io);
  ImGui::NewFrame();
  draw_(state_, idle_left);
  platform_.RenderFrame();
  if (observer) observer->AfterRender(state_, platform_);
  platform_.Present();
  ExecuteQueuedActions(state_);
}

void App::Run(FrameObserver* observer) {
  // A few frames after input let ImGui settle (press, release, new screen).
  int settle_frames = 3;
  while (!state_.quit && !(observer && observer->Finished())) {
    int timeout = -1;
    if (!observer && settle_frames <= 0 && state_.actions.empty()) {
      const int64_t now = static_cast<int64_t>(SDL_GetTicks64());
      int64_t wait = state_.screen == Screen::kWelcome
                         ? 60'000
                         : std::clamp<int64_t>(state_.idle.MsUntilNextChange(now), 1, 60'000);
      // A staff lockout counts down on the PIN pad once a second.
      if (state_.screen == Screen::kStaffPin && state_.staff.locked_until_ms > now) {
        wait = std::min<int64_t>(wait, 1000);
      }
      // The sync screen follows the worker once a second.
      if (state_.screen == Screen::kStaffSync) wait = std::min<int64_t>(wait, 1000);
      // A look-up asked of the province: show its answer soon after it comes.
      if (state_.session.lookup_serial != 0) wait = std::min<int64_t>(wait, 200);
      timeout = static_cast<int>(wait);
    }
    if (PumpEvents(timeout)) {
      state_.idle.Touch(static_cast<int64_t>(SDL_GetTicks64()));
      settle_frames = 3;
    }
    Frame(observer);
    --settle_frames;
  }
}

}  // namespace dvc::kiosk
