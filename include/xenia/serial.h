/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SERIAL_H
#define XENIA_SERIAL_H

/* 16550 UART (x86 COM1): register at its default settings, then apply
 * the com1= option once the command line is parsed. */
void ns16550_early_init(void);
void ns16550_init(void);

#endif /* XENIA_SERIAL_H */
