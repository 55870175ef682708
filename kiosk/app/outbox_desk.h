// OutboxDesk: the production DossierDesk over the kiosk's SQLite outbox
// (kiosk/outbox), its identity key (receipt QR signatures), the working
// calendar (appointment dates) and the receipt renderer (printing).
//
// Thread-safety: main thread only (the app's action step).
// Ownership: owns the outbox, identity and renderer; borrows the catalog data
// and config, which must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "app/app_state.h"
#include "app/dossier_desk.h"
#include "calendar/working_calendar.h"
#include "config/kiosk_config.h"
#include "outbox/kiosk_identity.h"
#include "outbox/outbox.h"
#include "receipt/receipt_renderer.h"

namespace dvc::kiosk {

// How long Print waits for a printer that stopped taking bytes.
inline constexpr std::chrono::milliseconds kPrintTimeout{5000};

// Writes `job` to the printer character device `device` (/dev/usb/lp0)
// without blocking the caller for longer than `timeout` in total: the device
// is opened non-blocking and polled while it is full; EINTR is retried.
// Errors: kIo naming the device and the reason (cannot open, write failed, or
// no progress before the timeout: how many bytes it took). Thread-safety: any
// thread; nothing shared.
Status WriteToPrinter(const std::string& device, std::span<const uint8_t> job,
                      std::chrono::milliseconds timeout);

class OutboxDesk : public DossierDesk {
 public:
  // Opens the outbox and the identity key in config.data_dir and the receipt
  // fonts. `unix_now` gives the current time (seconds); tests pass a fake.
  // Errors: as Outbox::Open, KioskIdentity::LoadOrCreate, HolidayData::LoadFile
  // and ReceiptRenderer::Open.
  static Result<std::unique_ptr<OutboxDesk>> Open(const KioskConfig& config, const KioskData& data,
                                                  std::function<int64_t()> unix_now);

  // Copies the draft's scans into the attachment store first (a failed
  // submit leaves only content-addressed files, reused by the next attempt).
  // The receipt's QR is signed inside the outbox's transaction and its text
  // stored with the dossier; the receipt returned carries exactly that text.
  Result<receipt::ReceiptData> Submit(const SubmissionDraft& draft) override;
  Result<std::optional<DossierSummary>> Find(const dossier::DossierCode& code) override;
  // The dossiers the outbox holds, newest first, at most `limit`, as
  // SummaryOf. Errors: as Outbox::List and SummaryOf.
  Result<std::vector<DossierSummary>> List(size_t limit);
  // On paper when config.printer_device is set (waiting at most
  // kPrintTimeout), else PNG and ESC/POS files in data_dir.
  Result<PrintOutcome> Print(const receipt::ReceiptData& receipt) override;

 private:
  OutboxDesk(const KioskConfig& config, const KioskData& data, std::function<int64_t()> unix_now,
             std::unique_ptr<Outbox> outbox, KioskIdentity identity,
             calendar::WorkingCalendar calendar,
             std::unique_ptr<receipt::ReceiptRenderer> renderer);
  // The receipt fields of a stored dossier (receipt::MakeReceiptData with
  // this kiosk's context; no QR signature yet).
  receipt::ReceiptData ReceiptFor(const catalog::Service& service, const std::string& code,
                                  const std::string& applicant, const std::string& phone,
                                  const calendar::LocalDateTime& received,
                                  const calendar::LocalDateTime& appointment) const;
  // A stored dossier as the look-up and staff screens show it: its receipt
  // (masked name and phone, as stored) with the QR text stored at submission
  // (dossiers from before it was stored: signed again as the first one was),
  // so a reprint's QR code is the original's, and its status. kNotFound for a
  // procedure no longer in the catalog.
  Result<DossierSummary> SummaryOf(const OutboxEntry& entry) const;

  const KioskConfig& config_;
  const KioskData& data_;
  std::function<int64_t()> unix_now_;
  std::unique_ptr<Outbox> outbox_;
  KioskIdentity identity_;
  calendar::WorkingCalendar calendar_;
  std::unique_ptr<receipt::ReceiptRenderer> renderer_;
};

}  // namespace dvc::kiosk
