/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The first PV test guest: booted as dom0, it prints its start_info, checks
 * a few hypercalls and the start-of-day state, printing one line per check
 * ("PASS name" or "FAIL name: why"), then powers the machine off.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <public/sched.h>
#include <public/version.h>
#include <public/xen.h>

static long hypercall(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3)
{
    long ret;

    __asm__ __volatile__("syscall"
                         : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
                         : "0"(nr)
                         : "rcx", "r11", "memory");
    return ret;
}

static size_t len(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

static void puts_raw(const char *s)
{
    hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, len(s), (unsigned long)s);
}

/* Just enough of printf: %s %u %lu %x %lx %d %ld. */
static void print(const char *fmt, ...)
{
    char buf[256], *o = buf;
    va_list ap;

    va_start(ap, fmt);
    for (; *fmt && o < buf + sizeof(buf) - 24; fmt++) {
        unsigned long v, base = 10;
        char tmp[24];
        int n = 0;
        int is_long = 0;

        if (*fmt != '%') {
            *o++ = *fmt;
            continue;
        }
        if (*++fmt == 'l') {
            is_long = 1;
            fmt++;
        }
        if (*fmt == 's') {
            for (const char *s = va_arg(ap, const char *); *s && o < buf + sizeof(buf) - 2;)
                *o++ = *s++;
            continue;
        }
        if (*fmt == 'x')
            base = 16;
        v = is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
        if (*fmt == 'd' && (long)(is_long ? v : (unsigned long)(long)(int)v) < 0) {
            *o++ = '-';
            v = (unsigned long)-(long)(is_long ? v : (unsigned long)(long)(int)v);
        }
        do {
            tmp[n++] = "0123456789abcdef"[v % base];
            v /= base;
        } while (v);
        while (n)
            *o++ = tmp[--n];
    }
    va_end(ap);
    *o = 0;
    puts_raw(buf);
}

static unsigned int passed, failed;

static void check(int ok, const char *name, const char *why)
{
    if (ok) {
        passed++;
        print("PASS %s\n", name);
    } else {
        failed++;
        print("FAIL %s: %s\n", name, why);
    }
}

static int contains(const char *s, const char *word)
{
    for (; *s; s++) {
        const char *a = s, *b = word;

        while (*a && *a == *b) {
            a++;
            b++;
        }
        if (!*b)
            return 1;
    }
    return 0;
}

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

void guest_main(start_info_t *si);
void guest_main(start_info_t *si)
{
    const unsigned long *m2p = (const unsigned long *)0xffff800000000000UL;
    const unsigned long *p2m = (const unsigned long *)si->mfn_list;
    struct sched_shutdown sd = {.reason = SHUTDOWN_poweroff};
    xen_feature_info_t fi = {.submap_idx = 0};
    long v;

    print("hello: PV guest running, start_info at %lx\n", (unsigned long)si);
    print("start_info: magic %s, nr_pages %lu, flags %x, shared_info %lx\n", si->magic,
          (unsigned long)si->nr_pages, si->flags, (unsigned long)si->shared_info);
    print("start_info: pt_base %lx, nr_pt_frames %lu, mfn_list %lx, cmd_line '%s'\n",
          (unsigned long)si->pt_base, (unsigned long)si->nr_pt_frames, (unsigned long)si->mfn_list,
          (const char *)si->cmd_line);

    check(str_eq(si->magic, "xen-3.0-x86_64"), "start_info_magic", "wrong magic");
    check((si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)) == (SIF_PRIVILEGED | SIF_INITDOMAIN),
          "start_info_dom0_flags", "SIF_PRIVILEGED|SIF_INITDOMAIN missing");
    check(si->pt_base > si->mfn_list && (si->pt_base & 0xfff) == 0, "start_info_layout",
          "page tables not after the p2m list");
    /* Every frame's M2P entry names its pseudo-physical frame. */
    check(m2p[p2m[0]] == 0 && m2p[p2m[si->nr_pages - 1]] == si->nr_pages - 1, "m2p_readable",
          "M2P disagrees with the p2m list");
    v = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    print("xen_version: %lu.%lu\n", (unsigned long)(v >> 16), (unsigned long)(v & 0xffff));
    check(v == ((4 << 16) | 17), "xen_version", "not 4.17");
    v = hypercall(__HYPERVISOR_xen_version, XENVER_get_features, (unsigned long)&fi, 0);
    check(v == 0 && (fi.submap & (1U << XENFEAT_dom0)), "xen_version_features",
          "no XENFEAT_dom0 for dom0");
    v = hypercall(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    check(v == 4096, "xen_version_pagesize", "not 4096");
    /* A pointer into the hypervisor's part of the address space. */
    v = hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, 16, 0xffff830000001000UL);
    check(v == -14, "console_io_hypervisor_pointer", "not -EFAULT");
    v = hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, 16, 0x7ffffff000UL);
    check(v == -14, "console_io_unmapped_pointer", "not -EFAULT");
    v = hypercall(63, 0, 0, 0);
    check(v == -38, "unknown_hypercall", "not -ENOSYS");
    v = hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, 0x1000, 0);
    check(v == -14, "sched_op_bad_pointer", "not -EFAULT");

    /* For the boot-test harness's own test: a dom0 that never finishes. */
    if (contains((const char *)si->cmd_line, "hang")) {
        print("hello: hanging, as the command line asks\n");
        for (;;)
            hypercall(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    }
    print("hello: %u passed, %u failed\n", passed, failed);
    hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (unsigned long)&sd, 0);
    print("FAIL shutdown: still running\n");
    for (;;)
        ;
}
