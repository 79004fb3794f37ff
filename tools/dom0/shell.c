/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control domain's shell: a prompt on the serial console, a few
 * built-in commands over the initrd's files, and `xl` when the image has
 * it.  Input is whatever console_io read gives; nothing here blocks
 * except through os_wait_event(), under which xenstored and the console
 * backend keep running.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/heap.h>
#include <guestkit/kernel.h>
#include <guestkit/os.h>
#include <public/sched.h>

#include "shell.h"

/* Linked in only when the image has xl (tools/xl). */
int xl_main(int argc, char **argv) __attribute__((weak));

#define KEY_CTRL_C    0x03
#define KEY_BACKSPACE 0x08
#define KEY_CTRL_U    0x15
#define KEY_ESC       0x1b
#define KEY_DEL       0x7f

#define HISTORY 16
static char history[HISTORY][SHELL_LINE_MAX];
static unsigned int history_len; /* lines ever added */

static void out(const char *s)
{
    os_console_write(s, (unsigned int)strlen(s));
}

static void erase_chars(size_t n)
{
    while (n--)
        out("\b \b");
}

/* Replaces the line being edited (and its echo) with text. */
static void replace_line(char *line, size_t *len, size_t size, const char *text)
{
    erase_chars(*len);
    *len = strnlen(text, size - 1);
    memcpy(line, text, *len);
    os_console_write(line, (unsigned int)*len);
}

static void history_add(const char *line)
{
    if (!*line || (history_len && !strcmp(history[(history_len - 1) % HISTORY], line)))
        return;
    snprintf(history[history_len % HISTORY], SHELL_LINE_MAX, "%s", line);
    history_len++;
}

static char next_key(void)
{
    char c;

    while (os_console_read(&c, 1) != 1)
        os_wait_event(OS_WAIT_FOREVER);
    return c;
}

/* After ESC: "[A" (up) and "[B" (down) walk the history; others are dropped. */
static void escape_sequence(char *line, size_t *len, size_t size, unsigned int *back)
{
    char c = next_key();
    unsigned int avail = history_len < HISTORY ? history_len : HISTORY;

    if (c != '[')
        return;
    c = next_key();
    if (c == 'A' && *back < avail)
        ++*back;
    else if (c == 'B' && *back > 0)
        --*back;
    else
        return;
    replace_line(line, len, size, *back ? history[(history_len - *back) % HISTORY] : "");
}

size_t shell_readline(const char *prompt, char *line, size_t size)
{
    static bool last_cr;
    unsigned int back = 0;
    size_t len = 0;

    out(prompt);
    for (;;) {
        char c = next_key();
        bool was_cr = last_cr;

        last_cr = c == '\r';
        if (c == '\n' && was_cr)
            continue; /* the second half of a "\r\n" */
        if (c == '\r' || c == '\n')
            break;
        if (c == KEY_CTRL_C) {
            out("^C\n");
            line[0] = 0;
            return 0;
        }
        if (c == KEY_BACKSPACE || c == KEY_DEL) {
            if (len) {
                len--;
                erase_chars(1);
            }
        } else if (c == KEY_CTRL_U) {
            erase_chars(len);
            len = 0;
        } else if (c == KEY_ESC) {
            escape_sequence(line, &len, size, &back);
        } else if (c >= 0x20 && c < 0x7f && len + 1 < size) {
            line[len++] = c;
            os_console_write(&c, 1);
        }
    }
    out("\n");
    line[len] = 0;
    history_add(line);
    return len;
}

int shell_split(char *line, char **argv, int max)
{
    char *r = line, *w = line;
    int argc = 0;

    for (;;) {
        bool quoted = false;

        while (*r == ' ' || *r == '\t')
            r++;
        if (!*r)
            return argc;
        if (argc == max) {
            printf("sh: more than %d words\n", max);
            return -1;
        }
        argv[argc++] = w;
        for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
            if (*r == '"')
                quoted = !quoted;
            else
                *w++ = *r;
        }
        if (quoted) {
            printf("sh: unterminated quote\n");
            return -1;
        }
        if (*r)
            r++;
        *w++ = 0;
    }
}

