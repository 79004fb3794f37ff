/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenctrl internals shared between its files (and faked by the unit
 * tests): calls the PV builder needs that are not part of xenctrl.h.
 */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include <stdint.h>

#include <xenctrl.h>

/* XEN_DOMCTL_hypercall_init: the hypervisor writes its stubs into gmfn. */
int xc_domain_hypercall_init(uint32_t domid, uint64_t gmfn);

/* MMUEXT_PIN_L4_TABLE of `mfn` on behalf of domid (foreigndom = domid). */
int xc_mmuext_pin_l4(uint32_t domid, uint64_t mfn);

#endif /* XC_PRIVATE_H */
