/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segment descriptors of PV guests: the real arch/x86_64/pv/descriptor.c
 * (the descriptor check, descriptor-page frames, set_gdt and
 * update_descriptor) with the real frame-type code of pv/mm.c, on fake
 * machine memory.  Expected values follow Xen's rules for 64-bit PV.
 */
#include <string.h>

#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/mm.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <asm/pv-mm.h>

#include <harness/harness.h>

/* A guest pointer copy_from_guest() refuses. */
#define BAD_GUEST_POINTER HARNESS_BAD_GUEST_POINTER

/* Descriptors as guests write them. */
#define CODE64_DPL3 0x00affa000000ffffUL
#define CODE64_DPL0 0x00af9a000000ffffUL
#define DATA_DPL3   0x00cff2000000ffffUL
#define DATA_DPL1   0x00cfb2000000ffffUL
#define TSS64       0x0000890000000067UL /* available 64-bit TSS, DPL 0 */
#define TSS64_BUSY  0x00008b0000000067UL
#define LDT         0x0000820000000fffUL
#define INTR_GATE   0x00008e0000080000UL /* to selector 0x0008, DPL 0 */
#define INTR_GATE3  0x0000ee0000080000UL /* the same, DPL 3 */
#define TRAP_GATE   0x00008f0000080000UL
#define TASK_GATE   0x0000850000080000UL

static struct domain *d, *other;
static struct vcpu *v;
static unsigned long initial_avail;
static const struct vcpu *mapped_gdt;
static unsigned int unmaps;

/* Stand-ins for the arch's GDT area. */
void pv_map_gdt(const struct vcpu *vc)
{
    mapped_gdt = vc;
}

void pv_unmap_gdt(const struct vcpu *vc)
{
    unmaps++;
    if (mapped_gdt == vc)
        mapped_gdt = NULL;
}

/* A 64-bit call gate to sel:offset (offset < 4 GiB), with this DPL. */
static uint64_t call_gate(unsigned int sel, unsigned int dpl)
{
    return (0x1234UL << 48) | (1UL << 47) | ((uint64_t)dpl << 45) | (0xcUL << 40) |
           ((uint64_t)sel << 16) | 0x5678;
}

static unsigned int dpl_of(uint64_t desc)
{
    return (unsigned int)(desc >> 45) & 3;
}

static void setup(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    initial_avail = avail_heap_pages();
    ck_assert_int_eq(domain_create(1, 0, 1, &d), 0);
    ck_assert_int_eq(domain_create(2, 0, 1, &other), 0);
    d->max_pages = other->max_pages = 256;
    ck_assert_int_eq(vcpu_create(d, 0, &v), 0);
    harness_current = v;
    mapped_gdt = NULL;
    unmaps = 0;
}

static unsigned long frame(struct domain *owner)
{
    return harness_domain_frame(owner);
}

static uint64_t *descs(unsigned long mfn)
{
    return harness_frame_va(mfn);
}

static struct page_info *pg_of(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn));
}

static unsigned long type_of(unsigned long mfn)
{
    return pg_of(mfn)->u.type_info & PGT_type_mask;
}

static unsigned long type_count(unsigned long mfn)
{
    return pg_of(mfn)->u.type_info & PGT_count_mask;
}

/* pv_check_descriptor() on a copy: the verdict, and the copy in *out. */
static bool check(uint64_t desc, uint64_t *out)
{
    *out = desc;
    return pv_check_descriptor(out);
}

START_TEST(test_code_and_data_made_dpl3)
{
    uint64_t e;

    ck_assert(check(CODE64_DPL3, &e) && e == CODE64_DPL3);
    ck_assert(check(DATA_DPL3, &e) && e == DATA_DPL3);
    /* A more privileged descriptor is not refused: it gets DPL 3. */
    ck_assert(check(CODE64_DPL0, &e) && e == CODE64_DPL3);
    ck_assert(check(DATA_DPL1, &e) && e == DATA_DPL3);
    /* No base or limit checks for 64-bit guests. */
    ck_assert(check(0xff4ff2ffffffffffUL, &e) && e == 0xff4ff2ffffffffffUL);
}
END_TEST

