/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console backend (see xenconsoled.h): one poller serving every
 * guest's ring.  A guest that breaks its ring's indexes gets one log line
 * and is no longer read; nothing it writes can make the backend read or
 * write outside the ring page.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenia-os.h>

#include "ring.h"
#include "xenconsoled.h"

struct cons_dom {
    struct cons_dom *next;
    uint32_t domid;
    int port; /* our end of the console event channel */
    struct xencons_interface *ring;
    XENCONS_RING_IDX out_cons, in_prod;
    bool broken;
    struct cons_tail tail;
    struct cons_lines lines;
};

static struct cons_dom *doms;
static struct cons_dom *attached;
static bool started;

static struct cons_dom *find(uint32_t domid)
{
    struct cons_dom *d;

    for (d = doms; d && d->domid != domid; d = d->next)
        ;
    return d;
}

static void log_line(const char *line, void *arg)
{
    const struct cons_dom *d = arg;

    printf("[d%u] %s\n", d->domid, line);
}

/* Drains one ring: true if bytes moved. */
static bool drain(struct cons_dom *d)
{
    char buf[512];
    bool did = false;
    int n;

    if (d->broken)
        return false;
    while ((n = cons_ring_read(d->ring, &d->out_cons, buf, sizeof(buf))) > 0) {
        did = true;
        cons_tail_append(&d->tail, buf, (size_t)n);
        if (d == attached)
            os_console_write(buf, (unsigned int)n);
        else
            cons_lines_feed(&d->lines, buf, (size_t)n, log_line, d);
    }
    if (n < 0) {
        d->broken = true;
        printf("console: d%u: ring indexes out of range, no longer read\n", d->domid);
    }
    if (did)
        os_evtchn_notify((uint32_t)d->port); /* the guest may wait for space */
    return did;
}

static bool poll_consoles(void *arg)
{
    bool did = false;

    for (struct cons_dom *d = doms; d; d = d->next) {
        os_evtchn_test_and_clear((uint32_t)d->port);
        did |= drain(d);
    }
    return did;
}

int console_start(void)
{
    int rc;

    if (started)
        return 0;
    rc = os_poller_add("console", poll_consoles, NULL);
    if (!rc)
        started = true;
    return rc;
}

int console_add(uint32_t domid, uint64_t mfn, uint32_t port)
{
    struct cons_dom *d;
    int err = 0;

    if (domid >= 0x7ff0)
        return -EINVAL;
    if (find(domid))
        return -EEXIST;
    d = calloc(1, sizeof(*d));
    if (!d)
        return -ENOMEM;
    d->domid = domid;
    d->ring = os_map_foreign((uint16_t)domid, &mfn, 1, true, &err);
    if (!d->ring) {
        free(d);
        return err ? err : -EFAULT;
    }
    d->port = os_evtchn_bind_interdomain((uint16_t)domid, port);
    if (d->port < 0) {
        err = d->port;
        os_unmap_foreign(d->ring, 1);
        free(d);
        return err;
    }
    /* A new ring is all zero; a reused one (a restarted guest) starts where it is. */
    d->out_cons = d->ring->out_cons;
    d->in_prod = d->ring->in_prod;
    d->next = doms;
    doms = d;
    return 0;
}

void console_remove(uint32_t domid)
{
    struct cons_dom **link, *d;

    for (link = &doms; (d = *link) && d->domid != domid; link = &d->next)
        ;
    if (!d)
        return;
    drain(d);
    if (d != attached)
        cons_lines_flush(&d->lines, log_line, d);
    else
        attached = NULL;
    *link = d->next;
    os_evtchn_close((uint32_t)d->port);
    os_unmap_foreign(d->ring, 1);
    free(d);
}

static void print_piece(const char *p, size_t n, void *arg)
{
    os_console_write(p, (unsigned int)n);
}

/*
 * Forwards typed keys; false once Ctrl-] was typed.  A byte at a time, so
 * that what was typed after Ctrl-] stays unread, for the shell.
 */
static bool forward_input(struct cons_dom *d)
{
    char keys[64];
    size_t len = 0;
    bool esc = false;

    while (len < sizeof(keys) && os_console_read(&keys[len], 1) == 1) {
        if (keys[len] == CONSOLE_ESCAPE) {
            esc = true;
            break;
        }
        len++;
    }
    if (len && !d->broken) {
        if (cons_ring_write(d->ring, &d->in_prod, keys, len) < 0) {
            d->broken = true;
            printf("console: d%u: ring indexes out of range, no longer read\n", d->domid);
        } else {
            os_evtchn_notify((uint32_t)d->port);
        }
    }
    return !esc;
}

int console_attach(uint32_t domid)
{
    struct cons_dom *d = find(domid);

    if (!d)
        return -ENOENT;
    if (attached)
        return -EBUSY;
    drain(d);
    cons_lines_flush(&d->lines, log_line, d);
    cons_tail_each(&d->tail, print_piece, NULL);
    attached = d;
    while (attached == d && forward_input(d))
        os_wait_event(100 * 1000 * 1000);
    if (attached != d)
        return 1; /* console_remove() ran meanwhile */
    attached = NULL;
    return 0;
}
