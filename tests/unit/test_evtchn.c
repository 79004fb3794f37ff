/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels: the real common/event_channel.c (port table, the
 * event_channel_op hypercall, the 2-level pending/mask/selector logic of
 * xen-abi.md 3.2, teardown) on host memory, each domain with a
 * shared_info of its own.  Expected values are Xen's.
 */
#include <stdlib.h>
#include <string.h>

#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/hypercall.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <public/event_channel.h>

#include <harness/harness.h>

#define WORD_BITS (sizeof(xen_ulong_t) * 8)

static struct domain *dom0, *domu;
static shared_info_t *si0, *siu;
static unsigned int kicks;
static struct vcpu *last_kicked;

static bool counting_kicks;

/*
 * The runner links with --wrap=vcpu_kick: while these tests run, the
 * scheduler's kick is replaced by a counter (the domains here never run).
 */
void __real_vcpu_kick(struct vcpu *v);
void __wrap_vcpu_kick(struct vcpu *v);
void __wrap_vcpu_kick(struct vcpu *v)
{
    if (!counting_kicks) {
        __real_vcpu_kick(v);
        return;
    }
    kicks++;
    last_kicked = v;
}

static shared_info_t *new_shared_info(struct domain *d)
{
    shared_info_t *s = aligned_alloc(4096, 4096);

    ck_assert_ptr_nonnull(s);
    memset(s, 0, 4096);
    d->arch.shared_info = s;
    /* As the domain builder does: each vCPU's vcpu_info is its slot. */
    for (unsigned int i = 0; i < d->max_vcpus && i < XEN_LEGACY_MAX_VCPUS; i++)
        if (d->vcpu[i])
            d->vcpu[i]->vcpu_info = &s->vcpu_info[i];
    return s;
}

static struct domain *new_domain(domid_t id, unsigned int flags, unsigned int nr_vcpus)
{
    struct domain *d;
    struct vcpu *v;

    ck_assert_int_eq(domain_create(id, flags, nr_vcpus, &d), 0);
    for (unsigned int i = 0; i < nr_vcpus; i++)
        ck_assert_int_eq(vcpu_create(d, i, &v), 0);
    return d;
}

static void setup(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    dom0 = new_domain(0, DOMCRF_privileged, 2);
    domu = new_domain(7, 0, 2);
    si0 = new_shared_info(dom0);
    siu = new_shared_info(domu);
    harness_current = dom0->vcpu[0];
    kicks = 0;
    last_kicked = NULL;
    counting_kicks = true;
}

static void teardown(void)
{
    counting_kicks = false;
}

/* event_channel_op as the current vCPU's domain issues it. */
static long op(int cmd, void *arg)
{
    return do_event_channel_op((unsigned long)(unsigned int)cmd, (unsigned long)arg, 0, 0, 0);
}

static void as(struct domain *d)
{
    harness_current = d->vcpu[0];
}

static bool pending(const shared_info_t *s, uint32_t port)
{
    return (s->evtchn_pending[port / WORD_BITS] >> (port % WORD_BITS)) & 1;
}

static void set_mask(shared_info_t *s, uint32_t port, bool on)
{
    xen_ulong_t bit = (xen_ulong_t)1 << (port % WORD_BITS);

    if (on)
        s->evtchn_mask[port / WORD_BITS] |= bit;
    else
        s->evtchn_mask[port / WORD_BITS] &= ~bit;
}

/* What a guest's upcall handler does first: take the notification. */
static void guest_ack(shared_info_t *s, unsigned int vcpu, uint32_t port)
{
    s->vcpu_info[vcpu].evtchn_upcall_pending = 0;
    s->vcpu_info[vcpu].evtchn_pending_sel = 0;
    s->evtchn_pending[port / WORD_BITS] &= ~((xen_ulong_t)1 << (port % WORD_BITS));
}

static uint32_t alloc_unbound(domid_t dom, domid_t remote)
{
    struct evtchn_alloc_unbound a = {.dom = dom, .remote_dom = remote};

    ck_assert_int_eq(op(EVTCHNOP_alloc_unbound, &a), 0);
    return a.port;
}

static uint32_t bind_ipi(unsigned int vcpu)
{
    struct evtchn_bind_ipi b = {.vcpu = vcpu};

    ck_assert_int_eq(op(EVTCHNOP_bind_ipi, &b), 0);
    return b.port;
}

