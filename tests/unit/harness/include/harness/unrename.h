/* SPDX-License-Identifier: GPL-2.0-only */
/* Undo <harness/rename.h>: back to the host C library's names. */
#undef HARNESS_RENAME_H
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strlcpy
#undef strtoul
#undef vsnprintf
#undef snprintf
#undef vscnprintf
#undef scnprintf
