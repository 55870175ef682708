// The kiosk's window, renderer and Dear ImGui context: SDL2 + Dear ImGui 1.86
// with the SDL platform backend and the SDL renderer backend.
//
// One Platform per process, owned by main(); every handle is released in the
// reverse order it was acquired (RAII members declared in acquisition order).
// Headless mode renders with SDL's software renderer on the "dummy" video
// driver, so tests and demos run without a display or a GPU.
// Thread-safety: SDL and ImGui are single-threaded; use from the main thread only.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "platform/fonts.h"
#include "platform/texture_store.h"

namespace dvc::kiosk {

struct PlatformOptions {
  int width = 1920;
  int height = 1080;
  bool headless = false;  // dummy video driver + software renderer
  bool windowed = false;  // otherwise full screen (ignored when headless)
  std::string font_dir = "/usr/share/fonts/truetype/noto";
};

// An RGBA image read back from the renderer (4 bytes a pixel, row-major).
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

class Platform : public TextureStore {
 public:
  // Initialises SDL, opens the window and renderer, creates the ImGui context
  // with its two backends, applies the high-contrast style and loads the fonts
  // once. Errors: kInternal with SDL's message when a handle cannot be made;
  // kIo when a font file is missing.
  static Result<std::unique_ptr<Platform>> Create(const PlatformOptions& options);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Hands an SDL event to the ImGui SDL backend.
  void ProcessEvent(const SDL_Event& event);
  // Starts a frame in both backends. The caller may then override io.MousePos
  // and io.MouseDown (script injection) before calling ImGui::NewFrame().
  void BeginBackendFrame();
  // ImGui::Render() and rasterises the draw data (does not present).
  void RenderFrame();
  // Reads the rendered frame back (call after RenderFrame, before Present).
  Result<RgbaImage> ReadPixels() const;
  void Present();

  const Fonts& fonts() const { return fonts_; }

  // TextureStore: static RGBA textures for scan thumbnails, freed before the
  // renderer.
  Result<ImTextureID> Upload(const Thumbnail& image) override;
  void Release(ImTextureID texture) override;

 private:
  struct SdlQuit {
    ~SdlQuit();
  };
  struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
  };
  struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
  };
  struct TextureDeleter {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
  };
  struct ImGuiContextOwner {
    ImGuiContextOwner();
    ~ImGuiContextOwner();
    ImGuiContextOwner(const ImGuiContextOwner&) = delete;
    ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
  };
  struct SdlBackend {
    explicit SdlBackend(SDL_Window* window);
    ~SdlBackend();
    SdlBackend(const SdlBackend&) = delete;
    SdlBackend& operator=(const SdlBackend&) = delete;
  };
  struct RendererBackend {
    explicit RendererBackend(SDL_Renderer* renderer);
    ~RendererBackend();
    RendererBackend(const RendererBackend&) = delete;
    RendererBackend& operator=(const RendererBackend&) = delete;
  };

  Platform() = default;

  // Declared in acquisition order: destroyed in reverse.
  std::unique_ptr<SdlQuit> sdl_;
  std::unique_ptr<SDL_Window, WindowDeleter> window_;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer_;
  std::unique_ptr<ImGuiContextOwner> imgui_;
  std::unique_ptr<SdlBackend> sdl_backend_;
  std::unique_ptr<RendererBackend> renderer_backend_;
  std::vector<std::unique_ptr<SDL_Texture, TextureDeleter>> textures_;  // before the renderer
  Fonts fonts_;
  int width_ = 0;
  int height_ = 0;
};

// Writes `image` as a PNG file at `path`, atomically (core::WriteFileAtomically).
// Errors: kInternal when the image is inconsistent; kIo naming the path.
Status WriteRgbaPng(const RgbaImage& image, const std::string& path);

}  // namespace dvc::kiosk
