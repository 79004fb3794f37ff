/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the device-tree readers (common/device_tree.c over
 * the host's libfdt, into common/bootinfo.c): the input is the blob a
 * boot loader hands over, read as arm64's setup, PSCI, timer and console
 * code read it.  The blob's totalsize must be that of the input, since the
 * hypervisor learns a blob's extent from its header alone.
 *
 * Besides the sanitizers, the target traps when bootinfo breaks its
 * promises (fuzz_check_bootinfo()) or a string getter returns a value
 * without its NUL.
 */
#include <libfdt.h>
#include <xenia/bootinfo.h>
#include <xenia/device_tree.h>

#include "shim/shim.h"

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

static struct bootinfo bi;

static void read_devices(const void *fdt)
{
    static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,armv8-timer",
                                         "arm,pl011"};
    paddr_t addr;
    uint64_t size;
    uint32_t cell;
    int node;

    for (unsigned int i = 0; i < sizeof(compat) / sizeof(compat[0]); i++) {
        node = dt_find_compatible(fdt, -1, compat[i]);
        if (node < 0)
            continue;
        promise(dt_is_compatible(fdt, node, compat[i]));
        promise(strlen(dt_node_name(fdt, node)) < 4096);
        (void)dt_node_string(fdt, node, "method");
        for (unsigned int j = 0; j < 6; j++)
            (void)dt_node_cell(fdt, node, "interrupts", j, &cell);
        (void)dt_node_reg(fdt, node, 0, &addr, &size);
    }
    node = dt_stdout_node(fdt);
    if (node >= 0) {
        (void)dt_node_name(fdt, node);
        (void)dt_node_reg(fdt, node, 0, &addr, &size);
        (void)dt_node_reg(fdt, node, 1, &addr, &size);
    }
}

void *malloc(size_t size);
void free(void *p);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    void *fdt;

    if (size < sizeof(struct fdt_header) || fdt_totalsize(data) != size)
        return 0;
    fdt = malloc(size);
    if (!fdt)
        return 0;
    memcpy(fdt, data, size);
    memset(&bi, 0, sizeof(bi));
    if (dt_parse_memory(fdt, &bi) >= 0 && dt_parse_chosen(fdt, &bi) == 0)
        fuzz_check_bootinfo(&bi);
    read_devices(fdt);
    promise(dt_blob_size(fdt) == 0 || dt_blob_size(fdt) == size);
    free(fdt);
    return 0;
}
