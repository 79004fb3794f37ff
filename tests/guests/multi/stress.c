/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event-channel and grant stress between two domains, each with two busy
 * vCPUs, for secs=S seconds; then every counter is checked.
 *   stress self=I peer=D first=1 secs=S   allocates the shared ports (1..4)
 *   stress self=I peer=D secs=S           binds them
 * (self: this domain's id, which fixes the patterns its peer checks)
 * Each domain grants its peer a mailbox page (ref 8) that only its owner
 * writes, 16 pattern pages (refs 9-24) and 4 sink pages the peer may
 * write (refs 25-28), and maps the peer's mailbox read-only.
 *   vCPU 0: bumps its mailbox's count for a port, then sends on it, round
 *     robin over the four ports, with a 1 ms periodic VIRQ_TIMER running;
 *     its handler records the peer's count for the port that fired.
 *   vCPU 1: copies the peer's pattern pages in and checks them, copies
 *     its own stamp into the peer's sink pages, maps the peer's pattern
 *     pages read-only, checks and unmaps them; every 32 operations it
 *     bumps a count and sends vCPU 0 an IPI.
 * At the end each side marks its mailbox done and sends once more on
 * every port.  Since 2-level events fold while pending, consistency is:
 * the last count this side's handler saw for each port equals the peer's
 * final count (a lost last event leaves it short and the wait times out),
 * no count ever goes backwards, upcalls never exceed sends; the same for
 * the IPIs; every grant entry is idle once the peer has finished; the
 * sink pages hold nothing but the peer's stamp; ports close cleanly.
 * The scenario also compares each side's "sent" with the other's "saw".
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <guestkit/smp.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "multi.h"

#define NPORTS    4
#define G_PAGES   16
#define S_PAGES   4
#define REF_MAIL  8
#define REF_DATA  9
#define REF_SINK  (REF_DATA + G_PAGES)
#define NS_PER_MS 1000000ULL
#define WAIT_NS   (20000 * NS_PER_MS)

/* Written only by its owner; the peer maps it read-only. */
struct mailbox {
    uint64_t seq[NPORTS];
    uint64_t copies_in, copies_out, maps;
    uint32_t done;        /* events over: seq[] is final */
    uint32_t grants_done; /* grant work over: nothing of ours mapped */
};

static union {
    struct mailbox m;
    uint8_t page[GK_PAGE_SIZE];
} mine gk_aligned(GK_PAGE_SIZE);
static uint8_t data[G_PAGES][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t sink[S_PAGES][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t stamp[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t copied[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t peer_mail_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t window[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t table_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);

static domid_t self, peer;
static const volatile struct mailbox *theirs;
static evtchn_port_t ports[NPORTS], ipi_port, timer_port;
static uint64_t deadline;
static unsigned long failures;

/* vCPU 0's handlers write these; vCPU 0 reads them. */
static uint64_t seen[NPORTS], upcalls[NPORTS], backwards, ipi_seen, ipi_upcalls, ticks;
/* vCPU 1 writes these; vCPU 0 reads them once worker_done is set. */
static uint64_t ipi_sent, bad_copies, bad_maps, map_errors;
static volatile bool worker_done;

static void fail(const char *what, unsigned long a, unsigned long b)
{
    failures++;
    gk_printf("stress: FAIL %s (%lu, %lu)\n", what, a, b);
}

static uint8_t pattern(domid_t owner, unsigned int page, unsigned int i)
{
    return (uint8_t)(owner * 37 + page * 11 + i * 3 + (i >> 9));
}

static bool is_pattern(const volatile uint8_t *p, domid_t owner, unsigned int page)
{
    for (unsigned int i = 0; i < GK_PAGE_SIZE; i++)
        if (p[i] != pattern(owner, page, i))
            return false;
    return true;
}

static void on_port(evtchn_port_t port, void *arg)
{
    unsigned long p = (unsigned long)arg;
    uint64_t v = __atomic_load_n(&theirs->seq[p], __ATOMIC_ACQUIRE);

    if (v < seen[p])
        backwards++;
    seen[p] = v;
    upcalls[p]++;
}

static void on_ipi(evtchn_port_t port, void *arg)
{
    ipi_seen = __atomic_load_n(&ipi_sent, __ATOMIC_ACQUIRE);
    ipi_upcalls++;
}

static void on_timer(evtchn_port_t port, void *arg)
{
    ticks++;
}

static void grant_all(void)
{
    grant_entry_v1_t *e = grant_table_map(table_va);

    for (unsigned int p = 0; p < G_PAGES; p++) {
        for (unsigned int i = 0; i < GK_PAGE_SIZE; i++)
            data[p][i] = pattern(self, p, i);
        grant_give(&e[REF_DATA + p], peer, data[p]);
    }
    for (unsigned int s = 0; s < S_PAGES; s++) {
        grant_give(&e[REF_SINK + s], peer, sink[s]);
    }
    grant_give(&e[REF_MAIL], peer, mine.page);
    memset(stamp, (uint8_t)(self * 16), sizeof(stamp));
}

/* The peer's mailbox, read-only, once the peer has granted it. */
static grant_handle_t map_peer_mailbox(void)
{
    struct gnttab_map_grant_ref op;
    uint64_t give_up = gk_now_ns() + WAIT_NS;

    do {
        op = (struct gnttab_map_grant_ref){.host_addr = (unsigned long)peer_mail_va,
                                           .flags = GNTMAP_host_map | GNTMAP_readonly,
                                           .ref = REF_MAIL,
                                           .dom = peer};
        if (HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1))
            gk_panic("stress: map_grant_ref refused outright");
        if (op.status == GNTST_okay)
            break;
        gk_yield();
    } while (gk_now_ns() < give_up);
    if (op.status != GNTST_okay)
        gk_panic("stress: cannot map domain %u's mailbox (status %d)", peer, op.status);
    theirs = (const volatile struct mailbox *)peer_mail_va;
    return op.handle;
}

/* Ports 1..4 of the allocating side, bound to vCPU 0, then IPI and timer. */
static void connect_ports(bool first)
{
    uint64_t give_up = gk_now_ns() + WAIT_NS;

    for (unsigned long p = 0; p < NPORTS; p++) {
        long rc;

        if (first)
            rc = gk_evtchn_alloc_unbound(peer, &ports[p]);
        else
            while ((rc = gk_evtchn_bind_interdomain(peer, (evtchn_port_t)(p + 1), &ports[p])) ==
                       -XEN_EINVAL &&
                   gk_now_ns() < give_up)
                gk_yield();
        if (rc || !gk_evtchn_bind(ports[p], on_port, (void *)p))
            gk_panic("stress: port %lu with domain %u: %ld", p, peer, rc);
    }
    if (gk_evtchn_bind_ipi(0, &ipi_port) || !gk_evtchn_bind(ipi_port, on_ipi, NULL) ||
        gk_evtchn_bind_virq(VIRQ_TIMER, 0, &timer_port) ||
        !gk_evtchn_bind(timer_port, on_timer, NULL))
        gk_panic("stress: cannot bind the IPI and timer ports");
}

static bool copy_page(struct gnttab_copy *op)
{
    return !HYPERVISOR_grant_table_op(GNTTABOP_copy, op, 1) && op->status == GNTST_okay;
}

/* One of vCPU 1's three grant operations, on peer page k. */
static void grant_op(unsigned long n, unsigned int k)
{
    struct gnttab_copy c = {.len = GK_PAGE_SIZE};
    struct gnttab_map_grant_ref m = {.host_addr = (unsigned long)window,
                                     .flags = GNTMAP_host_map | GNTMAP_readonly,
                                     .ref = REF_DATA + k,
                                     .dom = peer};
    struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)window};

    switch (n % 3) {
    case 0:
        c.flags = GNTCOPY_source_gref;
        c.source.u.ref = REF_DATA + k;
        c.source.domid = peer;
        c.dest.u.gmfn = gk_virt_to_mfn(copied);
        c.dest.domid = DOMID_SELF;
        if (!copy_page(&c) || !is_pattern(copied, peer, k))
            bad_copies++;
        mine.m.copies_in++;
        break;
    case 1:
        c.flags = GNTCOPY_dest_gref;
        c.source.u.gmfn = gk_virt_to_mfn(stamp);
        c.source.domid = DOMID_SELF;
        c.dest.u.ref = REF_SINK + k % S_PAGES;
        c.dest.domid = peer;
        if (!copy_page(&c))
            bad_copies++;
        mine.m.copies_out++;
        break;
    default:
        if (HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1) || m.status) {
            map_errors++;
            break;
        }
        if (!is_pattern(window, peer, k))
            bad_maps++;
        u.handle = m.handle;
        if (HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) || u.status)
            map_errors++;
        mine.m.maps++;
    }
}

