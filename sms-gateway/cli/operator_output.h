// How every operator command prints: where output goes, a failed call's
// message, the API's JSON, and the small text helpers the summaries share.
//
// Thread-safety: run from main only (the streams are the caller's).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/operator_client.h"

namespace dvc::gateway {

struct OperatorOutput {
  std::ostream& out;
  std::ostream& err;
  bool json = false;  // print the API's JSON instead of the summary
};

// Writes "sms-gateway: <message>" to err; returns kExitRefused.
// REQUIRES: !result.ok().
int ReportFailure(const CallResult& result, const OperatorOutput& output);

// The JSON, indented, invalid UTF-8 replaced.
void PrintJson(const nlohmann::json& json, const OperatorOutput& output);

// A member as text: strings as they are, absent or null as "-", anything
// else as JSON.
std::string JsonText(const nlohmann::json& object, const char* key);

// "12345-7K-4HQ-2M9-X" for a compact dossier code; the text unchanged otherwise.
std::string DisplayCode(const std::string& code);

// Pads UTF-8 text to `width` characters (code points; Vietnamese in NFC has
// one per letter), with at least one space after it.
std::string PadText(const std::string& text, size_t width);

}  // namespace dvc::gateway
