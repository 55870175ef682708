// AppState: everything a frame is drawn from. Each screen's Draw(AppState&)
// reads it and pushes Actions; App executes the actions between frames
// (submit, print, look up), so draw code never does SQL or file I/O.
//
// Thread-safety: main thread only. Owned by App.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/dossier_desk.h"
#include "app/form_session.h"
#include "app/idle_timer.h"
#include "app/staff_desk.h"
#include "app/ui_strings.h"
#include "calendar/date.h"
#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/search.h"
#include "catalog/units.h"
#include "platform/texture_store.h"
#include "receipt/qr_code.h"
#include "sync/sync_worker.h"
#include "widgets/keyboard.h"
#include "widgets/touch_widgets.h"

namespace dvc::kiosk {

struct KioskConfig;

// Screens, in the order of chrome.cc's help table.
enum class Screen {
  kWelcome,
  kSearch,
  kDetail,
  kForm,
  kReview,
  kReceipt,
  kLookup,
  kStaffPin,
  kStaffHome,
  kStaffOutbox,
  kStaffDossier,
  kScanPicker,
  kStaffSettings,
  kStaffSync,
};

// Read-only data loaded once at start. Not owned by AppState.
struct KioskData {
  catalog::Catalog catalog;
  catalog::SearchIndex search;
  catalog::UnitTable units;
  catalog::ReferenceData reference;
  // The browse lists, sorted once by their Vietnamese names' SearchKey
  // (BuildBrowseLists); they point into `catalog`.
  std::vector<const catalog::Service*> services_by_name;
  std::vector<const catalog::Agency*> lead_agencies_by_name;  // lead agencies in use

