// Layer readers over rust-fil-proofs layer files (see layer_reader.hpp).
#include "porep/layer_reader.hpp"

#include <string>
#include <vector>

#include "base/error.hpp"
#include "io/positional_file.hpp"
#include "porep/cache_files.hpp"

namespace vseal::porep {
namespace {

class FileLayerReader final : public LayerReader {
 public:
  explicit FileLayerReader(std::vector<io::PositionalFile> files) : files_(std::move(files)) {}
  void read(int layer, std::uint64_t first, std::span<std::uint8_t> out) override {
    files_.at(static_cast<std::size_t>(layer - 1)).read_at(first * 32, out);
  }

 private:
  std::vector<io::PositionalFile> files_;
};

}  // namespace

std::unique_ptr<LayerReader> open_layer_files(const std::filesystem::path& dir, int layers,
                                              std::uint64_t nodes) {
  std::vector<io::PositionalFile> files;
  for (int l = 1; l <= layers; ++l) {
    const auto path = dir / layer_file_name(l);
    auto f = io::PositionalFile::open_read(path);
    if (f.size() != nodes * 32) {
      throw Error(ErrorCode::BadInput, path.string() + " holds " + std::to_string(f.size()) +
                                           " bytes, expected " + std::to_string(nodes * 32));
    }
    files.push_back(std::move(f));
  }
  return std::make_unique<FileLayerReader>(std::move(files));
}

}  // namespace vseal::porep
