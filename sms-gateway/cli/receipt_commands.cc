#include "cli/receipt_commands.h"

#include <cstdint>
#include <span>

#include "cli/exit_codes.h"
#include "core/file_util.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "sync/sealing.h"

namespace dvc::gateway {

namespace {

// Largest file the verifier reads: a receipt PNG is some 100 KiB, a key list
// of thousands of kiosks well under this.
constexpr uint64_t kMaxInputBytes = 16 * 1024 * 1024;

Result<std::string> ReadInput(const std::string& path, const char* what) {
  Result<std::string> text = core::ReadFile(path, kMaxInputBytes);
  if (!text.ok()) return Status::Io(std::string(what) + ": " + text.status().message());
  return text;
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
  std::string payload = args.payload;
  if (!args.png_path.empty()) {
    Result<std::string> png = ReadInput(args.png_path, "receipt PNG");
    if (!png.ok()) {
      err << "sms-gateway: " << png.status().message() << "\n";
      return kExitUsage;
    }
    std::optional<std::string> text =
        FindPngText(std::span(reinterpret_cast<const uint8_t*>(png->data()), png->size()),
                    kQrPayloadPngKeyword);
    if (!text) {
      err << "sms-gateway: " << args.png_path
          << ": no QR payload chunk (only PNGs written by the gateway carry one; scan the QR "
             "with a phone and pass --payload)\n";
      return kExitUsage;
    }
    payload = std::move(*text);
  }
  Result<ReceiptProof> proof = VerifyReceiptPayload(payload, *province_key, *kiosks);
  if (!proof.ok()) {
    out << "Biên nhận KHÔNG hợp lệ / receipt NOT valid: " << proof.status().message() << "\n";
    return kExitRefused;
  }
  out << DescribeProof(*proof);
  return kExitOk;
}

}  // namespace dvc::gateway
