/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables, version 1 (xen-abi.md 2.9): setup_table, query_size,
 * set_version, get_version, dump_table, map_grant_ref, unmap_grant_ref and
 * copy.  The reference model is in <xenia/grant_table.h>.
 *
 * The granter writes its entries; the hypervisor only sets GTF_reading
 * (the grant is in use) and GTF_writing (in use for writing) while a map
 * or a copy holds it, and clears them when the last such use goes, by
 * compare-and-exchange on the entry's flags+domid word, as the granter
 * revokes by compare-and-exchange too: a granter can never revoke an
 * entry the hypervisor marked.  Each entry has an active record with the
 * counts of uses (pins) and the frame they use, taken from the entry at
 * the first use: later changes to the entry do not move live mappings.
 *
 * Lock order: the mapping domain's maptrack_lock, then a granter's
 * gt->lock; under them, page-table and frame-allocation locks (through
 * the arch hooks and put_page()).  Guest memory is never accessed with a
 * grant lock held.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/grant_table.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <xenia/memory.h>
#include <xenia/mm.h>
#include <xenia/softirq.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <public/grant_table.h>
#include <public/xen.h>

#define ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define MT_PER_CHUNK      (PAGE_SIZE / sizeof(struct maptrack))
#define MT_NONE           (~0U)
/* Upper bits of cmd carry a preempted batch's progress (a continuation). */
#define GNTTABOP_CMD_MASK   0x3fUL
#define GNTTABOP_CONT_SHIFT 12
#define OPS_PER_CHECK       64

/* Uses of one entry: every map (host and device counted apart) and copy in progress. */
struct active_grant {
    uint32_t pin;      /* all uses */
    uint32_t wpin;     /* uses for writing */
    unsigned long mfn; /* the frame, fixed while pinned */
};

/* A grant this domain mapped; flags 0 = free (then next_free links it). */
struct maptrack {
    uint32_t flags; /* GNTMAP_host_map / device_map / readonly still held */
    grant_ref_t ref;
    struct domain *rd; /* the granter, referenced while in use */
    unsigned long mfn;
    uint32_t next_free;
};

struct grant_table {
    spinlock_t lock; /* the frames, the active records, writes to entries */
    unsigned int nr_frames, max_frames;
    struct page_info **frames;    /* max_frames slots */
    struct active_grant **active; /* ENTRIES_PER_FRAME records per frame */
    bool released;                /* the frames went back at domain_kill() */

    spinlock_t maptrack_lock;
    struct maptrack **mt; /* max_mt_chunks slots of MT_PER_CHUNK entries */
    unsigned int max_mt_chunks, mt_chunks;
    uint32_t mt_free; /* head of the free list, MT_NONE if empty */
    unsigned int mt_used;
};

/* --- Table frames --------------------------------------------------------- */

static grant_entry_v1_t *shared_entry(const struct grant_table *gt, grant_ref_t ref)
{
    grant_entry_v1_t *f = page_to_virt(gt->frames[ref / ENTRIES_PER_FRAME]);

    return &f[ref % ENTRIES_PER_FRAME];
}

static struct active_grant *active_entry(const struct grant_table *gt, grant_ref_t ref)
{
    return &gt->active[ref / ENTRIES_PER_FRAME][ref % ENTRIES_PER_FRAME];
}

static unsigned int nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * ENTRIES_PER_FRAME;
}

/* Grow d's table to nr frames.  Caller holds gt->lock; nr <= max_frames. */
static int grow_table(struct domain *d, struct grant_table *gt, unsigned int nr)
{
    while (gt->nr_frames < nr) {
        unsigned int i = gt->nr_frames;
        struct page_info *pg;

        gt->active[i] = xzalloc_array(struct active_grant, ENTRIES_PER_FRAME);
        if (!gt->active[i])
            return -ENOMEM;
        /* The table is the hypervisor's, lent to the guest: not its RAM. */
        pg = alloc_domheap_pages(d, 0, MEMF_zero | MEMF_no_limit);
        if (!pg || arch_gnttab_share_frame(d, pg)) {
            if (pg)
                free_domheap_pages(pg, 0);
            xfree(gt->active[i]);
            gt->active[i] = NULL;
            return -ENOMEM;
        }
        gt->frames[i] = pg;
        gt->nr_frames++;
    }
    return 0;
}