static void worker(unsigned int id)
{
    unsigned long n = 0;

    for (; gk_now_ns() < deadline; n++) {
        grant_op(n, (unsigned int)(n / 3 % G_PAGES));
        if (n % 32 == 31) {
            __atomic_store_n(&ipi_sent, ipi_sent + 1, __ATOMIC_RELEASE);
            gk_evtchn_send(ipi_port);
        }
    }
    __atomic_store_n(&mine.m.grants_done, 1, __ATOMIC_RELEASE);
    __atomic_store_n(&worker_done, true, __ATOMIC_RELEASE);
    gk_evtchn_send(ipi_port);
    gk_evtchn_send(ports[0]); /* the peer may be waiting for grants_done */
}

/* vCPU 0's sending loop; returns what it sent. */
static uint64_t send_events(void)
{
    struct vcpu_set_periodic_timer t = {.period_ns = NS_PER_MS};
    uint64_t sent = 0;

    if (HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &t))
        fail("periodic timer refused", 0, 0);
    for (unsigned int p = 0; gk_now_ns() < deadline; p = (p + 1) % NPORTS) {
        __atomic_store_n(&mine.m.seq[p], mine.m.seq[p] + 1, __ATOMIC_RELEASE);
        if (gk_evtchn_send(ports[p]))
            fail("send refused on port", ports[p], 0);
        sent++;
    }
    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    __atomic_store_n(&mine.m.done, 1, __ATOMIC_RELEASE);
    for (unsigned int p = 0; p < NPORTS; p++)
        gk_evtchn_send(ports[p]);
    return sent;
}

