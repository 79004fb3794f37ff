/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 entry.  Both loaders enter start32 in 32-bit protected mode with
 * paging off:
 *   GRUB, Multiboot2:       eax = 0x36d76289, ebx = physical address of the MBI
 *   QEMU -kernel, Multiboot1 (a.out kludge): eax = 0x2badb002, ebx = MBI
 * The code below runs at its physical address until paging is on, then
 * jumps to the image's link address in L4 slot 261.
 */
#include <asm/config.h>
#include <asm/page.h>
#include <asm/x86-defns.h>
#include <generated/asm-offsets.h>

#define sym_pa(x) ((x) - XENIA_VIRT_START)

#define MB2_MAGIC     0xe85250d6
#define MB1_MAGIC     0x1badb002
/* Multiboot1 flags: modules page aligned, memory info, a.out kludge. */
#define MB1_FLAGS     0x00010003

#define BOOT_CS32 0x18

        .section .text.header, "ax", @progbits
        .code32

/* Multiboot2 header: 8-byte aligned within the first 32 KiB. */
        .balign 8
mb2_header:
        .long MB2_MAGIC
        .long 0                                 /* architecture: i386 */
        .long mb2_header_end - mb2_header
        .long 0x100000000 - (MB2_MAGIC + (mb2_header_end - mb2_header))
        /* Entry address tag: GRUB jumps here rather than to the ELF entry. */
        .short 3, 0
        .long 12
        .long sym_pa(start32)
        .balign 8
        /* Module alignment tag: modules on page boundaries. */
        .short 6, 0
        .long 8
        /* End tag. */
        .short 0, 0
        .long 8
mb2_header_end:

/* Multiboot1 header with the a.out kludge, for QEMU's -kernel (it refuses
 * ELF64 otherwise).  QEMU loads the file linearly from load_addr. */
        .balign 4
        .globl mb1_header
mb1_header:
        .long MB1_MAGIC
        .long MB1_FLAGS
        .long 0x100000000 - (MB1_MAGIC + MB1_FLAGS)
        .long sym_pa(mb1_header)                /* header_addr */
        .long sym_pa(_start)                    /* load_addr */
        .long sym_pa(_edata)                    /* load_end_addr */
        .long sym_pa(_end)                      /* bss_end_addr */
        .long sym_pa(start32)                   /* entry_addr */

        .globl start32
start32:
        cli
        cld
        mov     %eax, %edi                      /* loader magic */
        mov     %ebx, %esi                      /* loader info (physical) */

        /* Long mode is required. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      .Lno_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     .Lno_long_mode
        mov     %edx, %ebp                      /* keep bit 20 (NX) */

        lgdt    sym_pa(boot_gdtr32)

        mov     %cr4, %eax
        or      $(X86_CR4_PAE | X86_CR4_PGE), %eax
        mov     %eax, %cr4
        mov     $sym_pa(boot_l4), %eax
        mov     %eax, %cr3

        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_SCE), %eax
        bt      $20, %ebp
        jnc     1f
        or      $EFER_NXE, %eax
1:      wrmsr

        mov     %cr0, %eax
        and     $~(X86_CR0_CD | X86_CR0_NW | X86_CR0_EM | X86_CR0_TS), %eax
        or      $(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP), %eax
        mov     %eax, %cr0

        ljmp    $BOOT_CS, $sym_pa(start64_low)

.Lno_long_mode:
        mov     $sym_pa(.Lno_lm_msg), %ebx
1:      movb    (%ebx), %al
        test    %al, %al
        jz      2f
        mov     $0x3fd, %dx
3:      inb     %dx, %al
        test    $0x20, %al
        jz      3b
        mov     $0x3f8, %dx
        movb    (%ebx), %al
        outb    %al, %dx
        inc     %ebx
        jmp     1b
2:      hlt
        jmp     2b

.Lno_lm_msg:
        .asciz  "Xenia: this CPU does not support 64-bit long mode\r\n"

        .code64
start64_low:
        movabs  $start64, %rax
        jmp     *%rax

/* The boot GDT, flat data segments, null FS and GS. */
.macro LOAD_BOOT_SEGMENTS
        lgdt    boot_gdtr64(%rip)
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
.endm

        .text
        .code64
