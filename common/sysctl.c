/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl (hypercall 35): the control domain's questions about the whole
 * machine.  Checks in Xen 4.17's order: the argument is read (-EFAULT),
 * its interface version must be ours (-EACCES), the caller must be the
 * control domain (-EPERM).
 */
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/domctl.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <public/sysctl.h>

#define READCONSOLE_CHUNK 256
#define POS_WRAP          (1ULL << 32) /* the ABI's index is 32 bits of our position */

/*
 * From the oldest text kept, or with `incremental` from index if that
 * still lies in the window; `clear` hides what was read from later calls.
 */
static long readconsole(struct xen_sysctl_readconsole *r)
{
    char chunk[READCONSOLE_CHUNK];
    size_t start, end, pos, n;
    uint32_t done = 0;

    console_ring_window(&start, &end);
    pos = start;
    if (r->incremental) {
        uint64_t at = ((uint64_t)end & ~(POS_WRAP - 1)) | r->index;

        if (at > end)
            at -= POS_WRAP;
        if (at > start && at <= end)
            pos = (size_t)at;
    }
    while (done < r->count) {
        n = console_ring_read(&pos, end, chunk, min((size_t)(r->count - done), sizeof(chunk)));
        if (!n)
            break;
        if (copy_to_guest((unsigned long)r->buffer.p + done, chunk, n))
            return -EFAULT;
        done += (uint32_t)n;
    }
    if (r->clear)
        console_ring_clear(pos);
    r->count = done;
    r->index = (uint32_t)pos;
    return 0;
}

static long physinfo(struct xen_sysctl_physinfo *p)
{
    unsigned int cpus = sched_nr_online();

    memset(p, 0, sizeof(*p));
    p->threads_per_core = 1;
    p->cores_per_socket = cpus;
    p->nr_cpus = cpus;
    p->max_cpu_id = cpus ? cpus - 1 : 0;
    p->nr_nodes = 1;
    p->cpu_khz = arch_cpu_khz();
    p->capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1;
    p->total_pages = total_heap_pages();
    p->free_pages = avail_heap_pages();
    p->max_mfn = max_page ? max_page - 1 : 0;
    return 0;
}

static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    unsigned long buf = (unsigned long)l->buffer.p;
    uint32_t n = 0;
    unsigned int from = l->first_domain;
    struct domain *d;

    while (n < l->max_domains && from < DOMID_FIRST_RESERVED && (d = domain_get_next(from))) {
        getdomaininfo(d, &info);
        from = d->domain_id + 1u;
        put_domain(d);
        if (copy_to_guest(buf + n * sizeof(info), &info, sizeof(info)))
            return -EFAULT;
        n++;
    }
    l->num_domains = n;
    return 0;
}

long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
               unsigned long a5)
{
    struct xen_sysctl op;
    long rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_SYSCTL_INTERFACE_VERSION)
        return -EACCES;
    if (!current->domain->is_privileged)
        return -EPERM;
    switch (op.cmd) {
    case XEN_SYSCTL_readconsole: rc = readconsole(&op.u.readconsole); break;
    case XEN_SYSCTL_physinfo: rc = physinfo(&op.u.physinfo); break;
    case XEN_SYSCTL_getdomaininfolist: rc = getdomaininfolist(&op.u.getdomaininfolist); break;
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = sched_is_credit() ? XEN_SCHEDULER_CREDIT : XEN_SCHEDULER_NULL;
        rc = 0;
        break;
    default: return -ENOSYS;
    }
    if (!rc && copy_to_guest(arg, &op, sizeof(op)))
        rc = -EFAULT;
    return rc;
}