static bool all_seen(void)
{
    if (!__atomic_load_n(&theirs->done, __ATOMIC_ACQUIRE) ||
        !__atomic_load_n(&theirs->grants_done, __ATOMIC_ACQUIRE) ||
        !__atomic_load_n(&worker_done, __ATOMIC_ACQUIRE) || ipi_seen != ipi_sent)
        return false;
    for (unsigned int p = 0; p < NPORTS; p++)
        if (seen[p] != theirs->seq[p])
            return false;
    return true;
}

/* Sleep until every last event has been seen, waking on a timer too. */
static void wait_all_seen(void)
{
    uint64_t give_up = gk_now_ns() + WAIT_NS;

    gk_events_disable();
    while (!all_seen() && gk_now_ns() < give_up) {
        HYPERVISOR_set_timer_op(gk_now_ns() + 10 * NS_PER_MS);
        gk_block();
    }
    gk_events_enable();
}

static void check_events(uint64_t sent)
{
    uint64_t saw = 0, ups = 0;

    for (unsigned int p = 0; p < NPORTS; p++) {
        uint64_t want = theirs->seq[p];

        if (seen[p] != want)
            fail("last count seen on a port short of the peer's", seen[p], want);
        /* + 1: binding raises one notification of its own, as in Xen. */
        if (!upcalls[p] || upcalls[p] > want + 1)
            fail("upcalls on a port outside [1, sends + 1]", upcalls[p], want);
        saw += seen[p];
        ups += upcalls[p];
    }
    if (backwards)
        fail("a count went backwards", backwards, 0);
    if (ipi_seen != ipi_sent || !ipi_upcalls || ipi_upcalls > ipi_sent + 1)
        fail("IPIs seen/sent", ipi_seen, ipi_sent);
    if (!ticks)
        fail("no timer ticks", 0, 0);
    gk_printf("stress: sent %lu saw %lu upcalls %lu ipis %lu/%lu upcalls %lu ticks %lu\n",
              (unsigned long)sent, (unsigned long)saw, (unsigned long)ups, (unsigned long)ipi_seen,
              (unsigned long)ipi_sent, (unsigned long)ipi_upcalls, (unsigned long)ticks);
}

