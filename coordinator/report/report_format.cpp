// Renderings of a job report: table, JSON, CSV and an HTML page with SVG charts.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/utc_time.hpp"
#include "report/job_report.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;

const char* const kStageOrder[] = {"pc1", "pc2", "c2", "wdpost"};

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json totals_json(const StageTotals& t) {
  return {{"jobs", t.jobs},
          {"succeeded", t.succeeded},
          {"failed", t.failed},
          {"retries", t.retries},
          {"elapsed_s", t.elapsed_s},
          {"cpu_hours", t.cpu_s / 3600},
          {"gpu_hours", t.gpu_s / 3600},
          {"max_rss_bytes", t.max_rss_bytes}};
}

std::string mib(std::uint64_t bytes) {
  if (bytes == 0) return "-";
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024) << "M";
  return o.str();
}

std::string num(double v, int precision) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(precision) << v;
  return o.str();
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = static_cast<std::size_t>(std::ceil(pos));
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

std::map<std::string, std::vector<double>> elapsed_by_stage(const Report& r) {
  std::map<std::string, std::vector<double>> by;
  for (const auto& f : r.jobs)
    if (f.elapsed_s) by[f.job.stage].push_back(*f.elapsed_s);
  return by;
}

const char* stage_colour(const std::string& stage) {
  if (stage == "pc1") return "#1f77b4";
  if (stage == "pc2") return "#ff7f0e";
  if (stage == "c2") return "#2ca02c";
  return "#d62728";
}

// One row per stage: every job's wall time as a dot, the middle half as a box, the median as
// a bar; one linear axis from 0 to the slowest job.
std::string distribution_svg(const Report& r) {
  const auto by = elapsed_by_stage(r);
  double top = 1;
  for (const auto& [stage, v] : by) top = std::max(top, *std::max_element(v.begin(), v.end()));
  const int left = 70, width = 640, row = 50;
  const int height = static_cast<int>(by.size()) * row + 40;
  const auto x = [&](double v) { return left + v / top * width; };
  std::ostringstream s;
  s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << left + width + 30 << "' height='"
    << height << "' font-family='sans-serif' font-size='12'>";
  int i = 0;
  for (const auto& stage : kStageOrder) {
    const auto it = by.find(stage);
    if (it == by.end()) continue;
    const int y = 20 + i++ * row;
    const auto& v = it->second;
    const double q1 = quantile(v, 0.25), med = quantile(v, 0.5), q3 = quantile(v, 0.75);
    s << "<text x='5' y='" << y + 20 << "'>" << stage << " (" << v.size() << ")</text>";
    s << "<rect x='" << x(q1) << "' y='" << y + 5 << "' width='" << std::max(1.0, x(q3) - x(q1))
      << "' height='24' fill='" << stage_colour(stage) << "' fill-opacity='0.25'/>";
    s << "<line x1='" << x(med) << "' x2='" << x(med) << "' y1='" << y + 3 << "' y2='" << y + 31
      << "' stroke='black' stroke-width='2'/>";
    for (const double e : v)
      s << "<circle cx='" << x(e) << "' cy='" << y + 17 << "' r='3' fill='" << stage_colour(stage)
        << "'><title>" << num(e, 1) << " s</title></circle>";
  }
  const int axis = height - 20;
  s << "<line x1='" << left << "' x2='" << left + width << "' y1='" << axis << "' y2='" << axis
    << "' stroke='#888'/>";
  for (int t = 0; t <= 4; ++t) {
    const double v = top * t / 4;
    s << "<text x='" << x(v) - 10 << "' y='" << axis + 15 << "'>" << num(v, v < 10 ? 1 : 0)
      << " s</text>";
  }
  s << "</svg>";
  return s.str();
}

