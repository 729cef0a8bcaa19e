// The executor [Jobs] Executor names.
#include <memory>

#include "exec/local_executor.hpp"
#include "exec/slurm_executor.hpp"

namespace vseal::coord {

std::unique_ptr<Executor> make_executor(const JobsConfig& config,
                                        const std::filesystem::path& bin_dir) {
  if (config.executor == "slurm") {
    SlurmOptions o;
    o.scripts = slurm_scripts_dir(config, bin_dir);
    o.bin_dir = bin_dir;
    return std::make_unique<SlurmExecutor>(config, o);
  }
  return std::make_unique<LocalExecutor>(config);
}

}  // namespace vseal::coord
