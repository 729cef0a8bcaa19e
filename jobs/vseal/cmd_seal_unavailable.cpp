// `vseal seal` in a build without HDF5 (VC_HDF5=OFF): PC1 and PC2 keep their layers in HDF5.
#include "base/error.hpp"
#include "vseal/cli.hpp"

namespace vseal::cli {

int cmd_seal(const Args&) {
  throw Error(ErrorCode::Unsupported, "vseal seal needs a build with HDF5 (cmake -DVC_HDF5=ON)");
}

}  // namespace vseal::cli