// Jobs finished successfully over time, one step line per stage.
std::string throughput_svg(const Report& r) {
  std::map<std::string, std::vector<std::int64_t>> ends;
  std::int64_t t0 = 0, t1 = 0;
  for (const auto& f : r.jobs) {
    if (f.job.state != "succeeded" || !f.end_unix) continue;
    ends[f.job.stage].push_back(*f.end_unix);
  }
  std::size_t most = 1;
  for (auto& [stage, v] : ends) {
    std::sort(v.begin(), v.end());
    t0 = t0 == 0 ? v.front() : std::min(t0, v.front());
    t1 = std::max(t1, v.back());
    most = std::max(most, v.size());
  }
  const int left = 50, width = 660, height = 220;
  const double span = static_cast<double>(std::max<std::int64_t>(1, t1 - t0));
  const auto x = [&](std::int64_t t) { return left + static_cast<double>(t - t0) / span * width; };
  const auto y = [&](std::size_t n) {
    return 10 + (height - 40) * (1 - static_cast<double>(n) / static_cast<double>(most));
  };
  std::ostringstream s;
  s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << left + width + 90 << "' height='"
    << height << "' font-family='sans-serif' font-size='12'>";
  int legend = 0;
  for (const auto& stage : kStageOrder) {
    const auto it = ends.find(stage);
    if (it == ends.end()) continue;
    s << "<polyline fill='none' stroke='" << stage_colour(stage) << "' stroke-width='2' points='"
      << x(t0) << "," << y(0);
    for (std::size_t n = 0; n < it->second.size(); ++n)
      s << " " << x(it->second[n]) << "," << y(n) << " " << x(it->second[n]) << "," << y(n + 1);
    s << "'/>";
    s << "<text x='" << left + width + 10 << "' y='" << 20 + legend++ * 16 << "' fill='"
      << stage_colour(stage) << "'>" << stage << ": " << it->second.size() << "</text>";
  }
  s << "<line x1='" << left << "' x2='" << left + width << "' y1='" << y(0) << "' y2='" << y(0)
    << "' stroke='#888'/>";
  s << "<text x='5' y='" << y(most) + 4 << "'>" << most << "</text>";
  s << "<text x='5' y='" << y(0) + 4 << "'>0</text>";
  if (t1 > t0) {
    s << "<text x='" << left << "' y='" << height - 5 << "'>" << utc_iso8601(t0) << "</text>";
    s << "<text x='" << left + width - 130 << "' y='" << height - 5 << "'>" << utc_iso8601(t1)
      << "</text>";
  }
  s << "</svg>";
  return s.str();
}

}  // namespace

std::string report_json(const Report& r) {
  json jobs = json::array();
  for (const auto& f : r.jobs)
    jobs.push_back({{"job", f.job.id},
                    {"miner", f.job.miner},
                    {"sector", f.job.number},
                    {"stage", f.job.stage},
                    {"attempt", f.job.attempt},
                    {"executor", f.job.executor},
                    {"handle", opt(f.job.handle)},
                    {"state", f.job.state},
                    {"exit_code", opt(f.job.exit_code)},
                    {"source", f.source},
                    {"slurm_state", f.slurm_state.empty() ? json(nullptr) : json(f.slurm_state)},
                    {"elapsed_s", opt(f.elapsed_s)},
                    {"cpu_s", opt(f.cpu_s)},
                    {"gpu_s", opt(f.gpu_s)},
                    {"max_rss_bytes", opt(f.max_rss_bytes)},
                    {"job_peak_rss_bytes", opt(f.job_peak_rss_bytes)},
                    {"requeues", f.requeues},
                    {"start", f.start_unix ? json(utc_iso8601(*f.start_unix)) : json(nullptr)},
                    {"end", f.end_unix ? json(utc_iso8601(*f.end_unix)) : json(nullptr)}});
  json sectors = json::array();
  for (const auto& s : r.sectors) {
    json stages = json::object();
    for (const auto& [stage, t] : s.stages) stages[stage] = totals_json(t);
    sectors.push_back(
        {{"miner", s.miner}, {"sector", s.number}, {"state", s.state}, {"stages", stages}});
  }
  json miners = json::array();
  for (const auto& [m, t] : r.miners) {
    auto j = totals_json(t);
    j["miner"] = m;
    miners.push_back(j);
  }
  json stages = json::object();
  for (const auto& [stage, t] : r.stages) stages[stage] = totals_json(t);
  return json{{"jobs", jobs},
              {"sectors", sectors},
              {"miners", miners},
              {"stages", stages},
              {"warnings", r.warnings}}
             .dump(2) +
         "\n";
}

