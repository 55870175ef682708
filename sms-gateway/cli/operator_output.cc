#include "cli/operator_output.h"

#include "cli/exit_codes.h"
#include "dossier/dossier_code.h"
#include "text/utf8.h"

namespace dvc::gateway {

int ReportFailure(const CallResult& result, const OperatorOutput& output) {
  output.err << "sms-gateway: " << result.failure->message << "\n";
  return kExitRefused;
}

void PrintJson(const nlohmann::json& json, const OperatorOutput& output) {
  output.out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

std::string JsonText(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || object[key].is_null()) return "-";
  const nlohmann::json& value = object[key];
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DisplayCode(const std::string& code) {
  Result<dossier::DossierCode> parsed = dossier::ParseDossierCode(code);
  return parsed.ok() ? parsed->Display() : code;
}

std::string PadText(const std::string& text, size_t width) {
  const size_t length = text::CodePointCount(text);
  return length >= width ? text + " " : text + std::string(width - length, ' ');
}

}  // namespace dvc::gateway
