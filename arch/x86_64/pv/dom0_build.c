/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a domain at boot (dom0, and the boot-time domUs of
 * common/boot_domains.c) as an x86-64 PV guest, with the
 * start-of-day layout Xen's ABI defines (xen-abi.md 1.3 and 1.4): one
 * virtual region from VIRT_BASE mapping pseudo-physical frame n at
 * VIRT_BASE + n pages, holding in order the kernel, the initrd (unless the
 * kernel takes it by frame number), the p2m list, start_info, the
 * bootstrap page tables (L4 first, mapped read-only), a stack page, and
 * padding to a 4 MiB boundary with at least 512 KiB to spare.  The tables
 * are validated like any guest's, by pinning the L4.
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/libelf.h>
#include <xenia/mm.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/config.h>
#include <asm/dom0_build.h>
#include <asm/m2p.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <public/xen.h>

struct layout {
    uint64_t v_start, v_kend, v_initrd, v_p2m, v_startinfo, v_pt, v_stack, v_end;
    unsigned long nr_pt, nr_l3, nr_l2, nr_l1;
};

struct builder {
    struct domain *d;
    char name[8]; /* "dom<id>", for messages */
    unsigned long nr_pages;
    unsigned long *p2m; /* pseudo-physical frame -> machine frame */
    struct layout l;
};

/* Distinct tables at one level covering [s, e): one per 2^shift bytes. */
static unsigned long tables_for(uint64_t s, uint64_t e, unsigned int shift)
{
    return (unsigned long)(((e - 1) >> shift) - (s >> shift) + 1);
}

/* Place everything after the kernel and solve for the page-table count,
 * which depends on the region's end, which depends on it. */
static int plan_layout(struct builder *b, const struct elf_dom_parms *p, uint64_t initrd_size,
                       bool initrd_mapped)
{
    struct layout *l = &b->l;
    uint64_t cursor;

    l->v_start = p->virt_base;
    l->v_kend = ROUNDUP(p->virt_kend, PAGE_SIZE);
    cursor = l->v_kend;
    l->v_initrd = cursor;
    if (initrd_mapped)
        cursor += ROUNDUP(initrd_size, PAGE_SIZE);
    l->v_p2m = cursor;
    cursor += ROUNDUP(b->nr_pages * sizeof(uint64_t), PAGE_SIZE);
    l->v_startinfo = cursor;
    l->v_pt = cursor + PAGE_SIZE;
    for (l->nr_pt = 1;;) {
        unsigned long need;

        l->v_stack = l->v_pt + l->nr_pt * PAGE_SIZE;
        l->v_end = ROUNDUP(l->v_stack + PAGE_SIZE + KiB(512), MiB(4));
        l->nr_l3 = tables_for(l->v_start, l->v_end, L4_PAGETABLE_SHIFT);
        l->nr_l2 = tables_for(l->v_start, l->v_end, L3_PAGETABLE_SHIFT);
        l->nr_l1 = tables_for(l->v_start, l->v_end, L2_PAGETABLE_SHIFT);
        need = 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
        if (need <= l->nr_pt)
            break;
        l->nr_pt = need;
    }
    if (l->v_end < l->v_start || (l->v_end - l->v_start) / PAGE_SIZE > b->nr_pages) {
        printk(XENLOG_ERR "%s: the kernel and boot structures need %lu MiB; it has %lu MiB\n",
               b->name, (unsigned long)((l->v_end - l->v_start) >> 20), b->nr_pages >> 8);
        return -ENOMEM;
    }
    return 0;
}

static void *pfn_ptr(const struct builder *b, unsigned long pfn)
{
    return maddr_to_virt((paddr_t)b->p2m[pfn] << PAGE_SHIFT);
}

/* Write (or zero, src == NULL) guest-virtual [va, va + len) of the region. */
static int write_guest(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct builder *b = ctx;

    if (va < b->l.v_start || va > b->l.v_end || len > b->l.v_end - va)
        return -EINVAL;
    while (len) {
        uint64_t off = va - b->l.v_start;
        size_t n = min(len, (size_t)(PAGE_SIZE - (off & (PAGE_SIZE - 1))));
        char *dst =
            (char *)pfn_ptr(b, (unsigned long)(off >> PAGE_SHIFT)) + (off & (PAGE_SIZE - 1));

        if (src) {
            memcpy(dst, src, n);
            src = (const char *)src + n;
        } else {
            memset(dst, 0, n);
        }
        va += n;
        len -= n;
    }
    return 0;
}

static unsigned long va_pfn(const struct builder *b, uint64_t va)
{
    return (unsigned long)((va - b->l.v_start) >> PAGE_SHIFT);
}

/* Give the domain its frames, recording the p2m and the M2P. */
static int populate(struct builder *b)
{
    unsigned long pfn = 0;

    b->p2m = xmalloc_array(unsigned long, b->nr_pages);
    if (!b->p2m)
        return -ENOMEM;
    while (pfn < b->nr_pages) {
        unsigned int order = 9;
        struct page_info *pg;

        while ((1UL << order) > b->nr_pages - pfn)
            order--;
        while (!(pg = alloc_domheap_pages(b->d, order, MEMF_zero)) && order)
            order--;
        if (!pg)
            return -ENOMEM;
        for (unsigned long i = 0; i < (1UL << order); i++, pfn++) {
            b->p2m[pfn] = mfn_x(page_to_mfn(pg)) + i;
            m2p_set(b->p2m[pfn], pfn);
        }
    }
    return 0;
}