static int check_limits(int max_frames, int max_mt, unsigned int *frames, unsigned int *mt)
{
    *frames = max_frames < 0 ? GNTTAB_DEFAULT_MAX_FRAMES : (unsigned int)max_frames;
    *mt = max_mt < 0 ? GNTTAB_DEFAULT_MAX_MAPTRACK : (unsigned int)max_mt;
    /* Room for the reserved entries; a ref must fit a grant_ref_t. */
    if (!*frames || *frames > 4096 || *mt > 65536)
        return -EINVAL;
    return 0;
}

static void free_table_arrays(struct grant_table *gt)
{
    xfree(gt->frames);
    xfree(gt->active);
    xfree(gt->mt);
    xfree(gt);
}

static int alloc_table_arrays(struct grant_table *gt, unsigned int frames, unsigned int mt)
{
    gt->max_frames = frames;
    gt->max_mt_chunks = mt;
    gt->frames = xzalloc_array(struct page_info *, frames);
    gt->active = xzalloc_array(struct active_grant *, frames);
    gt->mt = mt ? xzalloc_array(struct maptrack *, mt) : NULL;
    return gt->frames && gt->active && (gt->mt || !mt) ? 0 : -ENOMEM;
}

int grant_table_init(struct domain *d, int max_grant_frames, int max_maptrack_frames)
{
    struct grant_table *gt;
    unsigned int frames, mt;
    int rc = check_limits(max_grant_frames, max_maptrack_frames, &frames, &mt);

    if (rc)
        return rc;
    gt = xzalloc(struct grant_table);
    if (!gt)
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    spin_lock_init(&gt->maptrack_lock);
    gt->mt_free = MT_NONE;
    rc = alloc_table_arrays(gt, frames, mt);
    if (!rc) {
        spin_lock(&gt->lock);
        rc = grow_table(d, gt, 1); /* Xen starts every table with one frame */
        spin_unlock(&gt->lock);
    }
    if (rc) {
        free_table_arrays(gt);
        return rc;
    }
    d->grant_table = gt;
    return 0;
}

int grant_table_set_limits(struct domain *d, int max_grant_frames, int max_maptrack_frames)
{
    struct grant_table *gt = d->grant_table, *n;
    unsigned int frames, mt;
    int rc = check_limits(max_grant_frames, max_maptrack_frames, &frames, &mt);

    if (rc)
        return rc;
    if (!gt || frames < gt->nr_frames || mt < gt->mt_chunks)
        return -EINVAL;
    n = xzalloc(struct grant_table);
    if (!n)
        return -ENOMEM;
    rc = alloc_table_arrays(n, frames, mt);
    if (!rc) {
        /* Before the domain runs nothing else looks at the arrays. */
        spin_lock(&gt->lock);
        spin_lock(&gt->maptrack_lock);
        memcpy(n->frames, gt->frames, gt->nr_frames * sizeof(*n->frames));
        memcpy(n->active, gt->active, gt->nr_frames * sizeof(*n->active));
        if (gt->mt_chunks)
            memcpy(n->mt, gt->mt, gt->mt_chunks * sizeof(*n->mt));
        struct page_info **fr = gt->frames;
        struct active_grant **active = gt->active;
        struct maptrack **mtab = gt->mt;

        gt->frames = n->frames, n->frames = fr;
        gt->active = n->active, n->active = active;
        gt->mt = n->mt, n->mt = mtab;
        gt->max_frames = frames;
        gt->max_mt_chunks = mt;
        spin_unlock(&gt->maptrack_lock);
        spin_unlock(&gt->lock);
    }
    free_table_arrays(n);
    return rc;
}

bool gnttab_is_table_frame(const struct domain *d, const struct page_info *pg)
{
    const struct grant_table *gt = d->grant_table;

    for (unsigned int i = 0; gt && i < READ_ONCE(gt->nr_frames); i++)
        if (gt->frames[i] == pg)
            return true;
    return false;
}

/* --- Entry status ------------------------------------------------------- */

/* The flags+domid word of an entry, as the guest's compare-and-exchange sees it. */
static uint32_t *entry_word(grant_entry_v1_t *e)
{
    return (uint32_t *)e;
}

/*
 * First use of ref by ld (or its first use for writing): check the entry
 * and mark it.  Caller holds gt->lock.  GNTST_okay or GNTST_general_error.
 */
