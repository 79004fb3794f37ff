/* SPDX-License-Identifier: MIT */
/*
 * physdev_op hypercall (cmd, arg): I/O privilege and physical interrupt
 * handling for PV guests, and PCI device management for the control
 * domain.
 */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

#define PHYSDEVOP_IRQ_UNMASK_NOTIFY  4 /* legacy, no argument */
#define PHYSDEVOP_irq_status_query   5
#define PHYSDEVOP_set_iopl           6
#define PHYSDEVOP_set_iobitmap       7
#define PHYSDEVOP_apic_read          8
#define PHYSDEVOP_apic_write         9
#define PHYSDEVOP_alloc_irq_vector   10
#define PHYSDEVOP_free_irq_vector    11
#define PHYSDEVOP_eoi                12
#define PHYSDEVOP_map_pirq           13
#define PHYSDEVOP_unmap_pirq         14
#define PHYSDEVOP_manage_pci_add     15
#define PHYSDEVOP_manage_pci_remove  16
#define PHYSDEVOP_pirq_eoi_gmfn_v1   17
#define PHYSDEVOP_restore_msi        19
#define PHYSDEVOP_manage_pci_add_ext 20
#define PHYSDEVOP_setup_gsi          21
/* 22 is left unused. */
#define PHYSDEVOP_get_free_pirq      23
#define PHYSDEVOP_pci_mmcfg_reserved 24
#define PHYSDEVOP_pci_device_add     25
#define PHYSDEVOP_pci_device_remove  26
#define PHYSDEVOP_restore_msi_ext    27
#define PHYSDEVOP_pirq_eoi_gmfn_v2   28
#define PHYSDEVOP_dbgp_op            29
#define PHYSDEVOP_prepare_msix       30
#define PHYSDEVOP_release_msix       31
#define PHYSDEVOP_pci_device_reset   32

/* The current pirq_eoi_gmfn is version 2. */
#define PHYSDEVOP_pirq_eoi_gmfn PHYSDEVOP_pirq_eoi_gmfn_v2

/* physdev_irq_status_query.flags */
#define _XENIRQSTAT_needs_eoi 0 /* PHYSDEVOP_eoi required after handling */
#define XENIRQSTAT_needs_eoi  (1U << _XENIRQSTAT_needs_eoi)
#define _XENIRQSTAT_shared    1 /* IRQ is shared with other domains */
#define XENIRQSTAT_shared     (1U << _XENIRQSTAT_shared)

/* physdev_map_pirq.type */
#define MAP_PIRQ_TYPE_MSI       0x0
#define MAP_PIRQ_TYPE_GSI       0x1
#define MAP_PIRQ_TYPE_UNKNOWN   0x2
#define MAP_PIRQ_TYPE_MSI_SEG   0x3
#define MAP_PIRQ_TYPE_MULTI_MSI 0x4

#ifndef __ASSEMBLER__

/* eoi (IN): the guest finished handling pirq irq.  4 bytes. */
struct physdev_eoi {
    uint32_t irq;
};
typedef struct physdev_eoi physdev_eoi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_eoi_t);

/*
 * pirq_eoi_gmfn (IN): a guest frame holding one bit per pirq that tells
 * whether an EOI is needed.  8 bytes.
 */
struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn;
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pirq_eoi_gmfn_t);

/* irq_status_query: irq is IN, flags (XENIRQSTAT_*) OUT.  8 bytes. */
struct physdev_irq_status_query {
    uint32_t irq;
    uint32_t flags;
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_status_query_t);

/* set_iopl (IN): virtual I/O privilege level 0-3.  4 bytes. */
struct physdev_set_iopl {
    uint32_t iopl;
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iopl_t);

/*
 * set_iobitmap (IN): TSS-style I/O permission bitmap (a clear bit allows
 * the port) covering nr_ports ports.  16 bytes.
 */
struct physdev_set_iobitmap {
    XEN_GUEST_HANDLE(uint8) bitmap;
    uint32_t nr_ports;
    uint32_t _pad0;
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iobitmap_t);

/* apic_read / apic_write: IO-APIC register access (value IN or OUT).  16 bytes. */
struct physdev_apic {
    xen_ulong_t apic_physbase;
    uint32_t reg;
    uint32_t value;
};
typedef struct physdev_apic physdev_apic_t;
DEFINE_XEN_GUEST_HANDLE(physdev_apic_t);

/* alloc/free_irq_vector: irq IN, vector IN or OUT.  8 bytes. */
struct physdev_irq {
    uint32_t irq;
    uint32_t vector;
};
typedef struct physdev_irq physdev_irq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_t);

/* map_pirq: bind an interrupt source to a pirq of domid (pirq IN/OUT).  40 bytes. */
struct physdev_map_pirq {
    domid_t domid;
    uint16_t _pad0;
    int32_t type; /* MAP_PIRQ_TYPE_* */
    int32_t index;
    int32_t pirq;
    int32_t bus; /* high 16 bits: PCI segment for the _SEG and MULTI types */
    int32_t devfn;
    int32_t entry_nr;
    uint32_t _pad1;
    uint64_t table_base;
};
typedef struct physdev_map_pirq physdev_map_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_map_pirq_t);

/* unmap_pirq (IN).  8 bytes. */
struct physdev_unmap_pirq {
    domid_t domid;
    uint16_t _pad0;
    int32_t pirq;
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_unmap_pirq_t);

/* manage_pci_add/remove and restore_msi (IN).  2 bytes. */
struct physdev_manage_pci {
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_manage_pci physdev_manage_pci_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_t);

/* A PCI device by segment, bus and devfn (IN).  4 bytes. */
struct physdev_pci_device {
    uint16_t seg;
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_pci_device physdev_pci_device_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_t);

/* setup_gsi (IN): trigger mode and polarity of a GSI.  8 bytes. */
struct physdev_setup_gsi {
    int32_t gsi;
    uint8_t triggering;
    uint8_t polarity;
    uint8_t _pad0[2];
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_setup_gsi_t);

/* get_free_pirq: type IN (MAP_PIRQ_TYPE_GSI or _MSI), pirq OUT.  8 bytes. */
struct physdev_get_free_pirq {
    int32_t type;
    uint32_t pirq;
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_get_free_pirq_t);

/* Argument of the old physdev_op_compat hypercall.  24 bytes. */
struct physdev_op {
    uint32_t cmd; /* PHYSDEVOP_* */
    uint32_t _pad0;
    union {
        physdev_irq_status_query_t irq_status_query;
        physdev_set_iopl_t set_iopl;
        physdev_set_iobitmap_t set_iobitmap;
        physdev_apic_t apic_op;
        physdev_irq_t irq_op;
    } u;
};
typedef struct physdev_op physdev_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_op_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_PHYSDEV_H__ */
