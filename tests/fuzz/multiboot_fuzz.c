/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the x86 boot information parsers
 * (arch/x86_64/boot/multiboot.c, into common/bootinfo.c).
 *
 * First byte even: the rest is a Multiboot2 information structure (its
 * total_size is that of the input, as a loader's is that of its memory).
 * Odd: the rest is machine memory from address 0, a Multiboot1 info
 * structure at its start; its addresses and lengths are cut down to a
 * window of that memory, since the parser trusts a loader's pointers but
 * not the sizes of what they point to.
 *
 * Besides the sanitizers, the target traps when the result breaks what
 * <xenia/bootinfo.h> promises (fuzz_check_bootinfo()).
 */
#include <xenia/bootinfo.h>
#include <xenia/errno.h>
#include <xenia/string.h>
#include <asm/multiboot.h>
#include <asm/page.h>

#include "shim/shim.h"

#define WINDOW 0x10000

static struct bootinfo bi;
static unsigned char ram[WINDOW + BOOTINFO_CMDLINE_MAX + PAGE_SIZE] __aligned(16);

static void mb1(const uint8_t *data, size_t size)
{
    struct mb1_info info;

    if (size < sizeof(info) || size > WINDOW)
        return;
    memset(ram, 0, sizeof(ram));
    memcpy(ram, data, size);
    memcpy(&info, ram, sizeof(info));
    info.cmdline %= WINDOW;
    info.boot_loader_name %= WINDOW;
    info.mods_addr = info.mods_addr % (WINDOW - 256 * sizeof(struct mb1_module)) & ~15U;
    info.mmap_addr %= WINDOW / 2;
    info.mmap_length %= WINDOW / 2;
    memcpy(ram, &info, sizeof(info));
    for (uint32_t i = 0; i < info.mods_count && i < 256; i++) {
        struct mb1_module *m = (struct mb1_module *)(ram + info.mods_addr) + i;

        m->string %= WINDOW;
    }
    if (mb1_parse(ram, &bi) == 0)
        fuzz_check_bootinfo(&bi);
}

/* The host's allocator: an MBI of exactly the input's size, for ASan. */
void *malloc(size_t size);
void free(void *p);

static void mb2(const uint8_t *data, size_t size)
{
    uint32_t total = (uint32_t)size;
    uint8_t *mbi;

    if (size < sizeof(total) || size > MiB(1))
        return;
    mbi = malloc(size);
    if (!mbi)
        return;
    memcpy(mbi, data, size);
    memcpy(mbi, &total, sizeof(total));
    if (mb2_parse(mbi, 0x100000, &bi) == 0)
        fuzz_check_bootinfo(&bi);
    free(mbi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    fake_ram = ram;
    memset(&bi, 0, sizeof(bi));
    if (data[0] & 1)
        mb1(data + 1, size - 1);
    else
        mb2(data + 1, size - 1);
    return 0;
}
