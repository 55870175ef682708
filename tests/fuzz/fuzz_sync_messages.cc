// Reads arbitrary bytes as a sync API body, as the gateway and the kiosk do
// with what the other side sent: ParseBody, then every message reader. Must
// never crash; a message that is read must write and read back to an equal
// value (the writers produce exactly what the readers accept).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sync/messages.h"

namespace {

// Reads `json` with `read`; when it succeeds, ToJson and read again must give
// an equal value.
template <typename Read, typename Write>
void CheckRoundTrip(const nlohmann::json& json, Read read, Write write) {
  auto value = read(json);
  if (!value.ok()) {
    if (value.status().message().empty()) std::abort();
    return;
  }
  const nlohmann::json written = write(*value);
  // The written JSON must also survive text: what goes over the wire.
  auto reparsed = dvc::sync::ParseBody(written.dump());
  if (!reparsed.ok()) std::abort();
  auto again = read(*reparsed);
  if (!again.ok() || !(*again == *value)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dvc::sync;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = ParseBody(text);
  if (!body.ok()) {
    if (body.status().message().empty()) std::abort();
    return 0;
  }
  const nlohmann::json& json = *body;
  const auto to_json = [](const auto& v) { return ToJson(v); };
  CheckRoundTrip(json, PushRequestFromJson, to_json);
  CheckRoundTrip(json, ChangesPageFromJson, to_json);
  CheckRoundTrip(json, EnrollRequestFromJson, to_json);
  CheckRoundTrip(json, EnrollResponseFromJson, to_json);
  CheckRoundTrip(json, PushResponseFromJson, to_json);
  CheckRoundTrip(json, LookupAnswerFromJson, to_json);
  CheckRoundTrip(json, PrivatePartFromJson, to_json);
  CheckRoundTrip(
      json, [](const nlohmann::json& j) { return ApiErrorFromJson(j, 409); }, ApiErrorToJson);
  // The first dossier alone, as the gateway reads one to refuse it.
  if (json.is_object() && json.contains("dossiers") && json["dossiers"].is_array() &&
      !json["dossiers"].empty()) {
    CheckRoundTrip(json["dossiers"][0], PushDossierFromJson, to_json);
  }
  return 0;
}