static int mark_entry(struct grant_table *gt, grant_ref_t ref, domid_t ld, bool ro)
{
    const struct active_grant *act = active_entry(gt, ref);
    uint32_t *w = entry_word(shared_entry(gt, ref));
    uint32_t old = __atomic_load_n(w, __ATOMIC_ACQUIRE), new;

    for (unsigned int tries = 0; tries < 5; tries++) {
        uint16_t flags = (uint16_t)old, domid = (uint16_t)(old >> 16);

        if (!act->pin && ((flags & GTF_type_mask) != GTF_permit_access || domid != ld))
            return GNTST_general_error;
        if (!ro && (flags & GTF_readonly))
            return GNTST_general_error;
        new = old | GTF_reading | (ro ? 0 : GTF_writing);
        if (__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return GNTST_okay;
    }
    return GNTST_general_error; /* the guest keeps changing it */
}

static void clear_entry_flags(struct grant_table *gt, grant_ref_t ref, uint16_t bits)
{
    /* A dying granter's frames are gone: nobody reads the flags any more. */
    if (!gt->released)
        __atomic_fetch_and(&shared_entry(gt, ref)->flags, (uint16_t)~bits, __ATOMIC_ACQ_REL);
}

/*
 * Take `uses` pins of rd's ref for ld, readonly or not; on success *mfn
 * is the granted frame.  GNTST_bad_gntref, GNTST_general_error.
 */
static int pin_grant(struct domain *rd, grant_ref_t ref, domid_t ld, bool ro, unsigned int uses,
                     unsigned long *mfn)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act;
    int rc = GNTST_okay;

    spin_lock(&gt->lock);
    if (gt->released || ref >= nr_entries(gt)) {
        rc = GNTST_bad_gntref;
        goto out;
    }
    act = active_entry(gt, ref);
    if (!act->pin || (!ro && !act->wpin)) {
        rc = mark_entry(gt, ref, ld, ro);
        if (rc)
            goto out;
        if (!act->pin)
            act->mfn = READ_ONCE(shared_entry(gt, ref)->frame);
    }
    act->pin += uses;
    if (!ro)
        act->wpin += uses;
    *mfn = act->mfn;
out:
    spin_unlock(&gt->lock);
    return rc;
}

static void unpin_grant(struct domain *rd, grant_ref_t ref, bool ro, unsigned int uses)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act;

    spin_lock(&gt->lock);
    act = active_entry(gt, ref);
    BUG_ON(act->pin < uses || (!ro && act->wpin < uses)); /* would unmark a live grant */
    act->pin -= uses;
    if (!ro)
        act->wpin -= uses;
    if (!act->wpin && !ro)
        clear_entry_flags(gt, ref, GTF_writing);
    if (!act->pin)
        clear_entry_flags(gt, ref, GTF_reading | GTF_writing);
    spin_unlock(&gt->lock);
}

/* The granter named by a grant op, referenced (DOMID_SELF: the caller). */
static struct domain *grant_domain(domid_t domid)
{
    struct domain *self = current->domain;

    return get_domain_by_id(domid == DOMID_SELF ? self->domain_id : domid);
}

/* --- Maptrack ------------------------------------------------------------- */

static struct maptrack *mt_entry(const struct grant_table *gt, uint32_t h)
{
    return &gt->mt[h / MT_PER_CHUNK][h % MT_PER_CHUNK];
}

/* A free handle, its entry still marked free; MT_NONE if the limit is reached. */
static uint32_t mt_get(struct grant_table *gt)
{
    struct maptrack *chunk = NULL;
    uint32_t h;

    spin_lock(&gt->maptrack_lock);
    if (gt->mt_free == MT_NONE && gt->mt_chunks < gt->max_mt_chunks) {
        spin_unlock(&gt->maptrack_lock);
        chunk = xzalloc_array(struct maptrack, MT_PER_CHUNK);
        spin_lock(&gt->maptrack_lock);
        if (chunk && gt->mt_free == MT_NONE && gt->mt_chunks < gt->max_mt_chunks) {
            uint32_t base = gt->mt_chunks * (uint32_t)MT_PER_CHUNK;

            for (uint32_t i = 0; i < MT_PER_CHUNK; i++)
                chunk[i].next_free = i + 1 < MT_PER_CHUNK ? base + i + 1 : MT_NONE;
            gt->mt[gt->mt_chunks++] = chunk;
            gt->mt_free = base;
            chunk = NULL;
        }
    }
    h = gt->mt_free;
    if (h != MT_NONE) {
        gt->mt_free = mt_entry(gt, h)->next_free;
        gt->mt_used++;
    }
    spin_unlock(&gt->maptrack_lock);
    xfree(chunk); /* another vCPU grew it meanwhile */
    return h;
}

