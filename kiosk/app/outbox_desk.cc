#include "app/outbox_desk.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "calendar/appointment.h"
#include "calendar/holiday_data.h"
#include "core/unique_fd.h"
#include "dossier/status.h"
#include "receipt/receipt.h"

namespace dvc::kiosk {

Status WriteToPrinter(const std::string& device, std::span<const uint8_t> job,
                      std::chrono::milliseconds timeout) {
  // Non-blocking: a printer out of paper or switched off stops taking bytes,
  // and a blocking write would freeze the touch screen with it.
  const core::UniqueFd fd(::open(device.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) {
    return Status::Io(device + ": cannot open the printer (" + std::strerror(errno) + ")");
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t done = 0;
  while (done < job.size()) {
    const ssize_t n = ::write(fd.get(), job.data() + done, job.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      return Status::Io(device + ": write to the printer failed (" + std::strerror(errno) + ")");
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return Status::Io(device + ": the printer took " + std::to_string(done) + " of " +
                        std::to_string(job.size()) + " bytes and then stopped for " +
                        std::to_string(timeout.count()) +
                        " ms (out of paper, cover open or switched off?)");
    }
    pollfd p{fd.get(), POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
      return Status::Io(device + ": waiting for the printer failed (" + std::strerror(errno) + ")");
    }
  }
  return Status::Ok();
}

OutboxDesk::OutboxDesk(const KioskConfig& config, const KioskData& data,
                       std::function<int64_t()> unix_now, std::unique_ptr<Outbox> outbox,
                       KioskIdentity identity, calendar::WorkingCalendar calendar,
                       std::unique_ptr<receipt::ReceiptRenderer> renderer)
    : config_(config),
      data_(data),
      unix_now_(std::move(unix_now)),
      outbox_(std::move(outbox)),
      identity_(std::move(identity)),
      calendar_(std::move(calendar)),
      renderer_(std::move(renderer)) {}

Result<std::unique_ptr<OutboxDesk>> OutboxDesk::Open(const KioskConfig& config,
                                                     const KioskData& data,
                                                     std::function<int64_t()> unix_now) {
  OutboxOptions options;
  options.commune_code = config.commune_code;
  options.issuer = static_cast<uint32_t>(config.issuer_number);
  options.catalog = &data.catalog;
  options.reference = &data.reference;
  options.units = &data.units;
  Result<std::unique_ptr<Outbox>> outbox = Outbox::Open(config.data_dir, options);
  if (!outbox.ok()) return outbox.status();
  Result<KioskIdentity> identity = KioskIdentity::LoadOrCreate(config.data_dir);
  if (!identity.ok()) return identity.status();
  calendar::HolidayData holidays;
  if (!config.holidays_file.empty()) {
    Result<calendar::HolidayData> loaded = calendar::HolidayData::LoadFile(config.holidays_file);
    if (!loaded.ok()) return loaded.status();
    holidays = std::move(*loaded);
  }
  Result<std::unique_ptr<receipt::ReceiptRenderer>> renderer =
      receipt::ReceiptRenderer::Open(receipt::FontPaths{});
  if (!renderer.ok()) return renderer.status();
  return std::unique_ptr<OutboxDesk>(
      new OutboxDesk(config, data, std::move(unix_now), std::move(*outbox), std::move(*identity),
                     calendar::WorkingCalendar(holidays), std::move(*renderer)));
}

receipt::ReceiptData OutboxDesk::ReceiptFor(const catalog::Service& service,
                                            const std::string& code, const std::string& applicant,
                                            const std::string& phone,
                                            const calendar::LocalDateTime& received,
                                            const calendar::LocalDateTime& appointment) const {
  receipt::ReceiptContext context;
  context.applicant_name = applicant;
  context.applicant_phone = phone;
  context.commune_name = config_.commune_name;
  context.kiosk_name = config_.kiosk_name;
  context.sms_short_code = config_.sms_short_code;
  context.signer_id = identity_.signer_id();
  return receipt::MakeReceiptData(code, received, appointment, service, context);
}

Result<receipt::ReceiptData> OutboxDesk::Submit(const SubmissionDraft& draft) {
  if (!draft.service) return Status::InvalidInput("no procedure chosen");
  Result<calendar::LocalDateTime> received = calendar::LocalDateTime::FromUnixSeconds(unix_now_());
  if (!received.ok()) return received.status();
  Result<calendar::Appointment> appointment = calendar::ComputeAppointment(
      *received, static_cast<int>(draft.service->processing_days), config_.office_hours, calendar_);
  if (!appointment.ok()) return appointment.status();

  SubmissionRequest request;
  request.service_id = draft.service->id;
  request.catalog_version = data_.catalog.version();
  request.form_version = static_cast<int>(draft.service->form.version);
  request.answers = draft.answers;
  request.phone = draft.phone;
  request.applicant_name = draft.applicant_name;
  request.received = *received;
  request.appointment = appointment->due;
  for (const DraftAttachment& scan : draft.attachments) {
    Result<dossier::AttachmentRef> stored = outbox_->StoreAttachment(scan.path, scan.field);
    if (!stored.ok()) return stored.status();
    nlohmann::json& answer = request.answers[scan.field];
    if (!answer.is_array()) answer = nlohmann::json::array();
    answer.push_back(stored->sha256);
    request.attachments.push_back(std::move(*stored));
  }
  const auto receipt_of = [&](const SubmittedDossier& s) {
    return ReceiptFor(*draft.service, s.code, draft.applicant_name, draft.phone, s.received,
                      s.appointment.value_or(appointment->due));
  };
  // Signed inside Submit's transaction: the text shown is the one stored
  // (and pushed, so the gateway's copy carries the same QR).
  request.sign_receipt = [&](const SubmittedDossier& s) -> Result<std::string> {
    receipt::ReceiptData r = receipt_of(s);
    DVC_RETURN_IF_ERROR(receipt::SignReceipt(r, identity_.secret_key()));
    return std::move(r.qr_text);
  };
  Result<SubmittedDossier> submitted = outbox_->Submit(request);
  if (!submitted.ok()) return submitted.status();

  receipt::ReceiptData r = receipt_of(*submitted);
  r.qr_text = submitted->receipt_qr;
  return r;
}

Result<DossierSummary> OutboxDesk::SummaryOf(const OutboxEntry& e) const {
  const catalog::Service* service = data_.catalog.FindService(e.service_id);
  if (!service) return Status::NotFound("procedure " + e.service_id + " is not in the catalog");
  DossierSummary summary;
  if (!e.receipt_qr.empty()) {
    // The text printed at submission, as stored: its fields are the ones
    // printed; a date the gateway changed since goes on its own line.
    const calendar::LocalDateTime signed_appointment = e.kiosk_appointment.value_or(e.received);
    summary.receipt =
        ReceiptFor(*service, e.code, e.masked_name, e.masked_phone, e.received, signed_appointment);
    summary.receipt.qr_text = e.receipt_qr;
    if (e.appointment && e.appointment->date != signed_appointment.date) {
      summary.receipt.official_appointment = e.appointment;
    }
  } else {
    // Submitted before the text was stored: signed again (Ed25519 is
    // deterministic, so the same fields give the same text).
    summary.receipt = ReceiptFor(*service, e.code, e.masked_name, e.masked_phone, e.received,
                                 e.appointment.value_or(e.received));
    DVC_RETURN_IF_ERROR(receipt::SignReceipt(summary.receipt, identity_.secret_key()));
  }
  summary.status.vi = std::string(dossier::StatusLabelVi(e.status));
  summary.status.en = std::string(dossier::StatusLabelEn(e.status));
  return summary;
}

Result<std::optional<DossierSummary>> OutboxDesk::Find(const dossier::DossierCode& code) {
  Result<std::optional<OutboxEntry>> entry = outbox_->FindByCode(code.compact());
  if (!entry.ok()) return entry.status();
  if (!entry->has_value()) return std::optional<DossierSummary>();
  Result<DossierSummary> summary = SummaryOf(**entry);
  if (!summary.ok()) return summary.status();
  return std::optional<DossierSummary>(std::move(*summary));
}

Result<std::vector<DossierSummary>> OutboxDesk::List(size_t limit) {
  Result<std::vector<OutboxEntry>> entries = outbox_->List(limit);
  if (!entries.ok()) return entries.status();
  std::vector<DossierSummary> out;
  out.reserve(entries->size());
  for (const OutboxEntry& e : *entries) {
    Result<DossierSummary> summary = SummaryOf(e);
    if (!summary.ok()) return summary.status();
    out.push_back(std::move(*summary));
  }
  return out;
}

Result<PrintOutcome> OutboxDesk::Print(const receipt::ReceiptData& r) {
  receipt::RenderOptions options;
  options.width_dots = config_.printer_width_mm == 58 ? receipt::kWidth58mm : receipt::kWidth80mm;
  Result<receipt::GrayImage> image = renderer_->Render(r, options);
  if (!image.ok()) return image.status();
  if (config_.printer_device.empty()) {
    Result<receipt::ReceiptFiles> files =
        receipt::WriteReceiptFiles(config_.data_dir, r.dossier_code, *image);
    if (!files.ok()) return files.status();
    return PrintOutcome{.on_paper = false, .where = files->png_path};
  }
  DVC_RETURN_IF_ERROR(
      WriteToPrinter(config_.printer_device, receipt::EscPosRaster(*image), kPrintTimeout));
  return PrintOutcome{.on_paper = true, .where = config_.printer_device};
}

}  // namespace dvc::kiosk
