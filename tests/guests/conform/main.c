/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The conformance guest (its first cases): booted as dom0, it checks the
 * answers Xen's ABI gives to edge cases of the hypercalls implemented so
 * far, and the start-of-day memory layout, printing "PASS name" or
 * "FAIL name: why" per case and "conform: N passed, M failed" at the end.
 * Expected values come from Xen's interface (xen-abi.md and Xen's
 * behaviour), never from what Xenia happens to do.
 */
#include <guestkit/guestkit.h>

#include "conform.h"
#include <public/errno.h>
#include <public/sched.h>
#include <public/version.h>

/* Inside the hypervisor's L4 slots 256-271: Xen's and Xenia's direct map. */
#define HYPERVISOR_POINTER 0xffff830000001000UL
/* The M2P: readable by the guest, yet never a valid hypercall buffer. */
#define M2P_POINTER 0xffff800000000000UL
/* A canonical guest address the builder never maps. */
#define UNMAPPED_POINTER 0x1000UL
/* A command number no interface defines. */
#define UNKNOWN_CMD 0x7e57

/* Xen's value of platform_parameters.virt_start for 64-bit PV guests. */
#define PV_VIRT_START 0xffff800000000000UL

#define FIRST_XEN_L4_SLOT 256
#define LAST_XEN_L4_SLOT  271

static void check_console_io(bool dom0)
{
    char c = 'x';

    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_write, 0, &c), 0, "console_io_write_zero");
    /* With nothing to write the buffer is never looked at. */
    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_write, 0, NULL), 0, "console_io_write_zero_null");
    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_write, 16, NULL), -XEN_EFAULT,
                 "console_io_write_null");
    gk_check_ret(HYPERVISOR_console_io(UNKNOWN_CMD, 1, &c), -XEN_ENOSYS, "console_io_unknown_cmd");
    /* Reading the hypervisor's serial input is for the control domain only. */
    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_read, 0, &c), dom0 ? 0 : -XEN_EPERM,
                 "console_io_read_zero");
}

/*
 * A string answer must come back NUL-terminated inside its fixed-size
 * buffer, printable, and starting with prefix.  The buffer is filled with
 * a non-printable pattern first, so an unwritten buffer cannot pass.
 */
static void check_version_string(int cmd, char *buf, size_t size, const char *prefix,
                                 const char *name)
{
    const char *why = NULL;
    size_t len;
    long rc;

    memset(buf, 0xa5, size);
    rc = HYPERVISOR_xen_version(cmd, buf);
    len = strnlen(buf, size);
    for (size_t i = 0; i < len && !why; i++) {
        if ((unsigned char)buf[i] < 0x20 || (unsigned char)buf[i] > 0x7e)
            why = "an unprintable character";
    }
    if (len == size)
        why = "no NUL inside the buffer";
    else if (!why && !gk_starts_with(buf, prefix))
        why = "the wrong prefix";
    if (!why)
        gk_printf("conform: %s '%s'\n", name, buf);
    gk_check(rc == 0 && !why, name, "returned %ld, %s (expected 0 and a string starting '%s')", rc,
             why ? why : "string fine", prefix);
}

static void check_xen_version(void)
{
    static xen_capabilities_info_t caps;
    static xen_changeset_info_t changeset;
    static xen_extraversion_t extra;
    xen_platform_parameters_t pp = {.virt_start = 0};
    xen_feature_info_t fi;
    long rc;

    check_version_string(XENVER_extraversion, extra, sizeof(extra), "", "xen_version_extraversion");
    check_version_string(XENVER_capabilities, caps, sizeof(caps), "xen-3.0-x86_64",
                         "xen_version_capabilities");
    check_version_string(XENVER_changeset, changeset, sizeof(changeset), "",
                         "xen_version_changeset");

    rc = HYPERVISOR_xen_version(XENVER_platform_parameters, &pp);
    gk_check(rc == 0 && pp.virt_start == PV_VIRT_START, "xen_version_platform_parameters",
             "returned %ld, virt_start %#lx (expected 0 and %#lx)", rc,
             (unsigned long)pp.virt_start, PV_VIRT_START);

    /* Only submap 0 exists (XENFEAT_NR_SUBMAPS is 1). */
    fi = (xen_feature_info_t){.submap_idx = 1};
    gk_check_ret(HYPERVISOR_xen_version(XENVER_get_features, &fi), -XEN_EINVAL,
                 "xen_version_features_submap1");
    gk_check_ret(HYPERVISOR_xen_version(UNKNOWN_CMD, NULL), -XEN_ENOSYS, "xen_version_unknown_cmd");
    gk_check_ret(HYPERVISOR_xen_version(XENVER_get_features, (void *)HYPERVISOR_POINTER),
                 -XEN_EFAULT, "xen_version_features_hypervisor_pointer");
    /* The whole hypervisor range is refused, even the part the guest can read. */
    gk_check_ret(HYPERVISOR_xen_version(XENVER_get_features, (void *)M2P_POINTER), -XEN_EFAULT,
                 "xen_version_features_m2p_pointer");
}