/* Caller holds maptrack_lock. */
static void mt_put_locked(struct grant_table *gt, uint32_t h)
{
    struct maptrack *m = mt_entry(gt, h);

    m->flags = 0;
    m->rd = NULL;
    m->next_free = gt->mt_free;
    gt->mt_free = h;
    gt->mt_used--;
}

static void mt_put(struct grant_table *gt, uint32_t h)
{
    spin_lock(&gt->maptrack_lock);
    mt_put_locked(gt, h);
    spin_unlock(&gt->maptrack_lock);
}

/* --- map_grant_ref / unmap_grant_ref ------------------------------------ */

static unsigned int map_uses(uint32_t flags)
{
    return !!(flags & GNTMAP_host_map) + !!(flags & GNTMAP_device_map);
}

/* The frame references and the page-table entry of a new mapping. */
static int map_frame(struct domain *ld, struct domain *rd, struct gnttab_map_grant_ref *op,
                     unsigned long mfn)
{
    struct page_info *pg;
    int rc;

    if (!mfn_valid(_mfn(mfn)))
        return GNTST_general_error;
    pg = mfn_to_page(_mfn(mfn));
    if ((op->flags & GNTMAP_device_map) && arch_gnttab_get_frame(pg, rd, op->flags))
        return GNTST_general_error;
    if (op->flags & GNTMAP_host_map) {
        rc = arch_gnttab_get_frame(pg, rd, op->flags)
                 ? GNTST_general_error
                 : arch_gnttab_map_host(ld, op->host_addr, mfn, op->flags);
        if (rc) {
            if (op->flags & GNTMAP_device_map)
                arch_gnttab_put_frame(pg, op->flags);
            return rc;
        }
    }
    return GNTST_okay;
}

static int map_one(struct domain *ld, struct gnttab_map_grant_ref *op)
{
    struct grant_table *lgt = ld->grant_table;
    bool ro = op->flags & GNTMAP_readonly;
    struct domain *rd;
    unsigned long mfn;
    uint32_t h;
    int rc;

    if (!(op->flags & (GNTMAP_host_map | GNTMAP_device_map)))
        return GNTST_bad_gntref;
    if ((op->flags & GNTMAP_host_map) && !op->host_addr)
        return GNTST_bad_virt_addr;
    rd = grant_domain(op->dom);
    if (!rd)
        return GNTST_bad_domain;
    h = mt_get(lgt);
    if (h == MT_NONE) {
        put_domain(rd);
        return GNTST_no_space;
    }
    rc = pin_grant(rd, op->ref, ld->domain_id, ro, map_uses(op->flags), &mfn);
    if (!rc) {
        rc = map_frame(ld, rd, op, mfn);
        if (rc)
            unpin_grant(rd, op->ref, ro, map_uses(op->flags));
    }
    if (rc) {
        mt_put(lgt, h);
        put_domain(rd);
        return rc;
    }
    spin_lock(&lgt->maptrack_lock);
    *mt_entry(lgt, h) = (struct maptrack){
        .flags = op->flags &
                 (GNTMAP_host_map | GNTMAP_device_map | GNTMAP_readonly | GNTMAP_contains_pte),
        .ref = op->ref,
        .rd = rd, /* keeps the reference */
        .mfn = mfn,
    };
    spin_unlock(&lgt->maptrack_lock);
    op->handle = h;
    op->dev_bus_addr = (op->flags & GNTMAP_device_map) ? mfn_to_maddr(_mfn(mfn)) : 0;
    return GNTST_okay;
}

/* Give up the uses `done` (GNTMAP_host_map/device_map) of maptrack entry m. */
static void release_uses(struct maptrack *m, uint32_t done)
{
    bool ro = m->flags & GNTMAP_readonly;

    if (done & GNTMAP_device_map)
        arch_gnttab_put_frame(mfn_to_page(_mfn(m->mfn)), m->flags);
    unpin_grant(m->rd, m->ref, ro, map_uses(done));
    m->flags &= ~done;
}

