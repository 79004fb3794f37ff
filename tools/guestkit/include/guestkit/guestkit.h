/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guestkit: a small library for x86-64 PV guest kernels (the test guests
 * and, later, the control domain).  A guest provides gk_main() and links
 * libguestkit.a with the notes object and linker script (guestkit.mk).
 */
#ifndef GUESTKIT_GUESTKIT_H
#define GUESTKIT_GUESTKIT_H

#include <guestkit/compiler.h>
#include <guestkit/console.h>
#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/layout.h>
#include <guestkit/pv.h>
#include <guestkit/smp.h>
#include <guestkit/string.h>
#include <guestkit/test.h>
#include <guestkit/time.h>
#include <guestkit/traps.h>

#endif /* GUESTKIT_GUESTKIT_H */