static void check_sched_op(void)
{
    long unmapped, hv;

    gk_check_ret(HYPERVISOR_sched_op(SCHEDOP_yield, NULL), 0, "sched_op_yield");
    gk_check_ret(HYPERVISOR_sched_op(UNKNOWN_CMD, NULL), -XEN_ENOSYS, "sched_op_unknown_cmd");
    /*
     * A good pointer would record the code for the final shutdown (Xen
     * keeps the first one recorded), so only bad pointers are tried.
     */
    unmapped = HYPERVISOR_sched_op(SCHEDOP_shutdown_code, (void *)UNMAPPED_POINTER);
    hv = HYPERVISOR_sched_op(SCHEDOP_shutdown_code, (void *)HYPERVISOR_POINTER);
    gk_check(unmapped == -XEN_EFAULT && hv == -XEN_EFAULT, "sched_op_shutdown_code_bad_pointer",
             "returned %ld (unmapped) and %ld (hypervisor), expected %d", unmapped, hv,
             -XEN_EFAULT);
}

static void check_hypercall_numbers(void)
{
    gk_check_ret(hypercall0(64), -XEN_ENOSYS, "hypercall_64");
    gk_check_ret(hypercall0(~0UL), -XEN_ENOSYS, "hypercall_all_ones");
    /* %rax is taken whole: xen_version with bit 32 set is no xen_version. */
    gk_check_ret(hypercall0((1UL << 32) | __HYPERVISOR_xen_version), -XEN_ENOSYS,
                 "hypercall_high_bits");
}

/* Every frame's M2P entry names the PFN the p2m list gives it. */
static void check_p2m_m2p(void)
{
    unsigned long nr = gk_nr_pages(), bad = 0, first = 0;

    for (unsigned long pfn = 0; pfn < nr; pfn++) {
        xen_pfn_t mfn = gk_pfn_to_mfn(pfn);

        if (mfn == GK_INVALID_MFN || mfn >= MACH2PHYS_NR_ENTRIES || gk_mfn_to_pfn(mfn) != pfn) {
            if (!bad++)
                first = pfn;
        }
    }
    gk_check(nr && !bad, "p2m_m2p_agree",
             "%lu of %lu frames disagree, the first pfn %#lx (p2m %#lx, M2P %#lx)", bad, nr, first,
             (unsigned long)gk_pfn_to_mfn(first),
             gk_pfn_to_mfn(first) < MACH2PHYS_NR_ENTRIES ? gk_mfn_to_pfn(gk_pfn_to_mfn(first))
                                                         : ~0UL);
}

/*
 * The bootstrap L1 entry for va: walk L4 -> L3 -> L2 -> L1 from pt_base,
 * turning each entry's MFN into a VA through the M2P and the initial
 * mapping.  Every table met must be one of the nr_pt_frames bootstrap
 * frames; otherwise (or on a missing entry or a superpage) say why in
 * why and return NULL.
 */
static const uint64_t *boot_l1e(unsigned long va, char *why, size_t size)
{
    const start_info_t *si = gk_start_info;
    unsigned long first = gk_virt_to_pfn((const void *)si->pt_base);
    const uint64_t *table = gk_boot_l4();

    for (unsigned int level = 4; level > 1; level--) {
        uint64_t e = table[gk_pt_index(va, level)];
        xen_pfn_t mfn = (e & GK_PTE_ADDR_MASK) >> GK_PAGE_SHIFT;
        unsigned long pfn;

        if (!(e & GK_PTE_PRESENT) || (level < 4 && (e & GK_PTE_PSE))) {
            gk_snprintf(why, size, "L%u entry %#lx for %#lx is %s", level, (unsigned long)e, va,
                        (e & GK_PTE_PRESENT) ? "a superpage" : "not present");
            return NULL;
        }
        pfn = mfn < MACH2PHYS_NR_ENTRIES ? gk_mfn_to_pfn(mfn) : ~0UL;
        if (pfn < first || pfn >= first + si->nr_pt_frames || gk_pfn_to_mfn(pfn) != mfn) {
            gk_snprintf(why, size,
                        "L%u entry %#lx for %#lx names mfn %#lx (pfn %#lx), not a "
                        "bootstrap table",
                        level, (unsigned long)e, va, (unsigned long)mfn, pfn);
            return NULL;
        }
        table = gk_pfn_to_virt(pfn);
    }
    return &table[gk_pt_index(va, 1)];
}