static long send(uint32_t port)
{
    struct evtchn_send s = {.port = port};

    return op(EVTCHNOP_send, &s);
}

static long close_port(uint32_t port)
{
    struct evtchn_close c = {.port = port};

    return op(EVTCHNOP_close, &c);
}

static struct evtchn_status status_of(domid_t dom, uint32_t port, long *rc)
{
    struct evtchn_status s = {.dom = dom, .port = port};

    *rc = op(EVTCHNOP_status, &s);
    return s;
}

START_TEST(test_port0_reserved_first_port_1)
{
    long rc;
    struct evtchn_status st = status_of(DOMID_SELF, 0, &rc);

    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_closed);
    ck_assert_uint_eq(alloc_unbound(DOMID_SELF, DOMID_SELF), 1);
    ck_assert_uint_eq(alloc_unbound(DOMID_SELF, 7), 2);
    st = status_of(DOMID_SELF, 2, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
    ck_assert_uint_eq(st.u.unbound.dom, 7);
    st = status_of(DOMID_SELF, 1, &rc);
    ck_assert_uint_eq(st.u.unbound.dom, 0); /* DOMID_SELF: the caller's id */
    /* Port 0 can be neither sent on nor closed. */
    ck_assert_int_eq(send(0), -EINVAL);
    ck_assert_int_eq(close_port(0), -EINVAL);
}
END_TEST

/* xen-abi.md 3.2: pending bit, selector bit, upcall, kick; once per edge. */
START_TEST(test_set_pending_order)
{
    uint32_t p = bind_ipi(1);
    vcpu_info_t *vi = &si0->vcpu_info[1];

    ck_assert_int_eq(send(p), 0);
    ck_assert(pending(si0, p));
    ck_assert_uint_eq(vi->evtchn_pending_sel, (xen_ulong_t)1 << (p / WORD_BITS));
    ck_assert_uint_eq(vi->evtchn_upcall_pending, 1);
    ck_assert_uint_eq(kicks, 1);
    ck_assert_ptr_eq(last_kicked, dom0->vcpu[1]);
    ck_assert(!si0->vcpu_info[0].evtchn_upcall_pending);

    /* The edge is recorded already: nothing more happens. */
    ck_assert_int_eq(send(p), 0);
    ck_assert_uint_eq(kicks, 1);

    /* The upcall still pending: a new edge sets bits but kicks nobody. */
    vi->evtchn_pending_sel = 0;
    si0->evtchn_pending[0] = 0;
    ck_assert_int_eq(send(p), 0);
    ck_assert_uint_eq(vi->evtchn_pending_sel, 1);
    ck_assert_uint_eq(kicks, 1);

    guest_ack(si0, 1, p);
    ck_assert_int_eq(send(p), 0);
    ck_assert_uint_eq(kicks, 2);
}
END_TEST

START_TEST(test_masked_then_unmask)
{
    uint32_t p = bind_ipi(0);
    struct evtchn_unmask u = {.port = p};
    vcpu_info_t *vi = &si0->vcpu_info[0];

    set_mask(si0, p, true);
    ck_assert_int_eq(send(p), 0);
    ck_assert(pending(si0, p));
    ck_assert_uint_eq(vi->evtchn_pending_sel, 0);
    ck_assert_uint_eq(vi->evtchn_upcall_pending, 0);
    ck_assert(!vcpu_event_pending(dom0->vcpu[0]));
    ck_assert_uint_eq(kicks, 0);

    ck_assert_int_eq(op(EVTCHNOP_unmask, &u), 0);
    ck_assert(!(si0->evtchn_mask[0] & 1UL << p));
    ck_assert_uint_eq(vi->evtchn_pending_sel, 1);
    ck_assert_uint_eq(vi->evtchn_upcall_pending, 1);
    ck_assert_uint_eq(kicks, 1);
    ck_assert(vcpu_event_pending(dom0->vcpu[0]));
    vi->evtchn_upcall_mask = 1;
    ck_assert(!vcpu_event_pending(dom0->vcpu[0]));

    /* Unmasking an unmasked or idle port raises nothing. */
    guest_ack(si0, 0, p);
    ck_assert_int_eq(op(EVTCHNOP_unmask, &u), 0);
    ck_assert_uint_eq(kicks, 1);
    u.port = 63; /* in range, free */
    ck_assert_int_eq(op(EVTCHNOP_unmask, &u), 0);
    u.port = EVTCHN_2L_NR_CHANNELS;
    ck_assert_int_eq(op(EVTCHNOP_unmask, &u), -EINVAL);
}
END_TEST

