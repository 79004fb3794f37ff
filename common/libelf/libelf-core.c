/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libelf: the ELF header, program header and section header checks that
 * everything else relies on.  Once elf_init() has succeeded, every header
 * table lies inside the image, so the readers below need no checks of
 * their own; the contents of sections and note segments are still
 * untrusted and are checked where they are used.
 */
#include <xenia/errno.h>
#include <xenia/string.h>

#include "libelf-private.h"

/* Offsets in the ELF64 header. */
#define EH_IDENT_CLASS   4
#define EH_IDENT_DATA    5
#define EH_IDENT_VERSION 6
#define EH_TYPE          16
#define EH_MACHINE       18
#define EH_VERSION       20
#define EH_ENTRY         24
#define EH_PHOFF         32
#define EH_SHOFF         40
#define EH_PHENTSIZE     54
#define EH_PHNUM         56
#define EH_SHENTSIZE     58
#define EH_SHNUM         60
#define EH_SHSTRNDX      62

void elf_err(const struct elf_binary *elf, const char *fmt, ...)
{
    va_list ap;

    if (!elf->log)
        return;
    va_start(ap, fmt);
    elf->log(elf->log_ctx, fmt, ap);
    va_end(ap);
}

void elf_read_phdr(const struct elf_binary *elf, unsigned int i, struct elf_phdr *ph)
{
    const uint8_t *p = elf->image + elf->phoff + (uint64_t)i * ELF_PHDR_SIZE;

    ph->type = elf_get32(p);
    ph->offset = elf_get64(p + 8);
    ph->vaddr = elf_get64(p + 16);
    ph->paddr = elf_get64(p + 24);
    ph->filesz = elf_get64(p + 32);
    ph->memsz = elf_get64(p + 40);
}

void elf_read_shdr(const struct elf_binary *elf, unsigned int i, struct elf_shdr *sh)
{
    const uint8_t *p = elf->image + elf->shoff + (uint64_t)i * ELF_SHDR_SIZE;

    sh->name = elf_get32(p);
    sh->type = elf_get32(p + 4);
    sh->offset = elf_get64(p + 24);
    sh->size = elf_get64(p + 32);
}

int elf_section_bytes(const struct elf_binary *elf, const struct elf_shdr *sh, const uint8_t **data,
                      uint64_t *len)
{
    if (sh->type == ELF_SHT_NOBITS) {
        *data = elf->image;
        *len = 0;
        return 0;
    }
    if (!elf_range_ok(elf, sh->offset, sh->size)) {
        elf_err(elf, "ELF: section at %#llx size %#llx is outside the image\n",
                (unsigned long long)sh->offset, (unsigned long long)sh->size);
        return -EINVAL;
    }
    *data = elf->image + sh->offset;
    *len = sh->size;
    return 0;
}

int elf_find_section(const struct elf_binary *elf, const char *name, struct elf_shdr *sh)
{
    size_t want = strlen(name) + 1; /* the NUL must match too */
    struct elf_shdr strtab;
    const uint8_t *names;
    uint64_t names_len;

    if (!elf->shstrndx)
        return -ENOENT;
    elf_read_shdr(elf, elf->shstrndx, &strtab);
    if (elf_section_bytes(elf, &strtab, &names, &names_len))
        return -ENOENT; /* elf_init() checked it; cannot happen */

    for (unsigned int i = 1; i < elf->shnum; i++) {
        elf_read_shdr(elf, i, sh);
        if (sh->name < names_len && names_len - sh->name >= want &&
            !memcmp(names + sh->name, name, want))
            return 0;
    }
    return -ENOENT;
}

/* e_ident, e_type, e_machine, e_version: is this an image we can run? */
static int elf_check_ident(struct elf_binary *elf)
{
    const uint8_t *h = elf->image;

    if (elf->size < ELF_EHDR_SIZE || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
        elf_err(elf, "ELF: not an ELF image\n");
        return -ENOEXEC;
    }
    if (h[EH_IDENT_CLASS] != ELF_CLASS64 || h[EH_IDENT_DATA] != ELF_DATA2LSB ||
        h[EH_IDENT_VERSION] != ELF_EV_CURRENT || elf_get32(h + EH_VERSION) != ELF_EV_CURRENT) {
        elf_err(elf, "ELF: not a version 1 little-endian ELF64 image\n");
        return -ENOEXEC;
    }
    elf->type = elf_get16(h + EH_TYPE);
    elf->machine = elf_get16(h + EH_MACHINE);
    if (elf->type != ELF_ET_EXEC && elf->type != ELF_ET_DYN) {
        elf_err(elf, "ELF: type %u is not an executable\n", elf->type);
        return -ENOEXEC;
    }
    if (elf->machine != ELF_EM_X86_64 && elf->machine != ELF_EM_AARCH64) {
        elf_err(elf, "ELF: unsupported machine %u\n", elf->machine);
        return -ENOEXEC;
    }
    elf->entry = elf_get64(h + EH_ENTRY);
    return 0;
}