static pte_t table_entry(unsigned long mfn, unsigned long flags)
{
    return ((pte_t)mfn << PAGE_SHIFT) | flags;
}

/* The next-level table under *e, taking a fresh frame from *next if absent. */
static pte_t *descend(const struct builder *b, pte_t *e, unsigned long *next)
{
    if (!*e)
        *e = table_entry(b->p2m[(*next)++],
                         _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER);
    return maddr_to_virt(*e & PADDR_MASK);
}

/* Map the whole region with 4 KiB pages; the tables' own frames read-only. */
static void build_page_tables(const struct builder *b)
{
    const struct layout *l = &b->l;
    unsigned long pt_pfn = va_pfn(b, l->v_pt);
    unsigned long l3_next = pt_pfn + 1, l2_next = l3_next + l->nr_l3;
    unsigned long l1_next = l2_next + l->nr_l2;
    pte_t *l4 = pfn_ptr(b, pt_pfn);

    for (uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE) {
        pte_t *l3 = descend(b, &l4[l4_index(va)], &l3_next);
        pte_t *l2 = descend(b, &l3[l3_index(va)], &l2_next);
        pte_t *l1 = descend(b, &l2[l2_index(va)], &l1_next);
        unsigned long pfn = va_pfn(b, va);
        bool table = pfn >= pt_pfn && pfn < pt_pfn + l->nr_pt;

        l1[l1_index(va)] = table_entry(b->p2m[pfn], _PAGE_PRESENT | _PAGE_ACCESSED |
                                                        (table ? 0 : _PAGE_RW | _PAGE_DIRTY));
    }
}

/* Stubs for kernels that still carry a HYPERCALL_PAGE note (xen-abi.md 1.6). */
void pv_fill_hypercall_page(void *page)
{
    uint8_t *p = page;

    memset(p, 0xcc, PAGE_SIZE);
    for (unsigned int i = 0; i < PAGE_SIZE / 32; i++, p += 32) {
        const uint8_t stub[] = {0x51, 0x41, 0x53, 0xb8, (uint8_t)i, 0,    0,
                                0,    0x0f, 0x05, 0x41, 0x5b,       0x59, 0xc3};
        const uint8_t iret[] = {0x51, 0x41, 0x53, 0x50, 0xb8, __HYPERVISOR_iret,
                                0,    0,    0,    0x0f, 0x05};

        if (i == __HYPERVISOR_iret)
            memcpy(p, iret, sizeof(iret));
        else
            memcpy(p, stub, sizeof(stub));
    }
}

static void write_hypercall_page(const struct builder *b, uint64_t va)
{
    pv_fill_hypercall_page(pfn_ptr(b, va_pfn(b, va & PAGE_MASK)));
}

static void write_start_info(const struct builder *b, paddr_t shared_info,
                             const struct boot_module *initrd, bool initrd_mapped,
                             const char *cmdline)
{
    start_info_t *si = pfn_ptr(b, va_pfn(b, b->l.v_startinfo));

    memset(si, 0, PAGE_SIZE);
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = b->nr_pages;
    si->shared_info = shared_info;
    si->flags = b->d->is_privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    si->pt_base = b->l.v_pt;
    si->nr_pt_frames = b->l.nr_pt;
    si->mfn_list = b->l.v_p2m;
    if (initrd) {
        si->mod_len = initrd->size;
        if (initrd_mapped) {
            si->mod_start = b->l.v_initrd;
        } else {
            si->flags |= SIF_MOD_START_PFN;
            si->mod_start = va_pfn(b, b->l.v_end);
        }
    }
    strlcpy((char *)si->cmd_line, cmdline, sizeof(si->cmd_line));
}

/* The initrd either inside the mapped region or in the frames after it. */
static int load_initrd(const struct builder *b, const struct boot_module *initrd, bool mapped)
{
    const uint8_t *src = maddr_to_virt(initrd->start);
    unsigned long pfn = mapped ? va_pfn(b, b->l.v_initrd) : va_pfn(b, b->l.v_end);

    if (pfn + DIV_ROUND_UP(initrd->size, PAGE_SIZE) > b->nr_pages)
        return -ENOMEM;
    for (uint64_t off = 0; off < initrd->size; off += PAGE_SIZE, pfn++)
        memcpy(pfn_ptr(b, pfn), src + off, min((uint64_t)PAGE_SIZE, initrd->size - off));
    return 0;
}

static int parse_kernel(const struct builder *b, const struct boot_module *kernel,
                        struct elf_binary *elf, struct elf_dom_parms *p)
{
    int rc = elf_init(elf, maddr_to_virt(kernel->start), kernel->size);

