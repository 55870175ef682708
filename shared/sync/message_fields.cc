#include "sync/message_fields.h"

#include <algorithm>
#include <cctype>

#include "core/hex.h"
#include "dossier/dossier_code.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::sync::fields {

namespace {

// Reads the string member `key` into `s`, telling whether it was there (an
// optional member that is absent is OK and leaves `s` empty).
Status ReadRaw(const JsonNode& node, std::string_view key, std::string* s, Need need,
               bool* present) {
  *present = node.Has(key);
  return node.ReadString(key, s, need);
}

}  // namespace

Status ExpectObject(const JsonNode& node) {
  if (node.value().is_object()) return Status::Ok();
  return node.Fail("expected an object, found " + std::string(core::JsonTypeName(node.value())));
}

bool HasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
  });
}

Status ReadText(const JsonNode& node, std::string_view key, std::string* out, Need need,
                size_t min_bytes, size_t max_bytes) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  const JsonNode child = node.Child(key);
  if (s.size() < min_bytes || s.size() > max_bytes) {
    return child.Fail("expected " + std::to_string(min_bytes) + " to " + std::to_string(max_bytes) +
                      " bytes of text, found " + std::to_string(s.size()));
  }
  if (!text::IsValidUtf8(s)) return child.Fail("not valid UTF-8");
  if (HasControlCharacter(s)) return child.Fail("contains a control character");
  if (text::ToNfc(s) != s) return child.Fail("text is not in Unicode NFC");
  *out = std::move(s);
  return Status::Ok();
}

Status ReadToken(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  return ReadText(node, key, out, need, 1, kMaxTokenBytes);
}

Status ReadHex(const JsonNode& node, std::string_view key, size_t digits, std::string* out,
               Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  if (s.size() != digits || !std::all_of(s.begin(), s.end(), core::IsLowerHexDigit)) {
    return node.Child(key).Fail("expected " + std::to_string(digits) + " lower-case hex digits");
  }
  *out = std::move(s);
  return Status::Ok();
}

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_here ? s[i] != '-' : !core::IsLowerHexDigit(s[i])) return false;
  }
  return true;
}

Status ReadUuid(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  if (!IsUuid(s)) {
    return node.Child(key).Fail(
        "expected a UUID: 36 characters, lower-case hex digits and dashes "
        "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
  }
  *out = std::move(s);
  return Status::Ok();
}

Status ReadDossierCode(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  const JsonNode child = node.Child(key);
  auto code = dossier::ParseDossierCode(s);
  if (!code.ok()) return child.Fail(code.status().message());
  if (code->compact() != s) {
    return child.Fail("expected the compact dossier code \"" + code->compact() + "\"");
  }
  *out = std::move(s);
  return Status::Ok();
}

Status ReadCommuneCode(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  const bool digits =
      s.size() == 5 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return node.Child(key).Fail("expected a commune code of 5 digits");
  *out = std::move(s);
  return Status::Ok();
}

Status ReadTimestamp(const JsonNode& node, std::string_view key, dossier::Timestamp* out,
                     Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  auto t = dossier::ParseTimestamp(s);
  if (!t.ok()) return node.Child(key).Fail(t.status().message());
  *out = *t;
  return Status::Ok();
}

Status ReadOptionalTimestamp(const JsonNode& node, std::string_view key,
                             std::optional<dossier::Timestamp>* out) {
  if (!node.Has(key)) return Status::Ok();
  dossier::Timestamp t{};
  DVC_RETURN_IF_ERROR(ReadTimestamp(node, key, &t, Need::kRequired));
  *out = t;
  return Status::Ok();
}

Status ReadOptionalDate(const JsonNode& node, std::string_view key,
                        std::optional<calendar::Date>* out) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, Need::kOptional, &present));
  if (!present) return Status::Ok();
  auto d = calendar::Date::ParseIso(s);
  if (!d.ok()) return node.Child(key).Fail(d.status().message());
  *out = *d;
  return Status::Ok();
}

Status ReadStatus(const JsonNode& node, std::string_view key, dossier::DossierStatus* out,
                  Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  auto status = dossier::StatusFromId(s);
  if (!status) return node.Child(key).Fail("unknown dossier status " + calendar::Quote(s));
  *out = *status;
  return Status::Ok();
}

Status ReadMessage(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  if (s.size() > kMaxMessageBytes || !text::IsValidUtf8(s)) {
    return node.Child(key).Fail("expected UTF-8 text of at most " +
                                std::to_string(kMaxMessageBytes) + " bytes");
  }
  *out = std::move(s);
  return Status::Ok();
}

Status ReadErrorCode(const JsonNode& node, std::string_view key, std::string* out, Need need) {
  std::string s;
  bool present = false;
  DVC_RETURN_IF_ERROR(ReadRaw(node, key, &s, need, &present));
  if (!present) return Status::Ok();
  const bool shaped =
      !s.empty() && s.size() <= kMaxTokenBytes && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
  if (!shaped) return node.Child(key).Fail("expected an error code of [a-z0-9_], 1 to 64 bytes");
  *out = std::move(s);
  return Status::Ok();
}

Status ReadErrorObject(const JsonNode& node, ApiError* out) {
  if (!node.value().is_object()) {
    return node.Fail("expected an object, found " + std::string(core::JsonTypeName(node.value())));
  }
  DVC_RETURN_IF_ERROR(ReadErrorCode(node, "code", &out->code, Need::kRequired));
  out->message.clear();
  return ReadMessage(node, "message", &out->message, Need::kOptional);
}

nlohmann::json ErrorObjectToJson(const ApiError& error) {
  return nlohmann::json{{"code", error.code}, {"message", error.message}};
}

JsonNode RootNode(const nlohmann::json& json) {
  // JsonNode keeps a pointer to the file name: one that lives forever.
  static const std::string kNoFile;
  return JsonNode(json, kNoFile);
}

}  // namespace dvc::sync::fields
