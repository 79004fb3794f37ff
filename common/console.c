/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: printk with log levels, a log ring that keeps
 * what was printed (also what was printed before any UART was up), and the
 * list of console drivers.
 *
 * Locks: console_lock (irqsave) protects the ring and the driver list.
 * After console_start_sync() (panic) output ignores the lock, so a CPU that
 * died holding it cannot silence the last words of another.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/param.h>
#include <xenia/smp.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>

#define LOG_RING_SIZE (64 * 1024) /* power of two */
#define LINE_MAX_LEN  512

static DEFINE_SPINLOCK(console_lock);
static char log_ring[LOG_RING_SIZE];
static size_t log_head;    /* total bytes ever written; index = head % size */
static size_t log_cleared; /* readconsole with clear: nothing before this is read again */
static struct console_driver *drivers;
static size_t flushed; /* bytes of the ring already sent to the drivers */
static bool console_sync;
static bool at_line_start = true;

static unsigned int loglvl = CONFIG_LOGLVL_DEFAULT;

/*
 * console=<dev>[,<dev>]: which devices carry the console.  Every UART the
 * platform has is registered at boot so that early messages are never
 * lost; the option is checked so that a typo is reported, not ignored.
 */
static char opt_console[32] = "com1";
string_param("console", opt_console);

bool console_has(const char *dev)
{
    size_t n = strlen(dev);

    for (const char *p = opt_console; *p;) {
        if (!strncmp(p, dev, n) && (p[n] == ',' || !p[n]))
            return true;
        p = strchr(p, ',');
        if (!p)
            break;
        p++;
    }
    return false;
}

static int __init parse_loglvl(const char *s)
{
    const char *end;
    unsigned long long v;

    if (!strcmp(s, "all")) {
        loglvl = LOGLVL_DEBUG;
        return 0;
    }
    v = simple_strtoull(s, &end, 10);
    if (*end || end == s || v > LOGLVL_DEBUG)
        return -1;
    loglvl = (unsigned int)v;
    return 0;
}
custom_param("loglvl", parse_loglvl);

static void ring_put(char c)
{
    log_ring[log_head % LOG_RING_SIZE] = c;
    log_head++;
}

static void drivers_putc(char c)
{
    for (struct console_driver *d = drivers; d; d = d->next) {
        if (c == '\n')
            d->putc(d, '\r');
        d->putc(d, c);
    }
}

/* Send everything in the ring that the drivers have not seen yet. */
static void flush_ring(void)
{
    if (!drivers)
        return;
    if (log_head - flushed > LOG_RING_SIZE)
        flushed = log_head - LOG_RING_SIZE;
    while (flushed < log_head)
        drivers_putc(log_ring[flushed++ % LOG_RING_SIZE]);
}

/* Log s, starting each line with prefix. */
static void emit(const char *s, size_t len, const char *prefix)
{
    for (; len; s++, len--) {
        if (at_line_start) {
            for (const char *p = prefix; *p; p++)
                ring_put(*p);
            at_line_start = false;
        }
        ring_put(*s);
        if (*s == '\n')
            at_line_start = true;
    }
    flush_ring();
}

/* Strip a "<n>" level prefix; returns the level (INFO if none). */
static unsigned int take_level(const char **fmt)
{
    const char *f = *fmt;

    if (f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>') {
        *fmt = f + 3;
        return (unsigned int)(f[1] - '0');
    }
    return LOGLVL_INFO;
}

