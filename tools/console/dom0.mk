# SPDX-License-Identifier: GPL-2.0-only
# The console backend in the control domain (tools/dom0/Makefile); it needs
# the OS back-end's foreign mappings and event channels (tools/libs/os).
ifneq ($(wildcard $(topdir)/tools/libs/os/guestkit.c),)
dom0_srcs += tools/console/backend.c tools/console/ring.c
endif
