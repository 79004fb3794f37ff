/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runner for xl's command tests.  They link xl against fakes of the
 * libraries it calls, which the main runner's real libxenctrl and
 * harness would clash with, hence a runner of their own.
 */
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

Suite *xl_cmd_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(xl_cmd_suite());
    int run, failed;

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
