/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile role: an unprivileged domain that spends a bounded number
 * of hypercalls (iterations=N, reproducible from seed=S) attacking the
 * hypervisor and the victim domain (victim=D): random hypercall numbers
 * and arguments, pointers into the hypervisor and into nothing, frames
 * that belong to others, page-table games, grant, event-channel, timer,
 * vCPU and memory abuse.  Results are not trusted, only counted; the
 * attacks that must be refused and would do harm if they were not are
 * checked, and an accepted one prints "hostile: BUG ...".
 *
 * It leaves alone what would only hurt itself in ways a guest is allowed
 * to (iret, new callbacks or stacks, taking its own vCPU down, a
 * watchdog, giving its own frames away), so that it lives to make every
 * call; being crashed by the hypervisor is an allowed outcome too.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "multi.h"

#define PTE_P  0x001UL
#define PTE_RW 0x002UL

enum {
    CAT_RANDOM,
    CAT_MMU,
    CAT_GNTTAB,
    CAT_EVTCHN,
    CAT_TIMER,
    CAT_VCPU,
    CAT_MEMORY,
    CAT_MULTI,
    CAT_MAX
};
static unsigned long calls[CAT_MAX];
static unsigned long bugs;

/*
 * Scribbled over freely: the hypervisor may write here, so may we.  A
 * pointer into scratch may be handed to a call that writes a lot past it
 * (a frame list, a version string, a batch's results): the slack pages
 * after the four that are handed out take that, not our own variables.
 */
