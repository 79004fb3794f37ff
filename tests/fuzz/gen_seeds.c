/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writes the libelf fuzzer's seed corpus into the directory given as the
 * only argument: one image per shape the parser handles (GRUB, Linux,
 * legacy __xen_guest, notes in sections only, arm64), built by the unit
 * tests' image builder so that the seeds match what the tests check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenia/libelf.h>
#include <public/elfnote.h>

#include "elf_image.h"

/*
 * Moves the bytes [off, off + len) to the end of the image, where reading
 * one byte too far is a read past the fuzzer's buffer, which ASan sees.
 * The old copy is zeroed; returns the new offset.
 */
static size_t move_to_end(struct ei_image *im, size_t off, size_t len)
{
    uint8_t *grown = realloc(im->data, im->len + len);
    size_t end = im->len;

    if (!grown)
        abort();
    memcpy(grown + end, grown + off, len);
    memset(grown + off, 0, len);
    im->data = grown;
    im->len += len;
    return end;
}

enum tail { TAIL_NONE, TAIL_NOTES, TAIL_LEGACY };

static int save(const char *dir, const char *name, struct ei_spec *s, enum tail tail)
{
    struct ei_image im = ei_build(s);
    uint8_t *sh1; /* section 1: .notes, or __xen_guest when there are no notes */
    char path[4096];
    size_t to;
    FILE *f;
    int ok;

    if (tail == TAIL_NOTES) {
        to = move_to_end(&im, im.notes_off, im.notes_len);
        sh1 = im.data + im.shoff + 64;
        if (s->notes_phdr)
            ei_put64(ei_phdr_at(&im, im.note_phdr) + 8, to);
        if (s->notes_shdr)
            ei_put64(sh1 + 24, to);
    } else if (tail == TAIL_LEGACY) {
        /* Without its NUL: the section's size is all that bounds it. */
        to = move_to_end(&im, im.legacy_off, strlen(s->legacy));
        sh1 = im.data + im.shoff + 64;
        ei_put64(sh1 + 24, to);
        ei_put64(sh1 + 32, strlen(s->legacy));
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    ok = f && fwrite(im.data, 1, im.len, f) == im.len;
    if (f && fclose(f))
        ok = 0;
    if (!ok)
        perror(path);
    free(im.data);
    free(s);
    return ok ? 0 : 1;
}

static struct ei_spec *legacy(void)
{
    struct ei_spec *s = ei_spec_new();

    s->legacy = "GUEST_OS=linux,GUEST_VER=2.6,XEN_VER=xen-3.0,VIRT_BASE=0xffffffff80000000,"
                "ELF_PADDR_OFFSET=0xffffffff80000000,HYPERCALL_PAGE=0x101,LOADER=generic,"
                "FEATURES=writable_page_tables|!pae_pgdir_above_4gb,BSD_SYMTAB";
    s->entry = 0xffffffff80100000ULL;
    ei_add_seg(s, EI_PT_LOAD, s->entry, s->entry, 0x100, 0x3000);
    return s;
}

static struct ei_spec *section_notes(void)
{
    struct ei_spec *s = ei_linux();

    s->notes_phdr = false;
    ei_add_num(s, XEN_ELFNOTE_HYPERCALL_PAGE, EI_LNX_BASE + EI_LNX_TEXT + 0x1000, 8);
    return s;
}

/*
 * For the seeds with their notes at the end of the file: a last note whose
 * descsz the fuzzer can grow past the end without it being refused first
 * for its size (a string without a NUL, or a list of pairs).
 */
static struct ei_spec *end_with(struct ei_spec *s, uint32_t type)
{
    static const uint8_t pair[16] = {1, 0, 0, 0, 0, 0, 0, 0, 1};

    if (type == XEN_ELFNOTE_FEATURES)
        ei_add_raw(s, type, EI_LNX_FEAT, sizeof(EI_LNX_FEAT) - 1);
    else
        ei_add_raw(s, type, pair, sizeof(pair));
    return s;
}

static struct ei_spec *arm64(void)
{
    struct ei_spec *s = ei_small();

    s->machine = ELF_EM_AARCH64;
    s->etype = ELF_ET_DYN;
    s->nnotes = 0;
    ei_add_seg(s, EI_PT_LOAD, 0x2000, 0x2000, 0x40, 0x40);
    return s;
}

int main(int argc, char **argv)
{
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <directory>\n", argv[0]);
        return 2;
    }
    bad += save(argv[1], "grub.elf", ei_grub(), TAIL_NONE);
    bad += save(argv[1], "linux.elf", ei_linux(), TAIL_NONE);
    bad += save(argv[1], "linux-notes-last.elf", end_with(ei_linux(), XEN_ELFNOTE_FEATURES),
                TAIL_NOTES);
    bad += save(argv[1], "small.elf", ei_small(), TAIL_NONE);
    bad += save(argv[1], "legacy.elf", legacy(), TAIL_NONE);
    bad += save(argv[1], "legacy-last.elf", legacy(), TAIL_LEGACY);
    bad += save(argv[1], "section-notes.elf", section_notes(), TAIL_NONE);
    bad += save(argv[1], "section-notes-last.elf",
                end_with(section_notes(), XEN_ELFNOTE_L1_MFN_VALID), TAIL_NOTES);
    bad += save(argv[1], "arm64.elf", arm64(), TAIL_NONE);
    return bad ? 1 : 0;
}
