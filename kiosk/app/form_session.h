// A resident's answers to one procedure's form while the wizard runs: the raw
// values as typed, which pages and fields are shown (visible_if), the inline
// message of each field the resident has left, and the final check.
//
// Pure logic over dvc::catalog validation (no ImGui, no I/O), so the wizard's
// behaviour is unit-tested without a screen. What the screens ask every
// frame (shown pages and fields, inline messages) is computed once per
// change of the answers, the touched fields or ctx.today, and cached; the
// rest of the ValidationContext must stay the same for a session.
// Attachments are filled in by staff from scans, never by the resident: their
// "required" messages are left out of the resident's checks.
// Thread-safety: value type; the service must outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "catalog/validation.h"

namespace dvc::kiosk {

class FormSession {
 public:
  // REQUIRES: service != nullptr and outlives the session.
  explicit FormSession(const catalog::Service* service) : service_(service) {}

  const catalog::Service& service() const { return *service_; }
  const catalog::Form& form() const { return service_->form; }
  // Raw answers keyed by field id (strings as typed, bools, address objects).
  const nlohmann::json& answers() const { return answers_; }

  // Sets a field's raw value; an empty string or null removes it.
  void SetValue(const std::string& field_id, nlohmann::json value);
  // The raw text of a field typed on a keyboard ("" when unanswered).
  std::string TextOf(const std::string& field_id) const;
  // Address parts ("" when unanswered).
  std::string AddressPart(const std::string& field_id, const char* part) const;
  void SetAddressPart(const std::string& field_id, const char* part, std::string value);

  // The form's page indexes that show at least one field, given the answers.
  std::vector<size_t> ShownPages(const catalog::ValidationContext& ctx) const;
  // The fields of page `page` shown given the answers, in page order.
  std::vector<const catalog::Field*> ShownFields(size_t page,
                                                 const catalog::ValidationContext& ctx) const;

  // Marks a field as visited: its message is shown from now on.
  void Touch(const std::string& field_id);
  bool Touched(const std::string& field_id) const { return touched_.count(field_id) > 0; }
  // The inline message of `field` if it was touched and is invalid.
  std::optional<catalog::Text> MessageFor(const catalog::Field& field,
                                          const catalog::ValidationContext& ctx) const;
  // Touches every shown field of `page`; true when none of them has a message.
  bool CheckPage(size_t page, const catalog::ValidationContext& ctx);

  // The answers to submit: hidden fields and attachments dropped, then
  // ValidateAnswers. `errors` excludes the attachment messages staff resolve.
  catalog::ValidationResult Finish(const catalog::ValidationContext& ctx) const;

 private:
  // What the answers imply, for one revision of the answers and one day.
  struct Derived {
    uint64_t revision = 0;
    calendar::Date today;
    std::vector<std::vector<const catalog::Field*>> fields_of_page;  // shown only
    std::vector<size_t> pages;                                       // with a shown field
    std::map<std::string, catalog::Text> messages;                   // touched, invalid fields
  };
  // The cache, recomputed when the revision or ctx.today changed.
  const Derived& Derive(const catalog::ValidationContext& ctx) const;

  const catalog::Service* service_;
  nlohmann::json answers_ = nlohmann::json::object();
  std::set<std::string> touched_;
  uint64_t revision_ = 1;  // bumped by every change of answers_ or touched_
  mutable std::optional<Derived> derived_;
};

// True for messages a resident cannot act on because staff attach the scans.
bool IsStaffAttachmentMessage(catalog::MessageId id);

}  // namespace dvc::kiosk
