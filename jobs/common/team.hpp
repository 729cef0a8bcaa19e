#pragma once
// The processes that run one job together: one (a plain run, `vseal seal`) or the ranks of an
// MPI job. Jobs talk to their team only through this interface, so the same code runs alone or
// under mpirun/srun and gives the same bytes either way.
#include <memory>

namespace vseal::jobs {

class Team {
 public:
  virtual ~Team() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Rank among the team's processes on this node (picks the GPU).
  virtual int local_rank() const = 0;
  // Collective, so also a barrier: every member passes its status (0 = fine, else an exit
  // code) and all get the largest, so one member's failure stops every member at the same
  // point instead of leaving the others waiting.
  virtual int agree(int status) = 0;
  // The MPI communicator (an MPI_Comm*) for MPI-IO, or null for a team without MPI.
  virtual const void* mpi_communicator() const { return nullptr; }
};

class SoloTeam final : public Team {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int local_rank() const override { return 0; }
  int agree(int status) override { return status; }
};

// The MPI team (MPI_COMM_WORLD); MPI must be initialised. Null in builds without MPI.
std::unique_ptr<Team> make_mpi_team();

}  // namespace vseal::jobs