void vprintk(const char *fmt, va_list args)
{
    char line[LINE_MAX_LEN];
    unsigned long flags;
    bool locked;

    if (take_level(&fmt) > loglvl)
        return;
    vsnprintf(line, sizeof(line), fmt, args);

    flags = local_irq_save();
    locked = !console_sync;
    if (locked)
        spin_lock(&console_lock);
    emit(line, strlen(line), "(XENIA) ");
    if (locked)
        spin_unlock(&console_lock);
    local_irq_restore(flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_guest_write(unsigned int domid, const char *s, size_t len)
{
    char prefix[16] = "";
    unsigned long flags;

    /* The control domain's console is the machine's; others say who they are. */
    if (domid)
        snprintf(prefix, sizeof(prefix), "(d%u) ", domid);
    spin_lock_irqsave(&console_lock, flags);
    emit(s, len, prefix);
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_register(struct console_driver *drv)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    drv->next = drivers;
    drivers = drv;
    flushed = log_head > LOG_RING_SIZE ? log_head - LOG_RING_SIZE : 0;
    /* The new driver replays what was logged before it existed. */
    for (size_t i = flushed; i < log_head; i++) {
        char c = log_ring[i % LOG_RING_SIZE];

        if (c == '\n')
            drv->putc(drv, '\r');
        drv->putc(drv, c);
    }
    flushed = log_head;
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_puts(const char *s)
{
    for (; *s; s++)
        drivers_putc(*s);
}

void console_start_sync(void)
{
    console_sync = true;
}

size_t console_read_log(char *buf, size_t size)
{
    unsigned long flags;
    size_t start, n;

    spin_lock_irqsave(&console_lock, flags);
    start = log_head > LOG_RING_SIZE ? log_head - LOG_RING_SIZE : 0;
    n = min(log_head - start, size);
    start = log_head - n;
    for (size_t i = 0; i < n; i++)
        buf[i] = log_ring[(start + i) % LOG_RING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

void console_ring_window(size_t *start, size_t *end)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    *end = log_head;
    *start = log_head > LOG_RING_SIZE ? log_head - LOG_RING_SIZE : 0;
    if (log_cleared > *start)
        *start = log_cleared;
    spin_unlock_irqrestore(&console_lock, flags);
}

size_t console_ring_read(size_t *pos, size_t end, char *buf, size_t size)
{
    unsigned long flags;
    size_t n;

    spin_lock_irqsave(&console_lock, flags);
    /* Text written since the window was taken may have pushed *pos out. */
    if (log_head > LOG_RING_SIZE && *pos < log_head - LOG_RING_SIZE)
        *pos = log_head - LOG_RING_SIZE;
    n = *pos < end ? min(end - *pos, size) : 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = log_ring[(*pos + i) % LOG_RING_SIZE];
    *pos += n;
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

void console_ring_clear(size_t upto)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    if (upto > log_cleared)
        log_cleared = upto;
    spin_unlock_irqrestore(&console_lock, flags);
}

int console_driver_getc(void)
{
    for (struct console_driver *d = drivers; d; d = d->next) {
        int c = d->getc ? d->getc(d) : -1;

        if (c >= 0)
            return c;
    }
    return -1;
}

/* ------------------------------------------------------------------------ */

static bool in_panic;

void panic(const char *fmt, ...)
{
    char msg[LINE_MAX_LEN];
    va_list ap;

    local_irq_disable();
    console_start_sync();
    /* The others stop first, so that the report is the last word. */
    smp_send_stop();
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);

    printk(XENLOG_ERR "\n****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %u:\n", smp_processor_id());
    printk(XENLOG_ERR "%s\n", msg);
    printk(XENLOG_ERR "****************************************\n");
    if (!in_panic) {
        in_panic = true;
        arch_dump_stack();
    }
    printk(XENLOG_ERR "Xenia halted.\n");
    arch_halt();
}

void __bug(const char *file, int line, const char *cond)
{
    if (cond)
        panic("Xenia BUG at %s:%d: %s", file, line, cond);
    panic("Xenia BUG at %s:%d", file, line);
}

void __assert_failed(const char *file, int line, const char *cond)
{
    panic("Assertion '%s' failed at %s:%d", cond, file, line);
}

void __warn(const char *file, int line, const char *cond)
{
    printk(XENLOG_WARNING "Xenia WARN at %s:%d: %s\n", file, line, cond);
    arch_dump_stack();
}
