/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/xl's commands against fakes of the libraries (xl_fakes.c): what
 * they print, their argument errors, the order of create's steps and of
 * its cleanup after a failure at each of them, and the domain reaper.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "../../tools/xl/xl.h"
#include "../../tools/xl/xl_i.h"
#include "xl_fakes.h"

Suite *xl_cmd_suite(void);

static char out[8192], err[2048];

static void slurp(FILE *f, char *buf, size_t size)
{
    size_t n;

    fflush(f);
    rewind(f);
    n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Runs "xl <words>" with stdout and stderr captured into out and err. */
static int xl(const char *words)
{
    char copy[512], *argv[16];
    int argc = 0, rc, save_out, save_err;
    FILE *fo = tmpfile(), *fe = tmpfile();

    ck_assert(fo && fe);
    snprintf(copy, sizeof(copy), "xl %s", words);
    for (char *w = strtok(copy, " "); w && argc < 15; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    fflush(stdout);
    fflush(stderr);
    save_out = dup(1);
    save_err = dup(2);
    dup2(fileno(fo), 1);
    dup2(fileno(fe), 2);
    rc = xl_main(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(save_out, 1);
    dup2(save_err, 2);
    close(save_out);
    close(save_err);
    slurp(fo, out, sizeof(out));
    slurp(fe, err, sizeof(err));
    return rc;
}

static const char vm_cfg[] = "name = \"vm\"\nkernel = \"/boot/k\"\nmemory = 32\nmaxmem = 48\n"
                             "vcpus = 1\nmaxvcpus = 2\ncpus = \"1\"\nextra = \"quiet\"\n";

static void setup(void)
{
    fake_reset();
    fake.files[0].path = "vm.cfg";
    fake.files[0].data = vm_cfg;
    fake.files[1].path = "/boot/k";
    fake.files[1].data = "\177ELF...";
}

static void teardown(void)
{
    fake_reset();
}

static const char *vm_path(void)
{
    static char path[64];
    const char *vm = fake_node("/local/domain/1/vm");

    ck_assert_ptr_nonnull(vm);
    snprintf(path, sizeof(path), "%s", vm);
    return path;
}

START_TEST(test_create_nodes_and_order)
{
    char uuid_node[96];

    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_str_eq(out, "Started domain vm (id=1)\n");
    ck_assert_str_eq(err, "");
    ck_assert_str_eq(fake.log, "xs_watch(@releaseDomain) poller(xl-reaper) create max_vcpus(2) "
                               "setmaxmem(50176) evtchn evtchn pv_build(32768,1,quiet) "
                               "affinity(1,0,02) affinity(1,1,02) gnttab xs_commit introduce "
                               "console_add unpause");
    ck_assert(!fake.doms[1].paused);
    ck_assert_str_eq(fake_node("/local/domain/1/name"), "vm");
    ck_assert_str_eq(fake_node("/local/domain/1/domid"), "1");
    ck_assert_str_eq(fake_node("/local/domain/1/memory/static-max"), "49152");
    ck_assert_str_eq(fake_node("/local/domain/1/memory/target"), "32768");
    ck_assert_str_eq(fake_node("/local/domain/1/cpu/0/availability"), "online");
    ck_assert_str_eq(fake_node("/local/domain/1/cpu/1/availability"), "offline");
    ck_assert_str_eq(fake_node("/local/domain/1/console/ring-ref"), "8193");
    ck_assert_str_eq(fake_node("/local/domain/1/console/port"), "2");
    ck_assert_str_eq(fake_node("/local/domain/1/console/type"), "xenconsoled");
    ck_assert_str_eq(fake_node("/local/domain/1/console/limit"), "1048576");
    ck_assert_str_eq(fake_node("/local/domain/1/store/ring-ref"), "4097");
    ck_assert_str_eq(fake_node("/local/domain/1/store/port"), "1");
    ck_assert_ptr_nonnull(fake_node("/local/domain/1/control"));
    ck_assert_ptr_nonnull(fake_node("/local/domain/1/data"));
    ck_assert_ptr_nonnull(fake_node("/local/domain/1/device"));
    ck_assert_uint_eq(strlen(vm_path()), 4 + 36);
    snprintf(uuid_node, sizeof(uuid_node), "%s/uuid", vm_path());
    ck_assert_str_eq(fake_node(uuid_node), vm_path() + 4);
    snprintf(uuid_node, sizeof(uuid_node), "%s/name", vm_path());
    ck_assert_str_eq(fake_node(uuid_node), "vm");
    /* dom0 owns the domain's directory, the guest may read it. */
    ck_assert_uint_eq(fake.perms_owner, 0);
    ck_assert_uint_eq(fake.perms_guest, 1);
    ck_assert_uint_eq(fake.perms_guest_bits, XS_PERM_READ);
    /* A version-4 uuid, the same one the hypervisor got as handle. */
    ck_assert_uint_eq(fake.doms[1].handle[6] >> 4, 4);
}
END_TEST

/* Each step of create failing in turn: one line, and nothing left behind. */
static const struct {
    const char *step, *msg, *undo;
} failures[] = {
    {"create", "xl: cannot create the domain: Cannot allocate memory\n", "create !"},
    {"max_vcpus", "xl: cannot set the vCPU count: Invalid argument\n", "max_vcpus(2) destroy"},
    {"setmaxmem", "xl: cannot set the memory limit: Invalid argument\n",
     "setmaxmem(50176) destroy"},
    {"evtchn", "xl: cannot allocate the xenstore event channel: No space left on device\n",
     "evtchn ! destroy"},
    {"pv_build", "xl: cannot build the domain: not an ELF image\n",
     "pv_build(32768,1,quiet) destroy"},
    {"affinity", "xl: cannot set vCPU affinity (cpus): Invalid argument\n",
     "affinity(1,0,02) destroy"},
    {"gnttab", "xl: cannot seed the grant table: Invalid argument\n", "gnttab ! destroy"},
    {"xs_write", "xl: cannot write the domain's xenstore nodes: Permission denied\n",
     "xs_write! xs_abort xs_rm(/local/domain/1) xs_rm(/vm/"},
    {"introduce", "xl: cannot introduce the domain to xenstore: Invalid argument\n",
     "introduce ! xs_rm(/local/domain/1) xs_rm(/vm/"},
    {"console_add", "xl: cannot connect the domain's console: Cannot allocate memory\n",
     "console_add ! release(1) xs_rm(/local/domain/1) xs_rm(/vm/"},
    {"unpause", "xl: cannot unpause the domain: Invalid argument\n",
     "unpause ! console_remove(1) release(1) xs_rm(/local/domain/1) xs_rm(/vm/"},
};

START_TEST(test_create_cleanup)
{
    unsigned int i = _i;

    fake.fail_at = failures[i].step;
    ck_assert_int_eq(xl("create vm.cfg"), 1);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, failures[i].msg);
    ck_assert_msg(strstr(fake.log, failures[i].undo), "step %s: log '%s'", failures[i].step,
                  fake.log);
    ck_assert_msg(!fake.doms[1].exists, "step %s left domain 1", failures[i].step);
    ck_assert_uint_eq(fake_nodes_under("/local/domain/1"), 0);
    ck_assert_uint_eq(fake_nodes_under("/vm/"), 0);
    /* The destroy comes last: after it nothing may touch the domain. */
    if (strcmp(failures[i].step, "create"))
        ck_assert_str_eq(fake.log + strlen(fake.log) - strlen("destroy"), "destroy");
    else
        ck_assert(!strstr(fake.log, "destroy"));
}
END_TEST

START_TEST(test_create_errors)
{
    ck_assert_int_eq(xl("create"), 1);
    ck_assert_str_eq(err, "Usage: xl create [-c] [-p] <ConfigFile> [key=value ...]\n");
    ck_assert_int_eq(xl("create -x vm.cfg"), 1);
    ck_assert_str_eq(err, "Usage: xl create [-c] [-p] <ConfigFile> [key=value ...]\n");
    ck_assert_int_eq(xl("create nope.cfg"), 1);
    ck_assert_str_eq(err, "xl: cannot read config file 'nope.cfg': no such file\n");
    ck_assert_int_eq(xl("create vm.cfg memory=lots"), 1);
    ck_assert_str_eq(err, "<command line>:1: memory: not a number: 'lots'\n");
    ck_assert_int_eq(xl("create vm.cfg kernel=/boot/none"), 1);
    ck_assert_str_eq(err, "xl: cannot read kernel '/boot/none': no such file\n");
    ck_assert_int_eq(xl("create vm.cfg ramdisk=/boot/none"), 1);
    ck_assert_str_eq(err, "xl: cannot read ramdisk '/boot/none': no such file\n");
    fake.files[2].path = "bad.cfg";
    fake.files[2].data = "name = \"x\"\nmemory = [\n";
    ck_assert_int_eq(xl("create bad.cfg"), 1);
    ck_assert_str_eq(err, "bad.cfg:3: syntax error near end of file\n");
    /* None of these got as far as the hypervisor. */
    ck_assert(!strstr(fake.log, "create"));
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("create vm.cfg"), 1);
    ck_assert_str_eq(err, "xl: a domain named 'vm' already exists\n");
    ck_assert(!fake.doms[2].exists);
}
END_TEST

START_TEST(test_create_overrides_and_console)
{
    ck_assert_int_eq(xl("create -c vm.cfg memory=40 name=other cpus=all"), 0);
    ck_assert(strstr(fake.log, "pv_build(40960,1,quiet) affinity(1,0,ff) affinity(1,1,ff)"));
    ck_assert_str_eq(fake_node("/local/domain/1/name"), "other");
    ck_assert_str_eq(fake.log + strlen(fake.log) - strlen("unpause attach(1)"),
                     "unpause attach(1)");
}
END_TEST

/* -p: everything but the unpause; the domain waits for xl unpause. */
START_TEST(test_create_paused)
{
    ck_assert_int_eq(xl("create -p vm.cfg"), 0);
    ck_assert_str_eq(fake.log + strlen(fake.log) - strlen("console_add"), "console_add");
    ck_assert(!strstr(fake.log, "unpause"));
    ck_assert(fake.doms[1].exists);
}
END_TEST

/* xl -v create: the build's time, the hypervisor's share apart. */
START_TEST(test_create_verbose_time)
{
    unsigned long total, hv, calls, tool;

    ck_assert_int_eq(xl("create -p vm.cfg"), 0);
    ck_assert(!strstr(out, "built in"));
    ck_assert_int_eq(xl("-v create -p vm.cfg name=two"), 0);
    ck_assert_int_eq(sscanf(strstr(out, "xl: domain 2 built in "),
                            "xl: domain 2 built in %lu us: hypervisor %lu us in %lu hypercalls, "
                            "toolstack %lu us",
                            &total, &hv, &calls, &tool),
                     4);
    ck_assert_uint_eq(hv, 250);
    ck_assert_uint_eq(calls, 1);
    ck_assert_uint_eq(total, hv + tool);
    ck_assert_uint_gt(tool, 0);
    ck_assert_int_eq(xl("-v -v bogus"), 1);
    ck_assert(strstr(err, "unknown command 'bogus'"));
}
END_TEST

START_TEST(test_list)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    fake.doms[0].cpu_time_ns = 12345678901ull;
    fake.doms[1].blocked = true;
    fake.doms[1].nr_online_vcpus = 1;
    ck_assert_int_eq(xl("list"), 0);
    ck_assert_str_eq(out, "Name                                        ID   Mem VCPUs      State   "
                          "Time(s)\n"
                          "Domain-0                                     0   256     1     r-----  "
                          "    12.3\n"
                          "vm                                           1    32     1     -b----  "
                          "     0.0\n");
    fake.doms[1].shutdown = true;
    fake.doms[1].reason = 3;
    fake.doms[1].paused = true;
    fake.doms[1].dying = true;
    ck_assert_int_eq(xl("list vm"), 0);
    ck_assert(
        strstr(out, "\nvm                                           1    32     1     -bpscd"));
    ck_assert_int_eq(xl("list -l 1"), 0);
    ck_assert(strstr(out, " max_mem 0 MiB max_vcpu_id 0 shutdown_reason 3\n"));
    ck_assert_int_eq(xl("list nosuch"), 1);
    ck_assert_str_eq(err, "xl: domain 'nosuch' does not exist\n");
    ck_assert_int_eq(xl("list -x"), 1);
    ck_assert_str_eq(err, "Usage: xl list [-l] [Domain ...]\n");
}
END_TEST

