/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_DEVICE_TREE_H
#define XENIA_DEVICE_TREE_H

#include <xenia/bootinfo.h>
#include <xenia/types.h>

/*
 * The flattened device tree the loader passed, read through libfdt
 * (common/device_tree.c).  Every function accepts a NULL or malformed blob
 * and fails with a negative errno value for it.  Node handles are libfdt
 * offsets: >= 0 for a node, negative when there is none.
 */

/*
 * Fill bootinfo's memory map: the reg of every /memory and /memory@...
 * node (cells per the root's #address-cells/#size-cells) as MEM_RAM, the
 * reg of every /reserved-memory child and every memreserve entry of the
 * blob header as MEM_RESERVED.  Also sets bi->protocol.  Returns the
 * number of RAM banks found, or -EINVAL for a blob that fails
 * fdt_check_header() or a root with unusable cell counts.
 */
int dt_parse_memory(const void *fdt, struct bootinfo *bi);

/*
 * Fill bootinfo's command line and modules from /chosen: bootargs is the
 * hypervisor command line; each child compatible with "multiboot,module"
 * (Xen's binding: reg in /chosen's cells, optional bootargs) is a module,
 * in tree order; without such children, linux,initrd-start/end (if
 * present) is one module with no command line.  Also sets bi->protocol.
 * Returns 0, or -EINVAL for a bad blob or a module node without a usable
 * reg.  A tree without /chosen is not an error.
 */
int dt_parse_chosen(const void *fdt, struct bootinfo *bi);

/* The blob's total size from its header; 0 if it is not a valid blob. */
size_t dt_blob_size(const void *fdt);

/* The next node after `from` (-1: from the start) compatible with `compat`. */
int dt_find_compatible(const void *fdt, int from, const char *compat);
bool dt_is_compatible(const void *fdt, int node, const char *compat);
/* The node /chosen's stdout-path names (an alias or a path; options after
 * ':' are ignored), or a negative errno value. */
int dt_stdout_node(const void *fdt);
/* The node's name ("pl011@9000000"), or "?" */
const char *dt_node_name(const void *fdt, int node);
/* A string property, or NULL. */
const char *dt_node_string(const void *fdt, int node, const char *prop);
/* Cell `index` of a property; 0 or a negative errno value. */
int dt_node_cell(const void *fdt, int node, const char *prop, unsigned int index, uint32_t *val);
/*
 * Entry `index` of the node's reg, in the parent's cells.  Addresses are
 * not translated through the parents' ranges: fine for devices on the
 * root bus, as every device of QEMU's virt machine is.
 */
int dt_node_reg(const void *fdt, int node, unsigned int index, paddr_t *addr, uint64_t *size);

#endif /* XENIA_DEVICE_TREE_H */
