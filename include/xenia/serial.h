/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SERIAL_H
#define XENIA_SERIAL_H

/* 16550 UART (x86 COM1): register at its default settings, then apply
 * the com1= option once the command line is parsed. */
void ns16550_early_init(void);
void ns16550_init(void);
/* COM1's first I/O port while it is the console (0 if it is not): the
 * eight ports from there are the hypervisor's, never a guest's. */
unsigned int ns16550_io_base(void);

/* PL011 UART (arm64, polled): the one /chosen stdout-path names, else the
 * first "arm,pl011" node, else QEMU virt's at 0x09000000; registered at
 * the firmware's settings.  pl011_init() reports it once the console is
 * configured. */
void pl011_early_init(const void *fdt);
void pl011_init(void);

#endif /* XENIA_SERIAL_H */
