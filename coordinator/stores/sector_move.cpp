#include "stores/sector_move.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include "base/error.hpp"

namespace vseal::coord {
namespace fs = std::filesystem;

namespace {

bool exists_no_follow(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

void fsync_path(const fs::path& p, bool directory) {
  const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorCode::Io, "cannot open " + p.string() + " to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw Error(ErrorCode::Io, "fsync of " + p.string() + " failed");
}

bool is_kept_cache_file(const std::string& name) {
  return name == "p_aux" || name == "t_aux" || name.starts_with("sc-02-data-tree-r-last");
}

}  // namespace

std::vector<FileCopy> persist_plan(const SectorLocation& from, const SectorLocation& to) {
  std::vector<FileCopy> plan;
  std::error_code ec;
  // The cache files are named by what the source holds, or (after a crash that deleted it) by
  // what the destination already has.
  const fs::path listed = fs::is_directory(from.cache, ec) ? from.cache : to.cache;
  if (fs::is_directory(listed, ec))
    for (const auto& e : fs::directory_iterator(listed)) {
      const auto name = e.path().filename().string();
      if (is_kept_cache_file(name) && !name.ends_with(".tmp"))
        plan.push_back({from.cache / name, to.cache / name});
    }
  std::sort(plan.begin(), plan.end(),
            [](const FileCopy& a, const FileCopy& b) { return a.to < b.to; });
  const auto has = [&](const char* prefix) {
    return std::any_of(plan.begin(), plan.end(), [&](const FileCopy& c) {
      return c.to.filename().string().starts_with(prefix);
    });
  };
  if (!has("p_aux") || !has("sc-02-data-tree-r-last"))
    throw Error(ErrorCode::BadInput, "no p_aux and tree-r-last files in " + from.cache.string() +
                                         " or " + to.cache.string() + ": nothing to persist");
  plan.push_back({from.sealed, to.sealed});  // last: its presence marks a complete sector
  return plan;
}

std::uint64_t bytes_to_write(const std::vector<FileCopy>& plan) {
  std::uint64_t total = 0;
  for (const auto& c : plan) {
    std::error_code ec;
    if (exists_no_follow(c.to)) continue;
    const auto size = fs::file_size(c.from, ec);
    if (!ec) total += size;
  }
  return total;
}

void copy_into_store(const std::vector<FileCopy>& plan) {
  for (const auto& c : plan) {
    if (exists_no_follow(c.to)) continue;
    if (!fs::exists(c.from))
      throw Error(ErrorCode::Io, "neither " + c.from.string() + " nor " + c.to.string() +
                                     " exists: the sector's files are lost");
    fs::create_directories(c.to.parent_path());
    const fs::path tmp = c.to.string() + ".tmp";
    std::error_code ec;
    fs::copy_file(c.from, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw Error(ErrorCode::Io,
                  "copying " + c.from.string() + " to " + tmp.string() + ": " + ec.message());
    if (fs::file_size(tmp) != fs::file_size(c.from))
      throw Error(ErrorCode::Io, "copy of " + c.from.string() + " is short");
    fsync_path(tmp, false);
    fs::rename(tmp, c.to);
    fsync_path(c.to.parent_path(), true);
  }
}

std::uint64_t drop_sealing_files(const fs::path& sector_dir) {
  std::uint64_t freed = 0;
  std::error_code ec;
  if (!fs::is_directory(sector_dir, ec)) return 0;
  const auto drop = [&](const fs::path& p) {
    std::error_code e;
    if (fs::is_directory(fs::symlink_status(p, e))) {
      for (const auto& f : fs::recursive_directory_iterator(p, e))
        if (f.is_regular_file(e)) freed += f.file_size(e);
      fs::remove_all(p, e);
    } else if (exists_no_follow(p)) {
      freed += fs::is_regular_file(fs::symlink_status(p, e)) ? fs::file_size(p, e) : 0;
      fs::remove(p, e);
    }
    if (e) throw Error(ErrorCode::Io, "cannot delete " + p.string() + ": " + e.message());
  };
  for (const auto& e : fs::directory_iterator(sector_dir)) {
    const auto name = e.path().filename().string();
    if (name == "layers.h5" || name == "sealed" || name == "cache" || name == "pc2" ||
        name.starts_with("sc-02-data-"))
      drop(e.path());
  }
  return freed;
}

}  // namespace vseal::coord
