/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_CONSOLE_H
#define XENIA_CONSOLE_H

#include <xenia/types.h>

/*
 * Log levels, given as a prefix of the format string, as in
 * printk(XENLOG_WARNING "...").  A message without a prefix is INFO.
 */
#define XENLOG_ERR     "<0>"
#define XENLOG_WARNING "<1>"
#define XENLOG_INFO    "<2>"
#define XENLOG_DEBUG   "<3>"

#define LOGLVL_ERR     0
#define LOGLVL_WARNING 1
#define LOGLVL_INFO    2
#define LOGLVL_DEBUG   3

/*
 * A console back-end (a UART).  putc must work with interrupts off and
 * without taking locks: panic() and the trap handlers use it.
 */
struct console_driver {
    const char *name;
    void (*putc)(struct console_driver *drv, char c);
    int (*getc)(struct console_driver *drv); /* -1 when nothing waits */
    struct console_driver *next;
};

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args) __printf(1, 0);

void console_register(struct console_driver *drv);

/* Text from a guest (console_io): raw for domain 0, prefixed otherwise. */
void console_guest_write(unsigned int domid, const char *s, size_t len);
/* Write straight to every registered driver, bypassing locks: last resort. */
void console_force_puts(const char *s);
/* Called from panic: later printk output ignores the console lock. */
void console_start_sync(void);

/* Copy the log ring (oldest first); returns the number of bytes copied. */
size_t console_read_log(char *buf, size_t size);

/*
 * sysctl readconsole: positions count every byte ever logged.  The
 * window is what a reader may still get (the last LOG_RING_SIZE bytes,
 * minus what was cleared); read copies from *pos (moved past text
 * overwritten meanwhile) up to end, advancing *pos; clear hides all
 * before upto from later reads.
 */
void console_ring_window(size_t *start, size_t *end);
size_t console_ring_read(size_t *pos, size_t end, char *buf, size_t size);
void console_ring_clear(size_t upto);

/* Does the console= option name this device? */
bool console_has(const char *dev);

/* A character waiting at any console driver, or -1 (console_input.c polls). */
int console_driver_getc(void);

/*
 * Serial input (common/console_input.c).  It goes to the control domain
 * (console_io read) until CTRL-a is typed three times, which switches it
 * to the hypervisor's debug keys (common/keyhandler.c) and back.
 * console_input_init() starts polling the drivers; console_getc() takes
 * the next character queued for the control domain, or -1.
 */
void console_input_init(void);
int console_getc(void);

#endif /* XENIA_CONSOLE_H */
