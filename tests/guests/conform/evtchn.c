/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: event channels (2-level ABI) within one domain and their
 * delivery as upcalls: a loopback interdomain channel, an IPI, VIRQ
 * bindings, the status of each state, and Xen's answers to ports in use,
 * closed, foreign or out of range, bad VIRQs and vCPUs, bad pointers,
 * the FIFO calls a 2-level hypervisor refuses, and unknown commands.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/event_channel.h>

#include "conform.h"

/* Past every 2-level port, and past any domain's vCPUs. */
#define BAD_PORT EVTCHN_2L_NR_CHANNELS
#define BAD_VCPU 4096
/* A domain id no domain has here. */
#define NO_DOMAIN 1234
/* An unbound port addressed to this domain, which need not exist. */
#define OTHER_DOMID 5

#define HYPERVISOR_POINTER 0xffff830000001000UL
#define UNMAPPED_POINTER   0x1000UL
#define UNKNOWN_CMD        0x7e57

static volatile unsigned long hits_a, hits_b;

static void count_hit(evtchn_port_t port, void *data)
{
    (*(volatile unsigned long *)data)++;
}

static long evtchn_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

static long status_of(evtchn_port_t port, struct evtchn_status *st)
{
    *st = (struct evtchn_status){.dom = DOMID_SELF, .port = port};
    return evtchn_op(EVTCHNOP_status, st);
}