/* Ports come in buckets; a domain other than dom0 stops at port 1023. */
START_TEST(test_table_grows_to_limit)
{
    uint32_t port = 0;
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = 0};
    long rc;

    as(domu);
    for (unsigned int i = 1; i <= 63; i++)
        port = alloc_unbound(DOMID_SELF, 0);
    ck_assert_uint_eq(port, 63);
    ck_assert_uint_eq(domu->valid_evtchns, 64);
    status_of(DOMID_SELF, 64, &rc);
    ck_assert_int_eq(rc, -EINVAL); /* past the last bucket: out of range */
    ck_assert_uint_eq(alloc_unbound(DOMID_SELF, 0), 64);
    ck_assert_uint_eq(domu->valid_evtchns, 128);
    status_of(DOMID_SELF, 65, &rc);
    ck_assert_int_eq(rc, 0);
    while ((rc = op(EVTCHNOP_alloc_unbound, &a)) == 0)
        port = a.port;
    ck_assert_int_eq(rc, -ENOSPC);
    ck_assert_uint_eq(port, 1023);
    /* A closed port is the next one handed out. */
    ck_assert_int_eq(close_port(500), 0);
    ck_assert_uint_eq(alloc_unbound(DOMID_SELF, 0), 500);
}
END_TEST

START_TEST(test_dom0_gets_all_4095)
{
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = 0};
    uint32_t port = 0;
    long rc;

    while ((rc = op(EVTCHNOP_alloc_unbound, &a)) == 0)
        port = a.port;
    ck_assert_int_eq(rc, -ENOSPC);
    ck_assert_uint_eq(port, EVTCHN_2L_NR_CHANNELS - 1);
}
END_TEST

/* domU offers a port to dom0, which binds it; the lower id locks first. */
START_TEST(test_interdomain_and_close)
{
    struct evtchn_bind_interdomain b = {.remote_dom = 7};
    struct evtchn_status st;
    uint32_t up;
    long rc;

    as(domu);
    up = alloc_unbound(DOMID_SELF, 0);
    as(dom0);
    b.remote_port = up;
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);
    /* The new local end starts pending (events sent before are not lost). */
    ck_assert(pending(si0, b.local_port));
    st = status_of(DOMID_SELF, b.local_port, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_interdomain);
    ck_assert_uint_eq(st.u.interdomain.dom, 7);
    ck_assert_uint_eq(st.u.interdomain.port, up);
    st = status_of(7, up, &rc); /* dom0 may look at domU's ports */
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(st.u.interdomain.port, b.local_port);

    /* Binding it again: no longer unbound. */
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), -EINVAL);

    as(domu);
    ck_assert_int_eq(send(up), 0);
    ck_assert(!pending(siu, up));
    guest_ack(si0, 0, b.local_port);
    ck_assert_int_eq(send(up), 0);
    ck_assert(pending(si0, b.local_port));

    /* domU (the higher id) closes: dom0's end waits for domU again. */
    ck_assert_int_eq(close_port(up), 0);
    as(dom0);
    st = status_of(DOMID_SELF, b.local_port, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
    ck_assert_uint_eq(st.u.unbound.dom, 7);
    ck_assert_int_eq(send(b.local_port), 0); /* unbound: dropped */
    as(domu);
    ck_assert_int_eq(send(up), -EINVAL);
    ck_assert_int_eq(close_port(up), -EINVAL);
}
END_TEST

