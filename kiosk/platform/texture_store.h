// Where thumbnails become textures the renderer can draw. Platform implements
// it with SDL textures; unit tests use a fake. Draw code only reads the
// ImTextureID it returned; uploads happen in the app's action step.
// Thread-safety: main thread only.
#pragma once

#include <imgui.h>

#include "core/status.h"
#include "outbox/scan_folder.h"

namespace dvc::kiosk {

class TextureStore {
 public:
  virtual ~TextureStore() = default;
  // Uploads RGBA pixels as a texture owned by the store until Release or
  // the store's end. Errors: kInternal with the renderer's message.
  virtual Result<ImTextureID> Upload(const Thumbnail& image) = 0;
  // Frees a texture Upload returned. Unknown ids are ignored.
  virtual void Release(ImTextureID texture) = 0;
};

}  // namespace dvc::kiosk