START_TEST(test_destroy)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    fake.log[0] = '\0';
    ck_assert_int_eq(xl("destroy vm"), 0);
    ck_assert_str_eq(out, "");
    ck_assert(!fake.doms[1].exists);
    ck_assert_uint_eq(fake_nodes_under("/local/domain/1"), 0);
    ck_assert_uint_eq(fake_nodes_under("/vm/"), 0);
    ck_assert(
        !strncmp(fake.log, "console_remove(1) release(1) xs_rm(/local/domain/1) xs_rm(/vm/", 62));
    ck_assert_str_eq(fake.log + strlen(fake.log) - 8, " destroy");
    ck_assert(!xl_reaper_tracks(1));
    ck_assert_int_eq(xl("destroy 0"), 1);
    ck_assert_str_eq(err, "xl: cannot destroy the control domain (Domain-0)\n");
    ck_assert_int_eq(xl("destroy Domain-0"), 1);
    ck_assert_str_eq(err, "xl: cannot destroy the control domain (Domain-0)\n");
    ck_assert_int_eq(xl("destroy 1"), 1);
    ck_assert_str_eq(err, "xl: domain '1' does not exist\n");
    ck_assert_int_eq(xl("destroy 32752"), 1); /* DOMID_FIRST_RESERVED: a name, not an id */
    ck_assert_str_eq(err, "xl: domain '32752' does not exist\n");
    ck_assert_int_eq(xl("destroy"), 1);
    ck_assert_str_eq(err, "Usage: xl destroy <Domain>\n");
    ck_assert_int_eq(xl("destroy a b"), 1);
    ck_assert_str_eq(err, "Usage: xl destroy <Domain>\n");
}
END_TEST

