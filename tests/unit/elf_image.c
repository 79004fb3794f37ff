/* SPDX-License-Identifier: GPL-2.0-only */
/* In-memory ELF64 kernel images for the libelf tests and fuzzer seeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenia/libelf.h>
#include <public/elfnote.h>

#include "elf_image.h"

/* A broken spec is a bug in the test itself: stop at once. */
static void need(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "elf_image: %s\n", what);
        abort();
    }
}

void ei_put16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

void ei_put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

void ei_put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* The byte segment `seg` holds at file offset i within it. */
uint8_t ei_seg_byte(unsigned int seg, uint64_t i)
{
    return (uint8_t)(0x21 * (seg + 1) + i * 7 + (i >> 9));
}

struct ei_spec *ei_spec_new(void)
{
    struct ei_spec *s = calloc(1, sizeof(*s));

    s->machine = ELF_EM_X86_64;
    s->etype = ELF_ET_EXEC;
    s->notes_phdr = true;
    s->notes_shdr = true;
    return s;
}

void ei_add_seg(struct ei_spec *s, uint32_t type, uint64_t vaddr, uint64_t paddr, uint64_t filesz,
                uint64_t memsz)
{
    need(s->nsegs < EI_MAX_SEGS, "too many segments");
    s->segs[s->nsegs++] = (struct ei_seg){type, vaddr, paddr, filesz, memsz};
}

void ei_add_note(struct ei_spec *s, const char *name, uint32_t type, const void *desc, uint32_t n)
{
    struct ei_note *t = &s->notes[s->nnotes++];

    need(s->nnotes <= EI_MAX_NOTES, "too many notes");
    need(n <= sizeof(t->desc), "note descriptor too long");
    t->name = name;
    t->type = type;
    t->descsz = n;
    memcpy(t->desc, desc, n);
}

void ei_add_raw(struct ei_spec *s, uint32_t type, const void *desc, uint32_t n)
{
    ei_add_note(s, "Xen", type, desc, n);
}

/* A string note with its NUL, as most kernels write them. */
void ei_add_str(struct ei_spec *s, uint32_t type, const char *str)
{
    ei_add_raw(s, type, str, (uint32_t)strlen(str) + 1);
}

void ei_add_num(struct ei_spec *s, uint32_t type, uint64_t v, uint32_t size)
{
    uint8_t b[8];

    ei_put64(b, v);
    ei_add_raw(s, type, b, size);
}

static size_t pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static size_t put_notes(const struct ei_spec *s, uint8_t *p)
{
    size_t off = 0;

    for (unsigned int i = 0; i < s->nnotes; i++) {
        const struct ei_note *t = &s->notes[i];
        size_t namesz = strlen(t->name) + 1;

        ei_put32(p + off, (uint32_t)namesz);
        ei_put32(p + off + 4, t->descsz);
        ei_put32(p + off + 8, t->type);
        memcpy(p + off + 12, t->name, namesz);
        off += 12 + pad4(namesz);
        memcpy(p + off, t->desc, t->descsz);
        off += pad4(t->descsz);
    }
    return off;
}

static void put_phdr(uint8_t *p, const struct ei_seg *g, uint64_t offset)
{
    ei_put32(p, g->type);
    ei_put32(p + 4, 7); /* RWX */
    ei_put64(p + 8, offset);
    ei_put64(p + 16, g->vaddr);
    ei_put64(p + 24, g->paddr);
    ei_put64(p + 32, g->filesz);
    ei_put64(p + 40, g->memsz);
    ei_put64(p + 48, 4096);
}

static void put_shdr(uint8_t *p, uint32_t name, uint32_t type, uint64_t off, uint64_t size)
{
    memset(p, 0, 64);
    ei_put32(p, name);
    ei_put32(p + 4, type);
    ei_put64(p + 24, off);
    ei_put64(p + 32, size);
}

static void put_ehdr(const struct ei_spec *s, uint8_t *p, unsigned int phnum,
                     const struct ei_image *im)
{
    memcpy(p, "\177ELF\2\1\1", 7);
    ei_put16(p + 16, s->etype);
    ei_put16(p + 18, s->machine);
    ei_put32(p + 20, 1);
    ei_put64(p + 24, s->entry);
    ei_put64(p + 32, im->phoff);
    ei_put64(p + 40, im->shoff);
    ei_put16(p + 52, 64);
    ei_put16(p + 54, 56);
    ei_put16(p + 56, (uint16_t)phnum);
    ei_put16(p + 58, 64);
    ei_put16(p + 60, (uint16_t)im->shnum);
    ei_put16(p + 62, (uint16_t)(im->shnum - 1)); /* .shstrtab is last */
}

/* Sections: null, [.notes], [__xen_guest], .shstrtab.  Returns the end. */
static size_t put_sections(const struct ei_spec *s, uint8_t *buf, size_t off, struct ei_image *im)
{
    static const char names[] = "\0.notes\0__xen_guest\0.shstrtab";
    size_t names_off = off;
    uint8_t *sh;

    memcpy(buf + off, names, sizeof(names));
    off = pad4(off + sizeof(names));
    im->shoff = off;
    sh = buf + off;
    put_shdr(sh, 0, 0, 0, 0);
    im->shnum = 1;
    if (s->notes_shdr && s->nnotes)
        put_shdr(sh + 64 * im->shnum++, 1, 7, im->notes_off, im->notes_len);
    if (s->legacy)
        put_shdr(sh + 64 * im->shnum++, 8, 1, im->legacy_off, strlen(s->legacy) + 1);
    put_shdr(sh + 64 * im->shnum++, 20, 3, names_off, sizeof(names));
    return off + 64 * im->shnum;
}

