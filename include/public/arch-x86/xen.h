/* SPDX-License-Identifier: MIT */
/*
 * x86 part of the guest ABI: guest handles, the basic machine-word types,
 * the virtual IDT entry, the full vCPU context and the x86 pieces of
 * shared_info and vcpu_info.  Only the 64-bit (x86-64) PV layout is
 * provided; the word-sized fields are written as fixed 64-bit types.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

#include "../xen-compat.h"

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * A guest handle is a guest-virtual pointer carried inside a hypercall
 * argument structure.  Wrapping it in a one-member struct keeps handles
 * of different types from being mixed up by accident.  On x86 a handle
 * in memory and a handle passed in a register look the same.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct {                           \
        type *p;                               \
    } __guest_handle_##name

/* Defines the handle type and its read-only twin const_<name>. */
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);   \
    ___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name) __DEFINE_XEN_GUEST_HANDLE(name, name)

#define __XEN_GUEST_HANDLE(name)     __guest_handle_##name
#define XEN_GUEST_HANDLE(name)       __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name) XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_64(name)    XEN_GUEST_HANDLE(name)

#define set_xen_guest_handle_raw(hnd, val) \
    do {                                   \
        (hnd).p = (val);                   \
    } while (0)
#define set_xen_guest_handle(hnd, val) set_xen_guest_handle_raw(hnd, val)

/* Machine word as the guest sees it, and a (pseudo-)physical frame number. */
typedef uint64_t xen_ulong_t;
typedef uint64_t xen_pfn_t;
#define PRI_xen_ulong "lx"
#define PRI_xen_pfn   "lx"
#define PRIu_xen_pfn  "lu"

/* The value a hypercall registers as an entry point: a guest-virtual address. */
typedef uint64_t xen_callback_t;
#endif /* !__ASSEMBLER__ */

#include "xen-x86_64.h"

/*
 * Tells xen.h which optional pieces exist: start_info, the per-vCPU
 * upcall mask, and the arch members of vcpu_info and shared_info (the
 * last two are Xenia's names; see arch-arm.h).
 */
#define XEN_HAVE_PV_GUEST_ENTRY   1
#define XEN_HAVE_PV_UPCALL_MASK   1
#define XEN_HAVE_ARCH_VCPU_INFO   1
#define XEN_HAVE_ARCH_SHARED_INFO 1

/*
 * The hypervisor owns the top of every GDT: pages 14 and 15 (entries
 * 7168 and up).  A guest's own GDT (set_gdt) may use pages 0..13 only.
 * The LDT is loaded with MMUEXT_SET_LDT.
 */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* shared_info has room for this many vcpu_info slots; later vCPUs must move theirs. */
#define XEN_LEGACY_MAX_VCPUS 32

/*
 * Bytes that make the hypervisor emulate the next instruction even if it
 * would not trap (ud2; "xen"); used before CPUID.
 */
#ifdef __ASSEMBLER__
#define XEN_EMULATE_PREFIX .byte 0x0f, 0x0b, 0x78, 0x65, 0x6e;
#define XEN_CPUID          XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e; "
#define XEN_CPUID          XEN_EMULATE_PREFIX "cpuid"
#endif

/* I/O port whose writes show up on the hypervisor console (HVM guests). */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#ifndef __ASSEMBLER__

/*
 * One virtual IDT entry; set_trap_table takes an array of them (IN),
 * ended by an entry whose address is 0.  flags bits 0-1: lowest mode
 * allowed to raise the vector with a software INT (0: nobody, 1 or 2:
 * guest kernel, 3: anyone); bit 2: mask events on entry, like an
 * interrupt gate.  16 bytes.
 */
