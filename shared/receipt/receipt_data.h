// ReceiptData: everything printed on a receipt (Form 01 of Circular
// 01/2018/TT-VPCP), built from a dossier's code and times, its catalog
// service and the place it was received, and signed for the QR code. See receipt.h for the flow.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calendar/local_time.h"
#include "catalog/service.h"
#include "core/status.h"
#include "receipt/qr_payload.h"

namespace dvc::receipt {

// Everything printed on a receipt. Text is UTF-8 (the renderer sanitises and
// NFC-normalises it); Vietnamese is what residents read.
struct ReceiptData {
  std::string dossier_code;                  // canonical compact code ("123457K4HQ2M9X")
  std::string procedure_id;                  // our catalog id ("dang-ky-khai-sinh")
  std::optional<std::string> national_code;  // national procedure code ("1.001193")
  std::string procedure_name;                // "Đăng ký khai sinh"
  std::string applicant_name;                // as the form gave it (or masked on a reprint)
  std::string applicant_phone;               // as displayed ("0912 345 678"); may be empty
  std::vector<std::string> documents;        // documents received, in order
  int processing_working_days = 0;           // 0 = the same day
  calendar::LocalDateTime received;          // Vietnam time
  calendar::LocalDateTime appointment;       // Vietnam time (calendar::ComputeAppointment)
  std::string collect_at;                    // where the result is collected
  std::string commune_name;                  // "Xã Tân Hòa"
  std::string kiosk_name;                    // "Kiosk 1 – nhà văn hóa thôn Đông"
  std::string status_instruction;            // StatusCheckInstruction(...); empty: no SMS line
  std::string signer_id;                     // KioskSignerId(key) or kProvinceSignerId
  std::string qr_text;                       // the signed QR payload (SignReceipt)
  // The province's appointment when it differs from `appointment`, which a
  // kiosk's QR signs and so cannot change (the gateway's copy of a kiosk
  // receipt, a kiosk's reprint after the gateway answered): printed below
  // the appointment box. Not part of the QR.
  std::optional<calendar::LocalDateTime> official_appointment;

  friend bool operator==(const ReceiptData&, const ReceiptData&) = default;
};

// What a receipt needs beyond the dossier's code, times and service: who
// applied and where it was received.
struct ReceiptContext {
  std::string applicant_name;   // the form's applicant field differs per procedure
  std::string applicant_phone;  // as it should be printed (formatted or masked); may be empty
  std::string commune_name;
  std::string kiosk_name;
  std::string sms_short_code;  // empty: no status-check instruction is printed
  std::string signer_id;
};

// The procedure code the QR carries: the national code, or our id when the
// procedure has none. The second form is what a verifier expects for `service`
// (the gateway checks a kiosk's signed QR against it).
std::string ProcedureCode(const ReceiptData& data);
std::string ProcedureCode(const catalog::Service& service);

// "Soạn TT <code> gửi <short code>", the SMS status query (DESIGN.md section 8).
std::string StatusCheckInstruction(std::string_view dossier_code, std::string_view short_code);

// Fills a ReceiptData for dossier `dossier_code` of `service`, received at
// `received` (Vietnam time) and due at `appointment`: procedure and
// documents (with how many copies, original or copy, joined by no-break
// spaces) from `service`; where to collect is the service's collect_at, else
// the commune's one-stop office; the status-check instruction only when
// context.sms_short_code is set. qr_text stays empty (SignReceipt fills it;
// it also checks the code's shape).
ReceiptData MakeReceiptData(std::string_view dossier_code, const calendar::LocalDateTime& received,
                            const calendar::LocalDateTime& appointment,
                            const catalog::Service& service, const ReceiptContext& context);

// The unsigned QR fields of `data`: "DVC1|code|procedure|received|appointment".
// Errors: as QrPayloadFields.
Result<std::string> QrPayload(const ReceiptData& data);

// Signs QrPayload(data) as data.signer_id with `secret_key` (64-byte Ed25519
// secret key) and stores the result in data.qr_text. Errors: as
// QrPayloadFields and SignQrPayload; on error `data` is unchanged.
Status SignReceipt(ReceiptData& data, std::span<const uint8_t> secret_key);

}  // namespace dvc::receipt
