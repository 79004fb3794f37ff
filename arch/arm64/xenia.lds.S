/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 image layout: linked and run at XENIA_LOAD_ADDR (identity map, see
 * <asm/config.h>).  The arm64 Image is this file's contents from _start to
 * _edata; .bss follows, and the Image header's image_size covers it so
 * that the loader puts nothing there.  Sections are page-aligned where
 * their permissions change, for the W^X final page tables.
 */
#include <asm/config.h>
#include <xenia/xenia.lds.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
    . = XENIA_LOAD_ADDR;
    _start = .;

    .text : {
        _stext = .;
        KEEP(*(.text.header))
        *(.text .text.*)
        . = ALIGN(16);
        _sinittext = .;
        *(.init.text)
        _einittext = .;
        _etext = .;
    }

    . = ALIGN(4096);
    .rodata : {
        _srodata = .;
        *(.rodata .rodata.* .init.rodata)
        XENIA_PARAMS
        . = ALIGN(8);
        /* Last, so that the second link moves nothing before it. */
        KEEP(*(.rodata.symbols))
        _erodata = .;
    }

    . = ALIGN(4096);
    .data : {
        _sdata = .;
        *(.data.page_aligned)
        /* The per-CPU template first: ".data.*" below would swallow it. */
        . = ALIGN(64);
        __per_cpu_start = .;
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_data_end = .;
        *(.data .data.* .init.data)
    }

    /* libfdt.a reaches __stack_chk_guard through the GOT. */
    .got : {
        *(.got.plt) *(.got)
    }
    . = ALIGN(16);
    _edata = .;

    . = ALIGN(4096);
    .bss (NOLOAD) : {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(16);
        __bss_end = .;
    }
    . = ALIGN(4096);
    _end = .;

    _image_size = _end - _start;

    XENIA_DISCARD_AND_DEBUG
}

ASSERT(_image_header == _start, "the Image header must be the first thing in the image")
ASSERT(_end - _start <= 64 * 1024 * 1024, "image larger than the 64 MiB QEMU leaves below the DTB")
ASSERT(__bss_start % 16 == 0 && __bss_end % 16 == 0, "head.S clears .bss 16 bytes at a time")