struct trap_info {
    uint8_t vector;   /* exception or interrupt vector */
    uint8_t flags;    /* privilege bits 0-1, event-mask bit 2 */
    uint16_t cs;      /* handler code selector */
    uint32_t _pad0;   /* implicit in Xen's layout */
    uint64_t address; /* handler entry point (guest virtual) */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

#define TI_GET_DPL(ti)      ((ti)->flags & 3)
#define TI_GET_IF(ti)       ((ti)->flags & 4)
#define TI_SET_DPL(ti, dpl) ((ti)->flags |= (dpl))
#define TI_SET_IF(ti, on)   ((ti)->flags |= ((on) ? 4 : 0))

typedef uint64_t tsc_timestamp_t;

/* Flags of vcpu_guest_context.flags. */
#define _VGCF_i387_valid               0 /* fpu_ctxt holds valid state */
#define VGCF_i387_valid                (1 << _VGCF_i387_valid)
#define _VGCF_in_kernel                2 /* vCPU is in guest-kernel mode */
#define VGCF_in_kernel                 (1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events 3 /* failsafe callback masks events */
#define VGCF_failsafe_disables_events  (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events  4 /* syscall callback masks events */
#define VGCF_syscall_disables_events   (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                   5 /* vCPU starts running */
#define VGCF_online                    (1 << _VGCF_online)

/*
 * Complete architectural state of one PV vCPU: the argument of
 * VCPUOP_initialise and of the toolstack's set/getvcpucontext (IN for
 * set, OUT for get).  The user page-table root goes in ctrlreg[1], the
 * kernel one in ctrlreg[3] (both as CR3 values).  5168 bytes.
 */
struct vcpu_guest_context {
    /* FXSAVE image first, so it can be 16-byte aligned. */
    struct {
        char x[512];
    } fpu_ctxt;
    uint64_t flags; /* VGCF_* */
#ifdef XEN_PUBLIC_HYPERVISOR_VIEW
    struct guest_user_regs user_regs; /* see xen-x86_64.h */
#else
    struct cpu_user_regs user_regs;
#endif
    struct trap_info trap_ctxt[256]; /* the virtual IDT */
    uint64_t ldt_base;               /* LDT linear address */
    uint64_t ldt_ents;               /* LDT entry count */
    uint64_t gdt_frames[16];         /* GDT machine frames */
    uint64_t gdt_ents;               /* GDT entry count */
    uint64_t kernel_ss;              /* stack used when entering guest kernel mode */
    uint64_t kernel_sp;
    uint64_t ctrlreg[8];  /* CR0..CR7 */
    uint64_t debugreg[8]; /* DR0..DR7 */
    uint64_t event_callback_eip;
    uint64_t failsafe_callback_eip;
    uint64_t syscall_callback_eip;
    uint64_t vm_assist; /* bitmap of enabled VMASST_TYPE_* */
    uint64_t fs_base;
    uint64_t gs_base_kernel;
    uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/*
 * x86 tail of shared_info.  Written by the guest for the benefit of the
 * toolstack (p2m location and size), except nmi_reason which the
 * hypervisor writes.  48 bytes.
 */
struct arch_shared_info {
    uint64_t max_pfn;                     /* entries in the p2m list */
    xen_pfn_t pfn_to_mfn_frame_list_list; /* 3-level p2m tree root; ~0 = use p2m_vaddr */
    uint64_t nmi_reason;
    uint64_t p2m_cr3;        /* CR3 value of the address space holding p2m_vaddr; 0 = unset */
    uint64_t p2m_vaddr;      /* virtual address of the linear p2m list */
    uint64_t p2m_generation; /* odd while the guest is changing the p2m mapping */
};
typedef struct arch_shared_info arch_shared_info_t;

/* Serialised CPUID leaf and MSR value (toolstack CPU policy calls). */
#define XEN_CPUID_NO_SUBLEAF 0xffffffffu
struct xen_cpuid_leaf {
    uint32_t leaf, subleaf;
    uint32_t a, b, c, d;
};
typedef struct xen_cpuid_leaf xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);

struct xen_msr_entry {
    uint32_t idx;
    uint32_t flags; /* must be zero */
    uint64_t val;
};
typedef struct xen_msr_entry xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

/*
 * x86 part of domctl createdomain and getdomaininfo.  A PV guest has
 * no emulated devices (emulation_flags 0).  8 bytes.
 */
#define XEN_X86_EMU_LAPIC   (1U << 0)
#define XEN_X86_EMU_ALL     0x7ffU
#define XEN_X86_MSR_RELAXED (1U << 0) /* misc_flags */
struct xen_arch_domainconfig {
    uint32_t emulation_flags;
    uint32_t misc_flags;
};
#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
