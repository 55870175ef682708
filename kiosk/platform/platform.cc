#include "platform/platform.h"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cstdlib>

#include "core/file_util.h"
#include "platform/draw_data_renderer.h"
#include "platform/style.h"
#include "receipt/receipt_output.h"

namespace dvc::kiosk {

Platform::SdlQuit::~SdlQuit() { SDL_Quit(); }
Platform::ImGuiContextOwner::ImGuiContextOwner() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
}
Platform::ImGuiContextOwner::~ImGuiContextOwner() { ImGui::DestroyContext(); }
Platform::SdlBackend::SdlBackend(SDL_Window* window) { ImGui_ImplSDL2_InitForSDLRenderer(window); }
Platform::SdlBackend::~SdlBackend() { ImGui_ImplSDL2_Shutdown(); }
Platform::RendererBackend::RendererBackend(SDL_Renderer* renderer) {
  ImGui_ImplSDLRenderer_Init(renderer);
}
Platform::RendererBackend::~RendererBackend() { ImGui_ImplSDLRenderer_Shutdown(); }

Result<std::unique_ptr<Platform>> Platform::Create(const PlatformOptions& options) {
  if (options.width < 320 || options.height < 240 || options.width > 8192 ||
      options.height > 8192) {
    return Status::InvalidInput("screen size " + std::to_string(options.width) + "x" +
                                std::to_string(options.height) + " is out of range");
  }
  if (options.headless) {
    // The dummy driver needs no display; with framebuffer acceleration off,
    // SDL keeps the software renderer's pixels in memory (no Mesa texture).
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    return Status::Internal(std::string("SDL_Init: ") + SDL_GetError());
  }
  std::unique_ptr<Platform> p(new Platform());
  p->sdl_ = std::make_unique<SdlQuit>();

  Uint32 window_flags = SDL_WINDOW_ALLOW_HIGHDPI;
  if (!options.headless && !options.windowed) window_flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  p->window_.reset(SDL_CreateWindow("Dịch vụ công — Kiosk", SDL_WINDOWPOS_CENTERED,
                                    SDL_WINDOWPOS_CENTERED, options.width, options.height,
                                    window_flags));
  if (!p->window_) return Status::Internal(std::string("SDL_CreateWindow: ") + SDL_GetError());

  if (!options.headless) {
    p->renderer_.reset(SDL_CreateRenderer(p->window_.get(), -1,
                                          SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  }
  if (!p->renderer_) {
    p->renderer_.reset(SDL_CreateRenderer(p->window_.get(), -1, SDL_RENDERER_SOFTWARE));
  }
  if (!p->renderer_) return Status::Internal(std::string("SDL_CreateRenderer: ") + SDL_GetError());
  if (SDL_GetRendererOutputSize(p->renderer_.get(), &p->width_, &p->height_) != 0) {
    return Status::Internal(std::string("SDL_GetRendererOutputSize: ") + SDL_GetError());
  }

  p->imgui_ = std::make_unique<ImGuiContextOwner>();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing of the UI layout is persisted
  io.LogFilename = nullptr;
  p->sdl_backend_ = std::make_unique<SdlBackend>(p->window_.get());
  p->renderer_backend_ = std::make_unique<RendererBackend>(p->renderer_.get());

  const float scale = std::min(p->width_ / 1920.0f, p->height_ / 1080.0f);
  ApplyKioskStyle(scale);
  Result<Fonts> fonts = LoadFonts(options.font_dir, scale);
  if (!fonts.ok()) return fonts.status();
  p->fonts_ = *fonts;
  return p;
}

Platform::~Platform() = default;

Result<ImTextureID> Platform::Upload(const Thumbnail& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() != static_cast<size_t>(image.width) * image.height * 4) {
    return Status::Internal("thumbnail: inconsistent size");
  }
  std::unique_ptr<SDL_Texture, TextureDeleter> texture(
      SDL_CreateTexture(renderer_.get(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                        image.width, image.height));
  if (!texture) return Status::Internal(std::string("SDL_CreateTexture: ") + SDL_GetError());
  if (SDL_UpdateTexture(texture.get(), nullptr, image.rgba.data(), image.width * 4) != 0) {
    return Status::Internal(std::string("SDL_UpdateTexture: ") + SDL_GetError());
  }
  textures_.push_back(std::move(texture));
  return static_cast<ImTextureID>(textures_.back().get());
}

void Platform::Release(ImTextureID texture) {
  std::erase_if(textures_, [&](const auto& t) { return t.get() == texture; });
}

void Platform::ProcessEvent(const SDL_Event& event) { ImGui_ImplSDL2_ProcessEvent(&event); }

void Platform::BeginBackendFrame() {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
}

void Platform::RenderFrame() {
  ImGui::Render();
  // Asked every frame: a resized window gets a new surface.
  SDL_Surface* target = DirectTarget(renderer_.get(), window_.get(), width_, height_);
  SDL_SetRenderDrawColor(renderer_.get(), 255, 255, 255, 255);
  SDL_RenderClear(renderer_.get());
  RenderDrawData(renderer_.get(), ImGui::GetDrawData(), target);
}

Result<RgbaImage> Platform::ReadPixels() const {
  RgbaImage image;
  image.width = width_;
  image.height = height_;
  image.pixels.resize(static_cast<size_t>(width_) * height_ * 4);
  // ABGR8888 is R, G, B, A in memory order on little-endian machines; RGBA32
  // names that byte order on any machine.
  if (SDL_RenderReadPixels(renderer_.get(), nullptr, SDL_PIXELFORMAT_RGBA32, image.pixels.data(),
                           width_ * 4) != 0) {
    return Status::Internal(std::string("SDL_RenderReadPixels: ") + SDL_GetError());
  }
  return image;
}

void Platform::Present() { SDL_RenderPresent(renderer_.get()); }

Status WriteRgbaPng(const RgbaImage& image, const std::string& path) {
  const std::vector<uint8_t> png = receipt::EncodePng(image.pixels, image.width, image.height, 4);
  if (png.empty()) return Status::Internal(path + ": PNG encoding failed");
  return core::WriteFileAtomically(path, png);
}

}  // namespace dvc::kiosk
