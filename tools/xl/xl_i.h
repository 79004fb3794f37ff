/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside xl: the command table's entries and the helpers they share.
 */
#ifndef XL_I_H
#define XL_I_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xl_cfg.h"

struct xs_handle;

/* Every command: argv[0] is the command's name; returns 0 or 1. */
int cmd_create(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
int cmd_shutdown(int argc, char **argv);
int cmd_reboot(int argc, char **argv);
int cmd_pause(int argc, char **argv);
int cmd_unpause(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_dmesg(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_domid(int argc, char **argv);
int cmd_domname(int argc, char **argv);
int cmd_vcpu_list(int argc, char **argv);
int cmd_vcpu_pin(int argc, char **argv);
int cmd_sched_credit(int argc, char **argv);

/* "Usage: xl <usage of argv[0]>" on stderr; returns 1. */
int xl_usage(const char *cmd);
/* "xl: <message>" on stderr; returns 1. */
/* xl -v: commands say more (xl create: where its time went). */
extern unsigned int xl_verbose;

int xl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The xenstore connection, opened on first use; NULL (reported) if none. */
struct xs_handle *xl_store(void);
/* A domain named by id or name: 0, or 1 with the reason reported. */
int xl_find_domain(const char *arg, uint32_t *domid);
/* Quietly: 0 and *domid if a domain has that name, -ESRCH if none, or -errno. */
int xl_lookup_name(const char *name, uint32_t *domid);
/* The domain's name from xenstore, malloc'd; NULL if it has none. */
char *xl_domain_name(uint32_t domid);

/*
 * Builds and starts a domain from a parsed config; 0 and *domid, or 1 with
 * one line reported and nothing left behind (no domain, no xenstore node).
 */
int xl_create_domain(const struct xl_config *cfg, bool paused, uint32_t *domid);

/*
 * Everything create set up, in reverse: console, xenstore connection and
 * nodes, then the domain.  0 or the destroy's -errno.
 */
int xl_domain_teardown(uint32_t domid);

/*
 * The domain reaper: applies on_poweroff/on_reboot/on_crash to domains xl
 * created.  xl_reaper_track() takes a copy of the config file text and its
 * overrides so that "restart" can create the domain again.
 */
int xl_reaper_track(uint32_t domid, const char *source, const char *text, size_t len,
                    const char *const *overrides, unsigned int nr_overrides,
                    const struct xl_config *cfg);
void xl_reaper_forget(uint32_t domid);
/* One pass over the tracked domains; true if it acted (the poller's body). */
bool xl_reaper_poll(void *arg);
/* Registers the poller and the @releaseDomain watch once; 0 or -errno. */
int xl_reaper_start(void);
/* Whether the reaper will act on domid's shutdown. */
bool xl_reaper_tracks(uint32_t domid);

/* Parses the config file `path` (read with os_file_get) and the overrides. */
int xl_load_config(const char *path, const char *const *overrides, unsigned int n,
                   struct xl_config *cfg, const char **text, size_t *len);

#endif /* XL_I_H */
