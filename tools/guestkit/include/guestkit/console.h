/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Output through the hypervisor's console (console_io CONSOLEIO_write,
 * which Xen grants the control domain; other domains need a debug build
 * or Xenia).  gk_printf formats into a buffer and writes it with as few
 * hypercalls as possible, so a short line reaches the console whole.
 *
 * Formats: %d %i %u %x %X %o %c %s %p %%, with the flags - 0 + space #,
 * a width and a precision (digits or *), and the length modifiers hh h l
 * ll z t j.  %p prints 0x and the address in hex; a NULL %s prints (null).
 */
#ifndef GUESTKIT_CONSOLE_H
#define GUESTKIT_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

#include <guestkit/compiler.h>

/* Writes len bytes as they are; returns console_io's result. */
long gk_console_write(const char *s, size_t len);
/* Writes s and a newline, like puts. */
void gk_puts(const char *s);

/* Both return the number of characters produced. */
int gk_printf(const char *fmt, ...) gk_printf_like(1, 2);
int gk_vprintf(const char *fmt, va_list ap) gk_printf_like(1, 0);

/*
 * Like snprintf: at most size - 1 characters and a NUL go to buf; the
 * return value is the length the whole output would have had.
 */
int gk_snprintf(char *buf, size_t size, const char *fmt, ...) gk_printf_like(3, 4);
int gk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) gk_printf_like(3, 0);

#endif /* GUESTKIT_CONSOLE_H */
