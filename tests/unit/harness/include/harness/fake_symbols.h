/* SPDX-License-Identifier: GPL-2.0-only */
/* The symbols the harness's symbols_lookup() knows (harness/symbols.c). */
#ifndef HARNESS_FAKE_SYMBOLS_H
#define HARNESS_FAKE_SYMBOLS_H

#define FAKE_SYM_A_NAME "start_xenia"
#define FAKE_SYM_A_ADDR 0xffff82d080200000UL
#define FAKE_SYM_A_SIZE 0x40UL

#define FAKE_SYM_B_NAME "do_softirq"
#define FAKE_SYM_B_ADDR 0xffff82d080200040UL /* right after A */
#define FAKE_SYM_B_SIZE 0x1c8UL

#endif /* HARNESS_FAKE_SYMBOLS_H */
