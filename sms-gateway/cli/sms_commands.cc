#include "cli/sms_commands.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <string_view>

#include "cli/exit_codes.h"
#include "dossier/dossier_code.h"
#include "text/utf8.h"

namespace dvc::gateway {

namespace {

constexpr std::array<std::string_view, 6> kStates = {"pending",   "sending", "sent",
                                                     "delivered", "failed",  "skipped"};

// The table's columns: heading, width (code points; the last is unpadded).
struct Column {
  std::string_view heading;
  size_t width;
};
constexpr std::array<Column, 10> kColumns = {{{"ID", 7},
                                              {"CODE / TO", 20},
                                              {"EVENT", 18},
                                              {"STATE", 10},
                                              {"ATT", 4},
                                              {"PARTS", 6},
                                              {"ROUTE", 12},
                                              {"MESSAGE ID", 18},
                                              {"UPDATED", 21},
                                              {"REASON", 0}}};

// The dossier code as on the receipt ("12430-22-3FY-Q8V-P"), else the masked
// number of a reply.
std::string Recipient(const nlohmann::json& row) {
  const std::string code = JsonText(row, "code");
  if (code == "-") return JsonText(row, "to");
  return DisplayCode(code);
}

std::string StateList() {
  std::string list;
  for (std::string_view state : kStates) {
    if (!list.empty()) list += ", ";
    list += state;
  }
  return list;
}

// "Pending" → "pending"; empty when it names no state.
std::string NormalizeState(const std::string& typed) {
  std::string state;
  for (char c : typed) state += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view known : kStates) {
    if (known == state) return state;
  }
  return "";
}

// A message id as typed: a positive decimal number, nothing else.
bool ParseId(const std::string& text, int64_t* id) {
  if (text.empty() || text[0] == '+' || text[0] == '-') return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return error == std::errc() && end == text.data() + text.size() && *id > 0;
}

void PrintCounts(const nlohmann::json& counts, const OperatorOutput& output) {
  output.out << "Queue:";
  const char* separator = " ";
  for (std::string_view state : kStates) {
    output.out << separator << state << " " << JsonText(counts, std::string(state).c_str());
    separator = ", ";
  }
  output.out << "\n";
}

}  // namespace

int ListSms(OperatorClient& client, const SmsListArgs& args, const OperatorOutput& output) {
  std::string query = "/v1/admin/sms?limit=" + std::to_string(args.limit);
  if (!args.state.empty()) {
    const std::string state = NormalizeState(args.state);
    if (state.empty()) {
      output.err << "sms-gateway: unknown state \"" << args.state << "\" (one of: " << StateList()
                 << ")\n";
      return kExitUsage;
    }
    query += "&state=" + state;
  }
  if (!args.code.empty()) query += "&code=" + EncodePathSegment(args.code);
  CallResult result = client.Get(query);
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const nlohmann::json& messages = (*result.json)["messages"];
  if (!messages.is_array() || messages.empty()) {
    output.out << "No SMS matches.\n";
  } else {
    for (const Column& column : kColumns) {
      output.out << (column.width == 0 ? std::string(column.heading) + "\n"
                                       : PadText(std::string(column.heading), column.width));
    }
    for (const nlohmann::json& row : messages) {
      const std::array<std::string, kColumns.size()> cells = {
          JsonText(row, "id"),         Recipient(row),
          JsonText(row, "event"),      JsonText(row, "state"),
          JsonText(row, "attempts"),   JsonText(row, "parts"),
          JsonText(row, "route"),      JsonText(row, "message_id"),
          JsonText(row, "updated_at"), JsonText(row, "reason")};
      for (size_t i = 0; i < kColumns.size(); ++i) {
        output.out << (kColumns[i].width == 0 ? cells[i] + "\n"
                                              : PadText(cells[i], kColumns[i].width));
      }
    }
  }
  PrintCounts((*result.json)["counts"], output);
  return kExitOk;
}

int RequeueSms(OperatorClient& client, const std::vector<std::string>& ids, bool all_failed,
               const OperatorOutput& output) {
  if (ids.empty() == !all_failed) {
    output.err << "sms-gateway: give message ids (see `sms-gateway sms list`) or --failed, "
                  "not both\n";
    return kExitUsage;
  }
  nlohmann::json body;
  if (all_failed) {
    body = {{"failed", true}};
  } else {
    body = {{"ids", nlohmann::json::array()}};
    for (const std::string& typed : ids) {
      int64_t id = 0;
      if (!ParseId(typed, &id)) {
        output.err << "sms-gateway: \"" << typed
                   << "\" is not a message id (a positive number from `sms-gateway sms list`)\n";
        return kExitUsage;
      }
      body["ids"].push_back(id);
    }
  }
  CallResult result = client.Post("/v1/admin/sms/requeue", body);
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const std::string count = JsonText(*result.json, "requeued");
  output.out << "Re-queued " << count << (count == "1" ? " message" : " messages");
  output.out << (count == "0" ? " (only failed or skipped messages can be re-queued).\n"
                              : "; the dispatcher sends them within seconds, attempts counted "
                                "afresh.\n");
  return kExitOk;
}

}  // namespace dvc::gateway
