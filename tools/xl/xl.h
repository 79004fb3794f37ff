/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl, the toolstack's command line, as the control domain's shell calls it.
 */
#ifndef XL_H
#define XL_H

/* Runs one xl command (argv[0] is "xl"); 0 on success, 1 on failure. */
int xl_main(int argc, char **argv);

#endif /* XL_H */
