// Builds without HDF5 read only the rust-fil-proofs layer files.
#include "base/error.hpp"
#include "porep/layer_reader.hpp"

namespace vseal::porep {

bool hdf5_layers_supported() {
  return false;
}

std::unique_ptr<LayerReader> open_hdf5_layers(const std::filesystem::path& file, int, std::uint64_t,
                                              const void*) {
  throw Error(ErrorCode::Unsupported,
              "cannot read " + file.string() + ": this build has no HDF5 (use the layer files)");
}

}  // namespace vseal::porep
