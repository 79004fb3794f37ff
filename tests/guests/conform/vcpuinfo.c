/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: VCPUOP_register_vcpu_info (xen-abi.md 2.10) — the refusals
 * Xen 4.17 gives (a frame not ours or not writable, an offset crossing the
 * page or misaligned, a second registration), then a real move: the
 * hypervisor carries the state over, marks everything pending once, and
 * keeps the pvclock in the new place.  Runs last: vCPU 0 keeps it.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "conform.h"

static char vinfo_page[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);

static long reg(unsigned int vcpu, xen_pfn_t mfn, unsigned int offset)
{
    struct vcpu_register_vcpu_info info = {.mfn = mfn, .offset = offset};

    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &info);
}

static void check_refusals(void)
{
    xen_pfn_t mine = gk_virt_to_mfn(vinfo_page);

    gk_check_ret(reg(0, mine, GK_PAGE_SIZE - 32), -XEN_EINVAL, "vcpu_info_crosses_page");
    gk_check_ret(reg(0, mine, 4), -XEN_EINVAL, "vcpu_info_misaligned");
    gk_check_ret(reg(0, 1, 0), -XEN_EINVAL, "vcpu_info_foreign_frame");
    gk_check_ret(reg(0, ~(xen_pfn_t)0 >> 12, 0), -XEN_EINVAL, "vcpu_info_no_such_frame");
    gk_check_ret(reg(0, gk_virt_to_mfn((const void *)gk_start_info->pt_base), 0), -XEN_EINVAL,
                 "vcpu_info_page_table_frame");
    gk_check_ret(reg(1, mine, 0), -XEN_ENOENT, "vcpu_info_absent_vcpu");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, (void *)0x1000), -XEN_EFAULT,
                 "vcpu_info_bad_pointer");
}

/* SCHEDOP_poll on a port nobody uses, until deadline: the vCPU sleeps. */
static void poll_briefly(uint64_t deadline)
{
    evtchn_port_t port = 1;
    struct sched_poll p = {.nr_ports = 1, .timeout = deadline};

    set_xen_guest_handle(p.ports, &port);
    HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

void check_vcpu_info(void)
{
    vcpu_info_t *old = gk_vcpu_info(), *now;
    uint64_t before;
    long rc;

    check_refusals();
    gk_events_disable();
    rc = gk_register_vcpu_info(0, vinfo_page, 64);
    now = gk_vcpu_info();
    gk_check(rc == 0 && now != old && now->evtchn_upcall_mask == 1 &&
                 now->evtchn_upcall_pending == 1,
             "vcpu_info_registered", "rc %ld, mask %u, pending %u", rc, now->evtchn_upcall_mask,
             now->evtchn_upcall_pending);
    gk_check(now->time.tsc_to_system_mul != 0 && !(now->time.version & 1),
             "vcpu_info_registered_has_pvclock", "mul %u, version %u", now->time.tsc_to_system_mul,
             now->time.version);
    /* A switch away and back (a short sleep) refreshes the clock in the new place only. */
    before = now->time.system_time;
    /*
     * Port 1 may be pending from earlier cases, and a deadline taken from
     * the stale system_time may already have passed on a loaded host: either
     * way the poll would return without a switch.  The deadline is from now.
     */
    for (int i = 0; i < 10 && now->time.system_time == before; i++) {
        gk_evtchn_clear(1);
        poll_briefly(gk_now_ns() + 2000000);
    }
    gk_check(now->time.system_time > before && old->time.system_time <= before,
             "vcpu_info_registered_pvclock_moves", "new %lu, old %lu, before %lu",
             (unsigned long)now->time.system_time, (unsigned long)old->time.system_time,
             (unsigned long)before);
    gk_check_ret(reg(0, gk_virt_to_mfn(vinfo_page), 128), -XEN_EINVAL, "vcpu_info_only_once");
}