start64:
        LOAD_BOOT_SEGMENTS

        /* Loaders zero .bss, but do not rely on them. */
        mov     %edi, %r12d
        mov     %esi, %r13d
        lea     __bss_start(%rip), %rdi
        lea     __bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb
        mov     %r12d, x86_boot_magic(%rip)
        mov     %r13d, x86_boot_info(%rip)

        lea     cpu0_stack + STACK_SIZE - CPUINFO_sizeof(%rip), %rsp
        xor     %ebp, %ebp                      /* ends backtraces */
        push    $0
        jmp     start_xenia

/*
 * Application processors arrive here from the trampoline (trampoline.S),
 * in 64-bit mode on the boot page tables, with the boot GDT loaded.  Move
 * to the hypervisor's page tables and to the stack smpboot.c prepared,
 * whose top holds the CPU's struct cpu_info, and enter C.
 */
        .globl x86_ap_entry64
x86_ap_entry64:
        LOAD_BOOT_SEGMENTS
        mov     x86_ap_cr3(%rip), %rax
        mov     %rax, %cr3
        mov     x86_ap_stack(%rip), %rsp
        xor     %ebp, %ebp                      /* ends backtraces */
        push    $0
        jmp     start_secondary

        .section .data, "aw", @progbits
        .balign 8
        .globl x86_boot_gdt
x86_boot_gdt:
boot_gdt:
        .quad 0                                 /* null */
        .quad 0x00af9a000000ffff                /* 0x08: 64-bit code */
        .quad 0x00cf92000000ffff                /* 0x10: data */
        .quad 0x00cf9a000000ffff                /* 0x18: 32-bit code */
boot_gdt_end:
        .if boot_gdt_end - boot_gdt != 32       /* trampoline.S's BOOT_GDT_SIZE */
        .error "the boot GDT changed size: update trampoline.S"
        .endif

        .balign 8
        .word 0, 0, 0
boot_gdtr32:                                    /* 32-bit base for lgdt in protected mode */
        .word boot_gdt_end - boot_gdt - 1
        .long sym_pa(boot_gdt)
        .balign 8
        .word 0, 0, 0
boot_gdtr64:
        .word boot_gdt_end - boot_gdt - 1
        .quad boot_gdt

/*
 * Boot page tables: the low 4 GiB identity mapped (for the jump above) and
 * at the direct-map base, and the image's 1 GiB window at its link address,
 * all with 2 MiB pages.  arch_memory_init() replaces them.
 */
        .section .data.page_aligned, "aw", @progbits
        .balign 4096
        .globl boot_l4
boot_l4:
        .quad sym_pa(boot_l3_low) + 0x23        /* slot 0: identity */
        .fill 260, 8, 0
        .quad sym_pa(boot_l3_image) + 0x23      /* slot 261: image */
        .quad sym_pa(boot_l3_low) + 0x23        /* slot 262: direct map */
        .fill 249, 8, 0

        .balign 4096
boot_l3_low:
        .quad sym_pa(boot_l2_low) + 0x0000 + 0x23
        .quad sym_pa(boot_l2_low) + 0x1000 + 0x23
        .quad sym_pa(boot_l2_low) + 0x2000 + 0x23
        .quad sym_pa(boot_l2_low) + 0x3000 + 0x23
        .fill 508, 8, 0

        .balign 4096
boot_l3_image:
        .fill (XENIA_VIRT_START >> 30) & 511, 8, 0
        .quad sym_pa(boot_l2_low) + 0x23        /* VA window -> PA 0..1 GiB */
        .fill 511 - ((XENIA_VIRT_START >> 30) & 511), 8, 0

        .balign 4096
boot_l2_low:
        .set    .Lpa, 0
        .rept   2048
        .quad   .Lpa + 0xe3                     /* P RW A D PSE */
        .set    .Lpa, .Lpa + (1 << 21)
        .endr

        .section .bss.stack_aligned, "aw", @nobits
        .balign STACK_SIZE
        .globl cpu0_stack
cpu0_stack:
        .skip STACK_SIZE

        .section .note.GNU-stack, "", @progbits
