#include "sync/enrol_command.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "sync/enrolment_code.h"
#include "sync/http_client.h"

namespace dvc::kiosk {
namespace {

struct RefusalText {
  std::string_view code;
  std::string_view vi;
  std::string_view en;
  bool with_message = false;  // the gateway's message says what to do: print it
};

// The gateway's enrolment refusals, in words for the person at the kiosk.
constexpr RefusalText kRefusals[] = {
    {"enrolment_code_unknown", "Mã đăng ký không tồn tại (kiểm tra lại từng ký tự).",
     "The enrolment code is unknown (check each character)."},
    {"enrolment_code_used", "Mã đăng ký này đã được dùng. Xin quản trị viên cấp mã mới.",
     "This enrolment code was already used. Ask the operator for a new one."},
    {"enrolment_code_expired", "Mã đăng ký đã hết hạn. Xin quản trị viên cấp mã mới.",
     "The enrolment code has expired. Ask the operator for a new one."},
    {"bad_proof", "Máy chủ tỉnh không chấp nhận khóa của kiosk.",
     "The gateway did not accept the kiosk's key proof."},
    {"key_already_enrolled",
     "Khóa của kiosk này thuộc một kiosk đã bị thu hồi; không thể đăng ký lại bằng khóa này.",
     "This kiosk's key belongs to a revoked kiosk and cannot enrol again.", true},
    {"issuer_taken",
     "Hồ sơ đang chờ gửi của kiosk mang số phát hành đã cấp cho kiosk khác. Mã đăng ký chưa bị "
     "dùng. Xin quản trị viên xử lý theo hướng dẫn dưới đây.",
     "The queued dossiers' codes carry an issuer another kiosk has. The enrolment code was not "
     "spent. The operator should act as the gateway says:",
     true},
    {"commune_mismatch",
     "Hồ sơ đang chờ gửi của kiosk thuộc xã/phường khác với mã đăng ký. Mã đăng ký chưa bị dùng.",
     "The queued dossiers belong to another commune than the enrolment code's. The code was not "
     "spent.",
     true},
};

void Refuse(std::FILE* err, std::string_view vi, std::string_view en, std::string_view detail) {
  std::fprintf(err, "kiosk: %.*s\nkiosk: %.*s", static_cast<int>(vi.size()), vi.data(),
               static_cast<int>(en.size()), en.data());
  if (!detail.empty()) std::fprintf(err, " (%.*s)", static_cast<int>(detail.size()), detail.data());
  std::fprintf(err, "\n");
}

class CurlGateway : public GatewayApi {
 public:
  CurlGateway(HttpOptions options, std::string url, int64_t kiosk_id, KioskIdentity identity,
              CorrectedClock& clock)
      : http_(std::move(options)),
        identity_(std::move(identity)),
        client_(http_, std::move(url), kiosk_id, identity_, clock) {}

  GatewayAnswer<sync::PushResponse> Push(const sync::PushRequest& b) override {
    return client_.Push(b);
  }
  GatewayAnswer<UploadState> AttachmentOffset(std::string_view sha) override {
    return client_.AttachmentOffset(sha);
  }
  GatewayAnswer<UploadState> AppendChunk(std::string_view sha, uint64_t offset, uint64_t total,
                                         std::string_view bytes) override {
    return client_.AppendChunk(sha, offset, total, bytes);
  }
  GatewayAnswer<sync::ChangesPage> Changes(int64_t after, size_t limit) override {
    return client_.Changes(after, limit);
  }
  GatewayAnswer<nlohmann::json> Catalog(std::string_view version) override {
    return client_.Catalog(version);
  }
  GatewayAnswer<std::optional<sync::LookupAnswer>> Lookup(std::string_view code) override {
    return client_.Lookup(code);
  }

