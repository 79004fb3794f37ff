/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Application processors start here, in real mode, at the page below 1 MiB
 * the SIPI names (smpboot.c copies [x86_trampoline_start, _end) there).
 * The code runs at whatever page it was copied to, so it finds its own
 * base from CS and patches its two far pointers before using them.  It
 * borrows head.S's GDT and boot page tables (both in the image, below
 * 4 GiB, and never changed after boot), enters long mode as head.S does
 * (4-level paging: LA57 stays off, as on the boot CPU), and jumps to
 * x86_ap_entry64 in the image, which moves to the hypervisor's own page
 * tables and the stack the boot CPU prepared.
 */
#include <asm/config.h>
#include <asm/x86-defns.h>

#define sym_pa(x) ((x) - XENIA_VIRT_START)
#define OFF(x)    ((x) - x86_trampoline_start)

#define BOOT_CS   0x08
#define BOOT_DS   0x10
#define BOOT_CS32 0x18
#define BOOT_GDT_SIZE 32

        .section .rodata, "a", @progbits
        .balign 16
        .globl x86_trampoline_start
x86_trampoline_start:
        .code16
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        xor     %ebx, %ebx
        mov     %cs, %bx
        shl     $4, %ebx                        /* ebx = physical base */
        leal    OFF(.Ltramp32)(%ebx), %eax
        movl    %eax, OFF(.Lfar32)
        leal    OFF(.Ltramp64)(%ebx), %eax
        movl    %eax, OFF(.Lfar64)
        lgdtl   OFF(.Lgdtr)
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   *OFF(.Lfar32)

        .code32
.Ltramp32:
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     $X86_CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $sym_pa(boot_l4), %eax
        mov     %eax, %cr3
        /* The boot CPU's EFER (LME, NXE, SCE), LMA masked off by smpboot.c. */
        mov     $MSR_EFER, %ecx
        mov     sym_pa(x86_ap_efer), %eax
        mov     sym_pa(x86_ap_efer) + 4, %edx
        wrmsr
        /* INIT left caching off (CD, NW): this turns it back on. */
        mov     $(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
        mov     %eax, %cr0
        ljmpl   *OFF(.Lfar64)(%ebx)

        .code64
.Ltramp64:
        movabs  $x86_ap_entry64, %rax
        jmp     *%rax

        .balign 8
.Lfar32:
        .long   0                               /* patched: base + .Ltramp32 */
        .word   BOOT_CS32
        .balign 8
.Lfar64:
        .long   0                               /* patched: base + .Ltramp64 */
        .word   BOOT_CS
        .balign 8
.Lgdtr:
        .word   BOOT_GDT_SIZE - 1               /* head.S checks the size */
        .long   sym_pa(x86_boot_gdt)
        .globl x86_trampoline_end
x86_trampoline_end:

        .section .note.GNU-stack, "", @progbits
