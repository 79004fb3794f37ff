/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libelf: checks, parses and loads 64-bit little-endian ELF kernel images,
 * including the Xen ELF notes that describe a PV guest kernel.
 *
 * It is built into the hypervisor (dom0 builder) and is meant to be built
 * into the toolstack too, so it needs only <xenia/types.h>-level services:
 * no allocation, no architecture headers, no console.  It never writes to
 * the image; the caller keeps the image mapped and unchanged while it uses
 * a struct elf_binary.
 *
 * Usage:
 *
 *     struct elf_binary elf;
 *     struct elf_dom_parms parms;
 *
 *     rc = elf_init(&elf, image, size);               structure checks
 *     rc = elf_xen_parse(&elf, &parms);               Xen notes, x86-64 PV
 *     ... allocate [parms.virt_kstart, parms.virt_kend) and the rest ...
 *     rc = elf_load_binary(&elf, &parms, write, ctx); copy the segments
 *
 * The int functions return 0 or a negative errno value:
 *   -ENOEXEC  not an ELF64 little-endian executable for a known machine
 *             (bad magic, class, byte order, version, e_type, e_machine);
 *   -EINVAL   malformed or unacceptable contents (anything out of bounds,
 *             a bad note, a failed Xen acceptance rule);
 *   anything a write callback returns.
 *
 * All arithmetic on values from the image is overflow-checked: no input,
 * however corrupt, makes libelf read outside [image, image + size).
 */
#ifndef XENIA_LIBELF_H
#define XENIA_LIBELF_H

#include <xenia/types.h>
#include <public/features.h>

/* The e_machine values elf_init() accepts. */
#define ELF_EM_X86_64  62
#define ELF_EM_AARCH64 183

/* The e_type values elf_init() accepts (ET_DYN is loaded unrelocated). */
#define ELF_ET_EXEC 2
#define ELF_ET_DYN  3

/* Marks an address the image did not provide. */
#define ELF_UNSET_ADDR (~(uint64_t)0)

/*
 * Optional diagnostics: called with a printf-style message (one line,
 * ending in a newline) each time libelf rejects something.
 */
typedef void (*elf_log_fn)(void *ctx, const char *fmt, va_list ap);

/* A checked image.  Filled by elf_init(); treat as read-only. */
struct elf_binary {
    const uint8_t *image;
    size_t size;

    uint16_t machine; /* ELF_EM_X86_64 or ELF_EM_AARCH64 */
    uint16_t type;    /* ELF_ET_EXEC or ELF_ET_DYN */
    uint64_t entry;   /* e_entry */

    uint64_t phoff; /* program headers: all inside the image */
    uint16_t phnum;
    uint64_t shoff; /* section headers: all inside the image (or shnum 0) */
    uint16_t shnum;
    uint16_t shstrndx; /* 0: no section names */

    /*
     * [pstart, pend): the span of p_paddr to p_paddr + p_memsz over the
     * PT_LOAD segments with p_memsz != 0.  nr_loads == 0 means there are
     * none and pstart/pend are meaningless.
     */
    unsigned int nr_loads;
    uint64_t pstart, pend;

    elf_log_fn log;
    void *log_ctx;
};

/* Up to this many L1_MFN_VALID (mask, value) pairs are kept. */
#define ELF_L1_MFN_VALID_MAX 4

/* Room for each string note, NUL included; longer strings are truncated. */
#define ELF_XEN_STR_LEN 32

/* Where elf_xen_parse() found its information. */
enum elf_xen_source {
    ELF_XEN_PLAIN,        /* none: filled by elf_parse_plain() */
    ELF_XEN_NOTES_PHDR,   /* Xen notes in PT_NOTE segments */
    ELF_XEN_NOTES_SHDR,   /* Xen notes in SHT_NOTE sections */
    ELF_XEN_LEGACY_GUEST, /* the "__xen_guest" section */
};

