/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console_io: guests writing to (and the control domain reading from) the
 * hypervisor's console.  Output from other domains is prefixed with their
 * id, so it cannot pass for the hypervisor's own.
 */
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <asm/current.h>
#include <public/xen.h>

#define CHUNK 128

static long console_write(struct domain *d, unsigned long buf, unsigned long count)
{
    char chunk[CHUNK + 1];

    for (unsigned long done = 0; done < count;) {
        size_t n = min(count - done, (unsigned long)CHUNK);

        if (copy_from_guest(chunk, buf + done, n))
            return -EFAULT;
        chunk[n] = 0;
        console_guest_write(d->domain_id, chunk, n);
        done += n;
    }
    return 0;
}

static long console_read(unsigned long buf, unsigned long count)
{
    char chunk[CHUNK];
    unsigned long got = 0;
    int c;

    while (got < count && (c = console_getc()) >= 0) {
        chunk[got % CHUNK] = (char)c;
        got++;
        if (got % CHUNK == 0 && copy_to_guest(buf + got - CHUNK, chunk, CHUNK))
            return -EFAULT;
    }
    if (got % CHUNK && copy_to_guest(buf + got - got % CHUNK, chunk, got % CHUNK))
        return -EFAULT;
    return (long)got;
}

long do_console_io(unsigned long cmd, unsigned long count, unsigned long buf, unsigned long a4,
                   unsigned long a5)
{
    struct domain *d = current->domain;

    switch (cmd) {
    case CONSOLEIO_write: return console_write(d, buf, count);
    case CONSOLEIO_read:
        if (!d->is_privileged)
            return -EPERM;
        return console_read(buf, count);
    default: return -ENOSYS;
    }
}
