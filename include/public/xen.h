/* SPDX-License-Identifier: MIT */
/*
 * Core of the guest ABI: hypercall numbers, virtual interrupts, page-table
 * update requests, domain ids, and the three structures every PV guest
 * meets at boot: start_info, shared_info and vcpu_info.  The layouts are
 * x86-64's unless marked otherwise; AArch64 (arch-arm.h) shares everything
 * here except start_info, the upcall mask and the `arch` members.
 *
 * Binary compatible with Xen's public headers (same names, same values,
 * same layouts); written independently for Xenia.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include "xen-compat.h"

#if defined(__x86_64__)
#include "arch-x86/xen.h"
#elif defined(__aarch64__)
#include "arch-arm.h"
#elif defined(__i386__)
#error "32-bit x86 guests are not supported by these headers"
#else
#error "these public headers describe the x86-64 and AArch64 ABIs only"
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Handles for plain C types used by many calls. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);
#endif

/*
 * Hypercall numbers (the value in %rax on x86-64).  Numbers 11 and
 * 43-47 are unused.
 */
#define __HYPERVISOR_set_trap_table                0
#define __HYPERVISOR_mmu_update                    1
#define __HYPERVISOR_set_gdt                       2
#define __HYPERVISOR_stack_switch                  3
#define __HYPERVISOR_set_callbacks                 4
#define __HYPERVISOR_fpu_taskswitch                5
#define __HYPERVISOR_sched_op_compat               6 /* superseded by sched_op */
#define __HYPERVISOR_platform_op                   7
#define __HYPERVISOR_set_debugreg                  8
#define __HYPERVISOR_get_debugreg                  9
#define __HYPERVISOR_update_descriptor             10
#define __HYPERVISOR_memory_op                     12
#define __HYPERVISOR_multicall                     13
#define __HYPERVISOR_update_va_mapping             14
#define __HYPERVISOR_set_timer_op                  15
#define __HYPERVISOR_event_channel_op_compat       16 /* superseded by event_channel_op */
#define __HYPERVISOR_xen_version                   17
#define __HYPERVISOR_console_io                    18
#define __HYPERVISOR_physdev_op_compat             19 /* superseded by physdev_op */
#define __HYPERVISOR_grant_table_op                20
#define __HYPERVISOR_vm_assist                     21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                          23 /* x86 */
#define __HYPERVISOR_vcpu_op                       24
#define __HYPERVISOR_set_segment_base              25 /* x86-64 */
#define __HYPERVISOR_mmuext_op                     26
#define __HYPERVISOR_xsm_op                        27
#define __HYPERVISOR_nmi_op                        28
#define __HYPERVISOR_sched_op                      29
#define __HYPERVISOR_callback_op                   30
#define __HYPERVISOR_xenoprof_op                   31 /* gone since Xen 4.22 */
#define __HYPERVISOR_event_channel_op              32
#define __HYPERVISOR_physdev_op                    33
#define __HYPERVISOR_hvm_op                        34
#define __HYPERVISOR_sysctl                        35
#define __HYPERVISOR_domctl                        36
#define __HYPERVISOR_kexec_op                      37
#define __HYPERVISOR_tmem_op                       38 /* removed; number kept reserved */
#define __HYPERVISOR_argo_op                       39
#define __HYPERVISOR_xenpmu_op                     40
#define __HYPERVISOR_dm_op                         41
#define __HYPERVISOR_hypfs_op                      42

/* Eight numbers left to each architecture (x86: arch_1 is machine check). */
#define __HYPERVISOR_arch_0 48
#define __HYPERVISOR_arch_1 49
#define __HYPERVISOR_arch_2 50
#define __HYPERVISOR_arch_3 51
#define __HYPERVISOR_arch_4 52
#define __HYPERVISOR_arch_5 53
#define __HYPERVISOR_arch_6 54
#define __HYPERVISOR_arch_7 55

/*
 * Virtual interrupts a domain can bind to an event channel.  V: one per
 * vCPU, bound on each vCPU at most once; G: one per system, first bound
 * on vCPU 0 and movable later; D: one per domain.
 */
#define VIRQ_TIMER      0  /* V: timer expired or time values updated */
#define VIRQ_DEBUG      1  /* V: please dump debug state */
#define VIRQ_CONSOLE    2  /* G: input on the hypervisor console */
#define VIRQ_DOM_EXC    3  /* G: some domain shut down or crashed */
#define VIRQ_TBUF       4  /* G: trace records available */
#define VIRQ_DEBUGGER   6  /* G: a domain stopped for a debugger */
#define VIRQ_XENOPROF   7  /* V: profiling sample ready */
#define VIRQ_CON_RING   8  /* G: hypervisor console ring has new bytes */
#define VIRQ_PCPU_STATE 9  /* G: a physical CPU changed state */
#define VIRQ_MEM_EVENT  10 /* G: memory event */
#define VIRQ_ARGO       11 /* D: Argo message arrived */
#define VIRQ_ENOMEM     12 /* G: hypervisor heap is low */
#define VIRQ_XENPMU     13 /* V: performance counter interrupt */

