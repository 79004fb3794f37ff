/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_VERSION_H
#define XENIA_VERSION_H

#define XENIA_VERSION_MAJOR  0
#define XENIA_VERSION_MINOR  1
#define XENIA_VERSION_STRING "0.1"

#endif /* XENIA_VERSION_H */
