// libsodium's one-time start-up, for code that cannot go on without it.
#pragma once

namespace dvc::core {

// Calls sodium_init(); cheap and thread-safe to repeat. Aborts when libsodium
// cannot start (no usable randomness): nothing that signs, seals or draws a
// random code may run then, and there is no error a caller could act on.
void InitSodiumOrAbort();

}  // namespace dvc::core