struct command {
    const char *name, *args, *help;
    int (*fn)(int argc, char **argv);
};

static const struct command commands[];

static int cmd_help(int argc, char **argv);

static void list_entry(const char *name, size_t size, void *arg)
{
    const char *dir = arg;
    char path[SHELL_LINE_MAX + 128];

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!os_file_get(path, NULL) && errno == EISDIR)
        printf("%10s  %s/\n", "-", name);
    else
        printf("%10zu  %s\n", size, name);
}

static int cmd_ls(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/";
    int n;

    if (argc > 2) {
        printf("usage: ls [dir]\n");
        return 1;
    }
    n = os_file_list(dir, list_entry, (void *)dir);
    if (n < 0) {
        printf("ls: %s: %s\n", dir, strerror(-n));
        return 1;
    }
    return 0;
}

static int cmd_cat(int argc, char **argv)
{
    int rc = argc > 1 ? 0 : 1;

    if (argc < 2)
        printf("usage: cat file...\n");
    for (int i = 1; i < argc; i++) {
        size_t size;
        const char *data = os_file_get(argv[i], &size);

        if (!data) {
            printf("cat: %s: %s\n", argv[i], strerror(errno));
            rc = 1;
            continue;
        }
        os_console_write(data, (unsigned int)size);
        if (size && data[size - 1] != '\n')
            out("\n");
    }
    return rc;
}

static int cmd_echo(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        printf("%s%s", argv[i], i + 1 < argc ? " " : "");
    out("\n");
    return 0;
}

static int cmd_uptime(int argc, char **argv)
{
    uint64_t s = os_now_ns() / 1000000000;

    printf("up %lu:%02lu:%02lu\n", (unsigned long)(s / 3600), (unsigned long)(s / 60 % 60),
           (unsigned long)(s % 60));
    return 0;
}

/* Allocates, fills, checks and frees mib MiB: the heap grows if it must. */
static int mem_check(unsigned long mib)
{
    size_t n = mib << 20;
    unsigned long *p = n ? malloc(n) : NULL;

    if (!p) {
        printf("mem: cannot allocate %lu MiB\n", mib);
        return 1;
    }
    for (size_t i = 0; i < n / sizeof(*p); i++)
        p[i] = i * 0x9e3779b97f4a7c15UL;
    for (size_t i = 0; i < n / sizeof(*p); i++) {
        if (p[i] != i * 0x9e3779b97f4a7c15UL) {
            printf("mem: word %zu of %lu MiB reads back wrong\n", i, mib);
            free(p);
            return 1;
        }
    }
    free(p);
    printf("mem: %lu MiB allocated, written, read back and freed\n", mib);
    return 0;
}

static int cmd_mem(int argc, char **argv)
{
    size_t used, nr, free_bytes;
    char *end;

    if (argc == 3 && !strcmp(argv[1], "check")) {
        unsigned long mib = strtoul(argv[2], &end, 10);

        if (*end || !mib || mib > 1024) {
            printf("mem: %s: not a size in MiB (1-1024)\n", argv[2]);
            return 1;
        }
        return mem_check(mib);
    }
    if (argc != 1) {
        printf("usage: mem [check MiB]\n");
        return 1;
    }
    gk_malloc_stats(&used, &nr, &free_bytes);
    printf("heap: %zu bytes in %zu blocks used, %zu bytes free\n", used, nr, free_bytes);
    return 0;
}

static int cmd_poweroff(int argc, char **argv)
{
    out("dom0: powering off\n");
    gk_shutdown(SHUTDOWN_poweroff);
}

static int cmd_reboot(int argc, char **argv)
{
    out("dom0: rebooting\n");
    gk_shutdown(SHUTDOWN_reboot);
}

static int cmd_xl(int argc, char **argv)
{
    return xl_main(argc, argv);
}

static int cmd_repeat(int argc, char **argv);