START_TEST(test_pause_unpause_console)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("pause vm"), 0);
    ck_assert(fake.doms[1].paused);
    ck_assert_int_eq(xl("unpause 1"), 0);
    ck_assert(!fake.doms[1].paused);
    ck_assert_int_eq(xl("pause 0"), 1);
    ck_assert_str_eq(err, "xl: cannot pause the control domain (Domain-0)\n");
    ck_assert_int_eq(xl("unpause"), 1);
    ck_assert_str_eq(err, "Usage: xl unpause <Domain>\n");
    ck_assert_int_eq(xl("console vm"), 0);
    ck_assert_str_eq(fake.log + strlen(fake.log) - 9, "attach(1)");
    ck_assert_int_eq(xl("console nosuch"), 1);
    ck_assert_str_eq(err, "xl: domain 'nosuch' does not exist\n");
}
END_TEST

/* The reaper applies the config's action; poll it as dom0's loop would. */
static void reap(void)
{
    fake.watch_pending = true;
    xl_reaper_poll(NULL);
}

START_TEST(test_reaper_restart)
{
    fake.shutdown_acts = true;
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("reboot vm"), 0);
    ck_assert(strstr(fake.log, "shutdown(1,1)"));
    reap();
    ck_assert(!fake.doms[1].exists);
    ck_assert(fake.doms[2].exists);
    ck_assert(!fake.doms[2].paused);
    ck_assert_uint_eq(fake_nodes_under("/local/domain/1"), 0);
    ck_assert_str_eq(fake_node("/local/domain/2/name"), "vm");
    ck_assert(xl_reaper_tracks(2));
    /* Nothing more to do: a second pass acts on nothing. */
    fake.watch_pending = true;
    ck_assert(!xl_reaper_poll(NULL));
}
END_TEST

