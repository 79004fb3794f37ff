/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op hypercall (cmd, vcpuid, extra argument): bringing vCPUs up and
 * down, their timers, and where the hypervisor publishes per-vCPU data.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

#define VCPUOP_initialise                     0 /* arg vcpu_guest_context (once) */
#define VCPUOP_up                             1 /* arg NULL */
#define VCPUOP_down                           2 /* arg NULL */
#define VCPUOP_is_up                          3 /* arg NULL; returns 1 or 0 */
#define VCPUOP_get_runstate_info              4 /* arg vcpu_runstate_info (OUT) */
#define VCPUOP_register_runstate_memory_area  5
#define VCPUOP_set_periodic_timer             6
#define VCPUOP_stop_periodic_timer            7 /* arg NULL */
#define VCPUOP_set_singleshot_timer           8
#define VCPUOP_stop_singleshot_timer          9 /* arg NULL */
#define VCPUOP_register_vcpu_info             10
#define VCPUOP_send_nmi                       11 /* arg NULL */
#define VCPUOP_get_physid                     12
#define VCPUOP_register_vcpu_time_memory_area 13
#define VCPUOP_register_runstate_phys_area    14 /* as 5, by guest-physical address */
#define VCPUOP_register_vcpu_time_phys_area   15 /* as 13, by guest-physical address */

/* vcpu_runstate_info.state */
#define RUNSTATE_running  0 /* on a physical CPU */
#define RUNSTATE_runnable 1 /* ready, waiting for a physical CPU */
#define RUNSTATE_blocked  2 /* waiting for an event */
#define RUNSTATE_offline  3 /* down, or paused by the toolstack */

/*
 * Set in state_entry_time while the hypervisor updates a registered
 * runstate area (needs VMASST_TYPE_runstate_update_flag).
 */
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)

/* vcpu_set_singleshot_timer.flags */
#define _VCPU_SSHOTTMR_future 0
#define VCPU_SSHOTTMR_future  (1U << _VCPU_SSHOTTMR_future) /* -ETIME if already past */

#ifndef __ASSEMBLER__

/*
 * Accounting of one vCPU (OUT): its current state, the system time it
 * entered it, and the total ns spent in each state.  48 bytes.
 */
struct vcpu_runstate_info {
    int32_t state; /* RUNSTATE_* */
    uint32_t _pad0;
    uint64_t state_entry_time;
    uint64_t time[4];
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

/*
 * register_runstate_memory_area (IN): guest-virtual address the
 * hypervisor keeps a vcpu_runstate_info up to date at.  8 bytes.
 */
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

/* set_periodic_timer (IN): VIRQ_TIMER every period_ns.  8 bytes. */
struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/*
 * set_singleshot_timer (IN): one VIRQ_TIMER at system time
 * timeout_abs_ns.  16 bytes.
 */
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags; /* VCPU_SSHOTTMR_* */
    uint32_t _pad0;
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

/*
 * register_vcpu_info (IN): move this vCPU's vcpu_info to byte offset of
 * frame mfn (a machine frame for PV, a guest frame for translated
 * guests); it must not cross a page.  16 bytes.
 */
struct vcpu_register_vcpu_info {
    uint64_t mfn;
    uint32_t offset;
    uint32_t rsvd; /* zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

/* get_physid (OUT): x86 APIC id in bits 0-31, ACPI id in bits 32-63.  8 bytes. */
struct vcpu_get_physid {
    uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);

/*
 * register_vcpu_time_memory_area (IN): guest-virtual address of an extra
 * vcpu_time_info copy kept up to date (for user-space clocks).  8 bytes.
 */
struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;
        struct vcpu_time_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_VCPU_H__ */
