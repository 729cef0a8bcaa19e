// Backend choice for Fr bulk arithmetic: ADX when the CPU has bmi2+adx, portable otherwise.
#include "field/fr_backend.hpp"

#include <atomic>

#include "base/cpu_features.hpp"
#include "base/error.hpp"
#include "field/detail/fr_adx.hpp"

namespace vseal::field {
namespace {

FrBackend detect() noexcept {
  return fr_backend_supported(FrBackend::Adx) ? FrBackend::Adx : FrBackend::Portable;
}

std::atomic<FrBackend>& current() noexcept {
  static std::atomic<FrBackend> backend{detect()};
  return backend;
}

}  // namespace

bool fr_backend_supported(FrBackend backend) noexcept {
  switch (backend) {
    case FrBackend::Portable:
      return true;
    case FrBackend::Adx:
#if defined(VSEAL_HAVE_FR_ADX)
      return cpu_features().bmi2 && cpu_features().adx;
#else
      return false;
#endif
  }
  return false;
}

FrBackend fr_backend() noexcept {
  return current().load(std::memory_order_relaxed);
}

void force_fr_backend(FrBackend backend) {
  if (!fr_backend_supported(backend)) {
    throw Error(ErrorCode::Unsupported, std::string("Fr backend ") +
                                            std::string(fr_backend_name(backend)) +
                                            " is not supported on this CPU or build");
  }
  current().store(backend, std::memory_order_relaxed);
}

std::string_view fr_backend_name(FrBackend backend) noexcept {
  return backend == FrBackend::Adx ? "adx" : "portable";
}

Fr fr_mul(FrBackend backend, const Fr& a, const Fr& b) {
  Fr r;
#if defined(VSEAL_HAVE_FR_ADX)
  if (backend == FrBackend::Adx) {
    VSEAL_ASSERT(fr_backend_supported(FrBackend::Adx));
    detail::mont_mul_adx(r.mont.data(), a.mont.data(), b.mont.data());
    return r;
  }
#else
  (void)backend;
#endif
  detail::mont_mul(r.mont.data(), a.mont.data(), b.mont.data());
  return r;
}

}  // namespace vseal::field
