/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grants between two domains.  The granter grants the mapper a 1 MiB
 * buffer (refs 8..263, filled with a pattern), a page to write (ref 264)
 * and a page to keep (ref 265), allocates port 1 for the mapper and waits.
 * The mapper then, each step ending with an event to the granter:
 *   1. maps ref 264, writes a message through the mapping, unmaps;
 *   2. copies the buffer 64 times (64 MiB) with GNTTABOP_copy batches,
 *      hashing what arrives, timing it;
 *   3. maps ref 265 and keeps it.
 * The granter checks the message, hashes its buffer the same way, tries
 * to revoke ref 265 (refused: it is mapped) and powers off while mapped.
 * The mapper waits for it to be gone, reads and writes the page still,
 * and unmaps: only then do the granter's last frames go back.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/sched.h>

#include "multi.h"

#define PTE_P       0x001UL
#define PTE_RW      0x002UL
#define BUF_PAGES   256
#define ROUNDS      64
#define FIRST_REF   8
#define REF_WRITE   (FIRST_REF + BUF_PAGES)
#define REF_KEEP    (REF_WRITE + 1)
#define MESSAGE     "written by the mapper through a grant mapping"
#define KEEP_MARKER "the granter's page, kept by the mapper"
#define FNV_OFFSET  0xcbf29ce484222325UL
#define FNV_PRIME   0x100000001b3UL

