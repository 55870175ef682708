// JSON of the sync API's errors, enrolment, pull and lookup messages, and the
// body parser. The push messages are in push_json.cc.
#include <string>

#include "core/json_reader.h"
#include "dossier/dossier_code.h"
#include "sync/enrolment_code.h"
#include "sync/message_fields.h"
#include "sync/messages.h"

namespace dvc::sync {

using core::JsonNode;
using core::Need;
using nlohmann::json;

namespace {

// Lengths from docs/sync-api.md.
constexpr size_t kKeyHexDigits = 64;
constexpr size_t kSignatureHexDigits = 128;
constexpr int64_t kMaxKioskId = INT64_MAX;

}  // namespace

// ---- errors ---------------------------------------------------------------

json ApiErrorToJson(const ApiError& error) {
  return json{{"error", fields::ErrorObjectToJson(error)}};
}

Result<ApiError> ApiErrorFromJson(const json& body, int http_status) {
  const JsonNode root = fields::RootNode(body);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  if (!root.Has("error")) return root.Child("error").Fail("missing required value");
  ApiError error;
  error.http_status = http_status;
  DVC_RETURN_IF_ERROR(fields::ReadErrorObject(root.Child("error"), &error));
  return error;
}

// ---- enrolment ------------------------------------------------------------

json ToJson(const EnrollRequest& value) {
  json j{{"code", value.code},
         {"public_key", value.public_key},
         {"proof", value.proof},
         {"software", value.software}};
  if (value.issuer) {
    j["issuer"] = *value.issuer;
    j["issuer_commune"] = value.issuer_commune;
  }
  return j;
}

Result<EnrollRequest> EnrollRequestFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  EnrollRequest r;
  std::string code;
  DVC_RETURN_IF_ERROR(root.ReadString("code", &code, Need::kRequired));
  auto canonical = ParseEnrolmentCode(code);
  if (!canonical.ok()) return root.Child("code").Fail(canonical.status().message());
  if (*canonical != code) {
    return root.Child("code").Fail("expected the enrolment code without dash: \"" + *canonical +
                                   "\"");
  }
  r.code = std::move(code);
  DVC_RETURN_IF_ERROR(
      fields::ReadHex(root, "public_key", kKeyHexDigits, &r.public_key, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadHex(root, "proof", kSignatureHexDigits, &r.proof, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadText(root, "software", &r.software, Need::kOptional, 0, fields::kMaxTokenBytes));
  // The issuer and its commune come together: an issuer number means nothing
  // without the commune its codes start with.
  if (root.Has("issuer") != root.Has("issuer_commune")) {
    return root.Child(root.Has("issuer") ? "issuer_commune" : "issuer")
        .Fail("missing: issuer and issuer_commune come together");
  }
  if (root.Has("issuer")) {
    int64_t issuer = 0;
    DVC_RETURN_IF_ERROR(root.ReadInt("issuer", &issuer, Need::kRequired, 1,
                                     dossier::DossierCode::kIssuerCount - 1));
    r.issuer = static_cast<uint32_t>(issuer);
    DVC_RETURN_IF_ERROR(
        fields::ReadCommuneCode(root, "issuer_commune", &r.issuer_commune, Need::kRequired));
  }
  return r;
}

json ToJson(const EnrollResponse& value) {
  return json{{"kiosk_id", value.kiosk_id},
              {"commune_code", value.commune_code},
              {"name", value.name},
              {"issuer", value.issuer},
              {"signer_id", value.signer_id},
              {"province",
               {{"signer_id", value.province.signer_id},
                {"signing_key", value.province.signing_key},
                {"sealing_key", value.province.sealing_key}}},
              {"catalog_version", value.catalog_version}};
}

Result<EnrollResponse> EnrollResponseFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  EnrollResponse r;
  DVC_RETURN_IF_ERROR(root.ReadInt("kiosk_id", &r.kiosk_id, Need::kRequired, 1, kMaxKioskId));
  DVC_RETURN_IF_ERROR(
      fields::ReadCommuneCode(root, "commune_code", &r.commune_code, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadText(root, "name", &r.name, Need::kRequired, 1, fields::kMaxNameBytes));
  int64_t issuer = 0;
  // Issuer 0 is the gateway's counter desk, never a kiosk's.
  DVC_RETURN_IF_ERROR(
      root.ReadInt("issuer", &issuer, Need::kRequired, 1, dossier::DossierCode::kIssuerCount - 1));
  r.issuer = static_cast<uint32_t>(issuer);
  DVC_RETURN_IF_ERROR(fields::ReadToken(root, "signer_id", &r.signer_id, Need::kRequired));
  const JsonNode province = root.Child("province");
  if (!root.Has("province")) return province.Fail("missing required value");
  DVC_RETURN_IF_ERROR(fields::ExpectObject(province));
  DVC_RETURN_IF_ERROR(
      fields::ReadToken(province, "signer_id", &r.province.signer_id, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadHex(province, "signing_key", kKeyHexDigits,
                                      &r.province.signing_key, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadHex(province, "sealing_key", kKeyHexDigits,
                                      &r.province.sealing_key, Need::kRequired));
  // Empty (or absent) while nothing is published.
  DVC_RETURN_IF_ERROR(fields::ReadText(root, "catalog_version", &r.catalog_version, Need::kOptional,
                                       0, fields::kMaxTokenBytes));
  return r;
}

// ---- pull -----------------------------------------------------------------

json ToJson(const Change& value) {
  json j{{"seq", value.seq},
         {"id", value.id},
         {"code", value.code},
         {"status", std::string(dossier::StatusId(value.status))},
         {"at", dossier::FormatTimestamp(value.at)},
         {"note", value.note}};
  if (value.official_appointment) j["official_appointment"] = value.official_appointment->ToIso();
  return j;
}

json ToJson(const ChangesPage& value) {
  json changes = json::array();
  for (const Change& c : value.changes) changes.push_back(ToJson(c));
  json catalog = nullptr;
  if (value.catalog) {
    catalog = json{{"version", value.catalog->version}, {"signature", value.catalog->signature}};
  }
  return json{{"changes", std::move(changes)},
              {"next", value.next},
              {"more", value.more},
              {"catalog", std::move(catalog)}};
}

namespace {

Status ReadChange(const JsonNode& node, Change* c) {
  DVC_RETURN_IF_ERROR(fields::ExpectObject(node));
  DVC_RETURN_IF_ERROR(node.ReadInt("seq", &c->seq, Need::kRequired, 1, INT64_MAX));
  DVC_RETURN_IF_ERROR(fields::ReadUuid(node, "id", &c->id, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadDossierCode(node, "code", &c->code, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadStatus(node, "status", &c->status, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadTimestamp(node, "at", &c->at, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      fields::ReadText(node, "note", &c->note, Need::kOptional, 0, fields::kMaxNoteBytes));
  return fields::ReadOptionalDate(node, "official_appointment", &c->official_appointment);
}

}  // namespace

Result<ChangesPage> ChangesPageFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  ChangesPage page;
  DVC_RETURN_IF_ERROR(root.ForEach(
      "changes", Need::kRequired, [&](const JsonNode& element, size_t index) -> Status {
        if (index >= kMaxChangesPerPull) {
          return root.Child("changes").Fail("more than " + std::to_string(kMaxChangesPerPull) +
                                            " changes in one page");
        }
        Change c;
        DVC_RETURN_IF_ERROR(ReadChange(element, &c));
        // The kiosk's cursor relies on the order.
        if (!page.changes.empty() && c.seq <= page.changes.back().seq) {
          return element.Child("seq").Fail("changes are not in ascending seq order");
        }
        page.changes.push_back(std::move(c));
        return Status::Ok();
      }));
  DVC_RETURN_IF_ERROR(root.ReadInt("next", &page.next, Need::kRequired, 0, INT64_MAX));
  if (!page.changes.empty() && page.next < page.changes.back().seq) {
    return root.Child("next").Fail("the cursor is before the last change's seq");
  }
  DVC_RETURN_IF_ERROR(root.ReadBool("more", &page.more, Need::kRequired));
  if (root.Has("catalog")) {
    const JsonNode catalog = root.Child("catalog");
    DVC_RETURN_IF_ERROR(fields::ExpectObject(catalog));
    CatalogPointer pointer;
    DVC_RETURN_IF_ERROR(fields::ReadToken(catalog, "version", &pointer.version, Need::kRequired));
    DVC_RETURN_IF_ERROR(fields::ReadHex(catalog, "signature", kSignatureHexDigits,
                                        &pointer.signature, Need::kRequired));
    page.catalog = std::move(pointer);
  }
  return page;
}

// ---- lookup ---------------------------------------------------------------

json ToJson(const LookupAnswer& value) {
  json j{{"code", value.code},
         {"status", std::string(dossier::StatusId(value.status))},
         {"updated_at", dossier::FormatTimestamp(value.updated_at)}};
  if (value.received_at) j["received_at"] = dossier::FormatTimestamp(*value.received_at);
  if (value.official_appointment) j["official_appointment"] = value.official_appointment->ToIso();
  return j;
}

Result<LookupAnswer> LookupAnswerFromJson(const json& json_value) {
  const JsonNode root = fields::RootNode(json_value);
  DVC_RETURN_IF_ERROR(fields::ExpectObject(root));
  LookupAnswer a;
  DVC_RETURN_IF_ERROR(fields::ReadDossierCode(root, "code", &a.code, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadStatus(root, "status", &a.status, Need::kRequired));
  DVC_RETURN_IF_ERROR(fields::ReadOptionalTimestamp(root, "received_at", &a.received_at));
  DVC_RETURN_IF_ERROR(
      fields::ReadOptionalDate(root, "official_appointment", &a.official_appointment));
  DVC_RETURN_IF_ERROR(fields::ReadTimestamp(root, "updated_at", &a.updated_at, Need::kRequired));
  return a;
}

// ---- body -----------------------------------------------------------------

Result<json> ParseBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return Status::InvalidInput("body is " + std::to_string(body.size()) + " bytes, at most " +
                                std::to_string(kMaxBodyBytes));
  }
  // core::ParseJsonText pre-scans the nesting (at most 64 levels), refuses
  // duplicate keys and catches nlohmann's exceptions; its messages start with
  // the "file name" given, here replaced by a clearer lead.
  constexpr std::string_view kLead = "body";
  auto parsed = core::ParseJsonText(body, kLead, core::kMaxJsonDepth);
  if (!parsed.ok()) {
    std::string detail = parsed.status().message();
    if (detail.starts_with(std::string(kLead) + ": ")) detail.erase(0, kLead.size() + 2);
    return Status::InvalidInput("body is not JSON: " + detail);
  }
  return std::move(parsed).value();
}

}  // namespace dvc::sync