/* Closing from the lower id, and a loopback channel in one domain. */
START_TEST(test_close_from_dom0_and_loopback)
{
    struct evtchn_bind_interdomain b = {.remote_dom = DOMID_SELF};
    struct evtchn_status st;
    uint32_t p;
    long rc;

    p = alloc_unbound(DOMID_SELF, DOMID_SELF);
    b.remote_port = p;
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);
    ck_assert_uint_ne(b.local_port, p);
    guest_ack(si0, 0, b.local_port);
    ck_assert_int_eq(send(p), 0);
    ck_assert(pending(si0, b.local_port));
    ck_assert(!pending(si0, p));
    ck_assert_int_eq(send(b.local_port), 0);
    ck_assert(pending(si0, p));
    ck_assert_int_eq(close_port(b.local_port), 0);
    ck_assert(!pending(si0, b.local_port)); /* a freed port forgets its edge */
    st = status_of(DOMID_SELF, p, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
    ck_assert_uint_eq(st.u.unbound.dom, 0);

    /* dom0 (the lower id) closes an interdomain port. */
    as(domu);
    p = alloc_unbound(DOMID_SELF, 0);
    as(dom0);
    b = (struct evtchn_bind_interdomain){.remote_dom = 7, .remote_port = p};
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);
    ck_assert_int_eq(close_port(b.local_port), 0);
    as(domu);
    st = status_of(DOMID_SELF, p, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
    ck_assert_uint_eq(st.u.unbound.dom, 0);
}
END_TEST

START_TEST(test_bind_refusals)
{
    struct evtchn_bind_interdomain b = {.remote_dom = DOMID_SELF};
    struct evtchn_alloc_unbound a = {.dom = 0, .remote_dom = 7};
    long rc;

    /* An unbound port addressed to domain 5, bound by its own domain. */
    b.remote_port = alloc_unbound(DOMID_SELF, 5);
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), -EINVAL);
    b.remote_port = EVTCHN_2L_NR_CHANNELS;
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), -EINVAL);
    b.remote_port = 0;
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), -EINVAL);
    b = (struct evtchn_bind_interdomain){.remote_dom = 99, .remote_port = 1};
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), -ESRCH);

    /* domU may not allocate in, or look at, dom0's table. */
    as(domu);
    ck_assert_int_eq(op(EVTCHNOP_alloc_unbound, &a), -EPERM);
    status_of(0, 1, &rc);
    ck_assert_int_eq(rc, -EPERM);
    a.dom = 99;
    ck_assert_int_eq(op(EVTCHNOP_alloc_unbound, &a), -ESRCH);
    /* dom0 may allocate in domU's. */
    as(dom0);
    a.dom = 7;
    ck_assert_int_eq(op(EVTCHNOP_alloc_unbound, &a), 0);
    as(domu);
    status_of(DOMID_SELF, a.port, &rc);
    ck_assert_int_eq(rc, 0);
}
END_TEST

START_TEST(test_virqs)
{
    struct evtchn_bind_virq b = {.virq = VIRQ_TIMER, .vcpu = 1};
    struct evtchn_bind_vcpu bv;
    struct evtchn_status st;
    uint32_t timer1, exc;
    long rc;

    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), 0);
    timer1 = b.port;
    ck_assert_uint_eq(dom0->vcpu[1]->virq_to_evtchn[VIRQ_TIMER], timer1);
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), -EEXIST);
    b.vcpu = 0; /* per-vCPU: once on each */
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), 0);
    b.vcpu = 2;
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), -ENOENT);
    b = (struct evtchn_bind_virq){.virq = VIRQ_DOM_EXC, .vcpu = 1};
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), -EINVAL); /* global: vCPU 0 only */
    b.virq = NR_VIRQS;
    b.vcpu = 0;
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), -EINVAL);
    b.virq = ~0u;
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), -EINVAL);
    b.virq = VIRQ_DOM_EXC;
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), 0);
    exc = b.port;
    st = status_of(DOMID_SELF, exc, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_virq);
    ck_assert_uint_eq(st.u.virq, VIRQ_DOM_EXC);

    send_guest_vcpu_virq(dom0->vcpu[1], VIRQ_TIMER);
    ck_assert(pending(si0, timer1));
    ck_assert_uint_eq(si0->vcpu_info[1].evtchn_upcall_pending, 1);
    ck_assert_int_eq(send(timer1), -EINVAL); /* VIRQs are the hypervisor's to send */

    /* A global VIRQ moves; a per-vCPU one and an IPI do not. */
    bv = (struct evtchn_bind_vcpu){.port = exc, .vcpu = 1};
    ck_assert_int_eq(op(EVTCHNOP_bind_vcpu, &bv), 0);
    guest_ack(si0, 1, timer1);
    send_guest_global_virq(dom0, VIRQ_DOM_EXC);
    ck_assert(pending(si0, exc));
    ck_assert_uint_eq(si0->vcpu_info[1].evtchn_upcall_pending, 1);
    ck_assert_uint_eq(si0->vcpu_info[0].evtchn_upcall_pending, 0);
    bv.port = timer1;
    ck_assert_int_eq(op(EVTCHNOP_bind_vcpu, &bv), -EINVAL);
    bv.port = bind_ipi(0);
    ck_assert_int_eq(op(EVTCHNOP_bind_vcpu, &bv), -EINVAL);
    bv.vcpu = 5;
    ck_assert_int_eq(op(EVTCHNOP_bind_vcpu, &bv), -ENOENT);
    bv = (struct evtchn_bind_vcpu){.port = EVTCHN_2L_NR_CHANNELS, .vcpu = 0};
    ck_assert_int_eq(op(EVTCHNOP_bind_vcpu, &bv), -EINVAL);

    /* Closing unbinds: the VIRQ can be bound again, and sends nothing now. */
    ck_assert_int_eq(close_port(timer1), 0);
    ck_assert_uint_eq(dom0->vcpu[1]->virq_to_evtchn[VIRQ_TIMER], 0);
    send_guest_vcpu_virq(dom0->vcpu[1], VIRQ_TIMER);
    ck_assert(!pending(si0, timer1));
    b = (struct evtchn_bind_virq){.virq = VIRQ_TIMER, .vcpu = 1};
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &b), 0);
}
END_TEST

