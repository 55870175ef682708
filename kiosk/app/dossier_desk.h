// The seam between the kiosk UI and what stores and prints dossiers: the
// app's actions call it between frames, never draw code. The production
// implementation (OutboxDesk) wraps the SQLite outbox of kiosk/outbox and the
// receipt renderer of shared/receipt; tests may substitute their own.
// Thread-safety: called from the main thread only.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "core/status.h"
#include "dossier/dossier_code.h"
#include "receipt/receipt_data.h"

namespace dvc::kiosk {

// A scan picked for an attachment field; the desk copies it into the
// outbox's content store at submit.
struct DraftAttachment {
  std::string field;  // the attachment field's id
  std::string path;   // the scan file, as ListScans found it
  friend bool operator==(const DraftAttachment&, const DraftAttachment&) = default;
};

// A validated submission from the form wizard.
struct SubmissionDraft {
  const catalog::Service* service = nullptr;  // not owned
  nlohmann::json answers;      // ValidateAnswers' normalised answers (hidden fields removed)
  std::string applicant_name;  // for the receipt
  std::string phone;           // E.164 without '+', as validation stored it; may be empty
  // Scans for the visible attachment fields (answers carry none: the desk
  // adds each stored file's hash to its field's answer).
  std::vector<DraftAttachment> attachments;
};

// What the status look-up shows.
struct DossierSummary {
  receipt::ReceiptData receipt;
  catalog::Text status;  // the dossier's status, for a resident
};

// Where Print sent a receipt: the screen says which.
struct PrintOutcome {
  bool on_paper = false;  // true: the printer took it; false: only saved as files
  std::string where;      // the printer device, or the PNG file's path
};

class DossierDesk {
 public:
  virtual ~DossierDesk() = default;
  // Commits the dossier durably with its code and returns its signed receipt.
  // Errors: whatever stopped the commit (the receipt must then not be shown).
  virtual Result<receipt::ReceiptData> Submit(const SubmissionDraft& draft) = 0;
  // The dossier this kiosk holds with `code`; nullopt when none.
  virtual Result<std::optional<DossierSummary>> Find(const dossier::DossierCode& code) = 0;
  // Prints the receipt (or writes PNG and ESC/POS files when no printer is
  // configured). Returns which of the two happened and where, for the status line.
  virtual Result<PrintOutcome> Print(const receipt::ReceiptData& receipt) = 0;
};

}  // namespace dvc::kiosk
