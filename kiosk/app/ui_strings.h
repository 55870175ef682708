// The kiosk's UI strings: one table, assets/ui/strings.json, keyed, with a
// Vietnamese and an English text for every key (Vietnamese first).
//
// Code names strings through StringId, generated with the key list below, so
// a key used in code always exists in the list; LoadUiStrings refuses a file
// that lacks a listed key or a language, or carries a key not in the list.
// Thread-safety: a loaded UiStrings is immutable.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "catalog/bilingual.h"
#include "core/status.h"

namespace dvc::kiosk {

// X(identifier, "json.key")
#define DVC_KIOSK_STRINGS(X)                           \
  X(kAppTitle, "app.title")                            \
  X(kCommonHelp, "common.help")                        \
  X(kCommonBack, "common.back")                        \
  X(kCommonHome, "common.home")                        \
  X(kCommonClose, "common.close")                      \
  X(kCommonDone, "common.done")                        \
  X(kCommonSpace, "common.space")                      \
  X(kCommonDelete, "common.delete")                    \
  X(kCommonLanguageSwitch, "common.language_switch")   \
  X(kCommonPrevPage, "common.prev_page")               \
  X(kCommonNextPage, "common.next_page")               \
  X(kCommonPageOf, "common.page_of")                   \
  X(kKeyboardShift, "keyboard.shift")                  \
  X(kKeyboardLetters, "keyboard.letters")              \
  X(kKeyboardDigits, "keyboard.digits")                \
  X(kHelpTitle, "help.title")                          \
  X(kWelcomeGreeting, "welcome.greeting")              \
  X(kWelcomeHint, "welcome.hint")                      \
  X(kWelcomeSubmit, "welcome.submit")                  \
  X(kWelcomeLookup, "welcome.lookup")                  \
  X(kWelcomeProcedures, "welcome.procedures")          \
  X(kSearchTitle, "search.title")                      \
  X(kSearchPrompt, "search.prompt")                    \
  X(kSearchNoResults, "search.no_results")             \
  X(kSearchByField, "search.by_field")                 \
  X(kSearchByAgency, "search.by_agency")               \
  X(kSearchAll, "search.all")                          \
  X(kSearchCount, "search.count")                      \
  X(kDetailDocuments, "detail.documents")              \
  X(kDetailFee, "detail.fee")                          \
  X(kDetailFree, "detail.free")                        \
  X(kDetailDays, "detail.days")                        \
  X(kDetailDaysValue, "detail.days_value")             \
  X(kDetailSameDay, "detail.same_day")                 \
  X(kDetailLevel, "detail.level")                      \
  X(kDetailAgency, "detail.agency")                    \
  X(kDetailStart, "detail.start")                      \
  X(kDetailOriginal, "detail.original")                \
  X(kDetailCopy, "detail.copy")                        \
  X(kFormStep, "form.step")                            \
  X(kFormNext, "form.next")                            \
  X(kFormPrev, "form.prev")                            \
  X(kFormReview, "form.review")                        \
  X(kFormAttachmentPending, "form.attachment_pending") \
  X(kFormOptional, "form.optional")                    \
  X(kFormFixErrors, "form.fix_errors")                 \
  X(kFormCommune, "form.commune")                      \
  X(kFormAddressDetail, "form.address_detail")         \
  X(kFormDateHint, "form.date_hint")                   \
  X(kFormCommuneSearch, "form.commune_search")         \
  X(kReviewTitle, "review.title")                      \
  X(kReviewPurpose, "review.purpose")                  \
  X(kReviewConsent, "review.consent")                  \
  X(kReviewSubmit, "review.submit")                    \
  X(kReviewEdit, "review.edit")                        \
  X(kReviewEmpty, "review.empty")                      \
  X(kReviewYes, "review.yes")                          \
  X(kReviewConsentNeeded, "review.consent_needed")     \
  X(kSubmitFailed, "submit.failed")                    \
  X(kReceiptTitle, "receipt.title")                    \
  X(kReceiptCode, "receipt.code")                      \
  X(kReceiptReceived, "receipt.received")              \
  X(kReceiptAppointment, "receipt.appointment")        \
  X(kReceiptCollect, "receipt.collect")                \
  X(kReceiptSms, "receipt.sms")                        \
  X(kReceiptQr, "receipt.qr")                          \
  X(kReceiptPrint, "receipt.print")                    \
  X(kReceiptPrinted, "receipt.printed")                \
  X(kReceiptSaved, "receipt.saved")                    \
  X(kReceiptPrintFailed, "receipt.print_failed")       \
  X(kReceiptFinish, "receipt.finish")                  \
  X(kLookupTitle, "lookup.title")                      \
  X(kLookupPrompt, "lookup.prompt")                    \
  X(kLookupSearch, "lookup.search")                    \
  X(kLookupNotFound, "lookup.not_found")               \
  X(kLookupEmpty, "lookup.empty")                      \
  X(kLookupWrongLength, "lookup.wrong_length")         \
  X(kLookupBadCharacter, "lookup.bad_character")       \
  X(kLookupCheckMismatch, "lookup.check_mismatch")     \
  X(kLookupFound, "lookup.found")                      \
  X(kLookupAsking, "lookup.asking")                    \
  X(kLookupElsewhere, "lookup.elsewhere")              \
  X(kLookupReceived, "lookup.received")                \
  X(kLookupRemoteNotFound, "lookup.remote_not_found")  \
  X(kLookupRemoteMistyped, "lookup.remote_mistyped")   \
  X(kLookupUnreachable, "lookup.unreachable")          \
  X(kIdleTitle, "idle.title")                          \
  X(kIdleCountdown, "idle.countdown")                  \
  X(kIdleContinue, "idle.continue")                    \
  X(kHelpWelcome, "help.welcome")                      \
  X(kHelpSearch, "help.search")                        \
  X(kHelpDetail, "help.detail")                        \
  X(kHelpForm, "help.form")                            \
  X(kHelpReview, "help.review")                        \
  X(kHelpReceipt, "help.receipt")                      \
  X(kHelpLookup, "help.lookup")                        \
  X(kWelcomeStaff, "welcome.staff")                    \
  X(kStaffPinTitle, "staff.pin_title")                 \
  X(kStaffPinPrompt, "staff.pin_prompt")               \
  X(kStaffPinWrong, "staff.pin_wrong")                 \
  X(kStaffPinLocked, "staff.pin_locked")               \
  X(kStaffPinNoPin, "staff.pin_no_pin")                \
  X(kStaffHomeTitle, "staff.home_title")               \
  X(kStaffHomeHint, "staff.home_hint")                 \
  X(kStaffOutbox, "staff.outbox")                      \
  X(kStaffWalkIn, "staff.walk_in")                     \
  X(kStaffSettings, "staff.settings")                  \
  X(kStaffLeave, "staff.leave")                        \
  X(kStaffOutboxEmpty, "staff.outbox_empty")           \
  X(kStaffOutboxCount, "staff.outbox_count")           \
  X(kStaffDossierTitle, "staff.dossier_title")         \
  X(kStaffDossierState, "staff.dossier_state")         \
  X(kStaffDossierApplicant, "staff.dossier_applicant") \
  X(kStaffReprint, "staff.reprint")                    \
  X(kStaffReprintSaved, "staff.reprint_saved")         \
  X(kStaffReprintPrinted, "staff.reprint_printed")     \
  X(kStaffError, "staff.error")                        \
  X(kAttachCallStaff, "attach.call_staff")             \
  X(kAttachPick, "attach.pick")                        \
  X(kAttachAttached, "attach.attached")                \
  X(kAttachNone, "attach.none")                        \
  X(kAttachMissing, "attach.missing")                  \
  X(kPickerTitle, "picker.title")                      \
  X(kPickerEmpty, "picker.empty")                      \
  X(kPickerRescan, "picker.rescan")                    \
  X(kPickerTooLarge, "picker.too_large")               \
  X(kPickerLoading, "picker.loading")                  \
  X(kPickerSelected, "picker.selected")                \
  X(kPickerPdf, "picker.pdf")                          \
  X(kSettingsPrinter, "settings.printer")              \
  X(kSettingsPrinterHint, "settings.printer_hint")     \
  X(kSettingsPaper, "settings.paper")                  \
  X(kSettingsIdle, "settings.idle")                    \
  X(kSettingsSeconds, "settings.seconds")              \
  X(kSettingsLanguage, "settings.language")            \
  X(kSettingsSave, "settings.save")                    \
  X(kSettingsSaved, "settings.saved")                  \
  X(kSettingsFailed, "settings.failed")                \
  X(kHelpStaffPin, "help.staff_pin")                   \
  X(kHelpStaffHome, "help.staff_home")                 \
  X(kHelpStaffOutbox, "help.staff_outbox")             \
  X(kHelpStaffDossier, "help.staff_dossier")           \
  X(kHelpScanPicker, "help.scan_picker")               \
  X(kStaffSync, "staff.sync")                          \
  X(kSyncState, "sync.state")                          \
  X(kSyncNotEnrolled, "sync.not_enrolled")             \
  X(kSyncOffline, "sync.offline")                      \
  X(kSyncSyncing, "sync.syncing")                      \
  X(kSyncOnline, "sync.online")                        \
  X(kSyncRefused, "sync.refused")                      \
  X(kSyncLast, "sync.last")                            \
  X(kSyncNever, "sync.never")                          \
  X(kSyncCounts, "sync.counts")                        \
  X(kSyncClock, "sync.clock")                          \
  X(kSyncClockWarning, "sync.clock_warning")           \
  X(kSyncError, "sync.error")                          \
  X(kSyncCatalogPending, "sync.catalog_pending")       \
  X(kSyncSetAsideTitle, "sync.set_aside_title")        \
  X(kHelpStaffSync, "help.staff_sync")                 \
  X(kHelpStaffSettings, "help.staff_settings")

enum class StringId {
#define DVC_KIOSK_STRING_ENUM(id, key) id,
  DVC_KIOSK_STRINGS(DVC_KIOSK_STRING_ENUM)
#undef DVC_KIOSK_STRING_ENUM
      kCount
};

inline constexpr size_t kStringCount = static_cast<size_t>(StringId::kCount);

// The JSON key of each StringId, in enum order.
inline constexpr std::array<std::string_view, kStringCount> kStringKeys = {
#define DVC_KIOSK_STRING_KEY(id, key) key,
    DVC_KIOSK_STRINGS(DVC_KIOSK_STRING_KEY)
#undef DVC_KIOSK_STRING_KEY
};

class UiStrings {
 public:
  // The text of `id` in `lang`.
  const std::string& Get(StringId id, catalog::Language lang) const {
    return texts_[static_cast<size_t>(id)].In(lang);
  }
  // Get() with each "{name}" placeholder replaced by its value.
  std::string Format(
      StringId id, catalog::Language lang,
      std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;

 private:
  friend Result<UiStrings> ParseUiStrings(std::string_view json_text, std::string_view file_name);
  std::array<catalog::Text, kStringCount> texts_;
};

// Parses strings.json: {"key": {"vi": "...", "en": "..."}, ...}.
// Errors (kInvalidInput, naming the file and key): not JSON, a listed key
// missing, a key not in the list, "vi" or "en" missing or empty, text that is
// not valid UTF-8. Texts are stored NFC.
Result<UiStrings> ParseUiStrings(std::string_view json_text, std::string_view file_name);

// Reads and parses `path` (kIo when unreadable).
Result<UiStrings> LoadUiStrings(const std::string& path);

// Where strings.json is for a catalog folder: the UI strings ship in the same
// assets tree as the catalog (assets/catalog and assets/ui, or
// /usr/share/dvc/catalog and /usr/share/dvc/ui), so the config's catalog_dir
// locates both. "/a/catalog/" and "/a/catalog" both give "/a/ui/strings.json".
std::string UiStringsPathBeside(const std::string& catalog_dir);

}  // namespace dvc::kiosk
