/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A test guest for scenarios with several domains (boot-time domUs, see
 * common/boot_domains.c).  Its command line picks a role:
 *   dom0 wait=N            control domain: power off once N domains ended
 *   ping peer=D rounds=N   event-channel ping-pong, allocating the port
 *   pong peer=D rounds=N   the other end, binding domain D's port 1
 *   vcpus n=N              bring up N vCPUs, each waits for its VIRQ_TIMER
 *   spin secs=S vcpus=N    CPU-bound, reporting its progress each second
 *   io secs=S              I/O-bound: 1 ms sleeps, reporting wakeups
 *   weight from=MS secs=S  CPU-bound, reporting its running time (runstate)
 *   granter peer=D         grants pages to D, then dies while D maps one
 *   mapper peer=D          maps, writes and copies D's grants (grant.c)
 *   hostile seed=S iterations=N victim=D   attacks (hostile.c)
 *   victim seed=S          canary pages checked until dom0 tells (victim.c)
 *   dom0 ... tell=D after=H   dom0 also tells D on its port 1 once H is gone
 *   nullcall, gsource, gbench  make bench's figures (bench.c)
 *   stress self=I peer=D [first=1] secs=S  events and grants, 2 vCPUs (stress.c)
 * Every line it prints is its own evidence: counts it made itself.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "multi.h"

#define NS_PER_SEC 1000000000UL

unsigned long arg_value(const char *name, unsigned long def)
{
    const char *line = (const char *)gk_start_info->cmd_line, *p = line;
    size_t n = strlen(name);
    unsigned long v = 0;

    while ((p = strstr(p, name))) {
        if ((p == line || p[-1] == ' ') && p[n] == '=') {
            for (p += n + 1; *p >= '0' && *p <= '9'; p++)
                v = v * 10 + (unsigned long)(*p - '0');
            return v;
        }
        p += n;
    }
    return def;
}

static void on_dom_exc(evtchn_port_t port, void *data)
{
}

/* Domains 1..n that still exist (asking for their memory: -ESRCH once gone). */
static unsigned long domains_left(unsigned long n)
{
    unsigned long left = 0;

    for (domid_t id = 1; id <= n; id++) {
        domid_t arg = id;

        left += HYPERVISOR_memory_op(XENMEM_current_reservation, &arg) != -XEN_ESRCH;
    }
    return left;
}

/*
 * With tell=D after=H: once domain H is gone, an event to domain D on its
 * port 1 (the victim's signal that the hostile domain has ended).  D made
 * that port at its start, before dom0 ran; a bind that fails is retried.
 */
static void tell_when_gone(unsigned long *told)
{
    domid_t to = (domid_t)arg_value("tell", 0), after = (domid_t)arg_value("after", 0);
    evtchn_port_t port;

    if (!to || *told || HYPERVISOR_memory_op(XENMEM_current_reservation, &after) != -XEN_ESRCH)
        return;
    for (unsigned int tries = 0; gk_evtchn_bind_interdomain(to, 1, &port); tries++) {
        if (tries == 1000)
            gk_panic("multi-dom0: cannot bind domain %u's port 1", to);
        gk_yield();
    }
    gk_evtchn_send(port);
    *told = 1;
    gk_printf("multi-dom0: domain %u gone, told domain %u\n", after, to);
}

/*
 * The control domain: sleeps until domains 1..wait have all gone, woken
 * by VIRQ_DOM_EXC (which, like any VIRQ, may fold several into one).
 */
static void role_dom0(void)
{
    unsigned long want = arg_value("wait", 1), told = 0;
    evtchn_port_t port;

    if (gk_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &port) || !gk_evtchn_bind(port, on_dom_exc, NULL))
        gk_panic("cannot bind VIRQ_DOM_EXC");
    gk_printf("multi-dom0: waiting for %lu domains to end\n", want);
    gk_events_disable();
    while (domains_left(want)) {
        tell_when_gone(&told);
        if (domains_left(want))
            gk_block(); /* wakes on the VIRQ */
    }
    gk_events_enable();
    /*
     * A domain is gone for memory_op as soon as its teardown starts, on
     * whichever CPU runs it; the hypervisor reports the frames when the
     * teardown ends.  Powering off before then would stop that CPU
     * first: give it time (the scenarios check the report).
     */
    for (uint64_t end = gk_now_ns() + 300000000ULL; gk_now_ns() < end;)
        gk_yield();
    gk_printf("multi-dom0: %lu domains ended\n", want);
    gk_shutdown(SHUTDOWN_poweroff);
}

static void stop_tick(unsigned int vcpu)
{
    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, vcpu, NULL);
}

/* Iterations of a busy loop for secs seconds, reported each second. */
static volatile unsigned long spin_total;

