#pragma once
// A zero-filled byte buffer from anonymous mmap, sized up to whole 2 MiB pages and advised as
// huge pages (MADV_HUGEPAGE): layer arrays are read at random (expander parents), and with 4 KiB
// pages almost every such read also misses the TLB. Move-only RAII; throws Error{Io} when the
// memory cannot be mapped.
#include <cstddef>
#include <cstdint>
#include <span>

namespace vseal {

class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t bytes);
  ~AlignedBuffer();
  AlignedBuffer(AlignedBuffer&& other) noexcept;
  AlignedBuffer& operator=(AlignedBuffer&& other) noexcept;
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::span<std::uint8_t> span() { return {data_, size_}; }
  std::span<const std::uint8_t> span() const { return {data_, size_}; }

 private:
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;
};

}  // namespace vseal
