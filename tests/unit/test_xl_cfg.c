/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/xl/xl_cfg.c: the xl.cfg grammar, every key, and every error with
 * the line it names.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>

#include "../../tools/xl/xl_cfg.h"

#define MAX_MSGS 8

struct msgs {
    unsigned int n, errors;
    char line[MAX_MSGS][300];
};

static struct msgs msgs;
static struct xl_config cfg;

static void collect(void *arg, bool error, const char *msg)
{
    struct msgs *m = arg;

    m->errors += error;
    if (m->n < MAX_MSGS)
        snprintf(m->line[m->n++], sizeof(m->line[0]), "%s", msg);
}

static int parse_ovr(const char *text, const char *const *ovr, unsigned int n)
{
    memset(&msgs, 0, sizeof(msgs));
    xl_cfg_free(&cfg);
    return xl_cfg_parse("t.cfg", text, strlen(text), ovr, n, &cfg, collect, &msgs);
}

static int parse(const char *text)
{
    return parse_ovr(text, NULL, 0);
}

/* Parses text that must fail, with exactly this one message. */
static void fails(const char *text, const char *msg)
{
    int rc = parse(text);

    ck_assert_msg(rc == -EINVAL, "'%s' parsed (rc %d)", text, rc);
    ck_assert_uint_eq(msgs.errors, 1);
    ck_assert_str_eq(msgs.line[msgs.n - 1], msg);
    ck_assert_ptr_null(cfg.name);
}

#define BASE "name = \"vm\"\nkernel = \"/k\"\n"

START_TEST(test_minimal_defaults)
{
    ck_assert_int_eq(parse(BASE), 0);
    ck_assert_uint_eq(msgs.n, 0);
    ck_assert_str_eq(cfg.name, "vm");
    ck_assert_str_eq(cfg.kernel, "/k");
    ck_assert_ptr_null(cfg.ramdisk);
    ck_assert_ptr_null(cfg.cmdline);
    ck_assert_uint_eq(cfg.memory_mb, 128);
    ck_assert_uint_eq(cfg.maxmem_mb, 128);
    ck_assert_uint_eq(cfg.vcpus, 1);
    ck_assert_uint_eq(cfg.maxvcpus, 1);
    ck_assert_uint_eq(cfg.nr_cpumaps, 0);
    ck_assert(!cfg.have_uuid);
    ck_assert_int_eq(cfg.on_poweroff, XL_ACTION_DESTROY);
    ck_assert_int_eq(cfg.on_reboot, XL_ACTION_RESTART);
    ck_assert_int_eq(cfg.on_crash, XL_ACTION_DESTROY);
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_grammar)
{
    static const char text[] = "# a comment line\n"
                               "name='vm' ; kernel = \"/boot/k\" # trailing\n"
                               "\n"
                               "memory=0x100;vcpus = 010\n" /* hex, and octal as strtol(,0) */
                               "cpus = [ \"0\",\n"
                               "   # comment inside a list\n"
                               "   '1-2' , \n"
                               "]\n"
                               "extra = \"a\\tb\\x41\\101\\\"\\'\\\\\"\n"
                               "\t  maxmem\t=\t512  \r\n"
                               "on_crash = \"preserve\"";
    ck_assert_int_eq(parse(text), 0);
    ck_assert_uint_eq(msgs.n, 0);
    ck_assert_str_eq(cfg.name, "vm");
    ck_assert_str_eq(cfg.kernel, "/boot/k");
    ck_assert_uint_eq(cfg.memory_mb, 256);
    ck_assert_uint_eq(cfg.maxmem_mb, 512);
    ck_assert_uint_eq(cfg.vcpus, 8);
    ck_assert_uint_eq(cfg.maxvcpus, 8);
    ck_assert_str_eq(cfg.cmdline, "a\tbAA\"'\\");
    ck_assert_int_eq(cfg.on_crash, XL_ACTION_PRESERVE);
    ck_assert_uint_eq(cfg.nr_cpumaps, 2);
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 0));
    ck_assert(!xl_cpumap_test(&cfg.cpumaps[0], 1));
    ck_assert(!xl_cpumap_test(&cfg.cpumaps[1], 0));
    ck_assert(xl_cpumap_test(&cfg.cpumaps[1], 1));
    ck_assert(xl_cpumap_test(&cfg.cpumaps[1], 2));
    ck_assert(!xl_cpumap_test(&cfg.cpumaps[1], 3));
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_last_wins_and_append)
{
    ck_assert_int_eq(parse(BASE "memory = 64\nmemory = 96\nextra = \"a\"\nextra += \" b\"\n"
                                "cpus = [\"0\"]\ncpus += [\"1\"]\nvcpus = 2\n"),
                     0);
    ck_assert_uint_eq(cfg.memory_mb, 96);
    ck_assert_str_eq(cfg.cmdline, "a b");
    ck_assert_uint_eq(cfg.nr_cpumaps, 2);
    ck_assert(xl_cpumap_test(&cfg.cpumaps[1], 1));
    /* += with nothing before is a plain assignment. */
    ck_assert_int_eq(parse(BASE "extra += \"x\"\n"), 0);
    ck_assert_str_eq(cfg.cmdline, "x");
    fails(BASE "extra = \"a\"\nextra += [\"b\"]\n",
          "t.cfg:4: 'extra +=' mixes a list and a single value");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_syntax_errors)
{
    fails(BASE "memory 5\n", "t.cfg:3: syntax error near '5'");
    fails("name = \"vm\"\nkernel = /k\n", "t.cfg:2: syntax error near '/'");
    fails(BASE "x = \"abc\n", "t.cfg:3: unterminated string");
    fails(BASE "x = 'abc", "t.cfg:3: unterminated string");
    fails(BASE "memory = 512M\n", "t.cfg:3: syntax error near '512M'");
    fails(BASE "memory =\n", "t.cfg:3: syntax error near end of line");
    fails(BASE "memory =", "t.cfg:3: syntax error near end of file");
    fails(BASE "a = 1 2\n", "t.cfg:3: syntax error near '2'");
    fails(BASE "cpus = [ \"1\" \"2\" ]\n", "t.cfg:3: syntax error near '\"2\"'");
    fails(BASE "cpus = [\n\"1\",\n\n", "t.cfg:6: syntax error near end of file");
    fails(BASE "cpus = [ [\"1\"] ]\n", "t.cfg:3: nested lists are not supported");
    fails(BASE "= 4\n", "t.cfg:3: syntax error near '='");
    fails(BASE "on-crash = 4\n", "t.cfg:3: syntax error near 'on-crash'");
    fails(BASE "x = \"\\q\"\n", "t.cfg:3: unknown escape '\\q' in a string");
    fails(BASE "x = \"\\x4\"\n", "t.cfg:3: \\x needs two hex digits in a string");
    fails(BASE "x = \"\\777\"\n", "t.cfg:3: octal escape out of range in a string");
    fails(BASE "x = \"\\0\"\n", "t.cfg:3: NUL byte in a string");
    fails(BASE "x = 1 +\n", "t.cfg:3: syntax error near '+'");
}
END_TEST

