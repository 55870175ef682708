#include "receipt/receipt_data.h"

namespace dvc::receipt {
namespace {

// "Tờ khai (theo mẫu): bản chính", "Sổ hộ khẩu: 2 bản sao": Form 01 lists,
// for each document, how many copies and whether original or copy. No-break
// spaces keep "2 bản sao" on one line when the receipt wraps.
constexpr std::string_view kNoBreakSpace = "\u00A0";

std::string DocumentLine(const catalog::RequiredDocument& doc) {
  std::string line = doc.name.vi + ": ";
  if (doc.copies > 1) line += std::to_string(doc.copies) + std::string(kNoBreakSpace);
  line += "bản";
  line += kNoBreakSpace;
  line += doc.original ? "chính" : "sao";
  return line;
}

}  // namespace

namespace {

std::string NationalCodeOr(const std::optional<std::string>& national_code, const std::string& id) {
  return national_code && !national_code->empty() ? *national_code : id;
}

}  // namespace

std::string ProcedureCode(const ReceiptData& data) {
  return NationalCodeOr(data.national_code, data.procedure_id);
}

std::string ProcedureCode(const catalog::Service& service) {
  return NationalCodeOr(service.national_code, service.id);
}

std::string StatusCheckInstruction(std::string_view dossier_code, std::string_view short_code) {
  return "Soạn TT " + std::string(dossier_code) + " gửi " + std::string(short_code);
}

ReceiptData MakeReceiptData(std::string_view dossier_code, const calendar::LocalDateTime& received,
                            const calendar::LocalDateTime& appointment,
                            const catalog::Service& service, const ReceiptContext& context) {
  ReceiptData data;
  data.dossier_code = std::string(dossier_code);
  data.procedure_id = service.id;
  data.national_code = service.national_code;
  data.procedure_name = service.name.vi;
  data.applicant_name = context.applicant_name;
  data.applicant_phone = context.applicant_phone;
  for (const catalog::RequiredDocument& doc : service.documents) {
    data.documents.push_back(DocumentLine(doc));
  }
  data.processing_working_days = static_cast<int>(service.processing_days);
  data.received = received;
  data.appointment = appointment;
  data.collect_at = service.collect_at ? service.collect_at->vi
                                       : "Bộ phận Một cửa, Ủy ban nhân dân " + context.commune_name;
  data.commune_name = context.commune_name;
  data.kiosk_name = context.kiosk_name;
  if (!context.sms_short_code.empty()) {
    data.status_instruction = StatusCheckInstruction(dossier_code, context.sms_short_code);
  }
  data.signer_id = context.signer_id;
  return data;
}

Result<std::string> QrPayload(const ReceiptData& data) {
  QrFields fields;
  fields.dossier_code = data.dossier_code;
  fields.procedure_code = ProcedureCode(data);
  fields.received = data.received;
  fields.appointment = data.appointment.date;
  return QrPayloadFields(fields);
}

Status SignReceipt(ReceiptData& data, std::span<const uint8_t> secret_key) {
  Result<std::string> payload = QrPayload(data);
  if (!payload.ok()) return payload.status();
  Result<SignedQr> signed_qr = SignQrPayload(*payload, secret_key, data.signer_id);
  if (!signed_qr.ok()) return signed_qr.status();
  data.qr_text = std::move(signed_qr->text);
  return Status::Ok();
}

}  // namespace dvc::receipt
