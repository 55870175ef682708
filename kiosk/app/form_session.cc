#include "app/form_session.h"

namespace dvc::kiosk {

bool IsStaffAttachmentMessage(catalog::MessageId id) {
  return id == catalog::MessageId::kRequiredAttachment ||
         id == catalog::MessageId::kAttachmentTooFew;
}

void FormSession::SetValue(const std::string& field_id, nlohmann::json value) {
  if (value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty())) {
    answers_.erase(field_id);
    return;
  }
  answers_[field_id] = std::move(value);
}

std::string FormSession::TextOf(const std::string& field_id) const {
  auto it = answers_.find(field_id);
  if (it == answers_.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

std::string FormSession::AddressPart(const std::string& field_id, const char* part) const {
  auto it = answers_.find(field_id);
  if (it == answers_.end() || !it->is_object()) return "";
  auto p = it->find(part);
  return p != it->end() && p->is_string() ? p->get<std::string>() : "";
}

void FormSession::SetAddressPart(const std::string& field_id, const char* part, std::string value) {
  nlohmann::json address = nlohmann::json::object();
  auto it = answers_.find(field_id);
  if (it != answers_.end() && it->is_object()) address = *it;
  if (value.empty()) {
    address.erase(part);
  } else {
    address[part] = std::move(value);
  }
  if (address.empty()) {
    answers_.erase(field_id);
  } else {
    answers_[field_id] = std::move(address);
  }
}

std::vector<const catalog::Field*> FormSession::ShownFields(
    size_t page, const catalog::ValidationContext& ctx) const {
  std::vector<const catalog::Field*> out;
  const catalog::Form& f = form();
  if (page >= f.pages.size()) return out;
  const std::vector<std::optional<bool>> visible = catalog::EvaluateVisibility(f, answers_, ctx);
  for (const std::string& id : f.pages[page].field_ids) {
    for (size_t i = 0; i < f.fields.size(); ++i) {
      // A field whose visibility cannot be decided yet stays hidden until the
      // answer it depends on is fixed.
      if (f.fields[i].id == id && visible[i].value_or(false)) out.push_back(&f.fields[i]);
    }
  }
  return out;
}

std::vector<size_t> FormSession::ShownPages(const catalog::ValidationContext& ctx) const {
  std::vector<size_t> out;
  for (size_t page = 0; page < form().pages.size(); ++page) {
    if (!ShownFields(page, ctx).empty()) out.push_back(page);
  }
  return out;
}

std::optional<catalog::Text> FormSession::MessageFor(const catalog::Field& field,
                                                     const catalog::ValidationContext& ctx) const {
  if (!Touched(field.id)) return std::nullopt;
  auto it = answers_.find(field.id);
  const nlohmann::json value = it == answers_.end() ? nlohmann::json() : *it;
  const catalog::FieldCheck check = catalog::ValidateField(field, value, ctx);
  if (check.ok() || IsStaffAttachmentMessage(check.error->id)) return std::nullopt;
  return check.error->text;
}

bool FormSession::CheckPage(size_t page, const catalog::ValidationContext& ctx) {
  bool ok = true;
  for (const catalog::Field* field : ShownFields(page, ctx)) {
    Touch(field->id);
    if (MessageFor(*field, ctx)) ok = false;
  }
  return ok;
}

catalog::ValidationResult FormSession::Finish(const catalog::ValidationContext& ctx) const {
  const catalog::Form& f = form();
  const std::vector<std::optional<bool>> visible = catalog::EvaluateVisibility(f, answers_, ctx);
  nlohmann::json submitted = nlohmann::json::object();
  for (size_t i = 0; i < f.fields.size(); ++i) {
    const catalog::Field& field = f.fields[i];
    if (field.type == catalog::FieldType::kAttachment) continue;
    if (visible[i] == false) continue;  // hidden: an answer left from an earlier choice
    auto it = answers_.find(field.id);
    if (it != answers_.end()) submitted[field.id] = *it;
  }
  catalog::ValidationResult result = catalog::ValidateAnswers(f, submitted, ctx);
  std::erase_if(result.errors,
                [](const catalog::FieldMessage& m) { return IsStaffAttachmentMessage(m.id); });
  return result;
}

}  // namespace dvc::kiosk
