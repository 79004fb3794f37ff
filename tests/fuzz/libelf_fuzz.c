/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for common/libelf: every input goes through elf_init(),
 * elf_xen_parse() (or elf_parse_plain() when that refuses it) and
 * elf_load_binary(), as the dom0 builder would run them.
 *
 * Besides the sanitizers' memory checks, the target traps when libelf
 * breaks a promise its header makes: a successful parse whose addresses
 * violate the documented order, strings without their NUL, required
 * features missing from the supported set, or a write callback called
 * outside [virt_kstart, virt_kend) or with a zero length.
 */
#include <stdint.h>
#include <string.h>

#include <xenia/errno.h>
#include <xenia/libelf.h>

/* The guest memory we pretend to have: the start of the kernel. */
#define SCRATCH_SIZE (64 * 1024)

struct scratch {
    const struct elf_dom_parms *parms;
    uint8_t mem[SCRATCH_SIZE];
};

static struct scratch scratch;

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

static int scratch_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    struct scratch *s = ctx;
    const struct elf_dom_parms *p = s->parms;
    uint64_t off = va - p->virt_kstart;

    promise(len != 0);
    promise(va >= p->virt_kstart && va < p->virt_kend && len <= p->virt_kend - va);

    /* A bigger kernel than we have room for: a refusal, not a bug. */
    if (off >= SCRATCH_SIZE || len > SCRATCH_SIZE - off)
        return -ENOSPC;
    if (src)
        memcpy(s->mem + off, src, len);
    else
        memset(s->mem + off, 0, len);
    return 0;
}

static void check_parms(const struct elf_dom_parms *p, bool xen)
{
    promise(p->virt_kstart < p->virt_kend);
    for (unsigned int i = 0; i < XENFEAT_NR_SUBMAPS; i++)
        promise((p->f_required[i] & ~p->f_supported[i]) == 0);
    promise(memchr(p->guest_os, '\0', sizeof(p->guest_os)));
    promise(memchr(p->guest_ver, '\0', sizeof(p->guest_ver)));
    promise(memchr(p->xen_ver, '\0', sizeof(p->xen_ver)));
    promise(memchr(p->loader, '\0', sizeof(p->loader)));
    promise(p->nr_l1_mfn_valid <= ELF_L1_MFN_VALID_MAX);
    if (!xen)
        return;
    promise(p->virt_base <= p->virt_kstart);
    promise(p->virt_entry >= p->virt_kstart && p->virt_entry < p->virt_kend);
    promise(!strncmp(p->xen_ver, "xen-3.0", 7));
    promise(p->init_p2m == ELF_UNSET_ADDR || p->init_p2m < p->virt_kstart ||
            p->init_p2m >= p->virt_kend);
    promise(p->virt_hypercall == ELF_UNSET_ADDR ||
            (p->virt_hypercall >= p->virt_kstart && p->virt_hypercall < p->virt_kend));
    promise(!elf_xen_feature_test(p->f_required, XENFEAT_auto_translated_physmap));
    promise(!elf_xen_feature_test(p->f_required, XENFEAT_supervisor_mode_kernel));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_binary elf;
    struct elf_dom_parms parms;
    bool xen = true;

    if (elf_init(&elf, data, size))
        return 0;
    promise(elf.image == data && elf.size == size);
    promise(!elf.nr_loads || elf.pstart < elf.pend);

    if (elf_xen_parse(&elf, &parms)) {
        xen = false;
        if (elf_parse_plain(&elf, &parms))
            return 0;
    }
    check_parms(&parms, xen);

    scratch.parms = &parms;
    elf_load_binary(&elf, &parms, scratch_write, &scratch);
    return 0;
}
