#include "app/outbox_desk.h"

#include <fcntl.h>
#include <unistd.h>

#include "calendar/appointment.h"
#include "calendar/holiday_data.h"
#include "dossier/status.h"
#include "receipt/receipt.h"

namespace dvc::kiosk {

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
  receipt::ReceiptData r;
  r.dossier_code = code;
  r.procedure_id = service.id;
  r.national_code = service.national_code;
  r.procedure_name = service.name.vi;
  r.applicant_name = applicant;
  r.applicant_phone = phone;
  for (const catalog::RequiredDocument& doc : service.documents) {
    r.documents.push_back(doc.name.vi + " (" + std::to_string(doc.copies) + " " +
                          (doc.original ? "bản chính" : "bản sao") + ")");
  }
  r.processing_working_days = static_cast<int>(service.processing_days);
  r.received = received;
  r.appointment = appointment;
  r.collect_at =
      service.collect_at ? service.collect_at->vi : "Bộ phận Một cửa " + config_.commune_name;
  r.commune_name = config_.commune_name;
  r.kiosk_name = config_.kiosk_name;
  r.sms_short_code = config_.sms_short_code;
  r.status_instruction = receipt::StatusCheckInstruction(code, config_.sms_short_code);
  r.signer_id = identity_.signer_id();
  return r;
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
  Result<SubmittedDossier> submitted = outbox_->Submit(request);
  if (!submitted.ok()) return submitted.status();

  receipt::ReceiptData r =
      ReceiptFor(*draft.service, submitted->code, draft.applicant_name, draft.phone,
                 submitted->received, submitted->appointment.value_or(appointment->due));
  DVC_RETURN_IF_ERROR(receipt::SignReceipt(r, identity_.secret_key()));
  return r;
}

Result<std::optional<DossierSummary>> OutboxDesk::Find(const dossier::DossierCode& code) {
  Result<std::optional<OutboxEntry>> entry = outbox_->FindByCode(code.compact());
  if (!entry.ok()) return entry.status();
  if (!entry->has_value()) return std::optional<DossierSummary>();
  const OutboxEntry& e = **entry;
  const catalog::Service* service = data_.catalog.FindService(e.service_id);
  if (!service) return Status::NotFound("procedure " + e.service_id + " is not in the catalog");
  DossierSummary summary;
  summary.receipt = ReceiptFor(*service, e.code, e.masked_name, e.masked_phone, e.received,
                               e.appointment.value_or(e.received));
  DVC_RETURN_IF_ERROR(receipt::SignReceipt(summary.receipt, identity_.secret_key()));
  summary.status.vi = std::string(dossier::StatusLabelVi(e.status));
  summary.status.en = std::string(dossier::StatusLabelEn(e.status));
  return std::optional<DossierSummary>(std::move(summary));
}

Result<std::string> OutboxDesk::Print(const receipt::ReceiptData& r) {
  receipt::RenderOptions options;
  options.width_dots = config_.printer_width_mm == 58 ? receipt::kWidth58mm : receipt::kWidth80mm;
  Result<receipt::GrayImage> image = renderer_->Render(r, options);
  if (!image.ok()) return image.status();
  if (config_.printer_device.empty()) {
    Result<receipt::ReceiptFiles> files =
        receipt::WriteReceiptFiles(config_.data_dir, r.dossier_code, *image);
    if (!files.ok()) return files.status();
    return files->png_path;
  }
  // The printer is a character device (/dev/usb/lp0): the whole job in one write loop.
  const std::vector<uint8_t> job = receipt::EscPosRaster(*image);
  const int fd = ::open(config_.printer_device.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io(config_.printer_device + ": cannot open the printer");
  size_t done = 0;
  while (done < job.size()) {
    const ssize_t n = ::write(fd, job.data() + done, job.size() - done);
    if (n <= 0) {
      ::close(fd);
      return Status::Io(config_.printer_device + ": write to the printer failed");
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return config_.printer_device;
}

}  // namespace dvc::kiosk
