/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler: the real common/sched/core.c, credit.c and rr.c, driven
 * with simulated time on simulated pCPUs.  A small simulator plays the
 * SCHEDULE softirq: each pCPU chooses again (sched_pick()) when its slice
 * ends or something tickled it, every 100 us of simulated time.  CPU time
 * is read back from the vCPUs' runstates, as a guest would.
 */
#include <stdlib.h>

#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/softirq.h>
#include <asm/current.h>
#include <public/sched.h>

#include <harness/harness.h>
#include <harness/sched.h>

#include "../../common/sched/private.h"

#define STEP MICROSECS(100)

static unsigned int nr_cpus;
static s_time_t slice_end[NR_CPUS];

static void boot(const char *policy, unsigned int cpus)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    harness_now = MILLISECS(1);
    ck_assert_int_eq(sched_select(policy), 0);
    for (unsigned int cpu = 0; cpu < cpus; cpu++) {
        ck_assert_int_eq(sched_add_cpu(cpu), 0);
        slice_end[cpu] = -1;
    }
    nr_cpus = cpus;
}

/* A one-vCPU domain whose vCPU is up (and so runnable) on `cpu`. */
static struct vcpu *new_vcpu(domid_t domid, unsigned int cpu)
{
    struct domain *d;
    struct vcpu *v;

    ck_assert_int_eq(domain_create(domid, 0, 1, &d), 0);
    ck_assert_int_eq(vcpu_create(d, 0, &v), 0);
    v->processor = cpu;
    __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(v);
    return v;
}

/* cpu's SCHEDULE softirq. */
static void sim_schedule(unsigned int cpu)
{
    struct vcpu *prev, *next;
    s_time_t slice;

    harness_cpu = cpu;
    harness_softirqs[cpu] &= ~(1UL << SCHEDULE_SOFTIRQ);
    sched_lock_cpu(cpu);
    prev = sched_curr(cpu);
    next = sched_pick(cpu, harness_now, &slice);
    sched_unlock_cpu(cpu);
    if (next != prev)
        sched_context_saved(prev);
    slice_end[cpu] = slice >= 0 ? harness_now + slice : -1;
}

/* Let every pCPU act on what is pending now (tickles, ended slices). */
static void sim_settle(void)
{
    for (unsigned int round = 0; round < 4; round++) {
        for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
            if (slice_end[cpu] >= 0 && harness_now >= slice_end[cpu])
                sched_tickle(cpu);
            if (harness_softirqs[cpu] & (1UL << SCHEDULE_SOFTIRQ))
                sim_schedule(cpu);
            if (harness_softirqs[cpu] & (1UL << DOMAIN_FINISH_SOFTIRQ)) {
                harness_softirqs[cpu] &= ~(1UL << DOMAIN_FINISH_SOFTIRQ);
                sched_finish_domains();
            }
        }
    }
}

static void sim_run(s_time_t duration)
{
    s_time_t end = harness_now + duration;

    sim_settle();
    while (harness_now < end) {
        harness_now += STEP;
        sim_settle();
    }
}

static uint64_t ran(const struct vcpu *v)
{
    struct vcpu_runstate_info r;

    vcpu_runstate_get(v, &r);
    return r.time[RUNSTATE_running];
}

static void set_params(struct vcpu *v, unsigned int weight, unsigned int cap)
{
    struct sched_credit_params p = {.weight = weight, .cap = cap};

    ck_assert_int_eq(sched_adjust_credit(v->domain, &p, true), 0);
}

START_TEST(credit_weights_share_one_cpu)
{
    struct vcpu *heavy, *light;
    double ratio;

    boot("credit", 1);
    heavy = new_vcpu(1, 0);
    light = new_vcpu(2, 0);
    set_params(heavy, 512, 0);
    set_params(light, 256, 0);
    sim_run(SECONDS(3));
    ratio = (double)ran(heavy) / (double)ran(light);
    ck_assert_msg(ratio > 2.0 * 0.95 && ratio < 2.0 * 1.05,
                  "weights 512:256 ran %lu:%lu us, ratio %.3f", (unsigned long)ran(heavy) / 1000,
                  (unsigned long)ran(light) / 1000, ratio);
    /* The pCPU was never idle with work queued. */
    ck_assert_uint_ge(ran(heavy) + ran(light), (uint64_t)(SECONDS(3) * 99 / 100));
}
END_TEST

