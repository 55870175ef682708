// JSON of the push messages (POST /v1/dossiers) and of the sealed private part.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <utility>

#include "core/json_reader.h"
#include "receipt/qr_payload.h"
#include "sync/message_fields.h"
#include "sync/messages.h"
#include "sync/sealing.h"

namespace dvc::sync {

using core::JsonNode;
using core::Need;
using nlohmann::json;

namespace {

static_assert(kMaxReceiptQrBytes == receipt::kMaxQrPayloadBytes);

constexpr size_t kSha256HexDigits = 64;
// Form versions are small counters; the bound only keeps an int in range.
constexpr int64_t kMaxFormVersion = 1'000'000;
// Private part members: a phone number and a person's name.
constexpr size_t kMaxPhoneBytes = 32;

constexpr std::array<std::pair<PushOutcome, std::string_view>, 3> kOutcomeNames = {{
    {PushOutcome::kStored, "stored"},
    {PushOutcome::kDuplicate, "duplicate"},
    {PushOutcome::kRefused, "refused"},
}};

Status ReadAttachment(const JsonNode& node, dossier::AttachmentRef* a) {
  DVC_RETURN_IF_ERROR(fields::ExpectObject(node));
  DVC_RETURN_IF_ERROR(fields::ReadToken(node, "field", &a->field, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadHex(node, "sha256", kSha256HexDigits, &a->sha256, Need::kRequired));
  int64_t size = 0;
  DVC_RETURN_IF_ERROR(
      node.ReadInt("size", &size, Need::kRequired, 1, static_cast<int64_t>(kMaxAttachmentBytes)));
  a->size = static_cast<uint64_t>(size);
  return Status::Ok();
}

// Optional: 1..kMaxReceiptQrBytes of printable ASCII, as a QR payload is
// (its fields and signature are the gateway's check).
Status ReadReceiptQr(const JsonNode& node, std::string* out) {
  std::string text;
  DVC_RETURN_IF_ERROR(node.ReadString("receipt_qr", &text, Need::kOptional));
  if (!node.Has("receipt_qr")) return Status::Ok();
  const bool printable = std::all_of(text.begin(), text.end(), [](char ch) {
    return static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) <= 0x7E;
  });
  if (text.empty() || text.size() > kMaxReceiptQrBytes || !printable) {
    return node.Child("receipt_qr")
        .Fail("expected 1 to " + std::to_string(kMaxReceiptQrBytes) +
              " bytes of printable ASCII (a receipt's QR text)");
  }
  *out = std::move(text);
  return Status::Ok();
}

Status ReadPushDossier(const JsonNode& node, PushDossier* d) {
  DVC_RETURN_IF_ERROR(fields::ExpectObject(node));
  DVC_RETURN_IF_ERROR(fields::ReadUuid(node, "id", &d->id, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadDossierCode(node, "code", &d->code, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadToken(node, "service_id", &d->service_id, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadToken(node, "catalog_version", &d->catalog_version, Need::kRequired));
  int64_t form_version = 0;
  DVC_RETURN_IF_ERROR(
      node.ReadInt("form_version", &form_version, Need::kRequired, 1, kMaxFormVersion));
  d->form_version = static_cast<int>(form_version);
  DVC_RETURN_IF_ERROR(fields::ReadTimestamp(node, "created_at", &d->created_at, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadOptionalDate(node, "kiosk_appointment", &d->kiosk_appointment));
  DVC_RETURN_IF_ERROR(
      node.ForEach("attachments", Need::kOptional, [&](const JsonNode& element, size_t) {
        dossier::AttachmentRef a;
        DVC_RETURN_IF_ERROR(ReadAttachment(element, &a));
        d->attachments.push_back(std::move(a));
        return Status::Ok();
      }));
  std::string sealed;
  DVC_RETURN_IF_ERROR(node.ReadString("sealed", &sealed, Need::kRequired));
  // A box holds at least its 48 bytes of overhead; whether it opens is the
  // gateway's check (bad_seal), the shape is ours.
  auto bytes = Base64Decode(sealed);
  if (!bytes.ok() || bytes->size() < crypto_box_SEALBYTES) {
    return node.Child("sealed").Fail("expected the base64 of a sealed box");
  }
  d->sealed = std::move(sealed);
  return ReadReceiptQr(node, &d->receipt_qr);
}

}  // namespace

std::string_view PushOutcomeName(PushOutcome outcome) {
  for (const auto& [o, name] : kOutcomeNames) {
    if (o == outcome) return name;
  }
  std::abort();  // every enumerator is in the table
}

// ---- private part ---------------------------------------------------------

json ToJson(const PrivatePart& value) {
  return json{
      {"answers", value.answers}, {"phone", value.phone}, {"applicant_name", value.applicant_name}};
}

Result<PrivatePart> PrivatePartFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  PrivatePart p;
  const JsonNode answers = root.Child("answers");
  if (!root.Has("answers")) return answers.Fail("missing required value");
  DVC_RETURN_IF_ERROR(fields::ExpectObject(answers));
  p.answers = answers.value();
  DVC_RETURN_IF_ERROR(
      fields::ReadText(root, "phone", &p.phone, Need::kOptional, 0, kMaxPhoneBytes));
  DVC_RETURN_IF_ERROR(fields::ReadText(root, "applicant_name", &p.applicant_name, Need::kOptional,
                                       0, fields::kMaxNameBytes));
  return p;
}

// ---- push request ---------------------------------------------------------

json ToJson(const PushDossier& value) {
  json attachments = json::array();
  for (const auto& a : value.attachments) {
    attachments.push_back(json{{"field", a.field}, {"sha256", a.sha256}, {"size", a.size}});
  }
  json j{{"id", value.id},
         {"code", value.code},
         {"service_id", value.service_id},
         {"catalog_version", value.catalog_version},
         {"form_version", value.form_version},
         {"created_at", dossier::FormatTimestamp(value.created_at)},
         {"attachments", std::move(attachments)},
         {"sealed", value.sealed}};
  if (value.kiosk_appointment) j["kiosk_appointment"] = value.kiosk_appointment->ToIso();
  // Omitted when empty, so a dossier without it hashes as before (the
  // gateway's idempotency compares content hashes).
  if (!value.receipt_qr.empty()) j["receipt_qr"] = value.receipt_qr;
  return j;
}

json ToJson(const PushRequest& value) {
  json dossiers = json::array();
  for (const auto& d : value.dossiers) dossiers.push_back(ToJson(d));
  return json{{"dossiers", std::move(dossiers)}};
}

Result<PushDossier> PushDossierFromJson(const json& json_value) {
  PushDossier d;
  DVC_RETURN_IF_ERROR(ReadPushDossier(fields::RootNode(json_value), &d));
  return d;
}

Result<PushRequest> PushRequestFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  const JsonNode list = root.Child("dossiers");
  // The count first, so an oversized batch is refused before any reading.
  if (list.value().is_array() && list.value().size() > kMaxDossiersPerPush) {
    return list.Fail(std::to_string(list.value().size()) + " dossiers, at most " +
                     std::to_string(kMaxDossiersPerPush) + " per push");
  }
  PushRequest r;
  DVC_RETURN_IF_ERROR(
      root.ForEach("dossiers", Need::kRequired, [&](const JsonNode& element, size_t) {
        PushDossier d;
        DVC_RETURN_IF_ERROR(ReadPushDossier(element, &d));
        r.dossiers.push_back(std::move(d));
        return Status::Ok();
      }));
  if (r.dossiers.empty()) return list.Fail("an empty batch: push at least one dossier");
  return r;
}

// ---- push response --------------------------------------------------------

json ToJson(const PushResult& value) {
  json j{{"id", value.id},
         {"code", value.code},
         {"result", std::string(PushOutcomeName(value.result))}};
  if (value.received_at) j["received_at"] = dossier::FormatTimestamp(*value.received_at);
  if (value.official_appointment) j["official_appointment"] = value.official_appointment->ToIso();
  if (value.status) j["status"] = std::string(dossier::StatusId(*value.status));
  if (value.error) j["error"] = fields::ErrorObjectToJson(*value.error);
  return j;
}

json ToJson(const PushResponse& value) {
  json results = json::array();
  for (const auto& r : value.results) results.push_back(ToJson(r));
  return json{{"results", std::move(results)}};
}

namespace {

// Reads only the members of the result's outcome: an acknowledgement's
// dates and status, or a refusal's error.
Status ReadPushResult(const JsonNode& node, PushResult* r) {
  DVC_RETURN_IF_ERROR(fields::ExpectObject(node));
  std::vector<std::pair<std::string_view, PushOutcome>> names;
  for (const auto& [o, name] : kOutcomeNames) names.emplace_back(name, o);
  DVC_RETURN_IF_ERROR(node.ReadEnum("result", names, "push result", &r->result, Need::kRequired));
  if (r->result == PushOutcome::kRefused) {
    // A refusal may concern a dossier whose id or code was unreadable
    // (bad_dossier): they are echoed as sent (the kiosk matches results by
    // position), so any short text is accepted there.
    DVC_RETURN_IF_ERROR(
        fields::ReadText(node, "id", &r->id, Need::kOptional, 0, fields::kMaxTokenBytes));
    DVC_RETURN_IF_ERROR(
        fields::ReadText(node, "code", &r->code, Need::kOptional, 0, fields::kMaxTokenBytes));
    if (!node.Has("error")) return node.Child("error").Fail("missing required value");
    ApiError error;
    error.http_status = 0;
    DVC_RETURN_IF_ERROR(fields::ReadErrorObject(node.Child("error"), &error));
    r->error = std::move(error);
    return Status::Ok();
  }
  DVC_RETURN_IF_ERROR(fields::ReadUuid(node, "id", &r->id, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadDossierCode(node, "code", &r->code, Need::kRequired));
  dossier::Timestamp received{};
  DVC_RETURN_IF_ERROR(fields::ReadTimestamp(node, "received_at", &received, Need::kRequired));
  r->received_at = received;
  DVC_RETURN_IF_ERROR(
      fields::ReadOptionalDate(node, "official_appointment", &r->official_appointment));
  dossier::DossierStatus status{};
  DVC_RETURN_IF_ERROR(fields::ReadStatus(node, "status", &status, Need::kRequired));
  r->status = status;
  return Status::Ok();
}

}  // namespace

Result<PushResponse> PushResponseFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  PushResponse response;
  DVC_RETURN_IF_ERROR(root.ForEach(
      "results", Need::kRequired, [&](const JsonNode& element, size_t index) -> Status {
        if (index >= kMaxDossiersPerPush) {
          return root.Child("results").Fail("more results than dossiers in one push");
        }
        PushResult r;
        DVC_RETURN_IF_ERROR(ReadPushResult(element, &r));
        response.results.push_back(std::move(r));
        return Status::Ok();
      }));
  return response;
}

}  // namespace dvc::sync
