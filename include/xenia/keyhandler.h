/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys on the serial console (common/keyhandler.c), as on Xen:
 * 'h' lists them; subsystems register their own dumps.
 */
#ifndef XENIA_KEYHANDLER_H
#define XENIA_KEYHANDLER_H

typedef void keyhandler_fn_t(unsigned char key);

/* fn runs from the input poll (timer softirq, CPU 0) when key is typed. */
void register_keyhandler(unsigned char key, keyhandler_fn_t *fn, const char *desc);
void handle_keypress(unsigned char key);
/* The keys every build has ('h', 'q'); called once at boot. */
void keyhandler_init(void);

#endif /* XENIA_KEYHANDLER_H */
