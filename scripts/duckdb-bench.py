"""Times the benchmark's SQL queries in DuckDB (one thread, in memory, data loaded first).
Prints {"times": [median ms per query], "results": [rows as text per query]}; exits 1 without duckdb."""
import json
import sys
import time

try:
    import duckdb
except ImportError:
    sys.exit(1)

csv_path, spec_path = sys.argv[1], sys.argv[2]
spec = json.load(open(spec_path))
con = duckdb.connect(":memory:")
con.execute("SET threads = 1")
con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{csv_path}', header = true, nullstr = '', "
            "columns = {'id': 'VARCHAR', 'doc': 'VARCHAR', 'actor': 'VARCHAR', 'target': 'VARCHAR', 'type': 'VARCHAR', "
            "'date_start': 'BIGINT', 'date_end': 'BIGINT', 'year': 'BIGINT', 'summary': 'VARCHAR', 'fatalities': 'BIGINT'})")
con.execute("ALTER TABLE events ADD COLUMN rowid_ BIGINT")
times, results = [], []
for sql in spec["queries"]:
    sql = sql.replace("COLLATE NOCASE", "").replace("summary LIKE", "summary ILIKE").replace("rowid ASC", "id ASC")
    runs = []
    rows = []
    for _ in range(spec["runs"]):
        start = time.perf_counter()
        rows = con.execute(sql).fetchall()
        runs.append((time.perf_counter() - start) * 1000)
    times.append(sorted(runs)[len(runs) // 2])
    results.append([["null" if v is None else str(v) for v in row] for row in rows])
print(json.dumps({"times": times, "results": results}))
