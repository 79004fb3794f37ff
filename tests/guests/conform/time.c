/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: guest time (xen-abi.md 1.5) — the pvclock in vcpu_info,
 * read the way Linux reads it, and the wallclock in shared_info.
 */
#include <guestkit/guestkit.h>

#include "conform.h"

/* 2020-01-01 00:00 UTC: any real wallclock is later. */
#define WALLCLOCK_FLOOR 1577836800UL

static inline uint64_t rdtsc_guest(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* System time in ns from the pvclock, retried while an update is in flight. */
static uint64_t pvclock_now(const volatile struct vcpu_time_info *t, uint32_t *version)
{
    uint64_t delta, ns;
    uint32_t v;

    do {
        v = t->version;
        __asm__ __volatile__("" ::: "memory");
        delta = rdtsc_guest() - t->tsc_timestamp;
        delta = t->tsc_shift < 0 ? delta >> -t->tsc_shift : delta << t->tsc_shift;
        ns = t->system_time + (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
        __asm__ __volatile__("" ::: "memory");
    } while ((v & 1) || v != t->version);
    *version = v;
    return ns;
}

void check_time(void)
{
    const volatile struct vcpu_time_info *t = &gk_vcpu_info()->time;
    const volatile shared_info_t *si = gk_shared_info;
    uint32_t version;
    uint64_t t1 = pvclock_now(t, &version), t2, tsc = rdtsc_guest();

    gk_check(t->tsc_to_system_mul != 0 && !(version & 1) && version > 0, "pvclock_published",
             "version %u, mul %u, shift %d", version, t->tsc_to_system_mul, t->tsc_shift);
    /* Spin ~a few million TSC ticks: time must advance, by a sane amount. */
    while (rdtsc_guest() - tsc < 20000000)
        __asm__ __volatile__("pause");
    t2 = pvclock_now(t, &version);
    gk_check(t1 > 0 && t1 < 600 * 1000000000UL && t2 > t1 && t2 - t1 < 5000000000UL,
             "pvclock_advances", "t1 %lu ns, t2 %lu ns", (unsigned long)t1, (unsigned long)t2);
    gk_check(!(si->wc_version & 1) && si->wc_version > 0 && si->wc_sec > WALLCLOCK_FLOOR &&
                 si->wc_nsec < 1000000000U,
             "wallclock_published", "version %u, %u s + %u ns", si->wc_version, si->wc_sec,
             si->wc_nsec);
}
