#include "quarry_readline.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted = 0;
static qr_candidates_fn candidates_fn = NULL;
static char **pending = NULL;
static int pending_index = 0;

static void on_sigint(int signal_number) {
    (void)signal_number;
    interrupted = 1;
}

void qr_install_sigint(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked read() returns EINTR
    sigaction(SIGINT, &action, NULL);
}

/// Reads one byte; a Ctrl-C ends the line, so readline returns and the REPL can drop it and
/// prompt again. The flag is checked before every wait and the wait is bounded, because a signal
/// that lands while readline is busy (not blocked in read) interrupts nothing.
static int qr_getc(FILE *stream) {
    unsigned char c;
    struct pollfd waiting = { .fd = fileno(stream), .events = POLLIN };
    for (;;) {
        if (interrupted) return '\n';
        int ready = poll(&waiting, 1, 100);
        if (ready == 0) continue;
        if (ready < 0) {
            if (errno == EINTR) continue;
            return EOF;
        }
        ssize_t n = read(fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno == EINTR) {
            if (interrupted) return '\n';
            continue;
        }
        return EOF;
    }
}

static char *generator(const char *text, int state) {
    (void)text;
    if (pending == NULL) return NULL;
    char *next = pending[pending_index];
    if (next == NULL) {
        free(pending);
        pending = NULL;
        return NULL;
    }
    pending_index++;
    return next;  // readline frees it
}

static char **complete(const char *text, int start, int end) {
    rl_attempted_completion_over = 1;  // never fall back to file names
    if (candidates_fn == NULL) return NULL;
    if (pending != NULL) {
        for (int i = pending_index; pending[i] != NULL; i++) free(pending[i]);
        free(pending);
    }
    pending = candidates_fn(rl_line_buffer, start, end);
    pending_index = 0;
    if (pending == NULL) return NULL;
    return rl_completion_matches(text, generator);
}

void qr_install(const char *app_name, qr_candidates_fn candidates) {
    rl_readline_name = strdup(app_name);
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
    rl_getc_function = qr_getc;
    candidates_fn = candidates;
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = strdup(" \t\n\"'`@$><=;|&{(,[.:!+-*/%");
    rl_completer_quote_characters = strdup("");
    qr_install_sigint();
}

char *qr_readline(const char *prompt) {
    return readline(prompt);
}

int qr_interrupted(void) { return interrupted; }

int qr_input_pending(int timeout_ms) {
    struct pollfd waiting = { .fd = fileno(rl_instream ? rl_instream : stdin), .events = POLLIN };
    return poll(&waiting, 1, timeout_ms) > 0;
}

void qr_clear_interrupt(void) { interrupted = 0; }
