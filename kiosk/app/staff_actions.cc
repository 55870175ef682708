#include "app/staff_actions.h"

#include <algorithm>
#include <span>

#include "dossier/dossier_code.h"

namespace dvc::kiosk {
namespace {

// Thumbnails decoded per action, so the screen keeps answering between batches.
constexpr size_t kThumbnailsPerBatch = 2;
// How many dossiers the outbox list loads (newest first).
constexpr size_t kOutboxListLimit = 200;

void SayError(AppState& state, const Status& status) {
  state.staff.message = state.F(StringId::kStaffError, {{"reason", status.message()}});
  state.staff.message_is_error = true;
}

void Say(AppState& state, std::string text) {
  state.staff.message = std::move(text);
  state.staff.message_is_error = false;
}

// The picker's page of scans.
std::span<const ScanFile> PageOfScans(const AppState& state) {
  const std::vector<ScanFile>& scans = state.staff.scans;
  const size_t first = std::min(scans.size(), state.staff.picker_page * kScansPerPage);
  const size_t last = std::min(scans.size(), first + kScansPerPage);
  return std::span<const ScanFile>(scans).subspan(first, last - first);
}

bool HasThumbnail(const AppState& state, const ScanFile& scan) {
  auto it = state.thumbnails.find(scan.path);
  return it != state.thumbnails.end() && it->second.size == scan.size &&
         it->second.modified_unix == scan.modified_unix;
}

bool WantsThumbnail(const AppState& state, const ScanFile& scan) {
  return scan.kind != ScanKind::kPdf && !scan.too_large && !HasThumbnail(state, scan);
}

// Drops the least recently used textures beyond kMaxThumbnailTextures.
void EvictThumbnails(AppState& state) {
  while (state.thumbnails.size() > kMaxThumbnailTextures) {
    auto oldest = std::min_element(
        state.thumbnails.begin(), state.thumbnails.end(),
        [](const auto& a, const auto& b) { return a.second.last_used < b.second.last_used; });
    if (oldest->second.texture && state.textures) state.textures->Release(oldest->second.texture);
    state.thumbnails.erase(oldest);
  }
}

// Whether the picker may open for this session.
bool MayAttach(const AppState& state) { return state.staff.active || state.session.staff_attach; }

}  // namespace

void CheckPin(AppState& state) {
  StaffState& staff = state.staff;
  const std::string pin = std::move(staff.pin);
  staff.pin.clear();
  if (!state.staff_desk) return;
  Result<PinCheck> check = state.staff_desk->VerifyPin(pin);
  if (!check.ok()) {
    staff.pin_message = state.F(StringId::kStaffError, {{"reason", check.status().message()}});
    return;
  }
  staff.locked_until_ms = 0;
  switch (check->outcome) {
    case PinOutcome::kAccepted: {
      staff.pin_message.clear();
      const std::string field = std::move(staff.pin_for_field);
      staff.pin_for_field.clear();
      if (field.empty()) {
        staff.active = true;
        state.staff.message.clear();
        state.GoTo(Screen::kStaffHome);
      } else {
        state.session.staff_attach = true;
        OpenScanPicker(state, field);
      }
      return;
    }
    case PinOutcome::kWrongPin:
      staff.pin_message =
          state.F(StringId::kStaffPinWrong, {{"n", std::to_string(check->attempts_left)}});
      return;
    case PinOutcome::kLockedOut:
      staff.locked_until_ms = state.now_ms + 1000 * check->retry_after.count();
      staff.pin_message.clear();  // the pad shows the time left from locked_until_ms
      return;
    case PinOutcome::kNoPinSet:
      staff.pin_message = state.S(StringId::kStaffPinNoPin);
      return;
  }
}

void OpenOutbox(AppState& state) {
  if (!state.staff.active || !state.staff_desk) return;
  Result<std::vector<DossierSummary>> list = state.staff_desk->ListDossiers(kOutboxListLimit);
  state.staff.message.clear();
  state.staff.dossiers.clear();
  state.staff.outbox_page = 0;
  if (!list.ok()) {
    SayError(state, list.status());
  } else {
    state.staff.dossiers = std::move(*list);
  }
  state.staff.codes_display.clear();
  for (const DossierSummary& d : state.staff.dossiers) {
    Result<dossier::DossierCode> code = dossier::ParseDossierCode(d.receipt.dossier_code);
    state.staff.codes_display.push_back(code.ok() ? code->Display() : d.receipt.dossier_code);
  }
  state.GoTo(Screen::kStaffOutbox);
}

void Reprint(AppState& state) {
  StaffState& staff = state.staff;
  if (!staff.active || !state.desk || staff.selected >= staff.dossiers.size()) return;
  Result<PrintOutcome> outcome = state.desk->Print(staff.dossiers[staff.selected].receipt);
  if (!outcome.ok()) {
    SayError(state, outcome.status());
    return;
  }
  Say(state, outcome->on_paper
                 ? state.S(StringId::kStaffReprintPrinted)
                 : state.F(StringId::kStaffReprintSaved, {{"where", outcome->where}}));
}

void OpenScanPicker(AppState& state, const std::string& field_id) {
  if (!MayAttach(state) || !state.staff_desk || !state.session.form) return;
  const catalog::Field* field = state.session.form->form().FindField(field_id);
  if (!field || field->type != catalog::FieldType::kAttachment) return;
  state.staff.picker_field = field_id;
  state.staff.scans = state.staff_desk->ListScans();
  state.staff.picker_page = 0;
  state.GoTo(Screen::kScanPicker);
  state.actions.push_back(ActionLoadThumbnails{});
}

void LoadThumbnails(AppState& state) {
  if (state.screen != Screen::kScanPicker || !state.staff_desk || !state.textures) return;
  size_t done = 0;
  for (const ScanFile& scan : PageOfScans(state)) {
    if (!WantsThumbnail(state, scan)) continue;
    if (done == kThumbnailsPerBatch) {
      state.actions.push_back(ActionLoadThumbnails{});  // more after the next frame
      break;
    }
    ++done;
    ThumbnailTexture entry{scan.size, scan.modified_unix};
    // A file that cannot be decoded keeps a null texture: the tile says so
    // by its label alone, and it is not tried again every frame.
    if (Result<Thumbnail> thumb = state.staff_desk->LoadThumbnail(scan.path); thumb.ok()) {
      if (Result<ImTextureID> texture = state.textures->Upload(*thumb); texture.ok()) {
        entry.texture = *texture;
        entry.width = thumb->width;
        entry.height = thumb->height;
      }
    }
    auto old = state.thumbnails.find(scan.path);
    if (old != state.thumbnails.end() && old->second.texture) {
      state.textures->Release(old->second.texture);
    }
    entry.last_used = ++state.thumbnail_clock;
    state.thumbnails[scan.path] = entry;
  }
  for (const ScanFile& scan : PageOfScans(state)) {
    auto it = state.thumbnails.find(scan.path);
    if (it != state.thumbnails.end()) it->second.last_used = ++state.thumbnail_clock;
  }
  EvictThumbnails(state);
}

void OpenSettings(AppState& state) {
  if (!state.staff.active || !state.staff_desk) return;
  state.staff.settings = state.staff_desk->Settings();
  state.staff.message.clear();
  state.GoTo(Screen::kStaffSettings);
}

void SaveSettings(AppState& state) {
  if (!state.staff.active || !state.staff_desk) return;
  const StaffSettings& wanted = state.staff.settings;
  if (Status saved = state.staff_desk->SaveSettings(wanted); !saved.ok()) {
    state.staff.message = state.F(StringId::kSettingsFailed, {{"reason", saved.message()}});
    state.staff.message_is_error = true;
    return;
  }
  state.idle.SetQuietMs(1000 * wanted.idle_timeout_s);
  state.settings.default_language =
      wanted.language == "en" ? catalog::Language::kEn : catalog::Language::kVi;
  Say(state, state.S(StringId::kSettingsSaved));
}

namespace {

// The attachment fields of the pages the session currently shows, in order.
std::vector<const catalog::Field*> ShownAttachmentFields(const AppState& state) {
  std::vector<const catalog::Field*> fields;
  if (!state.session.form) return fields;
  const FormSession& form = *state.session.form;
  const catalog::ValidationContext ctx = state.Validation();
  for (size_t page : form.ShownPages(ctx)) {
    for (const catalog::Field* field : form.ShownFields(page, ctx)) {
      if (field->type == catalog::FieldType::kAttachment) fields.push_back(field);
    }
  }
  return fields;
}

}  // namespace

std::vector<const catalog::Field*> MissingAttachments(const AppState& state) {
  std::vector<const catalog::Field*> missing;
  for (const catalog::Field* field : ShownAttachmentFields(state)) {
    const int64_t needed = std::max<int64_t>(field->min_files.value_or(0), field->required);
    auto it = state.session.attached.find(field->id);
    const int64_t have = it == state.session.attached.end() ? 0 : it->second.size();
    if (have < needed) missing.push_back(field);
  }
  return missing;
}

std::vector<DraftAttachment> DraftAttachments(const AppState& state) {
  std::vector<DraftAttachment> out;
  for (const catalog::Field* field : ShownAttachmentFields(state)) {
    auto it = state.session.attached.find(field->id);
    if (it == state.session.attached.end()) continue;
    for (const ScanFile& scan : it->second) out.push_back({field->id, scan.path});
  }
  return out;
}

void ToggleScan(AppState& state, const ScanFile& scan) {
  if (!MayAttach(state) || scan.too_large || state.staff.picker_field.empty()) return;
  std::vector<ScanFile>& picked = state.session.attached[state.staff.picker_field];
  auto it = std::find_if(picked.begin(), picked.end(),
                         [&](const ScanFile& p) { return p.path == scan.path; });
  const catalog::Field* field =
      state.session.form ? state.session.form->form().FindField(state.staff.picker_field) : nullptr;
  const size_t max_files = static_cast<size_t>(
      field && field->max_files ? *field->max_files : catalog::kDefaultMaxFiles);
  if (it != picked.end()) {
    picked.erase(it);
  } else if (picked.size() < max_files) {
    picked.push_back(scan);
  }
  if (picked.empty()) state.session.attached.erase(state.staff.picker_field);
}

}  // namespace dvc::kiosk