START_TEST(test_not_present_and_type0_left_alone)
{
    uint64_t e;

    ck_assert(check(0, &e) && e == 0);
    /* Not present: any use faults, so even a TSS type is fine, as is. */
    ck_assert(check(TSS64 & ~(1UL << 47), &e) && e == (TSS64 & ~(1UL << 47)));
    ck_assert(check(0xffff7fffffffffffUL, &e) && e == 0xffff7fffffffffffUL);
    /* A present system descriptor of type 0 (a call gate's upper half). */
    ck_assert(check(0x0000800000000000UL, &e) && e == 0x0000800000000000UL);
}
END_TEST

START_TEST(test_system_descriptors_refused)
{
    const uint64_t bad[] = {TSS64, TSS64_BUSY, LDT, INTR_GATE, INTR_GATE3, TRAP_GATE, TASK_GATE};
    uint64_t e;

    for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_msg(!check(bad[i], &e), "descriptor %#lx accepted", (unsigned long)bad[i]);
        ck_assert(e == bad[i]); /* a refused descriptor is not rewritten */
    }
}
END_TEST

START_TEST(test_call_gates)
{
    uint64_t e;

    /* DPL 0 in the gate, the guest's DPL (raised to 3) as the selector's RPL. */
    ck_assert(check(call_gate(0x0008, 3), &e));
    ck_assert_uint_eq(dpl_of(e), 0);
    ck_assert_uint_eq((e >> 16) & 0xffff, 0x000b);
    ck_assert_uint_eq(e & ~((3UL << 45) | (0xffffUL << 16)),
                      call_gate(0x0008, 3) & ~((3UL << 45) | (0xffffUL << 16)));
    ck_assert(check(call_gate(0x0008, 0), &e) && ((e >> 16) & 3) == 3 && dpl_of(e) == 0);
    /* Targets: the guest's GDT, its LDT, the flat kernel code segment. */
    ck_assert(check(call_gate(7167 << 3, 3), &e));
    ck_assert(check(call_gate(0xe00c, 3), &e));
    ck_assert(check(call_gate(0xe033, 3), &e));
    /* Not the hypervisor's own code segment, nor its other entries. */
    ck_assert(!check(call_gate(0xe008, 3), &e));
    ck_assert(!check(call_gate(0xe023, 3), &e));
    ck_assert(!check(call_gate(7168 << 3, 3), &e));
    /* Bits 0-7 of the upper half are reserved in a 64-bit gate. */
    ck_assert(!check(call_gate(0x0008, 3) | (1UL << 32), &e));
}
END_TEST

START_TEST(test_desc_page_validation_fixes_dpl)
{
    unsigned long f = frame(d);

    descs(f)[1] = CODE64_DPL0;
    descs(f)[2] = DATA_DPL3;
    descs(f)[511] = call_gate(0x0008, 3);
    ck_assert_int_eq(get_page_and_type(pg_of(f), d, PGT_seg_desc_page), 0);
    ck_assert_uint_eq(type_of(f), PGT_seg_desc_page);
    ck_assert_uint_eq(type_count(f), 1);
    ck_assert(descs(f)[1] == CODE64_DPL3);
    ck_assert(descs(f)[2] == DATA_DPL3);
    ck_assert_uint_eq((descs(f)[511] >> 16) & 0xffff, 0x000b);
    put_page_and_type(pg_of(f));
}
END_TEST

START_TEST(test_bad_descriptor_frame_refused)
{
    unsigned long f = frame(d), g = frame(d);

    descs(f)[300] = TSS64;
    descs(f)[301] = 0; /* its upper half */
    ck_assert_int_eq(get_page_and_type(pg_of(f), d, PGT_seg_desc_page), -EINVAL);
    ck_assert_uint_eq(type_count(f), 0);
    ck_assert_uint_eq(type_of(f), PGT_none);
    descs(g)[17] = INTR_GATE3;
    ck_assert_int_eq(get_page_and_type(pg_of(g), d, PGT_seg_desc_page), -EINVAL);
    /* Nothing is left held: the frames can be anything else. */
    ck_assert_int_eq(get_page_and_type(pg_of(f), d, PGT_writable_page), 0);
    put_page_and_type(pg_of(f));
    ck_assert_uint_eq(pg_of(f)->count_info & PGC_count_mask, 1);
}
END_TEST

