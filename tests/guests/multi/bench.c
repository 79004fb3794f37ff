/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmark roles for make bench (tests/bench).  Each prints its figures
 * as "bench: <id> value=<v> unit=<u> samples=<n> [compare=<text>]",
 * timed with this vCPU's pvclock (gk_now_ns), nothing printed while a
 * loop is timed.
 *   nullcall n=N          N xen_version calls in batches of 1000
 *   gsource peer=D        grants 16 pages to D, waits for D's word
 *   gbench peer=D n=N     grant copy (4 KiB and 64 KiB batches) and
 *                         map+unmap of D's grants, against memcpy
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <guestkit/traps.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/sched.h>
#include <public/version.h>

#include "multi.h"

#define BATCH     1000
#define MAX_BATCH 2000
#define G_PAGES   16
#define FIRST_REF 8
#define PTE_P     0x001UL
#define PTE_RW    0x002UL

static uint64_t per_batch[MAX_BATCH];
static uint8_t src[G_PAGES][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t dst[G_PAGES][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t table_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t window[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static struct gnttab_copy ops[G_PAGES];
static volatile bool word;

static void on_word(evtchn_port_t port, void *data)
{
    word = true;
}

/* Sorts v (a few thousand samples at most: insertion is enough). */
static uint64_t median(uint64_t *v, unsigned long n)
{
    for (unsigned long i = 1; i < n; i++) {
        uint64_t x = v[i];
        unsigned long j = i;

        for (; j && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    return v[n / 2];
}

/* A fixed-point x/1000 as "x.yyy". */
static void print_milli(const char *id, uint64_t milli, const char *unit, unsigned long samples,
                        const char *compare)
{
    gk_printf("bench: %s value=%lu.%03lu unit=%s samples=%lu%s%s\n", id,
              (unsigned long)(milli / 1000), (unsigned long)(milli % 1000), unit, samples,
              compare ? " compare=" : "", compare ? compare : "");
}

/*
 * The guest's own null system call: from guest user mode, GK_SYS_ECHO
 * SYSCALLs, each bounced by the hypervisor to guestkit's syscall callback,
 * which returns with the iret hypercall.  User mode cannot read the clock
 * (guestkit finds its vcpu_info through the kernel's GS base), so each
 * batch is timed around gk_run_user() from the kernel, less the median
 * of entering and leaving user mode with no call at all.
 */
static unsigned long sys_calls, sys_wrong;
static uint64_t sys_per_batch[MAX_BATCH];

static void user_syscalls(void *arg)
{
    for (unsigned long i = 0; i < sys_calls; i++)
        sys_wrong += gk_user_syscall(GK_SYS_ECHO, i) != (long)i + 1;
}

/* n batches of calls system calls each into v (ns each); false on a trap. */
static bool time_user(unsigned long calls, unsigned long n, uint64_t *v)
{
    struct gk_trap t;

    sys_calls = calls;
    for (unsigned long b = 0; b < n; b++) {
        uint64_t t0 = gk_now_ns();

        if (gk_run_user(user_syscalls, NULL, &t) != GK_TRAP_NONE)
            return false;
        v[b] = gk_now_ns() - t0;
    }
    return true;
}

/* The syscall's median in ps, or 0 with why in *why. */
static uint64_t syscall_ps(unsigned long batches, const char **why)
{
    uint64_t empty, full;

    if (!time_user(0, batches, sys_per_batch)) {
        *why = "user mode raised an exception";
        return 0;
    }
    empty = median(sys_per_batch, batches);
    if (!time_user(BATCH, batches, sys_per_batch) || sys_wrong) {
        *why = "a syscall did not come back with its answer";
        return 0;
    }
    full = median(sys_per_batch, batches);
    return full > empty ? (full - empty) * 1000 / BATCH : 0;
}

void role_nullcall(void)
{
    unsigned long n = arg_value("n", 1000000),
                  batches = GK_MIN(n / BATCH, (unsigned long)MAX_BATCH);
    const char *why = NULL;
    uint64_t hc, sys;
    char compare[160];

    for (unsigned int i = 0; i < BATCH; i++) /* warm up */
        HYPERVISOR_xen_version(XENVER_version, NULL);
    for (unsigned long b = 0; b < batches; b++) {
        uint64_t t0 = gk_now_ns();

        for (unsigned int i = 0; i < BATCH; i++)
            HYPERVISOR_xen_version(XENVER_version, NULL);
        per_batch[b] = (gk_now_ns() - t0) * 1000 / BATCH; /* ps per call */
    }
    hc = median(per_batch, batches);
    sys = syscall_ps(batches, &why);
    if (sys) {
        print_milli("guest_syscall", sys, "ns", batches * BATCH,
                    "median of per-batch means, less entering/leaving user mode; SYSCALL "
                    "bounced to the guest kernel, back by the iret hypercall");
        gk_snprintf(compare, sizeof(compare),
                    "median of per-batch means (batches of 1000); %lu.%02lu x the guest's own "
                    "null syscall",
                    (unsigned long)(hc / sys), (unsigned long)(hc * 100 / sys % 100));
    } else {
        gk_snprintf(compare, sizeof(compare), "guest syscall not measured: %s", why);
    }
    print_milli("hypercall_null", hc, "ns", batches * BATCH, compare);
    gk_shutdown(SHUTDOWN_poweroff);
}

void role_gsource(void)
{
    domid_t peer = (domid_t)arg_value("peer", 2);
    struct grant_entry_v1 *e = grant_table_map(table_va);
    evtchn_port_t port;

    if (gk_evtchn_alloc_unbound(peer, &port) || !gk_evtchn_bind(port, on_word, NULL))
        gk_panic("gsource: cannot open a port for domain %u", peer);
    for (unsigned int p = 0; p < G_PAGES; p++) {
        memset(src[p], 0x5a ^ p, GK_PAGE_SIZE);
        grant_give(&e[FIRST_REF + p], peer, src[p]);
    }
    gk_printf("gsource: %u pages granted to domain %u, port %u\n", G_PAGES, peer, port);
    gk_events_disable();
    while (!word)
        gk_block();
    gk_shutdown(SHUTDOWN_poweroff);
}

/* n copies of `pages` 4 KiB grant copies in one hypercall: ns per batch. */
static uint64_t time_copies(domid_t peer, unsigned int pages, unsigned long n)
{
    uint64_t t0;

    for (unsigned int p = 0; p < pages; p++)
        ops[p] = (struct gnttab_copy){
            .source = {.u.ref = FIRST_REF + p, .domid = peer},
            .dest = {.u.gmfn = gk_virt_to_mfn(dst[p]), .domid = DOMID_SELF},
            .len = GK_PAGE_SIZE,
            .flags = GNTCOPY_source_gref,
        };
    t0 = gk_now_ns();
    for (unsigned long i = 0; i < n; i++)
        if (HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, pages) || ops[0].status)
            gk_panic("gbench: grant copy failed (status %d)", ops[0].status);
    return (gk_now_ns() - t0) / n;
}

static uint64_t time_memcpy(unsigned int pages, unsigned long n)
{
    uint64_t t0 = gk_now_ns();

    for (unsigned long i = 0; i < n; i++) {
        for (unsigned int p = 0; p < pages; p++)
            memcpy(dst[p], src[p], GK_PAGE_SIZE);
        __asm__ __volatile__("" ::: "memory");
    }
    return (gk_now_ns() - t0) / n;
}

/* GiB/s * 1000 for bytes moved in ns. */
static uint64_t gibps_milli(uint64_t bytes, uint64_t ns)
{
    return ns ? bytes * 1000000000ULL / ns * 1000 / (1ULL << 30) : 0;
}

static void copy_figure(const char *id, domid_t peer, unsigned int pages, unsigned long n)
{
    uint64_t g = time_copies(peer, pages, n), m = time_memcpy(pages, n);
    uint64_t gm = gibps_milli((uint64_t)pages * GK_PAGE_SIZE, g);
    uint64_t mm = gibps_milli((uint64_t)pages * GK_PAGE_SIZE, m);
    char compare[96];

    gk_snprintf(compare, sizeof(compare), "memcpy in the guest %lu.%03lu GiB/s, ratio %lu.%03lu",
                (unsigned long)(mm / 1000), (unsigned long)(mm % 1000),
                (unsigned long)(mm ? gm / mm : 0), (unsigned long)(mm ? gm * 1000 / mm % 1000 : 0));
    print_milli(id, gm, "GiB/s", n, compare);
}

static void map_figure(domid_t peer, unsigned long n)
{
    struct gnttab_map_grant_ref map = {.host_addr = (unsigned long)window,
                                       .flags = GNTMAP_host_map,
                                       .ref = FIRST_REF,
                                       .dom = peer};
    struct gnttab_unmap_grant_ref unmap = {.host_addr = (unsigned long)window};
    uint64_t t0 = gk_now_ns();

    for (unsigned long i = 0; i < n; i++) {
        if (HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1) || map.status)
            gk_panic("gbench: map failed (status %d)", map.status);
        unmap.handle = map.handle;
        if (HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1) || unmap.status)
            gk_panic("gbench: unmap failed (status %d)", unmap.status);
    }
    print_milli("grant_map_unmap", (gk_now_ns() - t0) / n, "us", n,
                "one page mapped and unmapped, one hypercall each");
    HYPERVISOR_update_va_mapping((unsigned long)window, gk_virt_to_machine(window) | PTE_P | PTE_RW,
                                 UVMF_INVLPG);
}

void role_gbench(void)
{
    domid_t peer = (domid_t)arg_value("peer", 1);
    unsigned long n = arg_value("n", 2000);
    evtchn_port_t port;
    long rc;

    while ((rc = gk_evtchn_bind_interdomain(peer, 1, &port)) == -XEN_EINVAL)
        gk_yield();
    if (rc)
        gk_panic("gbench: cannot bind domain %u's port (%ld)", peer, rc);
    /* Until the grants are there (gsource may not have run yet). */
    for (;;) {
        ops[0] = (struct gnttab_copy){
            .source = {.u.ref = FIRST_REF + G_PAGES - 1, .domid = peer},
            .dest = {.u.gmfn = gk_virt_to_mfn(dst[0]), .domid = DOMID_SELF},
            .len = GK_PAGE_SIZE,
            .flags = GNTCOPY_source_gref,
        };
        if (!HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, 1) && ops[0].status == GNTST_okay)
            break;
        gk_yield();
    }
    time_copies(peer, G_PAGES, 10); /* warm up */
    copy_figure("grant_copy_4k", peer, 1, n);
    copy_figure("grant_copy_64k", peer, G_PAGES, n / 4 ? n / 4 : 1);
    map_figure(peer, n);
    gk_evtchn_send(port);
    gk_shutdown(SHUTDOWN_poweroff);
}
