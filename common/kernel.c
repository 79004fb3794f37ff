/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version: what the hypervisor tells guests about itself. */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/string.h>
#include <xenia/version.h>
#include <asm/current.h>
#include <asm/config.h>
#include <asm/page.h>
#include <public/version.h>

/*
 * Guests gate features on the Xen version they see; Xenia implements the
 * Xen 4.17 interfaces (and its domctl/sysctl versions), so it says 4.17.
 */
#define COMPAT_XEN_MAJOR 4
#define COMPAT_XEN_MINOR 17

static long copy_string_out(unsigned long arg, const char *s, size_t size)
{
    char buf[1024];

    if (size > sizeof(buf))
        return -EINVAL;
    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(arg, buf, size);
}

long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                    unsigned long a5)
{
    struct xen_feature_info fi;
    xen_platform_parameters_t pp;

    switch ((int)cmd) { /* an int, as in Xen */
    case XENVER_version: return (COMPAT_XEN_MAJOR << 16) | COMPAT_XEN_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, ".0-xenia" XENIA_VERSION_STRING, XEN_EXTRAVERSION_LEN);
    case XENVER_capabilities:
        return copy_string_out(arg, ARCH_XEN_CAPABILITIES, XEN_CAPABILITIES_INFO_LEN);
    case XENVER_changeset:
        return copy_string_out(arg, "xenia " XENIA_VERSION_STRING, XEN_CHANGESET_INFO_LEN);
    case XENVER_platform_parameters:
        pp.virt_start = ARCH_GUEST_HYPERVISOR_START;
        return copy_to_guest(arg, &pp, sizeof(pp));
    case XENVER_get_features:
        if (copy_from_guest(&fi, arg, sizeof(fi)))
            return -EFAULT;
        if (fi.submap_idx != 0)
            return -EINVAL;
        fi.submap = arch_guest_features(current->domain);
        return copy_to_guest(arg, &fi, sizeof(fi));
    case XENVER_pagesize: return PAGE_SIZE;
    default: return -ENOSYS;
    }
}