static int unmap_one(struct domain *ld, const struct gnttab_unmap_grant_ref *op)
{
    struct grant_table *lgt = ld->grant_table;
    struct domain *rd = NULL;
    struct maptrack *m;
    uint32_t done = 0;
    int rc = GNTST_okay;

    spin_lock(&lgt->maptrack_lock);
    if (op->handle >= lgt->mt_chunks * MT_PER_CHUNK || !mt_entry(lgt, op->handle)->flags) {
        rc = GNTST_bad_handle;
        goto out;
    }
    m = mt_entry(lgt, op->handle);
    if (op->dev_bus_addr && (m->flags & GNTMAP_device_map)) {
        if (op->dev_bus_addr != mfn_to_maddr(_mfn(m->mfn))) {
            rc = GNTST_bad_dev_addr;
            goto out;
        }
        done |= GNTMAP_device_map;
    }
    if (op->host_addr && (m->flags & GNTMAP_host_map)) {
        rc = arch_gnttab_unmap_host(ld, op->host_addr, m->mfn, m->flags);
        if (rc)
            goto out;
        done |= GNTMAP_host_map;
    }
    release_uses(m, done);
    if (!(m->flags & (GNTMAP_host_map | GNTMAP_device_map))) {
        rd = m->rd;
        mt_put_locked(lgt, op->handle);
    }
out:
    spin_unlock(&lgt->maptrack_lock);
    if (rd)
        put_domain(rd);
    return rc;
}

/* --- copy ------------------------------------------------------------------ */

/* One end of a copy, held for its duration. */
struct copy_end {
    struct domain *d;
    struct page_info *pg;
    bool is_gref, pinned;
    grant_ref_t ref;
};

static void release_end(struct copy_end *e, bool ro)
{
    if (e->pg)
        arch_gnttab_put_frame(e->pg, ro ? GNTMAP_readonly : 0);
    if (e->pinned)
        unpin_grant(e->d, e->ref, ro, 1);
    if (e->d)
        put_domain(e->d);
}

static int claim_end(const struct gnttab_copy_ptr *p, bool is_gref, bool ro, struct copy_end *e)
{
    struct domain *self = current->domain;
    unsigned long mfn;
    int rc;

    /* Only a grant reaches another domain's memory. */
    if (!is_gref && p->domid != DOMID_SELF)
        return GNTST_permission_denied;
    e->d = grant_domain(p->domid);
    if (!e->d)
        return GNTST_bad_domain;
    e->is_gref = is_gref;
    if (is_gref) {
        e->ref = p->u.ref;
        rc = pin_grant(e->d, e->ref, self->domain_id, ro, 1, &mfn);
        if (rc)
            return rc;
        e->pinned = true;
    } else {
        mfn = (unsigned long)p->u.gmfn;
    }
    if (!mfn_valid(_mfn(mfn)) ||
        arch_gnttab_get_frame(mfn_to_page(_mfn(mfn)), e->d, ro ? GNTMAP_readonly : 0))
        return GNTST_bad_page;
    e->pg = mfn_to_page(_mfn(mfn));
    return GNTST_okay;
}

/*
 * The bytes of a copy: the library's memmove goes a byte at a time, and
 * grant copies are the data path of split drivers, so aligned copies
 * between different frames go a word at a time.
 */
static void copy_data(void *dst, const void *src, unsigned int len, bool same_frame)
{
    uint64_t *d = dst;
    const uint64_t *s = src;

    if (same_frame || (((unsigned long)dst | (unsigned long)src | len) & 7)) {
        memmove(dst, src, len);
        return;
    }
    for (unsigned int i = 0; i < len / 8; i++)
        d[i] = s[i];
}

