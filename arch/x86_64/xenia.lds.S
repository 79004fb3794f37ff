/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 image layout: linked at XENIA_VIRT_START + XENIA_LOAD_PA, loaded
 * at XENIA_LOAD_PA.  The first PT_LOAD holds everything with contents, laid
 * out in the file exactly as in memory up to _edata, as the Multiboot1 a.out
 * kludge requires; .bss is a second, file-less segment so that the stack's
 * large alignment does not push the first one (and the Multiboot1 header)
 * beyond the file's first 8 KiB.
 */
#include <asm/config.h>
#include <xenia/xenia.lds.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start32)

PHDRS
{
    image PT_LOAD FLAGS(7);
    bss PT_LOAD FLAGS(6);
}

SECTIONS
{
    . = XENIA_VIRT_START + XENIA_LOAD_PA;
    _start = .;

    .text : AT(ADDR(.text) - XENIA_VIRT_START) {
        _stext = .;
        KEEP(*(.text.header))
        *(.text .text.*)
        . = ALIGN(16);
        _sinittext = .;
        *(.init.text)
        _einittext = .;
        _etext = .;
    } :image

    . = ALIGN(4096);
    .rodata : AT(ADDR(.rodata) - XENIA_VIRT_START) {
        _srodata = .;
        *(.rodata .rodata.* .init.rodata)
        XENIA_PARAMS
        . = ALIGN(8);
        __start_ex_table = .;
        KEEP(*(.ex_table))
        __stop_ex_table = .;
        . = ALIGN(8);
        /* Last, so that the second link moves nothing before it. */
        KEEP(*(.rodata.symbols))
        _erodata = .;
    } :image

    . = ALIGN(4096);
    .data : AT(ADDR(.data) - XENIA_VIRT_START) {
        _sdata = .;
        *(.data.page_aligned)
        /* The per-CPU template first: ".data.*" below would swallow it. */
        . = ALIGN(64);
        __per_cpu_start = .;
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_data_end = .;
        *(.data .data.* .init.data)
        _edata = .;
    } :image

    . = ALIGN(4096);
    .bss : AT(ADDR(.bss) - XENIA_VIRT_START) {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :bss
    . = ALIGN(4096);
    _end = .;


    XENIA_DISCARD_AND_DEBUG
}

ASSERT(_end - _start <= (1 << 30) - XENIA_LOAD_PA, "image larger than its 1 GiB window")
ASSERT(mb1_header - _start < 4096, "Multiboot1 header not in the first page")
