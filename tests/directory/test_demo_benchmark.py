"""The directory benchmark's arithmetic and load client (no gunicorn, no database)."""

import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.directory import load, run, stats


def measurement(label, latencies, errors=0, planned=None):
    return stats.Measurement(
        label=label, path="/", latencies_ms=list(latencies), errors=errors,
        wall_seconds=1.0, planned=len(latencies) + errors if planned is None else planned,
    )


def test_percentiles_use_the_nearest_rank():
    values = list(range(1, 101))

    assert stats.percentile(values, 50) == 50
    assert stats.percentile(values, 95) == 95
    assert stats.percentile(values, 99) == 99
    assert stats.percentile([7.0], 99) == 7.0
    assert math.isnan(stats.percentile([], 50))


def test_targets_pass_within_three_times_the_trivial_p95_and_150_ms():
    trivial = measurement("trivial", [10.0] * 100)
    fast = measurement("search", [25.0] * 100)

    verdicts = stats.check_targets(trivial, [fast])

    assert all(verdict.passed for verdict in verdicts)


def test_targets_report_which_limit_is_missed_and_by_how_much():
    trivial = measurement("trivial", [10.0] * 100)
    slow = measurement("search", [40.0] * 100)
    very_slow = measurement("profile", [200.0] * 100, errors=2)

    failed = [v for v in stats.check_targets(trivial, [slow, very_slow]) if not v.passed]

    details = {(v.label, v.detail) for v in failed}
    assert ("search", "p95 40.0 ms > 3 × trivial p95 = 30.0 ms, over by 10.0 ms (33%)") in details
    assert any(label == "profile" and "> 150 ms" in d and "over by 50.0 ms" in d
               for label, d in details)
    assert ("profile", "2 errors in 102 requests") in details
    assert len(failed) == 4


def test_a_run_cut_short_by_the_time_limit_fails():
    trivial = measurement("trivial", [1.0] * 10, planned=20)

    [verdict] = stats.check_targets(trivial, [])

    assert not verdict.passed and "time limit" in verdict.detail


def test_the_table_has_a_row_per_endpoint():
    table = stats.markdown_table([measurement("trivial", [1.0, 2.0]), measurement("x", [3.0])])

    assert table.count("\n") == 3
    assert "| trivial | `/` | 2 | 0 | 1.0 | 2.0 | 2.0 | 2 |" in table