static const struct command commands[] = {
    {"help", "", "this list", cmd_help},
    {"ls", "[dir]", "list a directory of the initrd", cmd_ls},
    {"cat", "file...", "print files", cmd_cat},
    {"echo", "[word...]", "print the words", cmd_echo},
    {"uptime", "", "time since the hypervisor started", cmd_uptime},
    {"mem", "", "dom0's heap use", cmd_mem},
    {"repeat", "n cmd [; cmd]", "run the commands n times, stop at a failure", cmd_repeat},
    {"xl", "command [args]", "the toolstack (xl help)", cmd_xl},
    {"poweroff", "", "shut dom0 down (the machine powers off)", cmd_poweroff},
    {"reboot", "", "reboot dom0 (the machine reboots)", cmd_reboot},
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* xl is a command only when the image has it. */
static bool available(const struct command *c)
{
    return c->fn != cmd_xl || xl_main;
}

static int cmd_help(int argc, char **argv)
{
    printf("Commands:\n");
    for (size_t i = 0; i < NR_COMMANDS; i++) {
        if (available(&commands[i]))
            printf("  %-8s %-16s %s\n", commands[i].name, commands[i].args, commands[i].help);
    }
    printf("Keys: Backspace, Ctrl-U (erase line), Ctrl-C (cancel), Up/Down (history)\n");
    return 0;
}

/* argv[argc] must be NULL; the command's exit status, 127 if none. */
static int run_argv(int argc, char **argv)
{
    for (size_t i = 0; i < NR_COMMANDS; i++) {
        if (!strcmp(argv[0], commands[i].name) && available(&commands[i]))
            return commands[i].fn(argc, argv);
    }
    printf("sh: %s: command not found\n", argv[0]);
    return 127;
}

/*
 * A word of a repeated command with each "%n" replaced by the round
 * number, 1 upwards, so that a loop can name its guests (name=soak%n).
 * Words are copied each round anyway: a command may change its argv.
 */
static char *repeat_word(const char *word, unsigned long round, char *buf, size_t size)
{
    size_t len = 0;

    for (const char *p = word; *p && len + 1 < size; p++) {
        if (p[0] == '%' && p[1] == 'n') {
            int n = snprintf(buf + len, size - len, "%lu", round);

            len = n > 0 && (size_t)n < size - len ? len + (size_t)n : size - 1;
            p++;
        } else {
            buf[len++] = *p;
        }
    }
    buf[len] = '\0';
    return buf;
}

/*
 * repeat N a b ; c d: a loop for tests and stress runs (create and
 * destroy a guest 200 times; create a hundred named guests).
 */
static int cmd_repeat(int argc, char **argv)
{
    static char bufs[SHELL_ARGS_MAX][SHELL_LINE_MAX];
    char *words[SHELL_ARGS_MAX + 1];
    char *end;
    unsigned long n = argc > 2 ? strtoul(argv[1], &end, 10) : 0;

    /* Not nested: the inner loop would rewrite the words it reads. */
    if (argc <= 2 || *end || !n || n > 1000000 || !strcmp(argv[2], "repeat")) {
        printf("repeat: usage: repeat n command [args] [; command [args]]  (%%n: the round)\n");
        return 2;
    }
    for (unsigned long round = 0; round < n; round++) {
        for (int i = 2; i < argc;) {
            int j = i, k = 0;

            for (; j < argc && strcmp(argv[j], ";"); j++, k++)
                words[k] = repeat_word(argv[j], round + 1, bufs[k], sizeof(bufs[k]));
            words[k] = NULL;
            if (k && run_argv(k, words)) {
                printf("repeat: round %lu of %lu failed\n", round + 1, n);
                return 1;
            }
            i = j + 1;
        }
    }
    printf("repeat: %lu rounds done\n", n);
    return 0;
}

void shell_run(char *line)
{
    char *argv[SHELL_ARGS_MAX + 1];
    int argc = shell_split(line, argv, SHELL_ARGS_MAX);

    if (argc <= 0)
        return;
    argv[argc] = NULL;
    run_argv(argc, argv);
}

void shell_loop(void)
{
    char line[SHELL_LINE_MAX];

    for (;;) {
        if (shell_readline("dom0# ", line, sizeof(line)))
            shell_run(line);
    }
}
