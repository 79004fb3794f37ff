/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the unit-test harness offers to the tests: the captured console
 * log, fake machine memory, and the suites the runner knows about.
 */
#ifndef HARNESS_HARNESS_H
#define HARNESS_HARNESS_H

#include <check.h>
#include <xenia/types.h>

/* Map fake RAM; the runner calls it once, before forking any test. */
void harness_init(void);

/*
 * Everything printk() printed since the last harness_log_clear() (the
 * oldest part is dropped if it overflows).  Set XENIA_UNIT_VERBOSE=1 to
 * also see it on stderr.
 */
const char *harness_log(void);
void harness_log_clear(void);
bool harness_log_has(const char *needle);

/*
 * Check's ck_assert*() record their location on every call, which costs a
 * write to a temporary file in fork mode: in loops that check thousands of
 * items, use this one, which only calls into Check when it fails.
 */
#define fast_assert(expr, ...)         \
    do {                               \
        if (!(expr))                   \
            ck_abort_msg(__VA_ARGS__); \
    } while (0)

/*
 * The test is about to make the code under test panic, BUG or fail an
 * ASSERT (it is registered with tcase_add_test_raise_signal(..., SIGABRT)):
 * the harness still aborts, without printing the message.
 */
void harness_expect_abort(void);

/*
 * copy_from_guest()/copy_to_guest() treat guest addresses as the test's
 * own pointers, and refuse this one with -EFAULT.
 */
#define HARNESS_BAD_GUEST_POINTER 0xbad0UL

/*
 * hypercall_continuation() records its arguments here (nr, a1, a2) and
 * returns HARNESS_CONTINUATION.
 */
#define HARNESS_CONTINUATION 0x7e57c0de
extern unsigned long harness_continuation[3];

/* Number of WARN_ON()s that fired. */
extern unsigned int harness_warnings;

/* The suites; each lives in tests/unit/test_<name>.c. */
Suite *vsprintf_suite(void);
Suite *string_suite(void);
Suite *cmdline_suite(void);
Suite *bootinfo_suite(void);
Suite *page_alloc_suite(void);
Suite *xmalloc_suite(void);
Suite *multiboot_suite(void);
Suite *device_tree_suite(void);
Suite *pv_mm_suite(void);
Suite *pv_desc_suite(void);
Suite *libelf_suite(void);
Suite *x86_decode_suite(void);
Suite *sched_suite(void);
Suite *evtchn_suite(void);
Suite *pv_build_suite(void);
Suite *xenevtchn_suite(void);
Suite *gk_heap_suite(void);
Suite *gk_cpio_suite(void);
Suite *gk_libc_suite(void);
Suite *console_ring_suite(void);
Suite *xenstored_suite(void);
Suite *xs_client_suite(void);
Suite *gnttab_suite(void);
Suite *xl_cfg_suite(void);

struct domain;
/* A zeroed frame newly allocated to owner (the test fails if none is left). */
unsigned long harness_domain_frame(struct domain *owner);
/* The contents of frame mfn, through the harness's direct map. */
void *harness_frame_va(unsigned long mfn);

#endif /* HARNESS_HARNESS_H */
