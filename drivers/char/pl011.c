/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM PL011 UART, polled.  The line settings are the firmware's: QEMU
 * needs none, and a real board's loader has already set the speed its
 * console runs at.
 */
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/serial.h>
#include <asm/page.h>
#include <asm/processor.h>

#define PL011_QEMU_VIRT_BASE 0x09000000

#define DR   0x00 /* data */
#define FR   0x18 /* flags */
#define CR   0x30 /* control */
#define IMSC 0x38 /* interrupt mask set/clear */

#define FR_RXFE 0x10
#define FR_TXFF 0x20

#define CR_UARTEN 0x001
#define CR_TXE    0x100
#define CR_RXE    0x200

struct pl011 {
    struct console_driver drv;
    volatile uint8_t *regs;
    paddr_t base;
    const char *source; /* where the address came from, for the log */
};

static struct pl011 uart;

static void pl011_putc(struct console_driver *drv, char c)
{
    struct pl011 *u = container_of(drv, struct pl011, drv);
    unsigned int spins = 100000;

    /* Bounded wait: a dead UART must not hang a panic. */
    while ((readl(u->regs + FR) & FR_TXFF) && --spins)
        cpu_relax();
    writel((uint8_t)c, u->regs + DR);
}

static int pl011_getc(struct console_driver *drv)
{
    struct pl011 *u = container_of(drv, struct pl011, drv);

    if (readl(u->regs + FR) & FR_RXFE)
        return -1;
    return (int)(readl(u->regs + DR) & 0xff);
}

/* The console UART: stdout-path, else the first PL011 in the tree. */
static int __init find_uart(const void *fdt, paddr_t *base)
{
    int node = dt_stdout_node(fdt);
    uint64_t size;

    if (!dt_is_compatible(fdt, node, "arm,pl011")) {
        node = dt_find_compatible(fdt, -1, "arm,pl011");
        uart.source = "first arm,pl011 node";
    } else {
        uart.source = "stdout-path";
    }
    if (node < 0 || dt_node_reg(fdt, node, 0, base, &size))
        return -1;
    return node;
}

void __init pl011_early_init(const void *fdt)
{
    paddr_t base;
    uint32_t cr;

    if (find_uart(fdt, &base) < 0) {
        base = PL011_QEMU_VIRT_BASE;
        uart.source = "no device tree entry: QEMU virt's address";
    }
    uart.base = base;
    uart.regs = ioremap(base, PAGE_SIZE);
    if (!uart.regs)
        return;

    writel(0, uart.regs + IMSC); /* polled: no UART interrupts */
    cr = readl(uart.regs + CR);
    if ((cr & (CR_UARTEN | CR_TXE | CR_RXE)) != (CR_UARTEN | CR_TXE | CR_RXE))
        writel(cr | CR_UARTEN | CR_TXE | CR_RXE, uart.regs + CR);

    uart.drv.name = "dtuart";
    uart.drv.putc = pl011_putc;
    uart.drv.getc = pl011_getc;
    console_register(&uart.drv);
}

void __init pl011_init(void)
{
    if (uart.regs)
        printk("dtuart: PL011 at %#lx (%s)\n", (unsigned long)uart.base, uart.source);
}