static void spin_for(unsigned int id, unsigned long secs)
{
    uint64_t start = gk_now_ns();
    unsigned long iters = 0, second = 0;

    while (second < secs) {
        for (unsigned int i = 0; i < 1000; i++)
            __asm__ __volatile__("" ::: "memory");
        iters++;
        if (gk_now_ns() - start >= (second + 1) * NS_PER_SEC) {
            second++;
            if (id == 0)
                gk_printf("spin: second %lu, %lu k iterations\n", second, iters / 1000);
        }
    }
    __atomic_fetch_add(&spin_total, iters, __ATOMIC_RELAXED);
}

static unsigned long spin_secs;
static volatile unsigned int spinners_done;

static void spin_secondary(unsigned int id)
{
    stop_tick(id);
    spin_for(id, spin_secs);
    __atomic_fetch_add(&spinners_done, 1, __ATOMIC_RELEASE);
}

static void role_spin(void)
{
    unsigned int vcpus = (unsigned int)arg_value("vcpus", 1);

    spin_secs = arg_value("secs", 2);
    for (unsigned int id = 1; id < vcpus; id++)
        if (gk_vcpu_start(id, spin_secondary))
            gk_panic("cannot start vCPU %u", id);
    spin_for(0, spin_secs);
    while (spinners_done < vcpus - 1)
        gk_yield();
    gk_printf("spin: done, %u vCPUs, %lu k iterations\n", vcpus, spin_total / 1000);
    gk_shutdown(SHUTDOWN_poweroff);
}

static void on_timer(evtchn_port_t port, void *data)
{
}

static void bind_timer(unsigned int vcpu)
{
    evtchn_port_t port;

    if (gk_evtchn_bind_virq(VIRQ_TIMER, vcpu, &port) || !gk_evtchn_bind(port, on_timer, NULL))
        gk_panic("cannot bind VIRQ_TIMER for vCPU %u", vcpu);
}

/* 1 ms sleeps, counting wakeups: it needs the CPU briefly and often. */
static void role_io(void)
{
    unsigned long secs = arg_value("secs", 2), wakeups = 0, second = 0;
    uint64_t start;

    bind_timer(0);
    stop_tick(0);
    start = gk_now_ns();
    while (second < secs) {
        gk_sleep_ns(1000000);
        wakeups++;
        if (gk_now_ns() - start >= (second + 1) * NS_PER_SEC) {
            second++;
            gk_printf("io: second %lu, %lu wakeups\n", second, wakeups);
        }
    }
    gk_printf("io: done, %lu wakeups in %lu s\n", wakeups, secs);
    gk_shutdown(SHUTDOWN_poweroff);
}

static uint64_t running_ns(void)
{
    struct vcpu_runstate_info rs;

    if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &rs))
        gk_panic("get_runstate_info failed");
    return rs.time[RUNSTATE_running];
}

/*
 * CPU-bound; its share of the CPU over a window fixed in system time,
 * from=MS after boot for secs, so that every guest measures the same
 * window however late it started and whenever the other one ends.
 */
static void role_weight(void)
{
    uint64_t from = arg_value("from", 3000) * 1000000UL;
    uint64_t to = from + arg_value("secs", 3) * NS_PER_SEC;
    uint64_t t0, r0, t1, r1;

    stop_tick(0);
    if (gk_now_ns() >= from) {
        gk_printf("weight: late, started at %lu ms, the window opens at %lu ms\n",
                  (unsigned long)(gk_now_ns() / 1000000), (unsigned long)(from / 1000000));
        gk_shutdown(SHUTDOWN_poweroff);
    }
    while (gk_now_ns() < from)
        __asm__ __volatile__("" ::: "memory");
    t0 = gk_now_ns();
    r0 = running_ns();
    while (gk_now_ns() < to)
        __asm__ __volatile__("" ::: "memory");
    t1 = gk_now_ns();
    r1 = running_ns();
    gk_printf("weight: ran %lu ms of %lu ms\n", (unsigned long)((r1 - r0) / 1000000),
              (unsigned long)((t1 - t0) / 1000000));
    gk_shutdown(SHUTDOWN_poweroff);
}

void gk_main(start_info_t *si)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } roles[] = {
        {"dom0", role_dom0},       {"ping", role_ping},       {"pong", role_pong},
        {"vcpus", role_vcpus},     {"spin", role_spin},       {"io", role_io},
        {"weight", role_weight},   {"granter", role_granter}, {"mapper", role_mapper},
        {"hostile", role_hostile}, {"victim", role_victim},   {"nullcall", role_nullcall},
        {"gsource", role_gsource}, {"gbench", role_gbench},   {"stress", role_stress},
    };
    const char *line = (const char *)si->cmd_line;

    for (unsigned int i = 0; i < GK_ARRAY_SIZE(roles); i++) {
        size_t n = strlen(roles[i].name);

        if (!strncmp(line, roles[i].name, n) && (line[n] == ' ' || !line[n]))
            roles[i].fn();
    }
    gk_panic("no role in the command line '%s'", line);
}
