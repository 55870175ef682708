// OutboxDesk: the production DossierDesk over the kiosk's SQLite outbox
// (kiosk/outbox), its identity key (receipt QR signatures), the working
// calendar (appointment dates) and the receipt renderer (printing).
//
// Thread-safety: main thread only (the app's action step).
// Ownership: owns the outbox, identity and renderer; borrows the catalog data
// and config, which must outlive it.
#pragma once

#include <functional>
#include <memory>

#include "app/app_state.h"
#include "app/dossier_desk.h"
#include "calendar/working_calendar.h"
#include "config/kiosk_config.h"
#include "outbox/kiosk_identity.h"
#include "outbox/outbox.h"
#include "receipt/receipt_renderer.h"

namespace dvc::kiosk {

class OutboxDesk : public DossierDesk {
 public:
  // Opens the outbox and the identity key in config.data_dir and the receipt
  // fonts. `unix_now` gives the current time (seconds); tests pass a fake.
  // Errors: as Outbox::Open, KioskIdentity::LoadOrCreate, HolidayData::LoadFile
  // and ReceiptRenderer::Open.
  static Result<std::unique_ptr<OutboxDesk>> Open(const KioskConfig& config, const KioskData& data,
                                                  std::function<int64_t()> unix_now);

  Result<receipt::ReceiptData> Submit(const SubmissionDraft& draft) override;
  Result<std::optional<DossierSummary>> Find(const dossier::DossierCode& code) override;
  Result<std::string> Print(const receipt::ReceiptData& receipt) override;

 private:
  OutboxDesk(const KioskConfig& config, const KioskData& data, std::function<int64_t()> unix_now,
             std::unique_ptr<Outbox> outbox, KioskIdentity identity,
             calendar::WorkingCalendar calendar,
             std::unique_ptr<receipt::ReceiptRenderer> renderer);
  // The receipt fields of a stored dossier (no QR signature yet).
  receipt::ReceiptData ReceiptFor(const catalog::Service& service, const std::string& code,
                                  const std::string& applicant, const std::string& phone,
                                  const calendar::LocalDateTime& received,
                                  const calendar::LocalDateTime& appointment) const;

  const KioskConfig& config_;
  const KioskData& data_;
  std::function<int64_t()> unix_now_;
  std::unique_ptr<Outbox> outbox_;
  KioskIdentity identity_;
  calendar::WorkingCalendar calendar_;
  std::unique_ptr<receipt::ReceiptRenderer> renderer_;
};

}  // namespace dvc::kiosk
