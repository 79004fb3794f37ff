/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenevtchn (tools/libs/evtchn) over fake os_evtchn_* functions: a
 * handle owns exactly the ports bound through it, reports each fired port
 * once and in turn, and closes what it bound.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <check.h>

#include <harness/harness.h>
#include <xenevtchn.h>
#include <xenia-os.h>

static uint32_t next_port = 5;
static bool port_open[64], port_fired[64];
static int bind_rc;
static unsigned int notifies;

static int new_port(void)
{
    if (bind_rc)
        return bind_rc;
    port_open[next_port] = true;
    return (int)next_port++;
}

int os_evtchn_bind_interdomain(uint16_t remote_dom, uint32_t remote_port)
{
    return new_port();
}

int os_evtchn_bind_virq(unsigned int virq)
{
    return new_port();
}

int os_evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom)
{
    ck_assert_uint_eq(dom, 0x7FF0); /* DOMID_SELF: a port of the caller */
    return new_port();
}

int os_evtchn_notify(uint32_t port)
{
    ck_assert(port_open[port]);
    notifies++;
    return 0;
}

int os_evtchn_close(uint32_t port)
{
    ck_assert(port_open[port]);
    port_open[port] = false;
    return 0;
}

bool os_evtchn_test_and_clear(uint32_t port)
{
    bool f = port_fired[port];

    port_fired[port] = false;
    return f;
}

START_TEST(ports_of_a_handle)
{
    xenevtchn_handle *a = xenevtchn_open(NULL, 0), *b = xenevtchn_open(NULL, 0);
    int p1, p2, p3, q;

    ck_assert_ptr_nonnull(a);
    p1 = xenevtchn_bind_interdomain(a, 3, 9);
    p2 = xenevtchn_bind_virq(a, 3);
    p3 = xenevtchn_bind_unbound_port(a, 4);
    q = xenevtchn_bind_virq(b, 1);
    ck_assert_int_eq(p1, 5);
    ck_assert_int_eq(p3, 7);
    ck_assert_int_eq(xenevtchn_pending(a), -1);

    /* Each fired port once, and not another handle's. */
    port_fired[p1] = port_fired[p3] = port_fired[q] = true;
    ck_assert_int_eq(xenevtchn_pending(a), p1);
    ck_assert_int_eq(xenevtchn_pending(a), p3);
    ck_assert_int_eq(xenevtchn_pending(a), -1);
    ck_assert_int_eq(xenevtchn_pending(b), q);

    /* After p1 fired, a later p1 and p2 are served p2 first. */
    port_fired[p1] = port_fired[p2] = true;
    ck_assert_int_eq(xenevtchn_pending(a), p1);
    ck_assert_int_eq(xenevtchn_pending(a), p2);

    ck_assert_int_eq(xenevtchn_notify(a, (evtchn_port_t)p2), 0);
    ck_assert_int_eq(xenevtchn_notify(a, (evtchn_port_t)q), -EINVAL);
    ck_assert_int_eq(xenevtchn_unbind(a, (evtchn_port_t)q), -EINVAL);
    ck_assert(port_open[q]);
    ck_assert_int_eq(xenevtchn_unbind(a, (evtchn_port_t)p2), 0);
    ck_assert(!port_open[p2]);
    ck_assert_int_eq(xenevtchn_notify(a, (evtchn_port_t)p2), -EINVAL);
    ck_assert_uint_eq(notifies, 1);

    bind_rc = -ENOSPC;
    ck_assert_int_eq(xenevtchn_bind_virq(a, 2), -ENOSPC);
    xenevtchn_close(a);
    ck_assert(!port_open[p1] && !port_open[p3]);
    ck_assert(port_open[q]);
    xenevtchn_close(b);
    ck_assert(!port_open[q]);
}
END_TEST

Suite *xenevtchn_suite(void)
{
    Suite *s = suite_create("xenevtchn");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, ports_of_a_handle);
    suite_add_tcase(s, tc);
    return s;
}