static int copy_one(const struct gnttab_copy *op)
{
    struct copy_end src = {0}, dst = {0};
    int rc;

    if (op->flags & ~(GNTCOPY_source_gref | GNTCOPY_dest_gref))
        return GNTST_bad_copy_arg;
    rc = claim_end(&op->source, op->flags & GNTCOPY_source_gref, true, &src);
    if (!rc)
        rc = claim_end(&op->dest, op->flags & GNTCOPY_dest_gref, false, &dst);
    if (!rc && ((unsigned int)op->source.offset + op->len > PAGE_SIZE ||
                (unsigned int)op->dest.offset + op->len > PAGE_SIZE))
        rc = GNTST_bad_copy_arg;
    if (!rc)
        copy_data((char *)page_to_virt(dst.pg) + op->dest.offset,
                  (const char *)page_to_virt(src.pg) + op->source.offset, op->len,
                  dst.pg == src.pg);
    release_end(&dst, false);
    release_end(&src, true);
    return rc;
}

/* --- The batched ops ---------------------------------------------------- */

struct batch_op {
    size_t size;
    size_t status_off; /* where `status` sits in the op */
    int (*fn)(struct domain *d, void *op);
};

static int map_fn(struct domain *d, void *op)
{
    return map_one(d, op);
}

static int unmap_fn(struct domain *d, void *op)
{
    return unmap_one(d, op);
}

static int copy_fn(struct domain *d, void *op)
{
    return copy_one(op);
}

static const struct batch_op batch_ops[] = {
    [GNTTABOP_map_grant_ref] = {sizeof(struct gnttab_map_grant_ref),
                                offsetof(struct gnttab_map_grant_ref, status), map_fn},
    [GNTTABOP_unmap_grant_ref] = {sizeof(struct gnttab_unmap_grant_ref),
                                  offsetof(struct gnttab_unmap_grant_ref, status), unmap_fn},
    [GNTTABOP_copy] = {sizeof(struct gnttab_copy), offsetof(struct gnttab_copy, status), copy_fn},
};

/*
 * Ops [start, count) of a batch, each with its own status; a bad pointer
 * stops it with -EFAULT.  Pending work preempts it: the guest re-issues
 * the call with the progress in cmd's upper bits.
 */
static long run_batch(unsigned int cmd, unsigned long uop, unsigned long start, unsigned long count)
{
    const struct batch_op *b = &batch_ops[cmd];
    union {
        struct gnttab_map_grant_ref map;
        struct gnttab_unmap_grant_ref unmap;
        struct gnttab_copy copy;
    } op;
    struct domain *d = current->domain;

    for (unsigned long i = start; i < count; i++) {
        unsigned long at = uop + i * b->size;
        int16_t status;

        if (i != start && !((i - start) % OPS_PER_CHECK) && softirq_pending())
            return hypercall_continuation(__HYPERVISOR_grant_table_op,
                                          cmd | (i << GNTTABOP_CONT_SHIFT), uop);
        if (copy_from_guest(&op, at, b->size))
            return -EFAULT;
        status = (int16_t)b->fn(d, &op);
        memcpy((char *)&op + b->status_off, &status, sizeof(status));
        /* The whole op goes back: map's handle and dev_bus_addr are outputs too. */
        if (copy_to_guest(at, &op, b->size))
            return -EFAULT;
    }
    return 0;
}

/* --- The table ops -------------------------------------------------------- */

/* A domain an op names: itself, or (for the control domain) any. */
static int16_t table_domain(domid_t domid, struct domain **out)
{
    struct domain *self = current->domain;

    *out = grant_domain(domid);
    if (!*out)
        return GNTST_bad_domain;
    if (*out != self && !self->is_privileged) {
        put_domain(*out);
        *out = NULL; /* the callers' exits put what is left here */
        return GNTST_permission_denied;
    }
    return GNTST_okay;
}