def test_the_filtered_search_uses_the_directory_facet_parameters():
    urls = run.endpoints({"slugs": ["a", "b"], "district": "hafen", "field": "women"})

    labels = [label for label, _shown, _paths in urls]
    assert labels[0] == "trivial view"
    filtered = urls[2][2][0]
    assert parse_qs(urlsplit(filtered).query) == {
        "q": ["Frauen"], "district": ["hafen"], "field": ["women"]
    }
    assert urls[3][2] == ["/verzeichnis/a/", "/verzeichnis/b/"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like gunicorn

    def do_GET(self):
        status = 200 if self.path.startswith("/ok") else 500
        body = b"fine" if status == 200 else b"broken"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_load_client_sends_exactly_the_requests_asked_for_and_counts_errors(local_server):
    good = load.measure(label="ok", shown_path="/ok", port=local_server, paths=["/ok", "/ok2"],
                        clients=4, requests=60, time_limit=30)
    bad = load.measure(label="bad", shown_path="/bad", port=local_server, paths=["/bad"],
                       clients=3, requests=9, time_limit=30)

    assert (good.count, good.errors, len(good.latencies_ms)) == (60, 0, 60)
    assert all(latency > 0 for latency in good.latencies_ms)
    assert (bad.count, bad.errors) == (9, 9)
    assert bad.error_samples[0] == "500 /bad"


def test_an_endpoint_without_any_successful_request_fails_plainly():
    trivial = measurement("trivial", [1.0] * 10)
    broken = measurement("search", [], errors=5)

    verdicts = [v for v in stats.check_targets(trivial, [broken]) if v.label == "search"]

    assert [(v.passed, v.detail) for v in verdicts] == [
        (False, "5 errors in 5 requests"), (False, "no successful request to time")
    ]


def test_rounds_are_summarised_by_their_medians():
    series = stats.Series(label="profile", path="/p/", rounds=[
        measurement("profile", [float(v) for v in range(1, 101)]),
        measurement("profile", [float(v) for v in range(101, 201)]),
        measurement("profile", [float(v) for v in range(1001, 1101)]),
    ])

    assert series.percentile(95) == 195  # the middle round's p95, not the outlier's
    assert series.round_percentiles(95) == [95, 195, 1095]
    assert series.count == 300


def test_the_verdict_uses_the_median_rounds_of_both_endpoints():
    trivial = stats.Series(label="trivial", path="/t/", rounds=[
        measurement("trivial", [1.0] * 20), measurement("trivial", [10.0] * 20),
        measurement("trivial", [11.0] * 20),
    ])
    profile = stats.Series(label="profile", path="/p/", rounds=[
        measurement("profile", [29.0] * 20), measurement("profile", [31.0] * 20),
        measurement("profile", [33.0] * 20),
    ])

    [_errors, absolute, relative] = stats.check_targets(trivial, [profile])[1:]

    assert absolute.passed
    assert not relative.passed  # median 31 > 3 × median 10
    assert "31.0 ms > 3 × trivial p95 = 30.0 ms" in relative.detail


def test_the_table_lists_the_p95_of_each_round():
    series = stats.Series(label="profile", path="/p/", rounds=[
        measurement("profile", [2.0]), measurement("profile", [4.0]),
    ])
    table = stats.markdown_table([series])
    assert "p95 per round" in table.splitlines()[0]
    assert table.splitlines()[2].endswith("| 2.0 / 4.0 |")


def test_the_query_log_reads_as_typed_with_its_counts():
    log = run.query_log()
    queries = [query for query, _count in log]
    assert len(log) > 100 and all(count > 0 for _query, count in log)
    assert "Deutchkurs" in queries  # misspelt
    assert "Südstadt" in queries  # a district
    assert "Deutschkurs für Frauen" in queries  # several words
    assert len(set(queries)) == len(queries)


def test_profiles_follow_a_zipf_law():
    weights = run.zipf_weights(1000, 1.1)
    assert weights[0] / weights[9] == pytest.approx(10**1.1)
    assert sum(weights[:10]) / sum(weights) > 0.4  # the head takes a large share


def test_the_realistic_mix_weights_every_url():
    targets = {"slugs": ["a", "b", "c"], "districts": ["hafen", "altstadt"],
               "fields": ["women", "sport"], "district": "hafen", "field": "women"}
    urls = run.realistic_endpoints(targets)
    assert [label for label, *_rest in urls][0] == "trivial view"
    for _label, _shown, paths, weights in urls[1:]:
        assert len(paths) == len(weights)
    filtered = urls[2][2]
    assert all("district=" in path for path in filtered)
    assert any("field=" in path for path in filtered)
    assert sorted(urls[3][2]) == ["/verzeichnis/a/", "/verzeichnis/b/", "/verzeichnis/c/"]


def test_cold_profiles_have_their_own_limit():
    trivial = measurement("trivial", [100.0] * 100)
    profile = measurement("profile", [250.0] * 100)
    verdicts = stats.check_targets(
        trivial, [profile], limit_ms=stats.MAX_P95_COLD_MS, relative=False
    )
    assert all(verdict.passed for verdict in verdicts)
    assert not all(v.passed for v in stats.check_targets(trivial, [profile]))


def test_weighted_draws_follow_the_weights(local_server):
    result = load.measure(label="w", shown_path="/ok", port=local_server, paths=["/ok", "/bad"],
                          weights=[1, 0], clients=2, requests=20, time_limit=30)
    assert result.errors == 0 and len(result.latencies_ms) == 20