#define VIRQ_ARCH_0 16 /* x86: machine check */
#define VIRQ_ARCH_1 17
#define VIRQ_ARCH_2 18
#define VIRQ_ARCH_3 19
#define VIRQ_ARCH_4 20
#define VIRQ_ARCH_5 21
#define VIRQ_ARCH_6 22
#define VIRQ_ARCH_7 23

#define NR_VIRQS 24

/*
 * mmu_update: each request's ptr[1:0] selects the command below and
 * ptr & ~3 is a machine address.  The hypercall's foreigndom argument
 * (bits 15:0) names the owner of frames that new L1 entries may map:
 * DOMID_SELF for the caller, DOMID_IO for I/O memory only, DOMID_XEN
 * (privileged) for hypervisor-owned frames.  Bits 31:16, when non-zero,
 * hold 1 + the id of the domain owning the page tables being changed.
 */
#define MMU_NORMAL_PT_UPDATE       0 /* validated write of val to the PTE at ptr */
#define MMU_MACHPHYS_UPDATE        1 /* M2P entry of frame ptr >> 12 := val */
#define MMU_PT_UPDATE_PRESERVE_AD  2 /* as 0, keeping the PTE's Accessed/Dirty bits */
#define MMU_PT_UPDATE_NO_TRANSLATE 3 /* as 0, val taken as a machine frame as-is */

/*
 * mmuext_op commands.  Pin/unpin and the base-pointer commands take a
 * frame in arg1.mfn; the INVLPG commands and SET_LDT an address in
 * arg1.linear_addr.  The *_MULTI commands point arg2.vcpumask at a
 * bitmap of vCPUs; SET_LDT puts the entry count in arg2.nr_ents;
 * COPY_PAGE takes the source in arg2.src_mfn.
 */
#define MMUEXT_PIN_L1_TABLE       0
#define MMUEXT_PIN_L2_TABLE       1
#define MMUEXT_PIN_L3_TABLE       2
#define MMUEXT_PIN_L4_TABLE       3
#define MMUEXT_UNPIN_TABLE        4
#define MMUEXT_NEW_BASEPTR        5 /* kernel-mode page-table root */
#define MMUEXT_TLB_FLUSH_LOCAL    6
#define MMUEXT_INVLPG_LOCAL       7
#define MMUEXT_TLB_FLUSH_MULTI    8
#define MMUEXT_INVLPG_MULTI       9
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13
#define MMUEXT_NEW_USER_BASEPTR   15 /* user-mode page-table root (x86-64) */
#define MMUEXT_CLEAR_PAGE         16
#define MMUEXT_COPY_PAGE          17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19 /* obsolete */
#define MMUEXT_UNMARK_SUPER       20 /* obsolete */

/*
 * update_va_mapping flags: a flush type, optionally ORed with a scope.
 * Local scope is the multi scope with a null bitmap; for a vCPU subset,
 * OR in a pointer to the bitmap.
 */
#define UVMF_NONE           (xen_mk_ulong(0) << 0) /* no flush */
#define UVMF_TLB_FLUSH      (xen_mk_ulong(1) << 0) /* flush whole TLBs */
#define UVMF_INVLPG         (xen_mk_ulong(2) << 0) /* flush this address only */
#define UVMF_FLUSHTYPE_MASK (xen_mk_ulong(3) << 0)
#define UVMF_MULTI          (xen_mk_ulong(0) << 2)
#define UVMF_LOCAL          (xen_mk_ulong(0) << 2)
#define UVMF_ALL            (xen_mk_ulong(1) << 2)

/* console_io commands. */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist commands and assist types. */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0  /* 32-bit guests only */
#define VMASST_TYPE_4gb_segments_notify  1  /* 32-bit guests only */
#define VMASST_TYPE_writable_pagetables  2  /* emulate writes to read-only L1 tables */
#define VMASST_TYPE_pae_extended_cr3     3  /* PAE tables above 4 GiB */
#define VMASST_TYPE_architectural_iopl   4  /* IOPL behaves as on hardware */
#define VMASST_TYPE_runstate_update_flag 5  /* XEN_RUNSTATE_UPDATE in runstate areas */
#define VMASST_TYPE_m2p_strict           32 /* hide M2P entries of foreign frames */