  // Fills the browse lists. Call once the data is at its final address (the
  // lists point into it).
  void BuildBrowseLists();
};

// Loads the catalog, units and reference tables `config` names, builds the
// search index and the browse lists. The data stays where it is returned (the
// browse lists point into it). Errors: the loaders' (file and JSON path).
Result<std::unique_ptr<KioskData>> LoadKioskData(const KioskConfig& config);

// Settings the screens need (from KioskConfig and flags).
struct KioskSettings {
  catalog::Language default_language = catalog::Language::kVi;
  std::string province_code;  // communes offered by the address picker
  std::string commune_name;
  std::string sms_short_code;
};

// Which text a keyboard edits: a field (or an address part), the search
// box, the commune filter or the look-up code.
struct EditTarget {
  enum class Kind { kNone, kField, kAddressDetail, kCommuneFilter, kSearch, kLookup, kPrinter };
  Kind kind = Kind::kNone;  // kPrinter: the settings' printer device path
  std::string field_id;
  friend bool operator==(const EditTarget&, const EditTarget&) = default;
};

// A dossier of another commune (or the counter's) as the province reports it:
// status and dates only, ready to draw.
struct RemoteDossierView {
  std::string code_display;                   // with its dashes
  catalog::Text status;                       // the status's name for a resident
  std::optional<calendar::Date> received;     // local date the province received it
  std::optional<calendar::Date> appointment;  // the official appointment
};

// The resident's session: wiped on timeout, on "Trang đầu" and after the receipt.
struct ResidentSession {
  catalog::Language language = catalog::Language::kVi;
  std::string service_id;
  std::optional<FormSession> form;
  size_t page = 0;  // index into FormSession::ShownPages
  bool consent = false;
  // Cross-field messages from the final check (a citizen ID's birth year), by field id.
  std::map<std::string, catalog::Text> final_errors;
  bool scroll_to_editing = false;  // bring the field being typed into view once
  // The form page whose fields were last drawn; another page (or a new
  // session) opens scrolled to its top.
  size_t fields_page_shown = SIZE_MAX;
  bool page_refused = false;  // "Tiếp theo" found problems on this page
  EditTarget editing;
  std::string commune_filter;
  // The communes matching commune_filter on `commune_matches_day`, searched
  // again only when either changes.
  std::vector<const catalog::Unit*> commune_matches;
  std::optional<std::string> commune_matches_filter;  // nullopt: not searched yet
  calendar::Date commune_matches_day;
  // Search and browse.
  std::string query;
  std::string browse_field;  // a catalog field id, or empty
  std::string browse_agency;
  bool browse_by_agency = false;
  size_t result_page = 0;
  // The services listed for (query, browse_field, browse_agency), kept until
  // one of them changes.
  struct Listed {
    std::string query, field, agency;
    std::vector<const catalog::Service*> services;
  };
  std::optional<Listed> listed;
  // Receipt and look-up.
  std::optional<receipt::ReceiptData> receipt;
  std::optional<receipt::QrMatrix> qr;
  std::string receipt_code_display;  // the dossier code with its dashes, parsed once
  std::string print_message;
  std::string lookup_code;
  std::string lookup_message;
  std::optional<DossierSummary> lookup_result;
  // A code this kiosk does not hold, asked of the province through the sync
  // worker: the request's serial while its answer is awaited (0: none), then
  // what the province said.
  uint64_t lookup_serial = 0;
  std::optional<RemoteDossierView> lookup_remote;
  std::string error_message;  // a failed submit, shown on the review screen
  bool show_help = false;
  // Scans picked for attachment fields, by field id (copied into the outbox
  // at submit; hidden fields' picks are not submitted).
  std::map<std::string, std::vector<ScanFile>> attached;
  // A clerk typed the PIN for this resident's attachments ("Gọi cán bộ đính
  // kèm"): the attachment fields open the scan picker until the session ends.
  bool staff_attach = false;
};

// Staff mode: the PIN pad, the outbox list, the scan picker and settings.
// Ended (reset) by "Thoát" and by the idle wipe.
struct StaffState {
  bool active = false;  // the PIN was accepted: staff mode is on
  std::string pin;      // digits typed so far, shown as dots; cleared at each check
  std::string pin_message;
  // Why the PIN is asked: empty for staff mode, else the attachment field the
  // resident's form goes back to (through the scan picker).
  std::string pin_for_field;
  // When the lockout lifts (state.now_ms clock); 0 when not locked out.
  int64_t locked_until_ms = 0;
  // The outbox, newest first, loaded when the list opens.
  std::vector<DossierSummary> dossiers;
  std::vector<std::string> codes_display;  // each dossier's code with its dashes
  size_t outbox_page = 0;
  size_t selected = 0;  // index into dossiers on the dossier screen
  std::string message;  // the last action's outcome (reprint, list, save)
  bool message_is_error = false;
  // Scan picker: for which field, what was found, which page.
  std::string picker_field;
  std::vector<ScanFile> scans;
  size_t picker_page = 0;
  // Settings being edited (copied from the desk when the screen opens).
  StaffSettings settings;
};

// A thumbnail uploaded as a texture, by scan path (and its size and time, so
// a file replaced under the same name is decoded again).
struct ThumbnailTexture {
  uint64_t size = 0;
  int64_t modified_unix = 0;
  ImTextureID texture = nullptr;  // owned by the TextureStore; null: not an image we could decode
  int width = 0;
  int height = 0;
  uint64_t last_used = 0;  // for eviction
};

struct ActionSubmit {};
struct ActionPrint {};
struct ActionLookup {};
struct ActionWipe {};        // the resident's session wiped: back to welcome (or staff home)
struct ActionCheckPin {};    // verifies staff.pin (slow hash, never in draw code)
struct ActionOpenOutbox {};  // loads the outbox list and shows it
struct ActionReprint {};     // prints staff.dossiers[staff.selected] again
// Lists the scans and shows the picker for staff.picker_field (set by the
// draw code; an empty action keeps std::string out of the variant, where
// g++ 12 warns falsely about it).
struct ActionOpenScanPicker {};
struct ActionLoadThumbnails {};  // decodes a few thumbnails of the picker's page
struct ActionOpenSettings {};    // copies the settings in force for editing
struct ActionSaveSettings {};    // saves staff.settings and applies them
using Action = std::variant<ActionSubmit, ActionPrint, ActionLookup, ActionWipe, ActionCheckPin,
                            ActionOpenOutbox, ActionReprint, ActionOpenScanPicker,
                            ActionLoadThumbnails, ActionOpenSettings, ActionSaveSettings>;

// Scans shown per page of the picker, and thumbnails kept as textures.
inline constexpr size_t kScansPerPage = 8;
inline constexpr size_t kMaxThumbnailTextures = 48;

struct AppState {
  Screen screen = Screen::kWelcome;
  ResidentSession session;
  const KioskData* data = nullptr;   // not owned
  DossierDesk* desk = nullptr;       // not owned; null: submissions are refused
  StaffDesk* staff_desk = nullptr;   // not owned; null: staff mode cannot open
  TextureStore* textures = nullptr;  // not owned; null: the picker shows no thumbnails
  StaffState staff;
  std::map<std::string, ThumbnailTexture> thumbnails;  // by scan path
  uint64_t thumbnail_clock = 0;
  const UiStrings* strings = nullptr;
  KioskSettings settings;
  calendar::Date today;  // the local date, updated by App every frame
  Ui ui;
  UiRegistry registry;
  OnScreenKeyboard keyboard;
  NumericPad pad;
  IdleTimer idle{90'000, 20'000};
  int64_t now_ms = 0;
  // The sync with the province: null before enrolment. `link` is the
  // worker's latest snapshot, copied by App before each frame without
  // waiting; `sync_notified` counts the submissions this UI announced to it.
  SyncLink* sync = nullptr;  // not owned
  LinkSnapshot link;
  int64_t sync_notified = 0;
  std::string sync_problem;  // why an enrolled kiosk does not sync (a refused URL)
  std::deque<Action> actions;
  bool quit = false;

  // Shorthands for draw code.
  catalog::Language lang() const { return session.language; }
  const std::string& S(StringId id) const { return strings->Get(id, session.language); }
  // The on-screen keyboard's key labels in the session's language.
  KeyboardLabels KeyLabels() const;
  std::string F(StringId id,
                std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
    return strings->Format(id, session.language, args);
  }
  catalog::ValidationContext Validation() const;
  // Goes to `screen`, closing help and any keyboard.
  void GoTo(Screen next);
  // Drops the resident's session and staff mode (the idle wipe, "Thoát")
  // and shows the welcome screen.
  void WipeSession();
  // Drops the resident's session only: back to the staff home in staff mode,
  // else to the welcome screen ("Trang đầu", "Hoàn tất").
  void FinishResident();
};

}  // namespace dvc::kiosk