START_TEST(test_file_errors)
{
    static const char nul[] = "name = \"a\"\0";
    char *big = malloc(XL_MAX_FILE + 2);

    memset(&msgs, 0, sizeof(msgs));
    ck_assert_int_eq(xl_cfg_parse("t.cfg", nul, sizeof(nul), NULL, 0, &cfg, collect, &msgs),
                     -EINVAL);
    ck_assert_str_eq(msgs.line[0], "t.cfg: contains a NUL byte: not a text file");
    ck_assert_ptr_nonnull(big);
    memset(big, '#', XL_MAX_FILE + 1);
    memset(&msgs, 0, sizeof(msgs));
    ck_assert_int_eq(xl_cfg_parse("t.cfg", big, XL_MAX_FILE + 1, NULL, 0, &cfg, collect, &msgs),
                     -EINVAL);
    ck_assert_str_eq(msgs.line[0], "t.cfg: larger than 1048576 bytes");
    free(big);
    /* A file that only comments is valid syntax but names nothing. */
    fails("# nothing\n", "t.cfg: no kernel given (kernel = \"...\")");
    fails("kernel = \"/k\"\n", "t.cfg: no name given (name = \"...\")");
}
END_TEST

START_TEST(test_name)
{
    ck_assert_int_eq(parse("name = 7x\nkernel='k'"), -EINVAL); /* 7x: not a number token */
    ck_assert_int_eq(parse("name = \"Domain-0\"\nkernel='k'"), 0);
    ck_assert_str_eq(cfg.name, "Domain-0");
    fails("kernel='k'\nname = \"\"\n", "t.cfg:2: name: must be 1 to 64 characters: ''");
    fails("kernel='k'\nname = \"a/b\"\n",
          "t.cfg:2: name: '/' and control characters are not allowed: 'a/b'");
    fails("kernel='k'\nname = \"a\\nb\"\n",
          "t.cfg:2: name: '/' and control characters are not allowed: 'a\nb'");
    fails("kernel='k'\nname = 12\n", "t.cfg:2: name: would be taken for a domain id: '12'");
    fails("kernel='k'\nname = [\"a\"]\n", "t.cfg:2: name: expected a single value, not a list");
    fails("kernel='k'\nname = \"0123456789012345678901234567890123456789012345678901234567890"
          "1234\"\n",
          "t.cfg:2: name: must be 1 to 64 characters: "
          "'01234567890123456789012345678901234567890123456789012345678901234'");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_type)
{
    ck_assert_int_eq(parse(BASE "type = \"pv\"\nbuilder = \"generic\"\n"), 0);
    fails(BASE "type = \"hvm\"\n", "t.cfg:3: type: only \"pv\" is supported, not 'hvm'");
    fails(BASE "type = \"pvh\"\n", "t.cfg:3: type: only \"pv\" is supported, not 'pvh'");
    fails(BASE "type = \"xx\"\n", "t.cfg:3: type: unknown domain type 'xx'");
    fails(BASE "builder = \"hvm\"\n",
          "t.cfg:3: builder: only \"generic\" (PV) is supported, not 'hvm'");
    fails(BASE "builder = \"x\"\n", "t.cfg:3: builder: unknown builder 'x'");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_memory)
{
    ck_assert_int_eq(parse(BASE "memory = \"300\"\n"), 0); /* quoted numbers are numbers */
    ck_assert_uint_eq(cfg.memory_mb, 300);
    ck_assert_uint_eq(cfg.maxmem_mb, 300);
    ck_assert_int_eq(parse(BASE "memory = 300\nmaxmem = 300\n"), 0);
    fails(BASE "memory = 0\n", "t.cfg:3: memory: 0 is out of range (1 to 1073741824)");
    fails(BASE "memory = \"abc\"\n", "t.cfg:3: memory: not a number: 'abc'");
    fails(BASE "memory = \"-5\"\n", "t.cfg:3: memory: not a number: '-5'");
    fails(BASE "memory = \"5 \"\n", "t.cfg:3: memory: not a number: '5 '");
    fails(BASE "memory = 099\n", "t.cfg:3: memory: not a number: '099'");
    fails(BASE "memory = 99999999999999999999999\n",
          "t.cfg:3: memory: not a number: '99999999999999999999999'");
    fails(BASE "memory = 1073741825\n",
          "t.cfg:3: memory: 1073741825 is out of range (1 to 1073741824)");
    fails(BASE "memory = 256\n\nmaxmem = 128\n",
          "t.cfg:5: maxmem: 128 MiB is less than memory (256 MiB)");
    fails(BASE "maxmem = [1]\n", "t.cfg:3: maxmem: expected a single value, not a list");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_vcpus)
{
    ck_assert_int_eq(parse(BASE "vcpus = 2\nmaxvcpus = 4\n"), 0);
    ck_assert_uint_eq(cfg.vcpus, 2);
    ck_assert_uint_eq(cfg.maxvcpus, 4);
    ck_assert_int_eq(parse(BASE "vcpus = 128\n"), 0);
    fails(BASE "vcpus = 0\n", "t.cfg:3: vcpus: 0 is out of range (1 to 128)");
    fails(BASE "vcpus = 129\n", "t.cfg:3: vcpus: 129 is out of range (1 to 128)");
    fails(BASE "maxvcpus = 0x0\n", "t.cfg:3: maxvcpus: 0x0 is out of range (1 to 128)");
    fails(BASE "vcpus = 4\nmaxvcpus = 2\n", "t.cfg:4: maxvcpus: 2 is less than vcpus (4)");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_cpus)
{
    ck_assert_int_eq(parse(BASE "vcpus = 2\ncpus = \"0-3,^2,7\"\n"), 0);
    ck_assert_uint_eq(cfg.nr_cpumaps, 1);
    for (unsigned int i = 0; i < 9; i++)
        ck_assert_int_eq(xl_cpumap_test(&cfg.cpumaps[0], i), i <= 3 && i != 2 ? 1 : i == 7);
    ck_assert_int_eq(parse(BASE "cpus = \"all\"\n"), 0);
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 0));
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], XL_MAX_CPUS - 1));
    ck_assert_int_eq(parse(BASE "cpus = \"^1\"\n"), 0); /* all but 1 */
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 0));
    ck_assert(!xl_cpumap_test(&cfg.cpumaps[0], 1));
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 2));
    ck_assert_int_eq(parse(BASE "cpus = 3\n"), 0);
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 3));
    ck_assert(!xl_cpumap_test(&cfg.cpumaps[0], 0));
    fails(BASE "cpus = \"1-\"\n", "t.cfg:3: cpus: invalid CPU list '1-'");
    fails(BASE "cpus = \"3-1\"\n", "t.cfg:3: cpus: invalid CPU list '3-1'");
    fails(BASE "cpus = \"256\"\n", "t.cfg:3: cpus: invalid CPU list '256'");
    fails(BASE "cpus = \"1,,2\"\n", "t.cfg:3: cpus: invalid CPU list '1,,2'");
    fails(BASE "cpus = \"1,\"\n", "t.cfg:3: cpus: invalid CPU list '1,'");
    fails(BASE "cpus = \"0,^0\"\n", "t.cfg:3: cpus: invalid CPU list '0,^0'");
    fails(BASE "cpus = \"x\"\n", "t.cfg:3: cpus: invalid CPU list 'x'");
    fails(BASE "cpus = \"nodes:0\"\n",
          "t.cfg:3: cpus: NUMA node lists are not supported: 'nodes:0'");
    fails(BASE "cpus = []\n", "t.cfg:3: cpus: empty list");
    fails(BASE "cpus = [\"0\", \"1\"]\n", "t.cfg:3: cpus: 2 entries for 1 vCPUs");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_actions)
{
    ck_assert_int_eq(parse(BASE "on_poweroff = \"preserve\"\non_reboot = \"destroy\"\n"
                                "on_crash = \"restart\"\n"),
                     0);
    ck_assert_int_eq(cfg.on_poweroff, XL_ACTION_PRESERVE);
    ck_assert_int_eq(cfg.on_reboot, XL_ACTION_DESTROY);
    ck_assert_int_eq(cfg.on_crash, XL_ACTION_RESTART);
    ck_assert_str_eq(xl_action_name(XL_ACTION_RESTART), "restart");
    fails(BASE "on_crash = \"coredump-destroy\"\n",
          "t.cfg:3: on_crash: not supported (use destroy, restart or preserve): "
          "'coredump-destroy'");
    fails(BASE "on_reboot = \"rename-restart\"\n",
          "t.cfg:3: on_reboot: not supported (use destroy, restart or preserve): "
          "'rename-restart'");
    fails(BASE "on_poweroff = \"soft-reset\"\n",
          "t.cfg:3: on_poweroff: not supported (use destroy, restart or preserve): "
          "'soft-reset'");
    fails(BASE "on_crash = \"coredump-restart\"\n",
          "t.cfg:3: on_crash: not supported (use destroy, restart or preserve): "
          "'coredump-restart'");
    fails(BASE "on_crash = \"boom\"\n", "t.cfg:3: on_crash: unknown action 'boom'");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_cmdline)
{
    ck_assert_int_eq(parse(BASE "root = \"/dev/xvda1\"\nextra = \"console=hvc0\"\n"), 0);
    ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1 console=hvc0");
    ck_assert_int_eq(parse(BASE "root = \"/dev/xvda1\"\n"), 0);
    ck_assert_str_eq(cfg.cmdline, "root=/dev/xvda1");
    ck_assert_int_eq(parse(BASE "extra = \"quiet\"\n"), 0);
    ck_assert_str_eq(cfg.cmdline, "quiet");
    ck_assert_int_eq(parse(BASE "root = \"r\"\ncmdline = \"c\"\nextra = \"e\"\n"), 0);
    ck_assert_str_eq(cfg.cmdline, "c");
    ck_assert_uint_eq(msgs.n, 1);
    ck_assert_uint_eq(msgs.errors, 0);
    ck_assert_str_eq(msgs.line[0],
                     "t.cfg:4: warning: ignoring root= and extra= in favour of cmdline=");
    ck_assert_int_eq(parse(BASE "ramdisk = \"/initrd\"\n"), 0);
    ck_assert_str_eq(cfg.ramdisk, "/initrd");
    {
        char text[1200];

        snprintf(text, sizeof(text), BASE "extra = \"%01100d\"\n", 0);
        fails(text, "t.cfg:3: extra: the command line is longer than 1023 bytes");
    }
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_uuid)
{
    ck_assert_int_eq(parse(BASE "uuid = \"00112233-4455-6677-8899-aAbBcCdDeEfF\"\n"), 0);
    ck_assert(cfg.have_uuid);
    ck_assert_uint_eq(cfg.uuid[0], 0x00);
    ck_assert_uint_eq(cfg.uuid[9], 0x99);
    ck_assert_uint_eq(cfg.uuid[15], 0xff);
    fails(BASE "uuid = \"00112233-4455-6677-8899-aabbccddeef\"\n",
          "t.cfg:3: uuid: invalid UUID '00112233-4455-6677-8899-aabbccddeef'");
    fails(BASE "uuid = \"0011223344556677-8899-aabb-ccddeeff\"\n",
          "t.cfg:3: uuid: invalid UUID '0011223344556677-8899-aabb-ccddeeff'");
    fails(BASE "uuid = \"00112233-4455-6677-8899-aabbccddeeffaa\"\n",
          "t.cfg:3: uuid: invalid UUID '00112233-4455-6677-8899-aabbccddeeffaa'");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_unknown_keys_warn)
{
    ck_assert_int_eq(parse(BASE "disk = [ 'phy:/dev/x,xvda,w' ]\n\nvif = []\n"), 0);
    ck_assert_uint_eq(msgs.errors, 0);
    ck_assert_uint_eq(msgs.n, 2);
    ck_assert_str_eq(msgs.line[0], "t.cfg:3: warning: unknown key 'disk'");
    ck_assert_str_eq(msgs.line[1], "t.cfg:5: warning: unknown key 'vif'");
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_overrides)
{
    const char *ovr[] = {"memory=512",    "name=other",        "extra=\"a b\"",    "cpus=[\"1\"]",
                         "extra+=\" c\"", "on_crash=preserve", "kernel = /boot/k2"};

    ck_assert_int_eq(parse_ovr(BASE "memory = 64\n", ovr, 7), 0);
    ck_assert_uint_eq(cfg.memory_mb, 512);
    ck_assert_str_eq(cfg.name, "other");
    ck_assert_str_eq(cfg.cmdline, "a b c");
    ck_assert_str_eq(cfg.kernel, "/boot/k2");
    ck_assert_int_eq(cfg.on_crash, XL_ACTION_PRESERVE);
    ck_assert(xl_cpumap_test(&cfg.cpumaps[0], 1));
    {
        const char *bad1[] = {"memory=1", "nokey"};
        const char *bad2[] = {"=5"};
        const char *bad3[] = {"a-b=5"};
        const char *bad4[] = {"extra=\"x"};
        const char *bad5[] = {"memory=lots"};

        ck_assert_int_eq(parse_ovr(BASE, bad1, 2), -EINVAL);
        ck_assert_str_eq(msgs.line[0], "<command line>:2: expected key=value, got 'nokey'");
        ck_assert_int_eq(parse_ovr(BASE, bad2, 1), -EINVAL);
        ck_assert_str_eq(msgs.line[0], "<command line>:1: expected key=value, got '=5'");
        ck_assert_int_eq(parse_ovr(BASE, bad3, 1), -EINVAL);
        ck_assert_str_eq(msgs.line[0], "<command line>:1: expected key=value, got 'a-b=5'");
        ck_assert_int_eq(parse_ovr(BASE, bad4, 1), -EINVAL);
        ck_assert_str_eq(msgs.line[0], "<command line>:1: unterminated string");
        ck_assert_int_eq(parse_ovr(BASE, bad5, 1), -EINVAL);
        ck_assert_str_eq(msgs.line[0], "<command line>:1: memory: not a number: 'lots'");
    }
    xl_cfg_free(&cfg);
}
END_TEST

