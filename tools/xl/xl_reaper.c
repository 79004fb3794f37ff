/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domain reaper: applies each domain's on_poweroff / on_reboot /
 * on_crash when it shuts down.  xl runs inside the control domain's one
 * cooperative loop, so the reaper is a poller: it wakes on xenstored's
 * @releaseDomain watch and, in case a shutdown comes without one, looks
 * at its domains at most every REAPER_PERIOD_NS anyway.
 *
 * For "restart" it keeps the config file's text and the overrides, and
 * parses them again, as xl does with its saved configuration.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <public/sched.h>
#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#include "xl_i.h"

#define REAPER_PERIOD_NS 200000000ull
#define REAPER_TOKEN     "xl-reaper"

struct tracked {
    uint32_t domid;
    enum xl_action on_poweroff, on_reboot, on_crash;
    char *source, *text;
    size_t len;
    char **overrides;
    unsigned int nr_overrides;
    struct tracked *next;
};

static struct tracked *tracked;
static bool started;
static uint64_t last_scan;

static void tracked_free(struct tracked *t)
{
    if (!t)
        return;
    for (unsigned int i = 0; i < t->nr_overrides; i++)
        free(t->overrides[i]);
    free(t->overrides);
    free(t->source);
    free(t->text);
    free(t);
}

int xl_reaper_track(uint32_t domid, const char *source, const char *text, size_t len,
                    const char *const *overrides, unsigned int nr_overrides,
                    const struct xl_config *cfg)
{
    struct tracked *t = calloc(1, sizeof(*t));

    if (!t)
        return -ENOMEM;
    t->domid = domid;
    t->on_poweroff = cfg->on_poweroff;
    t->on_reboot = cfg->on_reboot;
    t->on_crash = cfg->on_crash;
    t->source = strdup(source);
    t->text = malloc(len ? len : 1);
    t->overrides = calloc(nr_overrides ? nr_overrides : 1, sizeof(*t->overrides));
    if (!t->source || !t->text || !t->overrides)
        goto nomem;
    memcpy(t->text, text, len);
    t->len = len;
    for (; t->nr_overrides < nr_overrides; t->nr_overrides++) {
        t->overrides[t->nr_overrides] = strdup(overrides[t->nr_overrides]);
        if (!t->overrides[t->nr_overrides])
            goto nomem;
    }
    xl_reaper_forget(domid);
    t->next = tracked;
    tracked = t;
    return 0;
nomem:
    tracked_free(t);
    return -ENOMEM;
}

static struct tracked *unlink_tracked(uint32_t domid)
{
    for (struct tracked **pp = &tracked; *pp; pp = &(*pp)->next) {
        struct tracked *t = *pp;

        if (t->domid == domid) {
            *pp = t->next;
            t->next = NULL;
            return t;
        }
    }
    return NULL;
}

void xl_reaper_forget(uint32_t domid)
{
    tracked_free(unlink_tracked(domid));
}

bool xl_reaper_tracks(uint32_t domid)
{
    for (struct tracked *t = tracked; t; t = t->next)
        if (t->domid == domid)
            return true;
    return false;
}

static enum xl_action action_for(const struct tracked *t, unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return t->on_poweroff;
    case SHUTDOWN_reboot:
    case SHUTDOWN_soft_reset: return t->on_reboot;
    default: /* crash, watchdog */ return t->on_crash;
    }
}

/* Destroy, then create the same config again under its old name. */
static void restart(struct tracked *t)
{
    struct xl_config cfg;
    uint32_t domid;

    xl_domain_teardown(t->domid);
    if (xl_cfg_parse(t->source, t->text, t->len, (const char *const *)t->overrides, t->nr_overrides,
                     &cfg, NULL, NULL)) {
        xl_fail("cannot restart domain %u: its config no longer parses", t->domid);
        return;
    }
    /* A fresh domain: the old one's uuid would be reused otherwise. */
    if (xl_create_domain(&cfg, false, &domid) == 0) {
        printf("xl: domain '%s' restarted as domain %u\n", cfg.name, domid);
        xl_reaper_track(domid, t->source, t->text, t->len, (const char *const *)t->overrides,
                        t->nr_overrides, &cfg);
    }
    xl_cfg_free(&cfg);
}

/* Acts on one tracked domain if it has shut down; true if it did something. */
static bool reap_one(struct tracked *t)
{
    xc_dominfo_t info;
    int rc = xc_domain_getinfo(t->domid, &info);
    enum xl_action a;

    if (rc == -ESRCH) {
        xl_reaper_forget(t->domid);
        return true;
    }
    if (rc || !info.shutdown || info.dying || info.shutdown_reason == SHUTDOWN_suspend)
        return false;
    a = action_for(t, info.shutdown_reason);
    t = unlink_tracked(t->domid);
    printf("xl: domain %u shut down (reason %u): %s\n", t->domid, info.shutdown_reason,
           xl_action_name(a));
    if (a == XL_ACTION_DESTROY)
        xl_domain_teardown(t->domid);
    else if (a == XL_ACTION_RESTART)
        restart(t);
    tracked_free(t); /* preserve: left as it is, no longer ours to act on */
    return true;
}

bool xl_reaper_poll(void *arg)
{
    struct xs_handle *h = started ? xl_store() : NULL;
    bool event = false, acted = false;
    char **w;
    uint64_t now = os_now_ns();

    while (h && (w = xs_check_watch(h))) {
        event = true;
        free(w);
    }
    if (!event && now - last_scan < REAPER_PERIOD_NS)
        return false;
    last_scan = now;
    /* reap_one may unlink entries: restart the walk after each action. */
    for (bool again = true; again;) {
        again = false;
        for (struct tracked *t = tracked; t; t = t->next) {
            if (reap_one(t)) {
                acted = again = true;
                break;
            }
        }
    }
    return acted;
}

int xl_reaper_start(void)
{
    struct xs_handle *h;
    int rc;

    if (started)
        return 0;
    h = xl_store();
    if (!h)
        return -EIO;
    if (!xs_watch(h, "@releaseDomain", REAPER_TOKEN))
        return -errno;
    rc = os_poller_add("xl-reaper", xl_reaper_poll, NULL);
    if (rc < 0) {
        xs_unwatch(h, "@releaseDomain", REAPER_TOKEN);
        return rc;
    }
    started = true;
    return 0;
}