#define SCRATCH_SLACK 12
static uint8_t scratch[4 + SCRATCH_SLACK][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
/* The page the page-table games type, map and pin. */
static uint8_t pt_page[2][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);

static uint64_t rng;
/* pt_page[1] could not be made writable again: the games that write it stop. */
static bool pt_stuck;
static domid_t victim;
static xen_pfn_t max_mfn;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

/*
 * Our frames as the domain started, sorted: not the M2P, which our own
 * random requests may rewrite for our frames (a guest may do that).
 */
static xen_pfn_t own[8192];
static unsigned long nr_own;

static void own_init(void)
{
    nr_own = gk_nr_pages() < GK_ARRAY_SIZE(own) ? gk_nr_pages() : GK_ARRAY_SIZE(own);
    for (unsigned long i = 0; i < nr_own; i++) {
        xen_pfn_t m = gk_pfn_to_mfn(i);
        unsigned long j = i;

        for (; j && own[j - 1] > m; j--) /* insertion: the p2m is mostly ascending */
            own[j] = own[j - 1];
        own[j] = m;
    }
}

static bool ours(xen_pfn_t mfn)
{
    unsigned long lo = 0, hi = nr_own;

    if (mfn == gk_start_info->shared_info >> GK_PAGE_SHIFT)
        return true;
    while (lo < hi) {
        unsigned long mid = (lo + hi) / 2;

        if (own[mid] == mfn)
            return true;
        if (own[mid] < mfn)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/*
 * Is mfn one of the frames of our own grant table?  The hypervisor lends
 * them to us (setup_table may have grown the table): ours to map.
 */
static bool lent(xen_pfn_t mfn)
{
    xen_pfn_t frames[64];
    struct gnttab_query_size q = {.dom = DOMID_SELF};
    struct gnttab_setup_table st = {.dom = DOMID_SELF};

    if (HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1) || q.status)
        return false;
    st.nr_frames = q.nr_frames < 64 ? q.nr_frames : 64;
    set_xen_guest_handle(st.frame_list, frames);
    if (HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1) || st.status)
        return false;
    for (uint32_t i = 0; i < st.nr_frames; i++)
        if (frames[i] == mfn)
            return true;
    return false;
}

/* A machine frame that exists and is not ours: the victim's, dom0's, the hypervisor's. */
static xen_pfn_t foreign_mfn(void)
{
    for (;;) {
        xen_pfn_t mfn = 1 + below(max_mfn); /* 0 means "none" to some ops */

        if (!ours(mfn))
            return mfn;
    }
}

/* An address that is none of ours: the hypervisor, nothing, non-canonical. */
static uint64_t far_ptr(void)
{
    static const uint64_t bases[] = {
        0x0,
        0x1000,
        0x00007ffffffff000ULL,
        0x0000800000000000ULL, /* non-canonical */
        0xffff800000000000ULL, /* the M2P, read-only for guests */
        0xffff82d080200000ULL, /* the hypervisor's image */
        0xffff830000000000ULL, /* its direct map */
        0xfffffffffffff000ULL,
    };

    return below(3) ? bases[below(GK_ARRAY_SIZE(bases))] + below(0x100000) : rnd();
}

/* Any pointer a guest could pass: none of ours, or into scratch. */
static uint64_t hostile_ptr(void)
{
    return below(4) ? far_ptr() : (uint64_t)&scratch[below(4)][below(GK_PAGE_SIZE)];
}

static uint64_t hostile_value(void)
{
    switch (below(8)) {
    case 0: return below(16);
    case 1: return ~0ULL - below(4);
    case 2: return 0x7fffffffULL + below(4);
    case 3: return foreign_mfn();
    case 4: return victim;
    case 5: return hostile_ptr();
    case 6: return (uint32_t)rnd();
    default: return rnd();
    }
}

static void fill_scratch(unsigned int page)
{
    uint64_t *w = (uint64_t *)scratch[page];

    for (unsigned int i = 0; i < GK_PAGE_SIZE / 8; i++)
        w[i] = hostile_value();
}

/* An attack that must be refused: report it if it was not. */
static void must_fail(long rc, const char *what)
{
    if (rc >= 0) {
        bugs++;
        gk_printf("hostile: BUG accepted %s (rc %ld)\n", what, rc);
    }
}

/*
 * Hypercalls a random number may pick.  Left out: those that would only
 * hurt this domain (set_trap_table, stack_switch, set_callbacks,
 * fpu_taskswitch, set_debugreg, iret, vcpu_op, set_segment_base,
 * callback_op, sched_op and its old number 6, nmi_op) and the
 * page-table ones, which the structured attacks drive.
 */
static const unsigned int random_ops[] = {
    2,  18, 7,  9,  11, 15, 16, 17, 19, 21, 22, 27, 31, 32, 33, 34, 35, 36, 37,
    38, 39, 40, 41, 42, 43, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 63, 64, 1000,
};

static long random_call(unsigned int nr)
{
    fill_scratch(below(4));
    return gk_hypercall(nr, hostile_value(), hostile_value(), hostile_value(), hostile_value(),
                        hostile_value());
}

static void attack_random(void)
{
    unsigned int nr = random_ops[below(GK_ARRAY_SIZE(random_ops))];

    if (nr == 2) /* set_gdt: frames from scratch, never ours */
        gk_hypercall(nr, hostile_ptr(), below(8192), 0, 0, 0);
    else if (nr == 18) /* console_io: nothing of ours to print */
        gk_hypercall(nr, below(4), hostile_value(), far_ptr(), 0, 0);
    else if (nr == 32 || nr == 33 || nr == 34) /* a sub-op of a small number */
        gk_hypercall(nr, below(20), (fill_scratch(0), (uint64_t)scratch[0]), 0, 0, 0);
    else
        random_call(nr);
}

static uint64_t pte_of(const void *va)
{
    unsigned int level;
    const uint64_t *e = gk_pt_walk(gk_boot_l4(), (unsigned long)va, &level);

    return e && level == 1 ? gk_virt_to_machine(e) : 0;
}

static long restore_mapping(void *va)
{
    return HYPERVISOR_update_va_mapping((unsigned long)va, gk_virt_to_machine(va) | PTE_P | PTE_RW,
                                        UVMF_INVLPG);
}

/* pt_page[1] read-only again after a game, and writable again after. */
static void pt_readonly(void)
{
    HYPERVISOR_update_va_mapping((unsigned long)pt_page[1], gk_virt_to_machine(pt_page[1]) | PTE_P,
                                 UVMF_INVLPG);
}

static void pt_writable(void)
{
    if (restore_mapping(pt_page[1])) {
        pt_stuck = true;
        gk_printf("hostile: the game page stays read-only; its games stop\n");
    }
}

/* Page-table games: every one of these must be refused. */
static void attack_mmu(void)
{
    xen_pfn_t l4 = gk_virt_to_mfn(gk_boot_l4());
    void *s = scratch[3];
    mmu_update_t u;
    mmuext_op_t op = {0};
    unsigned int done;
    xen_pfn_t mfn;
    long rc;

    switch (below(10)) {
    case 0: /* our own L4, mapped writable */
        must_fail(HYPERVISOR_update_va_mapping((unsigned long)s, (l4 << 12) | PTE_P | PTE_RW,
                                               UVMF_INVLPG),
                  "a writable mapping of the L4");
        restore_mapping(s);
        break;
    case 1: /* the same through mmu_update on the L1 entry */
        u = (mmu_update_t){.ptr = pte_of(s) | MMU_NORMAL_PT_UPDATE,
                           .val = (l4 << 12) | PTE_P | PTE_RW};
        if (u.ptr > 1)
            must_fail(HYPERVISOR_mmu_update(&u, 1, &done, DOMID_SELF),
                      "mmu_update mapping the L4 writable");
        restore_mapping(s);
        break;
    case 2: /* a frame of someone else's */
        mfn = foreign_mfn();
        rc = HYPERVISOR_update_va_mapping(
            (unsigned long)s, (mfn << 12) | PTE_P | (below(2) ? PTE_RW : 0), UVMF_INVLPG);
        must_fail(rc || lent(mfn) ? -1 : 0, "a mapping of a foreign frame");
        restore_mapping(s);
        break;
    case 3: /* a page mapped writable, pinned as a page table of any level */
        memset(pt_page[0], 0, GK_PAGE_SIZE);
        op.cmd = MMUEXT_PIN_L1_TABLE + below(4);
        op.arg1.mfn = gk_virt_to_mfn(pt_page[0]);
        must_fail(HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF), "pinning a writable page");
        break;
    case 4: /* a table full of others' frames, read-only, pinned */
        if (pt_stuck)
            break;
        for (unsigned int i = 0; i < GK_PT_ENTRIES; i++)
            ((uint64_t *)pt_page[1])[i] = (foreign_mfn() << 12) | PTE_P | (below(2) ? PTE_RW : 0);
        pt_readonly();
        op.cmd = MMUEXT_PIN_L1_TABLE + below(4);
        op.arg1.mfn = gk_virt_to_mfn(pt_page[1]);
        must_fail(HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF),
                  "pinning a table of foreign frames");
        pt_writable();
        break;
    case 5: /* a recursive table: its entries point at itself, pinned at any level */
        if (pt_stuck)
            break;
        for (unsigned int i = 0; i < GK_PT_ENTRIES; i++)
            ((uint64_t *)pt_page[1])[i] =
                gk_virt_to_machine(pt_page[1]) | PTE_P | (i & 1 ? PTE_RW : 0);
        pt_readonly();
        op.cmd = MMUEXT_PIN_L1_TABLE + below(4);
        op.arg1.mfn = gk_virt_to_mfn(pt_page[1]);
        if (HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF) == 0) {
            op.cmd = MMUEXT_UNPIN_TABLE;
            HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF);
        }
        pt_writable();
        break;
    case 6: /* a data page or a foreign frame as the new base */
        op.cmd = below(2) ? MMUEXT_NEW_BASEPTR : MMUEXT_NEW_USER_BASEPTR;
        op.arg1.mfn = below(2) ? gk_virt_to_mfn(s) : foreign_mfn();
        must_fail(HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF), "a data page as a base table");
        break;
    case 7: /* others' frames cleared, copied, pinned, unpinned */
        op.cmd = (unsigned int[]){MMUEXT_CLEAR_PAGE, MMUEXT_COPY_PAGE, MMUEXT_UNPIN_TABLE,
                                  MMUEXT_PIN_L4_TABLE, MMUEXT_MARK_SUPER}[below(5)];
        op.arg1.mfn = foreign_mfn();
        op.arg2.src_mfn = foreign_mfn();
        rc = HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF);
        /* Our own grant frames are ours to clear or copy. */
        if (lent(op.arg1.mfn) && (op.cmd != MMUEXT_COPY_PAGE || lent(op.arg2.src_mfn)))
            rc = -1;
        must_fail(rc, "an mmuext op on a foreign frame");
        break;
    case 8: /*
             * Page-table updates in another domain's frames.  Not M2P
             * updates: frames the hypervisor lent us (shared_info, grant
             * frames) are ours to update and not in our p2m; and a plain
             * write into a grant frame of ours is ours to make.
             */
        u = (mmu_update_t){.ptr = (foreign_mfn() << 12) | below(4) * 8 |
                                  (below(2) ? MMU_NORMAL_PT_UPDATE : MMU_PT_UPDATE_PRESERVE_AD),
                           .val = hostile_value()};
        if (HYPERVISOR_mmu_update(&u, 1, &done, below(2) ? victim : DOMID_SELF) >= 0 &&
            !lent(u.ptr >> 12)) {
            bugs++;
            gk_printf("hostile: BUG accepted mmu_update on a foreign frame (ptr %#lx, val %#lx)\n",
                      (unsigned long)u.ptr, (unsigned long)u.val);
        }
        break;
    default: /* random requests, many at once, for any domain */
        fill_scratch(2);
        HYPERVISOR_mmu_update((mmu_update_t *)scratch[2], (unsigned int)below(300),
                              below(2) ? (unsigned int *)scratch[1] : (unsigned int *)hostile_ptr(),
                              (domid_t)hostile_value());
        fill_scratch(2);
        HYPERVISOR_mmuext_op((mmuext_op_t *)scratch[2], (unsigned int)below(100),
                             (unsigned int *)hostile_ptr(), (domid_t)hostile_value());
        break;
    }
}

