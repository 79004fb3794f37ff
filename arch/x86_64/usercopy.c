/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest memory access for PV guests, which run on their own page tables:
 * a guest virtual address is dereferenced directly, after checking that
 * the range lies in the guest's part of the address space (never the
 * hypervisor's L4 slots 256-271).  Guest mappings are user mappings, so
 * SMAP's window is opened for exactly the copy; a fault ends the copy
 * through the exception table, and write protection (CR0.WP) makes a
 * read-only guest mapping fault for copy_to_guest as it would for the
 * guest.
 */
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <asm/config.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define GUEST_LOW_END 0x0000800000000000UL /* end of the lower canonical half */

bool guest_range_ok(unsigned long gva, size_t len)
{
    unsigned long end = gva + len;

    if (end < gva)
        return false;
    if (end <= GUEST_LOW_END)
        return true;
    return gva >= HYPERVISOR_VIRT_END; /* upper half, above the hypervisor */
}

static inline void stac_if_smap(void)
{
    if (smap_enabled)
        __asm__ __volatile__("stac" ::: "memory");
}

static inline void clac_if_smap(void)
{
    if (smap_enabled)
        __asm__ __volatile__("clac" ::: "memory");
}

/* Returns the number of bytes not copied. */
static size_t raw_copy(void *dst, const void *src, size_t n)
{
    stac_if_smap();
    __asm__ __volatile__("1: rep movsb\n"
                         "2:\n" EXTABLE_ENTRY("1b", "2b")
                         : "+D"(dst), "+S"(src), "+c"(n)
                         :
                         : "memory");
    clac_if_smap();
    return n;
}

int copy_from_guest(void *dst, unsigned long gva, size_t len)
{
    if (!guest_range_ok(gva, len))
        return -EFAULT;
    return raw_copy(dst, (const void *)gva, len) ? -EFAULT : 0;
}

int copy_to_guest(unsigned long gva, const void *src, size_t len)
{
    if (!guest_range_ok(gva, len))
        return -EFAULT;
    return raw_copy((void *)gva, src, len) ? -EFAULT : 0;
}
