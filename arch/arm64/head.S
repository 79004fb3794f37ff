/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 boot entry.  A loader that follows the arm64 Image protocol (QEMU's
 * -kernel does) jumps to offset 0 of the Image with the MMU off and the
 * DTB's address in x0.  Xenia is a hypervisor: it must be entered at EL2.
 *
 * The image runs where it was linked (XENIA_LOAD_ADDR): everything here
 * is PC-relative, but C code is not position-independent yet, so a loader
 * that honours text_offset on a RAM base other than QEMU virt's would need
 * relocation first (a later step).
 */
#include <asm/arm-defns.h>
#include <asm/config.h>

#define PL011_QEMU_VIRT_BASE 0x09000000
#define PL011_FR             0x18
#define PL011_FR_TXFF_BIT    5

.macro adr_l, dst, sym
        adrp    \dst, \sym
        add     \dst, \dst, :lo12:\sym
.endm

        .section .text.header, "ax"
        .globl  _image_header
_image_header:
        b       primary_entry                   /* code0 */
        .long   0                               /* code1 */
        .quad   XENIA_TEXT_OFFSET               /* text_offset */
        .quad   _image_size                     /* image_size, .bss included */
        .quad   0x2                             /* flags: little-endian, 4 KiB pages */
        .quad   0, 0, 0                         /* res2-res4 */
        .ascii  "ARM\x64"                       /* magic */
        .long   0                               /* res5 */

primary_entry:
        mov     x19, x0                         /* the DTB, for arch_early_init() */
        mrs     x0, CurrentEL
        lsr     x0, x0, #CURRENTEL_EL_SHIFT
        cmp     x0, #2
        b.ne    wrong_el

        /* A known EL2 state: MMU and caches off, little-endian.  Physical
         * interrupts are routed to EL2, or they would stay masked here.
         * FP/SIMD is not trapped: Debian's libfdt.a uses FP registers. */
        ldr     x0, =SCTLR_EL2_RES1
        msr     sctlr_el2, x0
        ldr     x0, =(HCR_EL2_RW | HCR_EL2_AMO | HCR_EL2_IMO | HCR_EL2_FMO)
        msr     hcr_el2, x0
        ldr     x0, =CPTR_EL2_RES1
        msr     cptr_el2, x0
        isb

        adr_l   x0, __bss_start
        adr_l   x1, __bss_end
1:      stp     xzr, xzr, [x0], #16
        cmp     x0, x1
        b.lo    1b

        adr_l   x0, cpu0_stack
        add     x0, x0, #STACK_SIZE
        mov     sp, x0

        bl      build_boot_tables
        bl      enable_mmu

        adr_l   x0, el2_vectors
        msr     vbar_el2, x0
        isb
        msr     daifclr, #4                     /* report SErrors */

        msr     tpidr_el2, xzr                  /* CPU 0 uses the per-CPU template */
        adr_l   x0, arm64_boot_fdt
        str     x19, [x0]
        mov     x29, xzr                        /* end of the frame-pointer chain */
        mov     x30, xzr
        bl      start_xenia
2:      wfe
        b       2b

/*
 * Identity map for the boot: the first GiB (MMIO on QEMU virt) as Device
 * memory, the boot RAM window as Normal write-back memory, in 1 GiB
 * blocks.  arch_memory_init() replaces it with a map built from the
 * device tree.
 */
build_boot_tables:
        adr_l   x0, boot_l0
        adr_l   x1, boot_l1
        orr     x2, x1, #(PTE_VALID | PTE_TABLE)
        str     x2, [x0]
        ldr     x2, =(PTE_BLOCK_1G | PTE_DEVICE_RW)
        str     x2, [x1]
        ldr     x2, =(BOOT_RAM_WINDOW_START | PTE_BLOCK_1G | PTE_NORMAL_RWX)
        mov     x3, #(BOOT_RAM_WINDOW_START >> 30)
        mov     x4, #BOOT_RAM_WINDOW_GIB
        mov     x5, #(1 << 30)
3:      str     x2, [x1, x3, lsl #3]
        add     x2, x2, x5
        add     x3, x3, #1
        subs    x4, x4, #1
        b.ne    3b

        /* .bss (the tables included) was written with the MMU off, past
         * the caches: drop any line fetched for it earlier, speculatively
         * or by the loader, before it becomes cacheable. */
        mrs     x3, ctr_el0
        ubfx    x3, x3, #16, #4
        mov     x4, #4
        lsl     x4, x4, x3                      /* smallest D-cache line, bytes */
        adr_l   x0, __bss_start
        adr_l   x1, __bss_end
        sub     x5, x4, #1
        bic     x0, x0, x5
4:      dc      ivac, x0
        add     x0, x0, x4
        cmp     x0, x1
        b.lo    4b
        dsb     sy
        ret

enable_mmu:
        ldr     x0, =MAIR_EL2_VALUE
        msr     mair_el2, x0
        /* Output addresses as wide as the CPU has, up to 48 bits. */
        mrs     x1, id_aa64mmfr0_el1
        and     x1, x1, #0xf
        mov     x2, #PARANGE_48
        cmp     x1, x2
        csel    x1, x1, x2, ls
        ldr     x0, =TCR_EL2_BOOT
        orr     x0, x0, x1, lsl #TCR_EL2_PS_SHIFT
        msr     tcr_el2, x0
        adr_l   x0, boot_l0
        msr     ttbr0_el2, x0
        isb
        tlbi    alle2
        dsb     nsh
        ldr     x0, =(SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C | SCTLR_EL2_I | SCTLR_EL2_SA)
        msr     sctlr_el2, x0
        isb
        ic      iallu
        dsb     nsh
        isb
        ret

/*
 * Not at EL2: say so on QEMU virt's UART (the device tree is not read
 * yet) and stop.  The '?' in the message becomes the exception level.
 */
wrong_el:
        adr_l   x1, wrong_el_msg
        mov     x2, #PL011_QEMU_VIRT_BASE
        add     w3, w0, #'0'
5:      ldrb    w4, [x1], #1
        cbz     w4, 7f
        cmp     w4, #'?'
        csel    w4, w3, w4, eq
6:      ldr     w5, [x2, #PL011_FR]
        tbnz    w5, #PL011_FR_TXFF_BIT, 6b
        str     w4, [x2]
        b       5b
7:      wfe
        b       7b

        .ltorg

        .section .rodata, "a"
wrong_el_msg:
        .asciz  "\r\nXenia: entered at EL?, but a hypervisor must start at EL2 (QEMU: -M virt,virtualization=on). Stopped.\r\n"

        .section .bss.stack_aligned, "aw", %nobits
        .balign STACK_SIZE
        .globl  cpu0_stack
cpu0_stack:
        .space  STACK_SIZE

        .section .bss.page_aligned, "aw", %nobits
        .balign 4096
boot_l0:
        .space  4096
boot_l1:
        .space  4096

        .section .note.GNU-stack, "", %progbits
