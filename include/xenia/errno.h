/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_ERRNO_H
#define XENIA_ERRNO_H

/*
 * Internal error numbers.  They equal Xen's (and Linux's) values, so a
 * hypercall can return -Exxx to a guest unchanged.
 */
#define EPERM      1
#define ENOENT     2
#define ESRCH      3
#define EINTR      4
#define EIO        5
#define ENXIO      6
#define E2BIG      7
#define ENOEXEC    8
#define EBADF      9
#define EAGAIN     11
#define ENOMEM     12
#define EACCES     13
#define EFAULT     14
#define EBUSY      16
#define EEXIST     17
#define EXDEV      18
#define ENODEV     19
#define EINVAL     22
#define ENOSPC     28
#define ERANGE     34
#define ENOSYS     38
#define ENODATA    61
#define ETIME      62
#define EOVERFLOW  75
#define EOPNOTSUPP 95

#endif /* XENIA_ERRNO_H */
