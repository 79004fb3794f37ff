/* SPDX-License-Identifier: GPL-2.0-only */
/* The formatting engine shared by gk_printf and gk_snprintf. */
#ifndef GUESTKIT_LIB_FORMAT_H
#define GUESTKIT_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Where formatted characters go: into buf; when buf is full, flush (if
 * set) empties it, otherwise further characters are counted but dropped.
 */
struct gk_out {
    char *buf;
    size_t size;  /* capacity of buf */
    size_t len;   /* characters now in buf */
    size_t total; /* characters produced so far, dropped ones included */
    void (*flush)(struct gk_out *o);
};

void gk_format(struct gk_out *o, const char *fmt, va_list ap);

#endif /* GUESTKIT_LIB_FORMAT_H */
