/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A thin layer over libfdt (<xenia/device_tree.h>).  libfdt itself is
 * linked from the distribution's package, never copied into the tree.
 * This file includes nothing but libfdt and arch-neutral headers, so that
 * host unit tests can build it against the host's libfdt.
 */
#include <libfdt.h>
#include <xenia/bootinfo.h>
#include <xenia/device_tree.h>
#include <xenia/errno.h>

#define DT_PROTOCOL "device tree"

/*
 * The distribution's libfdt (1.6.1) adds a property's length to the offset
 * unchecked: a length of -12 makes the next tag the same one, and every walk
 * of the tree then spins at boot.  One walk here, in which each tag must
 * move forward and the walk end at FDT_END, keeps such blobs out.
 */
static bool tags_advance(const void *fdt)
{
    int off = 0, next;

    for (;;) {
        uint32_t tag = fdt_next_tag(fdt, off, &next);

        if (tag == FDT_END)
            return next >= 0;
        if (next <= off)
            return false;
        off = next;
    }
}

static bool blob_ok(const void *fdt)
{
    return fdt && fdt_check_header(fdt) == 0 && tags_advance(fdt);
}

/* A number of `cells` big-endian 32-bit cells; callers allow 1 or 2. */
static uint64_t read_cells(const fdt32_t *p, int cells)
{
    uint64_t v = 0;

    while (cells-- > 0)
        v = (v << 32) | fdt32_to_cpu(*p++);
    return v;
}

/* The cell counts children of `bus` use for reg; a paddr_t holds two. */
static int bus_cells(const void *fdt, int bus, int *ac, int *sc)
{
    *ac = fdt_address_cells(fdt, bus);
    *sc = fdt_size_cells(fdt, bus);
    if (*ac < 1 || *ac > 2 || *sc < 1 || *sc > 2)
        return -EINVAL;
    return 0;
}

static bool node_enabled(const void *fdt, int node)
{
    const char *status = fdt_getprop(fdt, node, "status", NULL);

    return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* Add every non-empty entry of the node's reg as `type`; returns how many. */
static int add_reg_regions(const void *fdt, int node, int ac, int sc, struct bootinfo *bi,
                           enum mem_type type)
{
    const fdt32_t *reg;
    int len, n = 0;

    reg = fdt_getprop(fdt, node, "reg", &len);
    if (!reg || len < 0)
        return 0;
    for (int i = 0; (i + 1) * (ac + sc) * (int)sizeof(*reg) <= len; i++) {
        const fdt32_t *e = reg + i * (ac + sc);
        uint64_t size = read_cells(e + ac, sc);

        if (!size)
            continue;
        bootinfo_add_mem(bi, read_cells(e, ac), size, type);
        n++;
    }
    return n;
}

/* "memory" and "memory@<unit>" are memory; "memory-controller" is not. */
static bool is_memory_node(const void *fdt, int node)
{
    const char *name = fdt_get_name(fdt, node, NULL);

    return name && !strncmp(name, "memory", 6) && (name[6] == '\0' || name[6] == '@');
}

static void add_reserved_memory(const void *fdt, struct bootinfo *bi)
{
    int rsv = fdt_path_offset(fdt, "/reserved-memory");
    int node, ac, sc;

    if (rsv >= 0 && !bus_cells(fdt, rsv, &ac, &sc)) {
        for (node = fdt_first_subnode(fdt, rsv); node >= 0; node = fdt_next_subnode(fdt, node)) {
            if (node_enabled(fdt, node))
                add_reg_regions(fdt, node, ac, sc, bi, MEM_RESERVED);
        }
    }

    for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
        uint64_t addr, size;

        if (!fdt_get_mem_rsv(fdt, i, &addr, &size))
            bootinfo_add_mem(bi, addr, size, MEM_RESERVED);
    }
}

int dt_parse_memory(const void *fdt, struct bootinfo *bi)
{
    int node, ac, sc, banks = 0;

    if (!blob_ok(fdt) || bus_cells(fdt, 0, &ac, &sc))
        return -EINVAL;
    bi->protocol = DT_PROTOCOL;

    for (node = fdt_first_subnode(fdt, 0); node >= 0; node = fdt_next_subnode(fdt, node)) {
        if (is_memory_node(fdt, node) && node_enabled(fdt, node))
            banks += add_reg_regions(fdt, node, ac, sc, bi, MEM_RAM);
    }
    add_reserved_memory(fdt, bi);
    return banks;
}

/* Xen's dom0 module binding; returns the number of modules or -EINVAL. */
static int add_multiboot_modules(const void *fdt, int chosen, struct bootinfo *bi)
{
    int node, ac, sc, n = 0;

    for (node = fdt_first_subnode(fdt, chosen); node >= 0; node = fdt_next_subnode(fdt, node)) {
        const fdt32_t *reg;
        const char *args;
        int len, args_len;

        if (fdt_node_check_compatible(fdt, node, "multiboot,module"))
            continue;
        reg = fdt_getprop(fdt, node, "reg", &len);
        if (bus_cells(fdt, chosen, &ac, &sc) || !reg || len < (ac + sc) * (int)sizeof(*reg))
            return -EINVAL;
        args = fdt_getprop(fdt, node, "bootargs", &args_len);
        bootinfo_add_module(bi, read_cells(reg, ac), read_cells(reg + ac, sc), args,
                            args && args_len > 0 ? (size_t)args_len : 0);
        n++;
    }
    return n;
}