START_TEST(credit_cap_is_enforced)
{
    struct vcpu *capped;
    double share;

    boot("credit", 1);
    capped = new_vcpu(1, 0);
    set_params(capped, 256, 25);
    sim_run(SECONDS(3));
    share = (double)ran(capped) / (double)SECONDS(3);
    ck_assert_msg(share > 0.23 && share < 0.27, "a 25%% cap ran %.1f%% of the pCPU", share * 100);
}
END_TEST

START_TEST(credit_cap_with_competition)
{
    struct vcpu *capped, *hog;
    double share;

    boot("credit", 1);
    capped = new_vcpu(1, 0);
    hog = new_vcpu(2, 0);
    /* The cap binds below the fair half: the hog gets the rest. */
    set_params(capped, 256, 20);
    sim_run(SECONDS(3));
    share = (double)ran(capped) / (double)SECONDS(3);
    ck_assert_msg(share > 0.18 && share < 0.22, "a 20%% cap ran %.1f%%", share * 100);
    ck_assert_uint_ge(ran(hog), (uint64_t)(SECONDS(3) * 78 / 100));
}
END_TEST

START_TEST(credit_four_vcpus_two_cpus_all_progress)
{
    struct vcpu *v[4];
    uint64_t total = 0;

    boot("credit", 2);
    /* All start on pCPU 0: load balancing has to spread them. */
    for (unsigned int i = 0; i < 4; i++)
        v[i] = new_vcpu((domid_t)(i + 1), 0);
    sim_run(SECONDS(3));
    for (unsigned int i = 0; i < 4; i++) {
        double share = (double)ran(v[i]) / (double)SECONDS(3);

        total += ran(v[i]);
        ck_assert_msg(share > 0.45 && share < 0.55, "vCPU %u ran %.1f%% of a pCPU", i, share * 100);
    }
    /* Both pCPUs were busy all along. */
    ck_assert_uint_ge(total, (uint64_t)(2 * SECONDS(3) * 98 / 100));
}
END_TEST

START_TEST(credit_affinity_is_honoured)
{
    struct vcpu *pinned, *free_v;

    boot("credit", 2);
    pinned = new_vcpu(1, 0);
    free_v = new_vcpu(2, 0);
    memset(pinned->cpu_affinity, 0, sizeof(pinned->cpu_affinity));
    pinned->cpu_affinity[0] = 1; /* pCPU 0 only */
    for (unsigned int i = 0; i < 30; i++) {
        sim_run(MILLISECS(100));
        ck_assert_uint_eq(pinned->processor, 0);
    }
    ck_assert_uint_ge(ran(free_v), (uint64_t)(SECONDS(3) * 9 / 10));
}
END_TEST

