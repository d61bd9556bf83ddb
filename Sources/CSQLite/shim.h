// SQLite, for the benchmark that compares Quarry with it (quarry-bench only).
#include <sqlite3.h>