/* linux,initrd-start/end are one or two cells each, whatever the bus says. */
static bool read_initrd_prop(const void *fdt, int chosen, const char *name, uint64_t *val)
{
    const fdt32_t *p;
    int len;

    p = fdt_getprop(fdt, chosen, name, &len);
    if (!p || (len != 4 && len != 8))
        return false;
    *val = read_cells(p, len / 4);
    return true;
}

static void add_initrd(const void *fdt, int chosen, struct bootinfo *bi)
{
    uint64_t start, end;

    if (read_initrd_prop(fdt, chosen, "linux,initrd-start", &start) &&
        read_initrd_prop(fdt, chosen, "linux,initrd-end", &end) && end > start)
        bootinfo_add_module(bi, start, end - start, NULL, 0);
}

int dt_parse_chosen(const void *fdt, struct bootinfo *bi)
{
    const char *args;
    int chosen, len, n;

    if (!blob_ok(fdt))
        return -EINVAL;
    bi->protocol = DT_PROTOCOL;

    chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen < 0)
        return 0;
    args = fdt_getprop(fdt, chosen, "bootargs", &len);
    if (args && len > 0)
        bootinfo_set_cmdline(bi, args, (size_t)len);

    n = add_multiboot_modules(fdt, chosen, bi);
    if (n < 0)
        return n;
    if (n == 0)
        add_initrd(fdt, chosen, bi);
    return 0;
}

size_t dt_blob_size(const void *fdt)
{
    return blob_ok(fdt) ? fdt_totalsize(fdt) : 0;
}

int dt_find_compatible(const void *fdt, int from, const char *compat)
{
    if (!blob_ok(fdt))
        return -EINVAL;
    return fdt_node_offset_by_compatible(fdt, from, compat);
}

bool dt_is_compatible(const void *fdt, int node, const char *compat)
{
    return blob_ok(fdt) && node >= 0 && fdt_node_check_compatible(fdt, node, compat) == 0;
}

int dt_stdout_node(const void *fdt)
{
    const char *path, *colon;
    int chosen, len;

    if (!blob_ok(fdt))
        return -EINVAL;
    chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen < 0)
        return -ENOENT;
    path = fdt_getprop(fdt, chosen, "stdout-path", &len);
    if (!path)
        path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
    if (!path || len <= 0)
        return -ENOENT;
    colon = memchr(path, ':', (size_t)len);
    /* fdt_path_offset_namelen() resolves a leading alias itself. */
    return fdt_path_offset_namelen(fdt, path,
                                   colon ? (int)(colon - path) : (int)strnlen(path, (size_t)len));
}

const char *dt_node_name(const void *fdt, int node)
{
    const char *name = blob_ok(fdt) && node >= 0 ? fdt_get_name(fdt, node, NULL) : NULL;

    return name ? name : "?";
}

const char *dt_node_string(const void *fdt, int node, const char *prop)
{
    const char *s;
    int len;

    if (!blob_ok(fdt) || node < 0)
        return NULL;
    s = fdt_getprop(fdt, node, prop, &len);
    /* Only a NUL-terminated value is a string. */
    return s && len > 0 && memchr(s, '\0', (size_t)len) ? s : NULL;
}

int dt_node_cell(const void *fdt, int node, const char *prop, unsigned int index, uint32_t *val)
{
    const fdt32_t *p;
    int len;

    if (!blob_ok(fdt) || node < 0)
        return -EINVAL;
    p = fdt_getprop(fdt, node, prop, &len);
    if (!p || len < 0 || (size_t)len < (index + 1) * sizeof(*p))
        return -ENOENT;
    *val = fdt32_to_cpu(p[index]);
    return 0;
}

int dt_node_reg(const void *fdt, int node, unsigned int index, paddr_t *addr, uint64_t *size)
{
    const fdt32_t *reg;
    int len, ac, sc, parent;

    if (!blob_ok(fdt) || node < 0)
        return -EINVAL;
    parent = fdt_parent_offset(fdt, node);
    if (parent < 0 || bus_cells(fdt, parent, &ac, &sc))
        return -EINVAL;
    reg = fdt_getprop(fdt, node, "reg", &len);
    if (!reg || len < 0 || (size_t)len < (index + 1) * (size_t)(ac + sc) * sizeof(*reg))
        return -ENOENT;
    reg += index * (unsigned int)(ac + sc);
    *addr = read_cells(reg, ac);
    *size = read_cells(reg + ac, sc);
    return 0;
}
