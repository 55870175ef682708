// The actions of staff mode and of attachments, executed between frames by
// ExecuteAction (app.h): they call the StaffDesk (PIN hash, SQL, file I/O,
// image decoding), which draw code never does.
// Thread-safety: main thread only.
#pragma once

#include <string>
#include <vector>

#include "app/app_state.h"

namespace dvc::kiosk {

// Checks state.staff.pin. Accepted: staff mode opens (staff home), or, when
// the PIN was asked for a resident's attachment, the session may attach and
// the scan picker opens for that field. Otherwise the pad shows why (tries
// left, the lockout's time left, no PIN set). The typed PIN is always cleared.
void CheckPin(AppState& state);
// Loads the outbox list and shows it (the error in staff.message on failure).
void OpenOutbox(AppState& state);
// Prints staff.dossiers[staff.selected] through the DossierDesk; says where.
void Reprint(AppState& state);
// Lists the scans and shows the picker for `field_id`, then queues the
// thumbnails of its first page. Refused (nothing happens) unless staff mode
// is on or the session's attachments were unlocked by the PIN.
void OpenScanPicker(AppState& state, const std::string& field_id);
// Decodes and uploads up to a few missing thumbnails of the picker's page and
// queues itself again while some remain, so a frame is drawn between batches.
void LoadThumbnails(AppState& state);
// Copies the settings in force into staff.settings and shows the settings screen.
void OpenSettings(AppState& state);
// Saves staff.settings; on success the idle timeout and the default language
// apply at once (the printer at the next print).
void SaveSettings(AppState& state);

// The visible attachment fields of the session's form whose picked scans are
// fewer than required (min_files, or 1 for a required field), in form order.
std::vector<const catalog::Field*> MissingAttachments(const AppState& state);
// The picked scans of the visible attachment fields, for SubmissionDraft.
std::vector<DraftAttachment> DraftAttachments(const AppState& state);

// Picks or unpicks `scan` for the picker's field (no I/O: draw code calls it).
void ToggleScan(AppState& state, const ScanFile& scan);

}  // namespace dvc::kiosk
