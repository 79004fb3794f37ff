/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-ins for the hypervisor services the code under test calls:
 * printk into a buffer the tests can read, panic/BUG/ASSERT as abort() (so
 * that a test registered with tcase_add_test_raise_signal(..., SIGABRT)
 * sees them), and fake machine memory for maddr_to_virt().
 */
#include <harness/xenia_libc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <harness/harness.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/memory.h>
#include <asm/pv-mm.h>
#include <xenia/mm.h>
#include <asm/page.h>

#define LOG_SIZE (64 * 1024)

unsigned char *fake_ram;
unsigned int harness_warnings;
struct vcpu *harness_current;

static char log_buf[LOG_SIZE];
static size_t log_len;
static int verbose = -1;
static bool abort_expected;

void harness_expect_abort(void)
{
    abort_expected = true;
}

/* The last words of the hypervisor code: to stderr, unless a test asked for them. */
static void __printf(1, 2) say_abort(const char *fmt, ...)
{
    va_list ap;

    if (abort_expected)
        return;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void harness_init(void)
{
    void *p = mmap(NULL, FAKE_RAM_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (p == MAP_FAILED) {
        perror("harness: mmap of fake RAM");
        exit(2);
    }
    fake_ram = p;
}

void harness_bad_address(const char *what, unsigned long v)
{
    say_abort("harness: %s(%#lx) is outside fake RAM\n", what, v);
    abort();
}

const char *harness_log(void)
{
    return log_buf;
}

void harness_log_clear(void)
{
    log_len = 0;
    log_buf[0] = '\0';
}

bool harness_log_has(const char *needle)
{
    return strstr(log_buf, needle) != NULL;
}

static void log_append(const char *s, size_t n)
{
    if (verbose < 0) {
        const char *v = getenv("XENIA_UNIT_VERBOSE");

        verbose = v && *v && strcmp(v, "0");
    }
    if (verbose)
        fwrite(s, 1, n, stderr);
    if (n >= LOG_SIZE)
        return;
    if (log_len + n >= LOG_SIZE) {
        /* Keep the newest output. */
        size_t drop = log_len + n - (LOG_SIZE - 1);

        memmove(log_buf, log_buf + drop, log_len - drop);
        log_len -= drop;
    }
    memcpy(log_buf + log_len, s, n);
    log_len += n;
    log_buf[log_len] = '\0';
}

/* Formatting goes through the hypervisor's own vsnprintf, as on the target. */
void vprintk(const char *fmt, va_list args)
{
    char line[1024];
    int n = xenia_vscnprintf(line, sizeof(line), fmt, args);

    log_append(line, (size_t)n);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    xenia_vscnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    say_abort("harness: panic: %s\n", msg);
    abort();
}

void __bug(const char *file, int line, const char *cond)
{
    say_abort("harness: BUG at %s:%d%s%s\n", file, line, cond ? ": " : "", cond ? cond : "");
    abort();
}

void __assert_failed(const char *file, int line, const char *cond)
{
    say_abort("harness: ASSERT failed at %s:%d: %s\n", file, line, cond);
    abort();
}

void __warn(const char *file, int line, const char *cond)
{
    harness_warnings++;
    printk(XENLOG_WARNING "WARN at %s:%d: %s\n", file, line, cond);
}

unsigned long harness_domain_frame(struct domain *owner)
{
    struct page_info *pg = alloc_domheap_pages(owner, 0, MEMF_zero);

    ck_assert_ptr_nonnull(pg);
    return mfn_x(page_to_mfn(pg));
}

void *harness_frame_va(unsigned long mfn)
{
    return maddr_to_virt((paddr_t)mfn << PAGE_SHIFT);
}

/* Guest memory is the test's own: any pointer but the bad one works. */
int copy_from_guest(void *dst, unsigned long gva, size_t len)
{
    if (gva == HARNESS_BAD_GUEST_POINTER && len)
        return -EFAULT;
    if (len)
        memcpy(dst, (const void *)gva, len);
    return 0;
}

int copy_to_guest(unsigned long gva, const void *src, size_t len)
{
    if (gva == HARNESS_BAD_GUEST_POINTER && len)
        return -EFAULT;
    if (len)
        memcpy((void *)gva, src, len);
    return 0;
}

unsigned long harness_continuation[3];

/* The hypercall would be re-issued with these: the test reads them back. */
long hypercall_continuation(unsigned long nr, unsigned long a1, unsigned long a2)
{
    harness_continuation[0] = nr;
    harness_continuation[1] = a1;
    harness_continuation[2] = a2;
    return HARNESS_CONTINUATION;
}

/* No page tables are loaded here: no virtual address has an L1 entry. */
int pv_find_l1_entry(unsigned long va, paddr_t *entry)
{
    return -EINVAL;
}