START_TEST(test_reaper_destroy_preserve)
{
    fake.shutdown_acts = true;
    fake.files[2].path = "keep.cfg";
    fake.files[2].data = "name='keep'\nkernel='/boot/k'\non_crash='preserve'\n";
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("create keep.cfg"), 0);
    ck_assert_int_eq(xl("shutdown vm"), 0);
    ck_assert(strstr(fake.log, "shutdown(1,0)"));
    fake.doms[2].shutdown = true;
    fake.doms[2].reason = 3; /* crash */
    reap();
    ck_assert(!fake.doms[1].exists);
    ck_assert_uint_eq(fake_nodes_under("/local/domain/1"), 0);
    ck_assert(fake.doms[2].exists);
    ck_assert_str_eq(fake_node("/local/domain/2/name"), "keep");
    ck_assert(!xl_reaper_tracks(2));
    ck_assert(!fake.doms[3].exists);
    /* Without a watch event it still looks, once the period has passed. */
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("shutdown vm"), 0);
    fake.now_ns += 1000000000ull;
    ck_assert(xl_reaper_poll(NULL));
    ck_assert(!fake.doms[3].exists);
}
END_TEST

static void reap_on_wait(void)
{
    xl_reaper_poll(NULL);
}

START_TEST(test_shutdown_wait)
{
    fake.shutdown_acts = true;
    fake.on_wait = reap_on_wait;
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("shutdown -w vm"), 0);
    ck_assert_str_eq(out, "xl: domain 1 shut down (reason 0): destroy\n"
                          "Domain 1 has been shut down\n");
    ck_assert(!fake.doms[1].exists);
    /* A guest that ignores the request: give up after a minute. */
    fake.shutdown_acts = false;
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("shutdown -w 2"), 1);
    ck_assert_str_eq(err, "xl: domain 2 did not shut down within 60 s\n");
    ck_assert_int_eq(xl("shutdown -w"), 1);
    ck_assert_str_eq(err, "Usage: xl shutdown [-w] <Domain>\n");
}
END_TEST

