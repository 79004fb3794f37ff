/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time as an x86 PV guest reads it (xen-abi.md 1.5): per vCPU, the
 * pvclock in its vcpu_info, from which it computes system time as
 *   system_time + scale(rdtsc() - tsc_timestamp, tsc_to_system_mul, tsc_shift)
 * with the hypervisor's own TSC scale, so both agree; and the wallclock at
 * system time 0 in shared_info.  Both are guarded by a version the guest
 * re-reads: odd while an update is in progress.
 */
#include <xenia/domain.h>
#include <xenia/guest_access.h>
#include <xenia/time.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <public/xen.h>

static void version_begin(uint32_t *version)
{
    WRITE_ONCE(*version, *version + 1);
    __asm__ __volatile__("" ::: "memory"); /* x86 keeps stores in order */
}

static void version_end(uint32_t *version)
{
    __asm__ __volatile__("" ::: "memory");
    WRITE_ONCE(*version, *version + 1);
}

void pv_update_vcpu_time(struct vcpu *v)
{
    shared_info_t *si = v->domain->arch.shared_info;
    struct vcpu_time_info *t;
    struct time_scale scale;
    uint64_t tsc = rdtsc();
    s_time_t now = tsc_to_system_time(tsc, &scale);

    if (!si)
        return;
    t = &v->vcpu_info->time;
    version_begin(&t->version);
    t->tsc_timestamp = tsc;
    t->system_time = (uint64_t)now;
    t->tsc_to_system_mul = scale.mul_frac;
    t->tsc_shift = (int8_t)scale.shift;
    t->flags = 0; /* TSC_STABLE only with a TSC known to agree across CPUs */
    version_end(&t->version);
    /* The guest's own copy (VCPUOP_register_vcpu_time_memory_area), if
     * v's page tables are the ones loaded; a bad address is skipped. */
    if (v->arch.time_info_guest && v == current)
        (void)copy_to_guest(v->arch.time_info_guest, t, sizeof(*t));
}

void pv_init_wallclock(shared_info_t *si)
{
    uint64_t wc = arch_wallclock_at_boot();

    version_begin(&si->wc_version);
    si->wc_sec = (uint32_t)(wc / NSEC_PER_SEC);
    si->wc_sec_hi = (uint32_t)((wc / NSEC_PER_SEC) >> 32);
    si->wc_nsec = (uint32_t)(wc % NSEC_PER_SEC);
    version_end(&si->wc_version);
}