static void attack_gnttab(void)
{
    struct gnttab_map_grant_ref map = {
        .host_addr = below(2) ? (uint64_t)scratch[3] : hostile_ptr(),
        .flags = (uint32_t)(GNTMAP_host_map | (below(2) ? GNTMAP_readonly : 0) |
                            (below(4) ? 0 : (uint32_t)rnd())),
        .ref = (grant_ref_t)(below(2) ? below(16) : rnd()),
        .dom = below(2) ? victim : (domid_t)hostile_value(),
    };
    struct gnttab_unmap_grant_ref unmap = {.host_addr = hostile_ptr(),
                                           .handle = (uint32_t)below(64)};
    struct gnttab_copy copy = {
        .source = {.u.ref = (grant_ref_t)below(16), .domid = victim, .offset = (uint16_t)rnd()},
        .dest = {.u.gmfn = foreign_mfn(), .domid = DOMID_SELF, .offset = (uint16_t)below(4096)},
        .len = (uint16_t)rnd(),
        .flags = (uint16_t)(below(2) ? GNTCOPY_source_gref : rnd()),
    };
    struct gnttab_setup_table st = {.dom = below(2) ? victim : DOMID_SELF,
                                    .nr_frames = (uint32_t)hostile_value()};

    switch (below(6)) {
    case 0:
        map.flags &= ~(uint32_t)GNTMAP_contains_pte;
        HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
        if (map.status == GNTST_okay && map.dom == victim)
            must_fail(0, "a map of the victim's grant not given to us");
        if (map.status == GNTST_okay) { /* our own grants are ours to map; undo */
            unmap =
                (struct gnttab_unmap_grant_ref){.host_addr = map.host_addr, .handle = map.handle};
            HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
        }
        restore_mapping(scratch[3]);
        break;
    case 1: /* unmaps of handles we never had, twice */
        HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
        HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
        restore_mapping(scratch[3]);
        break;
    case 2: /* copies into others' frames, from grants not ours */
        if (below(2))
            copy.dest = (struct gnttab_copy_ptr){.u.gmfn = foreign_mfn(), .domid = victim};
        HYPERVISOR_grant_table_op(GNTTABOP_copy, &copy, 1);
        if (copy.status == GNTST_okay && copy.source.domid == victim)
            must_fail(0, "a copy from the victim's grant not given to us");
        break;
    case 3:
        set_xen_guest_handle(st.frame_list, (xen_pfn_t *)hostile_ptr());
        HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
        break;
    case 4: /*
             * Any op, any count.  A huge batch in our own memory would
             * have its results written over all of it, which a guest may
             * do to itself: huge counts only with buffers not ours.
             */
        fill_scratch(1);
        if (below(2))
            HYPERVISOR_grant_table_op((unsigned int)below(16), scratch[1], (unsigned int)below(64));
        else
            HYPERVISOR_grant_table_op((unsigned int)below(16), (void *)far_ptr(),
                                      (unsigned int)hostile_value());
        break;
    default:
        fill_scratch(1);
        HYPERVISOR_grant_table_op((unsigned int)below(16), scratch[1], (unsigned int)below(8));
        break;
    }
}