/*
 * What the domain builder needs to know, from the Xen notes (or the
 * legacy string) combined with the program headers.  All addresses are
 * guest virtual addresses unless named otherwise.
 */
struct elf_dom_parms {
    enum elf_xen_source source;

    /* String notes, always NUL-terminated; "" when absent. */
    char guest_os[ELF_XEN_STR_LEN];  /* GUEST_OS */
    char guest_ver[ELF_XEN_STR_LEN]; /* GUEST_VERSION */
    char xen_ver[ELF_XEN_STR_LEN];   /* XEN_VERSION, starts with "xen-3.0" */
    char loader[ELF_XEN_STR_LEN];    /* LOADER */

    /*
     * VIRT_BASE (0 if absent) maps pseudo-physical address 0; a segment
     * is loaded at p_paddr + (virt_base - paddr_offset).  paddr_offset is
     * PADDR_OFFSET if given, else 0 with notes and virt_base with the
     * legacy string.
     */
    uint64_t virt_base;
    uint64_t paddr_offset;

    /*
     * The kernel image: the lowest load address of any non-empty PT_LOAD
     * and one past the highest byte of any, so every byte
     * elf_load_binary() writes lies in [virt_kstart, virt_kend).  Neither
     * is rounded to pages; virt_kstart - virt_base is the pseudo-physical
     * address of the lowest byte.  Checked: virt_base <= virt_kstart <
     * virt_kend, with no wrap past 2^64.
     */
    uint64_t virt_kstart;
    uint64_t virt_kend;

    /*
     * Where vCPU0 starts: the ENTRY note, else e_entry.  Checked:
     * virt_kstart <= virt_entry < virt_kend.
     */
    uint64_t virt_entry;

    /*
     * HYPERCALL_PAGE, or ELF_UNSET_ADDR.  Checked to lie inside
     * [virt_kstart, virt_kend); it is not necessarily page aligned: the
     * stubs go in the 4 KiB page that contains it.
     */
    uint64_t virt_hypercall;

    /*
     * INIT_P2M, or ELF_UNSET_ADDR.  Only the base is checked (outside
     * [virt_kstart, virt_kend)); the builder, which knows the list's size,
     * must check the whole range.
     */
    uint64_t init_p2m;

    uint64_t virt_hv_start_low; /* HV_START_LOW or ELF_UNSET_ADDR (32-bit only) */
    uint64_t phys32_entry;      /* PHYS32_ENTRY or ELF_UNSET_ADDR (PVH, unused) */

    /* L1_MFN_VALID pairs: l1_mfn_valid[i][0] mask, [i][1] value. */
    unsigned int nr_l1_mfn_valid;
    uint64_t l1_mfn_valid[ELF_L1_MFN_VALID_MAX][2];

    /*
     * Bitmaps of XENFEAT_* numbers: bit n of word n / 32.
     * f_supported: every feature named in FEATURES (with or without '!')
     * or set in SUPPORTED_FEATURES.  f_required: those named with '!'; a
     * subset of f_supported.  Unknown names are ignored unless required,
     * which is an error.  has_supported_features tells whether the
     * SUPPORTED_FEATURES note was present (Xen refuses such a kernel as
     * dom0 unless it sets XENFEAT_dom0).
     */
    uint32_t f_supported[XENFEAT_NR_SUBMAPS];
    uint32_t f_required[XENFEAT_NR_SUBMAPS];
    bool has_supported_features;

    bool mod_start_pfn;  /* MOD_START_PFN != 0: initrd may stay unmapped */
    bool suspend_cancel; /* SUSPEND_CANCEL != 0 */
    bool bsd_symtab;     /* BSD_SYMTAB "yes": recorded, symbols not loaded */
};

/*
 * Checks an image of `size` bytes at `image` and fills *elf: the ELF
 * header; the program header table; the section header table and the
 * section name table if there are sections; and every PT_LOAD (file range
 * inside the image unless p_filesz is 0, p_filesz <= p_memsz, p_paddr +
 * p_memsz below 2^64).  Extended numbering (e_phnum == 0xffff,
 * e_shstrndx == 0xffff) is refused.  On failure *elf is zeroed.
 */
