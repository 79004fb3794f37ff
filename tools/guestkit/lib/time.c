/* SPDX-License-Identifier: GPL-2.0-only */
/* System time from the pvclock (see <guestkit/time.h>). */
#include <stddef.h>

#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/time.h>
#include <guestkit/traps.h>
#include <public/sched.h>

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

uint64_t gk_now_ns(void)
{
    const volatile struct vcpu_time_info *t = &gk_vcpu_info()->time;
    uint64_t delta, ns;
    uint32_t v;

    /* Retry while the hypervisor is updating (odd version) or updated meanwhile. */
    do {
        v = t->version;
        __asm__ __volatile__("" ::: "memory");
        delta = rdtsc() - t->tsc_timestamp;
        delta = t->tsc_shift < 0 ? delta >> -t->tsc_shift : delta << t->tsc_shift;
        ns = t->system_time + (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
        __asm__ __volatile__("" ::: "memory");
    } while ((v & 1) || v != t->version);
    return ns;
}

void gk_sleep_ns(uint64_t ns)
{
    uint64_t end = gk_now_ns() + ns;
    bool was_enabled = gk_events_disable();

    /* Masked from the check to the block: a timer firing in between stays
     * pending and ends the block at once instead of being lost. */
    while (gk_now_ns() < end) {
        HYPERVISOR_set_timer_op(end);
        gk_block();
    }
    if (was_enabled)
        gk_events_enable();
}