/* Lays out the image and copies it into an exactly sized heap buffer. */
struct ei_image ei_build(const struct ei_spec *s)
{
    struct ei_image im = {0};
    bool note_seg = s->notes_phdr && s->nnotes;
    unsigned int phnum = s->nsegs + note_seg;
    uint64_t total = 0x10000;
    uint8_t *buf;
    size_t off;

    for (unsigned int i = 0; i < s->nsegs; i++)
        total += s->segs[i].filesz;
    buf = calloc(1, total);
    im.phoff = 64;
    im.notes_off = off = 64 + 56 * phnum;
    im.notes_len = put_notes(s, buf + off);
    off += im.notes_len;
    for (unsigned int i = 0; i < s->nsegs; i++) {
        im.seg_off[i] = off;
        for (uint64_t j = 0; j < s->segs[i].filesz; j++)
            buf[off + j] = ei_seg_byte(i, j);
        put_phdr(buf + 64 + 56 * i, &s->segs[i], off);
        off += s->segs[i].filesz;
    }
    if (note_seg) {
        struct ei_seg n = {EI_PT_NOTE, 0, 0, im.notes_len, im.notes_len};

        im.note_phdr = s->nsegs;
        put_phdr(buf + 64 + 56 * s->nsegs, &n, im.notes_off);
    }
    if (s->legacy) {
        im.legacy_off = off;
        memcpy(buf + off, s->legacy, strlen(s->legacy) + 1);
        off += strlen(s->legacy) + 1;
    }
    off = put_sections(s, buf, off, &im);
    need(off <= total, "image layout overflow");
    put_ehdr(s, buf, phnum, &im);
    im.len = off;
    im.data = malloc(off);
    memcpy(im.data, buf, off);
    free(buf);
    return im;
}

uint8_t *ei_phdr_at(const struct ei_image *im, unsigned int i)
{
    return im->data + im->phoff + 56 * i;
}

struct ei_spec *ei_grub(void)
{
    struct ei_spec *s = ei_spec_new();

    s->entry = 0;
    ei_add_seg(s, EI_PT_LOAD, 0, 0, 0x1AEF, EI_GRUB_SEG2);
    ei_add_seg(s, EI_PT_LOAD, EI_GRUB_SEG2, EI_GRUB_SEG2, 0x1BD8, 0x1BD8);
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "GRUB");
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    ei_add_num(s, XEN_ELFNOTE_ENTRY, 0, 8);
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, 0, 8);
    return s;
}

struct ei_spec *ei_linux(void)
{
    struct ei_spec *s = ei_spec_new();
    uint8_t l1[16];

    s->entry = EI_LNX_TEXT; /* the native entry: the note must win */
    ei_add_seg(s, EI_PT_LOAD, EI_LNX_BASE + EI_LNX_TEXT, EI_LNX_TEXT, 0x600, 0x3000);
    ei_add_seg(s, EI_PT_LOAD, 0, EI_LNX_PERCPU, 0x200, 0x2000);
    ei_add_seg(s, EI_PT_LOAD, EI_LNX_BASE + EI_LNX_DATA, EI_LNX_DATA, 0x100, 0x4000);
    ei_add_seg(s, EI_PT_GNU_STK, 0, 0, 0, 0);
    ei_add_note(s, "GNU", 3, "\x01\x02\x03\x04\x05", 5);
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "linux");
    ei_add_str(s, XEN_ELFNOTE_GUEST_VERSION, "2.6");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, EI_LNX_BASE, 8);
    ei_add_num(s, XEN_ELFNOTE_INIT_P2M, EI_LNX_P2M, 8);
    ei_add_num(s, XEN_ELFNOTE_ENTRY, EI_LNX_ENTRY, 8);
    ei_add_raw(s, XEN_ELFNOTE_FEATURES, EI_LNX_FEAT, sizeof(EI_LNX_FEAT) - 1); /* no NUL */
    ei_add_num(s, XEN_ELFNOTE_SUPPORTED_FEATURES, 0x8801, 4);
    ei_add_str(s, XEN_ELFNOTE_PAE_MODE, "yes");
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_put64(l1, 1);
    ei_put64(l1 + 8, 1);
    ei_add_raw(s, XEN_ELFNOTE_L1_MFN_VALID, l1, 16);
    ei_add_num(s, XEN_ELFNOTE_SUSPEND_CANCEL, 1, 4);
    ei_add_num(s, XEN_ELFNOTE_MOD_START_PFN, 1, 4);
    ei_add_num(s, XEN_ELFNOTE_HV_START_LOW, EI_LNX_HVSTART, 8);
    ei_add_num(s, XEN_ELFNOTE_PADDR_OFFSET, 0, 8);
    ei_add_num(s, XEN_ELFNOTE_PHYS32_ENTRY, 0x1000850, 4);
    ei_add_raw(s, XEN_ELFNOTE_PHYS32_RELOC, "\0\0\x20\0\0\0\0\x01", 8);
    ei_add_num(s, 0x1234, 7, 3); /* unknown type, odd size: ignored */
    return s;
}

struct ei_spec *ei_small(void)
{
    struct ei_spec *s = ei_spec_new();

    s->entry = 0x1000;
    ei_add_seg(s, EI_PT_LOAD, 0x1000, 0x1000, 0x80, 0x1000);
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    return s;
}
