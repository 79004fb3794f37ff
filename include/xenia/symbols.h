/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SYMBOLS_H
#define XENIA_SYMBOLS_H

#include <xenia/types.h>

/*
 * Find the text symbol containing addr.  Returns its name and stores the
 * offset into it and its size, or NULL if addr is outside the image's text.
 */
const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

#endif /* XENIA_SYMBOLS_H */