    if (!rc)
        rc = elf_xen_parse(elf, p);
    if (rc) {
        printk(XENLOG_ERR "%s: the kernel is not a Xen PV ELF image (%d)\n", b->name, rc);
        return rc;
    }
    if (p->virt_base & ~PAGE_MASK) {
        printk(XENLOG_ERR "%s: VIRT_BASE %#lx is not page aligned\n", b->name,
               (unsigned long)p->virt_base);
        return -EINVAL;
    }
    /* Xen's rule: a kernel that lists its features must claim dom0 support. */
    if (b->d->is_privileged && p->has_supported_features &&
        !(p->f_supported[0] & (1U << XENFEAT_dom0))) {
        printk(XENLOG_ERR "%s: the kernel does not support running as dom0\n", b->name);
        return -EINVAL;
    }
    return 0;
}

static void setup_vcpu0(struct vcpu *v, const struct builder *b, uint64_t entry,
                        unsigned long l4_mfn)
{
    struct cpu_user_regs *r = &v->arch.user_regs;

    memset(r, 0, sizeof(*r));
    r->rip = entry;
    r->rsp = b->l.v_stack + PAGE_SIZE;
    r->rsi = b->l.v_startinfo;
    r->rflags = X86_EFLAGS_IF | 0x2;
    r->cs = FLAT_RING3_CS64;
    r->ss = FLAT_RING3_DS;
    v->arch.kernel_mode = true;
    v->arch.guest_table = l4_mfn;
}

int __init pv_build_domain(struct domain *d, const struct boot_module *kernel,
                           const struct boot_module *initrd, const char *cmdline,
                           unsigned long nr_pages)
{
    struct builder b = {.d = d, .nr_pages = nr_pages};
    struct elf_binary elf;
    struct elf_dom_parms parms;
    struct page_info *shinfo;
    unsigned long l4_mfn;
    bool initrd_mapped;
    int rc;

    snprintf(b.name, sizeof(b.name), "dom%u", d->domain_id);
    rc = parse_kernel(&b, kernel, &elf, &parms);
    if (rc)
        return rc;
    initrd_mapped = initrd && !parms.mod_start_pfn;
    d->max_pages = nr_pages + 1; /* + shared_info */
    rc = plan_layout(&b, &parms, initrd ? initrd->size : 0, initrd_mapped);
    if (!rc)
        rc = populate(&b);
    if (!rc)
        rc = elf_load_binary(&elf, &parms, write_guest, &b);
    if (!rc && initrd)
        rc = load_initrd(&b, initrd, initrd_mapped);
    shinfo = rc ? NULL : alloc_domheap_pages(d, 0, MEMF_zero);
    if (!rc && !shinfo)
        rc = -ENOMEM;
    if (rc)
        goto out;

    /* Events stay masked until the guest asks for them. */
    for (unsigned int i = 0; i < min(d->max_vcpus, (unsigned int)XEN_LEGACY_MAX_VCPUS); i++) {
        d->vcpu[i]->vcpu_info = &((shared_info_t *)page_to_virt(shinfo))->vcpu_info[i];
        d->vcpu[i]->vcpu_info->evtchn_upcall_mask = 1;
    }
    d->arch.shared_info = page_to_virt(shinfo);
    pv_init_wallclock(d->arch.shared_info);

    write_guest(&b, b.l.v_p2m, b.p2m, b.nr_pages * sizeof(uint64_t));
    write_start_info(&b, mfn_to_maddr(page_to_mfn(shinfo)), initrd, initrd_mapped, cmdline);
    if (parms.virt_hypercall != ELF_UNSET_ADDR)
        write_hypercall_page(&b, parms.virt_hypercall);
    build_page_tables(&b);

    l4_mfn = b.p2m[va_pfn(&b, b.l.v_pt)];
    rc = pv_pin_page(d, l4_mfn, PGT_l4_page_table);
    if (!rc)
        rc = get_page_and_type(mfn_to_page(_mfn(l4_mfn)), d, PGT_l4_page_table);
    if (rc) {
        printk(XENLOG_ERR "%s: its page tables did not validate (%d)\n", b.name, rc);
        goto out;
    }
    setup_vcpu0(d->vcpu[0], &b, parms.virt_entry, l4_mfn);
    d->vcpu[0]->is_initialised = true;
    printk("%s: %s kernel, %lu MiB, entry %#lx; region %#lx-%#lx (start_info %#lx, "
           "page tables %#lx, %lu frames)\n",
           b.name, parms.guest_os[0] ? parms.guest_os : "unnamed", nr_pages >> 8,
           (unsigned long)parms.virt_entry, (unsigned long)b.l.v_start, (unsigned long)b.l.v_end,
           (unsigned long)b.l.v_startinfo, (unsigned long)b.l.v_pt, b.l.nr_pt);
out:
    xfree(b.p2m);
    return rc;
}

int __init arch_construct_domain(struct domain *d, const struct boot_module *kernel,
                                 const struct boot_module *initrd, const char *cmdline,
                                 unsigned long nr_pages)
{
    return pv_build_domain(d, kernel, initrd, cmdline, nr_pages);
}
