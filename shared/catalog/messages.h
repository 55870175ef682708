// The messages validation shows a resident, in Vietnamese and English: one
// list (DVC_CATALOG_MESSAGES below), so wording is reviewed in one place, a
// message kind is a value the UI and tests can compare, and every MessageId
// has its text by construction. Short sentences, everyday words, an example
// where the format matters.
// Thread-safety: pure functions over a constant table.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

#include "catalog/bilingual.h"

namespace dvc::catalog {

// X(identifier, "Vietnamese template", "English template"). Placeholders:
// {label} (the field's label) and the arguments FormatMessage is given.
// clang-format off
#define DVC_CATALOG_MESSAGES(X)                                                                    \
  X(kRequired,                                                                                     \
    "Vui lòng nhập {label}.",                                                                      \
    "Please enter {label}.")                                                                       \
  X(kRequiredChoice,                                                                               \
    "Vui lòng chọn {label}.",                                                                      \
    "Please choose {label}.")                                                                      \
  X(kRequiredAttachment,                                                                           \
    "Vui lòng đính kèm {label}.",                                                                  \
    "Please attach {label}.")                                                                      \
  X(kRequiredCheckbox,                                                                             \
    "Vui lòng đánh dấu vào ô {label}.",                                                            \
    "Please tick {label}.")                                                                        \
  X(kWrongType,                                                                                    \
    "{label} không hợp lệ. Vui lòng nhập lại.",                                                    \
    "{label} is not valid. Please enter it again.")                                                \
  X(kTooShort,                                                                                     \
    "{label} phải có ít nhất {n} ký tự.",                                                          \
    "{label} must be at least {n} characters long.")                                               \
  X(kTooLong,                                                                                      \
    "{label} chỉ được có tối đa {n} ký tự.",                                                       \
    "{label} must be at most {n} characters long.")                                                \
  X(kPatternMismatch,                                                                              \
    "{label} không đúng định dạng.",                                                               \
    "{label} is not in the expected format.")                                                      \
  X(kNotANumber,                                                                                   \
    "{label} phải là một số. Ví dụ: 1.500 hoặc 2,5 (dấu chấm ngăn hàng nghìn, dấu phẩy trước "     \
    "phần lẻ).",                                                                                   \
    "{label} must be a number written the Vietnamese way, for example 1.500 (one thousand five "   \
    "hundred) or 2,5 (two and a half).")                                                           \
  X(kNotAWholeNumber,                                                                              \
    "{label} phải là một số. Ví dụ: 12.",                                                          \
    "{label} must be a number, for example 12.")                                                   \
  X(kNotAnInteger,                                                                                 \
    "{label} phải là số nguyên, không có phần lẻ.",                                                \
    "{label} must be a whole number.")                                                             \
  X(kNumberTooSmall,                                                                               \
    "{label} phải từ {min} trở lên.",                                                              \
    "{label} must be at least {min}.")                                                             \
  X(kNumberTooLarge,                                                                               \
    "{label} không được lớn hơn {max}.",                                                           \
    "{label} must be at most {max}.")                                                              \
  X(kBadDate,                                                                                      \
    "{label} không đúng. Vui lòng nhập ngày/tháng/năm, ví dụ: 25/12/1990.",                        \
    "{label} is not a valid date. Use day/month/year, for example 25/12/1990.")                    \
  X(kDateTooEarly,                                                                                 \
    "{label} không được trước ngày {min}.",                                                        \
    "{label} must not be before {min}.")                                                           \
  X(kDateTooLate,                                                                                  \
    "{label} không được sau ngày {max}.",                                                          \
    "{label} must not be after {max}.")                                                            \
  X(kDateInFuture,                                                                                 \
    "{label} không được sau ngày hôm nay.",                                                        \
    "{label} cannot be in the future.")                                                            \
  X(kDateInPast,                                                                                   \
    "{label} không được trước ngày hôm nay.",                                                      \
    "{label} cannot be in the past.")                                                              \
  X(kUnknownOption,                                                                                \
    "Vui lòng chọn {label} trong danh sách.",                                                      \
    "Please choose {label} from the list.")                                                        \
  X(kDuplicateOption,                                                                              \
    "{label}: mỗi mục chỉ được chọn một lần.",                                                     \
    "{label}: choose each option only once.")                                                      \
  X(kCitizenIdNotDigits,                                                                           \
    "{label} chỉ gồm chữ số. Ví dụ: 034 095 012 345.",                                             \
    "{label} must contain digits only, for example 034 095 012 345.")                              \
  X(kCitizenIdLength,                                                                              \
    "{label} phải có đúng 12 chữ số. Vui lòng xem lại thẻ căn cước.",                              \
    "{label} must have exactly 12 digits. Please check the ID card.")                              \
  X(kCitizenIdProvince,                                                                            \
    "{label} không đúng: 3 chữ số đầu không phải mã tỉnh, thành phố nào.",                         \
    "{label} is not valid: the first 3 digits are not a province code.")                           \
  X(kCitizenIdBirthYear,                                                                           \
    "{label} không đúng: năm sinh trong số này không hợp lý.",                                     \
    "{label} is not valid: the birth year it contains is not plausible.")                          \
  X(kCitizenIdBirthMismatch,                                                                       \
    "{label} không khớp với năm sinh {year} đã nhập.",                                             \
    "{label} does not match the birth year {year} entered.")                                       \
  X(kPhoneMalformed,                                                                               \
    "{label} không đúng. Ví dụ: 0912 345 678.",                                                    \
    "{label} is not valid. Example: 0912 345 678.")                                                \
  X(kPhoneOldNumber,                                                                               \
    "{label} là số 11 chữ số cũ, từ năm 2018 đã đổi sang 10 chữ số. Ví dụ: 0912 345 678.",         \
    "{label} is an old 11-digit number; since 2018 mobile numbers have 10 digits. Example: 0912 "  \
    "345 678.")                                                                                    \
  X(kPhoneNotMobile,                                                                               \
    "{label} không phải số di động. Vui lòng nhập số di động để nhận tin nhắn. Ví dụ: 0912 345 "   \
    "678.",                                                                                        \
    "{label} is not a mobile number. Please enter a mobile number to receive text messages. "      \
    "Example: 0912 345 678.")                                                                      \
  X(kAddressCommuneMissing,                                                                        \
    "Vui lòng chọn xã, phường cho {label}.",                                                       \
    "Please choose the commune for {label}.")                                                      \
  X(kAddressCommuneUnknown,                                                                        \
    "Xã, phường đã chọn cho {label} không có trong danh sách hiện nay. Vui lòng chọn lại.",        \
    "The commune chosen for {label} is not in today's list. Please choose again.")                 \
  X(kAddressDetailMissing,                                                                         \
    "Vui lòng nhập số nhà, đường, thôn, xóm cho {label}.",                                         \
    "Please enter the house number, street or hamlet for {label}.")                                \
  X(kAttachmentTooFew,                                                                             \
    "Vui lòng đính kèm ít nhất {n} tệp cho {label}.",                                              \
    "Please attach at least {n} files for {label}.")                                               \
  X(kAttachmentTooMany,                                                                            \
    "{label} chỉ được đính kèm tối đa {n} tệp.",                                                   \
    "{label} takes at most {n} files.")                                                            \
  X(kAttachmentInvalid,                                                                            \
    "Tệp đính kèm của {label} không hợp lệ. Vui lòng chụp hoặc quét lại.",                         \
    "An attachment of {label} is not valid. Please photograph or scan it again.")                  \
  X(kHiddenField,                                                                                  \
    "{label} không áp dụng cho lựa chọn hiện tại, vui lòng để trống.",                             \
    "{label} does not apply to the current choices; please leave it empty.")                       \
  X(kUnknownField,                                                                                 \
    "Mẫu đơn không có mục \"{label}\".",                                                           \
    "The form has no field \"{label}\".")                                                          \
  X(kAnswersNotObject,                                                                             \
    "Dữ liệu hồ sơ không hợp lệ. Vui lòng điền lại mẫu đơn.",                                      \
    "The dossier's answers are not valid. Please fill in the form again.")
// clang-format on

enum class MessageId {
#define DVC_CATALOG_MESSAGE_ID(id, vi, en) id,
  DVC_CATALOG_MESSAGES(DVC_CATALOG_MESSAGE_ID)
#undef DVC_CATALOG_MESSAGE_ID
};

// A placeholder value per language: {"{n}", {"5", "5"}}.
using MessageArg = std::pair<std::string_view, Text>;

// The message `id` with "{label}" replaced by `label` and the other
// placeholders by `args` (placeholders without a value are left as they are).
Text FormatMessage(MessageId id, const Text& label, std::initializer_list<MessageArg> args = {});

}  // namespace dvc::catalog
