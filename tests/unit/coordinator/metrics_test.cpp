// vcoord's Prometheus exposition, rendered from a real state database: sector, job, message and
// WindowPoSt-run counts per label set, the message latency histogram (cumulative buckets, sum,
// count), job turnaround, API call counters, label escaping and the HELP/TYPE lines of every
// family before its samples.
#include "service/metrics.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l == line) return true;
  return false;
}

std::filesystem::path db_path(const std::string& name) {
  return vseal::testing::temp_dir("vcoord-metrics-" + name) / "state.db";
}

void fill(StateStore& s) {
  s.upsert_miner(1000, 0, 100, 5);
  s.upsert_miner(2000, 0, 100, 5);
  s.allocate_sectors(1000, 3);
  s.allocate_sectors(2000, 1);
  s.transition(1000, 1, "Allocated", "PC1Running", "pc1");
  s.transition(1000, 2, "Allocated", "PC1Running", "pc1");
  JobRecord j{"pc1-1000-1-1", 1000,          1,    "pc1",        1, "local", std::nullopt,
              "queued",       "/s/pc1.json", "/s", std::nullopt, 0, 0,       std::nullopt};
  s.insert_job(j);
  j.id = "pc1-1000-2-1";
  j.number = 2;
  s.insert_job(j);
  s.update_job("pc1-1000-2-1", "failed", "11", 1);
  // Three landed PreCommitSectorBatch2 messages taking 20 s, 90 s and 2 h, one still pushed.
  const std::int64_t took_s[] = {20, 90, 7200};
  MessageRecord m;
  m.miner = 1000;
  m.method = 28;
  m.params_hex = "80";
  m.sender = "t0100";
  for (int i = 0; i < 4; ++i) {
    m.uid = "m-" + std::to_string(i);
    s.record_message(m, {}, "", "", "");
    if (i < 3) {
      s.update_message(m.uid, "landed", "bafy", 10, 0);
      s.db()
          .prepare("UPDATE messages SET created_at = 1000, updated_at = ?1 WHERE uid = ?2")
          .bind(1, 1000 + took_s[i] * 1000)
          .bind(2, m.uid)
          .run();
    } else {
      s.update_message(m.uid, "pushed", "bafy");
    }
  }
  // The pending job ended 2.5 s after it was created.
  s.db()
      .prepare("UPDATE jobs SET created_at = 0, updated_at = 2500 WHERE id = 'pc1-1000-2-1'")
      .run();
}

TEST(Metrics, CountsComeFromTheStateDatabase) {
  StateStore s(db_path("counts"));
  fill(s);
  ApiCallStats api;
  api.record("VCoord.SectorsList", std::chrono::microseconds(300), false);
  api.record("VCoord.SectorsList", std::chrono::milliseconds(30), true);
  const std::string text =
      render_metrics(s.db(), MetricsSource{"0.1.0", "dev\"net", 1700000000123, &api});

  EXPECT_TRUE(has_line(text, R"(vcoord_info{version="0.1.0",network="dev\"net"} 1)")) << text;
  EXPECT_TRUE(has_line(text, "vcoord_start_time_seconds 1700000000.123")) << text;
  EXPECT_TRUE(has_line(text, R"(vcoord_sectors{miner="1000",state="Allocated"} 1)"));
  EXPECT_TRUE(has_line(text, R"(vcoord_sectors{miner="1000",state="PC1Running"} 2)"));
  EXPECT_TRUE(has_line(text, R"(vcoord_sectors{miner="2000",state="Allocated"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_sector_transitions_total{miner="1000",state="Allocated"} 3)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_sector_transitions_total{miner="1000",state="PC1Running"} 2)"));
  EXPECT_TRUE(has_line(text, R"(vcoord_jobs{stage="pc1",state="queued"} 1)"));
  EXPECT_TRUE(has_line(text, R"(vcoord_jobs{stage="pc1",state="failed"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_job_turnaround_seconds_sum{stage="pc1",result="failed"} 2.5)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_job_turnaround_seconds_count{stage="pc1",result="failed"} 1)"));
  EXPECT_FALSE(
      has_line(text, R"(vcoord_job_turnaround_seconds_count{stage="pc1",result="queued"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_messages{method="PreCommitSectorBatch2",state="landed"} 3)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_messages{method="PreCommitSectorBatch2",state="pushed"} 1)"));
  // Cumulative buckets: 20 s <= 30; 90 s <= 120; 7200 s <= 14400.
  const std::string b =
      R"(vcoord_message_latency_seconds_bucket{method="PreCommitSectorBatch2",le=")";
  EXPECT_TRUE(has_line(text, b + R"(30"} 1)")) << text;
  EXPECT_TRUE(has_line(text, b + R"(60"} 1)"));
  EXPECT_TRUE(has_line(text, b + R"(120"} 2)"));
  EXPECT_TRUE(has_line(text, b + R"(3600"} 2)"));
  EXPECT_TRUE(has_line(text, b + R"(14400"} 3)"));
  EXPECT_TRUE(has_line(text, b + R"(+Inf"} 3)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_message_latency_seconds_sum{method="PreCommitSectorBatch2"} 7310)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_message_latency_seconds_count{method="PreCommitSectorBatch2"} 3)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_api_requests_total{method="VCoord.SectorsList",result="ok"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(vcoord_api_requests_total{method="VCoord.SectorsList",result="error"} 1)"));
  const std::string a =
      R"(vcoord_api_request_duration_seconds_bucket{method="VCoord.SectorsList",le=")";
  EXPECT_TRUE(has_line(text, a + R"(0.001"} 1)"));
  EXPECT_TRUE(has_line(text, a + R"(0.025"} 1)"));
  EXPECT_TRUE(has_line(text, a + R"(0.1"} 2)"));
  EXPECT_TRUE(has_line(text, a + R"(+Inf"} 2)"));
}

// Every sample belongs to a family announced before it, each family once, with a known type.
TEST(Metrics, EveryFamilyIsAnnouncedOnceBeforeItsSamples) {
  StateStore s(db_path("format"));
  fill(s);
  ApiCallStats api;
  api.record("VCoord.Version", std::chrono::microseconds(5), false);
  const std::string text = render_metrics(s.db(), MetricsSource{"0.1.0", "devnet", 0, &api});
  std::set<std::string> typed;
  std::string current;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    ASSERT_FALSE(l.empty());
    if (l.starts_with("# HELP ")) continue;
    if (l.starts_with("# TYPE ")) {
      std::istringstream t(l.substr(7));
      std::string name, type;
      t >> name >> type;
      EXPECT_TRUE(typed.insert(name).second) << "family announced twice: " << name;
      EXPECT_TRUE(type == "gauge" || type == "counter" || type == "histogram" || type == "summary")
          << l;
      current = name;
      continue;
    }
    const std::string metric = l.substr(0, l.find_first_of("{ "));
    EXPECT_TRUE(metric == current || metric == current + "_bucket" || metric == current + "_sum" ||
                metric == current + "_count")
        << l << " after family " << current;
  }
  EXPECT_TRUE(typed.contains("vcoord_post_runs"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  EXPECT_EQ(prometheus_label("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(prometheus_label("plain"), "plain");
}

}  // namespace
}  // namespace vseal::coord