/* The L1 entry for va must map the frame the p2m gives va's PFN. */
static bool l1e_maps(const uint64_t *l1e, const void *va)
{
    return (*l1e & GK_PTE_PRESENT) &&
           ((*l1e & GK_PTE_ADDR_MASK) >> GK_PAGE_SHIFT) == gk_virt_to_mfn(va);
}

static void check_bootstrap_tables(void)
{
    const start_info_t *si = gk_start_info;
    const uint64_t *l1e = NULL;
    char why[160] = "no page-table frames";

    /* Page-table frames are mapped read-only (L4 first, then L3, L2, L1). */
    for (unsigned long i = 0; i < si->nr_pt_frames; i++) {
        const void *va = (const void *)(si->pt_base + i * GK_PAGE_SIZE);

        l1e = boot_l1e((unsigned long)va, why, sizeof(why));
        if (!l1e)
            break;
        if (!l1e_maps(l1e, va) || (*l1e & GK_PTE_RW)) {
            gk_snprintf(why, sizeof(why), "page-table frame %lu at %p: L1 entry %#lx", i, va,
                        (unsigned long)*l1e);
            l1e = NULL;
            break;
        }
    }
    gk_check(l1e != NULL, "bootstrap_pt_read_only", "%s", why);

    /* Everything else of the bootstrap region, start_info included, is writable. */
    l1e = boot_l1e((unsigned long)si, why, sizeof(why));
    if (l1e && !(l1e_maps(l1e, si) && (*l1e & GK_PTE_RW))) {
        gk_snprintf(why, sizeof(why), "L1 entry %#lx for start_info at %p", (unsigned long)*l1e,
                    (const void *)si);
        l1e = NULL;
    }
    gk_check(l1e != NULL, "start_info_mapped_rw", "%s", why);
}

/*
 * The hypervisor fills L4 slots 256-271 of every guest L4 itself: slot
 * 256 with the read-only M2P the guest reads (so present and user), the
 * others with its own mappings, which vary (Xen, for one, leaves the
 * shadow-linear slot 259 of PV guests empty), but are never all absent:
 * the hypervisor runs on the guest's tables.
 */
static void check_l4_hypervisor_slots(void)
{
    const uint64_t *l4 = gk_boot_l4();
    const uint64_t m2p_bits = GK_PTE_PRESENT | GK_PTE_USER;
    char slots[80] = "";
    unsigned int others = 0;
    size_t len = 0;

    for (unsigned int i = FIRST_XEN_L4_SLOT; i <= LAST_XEN_L4_SLOT; i++) {
        if (!(l4[i] & GK_PTE_PRESENT))
            continue;
        len += (size_t)gk_snprintf(slots + len, sizeof(slots) - len, " %u", i);
        others += i != FIRST_XEN_L4_SLOT;
    }
    gk_printf("conform: hypervisor L4 slots present:%s\n", slots);
    gk_check((l4[FIRST_XEN_L4_SLOT] & m2p_bits) == m2p_bits && gk_mfn_to_pfn(gk_pfn_to_mfn(0)) == 0,
             "l4_slot256_m2p", "L4[256] = %#lx: no user-readable M2P",
             (unsigned long)l4[FIRST_XEN_L4_SLOT]);
    gk_check(others > 0, "l4_hypervisor_slots", "slots 257-271 are all empty");
}

void gk_main(start_info_t *si)
{
    gk_print_start_info("conform");
    /* As an ordinary domain: only the control domain's calls, all refused. */
    if (!(si->flags & SIF_INITDOMAIN)) {
        check_domctl_eperm();
        gk_test_summary("conform");
    }
    check_console_io(si->flags & SIF_INITDOMAIN);
    check_xen_version();
    check_sched_op();
    check_hypercall_numbers();
    check_p2m_m2p();
    check_bootstrap_tables();
    check_l4_hypervisor_slots();
    check_mmu();
    check_traps();
    check_memory();
    check_gnttab();
    check_time();
    check_segs();
    check_emul();
    check_sched();
    check_evtchn();
    check_timers();
    check_nmi();
    check_domctl();
    check_vcpu_info(); /* last: vCPU 0's vcpu_info moves */
    gk_test_summary("conform");
}