/*
 * Domain ids from DOMID_FIRST_RESERVED up are never given to a domain;
 * they name special owners or mean "the caller".
 */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0) /* the calling domain */
#define DOMID_IO             xen_mk_uint(0x7FF1) /* owner of I/O memory */
#define DOMID_XEN            xen_mk_uint(0x7FF2) /* the hypervisor's own frames */
#define DOMID_COW            xen_mk_uint(0x7FF3) /* shared copy-on-write frames */
#define DOMID_INVALID        xen_mk_uint(0x7FF4) /* no or unknown owner */
#define DOMID_ANY            xen_mk_uint(0x7FF5) /* any domain (where allowed) */
#define DOMID_IDLE           xen_mk_uint(0x7FFF) /* the idle domain */
#define DOMID_MASK           xen_mk_uint(0x7FFF) /* bits a domain id may use */

/* Flags of vcpu_time_info.flags. */
#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0) /* TSC is synchronised across CPUs */
#define XEN_PVCLOCK_GUEST_STOPPED  (1 << 1) /* vCPU was paused by the toolstack */

/* Flags of start_info.flags. */
#define SIF_PRIVILEGED      (1 << 0)    /* domain is privileged */
#define SIF_INITDOMAIN      (1 << 1)    /* domain is the initial control domain */
#define SIF_MULTIBOOT_MOD   (1 << 2)    /* mod_start holds a xen_multiboot_mod_list */
#define SIF_MOD_START_PFN   (1 << 3)    /* mod_start is a PFN, not a virtual address */
#define SIF_VIRT_P2M_4TOOLS (1 << 4)    /* toolstack understands a virtually mapped p2m */
#define SIF_PM_MASK         (0xFF << 8) /* reserved for power-management options */

#define MAX_GUEST_CMDLINE 1024

/* dom0_vga_console_info.video_type values. */
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70

#ifndef __ASSEMBLER__

typedef uint16_t domid_t;

/*
 * One mmuext_op request; the hypercall takes an array (IN) and reports
 * how many were done.  24 bytes.
 */