 private:
  CurlHttpClient http_;
  KioskIdentity identity_;
  GatewayClient client_;
};

}  // namespace

std::unique_ptr<GatewayApi> MakeCurlGateway(const KioskConfig& config, const Enrolment& enrolment,
                                            CorrectedClock& clock, const std::atomic<bool>* stop) {
  Result<KioskIdentity> identity = KioskIdentity::LoadOrCreate(config.data_dir);
  if (!identity.ok()) std::abort();  // loaded by main a moment ago
  return std::make_unique<CurlGateway>(HttpOptions{.ca_file = config.sync_ca_file, .stop = stop},
                                       enrolment.gateway_url, enrolment.kiosk_id,
                                       std::move(*identity), clock);
}

int RunEnrolCommand(const KioskConfig& config, const std::string& typed_code,
                    const std::string& url, std::FILE* out, std::FILE* err) {
  Result<std::string> code = sync::ParseEnrolmentCode(typed_code);
  if (!code.ok()) {
    Refuse(err, "Mã đăng ký không đúng dạng (10 chữ và số, ví dụ ABCDE-FGHJK).",
           "The enrolment code is malformed (10 letters and digits, e.g. ABCDE-FGHJK).",
           code.status().message());
    return 1;
  }
  if (Status s = CheckGatewayUrl(url, config.sync_allow_plain_http); !s.ok()) {
    Refuse(err, "Địa chỉ máy chủ tỉnh không được chấp nhận.", "The gateway URL is refused.",
           s.message());
    return 1;
  }
  Result<KioskIdentity> identity = KioskIdentity::LoadOrCreate(config.data_dir);
  if (!identity.ok()) {
    Refuse(err, "Không đọc được khóa của kiosk.", "Cannot load the kiosk's key.",
           identity.status().message());
    return 1;
  }
  // Dossiers filed before enrolment carry codes of the config's issuer: the
  // gateway must grant that same issuer or they would never be accepted.
  Result<std::vector<IssuedCodes>> pending = PendingCodeIssuers(config.data_dir);
  if (!pending.ok()) {
    Refuse(err, "Không đọc được hồ sơ đang chờ gửi trong kiosk.db.",
           "Cannot read the queued dossiers in kiosk.db.", pending.status().message());
    return 1;
  }
  std::optional<std::pair<std::string, uint32_t>> issued;
  if (pending->size() > 1) {
    std::string list;
    for (const IssuedCodes& p : *pending) {
      list += (list.empty() ? "" : ", ") + p.commune_code + "/" + std::to_string(p.issuer) + " (" +
              std::to_string(p.dossiers) + ")";
    }
    Refuse(err,
           "Hồ sơ đang chờ gửi mang mã của nhiều số phát hành (issuer_number đã bị đổi); một "
           "kiosk chỉ giữ được một số. Xin quản trị viên xử lý trước khi đăng ký.",
           "The queued dossiers carry codes of several issuers (issuer_number was changed); "
           "a kiosk keeps only one. The operator must resolve this before enrolment.",
           "commune/issuer (dossiers): " + list);
    return 1;
  }
  if (pending->size() == 1) issued.emplace(pending->front().commune_code, pending->front().issuer);
  CurlHttpClient http(HttpOptions{.ca_file = config.sync_ca_file});
  CorrectedClock clock(SystemUnixMs);
  GatewayAnswer<sync::EnrollResponse> answer = Enroll(http, url, *identity, *code, clock, issued);
  if (!answer.ok()) {
    const GatewayError& e = answer.error();
    for (const RefusalText& r : kRefusals) {
      if (r.code == e.code) {
        Refuse(err, r.vi, r.en, r.with_message ? e.message : "");
        return 1;
      }
    }
    if (e.kind == GatewayFailure::kTransport) {
      Refuse(err, "Không kết nối được với máy chủ tỉnh " + url + ".",
             "The gateway at " + url + " cannot be reached.", e.message);
    } else {
      Refuse(err, "Máy chủ tỉnh từ chối đăng ký.", "The gateway refused the enrolment.",
             (e.code.empty() ? "" : e.code + ": ") + e.message);
    }
    return 1;
  }
  const sync::EnrollResponse& r = *answer;
  if (r.signer_id != identity->signer_id()) {
    Refuse(err, "Máy chủ tỉnh trả về mã ký không khớp với khóa của kiosk.",
           "The gateway answered a signer id that is not this kiosk's key.",
           r.signer_id + " ≠ " + identity->signer_id());
    return 1;
  }
  // A key enrolled before gets its stored enrolment back, whatever it asked.
  if (issued && (r.commune_code != issued->first || r.issuer != issued->second)) {
    Refuse(err,
           "Kiosk đã được đăng ký trước đây với số phát hành khác với mã của hồ sơ đang chờ gửi.",
           "The kiosk was enrolled before with another issuer than its queued dossiers' codes.",
           "enrolled " + r.commune_code + "/" + std::to_string(r.issuer) + ", queued " +
               issued->first + "/" + std::to_string(issued->second));
    return 1;
  }
  Enrolment enrolment;
  enrolment.kiosk_id = r.kiosk_id;
  enrolment.commune_code = r.commune_code;
  enrolment.name = r.name;
  enrolment.issuer = r.issuer;
  enrolment.signer_id = r.signer_id;
  enrolment.province = r.province;
  enrolment.gateway_url = url;
  while (!enrolment.gateway_url.empty() && enrolment.gateway_url.back() == '/') {
    enrolment.gateway_url.pop_back();
  }
  enrolment.enrolled_at = dossier::Timestamp(std::chrono::seconds(clock.NowSeconds()));
  // The catalog names each procedure's applicant field for the sealed
  // private parts; without it the full name stays inside the sealed answers.
  Result<catalog::Catalog> catalog = catalog::LoadCatalog(config.catalog_dir);
  if (Status saved = SaveEnrolment(config.data_dir, enrolment, catalog.ok() ? &*catalog : nullptr);
      !saved.ok()) {
    Refuse(err,
           "Đã đăng ký với tỉnh nhưng không lưu được vào kiosk.db: hãy khắc phục lỗi dưới đây "
           "rồi chạy lại lệnh với cùng mã (máy chủ tỉnh trả lại đúng đăng ký này).",
           "Enrolled at the gateway but kiosk.db could not record it: fix the error below, then "
           "run the command again with the same code (the gateway answers the same enrolment).",
           saved.message());
    return 1;
  }
  const std::string id = std::to_string(r.kiosk_id);
  const std::string issuer = std::to_string(r.issuer);
  std::fprintf(out,
               "Đã đăng ký với tỉnh: kiosk số %s (%s), xã/phường %s, số phát hành mã hồ sơ %s.\n"
               "Enrolled with the province: kiosk %s (%s), commune %s, dossier code issuer %s.\n",
               id.c_str(), r.name.c_str(), r.commune_code.c_str(), issuer.c_str(), id.c_str(),
               r.name.c_str(), r.commune_code.c_str(), issuer.c_str());
  return 0;
}

}  // namespace dvc::kiosk
