/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: NMIs a domain sends its own vCPUs (VCPUOP_send_nmi,
 * xen-abi.md 2.10) and the NMI callback (callback_op CALLBACKTYPE_nmi).
 * In Xen an NMI is delivered on the vCPU's way back to the guest, before
 * events, with no error code and events masked; a second one waits for
 * the handler's iret; one that finds no callback is lost.
 */
#include <guestkit/guestkit.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/vcpu.h>
#include <public/version.h>

#include "conform.h"

/* The lowest address that is not canonical. */
#define NON_CANONICAL 0x0000800000000000UL
/* Far past any domain's vCPUs (Xen's limit is below this). */
#define ABSENT_VCPU 4000

static volatile unsigned long nmis;
static volatile unsigned long unmasked_entries; /* entered with events unmasked */
static volatile bool resend;                    /* the handler sends itself another */
static volatile long resend_rc;
static volatile unsigned long nmis_inside; /* seen after the resend, before the iret */

extern const char conform_nmi_entry[];
void conform_nmi_handler(void);

/*
 * Frame RCX, R11, RIP, CS, RFLAGS, RSP, SS: as the event entry, the
 * registers C may clobber are saved (bringing %rsp to a 16-byte
 * boundary), then the iret hypercall returns and unmasks further NMIs.
 */
__asm__(".text\n"
        ".globl conform_nmi_entry\n"
        "conform_nmi_entry:\n"
        "  push %rax\n  push %rdi\n  push %rsi\n  push %rdx\n"
        "  push %r8\n  push %r9\n  push %r10\n"
        "  cld\n"
        "  call conform_nmi_handler\n"
        "  pop %r10\n  pop %r9\n  pop %r8\n"
        "  pop %rdx\n  pop %rsi\n  pop %rdi\n  pop %rax\n"
        "  pop %rcx\n  pop %r11\n"
        "  push $0\n  push %rcx\n  push %r11\n  push %rax\n"
        "  mov $23, %eax\n" /* __HYPERVISOR_iret */
        "  syscall\n"
        "  ud2\n");

void conform_nmi_handler(void)
{
    nmis++;
    if (!gk_vcpu_info()->evtchn_upcall_mask)
        unmasked_entries++;
    if (resend) {
        resend = false;
        resend_rc = HYPERVISOR_vcpu_op(VCPUOP_send_nmi, gk_vcpu_id(), NULL);
        /* Another way back through the hypervisor, still before the iret. */
        HYPERVISOR_xen_version(XENVER_version, NULL);
        nmis_inside = nmis;
    }
}

static long register_nmi(unsigned long address)
{
    struct callback_register cb = {.type = CALLBACKTYPE_nmi, .address = address};

    return HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
}

static long unregister(unsigned int type)
{
    struct callback_unregister cb = {.type = type};

    return HYPERVISOR_callback_op(CALLBACKOP_unregister, &cb);
}

static long send_nmi(unsigned int vcpu)
{
    return HYPERVISOR_vcpu_op(VCPUOP_send_nmi, vcpu, NULL);
}

static void check_delivery(unsigned int me)
{
    uint8_t mask = gk_vcpu_info()->evtchn_upcall_mask;
    unsigned long before = nmis, right_after;
    long rc;

    rc = send_nmi(me);
    right_after = nmis;
    HYPERVISOR_xen_version(XENVER_version, NULL);
    gk_check(rc == 0 && right_after == before + 1 && nmis == before + 1,
             "nmi_send_self_delivered_once", "rc %ld, NMIs %lu -> %lu -> %lu (expected one)", rc,
             before, right_after, nmis);
    gk_check(!unmasked_entries && gk_vcpu_info()->evtchn_upcall_mask == mask,
             "nmi_callback_masks_events", "%lu entries with events unmasked; mask %u -> %u",
             unmasked_entries, mask, gk_vcpu_info()->evtchn_upcall_mask);

    before = nmis;
    resend = true;
    rc = send_nmi(me);
    HYPERVISOR_xen_version(XENVER_version, NULL);
    gk_check(rc == 0 && resend_rc == 0 && nmis_inside == before + 1 && nmis == before + 2,
             "nmi_masked_until_iret",
             "rc %ld/%ld, NMIs seen inside the handler %lu, after %lu (expected %lu, %lu)", rc,
             resend_rc, nmis_inside - before, nmis - before, 1UL, 2UL);
}

void check_nmi(void)
{
    unsigned int me = gk_vcpu_id();
    unsigned long before;
    long rc;

    gk_check_ret(register_nmi(NON_CANONICAL), -XEN_EINVAL, "callback_nmi_non_canonical");
    gk_check_ret(register_nmi((unsigned long)conform_nmi_entry), 0, "callback_nmi_register");
    check_delivery(me);

    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_send_nmi, me, (void *)0x1000), -XEN_EINVAL,
                 "nmi_send_non_null_arg");
    gk_check_ret(send_nmi(ABSENT_VCPU), -XEN_ENOENT, "nmi_send_absent_vcpu");

    /* Without a callback the NMI is consumed: registering again later finds none. */
    before = nmis;
    rc = unregister(CALLBACKTYPE_nmi);
    send_nmi(me);
    HYPERVISOR_xen_version(XENVER_version, NULL);
    register_nmi((unsigned long)conform_nmi_entry);
    HYPERVISOR_xen_version(XENVER_version, NULL);
    gk_check(rc == 0 && nmis == before, "nmi_unregistered_is_lost",
             "unregister returned %ld, %lu NMIs delivered (expected 0 and none)", rc,
             nmis - before);

    /* Only the NMI callback can be unregistered. */
    gk_check_ret(unregister(CALLBACKTYPE_event), -XEN_EINVAL, "callback_unregister_event");
    gk_check_ret(unregister(0x7e57), -XEN_ENOSYS, "callback_unregister_unknown");

    /* guestkit's trap table had vector 2 (the NMI callback's slot, as in Xen). */
    gk_install_trap_table();
}
