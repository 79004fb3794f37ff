/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the libelf files share: the ELF64 layout they read, decoded header
 * structures, and bounds-checked accessors.
 *
 * The image is read a byte at a time into host integers rather than
 * through casts to ELF structures: the caller's buffer need not be aligned
 * (a boot module, a fuzzer's input), and decoding once means each field is
 * bounds-checked in one place.
 */
#ifndef LIBELF_PRIVATE_H
#define LIBELF_PRIVATE_H

#include <xenia/libelf.h>

_Static_assert(sizeof(size_t) == sizeof(uint64_t), "libelf assumes a 64-bit size_t");

/* ELF identification and header layout (ELF64 only). */
#define ELF_EHDR_SIZE  64
#define ELF_PHDR_SIZE  56
#define ELF_SHDR_SIZE  64
#define ELF_NHDR_SIZE  12
#define ELF_CLASS64    2
#define ELF_DATA2LSB   1
#define ELF_EV_CURRENT 1

/* Values of e_phnum and e_shstrndx meaning "look in section 0". */
#define ELF_PN_XNUM    0xffff
#define ELF_SHN_XINDEX 0xffff

#define ELF_PT_LOAD 1
#define ELF_PT_NOTE 4

#define ELF_SHT_NOTE   7
#define ELF_SHT_NOBITS 8

/*
 * A real kernel has a few dozen notes; the cap keeps crafted images with
 * thousands of overlapping note segments from costing quadratic time.
 */
#define ELF_MAX_NOTES 4096

struct elf_phdr {
    uint32_t type;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
};

struct elf_shdr {
    uint32_t name;
    uint32_t type;
    uint64_t offset;
    uint64_t size;
};

/* Little-endian loads; callers have checked the bytes are in the image. */
static inline uint64_t elf_get_le(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while (bytes--)
        v = (v << 8) | p[bytes];
    return v;
}

static inline uint16_t elf_get16(const uint8_t *p)
{
    return (uint16_t)elf_get_le(p, 2);
}

static inline uint32_t elf_get32(const uint8_t *p)
{
    return (uint32_t)elf_get_le(p, 4);
}

static inline uint64_t elf_get64(const uint8_t *p)
{
    return elf_get_le(p, 8);
}

/* Whether [off, off + len) lies inside the image, without wrapping. */
static inline bool elf_range_ok(const struct elf_binary *elf, uint64_t off, uint64_t len)
{
    return off <= elf->size && len <= elf->size - off;
}

/* Header i of a table elf_init() validated; i must be below the count. */
void elf_read_phdr(const struct elf_binary *elf, unsigned int i, struct elf_phdr *ph);
void elf_read_shdr(const struct elf_binary *elf, unsigned int i, struct elf_shdr *sh);

/*
 * The file bytes of section sh: 0 with *data and *len set, or -EINVAL if they are
 * not inside the image.  SHT_NOBITS sections have no bytes (*len 0).
 */
int elf_section_bytes(const struct elf_binary *elf, const struct elf_shdr *sh, const uint8_t **data,
                      uint64_t *len);

/* The section whose name is `name`: 0 and *sh, or -ENOENT. */
int elf_find_section(const struct elf_binary *elf, const char *name, struct elf_shdr *sh);

/* Reports a rejection through the caller's log hook, if any. */
void elf_err(const struct elf_binary *elf, const char *fmt, ...) __printf(2, 3);

/*
 * elf_xen_parse()'s working state: the result being built, and what the
 * image said explicitly (0 is a valid VIRT_BASE or ENTRY, so presence
 * cannot be told from the value).
 */
struct elf_xen_work {
    struct elf_dom_parms p;
    bool have_virt_base;
    bool have_paddr_offset;
    bool have_entry;
    uint64_t hypercall_pfn; /* legacy HYPERCALL_PAGE, resolved at the end */
    bool have_hypercall_pfn;
    unsigned int notes_left; /* bounds the work on crafted note tables */
};

/*
 * Walks the notes in [data, data + len), applying the Xen ones: the
 * number of Xen notes seen, or -EINVAL (libelf-notes.c).
 */
int elf_xen_parse_notes(const struct elf_binary *elf, const uint8_t *data, uint64_t len,
                        struct elf_xen_work *w);

/* Parses the legacy "__xen_guest" string of len bytes (libelf-notes.c). */
int elf_xen_parse_legacy(const struct elf_binary *elf, const char *s, size_t len,
                         struct elf_xen_work *w);

#endif /* LIBELF_PRIVATE_H */
