# SPDX-License-Identifier: GPL-2.0-only
#
# xl's sources, for whatever links xl in (the control domain's image, the
# unit tests): include this and add $(xl_srcs) (relative to the top of the
# tree).  They need tools/libs/include, tools/console and include/ on the
# include path.
xl_cfg_srcs := tools/xl/xl_cfg.c tools/xl/xl_cfg_syntax.c
xl_srcs := $(xl_cfg_srcs) tools/xl/xl.c tools/xl/xl_create.c tools/xl/xl_reaper.c \
	tools/xl/xl_cmd_domain.c tools/xl/xl_cmd_info.c tools/xl/xl_cmd_vcpu.c
