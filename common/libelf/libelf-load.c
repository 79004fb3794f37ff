/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libelf: copying the segments into the guest through the caller's write
 * callback.  All segments are checked before the first write, so a bad
 * image or mismatched parms leaves the guest's memory untouched.
 */
#include <xenia/errno.h>

#include "libelf-private.h"

/* Where segment ph goes: 0 and *va, or -EINVAL if outside the kernel. */
static int segment_address(const struct elf_binary *elf, const struct elf_dom_parms *parms,
                           unsigned int i, const struct elf_phdr *ph, uint64_t *va)
{
    *va = ph->paddr + (parms->virt_base - parms->paddr_offset);
    if (*va < parms->virt_kstart || *va >= parms->virt_kend || ph->memsz > parms->virt_kend - *va) {
        elf_err(elf, "ELF: segment %u at %#llx size %#llx is outside the kernel\n", i,
                (unsigned long long)*va, (unsigned long long)ph->memsz);
        return -EINVAL;
    }
    return 0;
}

static int load_segment(const struct elf_binary *elf, const struct elf_phdr *ph, uint64_t va,
                        elf_write_fn write_cb, void *ctx)
{
    int rc = 0;

    if (ph->filesz)
        rc = write_cb(ctx, va, elf->image + ph->offset, ph->filesz);
    if (!rc && ph->memsz > ph->filesz)
        rc = write_cb(ctx, va + ph->filesz, NULL, ph->memsz - ph->filesz);
    return rc;
}

/* Runs over the segments to load: checks them all, or loads them all. */
static int for_each_segment(const struct elf_binary *elf, const struct elf_dom_parms *parms,
                            elf_write_fn write_cb, void *ctx)
{
    struct elf_phdr ph;
    uint64_t va;
    int rc;

    for (unsigned int i = 0; i < elf->phnum; i++) {
        elf_read_phdr(elf, i, &ph);
        if (ph.type != ELF_PT_LOAD || !ph.memsz)
            continue;
        rc = segment_address(elf, parms, i, &ph, &va);
        if (!rc && write_cb)
            rc = load_segment(elf, &ph, va, write_cb, ctx);
        if (rc)
            return rc;
    }
    return 0;
}

int elf_load_binary(const struct elf_binary *elf, const struct elf_dom_parms *parms,
                    elf_write_fn write_cb, void *ctx)
{
    int rc;

    if (!write_cb)
        return -EINVAL;
    rc = for_each_segment(elf, parms, NULL, NULL);
    if (rc)
        return rc;
    return for_each_segment(elf, parms, write_cb, ctx);
}
