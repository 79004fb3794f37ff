/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console: raw writes, printf and snprintf.  Output goes to the
 * hypervisor's console (console_io), except in a domU given a console ring
 * and "console=hvc0" on its command line (as Linux is told to use the Xen
 * PV console): then it goes to the ring, for the console backend in dom0.
 */
#include <guestkit/console.h>
#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/pv.h>
#include <guestkit/time.h>
#include <public/io/console.h>
/* After the public headers: xenia/ headers would give them the hypervisor's view. */
#include <xenia/lib.h>

/* Bytes per console_io call: small enough for any hypervisor's limits. */
#define WRITE_CHUNK 1024

/* How long a full ring may stay full before output is dropped. */
#define RING_STALL_NS 1000000000ULL

static struct xencons_interface *ring;
static int ring_state; /* 0: not looked yet, 1: use ring, -1: console_io */

static bool use_ring(void)
{
    const start_info_t *si = gk_start_info;

    if (!ring_state) {
        ring_state = -1;
        if (si && !(si->flags & SIF_INITDOMAIN) && si->console.domU.mfn &&
            gk_cmdline_has("console=hvc0")) {
            ring = gk_mfn_to_virt(si->console.domU.mfn);
            ring_state = ring ? 1 : -1;
        }
    }
    return ring_state > 0;
}

/*
 * Copies into the ring as space frees up; a backend that stops draining
 * for RING_STALL_NS (or breaks the indexes) costs the rest of this write,
 * never a hang.
 */
static long ring_write(const char *s, size_t len)
{
    volatile struct xencons_interface *r = ring;
    uint64_t deadline = 0;
    size_t done = 0;

    while (done < len) {
        XENCONS_RING_IDX cons = r->out_cons, prod = r->out_prod;
        size_t used = (XENCONS_RING_IDX)(prod - cons), n;

        if (used > sizeof(r->out))
            break;
        if (used == sizeof(r->out)) {
            gk_evtchn_send(gk_start_info->console.domU.evtchn);
            if (!deadline)
                deadline = gk_now_ns() + RING_STALL_NS;
            else if (gk_now_ns() > deadline)
                break;
            gk_yield();
            continue;
        }
        for (n = 0; n < sizeof(r->out) - used && done < len; n++)
            r->out[MASK_XENCONS_IDX(prod + n, r->out)] = s[done++];
        __atomic_thread_fence(__ATOMIC_SEQ_CST); /* the bytes before the index */
        r->out_prod = prod + (XENCONS_RING_IDX)n;
        deadline = 0;
    }
    gk_evtchn_send(gk_start_info->console.domU.evtchn);
    return (long)done;
}

long gk_console_write(const char *s, size_t len)
{
    long rc = 0;

    if (use_ring())
        return ring_write(s, len);

    while (len && rc >= 0) {
        unsigned int n = len > WRITE_CHUNK ? WRITE_CHUNK : (unsigned int)len;

        rc = HYPERVISOR_console_io(CONSOLEIO_write, n, (char *)s);
        s += n;
        len -= n;
    }
    return rc;
}

/*
 * Formatting is the hypervisor's own vsnprintf (common/lib/vsprintf.c,
 * built into guestkit); one print is at most PRINT_MAX - 1 characters.
 */
#define PRINT_MAX 1024

int gk_vprintf(const char *fmt, va_list ap)
{
    char buf[PRINT_MAX];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    gk_console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
    return n;
}

int gk_printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gk_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void gk_puts(const char *s)
{
    gk_printf("%s\n", s);
}

int gk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vsnprintf(buf, size, fmt, ap);
}

int gk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gk_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