static bool pending_bit(evtchn_port_t port)
{
    return (gk_shared_info->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

/*
 * Return to the next instruction through the iret hypercall, with IF set
 * in the frame: iret unmasks events, and the hypervisor must deliver what
 * is pending on its way back (CS with RPL 0: stay in kernel mode).
 */
static void iret_to_here(void)
{
    __asm__ __volatile__("mov %%rsp, %%rax\n\t"
                         "pushq $0xe02b\n\t"
                         "pushq %%rax\n\t"
                         "pushq $0x202\n\t"
                         "pushq $0xe030\n\t"
                         "leaq 1f(%%rip), %%rax\n\t"
                         "pushq %%rax\n\t"
                         "pushq $0\n\t"
                         "pushq %%rcx\n\t"
                         "pushq %%r11\n\t"
                         "pushq %%rax\n\t"
                         "movl $23, %%eax\n\t"
                         "syscall\n"
                         "1:"
                         :
                         :
                         : "rax", "rcx", "r11", "memory");
}

static void user_nothing(void *arg)
{
}

/* A channel from this domain to itself; both ends point at each other. */
static bool check_loopback_setup(evtchn_port_t *remote, evtchn_port_t *local)
{
    struct evtchn_status st;
    long rc = gk_evtchn_alloc_unbound(DOMID_SELF, remote);
    bool dom0 = gk_start_info->flags & SIF_INITDOMAIN;

    gk_check(rc == 0, "evtchn_alloc_unbound_self", "returned %ld", rc);
    rc = status_of(*remote, &st);
    gk_check(rc == 0 && st.status == EVTCHNSTAT_unbound && st.u.unbound.dom != DOMID_SELF &&
                 (!dom0 || st.u.unbound.dom == 0),
             "evtchn_status_unbound", "rc %ld, status %u, dom %#x (DOMID_SELF names the caller)",
             rc, st.status, st.u.unbound.dom);
    rc = gk_evtchn_bind_interdomain(DOMID_SELF, *remote, local);
    gk_check(rc == 0 && *local != *remote && *local != 0, "evtchn_bind_interdomain_loopback",
             "returned %ld, ports %u and %u", rc, *remote, *local);
    if (rc)
        return false;
    gk_check(pending_bit(*local), "evtchn_bind_interdomain_local_pending",
             "the new local end is not pending (Xen sets it)");
    rc = status_of(*local, &st);
    gk_check(rc == 0 && st.status == EVTCHNSTAT_interdomain && st.u.interdomain.port == *remote,
             "evtchn_status_interdomain", "rc %ld, status %u, peer port %u", rc, st.status,
             st.u.interdomain.port);
    return true;
}

static void check_loopback_delivery(evtchn_port_t remote, evtchn_port_t local)
{
    unsigned long before;
    long rc;

    gk_evtchn_bind(local, count_hit, (void *)&hits_a);
    /* The pending edge from bind_interdomain arrives as soon as events are on. */
    gk_events_enable();
    gk_check(hits_a == 1, "evtchn_upcall_on_enable", "handler ran %lu times", hits_a);
    before = hits_a;
    rc = gk_evtchn_send(remote);
    gk_check(rc == 0 && hits_a == before + 1, "evtchn_loopback_send_upcall",
             "send %ld, handler ran %lu times", rc, hits_a - before);

    /* A masked port records the event and delivers nothing until unmasked. */
    gk_evtchn_mask(local);
    before = hits_a;
    rc = gk_evtchn_send(remote);
    gk_check(rc == 0 && hits_a == before && pending_bit(local), "evtchn_masked_port_no_upcall",
             "send %ld, handler ran %lu times, pending %d", rc, hits_a - before,
             pending_bit(local));
    rc = gk_evtchn_unmask(local);
    gk_check(rc == 0 && hits_a == before + 1, "evtchn_unmask_delivers_pending",
             "unmask %ld, handler ran %lu times", rc, hits_a - before);

    /* The upcall mask holds everything back, and the iret that clears it delivers. */
    gk_events_disable();
    before = hits_a;
    gk_evtchn_send(remote);
    gk_check(hits_a == before && gk_vcpu_info()->evtchn_upcall_pending,
             "evtchn_upcall_mask_holds_back", "handler ran %lu times, upcall pending %u",
             hits_a - before, gk_vcpu_info()->evtchn_upcall_pending);
    iret_to_here();
    gk_check(hits_a == before + 1 && !gk_vcpu_info()->evtchn_upcall_mask,
             "evtchn_iret_unmask_delivers", "handler ran %lu times, mask %u", hits_a - before,
             gk_vcpu_info()->evtchn_upcall_mask);
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/*
 * Many sends in a row, each delivered before the next: every one must
 * arrive exactly once.  The cost of a round trip (send, upcall, iret) is
 * printed for information.
 */
static void check_many_sends(evtchn_port_t remote)
{
    const unsigned long n = 1000;
    unsigned long before = hits_a, lost = 0;
    uint64_t t0 = rdtsc(), t1;

    for (unsigned long i = 1; i <= n; i++) {
        gk_evtchn_send(remote);
        if (hits_a != before + i && !lost++)
            gk_printf("conform: send %lu: handler count %lu\n", i, hits_a - before);
    }
    t1 = rdtsc();
    gk_printf("conform: evtchn loopback send + upcall + iret: %lu TSC cycles each\n",
              (unsigned long)((t1 - t0) / n));
    gk_check(!lost && hits_a == before + n, "evtchn_loopback_1000_sends",
             "%lu of %lu sends not delivered one by one, %lu upcalls in all", lost, n,
             hits_a - before);
}

/* An upcall pending when the guest returns to user mode interrupts it there. */
static void check_user_mode_upcall(evtchn_port_t remote)
{
    unsigned long before = hits_a;
    struct gk_trap t;
    unsigned int v;

    gk_events_disable();
    gk_evtchn_send(remote);
    v = gk_run_user(user_nothing, NULL, &t);
    gk_check(v == GK_TRAP_NONE && hits_a == before + 1, "evtchn_upcall_from_user_mode",
             "vector %u, handler ran %lu times", v, hits_a - before);
    gk_events_enable();
}

static void check_in_use_and_closed(evtchn_port_t remote, evtchn_port_t local)
{
    struct evtchn_status st;
    evtchn_port_t other, foreign;
    long rc;

    rc = gk_evtchn_bind_interdomain(DOMID_SELF, remote, &other);
    gk_check_ret(rc, -XEN_EINVAL, "evtchn_bind_interdomain_port_in_use");
    rc = gk_evtchn_alloc_unbound(OTHER_DOMID, &foreign);
    gk_check(rc == 0, "evtchn_alloc_unbound_for_other_domain", "returned %ld", rc);
    if (!rc)
        gk_check_ret(gk_evtchn_bind_interdomain(DOMID_SELF, foreign, &other), -XEN_EINVAL,
                     "evtchn_bind_interdomain_not_addressed_to_us");
    gk_check_ret(gk_evtchn_bind_interdomain(NO_DOMAIN, 1, &other), -XEN_ESRCH,
                 "evtchn_bind_interdomain_no_domain");

    /* Closing one end: the other waits for this domain again. */
    rc = gk_evtchn_close(local);
    gk_check(rc == 0, "evtchn_close", "returned %ld", rc);
    rc = status_of(remote, &st);
    gk_check(rc == 0 && st.status == EVTCHNSTAT_unbound, "evtchn_close_peer_unbound",
             "rc %ld, status %u", rc, st.status);
    rc = status_of(local, &st);
    gk_check(rc == 0 && st.status == EVTCHNSTAT_closed, "evtchn_status_closed", "rc %ld, status %u",
             rc, st.status);
    gk_check_ret(gk_evtchn_send(local), -XEN_EINVAL, "evtchn_send_closed_port");
    gk_check_ret(gk_evtchn_close(local), -XEN_EINVAL, "evtchn_close_closed_port");
    gk_check_ret(gk_evtchn_send(remote), 0, "evtchn_send_unbound_dropped");
    gk_evtchn_bind(local, NULL, NULL);
}

static void check_ipi(void)
{
    struct evtchn_bind_vcpu bv;
    struct evtchn_status st;
    evtchn_port_t ipi;
    long rc = gk_evtchn_bind_ipi(0, &ipi);

    gk_check(rc == 0, "evtchn_bind_ipi", "returned %ld", rc);
    if (rc)
        return;
    rc = status_of(ipi, &st);
    gk_check(rc == 0 && st.status == EVTCHNSTAT_ipi && st.vcpu == 0, "evtchn_status_ipi",
             "rc %ld, status %u, vcpu %u", rc, st.status, st.vcpu);
    gk_evtchn_bind(ipi, count_hit, (void *)&hits_b);
    rc = gk_evtchn_send(ipi);
    gk_check(rc == 0 && hits_b == 1, "evtchn_ipi_upcall", "send %ld, handler ran %lu times", rc,
             hits_b);
    /* Only an unbound port can be bound, whatever else it holds. */
    gk_check_ret(gk_evtchn_bind_interdomain(DOMID_SELF, ipi, NULL), -XEN_EINVAL,
                 "evtchn_bind_interdomain_ipi_port");
    bv = (struct evtchn_bind_vcpu){.port = ipi, .vcpu = 0};
    gk_check_ret(evtchn_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL, "evtchn_bind_vcpu_ipi_fixed");
    bv.vcpu = BAD_VCPU;
    gk_check_ret(evtchn_op(EVTCHNOP_bind_vcpu, &bv), -XEN_ENOENT, "evtchn_bind_vcpu_bad_vcpu");
    gk_check_ret(gk_evtchn_bind_ipi(BAD_VCPU, &ipi), -XEN_ENOENT, "evtchn_bind_ipi_bad_vcpu");
}

static void check_virqs(void)
{
    struct evtchn_status st;
    evtchn_port_t timer, p;
    long rc = gk_evtchn_bind_virq(VIRQ_TIMER, 0, &timer);

    gk_check(rc == 0, "evtchn_bind_virq_timer", "returned %ld", rc);
    gk_check_ret(gk_evtchn_bind_virq(VIRQ_TIMER, 0, &p), -XEN_EEXIST, "evtchn_bind_virq_twice");
    if (!rc) {
        rc = status_of(timer, &st);
        gk_check(rc == 0 && st.status == EVTCHNSTAT_virq && st.u.virq == VIRQ_TIMER,
                 "evtchn_status_virq", "rc %ld, status %u, virq %u", rc, st.status, st.u.virq);
        gk_check_ret(gk_evtchn_send(timer), -XEN_EINVAL, "evtchn_send_virq_port");
    }
    gk_check_ret(gk_evtchn_bind_virq(NR_VIRQS, 0, &p), -XEN_EINVAL,
                 "evtchn_bind_virq_out_of_range");
    gk_check_ret(gk_evtchn_bind_virq(~0u, 0, &p), -XEN_EINVAL, "evtchn_bind_virq_all_ones");
    /* Global VIRQs are bound through vCPU 0 only; that check comes first. */
    gk_check_ret(gk_evtchn_bind_virq(VIRQ_DOM_EXC, 1, &p), -XEN_EINVAL,
                 "evtchn_bind_virq_global_not_vcpu0");
    gk_check_ret(gk_evtchn_bind_virq(VIRQ_TIMER, BAD_VCPU, &p), -XEN_ENOENT,
                 "evtchn_bind_virq_bad_vcpu");
}

static void check_out_of_range(void)
{
    static const evtchn_port_t bad[] = {BAD_PORT, ~0u};

    for (unsigned int i = 0; i < GK_ARRAY_SIZE(bad); i++) {
        struct evtchn_bind_vcpu bv = {.port = bad[i], .vcpu = 0};
        struct evtchn_status st;

        gk_check_ret(gk_evtchn_send(bad[i]), -XEN_EINVAL,
                     i ? "evtchn_send_port_all_ones" : "evtchn_send_out_of_range");
        gk_check_ret(gk_evtchn_close(bad[i]), -XEN_EINVAL,
                     i ? "evtchn_close_port_all_ones" : "evtchn_close_out_of_range");
        gk_check_ret(status_of(bad[i], &st), -XEN_EINVAL,
                     i ? "evtchn_status_port_all_ones" : "evtchn_status_out_of_range");
        gk_check_ret(gk_evtchn_unmask(bad[i]), -XEN_EINVAL,
                     i ? "evtchn_unmask_port_all_ones" : "evtchn_unmask_out_of_range");
        gk_check_ret(evtchn_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL,
                     i ? "evtchn_bind_vcpu_port_all_ones" : "evtchn_bind_vcpu_out_of_range");
    }
    gk_check_ret(gk_evtchn_bind_interdomain(DOMID_SELF, BAD_PORT, NULL), -XEN_EINVAL,
                 "evtchn_bind_interdomain_out_of_range");
}

static void check_calls(void)
{
    struct evtchn_init_control ic = {.control_gfn = 0, .offset = 0, .vcpu = 0};
    struct evtchn_expand_array ea = {.array_gfn = 0};
    struct evtchn_set_priority sp = {.port = 1, .priority = 7};
    struct evtchn_alloc_unbound au = {.dom = NO_DOMAIN, .remote_dom = DOMID_SELF};
    struct evtchn_op compat = {.cmd = EVTCHNOP_send, .u.send.port = BAD_PORT};

    /* Xen without the FIFO ABI; Linux then uses the 2-level one. */
    gk_check_ret(evtchn_op(EVTCHNOP_init_control, &ic), -XEN_EOPNOTSUPP,
                 "evtchn_init_control_fallback");
    gk_check_ret(evtchn_op(EVTCHNOP_expand_array, &ea), -XEN_EOPNOTSUPP,
                 "evtchn_expand_array_no_fifo");
    gk_check_ret(evtchn_op(EVTCHNOP_set_priority, &sp), -XEN_ENOSYS, "evtchn_set_priority_2level");
    gk_check_ret(evtchn_op(UNKNOWN_CMD, &sp), -XEN_ENOSYS, "evtchn_unknown_cmd");
    gk_check_ret(evtchn_op(EVTCHNOP_alloc_unbound, &au), -XEN_ESRCH,
                 "evtchn_alloc_unbound_no_domain");
    gk_check_ret(evtchn_op(EVTCHNOP_alloc_unbound, (void *)UNMAPPED_POINTER), -XEN_EFAULT,
                 "evtchn_alloc_unbound_unmapped_pointer");
    gk_check_ret(evtchn_op(EVTCHNOP_status, (void *)HYPERVISOR_POINTER), -XEN_EFAULT,
                 "evtchn_status_hypervisor_pointer");
    gk_check_ret(evtchn_op(EVTCHNOP_send, NULL), -XEN_EFAULT, "evtchn_send_null_pointer");
    /* Hypercall 16 carries the command in its argument. */
    gk_check_ret(hypercall1(__HYPERVISOR_event_channel_op_compat, GK_PTR(&compat)), -XEN_EINVAL,
                 "evtchn_compat_send_out_of_range");
    compat.cmd = EVTCHNOP_reset;
    gk_check_ret(hypercall1(__HYPERVISOR_event_channel_op_compat, GK_PTR(&compat)), -XEN_ENOSYS,
                 "evtchn_compat_newer_cmd");
}

/* reset closes every port of the domain. */
static void check_reset(evtchn_port_t port)
{
    struct evtchn_reset r = {.dom = DOMID_SELF};
    struct evtchn_status st;
    long rc = evtchn_op(EVTCHNOP_reset, &r);

    gk_check(rc == 0 && status_of(port, &st) == 0 && st.status == EVTCHNSTAT_closed,
             "evtchn_reset_self", "reset %ld, port %u status %u", rc, port, st.status);
    r.dom = NO_DOMAIN;
    gk_check_ret(evtchn_op(EVTCHNOP_reset, &r), -XEN_ESRCH, "evtchn_reset_no_domain");
}

void check_evtchn(void)
{
    evtchn_port_t remote, local;

    if (!check_loopback_setup(&remote, &local))
        return;
    check_loopback_delivery(remote, local);
    check_many_sends(remote);
    check_user_mode_upcall(remote);
    check_ipi();
    check_in_use_and_closed(remote, local);
    check_virqs();
    check_out_of_range();
    check_calls();
    check_reset(remote);
    gk_events_disable();
}
