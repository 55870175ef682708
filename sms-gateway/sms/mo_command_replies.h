// The texts the gateway answers MO commands with (assets/sms/replies.json):
// Vietnamese with diacritics, NFC, with placeholders like the notification
// templates; the dispatcher strips diacritics for GSM-7. Kept to one SMS
// (160 GSM-7 characters) for the common cases: FitMoReply shortens the one
// long free value (the procedure's name) rather than split a reply.
//
// Thread-safety: MoReplies is immutable after loading; the functions are pure.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway {

// The replies, by key (see ParseMoReplies), and the "what to do next"
// sentence of each dossier status id.
struct MoReplies {
  std::map<std::string, std::string, std::less<>> texts;
  std::map<std::string, std::string, std::less<>> next_by_status;
  // The text for `key`; "" when absent (cannot happen after a successful parse).
  const std::string& Text(std::string_view key) const;
  // The next-step sentence for a status id; "" when the file has none.
  const std::string& Next(std::string_view status_id) const;
};

// Reads the replies file: a JSON object with the texts "lookup_owner",
// "lookup_status_only", "mistyped", "not_found", "help", "stopped",
// "started", "rate_limited" (all required, non-empty) and "next", an object
// of dossier status id -> sentence. Placeholders: {code} {status}
// {appointment} {next} {service} {typed} {short_code}. Keys starting with "_"
// are comments. Errors (kInvalidInput, naming the file and key): not JSON, a
// missing or unknown key, an unknown status id, an unknown placeholder or an
// unclosed brace; kIo when the file cannot be read.
Result<MoReplies> ParseMoReplies(std::string_view json_text, std::string_view file_name);
Result<MoReplies> LoadMoReplies(const std::string& path);

// Characters `utf8` takes in GSM-7 once made GSM-7 safe (text::ToGsm7Safe):
// extension-table characters count two.
size_t Gsm7Length(std::string_view utf8);

// `tmpl` filled with `values`; when the result (GSM-7 safe) is longer than
// `limit`, the value of `shrinkable` is cut (whole characters, ending "...")
// until it fits or is gone. The result keeps its diacritics.
std::string FitMoReply(std::string_view tmpl,
                       std::map<std::string, std::string, std::less<>> values,
                       std::string_view shrinkable, size_t limit = 160);

}  // namespace dvc::gateway