int elf_init(struct elf_binary *elf, const void *image, size_t size);

/* Same, and installs a log hook (which may be NULL) before checking. */
int elf_init_log(struct elf_binary *elf, const void *image, size_t size, elf_log_fn log,
                 void *log_ctx);

/*
 * Reads the Xen information of an x86-64 PV kernel into *parms and checks
 * it the way Xen does:
 *   - LOADER starts with "generic" or GUEST_OS starts with "linux";
 *   - XEN_VERSION starts with "xen-3.0";
 *   - PADDR_OFFSET is not given without VIRT_BASE;
 *   - virt_base <= virt_kstart <= virt_entry < virt_kend (see above);
 *   - INIT_P2M, if given, is not inside [virt_kstart, virt_kend);
 *   - HYPERCALL_PAGE, if given, is inside it;
 *   - the kernel does not require auto_translated_physmap or
 *     supervisor_mode_kernel, which a PV guest cannot have.
 * Notes come from PT_NOTE segments (those with p_offset 0 are skipped, as
 * some linkers leave them so), else SHT_NOTE sections, else the legacy
 * "__xen_guest" section; the image must have one of these.  Every note is
 * bounds-checked, names and descriptors padded to 4 bytes; numeric notes
 * must be 1, 2, 4 or 8 bytes long (L1_MFN_VALID a multiple of 16);
 * unknown note types are ignored; a later note overrides an earlier one.
 * Only the low 32 bits of SUPPORTED_FEATURES count.
 *
 * Returns -ENOEXEC for a non-x86-64 image, -EINVAL for anything else
 * wrong.  *parms is written only on success.
 */
int elf_xen_parse(const struct elf_binary *elf, struct elf_dom_parms *parms);

/*
 * For images without Xen notes (e.g. arm64 guests loaded by the
 * toolstack): *parms as if virt_base and paddr_offset were 0, so that
 * segments load at p_paddr, and virt_entry is e_entry, not checked
 * against the image.  -EINVAL if nothing is loadable.
 */
int elf_parse_plain(const struct elf_binary *elf, struct elf_dom_parms *parms);

/*
 * Writes len bytes at guest virtual address vaddr: a copy of src, or
 * zeroes if src is NULL.  Returns 0, or an error that stops the load.
 * [vaddr, vaddr + len) never wraps and len is never 0.
 */
typedef int (*elf_write_fn)(void *ctx, uint64_t vaddr, const void *src, size_t len);

/*
 * Loads every PT_LOAD with p_memsz != 0, in program header order (a later
 * segment overwrites an earlier one it overlaps): p_filesz bytes from the
 * image, then zeroes up to p_memsz, at p_paddr + (virt_base -
 * paddr_offset).  parms comes from elf_xen_parse() or elf_parse_plain()
 * on the same elf.  Every segment is checked before the first write: one
 * outside [virt_kstart, virt_kend) fails the whole load with -EINVAL and
 * nothing written, so the callback only needs that range mapped.  Returns
 * the callback's first non-zero result (-EINVAL if write_cb is NULL).
 */
int elf_load_binary(const struct elf_binary *elf, const struct elf_dom_parms *parms,
                    elf_write_fn write_cb, void *ctx);

/* "ENTRY", "VIRT_BASE", ...: the name of a Xen note type, or NULL. */
const char *elf_note_name(unsigned int type);

/* The name of XENFEAT number `bit` without its prefix, or NULL. */
const char *elf_xen_feature_name(unsigned int bit);

/* Whether feature `bit` is set in one of the parms bitmaps. */
static inline bool elf_xen_feature_test(const uint32_t *map, unsigned int bit)
{
    return bit < 32 * XENFEAT_NR_SUBMAPS && (map[bit / 32] >> (bit % 32)) & 1;
}

#endif /* XENIA_LIBELF_H */
