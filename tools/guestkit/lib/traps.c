/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions and user mode for guestkit kernels (see <guestkit/traps.h>);
 * the entry code is arch/x86_64/traps.S.
 */
#include <guestkit/console.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/pv.h>
#include <guestkit/string.h>
#include <guestkit/traps.h>
#include <public/callback.h>
#include <public/vcpu.h>

#include "internal.h"

/* What traps.S leaves at %rsp for gk_trap_handler(), lowest address first. */
struct gk_trap_frame {
    unsigned long r15, r14, r13, r12, r10, r9, r8, rbp, rdi, rsi, rdx, rbx, rax;
    unsigned long vector;
    unsigned long rcx, r11, error_code, rip, cs, rflags, rsp, ss;
};

struct gk_jmp {
    unsigned long rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

int gk_setjmp(struct gk_jmp *j);
gk_noreturn void gk_longjmp(struct gk_jmp *j);
void gk_trap_handler(struct gk_trap_frame *f);
gk_noreturn void gk_user_exited(void);

extern const unsigned long gk_trap_stubs[32];
extern const char gk_syscall_entry[], gk_user_start[], gk_event_entry[];

#define USER_STACK_SIZE 0x4000

shared_info_t *gk_shared_info;
vcpu_info_t *gk_vcpu_infos[GK_MAX_VCPUS];

long gk_register_vcpu_info(unsigned int id, void *va, unsigned int offset)
{
    struct vcpu_register_vcpu_info info = {.mfn = gk_virt_to_mfn(va), .offset = offset};
    long rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, id, &info);

    if (!rc)
        gk_vcpu_infos[id] = (vcpu_info_t *)((char *)va + offset);
    return rc;
}
unsigned long gk_trap_count;

/* Read by gk_user_start in traps.S. */
void (*gk_user_fn)(void *);
void *gk_user_arg;

static char shared_info_page[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static char user_stack[USER_STACK_SIZE] gk_aligned(16);
/* Where deliveries from user mode land (stack_switch). */
static char user_entry_stack[USER_STACK_SIZE] gk_aligned(16);

/* The gk_try()/gk_run_user() in progress: where a trap ends it. */
static struct gk_jmp *catcher;
static struct gk_trap *caught;
static uint8_t catcher_mask;

static const char *const vector_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "coproc", "#TS",
    "#NP", "#SS", "#GP", "#PF", "15",  "#MF", "#AC", "#MC", "#XM", "#VE",    "#CP",
};

static const char *vector_name(unsigned long v)
{
    return v < 32 && vector_names[v] ? vector_names[v] : "reserved";
}

static gk_noreturn void end_catch(void)
{
    struct gk_jmp *j = catcher;

    catcher = NULL;
    /* A delivery may have masked events; the caller had them as before. */
    gk_vcpu_info()->evtchn_upcall_mask = catcher_mask;
    gk_longjmp(j);
}

