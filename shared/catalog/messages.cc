#include "catalog/messages.h"

#include <cstdlib>
#include <string>

namespace dvc::catalog {
namespace {

struct Template {
  MessageId id;
  std::string_view vi;
  std::string_view en;
};

// Short sentences, everyday words, an example where the format matters.
constexpr Template kTemplates[] = {
    {MessageId::kRequired, "Vui lòng nhập {label}.", "Please enter {label}."},
    {MessageId::kRequiredChoice, "Vui lòng chọn {label}.", "Please choose {label}."},
    {MessageId::kRequiredAttachment, "Vui lòng đính kèm {label}.", "Please attach {label}."},
    {MessageId::kRequiredCheckbox, "Vui lòng đánh dấu vào ô {label}.", "Please tick {label}."},
    {MessageId::kWrongType, "{label} không hợp lệ. Vui lòng nhập lại.",
     "{label} is not valid. Please enter it again."},
    {MessageId::kTooShort, "{label} phải có ít nhất {n} ký tự.",
     "{label} must be at least {n} characters long."},
    {MessageId::kTooLong, "{label} chỉ được có tối đa {n} ký tự.",
     "{label} must be at most {n} characters long."},
    {MessageId::kPatternMismatch, "{label} không đúng định dạng.",
     "{label} is not in the expected format."},
    {MessageId::kNotANumber, "{label} phải là một số. Ví dụ: 12.",
     "{label} must be a number, for example 12."},
    {MessageId::kNotAnInteger, "{label} phải là số nguyên, không có phần lẻ.",
     "{label} must be a whole number."},
    {MessageId::kNumberTooSmall, "{label} phải từ {min} trở lên.",
     "{label} must be at least {min}."},
    {MessageId::kNumberTooLarge, "{label} không được lớn hơn {max}.",
     "{label} must be at most {max}."},
    {MessageId::kBadDate, "{label} không đúng. Vui lòng nhập ngày/tháng/năm, ví dụ: 25/12/1990.",
     "{label} is not a valid date. Use day/month/year, for example 25/12/1990."},
    {MessageId::kDateTooEarly, "{label} không được trước ngày {min}.",
     "{label} must not be before {min}."},
    {MessageId::kDateTooLate, "{label} không được sau ngày {max}.",
     "{label} must not be after {max}."},
    {MessageId::kDateInFuture, "{label} không được sau ngày hôm nay.",
     "{label} cannot be in the future."},
    {MessageId::kDateInPast, "{label} không được trước ngày hôm nay.",
     "{label} cannot be in the past."},
    {MessageId::kUnknownOption, "Vui lòng chọn {label} trong danh sách.",
     "Please choose {label} from the list."},
    {MessageId::kDuplicateOption, "{label}: mỗi mục chỉ được chọn một lần.",
     "{label}: choose each option only once."},
    {MessageId::kCitizenIdNotDigits, "{label} chỉ gồm chữ số. Ví dụ: 034 095 012 345.",
     "{label} must contain digits only, for example 034 095 012 345."},
    {MessageId::kCitizenIdLength, "{label} phải có đúng 12 chữ số. Vui lòng xem lại thẻ căn cước.",
     "{label} must have exactly 12 digits. Please check the ID card."},
    {MessageId::kCitizenIdProvince,
     "{label} không đúng: 3 chữ số đầu không phải mã tỉnh, thành phố nào.",
     "{label} is not valid: the first 3 digits are not a province code."},
    {MessageId::kCitizenIdBirthYear, "{label} không đúng: năm sinh trong số này không hợp lý.",
     "{label} is not valid: the birth year it contains is not plausible."},
    {MessageId::kCitizenIdBirthMismatch, "{label} không khớp với năm sinh {year} đã nhập.",
     "{label} does not match the birth year {year} entered."},
    {MessageId::kPhoneMalformed, "{label} không đúng. Ví dụ: 0912 345 678.",
     "{label} is not valid. Example: 0912 345 678."},
    {MessageId::kPhoneOldNumber,
     "{label} là số 11 chữ số cũ, từ năm 2018 đã đổi sang 10 chữ số. Ví dụ: 0912 345 678.",
     "{label} is an old 11-digit number; since 2018 mobile numbers have 10 digits. Example: 0912 "
     "345 678."},
    {MessageId::kPhoneNotMobile,
     "{label} không phải số di động. Vui lòng nhập số di động để nhận tin nhắn. Ví dụ: 0912 345 "
     "678.",
     "{label} is not a mobile number. Please enter a mobile number to receive text messages. "
     "Example: 0912 345 678."},
    {MessageId::kAddressCommuneMissing, "Vui lòng chọn xã, phường cho {label}.",
     "Please choose the commune for {label}."},
    {MessageId::kAddressCommuneUnknown,
     "Xã, phường đã chọn cho {label} không có trong danh sách hiện nay. Vui lòng chọn lại.",
     "The commune chosen for {label} is not in today's list. Please choose again."},
    {MessageId::kAddressDetailMissing, "Vui lòng nhập số nhà, đường, thôn, xóm cho {label}.",
     "Please enter the house number, street or hamlet for {label}."},
    {MessageId::kAttachmentTooFew, "Vui lòng đính kèm ít nhất {n} tệp cho {label}.",
     "Please attach at least {n} files for {label}."},
    {MessageId::kAttachmentTooMany, "{label} chỉ được đính kèm tối đa {n} tệp.",
     "{label} takes at most {n} files."},
    {MessageId::kAttachmentInvalid,
     "Tệp đính kèm của {label} không hợp lệ. Vui lòng chụp hoặc quét lại.",
     "An attachment of {label} is not valid. Please photograph or scan it again."},
    {MessageId::kHiddenField, "{label} không áp dụng cho lựa chọn hiện tại, vui lòng để trống.",
     "{label} does not apply to the current choices; please leave it empty."},
    {MessageId::kUnknownField, "Mẫu đơn không có mục \"{label}\".",
     "The form has no field \"{label}\"."},
    {MessageId::kAnswersNotObject, "Dữ liệu hồ sơ không hợp lệ. Vui lòng điền lại mẫu đơn.",
     "The dossier's answers are not valid. Please fill in the form again."},
};

const Template& Find(MessageId id) {
  for (const Template& t : kTemplates) {
    if (t.id == id) return t;
  }
  std::abort();  // every MessageId has a row: a missing one is a programming error
}

std::string Fill(std::string_view tmpl, Language lang, const Text& label,
                 std::initializer_list<MessageArg> args) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = tmpl.substr(i, close - i + 1);
        const std::string* value = nullptr;
        if (name == "{label}") value = &label.In(lang);
        for (const MessageArg& a : args) {
          if (a.first == name) value = &a.second.In(lang);
        }
        if (value != nullptr) {
          out += *value;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(tmpl[i]);
    ++i;
  }
  return out;
}

}  // namespace

std::string_view MessageTemplate(MessageId id, Language lang) {
  const Template& t = Find(id);
  return lang == Language::kEn ? t.en : t.vi;
}

Text FormatMessage(MessageId id, const Text& label, std::initializer_list<MessageArg> args) {
  const Template& t = Find(id);
  return Text{Fill(t.vi, Language::kVi, label, args), Fill(t.en, Language::kEn, label, args)};
}

}  // namespace dvc::catalog