static uint8_t buf[BUF_PAGES][GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t write_page[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t keep_page[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t table_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t window[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static struct gnttab_copy ops[BUF_PAGES];

static void on_event(evtchn_port_t port, void *data)
{
}

/*
 * Sleep until cond(e) holds; each event from the peer wakes us to look.
 * Several events may fold into one, so the state is read, never counted.
 */
static void wait_until(bool (*cond)(const grant_entry_v1_t *e), const grant_entry_v1_t *e)
{
    gk_events_disable();
    while (!cond(e))
        gk_block();
    gk_events_enable();
}

static uint16_t entry_flags(const grant_entry_v1_t *e, grant_ref_t ref)
{
    return __atomic_load_n(&e[ref].flags, __ATOMIC_ACQUIRE);
}

/* Step 1 is over: the message is there and the mapping is gone. */
static bool message_written(const grant_entry_v1_t *e)
{
    return !memcmp((const void *)(volatile void *)write_page, MESSAGE, sizeof(MESSAGE)) &&
           !(entry_flags(e, REF_WRITE) & (GTF_reading | GTF_writing));
}

/* Step 3: the hypervisor marked the kept page mapped. */
static bool keep_mapped(const grant_entry_v1_t *e)
{
    return entry_flags(e, REF_KEEP) & GTF_reading;
}

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

static void restore(void *va)
{
    HYPERVISOR_update_va_mapping((unsigned long)va, gk_virt_to_machine(va) | PTE_P | PTE_RW,
                                 UVMF_INVLPG);
}

/* The domain's grant entries, through frame 0 of its table mapped at va. */
grant_entry_v1_t *grant_table_map(void *va)
{
    xen_pfn_t frame = 0;
    struct gnttab_setup_table st = {.dom = DOMID_SELF, .nr_frames = 1};

    set_xen_guest_handle(st.frame_list, &frame);
    if (HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1) || st.status ||
        HYPERVISOR_update_va_mapping((unsigned long)va, (frame << 12) | PTE_P | PTE_RW,
                                     UVMF_INVLPG))
        gk_panic("grant: cannot map the grant table (status %d)", st.status);
    return (grant_entry_v1_t *)va;
}

void grant_give(grant_entry_v1_t *e, domid_t to, const void *page)
{
    e->domid = to;
    e->frame = (uint32_t)gk_virt_to_mfn(page);
    __atomic_store_n(&e->flags, GTF_permit_access, __ATOMIC_RELEASE);
}

static long map(grant_ref_t ref, domid_t dom, grant_handle_t *handle)
{
    struct gnttab_map_grant_ref op = {
        .host_addr = (unsigned long)window, .flags = GNTMAP_host_map, .ref = ref, .dom = dom};
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);

    *handle = op.handle;
    return rc ? rc : op.status;
}

static long unmap(grant_handle_t handle)
{
    struct gnttab_unmap_grant_ref op = {.host_addr = (unsigned long)window, .handle = handle};
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

    if (!rc && !op.status)
        restore(window);
    return rc ? rc : op.status;
}

void role_granter(void)
{
    domid_t peer = (domid_t)arg_value("peer", 2);
    grant_entry_v1_t *e = grant_table_map(table_va);
    uint64_t h = FNV_OFFSET;
    evtchn_port_t port;
    uint16_t flags;

    for (unsigned int p = 0; p < BUF_PAGES; p++) {
        for (unsigned int i = 0; i < GK_PAGE_SIZE; i++)
            buf[p][i] = (uint8_t)(p * 131 + i * 7 + (i >> 8));
        grant_give(&e[FIRST_REF + p], peer, buf[p]);
    }
    memcpy(keep_page, KEEP_MARKER, sizeof(KEEP_MARKER));
    grant_give(&e[REF_WRITE], peer, write_page);
    grant_give(&e[REF_KEEP], peer, keep_page);
    /* Before the port exists, so that the mapper cannot have printed yet. */
    gk_printf("granter: %u pages granted to domain %u\n", BUF_PAGES + 2, peer);
    if (gk_evtchn_alloc_unbound(peer, &port) || port != 1 || !gk_evtchn_bind(port, on_event, NULL))
        gk_panic("granter: cannot allocate port 1 for domain %u", peer);

    wait_until(message_written, e);
    gk_printf("granter: the mapper's write arrived, entry flags %#x after its unmap\n",
              entry_flags(e, REF_WRITE));

    for (unsigned int r = 0; r < ROUNDS; r++)
        h = fnv(h, &buf[0][0], sizeof(buf));
    gk_printf("granter: %u MiB sent, checksum %016lx\n", ROUNDS * BUF_PAGES / 256,
              (unsigned long)h);

    wait_until(keep_mapped, e);
    flags = entry_flags(e, REF_KEEP);
    if ((flags & (GTF_reading | GTF_writing)) ||
        !__atomic_compare_exchange_n(&e[REF_KEEP].flags, &flags, 0, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        gk_printf("granter: revoking the mapped ref %u refused (flags %#x); powering off\n",
                  REF_KEEP, flags);
    else
        gk_printf("granter: revoked the mapped ref %u\n", REF_KEEP);
    gk_shutdown(SHUTDOWN_poweroff);
}

/* Step 2: ROUNDS copies of the whole buffer, one batch of a page per op each. */
static uint64_t copy_rounds(domid_t peer, uint64_t *ns)
{
    uint64_t h = FNV_OFFSET, t0;
    long rc;

    *ns = 0;
    for (unsigned int r = 0; r < ROUNDS; r++) {
        for (unsigned int p = 0; p < BUF_PAGES; p++) {
            ops[p] = (struct gnttab_copy){.len = GK_PAGE_SIZE, .flags = GNTCOPY_source_gref};
            ops[p].source.u.ref = FIRST_REF + p;
            ops[p].source.domid = peer;
            ops[p].dest.u.gmfn = gk_virt_to_mfn(buf[p]);
            ops[p].dest.domid = DOMID_SELF;
        }
        memset(buf, 0, sizeof(buf));
        t0 = gk_now_ns();
        rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, BUF_PAGES);
        *ns += gk_now_ns() - t0;
        for (unsigned int p = 0; !rc && p < BUF_PAGES; p++)
            if (ops[p].status)
                gk_panic("mapper: copy of ref %u failed: status %d", FIRST_REF + p, ops[p].status);
        if (rc)
            gk_panic("mapper: grant copy failed: %ld", rc);
        h = fnv(h, &buf[0][0], sizeof(buf));
    }
    return h;
}

/* Step 3 and the end: hold a mapping while the granter goes away. */
static void outlive_granter(domid_t peer, evtchn_port_t port)
{
    struct gnttab_query_size qs = {.dom = peer};
    grant_handle_t handle;
    long rc = map(REF_KEEP, peer, &handle);

    if (rc)
        gk_panic("mapper: cannot map ref %u (%ld)", REF_KEEP, rc);
    gk_evtchn_send(port);
    /* Another domain's table is not ours to query, until that domain is gone. */
    while (!HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1) &&
           qs.status == GNTST_permission_denied)
        gk_yield();
    /* "Gone" is seen as soon as its teardown starts; give the teardown
     * time to reach the frames, so that this page outlives it. */
    for (uint64_t end = gk_now_ns() + 300000000ULL; gk_now_ns() < end;)
        gk_yield();
    *(volatile uint8_t *)&window[GK_PAGE_SIZE - 1] = 0x77;
    gk_printf("mapper: domain %u is gone; its page %s\n", peer,
              memcmp((const void *)(volatile void *)window, KEEP_MARKER, sizeof(KEEP_MARKER))
                  ? "lost its data"
                  : "still reads its data");
    rc = unmap(handle);
    gk_printf("mapper: unmapped the dead granter's page: status %ld\n", rc);
}

void role_mapper(void)
{
    domid_t peer = (domid_t)arg_value("peer", 1);
    grant_handle_t handle;
    evtchn_port_t port;
    uint64_t ns, h;
    long rc;

    while ((rc = gk_evtchn_bind_interdomain(peer, 1, &port)) == -XEN_EINVAL)
        gk_yield();
    if (rc)
        gk_panic("mapper: cannot bind domain %u's port (%ld)", peer, rc);

    rc = map(REF_WRITE, peer, &handle);
    if (rc)
        gk_panic("mapper: cannot map ref %u (%ld)", REF_WRITE, rc);
    memcpy((void *)(volatile void *)window, MESSAGE, sizeof(MESSAGE));
    gk_printf("mapper: mapped ref %u, wrote %lu bytes, unmap status %ld\n", REF_WRITE,
              (unsigned long)sizeof(MESSAGE), unmap(handle));
    gk_evtchn_send(port);

    h = copy_rounds(peer, &ns);
    gk_printf("mapper: %u MiB copied, checksum %016lx\n", ROUNDS * BUF_PAGES / 256,
              (unsigned long)h);
    gk_printf("mapper: grant copy throughput %lu MiB/s (%lu ms)\n",
              (unsigned long)(ROUNDS * BUF_PAGES / 256 * 1000000000UL / (ns ? ns : 1)),
              (unsigned long)(ns / 1000000));
    gk_evtchn_send(port);

    outlive_granter(peer, port);
    gk_shutdown(SHUTDOWN_poweroff);
}