void gk_trap_handler(struct gk_trap_frame *f)
{
    bool user = (f->cs & 3) == 3;

    gk_trap_count++;
    if (catcher) {
        *caught = (struct gk_trap){
            .vector = (unsigned int)f->vector,
            .error_code = (uint32_t)f->error_code,
            .rip = f->rip,
            .cr2 = gk_vcpu_info()->arch.cr2,
            .from_user = user,
        };
        end_catch();
    }
    gk_printf("guestkit: unexpected %s (vector %lu, error %#lx) in %s mode at %pS\n",
              vector_name(f->vector), f->vector, f->error_code, user ? "user" : "kernel",
              (void *)f->rip);
    gk_printf("  rsp %016lx rflags %016lx cr2 %016lx\n", f->rsp, f->rflags,
              (unsigned long)gk_vcpu_info()->arch.cr2);
    gk_printf("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
    gk_printf("  rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
    gk_panic("unexpected exception");
}

void gk_user_exited(void)
{
    if (!catcher)
        gk_panic("system call GK_SYS_EXIT outside gk_run_user()");
    end_catch();
}

static unsigned int run_caught(void (*fn)(void *), void *arg, struct gk_trap *t, bool user)
{
    static struct gk_jmp jmp;
    static struct iret_context ic;

    GK_BUG_ON(catcher);
    *t = (struct gk_trap){.vector = GK_TRAP_NONE};
    caught = t;
    catcher_mask = gk_vcpu_info()->evtchn_upcall_mask;
    if (gk_setjmp(&jmp))
        return t->vector; /* fn trapped, or returned through end_catch() */
    catcher = &jmp;
    if (!user) {
        fn(arg);
        catcher = NULL;
        return GK_TRAP_NONE;
    }
    gk_user_fn = fn;
    gk_user_arg = arg;
    ic = (struct iret_context){
        .rip = (unsigned long)gk_user_start,
        .cs = FLAT_USER_CS64,
        .rflags = 0x202,
        .rsp = (unsigned long)user_stack + USER_STACK_SIZE - 8,
        .ss = FLAT_USER_SS64,
    };
    HYPERVISOR_iret(&ic);
}

unsigned int gk_try(void (*fn)(void *), void *arg, struct gk_trap *t)
{
    return run_caught(fn, arg, t, false);
}

unsigned int gk_run_user(void (*fn)(void *), void *arg, struct gk_trap *t)
{
    return run_caught(fn, arg, t, true);
}

static void map_shared_info(const start_info_t *si)
{
    uint64_t pte = (si->shared_info & GK_PTE_ADDR_MASK) | GK_PTE_PRESENT | GK_PTE_RW |
                   GK_PTE_ACCESSED | GK_PTE_DIRTY | GK_PTE_NX;

    if (HYPERVISOR_update_va_mapping((unsigned long)shared_info_page, pte, UVMF_INVLPG))
        gk_panic("cannot map shared_info (%#lx)", (unsigned long)si->shared_info);
    gk_shared_info = (shared_info_t *)shared_info_page;
    for (unsigned int i = 0; i < GK_MAX_VCPUS; i++)
        gk_vcpu_infos[i] = &gk_shared_info->vcpu_info[i];
}

static void fill_trap_table(trap_info_t *table)
{
    for (unsigned int v = 0; v < 32; v++)
        table[v] = (trap_info_t){
            .vector = (uint8_t)v,
            .cs = FLAT_KERNEL_CS64,
            .address = gk_trap_stubs[v],
        };
}

void gk_install_trap_table(void)
{
    static trap_info_t table[33];

    fill_trap_table(table);
    if (HYPERVISOR_set_trap_table(table))
        gk_panic("cannot install the trap table");
}

void gk_fill_trap_context(struct trap_info *table, uint64_t *event, uint64_t *failsafe,
                          uint64_t *syscall)
{
    fill_trap_table(table);
    *event = (unsigned long)gk_event_entry;
    *failsafe = 0;
    *syscall = (unsigned long)gk_syscall_entry;
}

void gk_traps_init(const start_info_t *si)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_syscall,
        .flags = CALLBACKF_mask_events,
        .address = (unsigned long)gk_syscall_entry,
    };
    mmuext_op_t user_root = {
        .cmd = MMUEXT_NEW_USER_BASEPTR,
        .arg1.mfn = gk_virt_to_mfn((const void *)si->pt_base),
    };

    map_shared_info(si);
    gk_install_trap_table();
    gk_events_init();
    /* User mode runs on the same page tables: they are its L4 too. */
    if (HYPERVISOR_callback_op(CALLBACKOP_register, &cb) ||
        HYPERVISOR_stack_switch(FLAT_KERNEL_SS64,
                                (unsigned long)user_entry_stack + USER_STACK_SIZE) ||
        HYPERVISOR_mmuext_op(&user_root, 1, NULL, DOMID_SELF))
        gk_panic("cannot set up the user-mode entries");
}
