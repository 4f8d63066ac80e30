// GNU readline for Swift 6. Readline keeps its settings in global variables,
// which strict concurrency refuses to touch from Swift; these small
// functions set and read them instead. kaohe calls readline from one thread.
#ifndef KAOHE_READLINE_SHIM_H
#define KAOHE_READLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

typedef char **(*kaohe_completion_fn)(const char *text, int start, int end);

static inline void kaohe_rl_setup(const char *name, kaohe_completion_fn complete) {
    rl_readline_name = name;
    rl_attempted_completion_function = complete;
    // Words break at blanks, and after = and , so that office=党 and
    // cols=name,to complete their value.
    rl_basic_word_break_characters = " \t\n=,";
    rl_completer_word_break_characters = " \t\n=,";
    rl_completer_quote_characters = "\"";
}

/// Called from the completion function: no fallback to file names unless
/// asked, and whether to add a space after a single match.
static inline void kaohe_rl_completion_done(int over, int append_space) {
    rl_attempted_completion_over = over;
    rl_completion_append_character = append_space ? ' ' : '\0';
}

static inline const char *kaohe_rl_line_buffer(void) { return rl_line_buffer; }

typedef void (*kaohe_display_fn)(char **matches, int count, int longest);

/// How a list of matches is shown: by `display` (matches with notes beside
/// them), or readline's own columns when NULL.
static inline void kaohe_rl_display_matches(kaohe_display_fn display) {
    rl_completion_display_matches_hook = display;
}

/// After a list printed by the display function: the prompt and line again.
static inline void kaohe_rl_redisplay_after_list(void) { rl_forced_update_display(); }

/// The most recent history line, or NULL.
static inline const char *kaohe_rl_last_history(void) {
    HIST_ENTRY *e = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return e ? e->line : NULL;
}

/// Ctrl-C clears the line being typed and gives a fresh prompt.
static void kaohe_on_sigint(int sig) {
    (void)sig;
    // Readline has echoed ^C already: a new line, then an empty prompt.
    if (write(STDOUT_FILENO, "\n", 1) < 0) { /* nothing to do */ }
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
}

static inline void kaohe_rl_catch_interrupt(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = kaohe_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
}

#endif
