/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit-test runner: every suite in one Check runner.  Check's usual
 * environment variables apply (CK_RUN_SUITE, CK_RUN_CASE, CK_VERBOSITY,
 * CK_FORK, CK_DEFAULT_TIMEOUT, CK_TAP_LOG_FILE_NAME, CK_XML_LOG_FILE_NAME).
 *
 * Each test runs in its own child process (Check's fork mode, the
 * default): the allocators keep their state in static variables, so the
 * tests rely on starting from a fresh copy of the process.
 *
 * Exit status: 0 only if at least one check ran and none failed.
 */
#include <stdio.h>
#include <stdlib.h>

#include <harness/harness.h>

static Suite *(*const suites[])(void) = {
    vsprintf_suite,  string_suite,     cmdline_suite,      bootinfo_suite, page_alloc_suite,
    xmalloc_suite,   multiboot_suite,  device_tree_suite,  pv_mm_suite,    pv_desc_suite,
    libelf_suite,    x86_decode_suite, sched_suite,        evtchn_suite,   gk_heap_suite,
    gk_cpio_suite,   gk_libc_suite,    console_ring_suite, pv_build_suite, xenevtchn_suite,
    xenstored_suite, xs_client_suite,  gnttab_suite,       xl_cfg_suite,
};

int main(void)
{
    SRunner *sr = srunner_create(NULL);
    int run, failed;

    harness_init();
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
        srunner_add_suite(sr, suites[i]());

    if (srunner_fork_status(sr) == CK_NOFORK)
        fprintf(stderr, "note: CK_FORK=no: tests share one process; allocator tests "
                        "expect a fresh process and may fail when run together\n");

    srunner_run_all(sr, CK_ENV);
    run = srunner_ntests_run(sr);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);

    if (run == 0) {
        fprintf(stderr, "error: no check ran (does CK_RUN_SUITE/CK_RUN_CASE match anything?)\n");
        return EXIT_FAILURE;
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
