// Sql: SQL text that is a constant written in the program, never built from input.
//
// Every API of the store that runs SQL takes an `Sql`, whose only constructor is
// `consteval` and accepts a character array: a string literal (or a constexpr
// array) compiles, a std::string or a runtime `const char*` does not. Values from
// outside always go through Statement binds, so the store offers no way to splice
// input into SQL text.
//
// Thread-safety: an immutable value; copy freely.
#pragma once

#include <cstddef>
#include <string_view>

namespace dvc::store {

class Sql {
 public:
  // REQUIRES: `text` is a constant (a string literal); checked at compile time.
  template <std::size_t N>
  consteval Sql(const char (&text)[N])  // NOLINT: implicit by design
      : text_(text), size_(N - 1) {
    static_assert(N >= 1, "SQL text must be NUL-terminated");
  }

  // NUL-terminated; lives for the whole program (a literal).
  const char* c_str() const { return text_; }
  std::string_view view() const { return std::string_view(text_, size_); }

 private:
  const char* text_;
  std::size_t size_;
};

}  // namespace dvc::store
