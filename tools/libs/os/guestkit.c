/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack's OS back-end on guestkit (the control domain's kernel):
 * hypercalls, hypercall memory, foreign and grant mappings, and event
 * channels.  The pollers, time, console and files half is guestkit's own.
 *
 * Foreign frames are mapped into a window: the top 1 GiB of the address
 * space (L4 slot 511, L3 slot 511; guestkit's image and heap live in the
 * GiB below).  Its L2 and L1 tables are frames taken from the heap on first
 * use and kept; each is zeroed, made read-only in the heap's mapping (the
 * hypervisor refuses a table that is still writable somewhere) and then
 * hooked in with mmu_update.  Slots are handed out first-fit from a bitmap.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/pv.h>
#include <guestkit/time.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/xen.h>
#include <xenia-os.h>

#define WIN_BASE     0xffffffffc0000000UL
#define WIN_PAGES    (1UL << 18) /* 1 GiB */
#define WIN_L1S      (WIN_PAGES / GK_PT_ENTRIES)
#define TABLE_FLAGS  (GK_PTE_PRESENT | GK_PTE_RW | GK_PTE_ACCESSED | GK_PTE_DIRTY | GK_PTE_USER)
#define DATA_FLAGS   (GK_PTE_PRESENT | GK_PTE_ACCESSED | GK_PTE_DIRTY)
#define UPDATE_BATCH 64

/* The window's tables, as machine frames (0: not yet made). */
static uint64_t win_l2_mfn;
static uint64_t win_l1_mfn[WIN_L1S];
static uint64_t win_used[WIN_PAGES / 64];

/* 2-level event channels: at most 64 * 64 ports. */
#define NR_PORTS 4096
static uint64_t fired[NR_PORTS / 64];

static struct os_hcall_stats hcall_stats;

/* EXPR (hypercall OP), counted and timed into hcall_stats. */
#define TIMED(op, expr)                         \
    ({                                          \
        uint64_t t0_ = gk_now_ns();             \
        long rc_ = (expr);                      \
        hcall_account((op), gk_now_ns() - t0_); \
        rc_;                                    \
    })

static void hcall_account(unsigned int op, uint64_t ns)
{
    hcall_stats.calls++;
    hcall_stats.ns += ns;
    hcall_stats.op_calls[op % OS_HCALL_OPS]++;
    hcall_stats.op_ns[op % OS_HCALL_OPS] += ns;
}

void os_hcall_stats(struct os_hcall_stats *s)
{
    *s = hcall_stats;
}

long os_hypercall(unsigned int op, unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    return TIMED(op, hypercall5(op, a1, a2, a3, a4, a5));
}

void *os_hcall_alloc(size_t bytes)
{
    return calloc(1, bytes ? bytes : 1);
}

void os_hcall_free(void *p, size_t bytes)
{
    free(p);
}

/*
 * A zeroed heap frame made fit to be a page table: its heap mapping is
 * turned read-only.  Never freed (the window keeps its tables).
 */
static uint64_t table_frame(void)
{
    uint8_t *mem = malloc(2 * GK_PAGE_SIZE);
    unsigned long va;
    uint64_t mfn;

    if (!mem)
        return 0;
    va = ((unsigned long)mem + GK_PAGE_SIZE - 1) & ~(GK_PAGE_SIZE - 1);
    memset((void *)va, 0, GK_PAGE_SIZE);
    /*
     * The frame from the initial mapping's own arithmetic, not a walk of
     * the page tables: the tables that map the top of the heap need not
     * be mapped themselves, and a walk there faulted (at the 258th guest).
     */
    mfn = gk_virt_to_mfn((void *)va);
    if (TIMED(__HYPERVISOR_update_va_mapping,
              HYPERVISOR_update_va_mapping(va, (mfn << GK_PAGE_SHIFT) | DATA_FLAGS, UVMF_INVLPG))) {
        free(mem);
        return 0;
    }
    return mfn;
}

/* Point the table entry at machine address `entry` to a new table frame. */
static uint64_t hook_table(uint64_t entry_maddr)
{
    uint64_t mfn = table_frame();
    mmu_update_t req = {.ptr = entry_maddr | MMU_NORMAL_PT_UPDATE};

    if (!mfn)
        return 0;
    req.val = (mfn << GK_PAGE_SHIFT) | TABLE_FLAGS;
    return TIMED(__HYPERVISOR_mmu_update, HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF)) ? 0
                                                                                            : mfn;
}

