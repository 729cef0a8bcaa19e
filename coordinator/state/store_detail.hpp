#pragma once
// Row writers the store's translation units share; each runs inside the caller's transaction.
#include "state/store.hpp"

namespace vseal::coord::detail {

// INSERT OR IGNORE: false when a job with that id exists already.
bool insert_job_in_tx(Database& db, const JobRecord& job);
// A new message in state "new"; a second one with the same uid is an SQLite error.
void insert_message_in_tx(Database& db, const MessageRecord& m);

}  // namespace vseal::coord::detail
