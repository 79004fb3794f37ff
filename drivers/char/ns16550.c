/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 16550-compatible UART on x86 I/O ports, polled.  Options, in Xen's form:
 *   com1=<baud>[,<data><parity><stop>][,<io-base>]     e.g. com1=115200,8n1
 *   com1=auto keeps the loader's settings.
 */
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/param.h>
#include <xenia/serial.h>
#include <xenia/string.h>
#include <asm/processor.h>

#define UART_CLOCK 1843200

#define RBR 0 /* receive buffer (read) */
#define THR 0 /* transmit holding (write) */
#define DLL 0 /* divisor latch, with LCR.DLAB */
#define IER 1
#define DLM 1
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5

#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LCR_DLAB 0x80

struct ns16550 {
    struct console_driver drv;
    uint16_t io_base;
    unsigned int baud; /* 0: keep what the loader programmed */
    uint8_t lcr;
    bool registered;
};

static struct ns16550 com1 = {
    .io_base = 0x3f8, .baud = 0, .lcr = 0x03, /* 8n1 */
};

static char opt_com1[64];
string_param("com1", opt_com1);

static void ns16550_putc(struct console_driver *drv, char c)
{
    struct ns16550 *u = container_of(drv, struct ns16550, drv);
    unsigned int spins = 100000;

    /* Bounded wait: a dead UART must not hang a panic. */
    while (!(inb(u->io_base + LSR) & LSR_THRE) && --spins)
        cpu_relax();
    outb((uint8_t)c, u->io_base + THR);
}

static int ns16550_getc(struct console_driver *drv)
{
    struct ns16550 *u = container_of(drv, struct ns16550, drv);

    if (!(inb(u->io_base + LSR) & LSR_DR))
        return -1;
    return inb(u->io_base + RBR);
}

/* "8n1" and friends into an LCR value; false if malformed. */
static bool parse_lcr(const char *s, uint8_t *lcr)
{
    uint8_t v;

    if (s[0] < '5' || s[0] > '8')
        return false;
    v = (uint8_t)(s[0] - '5');
    switch (s[1]) {
    case 'n': break;
    case 'o': v |= 0x08; break;
    case 'e': v |= 0x18; break;
    default: return false;
    }
    if (s[2] == '2')
        v |= 0x04;
    else if (s[2] != '1')
        return false;
    *lcr = v;
    return true;
}

static void ns16550_apply_options(struct ns16550 *u, const char *opt)
{
    const char *p = opt;

    if (!*p)
        return;
    if (!strncmp(p, "auto", 4))
        p += 4;
    else
        u->baud = (unsigned int)simple_strtoull(p, &p, 10);
    if (*p == ',') {
        p++;
        if (*p && *p != ',') {
            if (!parse_lcr(p, &u->lcr))
                printk(XENLOG_WARNING "com1: bad line format in '%s'\n", opt);
            while (*p && *p != ',')
                p++;
        }
    }
    if (*p == ',')
        u->io_base = (uint16_t)simple_strtoull(p + 1, &p, 0);
}

static void ns16550_setup(struct ns16550 *u)
{
    outb(0, u->io_base + IER); /* polled: no UART interrupts */
    if (u->baud) {
        unsigned int div = UART_CLOCK / (16 * u->baud);

        outb(LCR_DLAB, u->io_base + LCR);
        outb((uint8_t)div, u->io_base + DLL);
        outb((uint8_t)(div >> 8), u->io_base + DLM);
    }
    outb(u->lcr, u->io_base + LCR);
    outb(0x07, u->io_base + FCR); /* enable and clear FIFOs */
    outb(0x03, u->io_base + MCR); /* DTR, RTS */
}

/* Early: COM1 at its default place and the loader's speed. */
void __init ns16550_early_init(void)
{
    com1.drv.name = "com1";
    com1.drv.putc = ns16550_putc;
    com1.drv.getc = ns16550_getc;
    ns16550_setup(&com1);
    console_register(&com1.drv);
    com1.registered = true;
}

/* After the command line: apply com1= options. */
void __init ns16550_init(void)
{
    if (!opt_com1[0])
        return;
    ns16550_apply_options(&com1, opt_com1);
    ns16550_setup(&com1);
    printk("com1: %#x, %u baud\n", com1.io_base, com1.baud);
}

unsigned int ns16550_io_base(void)
{
    return com1.registered ? com1.io_base : 0;
}