/* The L2 of the window, made on first use below guestkit's own L3. */
static bool win_l2(void)
{
    const uint64_t *l4 = gk_boot_l4(), *l3;
    uint64_t l4e = l4[gk_pt_index(WIN_BASE, 4)], l3e;

    if (win_l2_mfn)
        return true;
    if (!(l4e & GK_PTE_PRESENT) || !(l3 = gk_pte_table(l4e)))
        return false;
    l3e = l3[gk_pt_index(WIN_BASE, 3)];
    if (l3e & GK_PTE_PRESENT)
        return false; /* someone else's: leave it alone */
    win_l2_mfn = hook_table((gk_virt_to_mfn(l3) << GK_PAGE_SHIFT) + gk_pt_index(WIN_BASE, 3) * 8);
    return win_l2_mfn != 0;
}

static bool win_l1(unsigned long l1)
{
    if (!win_l1_mfn[l1] && win_l2())
        win_l1_mfn[l1] = hook_table((win_l2_mfn << GK_PAGE_SHIFT) + l1 * 8);
    return win_l1_mfn[l1] != 0;
}

static bool slot_used(unsigned long s)
{
    return win_used[s / 64] >> (s % 64) & 1;
}

static void slots_mark(unsigned long s, unsigned int n, bool used)
{
    for (unsigned long i = s; i < s + n; i++) {
        if (used)
            win_used[i / 64] |= 1UL << (i % 64);
        else
            win_used[i / 64] &= ~(1UL << (i % 64));
    }
}

/* n contiguous free slots whose L1 tables exist, or -1. */
static long slots_alloc(unsigned int n)
{
    unsigned long run = 0;

    if (!n || n > WIN_PAGES)
        return -1;
    for (unsigned long s = 0; s < WIN_PAGES; s++) {
        run = slot_used(s) ? 0 : run + 1;
        if (run == n) {
            unsigned long first = s + 1 - n;

            for (unsigned long l1 = first / GK_PT_ENTRIES; l1 <= s / GK_PT_ENTRIES; l1++)
                if (!win_l1(l1))
                    return -1;
            slots_mark(first, n, true);
            return (long)first;
        }
    }
    return -1;
}

static uint64_t slot_pte_maddr(unsigned long s)
{
    return (win_l1_mfn[s / GK_PT_ENTRIES] << GK_PAGE_SHIFT) + (s % GK_PT_ENTRIES) * 8;
}

static void *slot_va(unsigned long s)
{
    return (void *)(WIN_BASE + s * GK_PAGE_SIZE);
}

/* Map mfns[from..n) at slots first+from..; returns how many mapped. */
static unsigned int map_batch(uint16_t dom, const uint64_t *mfns, unsigned int n, bool writable,
                              int *err, unsigned long first)
{
    mmu_update_t req[UPDATE_BATCH];
    unsigned int mapped = 0;

    for (unsigned int i = 0; i < n;) {
        unsigned int count = n - i < UPDATE_BATCH ? n - i : UPDATE_BATCH, done = 0;
        long rc;

        for (unsigned int j = 0; j < count; j++) {
            req[j].ptr = slot_pte_maddr(first + i + j) | MMU_NORMAL_PT_UPDATE;
            req[j].val = (mfns[i + j] << GK_PAGE_SHIFT) | DATA_FLAGS | (writable ? GK_PTE_RW : 0);
        }
        rc = TIMED(__HYPERVISOR_mmu_update, HYPERVISOR_mmu_update(req, count, &done, dom));
        if (done > count)
            done = count;
        for (unsigned int j = 0; j < done; j++)
            err[i + j] = 0;
        mapped += done;
        i += done;
        if (done < count) {
            /* The request at `i` failed: record it and go on after it. */
            err[i++] = rc < 0 ? (int)rc : -EINVAL;
        }
    }
    return mapped;
}

void *os_map_foreign(uint16_t dom, const uint64_t *mfns, unsigned int n, bool writable, int *err)
{
    int *errs = err ? err : calloc(n ? n : 1, sizeof(*errs));
    long first = slots_alloc(n);
    unsigned int mapped = 0;

    if (errs && first >= 0)
        mapped = map_batch(dom, mfns, n, writable, errs, (unsigned long)first);
    if (errs != err)
        free(errs);
    if (first < 0)
        return NULL;
    if (!mapped) {
        slots_mark((unsigned long)first, n, false);
        return NULL;
    }
    return slot_va((unsigned long)first);
}