START_TEST(test_hypercall_edges)
{
    struct evtchn_init_control ic = {.vcpu = 0};
    struct evtchn_expand_array ea = {0};
    struct evtchn_set_priority sp = {.port = 1, .priority = 3};
    struct evtchn_op compat = {.cmd = EVTCHNOP_bind_ipi, .u.bind_ipi.vcpu = 0};
    long rc;

    ck_assert_int_eq(op(0x7e57, &ic), -ENOSYS);
    ck_assert_int_eq(op(EVTCHNOP_init_control, &ic), -EOPNOTSUPP);
    ck_assert_int_eq(op(EVTCHNOP_expand_array, &ea), -EOPNOTSUPP);
    ck_assert_int_eq(op(EVTCHNOP_set_priority, &sp), -ENOSYS);
    sp.port = EVTCHN_2L_NR_CHANNELS;
    ck_assert_int_eq(op(EVTCHNOP_set_priority, &sp), -EINVAL);
    ck_assert_int_eq(op(EVTCHNOP_send, (void *)HARNESS_BAD_GUEST_POINTER), -EFAULT);
    ck_assert_int_eq(op(EVTCHNOP_init_control, (void *)HARNESS_BAD_GUEST_POINTER), -EFAULT);
    status_of(DOMID_SELF, ~0u, &rc);
    ck_assert_int_eq(rc, -EINVAL);
    status_of(99, 1, &rc);
    ck_assert_int_eq(rc, -ESRCH);

    /* Hypercall 16: the command inside the structure. */
    ck_assert_int_eq(do_event_channel_op_compat((unsigned long)&compat, 0, 0, 0, 0), 0);
    ck_assert_uint_eq(compat.u.bind_ipi.port, 1);
    compat.cmd = EVTCHNOP_reset;
    ck_assert_int_eq(do_event_channel_op_compat((unsigned long)&compat, 0, 0, 0, 0), -ENOSYS);
    ck_assert_int_eq(do_event_channel_op_compat(HARNESS_BAD_GUEST_POINTER, 0, 0, 0, 0), -EFAULT);
}
END_TEST

START_TEST(test_reset)
{
    struct evtchn_reset r = {.dom = DOMID_SELF};
    struct evtchn_status st;
    uint32_t p = bind_ipi(0);
    long rc;

    alloc_unbound(DOMID_SELF, 7);
    ck_assert_int_eq(op(EVTCHNOP_reset, &r), 0);
    st = status_of(DOMID_SELF, p, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_closed);
    ck_assert_uint_eq(alloc_unbound(DOMID_SELF, 7), 1);
    as(domu);
    r.dom = 0;
    ck_assert_int_eq(op(EVTCHNOP_reset, &r), -EPERM);
    r.dom = 99;
    ck_assert_int_eq(op(EVTCHNOP_reset, &r), -ESRCH);
}
END_TEST