static void attack_evtchn(void)
{
    union {
        struct evtchn_close close;
        struct evtchn_send send;
        struct evtchn_bind_interdomain bind;
        struct evtchn_bind_virq virq;
        struct evtchn_alloc_unbound alloc;
        struct evtchn_status status;
        struct evtchn_reset reset;
        uint8_t raw[64];
    } u;
    evtchn_port_t port = (evtchn_port_t)(below(2) ? below(64) : rnd());

    memset(&u, 0, sizeof(u));
    switch (below(7)) {
    case 0:
        u.close.port = port;
        HYPERVISOR_event_channel_op(EVTCHNOP_close, &u);
        break;
    case 1:
        u.send.port = port;
        HYPERVISOR_event_channel_op(EVTCHNOP_send, &u);
        break;
    case 2: /* none of the victim's ports is open to us (port 1 is dom0's) */
        u.bind = (struct evtchn_bind_interdomain){.remote_dom = victim,
                                                  .remote_port = (evtchn_port_t)below(8)};
        must_fail(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &u),
                  "binding a port of the victim's");
        break;
    case 3:
        u.virq = (struct evtchn_bind_virq){.virq = (uint32_t)below(40),
                                           .vcpu = (uint32_t)hostile_value()};
        HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &u);
        break;
    case 4: /* ports of the victim's, made or read by us */
        u.alloc = (struct evtchn_alloc_unbound){.dom = victim, .remote_dom = DOMID_SELF};
        must_fail(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &u),
                  "a port allocated in the victim");
        u.status = (struct evtchn_status){.dom = victim, .port = 1};
        must_fail(HYPERVISOR_event_channel_op(EVTCHNOP_status, &u), "the victim's port status");
        u.reset = (struct evtchn_reset){.dom = victim};
        must_fail(HYPERVISOR_event_channel_op(EVTCHNOP_reset, &u), "a reset of the victim's ports");
        break;
    default:
        for (unsigned int i = 0; i < sizeof(u.raw); i++)
            u.raw[i] = (uint8_t)rnd();
        HYPERVISOR_event_channel_op((int)below(20), below(4) ? (void *)&u : (void *)hostile_ptr());
        break;
    }
}

