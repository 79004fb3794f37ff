/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenctrl: Xen's names, simpler types.  Every function returns 0 or
 * -errno (Xen's values, which are Linux's) unless its comment says otherwise.
 * All hypercalls go through xenia-os.h.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>

typedef struct xc_dominfo {
    uint32_t domid;
    bool dying, crashed, shutdown, paused, blocked, running;
    unsigned int shutdown_reason; /* SHUTDOWN_* when shutdown */
    uint64_t nr_pages, max_pages; /* frames */
    uint64_t shared_info_frame, cpu_time_ns;
    uint32_t nr_online_vcpus, max_vcpu_id;
    uint8_t handle[16];
} xc_dominfo_t;

struct xc_create {
    uint8_t handle[16];
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames, max_maptrack_frames;
};

/* *domid: in, the wanted id or 0 for any; out, the new domain (paused). */
int xc_domain_create(uint32_t *domid, const struct xc_create *c);
/* Retries the hypervisor's -EAGAIN (teardown in progress) internally. */
int xc_domain_destroy(uint32_t domid);
int xc_domain_pause(uint32_t domid);
int xc_domain_unpause(uint32_t domid);
/* SCHEDOP_remote_shutdown with a SHUTDOWN_* reason. */
int xc_domain_shutdown(uint32_t domid, unsigned int reason);
/* Exactly that domain: -ESRCH if it does not exist. */
int xc_domain_getinfo(uint32_t domid, xc_dominfo_t *info);
/* Domains with id >= first, at most max of them: >= 0 count. */
int xc_domain_getinfolist(uint32_t first, unsigned int max, xc_dominfo_t *out);
int xc_domain_max_vcpus(uint32_t domid, unsigned int max);
int xc_domain_setmaxmem(uint32_t domid, uint64_t max_kb);
/* extents: in, GPFNs; out, MFNs (PV).  >= 0 extents done. */
int xc_domain_populate_physmap(uint32_t domid, unsigned long nr, unsigned int order,
                               uint64_t *extents);
int xc_vcpu_setcontext(uint32_t domid, uint32_t vcpu, const vcpu_guest_context_t *ctx);
int xc_vcpu_getcontext(uint32_t domid, uint32_t vcpu, vcpu_guest_context_t *ctx);
int xc_vcpu_setaffinity(uint32_t domid, uint32_t vcpu, const uint8_t *cpumap, unsigned int nr_bits);
int xc_vcpu_getinfo(uint32_t domid, uint32_t vcpu, bool *online, bool *blocked, bool *running,
                    uint64_t *cpu_time_ns, uint32_t *cpu);
int xc_sched_credit_get(uint32_t domid, unsigned int *weight, unsigned int *cap);
int xc_sched_credit_set(uint32_t domid, unsigned int weight, unsigned int cap);
int xc_sched_id(unsigned int *id);

typedef struct xc_physinfo {
    uint32_t nr_cpus, nr_online_cpus;
    uint32_t cpu_khz;
    uint64_t total_pages, free_pages;
    uint32_t max_cpu_id;
} xc_physinfo_t;
int xc_physinfo(xc_physinfo_t *p);

/*
 * Read the hypervisor's console ring into buf; *size: in, buf's size; out,
 * bytes read.  incremental: continue from *index (updated).
 */
int xc_readconsolering(char *buf, unsigned int *size, bool clear, bool incremental,
                       uint32_t *index);
/* XENVER_*: returns what the hypercall returns. */
int xc_version(int cmd, void *arg);
/* >= 0 the new port of domid, for remote_domid to bind. */
int xc_evtchn_alloc_unbound(uint32_t domid, uint32_t remote_domid);
/* NULL (errno-free: nothing mapped) unless every frame mapped. */
void *xc_map_foreign_pages(uint32_t domid, bool writable, const uint64_t *mfns, unsigned int n);
void xc_unmap(void *addr, unsigned int n);

/*
 * The PV domain builder (tools/libs/ctrl/pv_build.c): builds the layout of
 * xen-abi §1.3-§1.4 into a created domain whose max_vcpus and max memory
 * are set; does not unpause.  On failure the caller destroys the domain.
 */
struct xc_pv_build {
    const void *kernel;
    size_t kernel_size;
    const void *ramdisk;
    size_t ramdisk_size;
    const char *cmdline;
    uint64_t mem_kb;
    unsigned int vcpus;
    uint32_t store_port, console_port; /* from xc_evtchn_alloc_unbound(domid, 0) */
    /* out */
    uint64_t store_mfn, console_mfn, entry;
    char guest_os[32];
};
/* err: a one-line reason on failure, e.g. "not an ELF image". */
int xc_pv_build(uint32_t domid, struct xc_pv_build *b, char *err, size_t errlen);

/* Grant entries 0 (console ring) and 1 (xenstore ring), both granted to dom0. */
int xc_gnttab_seed(uint32_t domid, uint64_t console_mfn, uint64_t store_mfn);

#endif /* XENCTRL_H */