/* A dying domain closes everything: its peers see their ends unbound. */
START_TEST(test_destroy_closes_peers)
{
    struct evtchn_bind_interdomain b = {.remote_dom = 7};
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = 0};
    struct evtchn_status st;
    long rc;

    as(domu);
    b.remote_port = alloc_unbound(DOMID_SELF, 0);
    as(dom0);
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);

    domu->state = DOMAIN_DYING; /* as domain_kill() leaves it */
    evtchn_destroy(domu);
    st = status_of(DOMID_SELF, b.local_port, &rc);
    ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
    ck_assert_uint_eq(st.u.unbound.dom, 7);
    as(domu);
    ck_assert_int_eq(op(EVTCHNOP_alloc_unbound, &a), -EINVAL);
    evtchn_destroy_final(domu);
    st = status_of(DOMID_SELF, 1, &rc);
    ck_assert_int_eq(rc, -EINVAL);
}
END_TEST

/* domain_kill() runs evtchn_destroy(); every allocation comes back. */
START_TEST(test_kill_returns_memory)
{
    struct evtchn_bind_interdomain b = {.remote_dom = 7};
    size_t used;

    as(domu);
    for (int i = 0; i < 200; i++)
        alloc_unbound(DOMID_SELF, 0);
    b.remote_port = 3;
    as(dom0);
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);
    used = xmalloc_used_bytes();
    domain_kill(domu);
    ck_assert_uint_eq(domain_count(), 1);
    ck_assert_uint_lt(xmalloc_used_bytes(), used);
    domain_kill(dom0);
    ck_assert_uint_eq(domain_count(), 0);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

static void dump_one(struct domain *d, void *data)
{
    (*(unsigned int *)data)++;
    evtchn_dump(d);
}

/* Debug key 'e': every domain in id order, each open port with its peer or VIRQ. */
START_TEST(test_dump)
{
    struct evtchn_bind_interdomain b = {.remote_dom = 7};
    struct evtchn_bind_virq v = {.virq = VIRQ_CONSOLE, .vcpu = 0};
    unsigned int visited = 0;
    uint32_t up;

    as(domu);
    up = alloc_unbound(DOMID_SELF, 0);
    as(dom0);
    ck_assert_int_eq(op(EVTCHNOP_bind_virq, &v), 0);
    b.remote_port = up;
    ck_assert_int_eq(op(EVTCHNOP_bind_interdomain, &b), 0);
    set_mask(si0, v.port, true);
    harness_log_clear();
    domain_for_each(dump_one, &visited);
    ck_assert_uint_eq(visited, 2);
    ck_assert(strstr(harness_log(), "Event channels of domain 0:\n") <
              strstr(harness_log(), "Event channels of domain 7:\n"));
    ck_assert(harness_log_has("  port 1: virq 2 (vCPU 0), pending 0, masked 1\n"));
    ck_assert(harness_log_has("  port 2: interdomain to d7 port 1 (vCPU 0), pending 1, masked 0\n"
                              "  2 open ports\n"));
    ck_assert(harness_log_has("  port 1: interdomain to d0 port 2 (vCPU 0), pending 0, masked 0\n"
                              "  1 open port\n"));
}
END_TEST

Suite *evtchn_suite(void)
{
    Suite *s = suite_create("evtchn");
    TCase *tc = tcase_create("ports");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_port0_reserved_first_port_1);
    tcase_add_test(tc, test_set_pending_order);
    tcase_add_test(tc, test_masked_then_unmask);
    tcase_add_test(tc, test_table_grows_to_limit);
    tcase_add_test(tc, test_dom0_gets_all_4095);
    tcase_add_test(tc, test_interdomain_and_close);
    tcase_add_test(tc, test_close_from_dom0_and_loopback);
    tcase_add_test(tc, test_bind_refusals);
    tcase_add_test(tc, test_virqs);
    tcase_add_test(tc, test_hypercall_edges);
    tcase_add_test(tc, test_reset);
    tcase_add_test(tc, test_destroy_closes_peers);
    tcase_add_test(tc, test_kill_returns_memory);
    tcase_add_test(tc, test_dump);
    suite_add_tcase(s, tc);
    return s;
}
