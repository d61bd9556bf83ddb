"""Times EQL's own Python engine on its case-insensitive query suite, for comparison with
Quarry's conformance runner (which prints its own time). Reads .build/eql-suite."""
import json
import os
import sys
import time

import eql
from eql.engine import PythonEngine
from eql.parser import parse_query

folder = sys.argv[1] if len(sys.argv) > 1 else ".build/eql-suite"
events = [eql.Event.from_data(d) for d in json.load(open(os.path.join(folder, "test_data.json")))]
cases = json.load(open(os.path.join(folder, "test_queries.json")))["queries"]
runs = [c for c in cases if ("case_sensitive" not in c and "case_insensitive" not in c) or c.get("case_insensitive") is True]

start = time.perf_counter()
passed = 0
for case in runs:
    with eql.parser.ignore_missing_functions:
        query = parse_query(case["query"])
    output = []
    engine = PythonEngine({"pid_key": "unique_pid", "ppid_key": "unique_ppid"})
    engine.add_output_hook(lambda e: output.append(e))
    engine.add_query(query)
    engine.stream_events(events, finalize=False)
    engine.finalize()
    ids = [e.data.get("serial_event_id") for result in output
           for e in (result.events if hasattr(result, "events") else [result])]
    passed += ids == case["expected_event_ids"]
elapsed = time.perf_counter() - start
print(f"EQL's Python engine: {passed}/{len(runs)} case-insensitive queries in {elapsed:.3f} s")
