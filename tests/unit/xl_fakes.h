/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fakes xl's command tests run against (xl_fakes.c).
 */
#ifndef XL_FAKES_H
#define XL_FAKES_H

#include <stdbool.h>
#include <stdint.h>

#include <xenconsoled.h>
#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#define FAKE_MAX_DOMS  8
#define FAKE_MAX_NODES 128
#define FAKE_MAX_FILES 4

struct fake_dom {
    bool exists, paused, running, blocked, shutdown, dying;
    unsigned int reason, ports, weight, cap, max_vcpus, nr_online_vcpus;
    uint64_t nr_pages, max_pages, cpu_time_ns;
    uint8_t handle[16];
};

struct fake_node {
    char *path, *value;
};

struct fake {
    struct fake_dom doms[FAKE_MAX_DOMS];
    uint32_t next_domid;
    struct fake_node nodes[FAKE_MAX_NODES], snap[FAKE_MAX_NODES];
    unsigned int nr_nodes, snap_n;
    struct {
        const char *path, *data;
    } files[FAKE_MAX_FILES];
    const char *fail_at; /* the call (as logged) that fails */
    bool xs_down, watch_pending, shutdown_acts;
    unsigned int perms_owner, perms_guest, perms_guest_bits;
    uint64_t now_ns;
    uint64_t hcalls, hcall_ns; /* what os_hcall_stats reports */
    void (*on_wait)(void);
    char log[2048];
};

extern struct fake fake;

void fake_reset(void);
void fake_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *fake_node(const char *path);
void fake_node_set(const char *path, const char *value);
unsigned int fake_nodes_under(const char *prefix);

#endif /* XL_FAKES_H */