static void attack_timer(void)
{
    struct vcpu_set_singleshot_timer single = {.timeout_abs_ns = hostile_value(),
                                               .flags = (uint32_t)below(4)};
    struct vcpu_set_periodic_timer periodic = {.period_ns = below(2) ? below(2000000) : rnd()};

    switch (below(4)) {
    case 0: HYPERVISOR_set_timer_op(below(2) ? gk_now_ns() + below(1000) : hostile_value()); break;
    case 1: HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, (unsigned int)below(3), &single); break;
    case 2: /* a storm: the shortest periods the hypervisor will take */
        HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &periodic);
        break;
    default: HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL); break;
    }
}

/* vCPUs that do not exist, and areas the hypervisor would write to. */
static void attack_vcpu(void)
{
    unsigned int vcpu = (unsigned int)(below(2) ? 1 + below(64) : hostile_value());
    struct vcpu_register_runstate_memory_area area;
    struct vcpu_register_vcpu_info info = {.mfn = foreign_mfn(), .offset = (uint32_t)below(4096)};

    fill_scratch(0);
    switch (below(4)) {
    case 0:
        if (vcpu)
            HYPERVISOR_vcpu_op((int)below(16), vcpu, below(2) ? scratch[0] : (void *)hostile_ptr());
        break;
    case 1: /* the runstate area written on every switch: into the hypervisor */
        area.addr.v = (void *)hostile_ptr();
        HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area);
        break;
    case 2:
        /* Not one of our grant frames: that one would be ours to use. */
        if (!lent(info.mfn))
            must_fail(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, (unsigned int)below(2), &info),
                      "a vcpu_info in a foreign frame");
        break;
    default: HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, (void *)hostile_ptr()); break;
    }
}

