/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot1 and Multiboot2 information parsing into struct bootinfo.
 * The loader's structures are untrusted input as far as their sizes go: a
 * malformed one is rejected with -EINVAL, never followed out of bounds.
 */
#include <xenia/bootinfo.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/string.h>
#include <asm/multiboot.h>
#include <asm/page.h>

/* Anything bigger is not an MBI but garbage. */
#define MB2_MAX_SIZE (1U << 20)

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static int mb2_mmap(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t esize;

    if (size < 16)
        return -EINVAL;
    esize = rd32(tag + 8);
    if (esize < 24)
        return -EINVAL;
    /* off <= size throughout, so size - off cannot wrap (off + esize could). */
    for (uint32_t off = 16; esize <= size - off; off += esize)
        bootinfo_add_mem(bi, rd64(tag + off), rd64(tag + off + 8), rd32(tag + off + 16));
    return 0;
}

/*
 * Parse a Multiboot2 information structure at `mbi`.  `mbi_pa` is its
 * machine address, recorded where bootinfo keeps an address (the RSDP copy
 * inside the MBI).  Returns 0 or -EINVAL.
 */
int mb2_parse(const void *mbi, paddr_t mbi_pa, struct bootinfo *bi)
{
    const uint8_t *base = mbi;
    uint32_t total = rd32(base);
    bool have_mmap = false, have_end = false;
    uint64_t lower = 0, upper = 0;

    if (total < 16 || total > MB2_MAX_SIZE)
        return -EINVAL;
    bi->protocol = "Multiboot2";

    for (uint32_t off = 8; off + 8 <= total; off = ROUNDUP(off + rd32(base + off + 4), 8)) {
        const uint8_t *tag = base + off;
        uint32_t type = rd32(tag), size = rd32(tag + 4);

        if (size < 8 || size > total - off)
            return -EINVAL;
        switch (type) {
        case MB2_TAG_END: have_end = true; break;
        case MB2_TAG_CMDLINE: bootinfo_set_cmdline(bi, (const char *)tag + 8, size - 8); break;
        case MB2_TAG_LOADER: {
            size_t n =
                strnlen((const char *)tag + 8, min((size_t)(size - 8), sizeof(bi->loader) - 1));

            memcpy(bi->loader, tag + 8, n);
            bi->loader[n] = '\0';
            break;
        }
        case MB2_TAG_MODULE:
            if (size < 16 || rd32(tag + 12) < rd32(tag + 8))
                return -EINVAL;
            bootinfo_add_module(bi, rd32(tag + 8), rd32(tag + 12) - rd32(tag + 8),
                                (const char *)tag + 16, size - 16);
            break;
        case MB2_TAG_BASIC_MEMINFO:
            if (size < 16)
                return -EINVAL;
            lower = rd32(tag + 8);
            upper = rd32(tag + 12);
            break;
        case MB2_TAG_MMAP:
            if (mb2_mmap(tag, size, bi))
                return -EINVAL;
            have_mmap = true;
            break;
        case MB2_TAG_ACPI_OLD:
            if (!bi->acpi_rsdp && size >= 8 + 20)
                bi->acpi_rsdp = mbi_pa + off + 8;
            break;
        case MB2_TAG_ACPI_NEW:
            if (size >= 8 + 36)
                bi->acpi_rsdp = mbi_pa + off + 8; /* preferred: has the XSDT */
            break;
        default: break;
        }
        if (have_end)
            break;
    }
    if (!have_end)
        return -EINVAL;
    if (!have_mmap && upper) {
        bootinfo_add_mem(bi, 0, lower << 10, MEM_RAM);
        bootinfo_add_mem(bi, MiB(1), upper << 10, MEM_RAM);
    }
    return 0;
}

/* The first word of a Multiboot1 command line is the image's path. */
static const char *skip_image_name(const char *s, size_t max, size_t *left)
{
    size_t i = 0;

    while (i < max && s[i] && s[i] != ' ')
        i++;
    while (i < max && s[i] == ' ')
        i++;
    *left = max - i;
    return s + i;
}

/* Length of a NUL-terminated string at machine address pa, capped. */
static const char *mb1_string(uint32_t pa, size_t *len)
{
    const char *s = maddr_to_virt(pa);

    *len = strnlen(s, BOOTINFO_CMDLINE_MAX);
    return s;
}

int mb1_parse(const void *mbi, struct bootinfo *bi)
{
    const struct mb1_info *info = mbi;
    size_t len, left;
    const char *s;

    bi->protocol = "Multiboot1";
    bi->module_path_first = true;
    if (info->flags & MB1_INFO_CMDLINE) {
        s = mb1_string(info->cmdline, &len);
        s = skip_image_name(s, len, &left);
        bootinfo_set_cmdline(bi, s, left);
    }
    if (info->flags & MB1_INFO_LOADER) {
        s = mb1_string(info->boot_loader_name, &len);
        memcpy(bi->loader, s, min(len, sizeof(bi->loader) - 1));
        bi->loader[min(len, sizeof(bi->loader) - 1)] = '\0';
    }
    if (info->flags & MB1_INFO_MODS) {
        const struct mb1_module *mods = maddr_to_virt(info->mods_addr);

        if (info->mods_count > 256)
            return -EINVAL;
        for (uint32_t i = 0; i < info->mods_count; i++) {
            if (mods[i].mod_end < mods[i].mod_start)
                return -EINVAL;
            s = "";
            len = 0;
            if (mods[i].string)
                s = mb1_string(mods[i].string, &len);
            bootinfo_add_module(bi, mods[i].mod_start, mods[i].mod_end - mods[i].mod_start, s, len);
        }
    }
    if (info->flags & MB1_INFO_MMAP) {
        const uint8_t *p = maddr_to_virt(info->mmap_addr);
        uint32_t off = 0;

        /* Entries are size-prefixed; the size field excludes itself. */
        while (off + 4 <= info->mmap_length) {
            uint32_t esize = rd32(p + off);

            /* Not off + 4 + esize, which can wrap around. */
            if (esize < 20 || esize > info->mmap_length - off - 4)
                return -EINVAL;
            bootinfo_add_mem(bi, rd64(p + off + 4), rd64(p + off + 12), rd32(p + off + 20));
            off += 4 + esize;
        }
    } else if (info->flags & MB1_INFO_MEM) {
        bootinfo_add_mem(bi, 0, (uint64_t)info->mem_lower << 10, MEM_RAM);
        bootinfo_add_mem(bi, MiB(1), (uint64_t)info->mem_upper << 10, MEM_RAM);
    }
    return 0;
}