struct mmuext_op {
    uint32_t cmd; /* MMUEXT_* */
    uint32_t _pad0;
    union {
        xen_pfn_t mfn;           /* pin/unpin, NEW_BASEPTR, NEW_USER_BASEPTR, CLEAR/COPY_PAGE */
        xen_ulong_t linear_addr; /* INVLPG_*, SET_LDT */
    } arg1;
    union {
        uint32_t nr_ents;                      /* SET_LDT */
        XEN_GUEST_HANDLE(const_void) vcpumask; /* TLB_FLUSH_MULTI, INVLPG_MULTI */
        xen_pfn_t src_mfn;                     /* COPY_PAGE */
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);

/*
 * One mmu_update request (IN); ptr holds a machine address with the
 * MMU_* command in its two low bits.  16 bytes.
 */
struct mmu_update {
    uint64_t ptr;
    uint64_t val;
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/*
 * One call of a multicall batch: op and args are IN, result is OUT (the
 * call's return value).  At most five arguments are used.  64 bytes.
 */
struct multicall_entry {
    xen_ulong_t op, result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Per-vCPU time base, written by the hypervisor (OUT).  version works as
 * a sequence lock: odd while an update is in progress, so a reader
 * retries until it sees the same even value before and after.  Current
 * system time in ns = system_time + scaled(TSC - tsc_timestamp), where
 * scaling shifts the delta by tsc_shift (right if negative) and takes
 * the top 32 bits of its product with tsc_to_system_mul.  32 bytes.
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp; /* TSC when the values were last set */
    uint64_t system_time;   /* ns since the hypervisor booted, at tsc_timestamp */
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags; /* XEN_PVCLOCK_* */
    uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

/*
 * Event and time state of one vCPU, in shared_info or wherever the guest
 * registered it.  The hypervisor sets evtchn_upcall_pending and bits of
 * evtchn_pending_sel (one bit per word of evtchn_pending[] with work);
 * the guest clears them.  evtchn_upcall_mask is the guest's "events
 * off" flag: no upcall is delivered while it is non-zero.  64 bytes on
 * x86-64, 48 on AArch64.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
#ifdef XEN_HAVE_PV_UPCALL_MASK
    uint8_t evtchn_upcall_mask;
#else
    uint8_t pad0; /* ARM: events are masked at the interrupt controller */
#endif
    uint8_t _pad0[6];
    xen_ulong_t evtchn_pending_sel;
#ifdef XEN_HAVE_ARCH_VCPU_INFO
    struct arch_vcpu_info arch;
#endif
    vcpu_time_info_t time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The page shared between the hypervisor and a domain: vcpu_info of the
 * first vCPUs, the 2-level event-channel bitmaps (pending is set by the
 * hypervisor and cleared by the guest, mask only written by the guest),
 * and the wall clock, which gives the time of day at system time 0
 * (wc_version is a sequence lock like vcpu_time_info.version).
 * 3136 bytes on x86-64, 1088 on AArch64.
 */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;
    uint32_t wc_sec; /* seconds since 1970-01-01 00:00 UTC, low 32 bits */
    uint32_t wc_nsec;
    uint32_t wc_sec_hi; /* high 32 bits of the seconds */
#ifdef XEN_HAVE_ARCH_SHARED_INFO
    struct arch_shared_info arch;
#endif
};
typedef struct shared_info shared_info_t;
#define xen_wc_sec_hi wc_sec_hi

#ifdef XEN_HAVE_PV_GUEST_ENTRY
/*
 * Handed to a PV guest at boot (%rsi holds its virtual address) and
 * refreshed on resume (OUT, read-only for the guest).  The first group
 * of fields is valid on boot and on resume, the rest on boot only.
 * Frame numbers are machine frames; shared_info is a machine address.
 * 1168 bytes on x86-64.
 */
struct start_info {
    char magic[32];       /* "xen-<version>-<platform>", e.g. "xen-3.0-x86_64" */
    uint64_t nr_pages;    /* pages the domain owns */
    uint64_t shared_info; /* machine address of shared_info */
    uint32_t flags;       /* SIF_* */
    uint32_t _pad0;
    xen_pfn_t store_mfn;   /* xenstore ring page */
    uint32_t store_evtchn; /* its event channel */
    uint32_t _pad1;
    union {
        struct {
            xen_pfn_t mfn;   /* console ring page */
            uint32_t evtchn; /* its event channel */
            uint32_t _pad0;
        } domU;
        struct {
            uint32_t info_off;  /* offset of dom0_vga_console_info in this page */
            uint32_t info_size; /* its size */
        } dom0;
    } console;
    /* Boot only from here on. */
    uint64_t pt_base;      /* virtual address of the top-level page table */
    uint64_t nr_pt_frames; /* bootstrap page-table frames */
    uint64_t mfn_list;     /* virtual address of the p2m list */
    uint64_t mod_start;    /* initrd: virtual address, or PFN with SIF_MOD_START_PFN */
    uint64_t mod_len;      /* initrd size in bytes */
    int8_t cmd_line[MAX_GUEST_CMDLINE];
    /* Frames of a separately mapped p2m list and its page tables. */
    uint64_t first_p2m_pfn;
    uint64_t nr_p2m_frames;
};
typedef struct start_info start_info_t;
#endif /* XEN_HAVE_PV_GUEST_ENTRY */

/*
 * With SIF_MULTIBOOT_MOD, mod_start points at an array of these, ended by
 * an entry whose mod_start is 0.  Addresses are relative to the start of
 * that array.  16 bytes.
 */
struct xen_multiboot_mod_list {
    uint32_t mod_start; /* first byte of the module */
    uint32_t mod_end;   /* last byte of the module (inclusive) */
    uint32_t cmdline;   /* NUL-terminated command line */
    uint32_t pad;       /* zero */
};

/*
 * The firmware console of the control domain, described by the
 * hypervisor (OUT; start_info.console.dom0 locates it).  40 bytes.
 */
typedef struct dom0_vga_console_info {
    uint8_t video_type; /* XEN_VGATYPE_* */
    uint8_t _pad0[3];
    union {
        struct {
            uint16_t font_height;        /* pixels */
            uint16_t cursor_x, cursor_y; /* column, row */
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height; /* pixels */
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base; /* frame buffer physical address, low 32 bits */
            uint32_t lfb_size; /* in 64 KiB units */
            /* Colour component positions and sizes (VBE 1.2+ style). */
            uint8_t red_pos, red_size;
            uint8_t green_pos, green_size;
            uint8_t blue_pos, blue_size;
            uint8_t rsvd_pos, rsvd_size;
            uint32_t gbl_caps;   /* VBE controller capabilities */
            uint16_t mode_attrs; /* VBE mode attributes */
            uint16_t pad;
            uint32_t ext_lfb_base; /* frame buffer address, high 32 bits */
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;
#define xen_vga_console_info   dom0_vga_console_info
#define xen_vga_console_info_t dom0_vga_console_info_t

/* A domain's UUID as kept by the toolstack. */
typedef uint8_t xen_domain_handle_t[16];

typedef struct {
    uint8_t a[16];
} xen_uuid_t;

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
