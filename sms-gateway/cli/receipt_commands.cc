#include "cli/receipt_commands.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "cli/exit_codes.h"
#include "core/file_util.h"
#include "service/qr_scan.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "sync/sealing.h"

namespace dvc::gateway {

namespace {

// Largest file the verifier reads: a receipt PNG is some 100 KiB, a phone's
// photo a few MiB, a key list of thousands of kiosks well under this.
constexpr uint64_t kMaxInputBytes = 16 * 1024 * 1024;

// What every receipt QR's text starts with (receipt/qr_payload.h); other QR
// codes on the same page (a bank's, a web site's) are skipped.
constexpr std::string_view kReceiptPayloadPrefix = "DVC1|";

Result<std::string> ReadInput(const std::string& path, const char* what) {
  Result<std::string> text = core::ReadFile(path, kMaxInputBytes);
  if (!text.ok()) return Status::Io(std::string(what) + ": " + text.status().message());
  return text;
}

// The receipt payloads of the QR codes in the image at `path`: the pixels
// are the authority. When a gateway PNG's dvc-qr text chunk says something
// else, a note on `out` says the QR code wins (an edited chunk must not
// change what is verified, nor pass silently). Errors: kIo unreadable file;
// kInvalidInput / kNotFound from ScanQrCodes (not an image, too large, no QR
// code); kCorrupt when QR codes are found but none is a receipt's.
Result<std::vector<std::string>> ReceiptPayloadsInImage(const std::string& path,
                                                        std::ostream& out) {
  Result<std::string> file = ReadInput(path, "receipt image");
  if (!file.ok()) return file.status();
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(file->data()),
                                       file->size());
  Result<std::vector<std::string>> texts = ScanQrCodes(bytes, path);
  if (!texts.ok()) return texts.status();
  std::vector<std::string> payloads;
  for (std::string& text : *texts) {
    if (text.starts_with(kReceiptPayloadPrefix)) payloads.push_back(std::move(text));
  }
  if (payloads.empty()) {
    return Status::Corrupt(path + ": " + std::to_string(texts->size()) +
                           " QR code(s) found, none of them a receipt's (" +
                           std::string(kReceiptPayloadPrefix) + "...)");
  }
  const std::optional<std::string> chunk = FindPngText(bytes, kQrPayloadPngKeyword);
  if (chunk && std::find(payloads.begin(), payloads.end(), *chunk) == payloads.end()) {
    out << "Lưu ý / note: the PNG's " << kQrPayloadPngKeyword
        << " text chunk differs from its QR code; the QR code (what is printed) is verified\n";
  }
  return payloads;
}

}  // namespace

int SaveDossierReceipt(OperatorClient& client, const std::string& code, const std::string& out_path,
                       const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/dossiers/" + EncodePathSegment(code) + "/receipt");
  if (!result.ok()) return ReportFailure(result, output);
  const nlohmann::json& answer = *result.json;
  if (!answer.is_object() || !answer.contains("png_base64") || !answer["png_base64"].is_string() ||
      !answer.contains("token") || !answer["token"].is_string()) {
    output.err << "sms-gateway: the gateway's answer has no receipt image\n";
    return kExitRefused;
  }
  Result<std::string> png = sync::Base64Decode(answer["png_base64"].get<std::string>());
  if (!png.ok()) {
    output.err << "sms-gateway: the gateway's receipt image is not base64\n";
    return kExitRefused;
  }
  if (Status s = core::WriteFileAtomically(out_path, *png); !s.ok()) {
    output.err << "sms-gateway: " << s.message() << "\n";
    return kExitUsage;
  }
  if (output.json) {
    output.out << nlohmann::json{{"file", out_path}, {"token", answer["token"]}}.dump(2) << "\n";
  } else {
    output.out << "Wrote " << out_path << " (" << png->size() << " bytes)\n"
               << "Link token: " << answer["token"].get<std::string>() << " (/r/<token>)\n";
  }
  return kExitOk;
}

