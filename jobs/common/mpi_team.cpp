// The MPI_COMM_WORLD team: agree() is an MPI_Allreduce(MAX), local ranks come from a
// shared-memory split of the communicator (one per node).
#include <mpi.h>

#include "jobs/common/team.hpp"

namespace vseal::jobs {
namespace {

class MpiTeam final : public Team {
 public:
  MpiTeam() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
    MPI_Comm_rank(node, &local_rank_);
    MPI_Comm_free(&node);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_rank() const override { return local_rank_; }
  const void* mpi_communicator() const override { return &world_; }
  int agree(int status) override {
    int all = 0;
    MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return all;
  }

 private:
  MPI_Comm world_ = MPI_COMM_WORLD;
  int rank_ = 0, size_ = 1, local_rank_ = 0;
};

}  // namespace

std::unique_ptr<Team> make_mpi_team() {
  return std::make_unique<MpiTeam>();
}

}  // namespace vseal::jobs
