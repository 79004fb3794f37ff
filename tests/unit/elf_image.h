/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Builds ELF64 kernel images in memory for the libelf tests and the
 * libelf fuzzer's seed corpus: describe segments, notes and an optional
 * legacy __xen_guest string in a struct ei_spec, then ei_build() it.
 *
 * The layout is fixed: ELF header, program headers (the spec's segments,
 * then one PT_NOTE over the notes), note data, segment file data, legacy
 * string, section names, section headers (null, .notes, __xen_guest,
 * .shstrtab; as present).  Section headers come last, so any truncation
 * of an image loses them.  struct ei_image records where each part went,
 * so that tests can corrupt single fields.
 */
#ifndef TESTS_ELF_IMAGE_H
#define TESTS_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EI_PT_LOAD    1
#define EI_PT_NOTE    4
#define EI_PT_GNU_STK 0x6474e551

#define EI_MAX_SEGS  6
#define EI_MAX_NOTES 40

struct ei_seg {
    uint32_t type;
    uint64_t vaddr, paddr, filesz, memsz;
};

struct ei_note {
    const char *name;
    uint32_t type, descsz;
    uint8_t desc[64];
};

struct ei_spec {
    uint16_t machine, etype;
    uint64_t entry;
    struct ei_seg segs[EI_MAX_SEGS];
    unsigned int nsegs;
    struct ei_note notes[EI_MAX_NOTES];
    unsigned int nnotes;
    bool notes_phdr; /* a PT_NOTE covering the notes (default) */
    bool notes_shdr; /* a SHT_NOTE section covering them (default) */
    const char *legacy;
};

struct ei_image {
    uint8_t *data; /* malloc'ed, exactly len bytes */
    size_t len;
    size_t phoff, shoff, notes_off, notes_len, legacy_off;
    size_t seg_off[EI_MAX_SEGS];
    unsigned int note_phdr; /* index of the PT_NOTE header */
    unsigned int shnum;
};

/* A calloc'ed x86-64 ET_EXEC spec with no segments or notes. */
struct ei_spec *ei_spec_new(void);

void ei_add_seg(struct ei_spec *s, uint32_t type, uint64_t vaddr, uint64_t paddr, uint64_t filesz,
                uint64_t memsz);
void ei_add_note(struct ei_spec *s, const char *name, uint32_t type, const void *desc, uint32_t n);
/* Xen notes: raw bytes, a string with its NUL, an n-byte number. */
void ei_add_raw(struct ei_spec *s, uint32_t type, const void *desc, uint32_t n);
void ei_add_str(struct ei_spec *s, uint32_t type, const char *str);
void ei_add_num(struct ei_spec *s, uint32_t type, uint64_t v, uint32_t size);

struct ei_image ei_build(const struct ei_spec *s);

/* The byte segment `seg` holds at offset i of its file data. */
uint8_t ei_seg_byte(unsigned int seg, uint64_t i);

uint8_t *ei_phdr_at(const struct ei_image *im, unsigned int i);

void ei_put16(uint8_t *p, uint16_t v);
void ei_put32(uint8_t *p, uint32_t v);
void ei_put64(uint8_t *p, uint64_t v);

/*
 * GRUB x86_64-xen as Debian ships it (VIRT_BASE 0, ENTRY 0, the second
 * segment right after the first one's bss, not page aligned), with less
 * file data.
 */
#define EI_GRUB_SEG2 0x41E1F0ULL
struct ei_spec *ei_grub(void);

/*
 * A Linux x86-64 vmlinux in miniature: kernel at pseudo-physical 16 MiB,
 * a per-CPU segment with p_vaddr 0, FEATURES without its NUL, INIT_P2M,
 * MOD_START_PFN and the other notes Debian's kernel carries.
 */
#define EI_LNX_BASE    0xffffffff80000000ULL
#define EI_LNX_TEXT    0x1000000ULL
#define EI_LNX_PERCPU  0x1003000ULL
#define EI_LNX_DATA    0x1005000ULL
#define EI_LNX_END     (EI_LNX_DATA + 0x4000)
#define EI_LNX_ENTRY   (EI_LNX_BASE + EI_LNX_TEXT + 0x1c0)
#define EI_LNX_P2M     0x8000000000ULL
#define EI_LNX_FEAT    "!writable_page_tables|pae_pgdir_above_4gb"
#define EI_LNX_HVSTART 0xffff800000000000ULL
struct ei_spec *ei_linux(void);

/* The least an acceptable kernel needs: one segment at VA 0x1000-0x2000. */
struct ei_spec *ei_small(void);

#endif /* TESTS_ELF_IMAGE_H */