int ExportKioskKeyList(OperatorClient& client, const std::string& out_path,
                       const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/kiosk-keys");
  if (!result.ok()) return ReportFailure(result, output);
  const nlohmann::json& doc = *result.json;
  if (!doc.is_object() || !doc.contains("kiosk_keys") || !doc["kiosk_keys"].is_array() ||
      !doc.contains("signature")) {
    output.err << "sms-gateway: the gateway's answer is not a signed kiosk key list\n";
    return kExitRefused;
  }
  // The signature covers the canonical dump (keys sorted), so this text
  // verifies as the gateway's did.
  if (Status s = core::WriteFileAtomically(out_path, doc.dump(2) + "\n"); !s.ok()) {
    output.err << "sms-gateway: " << s.message() << "\n";
    return kExitUsage;
  }
  output.out << "Wrote " << out_path << ": " << doc["kiosk_keys"].size()
             << " kiosk keys, signed by the province\n";
  return kExitOk;
}

int VerifyReceiptOffline(const ReceiptVerifyArgs& args, std::ostream& out, std::ostream& err) {
  if (args.png_path.empty() == args.payload.empty()) {
    err << "sms-gateway: give exactly one of --png FILE and --payload TEXT\n";
    return kExitUsage;
  }
  Result<std::string> key_text = ReadInput(args.province_key_path, "province key");
  if (!key_text.ok()) {
    err << "sms-gateway: " << key_text.status().message() << "\n";
    return kExitUsage;
  }
  Result<receipt::PublicKey> province_key = ParseProvinceKey(*key_text);
  if (!province_key.ok()) {
    err << "sms-gateway: " << args.province_key_path << ": " << province_key.status().message()
        << "\n";
    return kExitUsage;
  }
  Result<std::string> list_text = ReadInput(args.kiosk_keys_path, "kiosk key list");
  if (!list_text.ok()) {
    err << "sms-gateway: " << list_text.status().message() << "\n";
    return kExitUsage;
  }
  Result<std::vector<KioskKeyEntry>> kiosks = ReadKioskKeys(*list_text, *province_key);
  if (!kiosks.ok()) {
    err << "sms-gateway: " << args.kiosk_keys_path << ": " << kiosks.status().message() << "\n";
    return kiosks.status().code() == ErrorCode::kCorrupt ? kExitRefused : kExitUsage;
  }
  std::vector<std::string> payloads;
  if (args.png_path.empty()) {
    payloads.push_back(args.payload);
  } else {
    Result<std::vector<std::string>> scanned = ReceiptPayloadsInImage(args.png_path, out);
    if (!scanned.ok() && scanned.status().code() == ErrorCode::kCorrupt) {
      // A QR code that is not a receipt's: the paper is no valid receipt.
      out << "Biên nhận KHÔNG hợp lệ / receipt NOT valid: " << scanned.status().message() << "\n";
      return kExitRefused;
    }
    if (!scanned.ok()) {
      err << "sms-gateway: " << scanned.status().message() << "\n";
      return kExitUsage;
    }
    payloads = std::move(*scanned);
  }
  // Every receipt QR of the image is reported; one that fails makes the
  // whole answer "not valid".
  bool all_valid = true;
  for (size_t i = 0; i < payloads.size(); ++i) {
    if (payloads.size() > 1) out << "QR " << i + 1 << "/" << payloads.size() << ":\n";
    Result<ReceiptProof> proof = VerifyReceiptPayload(payloads[i], *province_key, *kiosks);
    if (!proof.ok()) {
      out << "Biên nhận KHÔNG hợp lệ / receipt NOT valid: " << proof.status().message() << "\n";
      all_valid = false;
      continue;
    }
    out << DescribeProof(*proof);
  }
  return all_valid ? kExitOk : kExitRefused;
}

}  // namespace dvc::gateway