/* A header table of num entries of entsize bytes at off, inside the image. */
static int elf_check_table(const struct elf_binary *elf, const char *what, uint64_t off,
                           unsigned int num, unsigned int entsize, unsigned int want)
{
    if (entsize != want) {
        elf_err(elf, "ELF: %s entry size %u, expected %u\n", what, entsize, want);
        return -EINVAL;
    }
    if (!elf_range_ok(elf, off, (uint64_t)num * entsize)) {
        elf_err(elf, "ELF: %s table (%u at %#llx) is outside the image\n", what, num,
                (unsigned long long)off);
        return -EINVAL;
    }
    return 0;
}

static int elf_check_headers(struct elf_binary *elf)
{
    const uint8_t *h = elf->image;
    int rc;

    elf->phoff = elf_get64(h + EH_PHOFF);
    elf->phnum = elf_get16(h + EH_PHNUM);
    elf->shoff = elf_get64(h + EH_SHOFF);
    elf->shnum = elf_get16(h + EH_SHNUM);
    elf->shstrndx = elf_get16(h + EH_SHSTRNDX);

    if (elf->phnum == 0 || elf->phnum == ELF_PN_XNUM) {
        elf_err(elf, "ELF: unsupported program header count %u\n", elf->phnum);
        return -EINVAL;
    }
    rc = elf_check_table(elf, "program header", elf->phoff, elf->phnum, elf_get16(h + EH_PHENTSIZE),
                         ELF_PHDR_SIZE);
    if (rc)
        return rc;

    /* No sections (or extended numbering, which kernels never need): ignore them. */
    if (elf->shnum == 0) {
        elf->shoff = 0;
        elf->shstrndx = 0;
        return 0;
    }
    rc = elf_check_table(elf, "section header", elf->shoff, elf->shnum, elf_get16(h + EH_SHENTSIZE),
                         ELF_SHDR_SIZE);
    if (rc)
        return rc;
    if (elf->shstrndx == ELF_SHN_XINDEX || elf->shstrndx >= elf->shnum) {
        elf_err(elf, "ELF: bad section name table index %u\n", elf->shstrndx);
        return -EINVAL;
    }
    if (elf->shstrndx) {
        struct elf_shdr sh;
        const uint8_t *data;
        uint64_t len;

        elf_read_shdr(elf, elf->shstrndx, &sh);
        return elf_section_bytes(elf, &sh, &data, &len);
    }
    return 0;
}

/* Every PT_LOAD: file bytes inside the image, fits in memory; pstart/pend. */
static int elf_check_loads(struct elf_binary *elf)
{
    struct elf_phdr ph;

    for (unsigned int i = 0; i < elf->phnum; i++) {
        elf_read_phdr(elf, i, &ph);
        if (ph.type != ELF_PT_LOAD)
            continue;
        if (ph.filesz && !elf_range_ok(elf, ph.offset, ph.filesz)) {
            elf_err(elf, "ELF: segment %u file range is outside the image\n", i);
            return -EINVAL;
        }
        if (ph.filesz > ph.memsz || ph.memsz > ~(uint64_t)0 - ph.paddr) {
            elf_err(elf, "ELF: segment %u has bad sizes (filesz %#llx memsz %#llx)\n", i,
                    (unsigned long long)ph.filesz, (unsigned long long)ph.memsz);
            return -EINVAL;
        }
        if (!ph.memsz)
            continue;
        if (!elf->nr_loads || ph.paddr < elf->pstart)
            elf->pstart = ph.paddr;
        if (!elf->nr_loads || ph.paddr + ph.memsz > elf->pend)
            elf->pend = ph.paddr + ph.memsz;
        elf->nr_loads++;
    }
    return 0;
}

int elf_init_log(struct elf_binary *elf, const void *image, size_t size, elf_log_fn log,
                 void *log_ctx)
{
    int rc;

    memset(elf, 0, sizeof(*elf));
    elf->image = image;
    elf->size = size;
    elf->log = log;
    elf->log_ctx = log_ctx;

    rc = elf_check_ident(elf);
    if (!rc)
        rc = elf_check_headers(elf);
    if (!rc)
        rc = elf_check_loads(elf);
    if (rc)
        memset(elf, 0, sizeof(*elf));
    return rc;
}

int elf_init(struct elf_binary *elf, const void *image, size_t size)
{
    return elf_init_log(elf, image, size, NULL, NULL);
}