void os_unmap_foreign(void *addr, unsigned int n)
{
    unsigned long first = ((unsigned long)addr - WIN_BASE) / GK_PAGE_SIZE;

    if ((unsigned long)addr < WIN_BASE || first + n > WIN_PAGES)
        return;
    for (unsigned int i = 0; i < n; i++)
        TIMED(__HYPERVISOR_update_va_mapping,
              HYPERVISOR_update_va_mapping((unsigned long)slot_va(first + i), 0, UVMF_INVLPG));
    slots_mark(first, n, false);
}

void *os_map_grant(uint16_t dom, uint32_t ref, bool writable, uint32_t *handle, int *err)
{
    struct gnttab_map_grant_ref op = {
        .flags = GNTMAP_host_map | (writable ? 0 : GNTMAP_readonly),
        .ref = ref,
        .dom = dom,
    };
    long s = slots_alloc(1), rc;

    *err = -ENOMEM;
    if (s < 0)
        return NULL;
    op.host_addr = (unsigned long)slot_va((unsigned long)s);
    rc = TIMED(__HYPERVISOR_grant_table_op,
               HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1));
    if (rc || op.status != GNTST_okay) {
        slots_mark((unsigned long)s, 1, false);
        *err = rc                                     ? (int)rc
               : op.status == GNTST_permission_denied ? -EPERM
               : op.status == GNTST_no_device_space   ? -ENOMEM
                                                      : -EINVAL;
        return NULL;
    }
    *err = 0;
    *handle = op.handle;
    return slot_va((unsigned long)s);
}

int os_unmap_grant(void *addr, uint32_t handle)
{
    struct gnttab_unmap_grant_ref op = {.host_addr = (unsigned long)addr, .handle = handle};
    unsigned long s = ((unsigned long)addr - WIN_BASE) / GK_PAGE_SIZE;
    long rc;

    if ((unsigned long)addr < WIN_BASE || s >= WIN_PAGES)
        return -EINVAL;
    rc = TIMED(__HYPERVISOR_grant_table_op,
               HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1));
    if (rc || op.status != GNTST_okay)
        return rc ? (int)rc : -EINVAL;
    slots_mark(s, 1, false);
    return 0;
}

/* Runs in the upcall, events masked: only note that the port fired. */
static void port_fired(evtchn_port_t port, void *data)
{
    __atomic_fetch_or(&fired[port / 64], 1UL << (port % 64), __ATOMIC_SEQ_CST);
}

/* Give a new local port our handler, or close it again. */
static int track(long rc, evtchn_port_t port)
{
    if (rc)
        return (int)rc;
    if (port >= NR_PORTS || !gk_evtchn_bind(port, port_fired, NULL)) {
        gk_evtchn_close(port);
        return -ENOSPC;
    }
    return (int)port;
}

int os_evtchn_bind_interdomain(uint16_t remote_dom, uint32_t remote_port)
{
    evtchn_port_t port = 0;
    long rc = TIMED(__HYPERVISOR_event_channel_op,
                    gk_evtchn_bind_interdomain(remote_dom, remote_port, &port));

    return track(rc, port);
}

int os_evtchn_bind_virq(unsigned int virq)
{
    evtchn_port_t port = 0;
    long rc = TIMED(__HYPERVISOR_event_channel_op, gk_evtchn_bind_virq(virq, 0, &port));

    return track(rc, port);
}

int os_evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom)
{
    struct evtchn_alloc_unbound a = {.dom = dom, .remote_dom = remote_dom};
    long rc = TIMED(__HYPERVISOR_event_channel_op,
                    HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a));

    /* A port made in another domain is not ours to watch. */
    if (dom != DOMID_SELF)
        return rc ? (int)rc : (int)a.port;
    return track(rc, a.port);
}

int os_evtchn_notify(uint32_t port)
{
    return (int)TIMED(__HYPERVISOR_event_channel_op, gk_evtchn_send(port));
}

int os_evtchn_close(uint32_t port)
{
    gk_evtchn_bind(port, NULL, NULL);
    if (port < NR_PORTS)
        __atomic_fetch_and(&fired[port / 64], ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
    return (int)TIMED(__HYPERVISOR_event_channel_op, gk_evtchn_close(port));
}

bool os_evtchn_test_and_clear(uint32_t port)
{
    uint64_t bit = 1UL << (port % 64);

    if (port >= NR_PORTS)
        return false;
    return __atomic_fetch_and(&fired[port / 64], ~bit, __ATOMIC_SEQ_CST) & bit;
}
