/* SPDX-License-Identifier: MIT */
/*
 * The PV console ring: one page shared by a guest (the frontend) and the
 * console backend in the control domain, found through start_info
 * (console.domU.mfn and .evtchn) on x86 PV.  Both directions are byte
 * rings with free-running 32-bit indexes; a position is the index masked
 * with the ring's size (a power of two).  Each side advances only its own
 * index and notifies the event channel after moving data.
 */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include "../xen.h"

typedef uint32_t XENCONS_RING_IDX;

/* The position of free-running index idx in ring (a char array). */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];  /* backend to guest: keyboard input */
    char out[2048]; /* guest to backend: console output */
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
    /* Newer backends only; older guests ignore it. */
    uint8_t connection;
};

/* Values of connection. */
#define XENCONSOLE_CONNECTED    0
#define XENCONSOLE_DISCONNECTED 1

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