START_TEST(test_info)
{
    ck_assert_int_eq(xl("info"), 0);
    ck_assert(strstr(out, "host                   : xenia\n"));
    ck_assert(strstr(out, "nr_cpus                : 4\n"));
    ck_assert(strstr(out, "cpu_mhz                : 2400\n"));
    ck_assert(strstr(out, "total_memory           : 512\n"));
    ck_assert(strstr(out, "free_memory            : 156\n"));
    ck_assert(strstr(out, "free_pages             : 40001\n"));
    ck_assert(strstr(out, "xen_version            : 4.17-xenia\n"));
    ck_assert(strstr(out, "xen_caps               : xen-3.0-x86_64\n"));
    ck_assert(strstr(out, "xen_scheduler          : credit\n"));
    ck_assert(strstr(out, "xen_pagesize           : 4096\n"));
    ck_assert_int_eq(xl("info x"), 1);
    ck_assert_str_eq(err, "Usage: xl info\n");
}
END_TEST

START_TEST(test_dmesg)
{
    ck_assert_int_eq(xl("dmesg"), 0);
    ck_assert_str_eq(out, "(XEN) line one\n(XEN) line two\n");
    ck_assert(!strstr(fake.log, "console_clear"));
    ck_assert_int_eq(xl("dmesg -c"), 0);
    ck_assert(strstr(fake.log, "console_clear"));
    ck_assert_int_eq(xl("dmesg -x"), 1);
    ck_assert_str_eq(err, "Usage: xl dmesg [-c]\n");
}
END_TEST

START_TEST(test_vcpus)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("vcpu-list vm"), 0);
    ck_assert_str_eq(out, "Name                                ID  VCPU   CPU State   Time(s)\n"
                          "vm                                   1     0     0   -b-       1.5\n");
    fake.log[0] = '\0';
    ck_assert_int_eq(xl("vcpu-pin vm all 0-1,3"), 0);
    ck_assert_str_eq(fake.log, "affinity(1,0,0b)");
    ck_assert_int_eq(xl("vcpu-pin vm 1 0"), 1);
    ck_assert_str_eq(err, "xl: invalid vCPU '1' (domain 1 has vCPUs 0 to 0)\n");
    ck_assert_int_eq(xl("vcpu-pin vm 0 0-"), 1);
    ck_assert_str_eq(err, "xl: invalid CPU list '0-'\n");
    ck_assert_int_eq(xl("vcpu-pin vm 0"), 1);
    ck_assert_str_eq(err, "Usage: xl vcpu-pin <Domain> <VCPU|all> <CPUs|all>\n");
}
END_TEST

