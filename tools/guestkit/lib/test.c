/* SPDX-License-Identifier: GPL-2.0-only */
/* PASS/FAIL lines and the summary (see <guestkit/test.h>). */
#include <stdarg.h>

#include <guestkit/console.h>
#include <guestkit/kernel.h>
#include <guestkit/test.h>

static unsigned int passed, failed;

bool gk_check(bool ok, const char *name, const char *fmt, ...)
{
    char why[256];
    va_list ap;

    if (ok) {
        passed++;
        gk_printf("PASS %s\n", name);
        return true;
    }
    failed++;
    va_start(ap, fmt);
    gk_vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    /* One write, so the line cannot be interleaved with other output. */
    gk_printf("FAIL %s: %s\n", name, why);
    return false;
}

bool gk_check_ret(long got, long want, const char *name)
{
    return gk_check(got == want, name, "returned %ld, expected %ld", got, want);
}

unsigned int gk_tests_passed(void)
{
    return passed;
}

unsigned int gk_tests_failed(void)
{
    return failed;
}

void gk_test_summary(const char *guest)
{
    gk_printf("%s: %u passed, %u failed\n", guest, passed, failed);
    gk_shutdown(SHUTDOWN_poweroff);
}
