// GNU readline for the `quarry` command line, with Ctrl-C handled the way a REPL needs.
// GPL: only the `quarry` executable links this target; the Quarry libraries never do.
#ifndef QUARRY_READLINE_H
#define QUARRY_READLINE_H

#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Candidates for completing the word at [start, end) of `line`: a NULL-terminated array of
/// malloc'd strings, owned by the caller of this function afterwards (C frees them).
typedef char **(*qr_candidates_fn)(const char *line, int start, int end);

/// Sets readline up: no signal handling of its own, a SIGINT handler that only sets a flag, a
/// getc that turns an interrupted read into an empty line, and completion through `candidates`.
void qr_install(const char *app_name, qr_candidates_fn candidates);

/// Reads a line; NULL at end of input. The result is malloc'd.
char *qr_readline(const char *prompt);

/// Whether Ctrl-C was pressed since the last clear, and clearing it.
int qr_interrupted(void);

/// Whether more input is already waiting on standard input (a paste still arriving), within
/// `timeout_ms` milliseconds.
int qr_input_pending(int timeout_ms);
void qr_clear_interrupt(void);

/// Installs the SIGINT flag handler without readline (for scripts run from a terminal).
void qr_install_sigint(void);

#endif