std::string report_csv(const Report& r) {
  std::ostringstream o;
  o << "job,miner,sector,stage,attempt,executor,handle,state,exit_code,source,elapsed_s,cpu_s,"
       "gpu_s,max_rss_bytes,job_peak_rss_bytes,requeues,start,end\n";
  const auto d = [](const std::optional<double>& v) { return v ? num(*v, 3) : std::string(); };
  for (const auto& f : r.jobs) {
    o << csv_field(f.job.id) << ',' << f.job.miner << ',' << f.job.number << ',' << f.job.stage
      << ',' << f.job.attempt << ',' << f.job.executor << ','
      << csv_field(f.job.handle.value_or("")) << ',' << f.job.state << ','
      << (f.job.exit_code ? std::to_string(*f.job.exit_code) : std::string()) << ',' << f.source
      << ',' << d(f.elapsed_s) << ',' << d(f.cpu_s) << ',' << d(f.gpu_s) << ','
      << (f.max_rss_bytes ? std::to_string(*f.max_rss_bytes) : std::string()) << ','
      << (f.job_peak_rss_bytes ? std::to_string(*f.job_peak_rss_bytes) : std::string()) << ','
      << f.requeues << ',' << (f.start_unix ? utc_iso8601(*f.start_unix) : "") << ','
      << (f.end_unix ? utc_iso8601(*f.end_unix) : "") << "\n";
  }
  return o.str();
}

std::string report_table(const Report& r) {
  std::ostringstream o;
  o << std::left << std::setw(8) << "MINER" << std::setw(8) << "SECTOR" << std::setw(18) << "STATE"
    << std::setw(8) << "STAGE" << std::setw(6) << "JOBS" << std::setw(9) << "RETRIES"
    << std::setw(10) << "WALL(s)" << std::setw(10) << "CPU-H" << std::setw(10) << "GPU-H"
    << "MAXRSS\n";
  const auto row = [&](const StageTotals& t) {
    o << std::setw(6) << t.jobs << std::setw(9) << t.retries << std::setw(10) << num(t.elapsed_s, 1)
      << std::setw(10) << num(t.cpu_s / 3600, 4) << std::setw(10) << num(t.gpu_s / 3600, 4)
      << mib(t.max_rss_bytes) << "\n";
  };
  for (const auto& s : r.sectors) {
    if (s.stages.empty()) {
      o << std::setw(8) << s.miner << std::setw(8) << s.number << std::setw(18) << s.state
        << "(no jobs)\n";
      continue;
    }
    for (const auto& stage : kStageOrder) {
      const auto it = s.stages.find(stage);
      if (it == s.stages.end()) continue;
      o << std::setw(8) << s.miner << std::setw(8) << s.number << std::setw(18) << s.state
        << std::setw(8) << stage;
      row(it->second);
    }
  }
  o << "\nPER MINER\n";
  for (const auto& [m, t] : r.miners) {
    o << std::setw(8) << m << std::setw(8) << "" << std::setw(18)
      << (std::to_string(t.succeeded) + " ok, " + std::to_string(t.failed) + " failed")
      << std::setw(8) << "all";
    row(t);
  }
  o << "\nPER STAGE (wall time of one job: median / p90 / max)\n";
  const auto by = elapsed_by_stage(r);
  for (const auto& [stage, v] : by)
    o << "  " << std::setw(8) << stage << num(quantile(v, 0.5), 1) << " / "
      << num(quantile(v, 0.9), 1) << " / " << num(*std::max_element(v.begin(), v.end()), 1)
      << " s over " << v.size() << " job(s)\n";
  for (const auto& w : r.warnings) o << "warning: " << w << "\n";
  return o.str();
}

