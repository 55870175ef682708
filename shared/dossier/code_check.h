// The check character of a dossier code: the Damm algorithm over GF(32).
//
// Every code character has a value 0..31 (CodeSymbolValue). The check runs the
// values through the quasigroup  x ∘ y = a·x + y  over GF(32) (modulus
// x^5 + x^2 + 1, a = 2, the field element "x"): interim = interim ∘ value, from 0.
// The check character is the one that brings the interim back to 0.
//
// Why it catches what matters (the tests verify both facts exhaustively):
// - a wrong character: for a fixed interim, y ↦ a·x + y is a bijection, and so is
//   every later step x ↦ a·x + v (a ≠ 0), so a different value anywhere ends at a
//   different, non-zero interim;
// - two neighbours swapped: (c∘x)∘y = a²c + a·x + y and (c∘y)∘x = a²c + a·y + x
//   are equal only if (a+1)(x−y) = 0, i.e. x = y, because a ≠ 1 (the quasigroup is
//   "totally anti-symmetric", Damm 2004).
// The check character itself is covered too (a swap with the last body character
// and a mistyped check character are found the same way).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace dvc::dossier {

// The 32 symbols of a code after the commune number: no 0, 1, I or O.
inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

// Multiplication in GF(32) with modulus x^5 + x^2 + 1. REQUIRES: a, b < 32.
uint8_t Gf32Multiply(uint8_t a, uint8_t b);

// The quasigroup operation x ∘ y = 2·x + y (addition in GF(32) is XOR).
// REQUIRES: x, y < 32.
uint8_t CheckOperation(uint8_t x, uint8_t y);

// The value of an upper-case code character: its index in kCodeAlphabet; the
// digits 0 and 1, which occur only in the commune number, take the values of 'A'
// and 'L'. No other digit has those values, and letters never stand in the commune
// number, so a wrong digit is still caught. '1' shares the value of 'L' because
// the parser reads an L typed in the commune number as 1: a swap of a commune
// digit with an 'L' just after it then remains a swap of two values, which the
// check detects. Empty for any other character.
std::optional<uint8_t> CodeSymbolValue(char c);

// The check character for `body` (upper-case code characters without the check).
// REQUIRES: every character of body has a CodeSymbolValue; aborts otherwise.
char ComputeCheckCharacter(std::string_view body);

// True if `code` (body followed by its check character) passes the check.
// REQUIRES: as ComputeCheckCharacter.
bool CheckCharacterMatches(std::string_view code);

}  // namespace dvc::dossier