static long setup_table(unsigned long uop)
{
    struct gnttab_setup_table op;
    struct grant_table *gt;
    struct domain *d = NULL;
    xen_pfn_t mfn;
    int rc;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    op.status = table_domain(op.dom, &d);
    if (op.status)
        goto out;
    gt = d->grant_table;
    spin_lock(&gt->lock);
    rc = op.nr_frames > gt->max_frames || gt->released ? -EINVAL : grow_table(d, gt, op.nr_frames);
    spin_unlock(&gt->lock);
    if (rc) {
        op.status = GNTST_general_error;
        goto out;
    }
    for (uint32_t i = 0; i < op.nr_frames; i++) {
        mfn = mfn_x(page_to_mfn(gt->frames[i]));
        if (copy_to_guest((unsigned long)op.frame_list.p + i * sizeof(mfn), &mfn, sizeof(mfn))) {
            op.status = GNTST_bad_virt_addr;
            break;
        }
    }
out:
    if (d)
        put_domain(d);
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long query_size(unsigned long uop)
{
    struct gnttab_query_size op;
    struct domain *d;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    op.status = table_domain(op.dom, &d);
    if (!op.status) {
        op.nr_frames = READ_ONCE(d->grant_table->nr_frames);
        op.max_nr_frames = d->grant_table->max_frames;
        put_domain(d);
    }
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* Only version 1 exists here: asking for 2 is answered as Xen without v2 does. */
static long set_version(unsigned long uop)
{
    struct gnttab_set_version op;
    long rc;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    rc = op.version == 1 ? 0 : op.version == 2 ? -ENOSYS : -EINVAL;
    op.version = 1;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : rc;
}

static long get_version(unsigned long uop)
{
    struct gnttab_get_version op;
    struct domain *d;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    d = grant_domain(op.dom);
    if (!d)
        return -ESRCH;
    if (d != current->domain && !current->domain->is_privileged) {
        put_domain(d);
        return -EPERM;
    }
    put_domain(d);
    op.version = 1;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* A debugging aid on Xen; GRUB calls it, so it answers and does nothing. */
static long dump_table(unsigned long uop)
{
    struct gnttab_dump_table op;
    struct domain *d;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    op.status = table_domain(op.dom, &d);
    if (!op.status)
        put_domain(d);
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

long do_grant_table_op(unsigned long cmd, unsigned long uop, unsigned long count, unsigned long a4,
                       unsigned long a5)
{
    unsigned long start = cmd >> GNTTABOP_CONT_SHIFT;

    cmd &= GNTTABOP_CMD_MASK;
    if (count > UINT32_MAX)
        return -EINVAL;
    switch (cmd) {
    case GNTTABOP_map_grant_ref:
    case GNTTABOP_unmap_grant_ref:
    case GNTTABOP_copy: return run_batch((unsigned int)cmd, uop, start, count);
    }
    if (start)
        return -EINVAL; /* only the batches continue */
    switch (cmd) {
    case GNTTABOP_setup_table:
    case GNTTABOP_query_size:
    case GNTTABOP_set_version:
    case GNTTABOP_get_version:
    case GNTTABOP_dump_table:
        if (count != 1)
            return -EINVAL;
        break;
    default: return -ENOSYS;
    }
    switch (cmd) {
    case GNTTABOP_setup_table: return setup_table(uop);
    case GNTTABOP_query_size: return query_size(uop);
    case GNTTABOP_set_version: return set_version(uop);
    case GNTTABOP_get_version: return get_version(uop);
    default: return dump_table(uop);
    }
}

/* --- Teardown -------------------------------------------------------------- */

/* Every grant d mapped: device references and pins go; host entries go with its tables. */
static void release_maptrack(struct grant_table *gt)
{
    for (uint32_t h = 0; h < gt->mt_chunks * MT_PER_CHUNK; h++) {
        struct maptrack *m;
        struct domain *rd;

        spin_lock(&gt->maptrack_lock);
        m = mt_entry(gt, h);
        if (!m->flags) {
            spin_unlock(&gt->maptrack_lock);
            continue;
        }
        rd = m->rd;
        release_uses(m, m->flags & (GNTMAP_host_map | GNTMAP_device_map));
        mt_put_locked(gt, h);
        spin_unlock(&gt->maptrack_lock);
        put_domain(rd);
    }
}

void grant_table_kill(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int nr;

    if (!gt)
        return;
    release_maptrack(gt);
    spin_lock(&gt->lock);
    nr = gt->released ? 0 : gt->nr_frames;
    gt->released = true;
    spin_unlock(&gt->lock);
    /* Mappings of the frames themselves (the guest's own) keep them until unmapped. */
    for (unsigned int i = 0; i < nr; i++) {
        arch_gnttab_unshare_frame(gt->frames[i]);
        free_domheap_pages(gt->frames[i], 0);
    }
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if (!gt)
        return;
    /* A domain that failed creation was never killed: its frames go here. */
    grant_table_kill(d);
    for (unsigned int i = 0; i < gt->nr_frames; i++)
        xfree(gt->active[i]);
    for (unsigned int i = 0; i < gt->mt_chunks; i++)
        xfree(gt->mt[i]);
    free_table_arrays(gt);
    d->grant_table = NULL;
}
