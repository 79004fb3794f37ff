/* SPDX-License-Identifier: GPL-2.0-only */
/* The control domain's shell on the hypervisor's serial console. */
#ifndef DOM0_SHELL_H
#define DOM0_SHELL_H

#include <stddef.h>

#define SHELL_LINE_MAX 256
#define SHELL_ARGS_MAX 32

/*
 * Reads one line with editing (backspace, Ctrl-U, Ctrl-C cancels, up/down
 * walk the history), echoing as it goes; waits with os_wait_event() so the
 * services keep running.  Returns the line's length (0 for an empty or
 * cancelled line).
 */
size_t shell_readline(const char *prompt, char *line, size_t size);

/*
 * Splits line in place into at most max words (spaces separate; "..."
 * keeps spaces, quotes removed).  Returns the count, or -1 (with a
 * message) for an unterminated quote or too many words.
 */
int shell_split(char *line, char **argv, int max);

/* Runs one command line. */
void shell_run(char *line);

/* The read-run loop; never returns. */
void shell_loop(void);

#endif /* DOM0_SHELL_H */