START_TEST(test_sched_credit)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("sched-credit"), 0);
    ck_assert_str_eq(out, "Name                                ID Weight  Cap\n"
                          "Domain-0                             0    256    0\n"
                          "vm                                   1    256    0\n");
    ck_assert_int_eq(xl("sched-credit -d vm -w 512"), 0);
    ck_assert_str_eq(out, "");
    ck_assert(strstr(fake.log, "credit_set(1,512,0)"));
    ck_assert_int_eq(xl("sched-credit -d vm -c 50"), 0);
    ck_assert(strstr(fake.log, "credit_set(1,512,50)"));
    ck_assert_int_eq(xl("sched-credit -d vm"), 0);
    ck_assert_str_eq(out, "Name                                ID Weight  Cap\n"
                          "vm                                   1    512   50\n");
    ck_assert_int_eq(xl("sched-credit -d vm -w 0"), 1);
    ck_assert_str_eq(err, "xl: cannot set the credit parameters of domain 1: Invalid argument\n");
    ck_assert_int_eq(xl("sched-credit -w 5"), 1);
    ck_assert_str_eq(err, "Usage: xl sched-credit [-d <Domain> [-w <Weight>] [-c <Cap>]]\n");
    ck_assert_int_eq(xl("sched-credit -d vm -w 70000"), 1);
    ck_assert_int_eq(xl("sched-credit -d"), 1);
}
END_TEST

START_TEST(test_names_uptime_help)
{
    ck_assert_int_eq(xl("create vm.cfg"), 0);
    ck_assert_int_eq(xl("domid vm"), 0);
    ck_assert_str_eq(out, "1\n");
    ck_assert_int_eq(xl("domname 1"), 0);
    ck_assert_str_eq(out, "vm\n");
    ck_assert_int_eq(xl("domname 0"), 0);
    ck_assert_str_eq(out, "Domain-0\n");
    ck_assert_int_eq(xl("domname vm"), 1);
    ck_assert_str_eq(err, "xl: invalid domain id 'vm'\n");
    ck_assert_int_eq(xl("domid nosuch"), 1);
    ck_assert_str_eq(err, "xl: domain 'nosuch' does not exist\n");
    fake_node_set("/local/domain/1/name", "vm");
    fake.now_ns = 90061ull * 1000000000ull; /* 1 day, 1:01:01 */
    ck_assert_int_eq(xl("uptime 0"), 0);
    ck_assert_str_eq(out, "Name                              ID Uptime\n"
                          "Domain-0                           0 1 day,  1:01:01\n");
    ck_assert_int_eq(xl("help vm-list"), 1);
    ck_assert_str_eq(err, "xl: unknown command 'vm-list'\n");
    ck_assert_int_eq(xl("help destroy"), 0);
    ck_assert_str_eq(out, "Usage: xl destroy <Domain>\n\nTerminate a domain immediately.\n");
    ck_assert_int_eq(xl(""), 0);
    ck_assert(strstr(out, " create           Create a domain\n"));
    ck_assert_int_eq(xl("frobnicate"), 1);
    ck_assert_str_eq(err, "xl: unknown command 'frobnicate' (xl help lists them)\n");
}
END_TEST

START_TEST(test_no_xenstore)
{
    fake.xs_down = true;
    ck_assert_int_eq(xl("create vm.cfg"), 1);
    ck_assert(strstr(err, "xl: cannot connect to xenstore: Connection refused\n"));
    ck_assert(!fake.doms[1].exists);
}
END_TEST

Suite *xl_cmd_suite(void)
{
    Suite *s = suite_create("xl_cmd");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_create_nodes_and_order);
    tcase_add_loop_test(tc, test_create_cleanup, 0, sizeof(failures) / sizeof(failures[0]));
    tcase_add_test(tc, test_create_errors);
    tcase_add_test(tc, test_create_overrides_and_console);
    tcase_add_test(tc, test_create_paused);
    tcase_add_test(tc, test_create_verbose_time);
    tcase_add_test(tc, test_list);
    tcase_add_test(tc, test_destroy);
    tcase_add_test(tc, test_pause_unpause_console);
    tcase_add_test(tc, test_reaper_restart);
    tcase_add_test(tc, test_reaper_destroy_preserve);
    tcase_add_test(tc, test_shutdown_wait);
    tcase_add_test(tc, test_info);
    tcase_add_test(tc, test_dmesg);
    tcase_add_test(tc, test_vcpus);
    tcase_add_test(tc, test_sched_credit);
    tcase_add_test(tc, test_names_uptime_help);
    tcase_add_test(tc, test_no_xenstore);
    suite_add_tcase(s, tc);
    return s;
}
