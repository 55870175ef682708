#include "dossier/dossier.h"

#include <sodium.h>

#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/hex.h"
#include "core/sodium_init.h"
#include "dossier/dossier_code.h"
#include "text/utf8.h"

namespace dvc::dossier {

namespace {

constexpr size_t kMaxNoteBytes = 2000;
constexpr size_t kMaxNameBytes = 128;

bool HasControlCharacter(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Status Invalid(const std::string& path, const std::string& why) {
  return Status::InvalidInput(path + ": " + why);
}

// A short identifier-like text: non-empty, bounded, one line, valid UTF-8.
Status CheckName(const std::string& path, std::string_view value, bool required) {
  if (value.empty()) return required ? Invalid(path, "must not be empty") : Status::Ok();
  if (value.size() > kMaxNameBytes) {
    return Invalid(path, "is longer than " + std::to_string(kMaxNameBytes) + " bytes");
  }
  if (!text::IsValidUtf8(value) || HasControlCharacter(value)) {
    return Invalid(path, "must be one line of valid UTF-8 text");
  }
  return Status::Ok();
}

Status CheckNote(const std::string& path, std::string_view note) {
  if (note.size() > kMaxNoteBytes) {
    return Invalid(path, "is longer than " + std::to_string(kMaxNoteBytes) + " bytes");
  }
  if (!text::IsValidUtf8(note)) return Invalid(path, "is not valid UTF-8");
  return Status::Ok();
}

Status CheckPhone(std::string_view phone) {
  if (phone.empty()) return Status::Ok();
  const std::string_view digits = phone[0] == '+' ? phone.substr(1) : phone;
  bool all_digits = !digits.empty();
  for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
  if (!all_digits || digits.size() < 8 || digits.size() > 15) {
    return Invalid("dossier.phone", "expected 8 to 15 digits, optionally after a +");
  }
  return Status::Ok();
}

Status CheckCode(std::string_view code) {
  auto parsed = ParseDossierCode(code);
  if (!parsed.ok()) return Invalid("dossier.code", parsed.status().message());
  if (parsed->compact() != code) {
    return Invalid("dossier.code", "must be written in its compact form " + parsed->compact());
  }
  return Status::Ok();
}

// Answers cross the sync API and are stored as JSON text: every number must be
// finite (JSON has no spelling for infinity; "1e400" parses to one) and every
// string valid UTF-8 (a json built in code may hold anything). Iterative, so a
// deeply nested value built in code cannot exhaust the stack.
Status CheckAnswers(const nlohmann::json& answers) {
  if (!answers.is_object()) return Invalid("dossier.answers", "expected an object");
  std::vector<const nlohmann::json*> pending = {&answers};
  while (!pending.empty()) {
    const nlohmann::json* value = pending.back();
    pending.pop_back();
    if (value->is_number_float() && !std::isfinite(value->get<double>())) {
      return Invalid("dossier.answers", "holds a number out of range");
    }
    if (value->is_string() && !text::IsValidUtf8(value->get_ref<const std::string&>())) {
      return Invalid("dossier.answers", "holds text that is not valid UTF-8");
    }
    if (value->is_object()) {
      for (const auto& [key, member] : value->items()) {
        if (!text::IsValidUtf8(key)) {
          return Invalid("dossier.answers", "holds a name that is not valid UTF-8");
        }
        pending.push_back(&member);
      }
    } else if (value->is_array()) {
      for (const nlohmann::json& element : *value) pending.push_back(&element);
    }
  }
  return Status::Ok();
}

Status CheckHistory(const Dossier& d) {
  if (d.history.empty()) {
    if (!IsInitialStatus(d.status)) {
      return Invalid("dossier.history",
                     "is empty, but a dossier cannot start at " + std::string(StatusId(d.status)));
    }
    return Status::Ok();
  }
  if (!IsInitialStatus(d.history.front().from)) {
    return Invalid("dossier.history[0].from",
                   "a dossier cannot start at " + std::string(StatusId(d.history.front().from)));
  }
  for (size_t i = 0; i < d.history.size(); ++i) {
    const StatusChange& change = d.history[i];
    const std::string path = "dossier.history[" + std::to_string(i) + "]";
    if (i > 0 && change.from != d.history[i - 1].to) {
      return Invalid(path + ".from", "is " + std::string(StatusId(change.from)) +
                                         ", but the previous change ended at " +
                                         std::string(StatusId(d.history[i - 1].to)));
    }
    // The level is unknown here: judge level-4-only changes as allowed.
    Status legal = CheckTransition(change.from, change.to, change.actor, OnlineLevel::kFull);
    if (!legal.ok()) return Invalid(path, legal.message());
    DVC_RETURN_IF_ERROR(CheckNote(path + ".note", change.note));
  }
  if (d.history.back().to != d.status) {
    return Invalid("dossier.status", "is " + std::string(StatusId(d.status)) +
                                         ", but the history ends at " +
                                         std::string(StatusId(d.history.back().to)));
  }
  return Status::Ok();
}

}  // namespace

std::string NewDossierId() {
  core::InitSodiumOrAbort();
  uint8_t bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string hex = core::HexOf(bytes);  // 8-4-4-4-12
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

bool IsValidDossierId(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !core::IsLowerHexDigit(id[i])) return false;
  }
  return id[14] == '4' && std::string_view("89ab").find(id[19]) != std::string_view::npos;
}

Status ChangeStatus(Dossier& dossier, DossierStatus to, Actor actor, Timestamp at, std::string note,
                    OnlineLevel level) {
  DVC_RETURN_IF_ERROR(CheckNote("note", note));
  DVC_RETURN_IF_ERROR(CheckTransition(dossier.status, to, actor, level));
  dossier.history.push_back(StatusChange{dossier.status, to, at, actor, std::move(note)});
  dossier.status = to;
  return Status::Ok();
}

Status ValidateDossier(const Dossier& d) {
  if (!IsValidDossierId(d.id)) {
    return Invalid("dossier.id",
                   "expected a lower-case UUID v4 (xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx)");
  }
  DVC_RETURN_IF_ERROR(CheckCode(d.code));
  DVC_RETURN_IF_ERROR(CheckName("dossier.province_number", d.province_number, false));
  DVC_RETURN_IF_ERROR(CheckName("dossier.service_id", d.service_id, true));
  DVC_RETURN_IF_ERROR(CheckName("dossier.catalog_version", d.catalog_version, true));
  if (d.form_version < 1) return Invalid("dossier.form_version", "must be 1 or more");
  DVC_RETURN_IF_ERROR(CheckAnswers(d.answers));
  for (size_t i = 0; i < d.attachments.size(); ++i) {
    const AttachmentRef& a = d.attachments[i];
    const std::string path = "dossier.attachments[" + std::to_string(i) + "]";
    DVC_RETURN_IF_ERROR(CheckName(path + ".field", a.field, true));
    if (!core::IsSha256Hex(a.sha256)) return Invalid(path + ".sha256", "expected 64 lower-case hex digits");
  }
  DVC_RETURN_IF_ERROR(CheckPhone(d.phone));
  // Appointment days need no check: a calendar::Date is always a real day.
  if (d.status == DossierStatus::kQueuedAtKiosk && d.received_at) {
    return Invalid("dossier.received_at", "is set, but the dossier is still queued at the kiosk");
  }
  return CheckHistory(d);
}

}  // namespace dvc::dossier