START_TEST(test_cpulist_direct)
{
    struct xl_cpumap m;

    ck_assert_int_eq(xl_cpulist_parse("all,^0-254", &m), 0);
    ck_assert(!xl_cpumap_test(&m, 254));
    ck_assert(xl_cpumap_test(&m, 255));
    ck_assert(!xl_cpumap_test(&m, 256));
    ck_assert_int_eq(xl_cpulist_parse("", &m), -EINVAL);
    ck_assert_int_eq(xl_cpulist_parse("^", &m), -EINVAL);
    ck_assert_int_eq(xl_cpulist_parse("alll", &m), -EINVAL);
    ck_assert_int_eq(xl_cpulist_parse("1-2-3", &m), -EINVAL);
}
END_TEST

Suite *xl_cfg_suite(void)
{
    Suite *s = suite_create("xl_cfg");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_minimal_defaults);
    tcase_add_test(tc, test_grammar);
    tcase_add_test(tc, test_last_wins_and_append);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_file_errors);
    tcase_add_test(tc, test_name);
    tcase_add_test(tc, test_type);
    tcase_add_test(tc, test_memory);
    tcase_add_test(tc, test_vcpus);
    tcase_add_test(tc, test_cpus);
    tcase_add_test(tc, test_actions);
    tcase_add_test(tc, test_cmdline);
    tcase_add_test(tc, test_uuid);
    tcase_add_test(tc, test_unknown_keys_warn);
    tcase_add_test(tc, test_overrides);
    tcase_add_test(tc, test_cpulist_direct);
    suite_add_tcase(s, tc);
    return s;
}