/* An I/O-bound vCPU blocks, an event wakes it: it must run before the hog. */
START_TEST(credit_wake_boosts_over_hog)
{
    struct vcpu *hog, *io;
    unsigned int waits = 0;
    s_time_t worst = 0;

    boot("credit", 1);
    hog = new_vcpu(1, 0);
    io = new_vcpu(2, 0);
    sim_run(MILLISECS(100));
    for (unsigned int i = 0; i < 50; i++) {
        s_time_t woken;

        /* io runs a moment, then blocks (as SCHEDOP_block does). */
        while (sched_curr(0) != io)
            sim_run(STEP);
        sim_run(STEP);
        __atomic_fetch_or(&io->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
        sched_tickle(0);
        sim_run(MILLISECS(7)); /* the hog has the pCPU meanwhile */
        ck_assert_ptr_eq(sched_curr(0), hog);
        woken = harness_now;
        harness_cpu = 0;
        vcpu_kick(io);
        while (sched_curr(0) != io)
            sim_run(STEP);
        worst = max(worst, harness_now - woken);
        waits++;
    }
    /* Boosted, it preempts at once instead of waiting up to a 30 ms slice. */
    ck_assert_msg(worst <= 2 * STEP, "woke after %ld us", (long)(worst / 1000));
    ck_assert_uint_eq(waits, 50);
    ck_assert_uint_gt(ran(hog), ran(io));
}
END_TEST

START_TEST(credit_yield_gives_way)
{
    struct vcpu *a, *b;

    boot("credit", 1);
    a = new_vcpu(1, 0);
    b = new_vcpu(2, 0);
    sim_run(STEP);
    {
        struct vcpu *first = sched_curr(0), *other = first == a ? b : a;

        harness_current = first;
        vcpu_yield();
        harness_current = NULL;
        sim_run(STEP);
        ck_assert_ptr_eq(sched_curr(0), other);
    }
}
END_TEST

START_TEST(rr_alternates_fairly)
{
    static struct vcpu *order[400];
    struct vcpu *v[3];
    unsigned int switches = 0;

    boot("rr", 1);
    for (unsigned int i = 0; i < 3; i++)
        v[i] = new_vcpu((domid_t)(i + 1), 0);
    for (unsigned int t = 0; t < 3000; t++) {
        sim_run(MILLISECS(1));
        if (!switches || sched_curr(0) != order[switches - 1]) {
            ck_assert_uint_lt(switches, 400);
            order[switches++] = sched_curr(0);
        }
    }
    /* Strict turns: the same order every round. */
    for (unsigned int i = 3; i < switches; i++)
        ck_assert_ptr_eq(order[i], order[i - 3]);
    for (unsigned int i = 0; i < 3; i++) {
        double share = (double)ran(v[i]) / (double)SECONDS(3);

        ck_assert_msg(share > 0.32 && share < 0.35, "vCPU %u ran %.1f%%", i, share * 100);
    }
    /* 10 ms slices over 3 s. */
    ck_assert_uint_ge(switches, 290);
}
END_TEST

/* Blocked, paused, woken: every transition lands in the runstate. */
START_TEST(runstate_follows_holds)
{
    struct vcpu *v;
    struct vcpu_runstate_info r;
    uint64_t sum = 0;
    s_time_t start;

    boot("credit", 1);
    start = harness_now;
    v = new_vcpu(1, 0);
    sim_run(MILLISECS(10));
    ck_assert_int_eq(v->runstate.state, RUNSTATE_running);

    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    sched_tickle(0);
    sim_run(MILLISECS(10));
    ck_assert_int_eq(v->runstate.state, RUNSTATE_blocked);
    ck_assert_ptr_eq(sched_curr(0), sched_idle_vcpu(0));

    vcpu_pause(v); /* blocked and paused: still blocked */
    ck_assert_int_eq(v->runstate.state, RUNSTATE_blocked);
    vcpu_kick(v); /* unblocked, still paused */
    ck_assert_int_eq(v->runstate.state, RUNSTATE_offline);
    sim_run(MILLISECS(10));
    vcpu_unpause(v);
    ck_assert_int_eq(v->runstate.state, RUNSTATE_runnable);
    sim_run(MILLISECS(10));
    ck_assert_int_eq(v->runstate.state, RUNSTATE_running);

    vcpu_runstate_get(v, &r);
    for (unsigned int i = 0; i < 4; i++)
        sum += r.time[i];
    ck_assert_uint_eq(sum, (uint64_t)(harness_now - start));
    ck_assert_uint_ge(r.time[RUNSTATE_blocked], (uint64_t)MILLISECS(10));
    ck_assert_uint_ge(r.time[RUNSTATE_offline], (uint64_t)MILLISECS(10));
}
END_TEST

START_TEST(shut_down_vcpu_stops)
{
    struct vcpu *v, *other;

    boot("credit", 1);
    v = new_vcpu(1, 0);
    other = new_vcpu(2, 0);
    sim_run(MILLISECS(100));
    ck_assert_uint_eq(domain_count(), 2);
    harness_cpu = 0;
    domain_shutdown(v->domain, SHUTDOWN_poweroff);
    sim_run(MILLISECS(100));
    /* Off its pCPU, the domain was torn down (v is gone with it). */
    ck_assert_ptr_eq(sched_curr(0), other);
    ck_assert_uint_eq(domain_count(), 1);
}
END_TEST

START_TEST(adjust_rejects_bad_values)
{
    struct vcpu *v;
    struct sched_credit_params p = {.weight = 65536, .cap = 0};

    boot("credit", 1);
    v = new_vcpu(1, 0);
    ck_assert_int_eq(sched_adjust_credit(v->domain, &p, true), -EINVAL);
    p = (struct sched_credit_params){.weight = 100, .cap = 101};
    ck_assert_int_eq(sched_adjust_credit(v->domain, &p, true), -EINVAL);
    p = (struct sched_credit_params){0};
    ck_assert_int_eq(sched_adjust_credit(v->domain, &p, false), 0);
    ck_assert_uint_eq(p.weight, 256);
    ck_assert_uint_eq(p.cap, 0);
    ck_assert_int_eq(sched_select("no-such"), -EINVAL);
}
END_TEST

/* Debug key 'r': the running vCPU and the queued one, with the policy's view. */
START_TEST(dump_names_running_and_queued)
{
    static struct sched_cpu_dump buf;
    struct vcpu *a, *b;

    boot("credit", 1);
    a = new_vcpu(1, 0);
    b = new_vcpu(2, 0);
    sim_settle();
    ck_assert_ptr_eq(sched_curr(0), a);
    harness_log_clear();
    sched_dump_cpu(0, &buf);
    ck_assert_uint_eq(buf.nr_queued, 1);
    ck_assert(harness_log_has("CPU0: running d1v0 credit "));
    ck_assert(harness_log_has(", weight 256, cap 0, 1 queued\n"));
    ck_assert(harness_log_has("  0: d2v0 credit "));
    ck_assert_ptr_eq(sched_curr(0), a);
    (void)b;
}
END_TEST

START_TEST(dump_rr_queue_in_order)
{
    static struct sched_cpu_dump buf;

    boot("rr", 2);
    new_vcpu(1, 0);
    new_vcpu(2, 0);
    new_vcpu(3, 0);
    sim_settle();
    harness_log_clear();
    sched_dump_cpu(0, &buf);
    ck_assert(harness_log_has("CPU0: running d1v0 not queued, slice 10 ms, 2 queued\n"
                              "  0: d2v0 waiting\n  1: d3v0 waiting\n"));
    sched_dump_cpu(1, &buf);
    ck_assert(harness_log_has("CPU1: idle, 0 queued\n"));
}
END_TEST

Suite *sched_suite(void)
{
    Suite *s = suite_create("sched");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, credit_weights_share_one_cpu);
    tcase_add_test(tc, credit_cap_is_enforced);
    tcase_add_test(tc, credit_cap_with_competition);
    tcase_add_test(tc, credit_four_vcpus_two_cpus_all_progress);
    tcase_add_test(tc, credit_affinity_is_honoured);
    tcase_add_test(tc, credit_wake_boosts_over_hog);
    tcase_add_test(tc, credit_yield_gives_way);
    tcase_add_test(tc, rr_alternates_fairly);
    tcase_add_test(tc, runstate_follows_holds);
    tcase_add_test(tc, shut_down_vcpu_stops);
    tcase_add_test(tc, adjust_rejects_bad_values);
    tcase_add_test(tc, dump_names_running_and_queued);
    tcase_add_test(tc, dump_rr_queue_in_order);
    suite_add_tcase(s, tc);
    return s;
}
