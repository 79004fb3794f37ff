/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GICv3, minimal: the distributor, the boot CPU's redistributor and its
 * system-register CPU interface, enough to take PPIs (the timer) at EL2.
 * Every interrupt is Group 1 and signalled as IRQ; SPIs stay disabled
 * until a device driver asks for one.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <asm/gic.h>
#include <asm/page.h>
#include <asm/processor.h>

/* Distributor. */
#define GICD_CTLR      0x0000
#define GICD_TYPER     0x0004
#define GICD_IGROUPR   0x0080
#define GICD_ICENABLER 0x0180
#define GICD_CTLR_RWP  (1U << 31)
#define GICD_CTLR_ARE  (1U << 4)
#define GICD_CTLR_GRP1 (1U << 1)
#define GICD_SIZE      0x10000

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB above. */
#define GICR_CTLR         0x0000
#define GICR_TYPER        0x0008
#define GICR_WAKER        0x0014
#define GICR_CTLR_RWP     (1U << 3)
#define GICR_TYPER_VLPIS  (1U << 1)
#define GICR_TYPER_LAST   (1U << 4)
#define GICR_WAKER_SLEEP  (1U << 1)
#define GICR_WAKER_ASLEEP (1U << 2)
#define GICR_SGI_BASE     0x10000
#define GICR_IGROUPR0     (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0   (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0   (GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR   (GICR_SGI_BASE + 0x0400)
#define GICR_IGRPMODR0    (GICR_SGI_BASE + 0x0d00)
#define GICR_FRAMES_SIZE  0x20000 /* RD_base + SGI_base */
#define GICR_VLPI_FRAMES  0x20000 /* two more with virtual LPIs */

#define ICC_SRE_SRE    (1UL << 0)
#define ICC_SRE_ENABLE (1UL << 3) /* EL1 may use the system registers too */

static volatile uint8_t *gicd, *gicr;
static paddr_t gicd_pa, gicr_pa; /* gicr_pa: the whole redistributor region */

static void wait_rwp(volatile uint8_t *ctlr, uint32_t rwp)
{
    unsigned int spins = 1000000;

    while ((readl(ctlr) & rwp) && --spins)
        cpu_relax();
    if (!spins)
        panic("GICv3: register write did not complete");
}

static uint64_t mpidr_affinity(void)
{
    uint64_t m = READ_SYSREG(mpidr_el1);

    return (m & 0xffffff) | ((m >> 8) & 0xff000000);
}

/* Walk the redistributor region for the frame whose affinity is ours. */
static volatile uint8_t *__init find_redistributor(volatile uint8_t *base, uint64_t size)
{
    uint64_t aff = mpidr_affinity();

    for (uint64_t off = 0; off + GICR_FRAMES_SIZE <= size;) {
        uint64_t typer = readq(base + off + GICR_TYPER);

        if ((typer >> 32) == aff)
            return base + off;
        if (typer & GICR_TYPER_LAST)
            break;
        off += GICR_FRAMES_SIZE + (typer & GICR_TYPER_VLPIS ? GICR_VLPI_FRAMES : 0);
    }
    return NULL;
}

static void __init dist_init(void)
{
    unsigned int lines = ((readl(gicd + GICD_TYPER) & 0x1f) + 1) * 32;

    writel(0, gicd + GICD_CTLR);
    wait_rwp(gicd + GICD_CTLR, GICD_CTLR_RWP);
    for (unsigned int i = 32; i < lines; i += 32) {
        writel(~0U, gicd + GICD_ICENABLER + i / 8);
        writel(~0U, gicd + GICD_IGROUPR + i / 8);
    }
    writel(GICD_CTLR_ARE | GICD_CTLR_GRP1, gicd + GICD_CTLR);
    wait_rwp(gicd + GICD_CTLR, GICD_CTLR_RWP);
    printk("GICv3: distributor at %#lx, %u interrupt lines\n", (unsigned long)gicd_pa, lines);
}

static void __init redist_init(void)
{
    unsigned int spins = 1000000;

    writel(readl(gicr + GICR_WAKER) & ~GICR_WAKER_SLEEP, gicr + GICR_WAKER);
    while ((readl(gicr + GICR_WAKER) & GICR_WAKER_ASLEEP) && --spins)
        cpu_relax();
    if (!spins)
        panic("GICv3: redistributor did not wake up");

    writel(~0U, gicr + GICR_ICENABLER0);
    wait_rwp(gicr + GICR_CTLR, GICR_CTLR_RWP);
    writel(~0U, gicr + GICR_IGROUPR0);
    writel(0, gicr + GICR_IGRPMODR0);
}

static void __init cpu_interface_init(void)
{
    WRITE_SYSREG(READ_SYSREG(ICC_SRE_EL2) | ICC_SRE_SRE | ICC_SRE_ENABLE, ICC_SRE_EL2);
    isb();
    if (!(READ_SYSREG(ICC_SRE_EL2) & ICC_SRE_SRE))
        panic("GICv3: the system-register CPU interface cannot be enabled");
    WRITE_SYSREG(0xff, ICC_PMR_EL1); /* let every priority through */
    WRITE_SYSREG(0, ICC_BPR1_EL1);
    WRITE_SYSREG(0, ICC_CTLR_EL1); /* EOI both drops priority and deactivates */
    WRITE_SYSREG(1, ICC_IGRPEN1_EL1);
    isb();
}

void __init gic_init(const void *fdt)
{
    int node = dt_find_compatible(fdt, -1, "arm,gic-v3");
    volatile uint8_t *region;
    uint64_t dsize, rsize;

    if (node < 0 || dt_node_reg(fdt, node, 0, &gicd_pa, &dsize) ||
        dt_node_reg(fdt, node, 1, &gicr_pa, &rsize))
        panic("GICv3: no usable \"arm,gic-v3\" node in the device tree (QEMU: gic-version=3)");
    gicd = ioremap(gicd_pa, max(dsize, (uint64_t)GICD_SIZE));
    region = ioremap(gicr_pa, rsize);
    if (!gicd || !region)
        panic("GICv3: cannot map the distributor or redistributors");
    gicr = find_redistributor(region, rsize);
    if (!gicr)
        panic("GICv3: no redistributor for MPIDR affinity %#lx", (unsigned long)mpidr_affinity());

    dist_init();
    redist_init();
    cpu_interface_init();
    printk("GICv3: redistributor at %#lx for CPU affinity %#lx\n",
           (unsigned long)(gicr_pa + (paddr_t)(gicr - region)), (unsigned long)mpidr_affinity());
}

void gic_enable_ppi(unsigned int intid, uint8_t priority)
{
    BUG_ON(intid < 16 || intid > 31);
    writeb(priority, gicr + GICR_IPRIORITYR + intid);
    writel(1U << intid, gicr + GICR_ISENABLER0);
    wait_rwp(gicr + GICR_CTLR, GICR_CTLR_RWP);
}

unsigned int gic_ack(void)
{
    unsigned int intid = (unsigned int)(READ_SYSREG(ICC_IAR1_EL1) & 0xffffff);

    dsb(sy); /* device state read by the handler follows the acknowledge */
    return intid;
}

void gic_eoi(unsigned int intid)
{
    WRITE_SYSREG(intid, ICC_EOIR1_EL1);
    isb();
}