std::string report_html(const Report& r) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>vcoord job report</title>"
       "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
       "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;white-space:nowrap}"
       "th{background:#eee}td.l{text-align:left}.warn{color:#b00}</style></head><body>\n";
  o << "<h1>vcoord job report</h1>\n<p>" << r.jobs.size() << " job(s), " << r.sectors.size()
    << " sector(s), generated " << utc_iso8601(std::time(nullptr)) << ".</p>\n";
  for (const auto& w : r.warnings) o << "<p class='warn'>" << html_escape(w) << "</p>\n";
  o << "<h2>Wall time per job, by stage</h2>\n" << distribution_svg(r) << "\n";
  o << "<h2>Jobs finished over time</h2>\n" << throughput_svg(r) << "\n";
  o << "<h2>Per miner</h2>\n<table><tr><th>miner</th><th>jobs</th><th>succeeded</th>"
       "<th>failed</th><th>retries</th><th>wall s</th><th>CPU-h</th><th>GPU-h</th>"
       "<th>max RSS</th></tr>\n";
  const auto cells = [&](const StageTotals& t) {
    o << "<td>" << t.jobs << "</td><td>" << t.succeeded << "</td><td>" << t.failed << "</td><td>"
      << t.retries << "</td><td>" << num(t.elapsed_s, 1) << "</td><td>" << num(t.cpu_s / 3600, 4)
      << "</td><td>" << num(t.gpu_s / 3600, 4) << "</td><td>" << mib(t.max_rss_bytes) << "</td>";
  };
  for (const auto& [m, t] : r.miners) {
    o << "<tr><td class='l'>" << m << "</td>";
    cells(t);
    o << "</tr>\n";
  }
  o << "</table>\n<h2>Per sector and stage</h2>\n<table><tr><th>miner</th><th>sector</th>"
       "<th>state</th><th>stage</th><th>jobs</th><th>succeeded</th><th>failed</th>"
       "<th>retries</th><th>wall s</th><th>CPU-h</th><th>GPU-h</th><th>max RSS</th></tr>\n";
  for (const auto& s : r.sectors)
    for (const auto& [stage, t] : s.stages) {
      o << "<tr><td class='l'>" << s.miner << "</td><td>" << s.number << "</td><td class='l'>"
        << html_escape(s.state) << "</td><td class='l'>" << stage << "</td>";
      cells(t);
      o << "</tr>\n";
    }
  o << "</table>\n<h2>Jobs</h2>\n<table><tr><th>job</th><th>executor</th><th>handle</th>"
       "<th>state</th><th>wall s</th><th>CPU s</th><th>peak RSS</th><th>requeues</th>"
       "<th>end</th></tr>\n";
  for (const auto& f : r.jobs)
    o << "<tr><td class='l'>" << html_escape(f.job.id) << "</td><td class='l'>" << f.job.executor
      << "</td><td>" << html_escape(f.job.handle.value_or("-")) << "</td><td class='l'>"
      << html_escape(f.job.state) << "</td><td>" << (f.elapsed_s ? num(*f.elapsed_s, 1) : "-")
      << "</td><td>" << (f.cpu_s ? num(*f.cpu_s, 2) : "-") << "</td><td>"
      << mib(std::max(f.max_rss_bytes.value_or(0), f.job_peak_rss_bytes.value_or(0))) << "</td><td>"
      << f.requeues << "</td><td>" << (f.end_unix ? utc_iso8601(*f.end_unix) : "-")
      << "</td></tr>\n";
  o << "</table>\n</body></html>\n";
  return o.str();
}

}  // namespace vseal::coord
