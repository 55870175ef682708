#include "catalog/csv_reader.h"

#include <utility>

#include "text/utf8.h"

namespace dvc::catalog {
namespace {

Status LineError(int line, const std::string& what) {
  return Status::InvalidInput("line " + std::to_string(line) + ": " + what);
}

bool IsBlank(const CsvRecord& r) { return r.fields.size() == 1 && r.fields[0].empty(); }

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (!text::IsValidUtf8(text)) return Status::InvalidInput("not valid UTF-8");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  size_t i = 0;
  const size_t n = text.size();
  bool field_was_quoted = false;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (!IsBlank(record)) records.push_back(std::move(record));
    record = CsvRecord();
    record.line = line;
  };

  while (i < n) {
    char c = text[i];
    if (c == '"') {
      if (!field.empty() || field_was_quoted)
        return LineError(line, "a quote inside an unquoted field");
      field_was_quoted = true;
      int open_line = line;
      ++i;
      bool closed = false;
      while (i < n) {
        char q = text[i];
        if (q == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (q == '\n') ++line;
        field.push_back(q);
        ++i;
      }
      if (!closed) return LineError(open_line, "a quoted field is not closed");
      if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return LineError(line, "text after a closing quote");
      }
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      end_record();
      continue;
    }
    if (field_was_quoted) return LineError(line, "text after a closing quote");
    field.push_back(c);
    ++i;
  }
  if (!field.empty() || field_was_quoted || !record.fields.empty()) end_record();
  return records;
}

}  // namespace dvc::catalog
