/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_GUEST_ACCESS_H
#define XENIA_GUEST_ACCESS_H

#include <xenia/types.h>

/*
 * The only way hypercall handlers touch guest memory: copies to and from
 * the running guest's virtual address space.  Both return 0, or -EFAULT
 * when any byte lies outside the guest's part of the address space or is
 * not mapped (writable, for copy_to_guest) for the guest; on -EFAULT a
 * prefix may have been copied.  Handlers copy a structure in once, check
 * it, act on the copy and copy results out: never read guest memory twice.
 */
int copy_from_guest(void *dst, unsigned long gva, size_t len);
int copy_to_guest(unsigned long gva, const void *src, size_t len);

/* Is [gva, gva + len) in the guest's part of the address space (mapped or not)? */
bool guest_range_ok(unsigned long gva, size_t len);

#endif /* XENIA_GUEST_ACCESS_H */