static void check_grants(void)
{
    grant_entry_v1_t *e = (grant_entry_v1_t *)table_va;

    if (bad_copies || bad_maps || map_errors)
        fail("grant copies/maps failed or read wrong data", bad_copies + bad_maps, map_errors);
    for (unsigned int r = REF_DATA; r < REF_SINK + S_PAGES; r++)
        if (__atomic_load_n(&e[r].flags, __ATOMIC_ACQUIRE) & (GTF_reading | GTF_writing))
            fail("grant entry still in use after the peer finished", r, e[r].flags);
    for (unsigned int s = 0; s < S_PAGES; s++)
        for (unsigned int i = 0; i < GK_PAGE_SIZE; i++)
            if (sink[s][i] != (uint8_t)(peer * 16) && (sink[s][i] || theirs->copies_out > 3)) {
                fail("sink page holds something but the peer's stamp", s, i);
                break;
            }
    gk_printf("stress: grants copied in %lu out %lu mapped %lu; peer copied in %lu out %lu "
              "mapped %lu\n",
              (unsigned long)mine.m.copies_in, (unsigned long)mine.m.copies_out,
              (unsigned long)mine.m.maps, (unsigned long)theirs->copies_in,
              (unsigned long)theirs->copies_out, (unsigned long)theirs->maps);
    if (!mine.m.copies_in || !mine.m.copies_out || !mine.m.maps)
        fail("a grant operation never ran", mine.m.copies_in, mine.m.maps);
}

static void close_all(grant_handle_t mail)
{
    struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)peer_mail_va, .handle = mail};
    evtchn_port_t all[NPORTS + 2] = {ports[0], ports[1], ports[2], ports[3], ipi_port, timer_port};

    for (unsigned int i = 0; i < NPORTS + 2; i++) {
        struct evtchn_status st = {.dom = DOMID_SELF, .port = all[i]};

        gk_evtchn_bind(all[i], NULL, NULL);
        if (gk_evtchn_close(all[i]) || HYPERVISOR_event_channel_op(EVTCHNOP_status, &st) ||
            st.status != EVTCHNSTAT_closed)
            fail("a port did not close cleanly", all[i], st.status);
    }
    /* No handler reads it any more. */
    if (HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1) || u.status)
        fail("unmapping the peer's mailbox", u.status, 0);
}

void role_stress(void)
{
    bool first = arg_value("first", 0);
    grant_handle_t mail;
    uint64_t sent;
    long rc;

    peer = (domid_t)arg_value("peer", 2);
    self = (domid_t)arg_value("self", 0);
    grant_all();
    mail = map_peer_mailbox(); /* before any handler may read it */
    connect_ports(first);
    gk_events_enable(); /* a domU starts masked: upcalls from here on, during the sends */
    gk_printf("stress: domain %u with %u: %u ports, grants mapped, %lu s\n", self, peer, NPORTS,
              arg_value("secs", 5));
    deadline = gk_now_ns() + arg_value("secs", 5) * 1000 * NS_PER_MS;
    rc = gk_vcpu_start(1, worker);
    if (rc)
        gk_panic("stress: vCPU 1 did not start (%ld)", rc);
    sent = send_events();
    wait_all_seen();
    check_events(sent);
    check_grants();
    close_all(mail);
    gk_printf("stress: %s\n", failures ? "FAIL" : "PASS");
    gk_shutdown(SHUTDOWN_poweroff);
}