static void attack_memory(void)
{
    struct xen_memory_reservation r = {
        .nr_extents = hostile_value(),
        .extent_order = (unsigned int)below(2) ? (unsigned int)below(20) : (unsigned int)rnd(),
        .domid = below(2) ? victim : DOMID_SELF,
    };
    xen_pfn_t *list = (xen_pfn_t *)scratch[2];
    domid_t dom = victim;

    switch (below(4)) {
    case 0: /* giving back frames that are not ours */
        for (unsigned int i = 0; i < 16; i++)
            list[i] = foreign_mfn();
        r.nr_extents = 1 + below(16);
        r.extent_order = 0;
        set_xen_guest_handle(r.extent_start, list);
        HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r);
        break;
    case 1: /* huge or bad requests */
        set_xen_guest_handle(r.extent_start, (xen_pfn_t *)hostile_ptr());
        HYPERVISOR_memory_op(
            (unsigned int)(below(2) ? XENMEM_increase_reservation : XENMEM_populate_physmap), &r);
        break;
    case 2:
        must_fail(HYPERVISOR_memory_op(XENMEM_current_reservation, &dom),
                  "reading the victim's reservation");
        break;
    default:
        fill_scratch(1);
        HYPERVISOR_memory_op((unsigned int)below(30),
                             below(2) ? scratch[1] : (void *)hostile_ptr());
        break;
    }
}

/* A batch of random calls, one of them a multicall of the batch itself. */
static void attack_multicall(void)
{
    multicall_entry_t *m = (multicall_entry_t *)scratch[0];
    unsigned int n = 1 + (unsigned int)below(16);

    fill_scratch(1);
    for (unsigned int i = 0; i < n; i++) {
        m[i].op = random_ops[below(GK_ARRAY_SIZE(random_ops))];
        for (unsigned int a = 0; a < 6; a++)
            m[i].args[a] = hostile_value();
        if (m[i].op == 18) /* console_io with our scratch would print it */
            m[i].op = 17;
    }
    if (below(4) == 0) {
        m[0].op = __HYPERVISOR_multicall;
        m[0].args[0] = (uint64_t)m;
        m[0].args[1] = n;
    }
    if (below(8))
        HYPERVISOR_multicall(m, n);
    else /* results are written back: a huge batch only where nothing of ours is */
        HYPERVISOR_multicall((multicall_entry_t *)far_ptr(), (unsigned int)hostile_value());
}

static void (*const attacks[CAT_MAX])(void) = {
    attack_random, attack_mmu,  attack_gnttab, attack_evtchn,
    attack_timer,  attack_vcpu, attack_memory, attack_multicall,
};

void role_hostile(void)
{
    unsigned long seed = arg_value("seed", 1), n = arg_value("iterations", 100000), done = 0;

    victim = (domid_t)arg_value("victim", 2);
    rng = seed * 0x9e3779b97f4a7c15ULL + 1;
    max_mfn = (xen_pfn_t)HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);
    own_init();
    gk_printf("hostile: seed=%lu iterations=%lu victim=%u max_mfn=%#lx\n", seed, n, victim,
              (unsigned long)max_mfn);
    for (; done < n; done++) {
        unsigned int cat = (unsigned int)below(CAT_MAX);

        attacks[cat]();
        calls[cat]++;
        if ((done + 1) % 10000 == 0 && done + 1 < n)
            gk_printf("hostile: %lu calls so far\n", done + 1);
    }
    gk_printf("hostile: %lu calls done (random %lu, mmu %lu, grant %lu, evtchn %lu, timer %lu, "
              "vcpu %lu, memory %lu, multicall %lu), %lu accepted that must not be\n",
              done, calls[CAT_RANDOM], calls[CAT_MMU], calls[CAT_GNTTAB], calls[CAT_EVTCHN],
              calls[CAT_TIMER], calls[CAT_VCPU], calls[CAT_MEMORY], calls[CAT_MULTI], bugs);
    gk_shutdown(SHUTDOWN_poweroff);
}
