/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_TYPES_H
#define XENIA_TYPES_H

/* GCC's freestanding headers: valid in the hypervisor and on the host. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t; /* machine (host-physical) address */
typedef long ssize_t;

#define PRIpaddr "016lx"

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)
#define GiB(x) ((uint64_t)(x) << 30)

#endif /* XENIA_TYPES_H */