START_TEST(test_desc_page_excludes_writable_and_tables)
{
    unsigned long gdt = frame(d), l1 = frame(d), w = frame(d);
    pte_t *t = maddr_to_virt((paddr_t)l1 << PAGE_SHIFT);

    ck_assert_int_eq(get_page_and_type(pg_of(gdt), d, PGT_seg_desc_page), 0);
    ck_assert_int_eq(get_page_type(pg_of(gdt), PGT_writable_page), -EINVAL);
    ck_assert_int_eq(get_page_type(pg_of(gdt), PGT_l1_page_table), -EINVAL);
    /* No page table may map it writable; read-only is fine. */
    t[0] = ((pte_t)gdt << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW;
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    t[0] = ((pte_t)gdt << PAGE_SHIFT) | _PAGE_PRESENT;
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    /* And the other way round: a writable frame or a table is no GDT. */
    ck_assert_int_eq(get_page_and_type(pg_of(w), d, PGT_writable_page), 0);
    ck_assert_int_eq(get_page_type(pg_of(w), PGT_seg_desc_page), -EINVAL);
    ck_assert_int_eq(get_page_type(pg_of(l1), PGT_seg_desc_page), -EINVAL);

    /* Released, the GDT frame may become writable; written with a bad
     * descriptor meanwhile, it is checked again and refused. */
    put_page_and_type(pg_of(gdt));
    ck_assert_int_eq(pv_unpin_page(d, l1), 0);
    ck_assert_int_eq(get_page_type(pg_of(gdt), PGT_writable_page), 0);
    descs(gdt)[5] = LDT;
    put_page_type(pg_of(gdt));
    ck_assert_int_eq(get_page_type(pg_of(gdt), PGT_seg_desc_page), -EINVAL);
    put_page_and_type(pg_of(w));
}
END_TEST

START_TEST(test_set_gdt_frames)
{
    unsigned long f[3] = {frame(d), frame(d), frame(d)};
    unsigned long next[2] = {f[2], frame(d)};

    ck_assert_int_eq(pv_set_gdt(v, f, 1024), 0);
    ck_assert_uint_eq(type_count(f[0]), 1);
    ck_assert_uint_eq(type_count(f[1]), 1);
    ck_assert_uint_eq(type_count(f[2]), 0); /* 1024 entries are two pages */
    ck_assert_uint_eq(v->arch.gdt_ents, 1024);
    ck_assert_uint_eq(v->arch.gdt_frames[1], f[1]);

    /* A bad frame anywhere leaves the old GDT and takes nothing. */
    descs(next[1])[0] = TSS64;
    ck_assert_int_eq(pv_set_gdt(v, next, 1025), -EINVAL);
    ck_assert_uint_eq(type_count(f[2]), 0);
    ck_assert_uint_eq(type_of(f[2]), PGT_seg_desc_page); /* validated, unused */
    ck_assert_uint_eq(type_count(f[0]), 1);
    ck_assert_uint_eq(v->arch.gdt_frames[0], f[0]);
    next[1] = frame(other);
    ck_assert_int_eq(pv_set_gdt(v, next, 1025), -EINVAL);
    next[1] = ~0UL >> 12;
    ck_assert_int_eq(pv_set_gdt(v, next, 1025), -EINVAL);
    ck_assert_int_eq(pv_set_gdt(v, next, 14 * 512 + 1), -EINVAL);
    ck_assert_uint_eq(type_count(f[2]), 0);

    /* The new GDT replaces the old, whose frames are free to be anything. */
    ck_assert_int_eq(pv_set_gdt(v, &f[2], 1), 0);
    ck_assert_uint_eq(type_count(f[0]), 0);
    ck_assert_uint_eq(type_count(f[2]), 1);
    ck_assert_uint_eq(v->arch.gdt_frames[1], 0);
    ck_assert_uint_ge(unmaps, 1); /* the old frames left the CPU first */
    ck_assert_int_eq(get_page_type(pg_of(f[0]), PGT_writable_page), 0);
    put_page_type(pg_of(f[0]));

    ck_assert_int_eq(pv_set_gdt(v, NULL, 0), 0);
    ck_assert_uint_eq(type_count(f[2]), 0);
    ck_assert_uint_eq(v->arch.gdt_ents, 0);
}
END_TEST

START_TEST(test_set_gdt_hypercall)
{
    unsigned long f[2] = {frame(d), frame(d)};

    ck_assert_int_eq(do_set_gdt((unsigned long)f, 513, 0, 0, 0), 0);
    ck_assert_ptr_eq(mapped_gdt, v);
    ck_assert_uint_eq(type_count(f[1]), 1);
    ck_assert_int_eq(do_set_gdt(BAD_GUEST_POINTER, 1, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(do_set_gdt(BAD_GUEST_POINTER, 7169, 0, 0, 0), -EINVAL);
    ck_assert_uint_eq(type_count(f[1]), 1);
    /* entries is 32 bits wide in Xen's interface. */
    ck_assert_int_eq(do_set_gdt((unsigned long)f, (1UL << 32) | 1, 0, 0, 0), 0);
    ck_assert_uint_eq(v->arch.gdt_ents, 1);
    ck_assert_uint_eq(type_count(f[1]), 0);
    /* No frames: an empty GDT, and no list to read. */
    ck_assert_int_eq(do_set_gdt(BAD_GUEST_POINTER, 0, 0, 0, 0), 0);
    ck_assert_uint_eq(type_count(f[0]), 0);
}
END_TEST

START_TEST(test_update_descriptor)
{
    unsigned long w = frame(d), gdt = frame(d), l1 = frame(d);
    paddr_t wa = (paddr_t)w << PAGE_SHIFT, ga = (paddr_t)gdt << PAGE_SHIFT;

    /* An ordinary frame: written, fixed up like a GDT's. */
    ck_assert_int_eq(do_update_descriptor(wa + 16, DATA_DPL1, 0, 0, 0), 0);
    ck_assert(descs(w)[2] == DATA_DPL3);
    ck_assert_uint_eq(type_count(w), 0);
    ck_assert_int_eq(do_update_descriptor(wa + 20, DATA_DPL3, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(do_update_descriptor(wa + 24, TSS64, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(do_update_descriptor(wa + 24, INTR_GATE, 0, 0, 0), -EINVAL);
    ck_assert(descs(w)[3] == 0);

    /* A frame of the live GDT. */
    ck_assert_int_eq(pv_set_gdt(v, &gdt, 512), 0);
    ck_assert_int_eq(do_update_descriptor(ga + 8, CODE64_DPL0, 0, 0, 0), 0);
    ck_assert(descs(gdt)[1] == CODE64_DPL3);
    ck_assert_uint_eq(type_count(gdt), 1);
    ck_assert_int_eq(do_update_descriptor(ga + 8, LDT, 0, 0, 0), -EINVAL);
    ck_assert(descs(gdt)[1] == CODE64_DPL3);

    /* Not a page table, nor a frame that is not the guest's. */
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_int_eq(do_update_descriptor((paddr_t)l1 << PAGE_SHIFT, DATA_DPL3, 0, 0, 0), -EINVAL);
    ck_assert(descs(l1)[0] == 0);
    ck_assert_int_eq(do_update_descriptor((paddr_t)frame(other) << PAGE_SHIFT, DATA_DPL3, 0, 0, 0),
                     -EINVAL);
    ck_assert_int_eq(do_update_descriptor(~0UL << 12, DATA_DPL3, 0, 0, 0), -EINVAL);
    ck_assert_uint_eq(pg_of(w)->count_info & PGC_count_mask, 1);
}
END_TEST

START_TEST(test_kill_releases_gdt)
{
    unsigned long f[2] = {frame(d), frame(d)};

    ck_assert_int_eq(pv_set_gdt(v, f, 1024), 0);
    pv_map_gdt(v);
    for (int i = 0; i < 10; i++)
        frame(d);
    domain_kill(d);
    ck_assert_ptr_null(mapped_gdt); /* off the CPU before the frames went */
    ck_assert_ptr_null(get_domain_by_id(1));
    domain_kill(other);
    ck_assert_uint_eq(domain_count(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

Suite *pv_desc_suite(void)
{
    Suite *s = suite_create("pv_desc");
    TCase *tc = tcase_create("check");
    TCase *tf = tcase_create("frames");

    tcase_add_test(tc, test_code_and_data_made_dpl3);
    tcase_add_test(tc, test_not_present_and_type0_left_alone);
    tcase_add_test(tc, test_system_descriptors_refused);
    tcase_add_test(tc, test_call_gates);
    suite_add_tcase(s, tc);

    tcase_add_checked_fixture(tf, setup, NULL);
    tcase_add_test(tf, test_desc_page_validation_fixes_dpl);
    tcase_add_test(tf, test_bad_descriptor_frame_refused);
    tcase_add_test(tf, test_desc_page_excludes_writable_and_tables);
    tcase_add_test(tf, test_set_gdt_frames);
    tcase_add_test(tf, test_set_gdt_hypercall);
    tcase_add_test(tf, test_update_descriptor);
    tcase_add_test(tf, test_kill_releases_gdt);
    suite_add_tcase(s, tf);
    return s;
}
