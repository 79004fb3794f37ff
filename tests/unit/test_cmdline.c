/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/cmdline.c: options declared here with the <xenia/param.h> macros
 * land in the "xenia_params" section, which the host linker brackets with
 * __start_xenia_params/__stop_xenia_params as the hypervisor's linker
 * script does.  They are the only options linked into the test runner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>
#include <xenia/param.h>

static bool opt_flag;
boolean_param("flag", opt_flag);
static bool opt_default_on = true;
boolean_param("default-on", opt_default_on);
static unsigned int opt_count = 7;
integer_param("count", opt_count);
static uint8_t opt_small = 5;
integer_param("small", opt_small);
static uint16_t opt_medium = 9;
integer_param("medium", opt_medium);
static unsigned long opt_mem = 1;
size_param("mem", opt_mem);
static char opt_console[8] = "com1";
string_param("console", opt_console);
static char opt_name[300] = "unset";
string_param("name", opt_name);

static char custom_seen[64];
static unsigned int custom_calls;

static int parse_custom(const char *s)
{
    custom_calls++;
    strncpy(custom_seen, s, sizeof(custom_seen) - 1);
    return strcmp(s, "bad") ? 0 : -1;
}
custom_param("custom", parse_custom);

extern const struct kernel_param __start_xenia_params[], __stop_xenia_params[];

static int parse(const char *cmdline)
{
    return cmdline_parse_table(cmdline, __start_xenia_params, __stop_xenia_params);
}

static const struct kernel_param *find(const char *name)
{
    for (const struct kernel_param *p = __start_xenia_params; p < __stop_xenia_params; p++)
        if (!strcmp(p->name, name))
            return p;
    ck_abort_msg("option %s is not in the table", name);
    return NULL;
}

START_TEST(test_table)
{
    /* The section holds exactly the options above, intact, and the
     * scheduler's three (common/sched/ is linked into the runner too). */
    ck_assert_int_eq(__stop_xenia_params - __start_xenia_params, 12);
    ck_assert_int_eq(find("sched")->type, PARAM_STRING);
    ck_assert_int_eq(find("flag")->type, PARAM_BOOL);
    ck_assert_ptr_eq(find("flag")->u.var, &opt_flag);
    ck_assert_int_eq(find("small")->type, PARAM_UINT);
    ck_assert_uint_eq(find("small")->len, 1);
    ck_assert_int_eq(find("mem")->type, PARAM_ULONG);
    ck_assert_ptr_eq(find("console")->u.var, opt_console);
    ck_assert_uint_eq(find("console")->len, sizeof(opt_console));
    ck_assert_int_eq(find("custom")->type, PARAM_CUSTOM);
}
END_TEST

START_TEST(test_empty)
{
    ck_assert_int_eq(parse(NULL), 0);
    ck_assert_int_eq(parse(""), 0);
    ck_assert_int_eq(parse("     "), 0);
    ck_assert_uint_eq(opt_count, 7);
}
END_TEST

START_TEST(test_bool)
{
    static const char *const yes[] = {"1", "yes", "on", "true", "enable"};
    static const char *const no[] = {"0", "no", "off", "false", "disable"};
    char buf[32];

    ck_assert_int_eq(parse("flag"), 0);
    ck_assert(opt_flag);
    ck_assert_int_eq(parse("no-flag"), 0);
    ck_assert(!opt_flag);
    ck_assert_int_eq(parse("no-default-on"), 0);
    ck_assert(!opt_default_on);
    ck_assert_int_eq(parse("default-on"), 0);
    ck_assert(opt_default_on);

    for (unsigned int i = 0; i < 5; i++) {
        snprintf(buf, sizeof(buf), "flag=%s", yes[i]);
        ck_assert_int_eq(parse(buf), 0);
        ck_assert_msg(opt_flag, "%s", buf);
        snprintf(buf, sizeof(buf), "flag=%s", no[i]);
        ck_assert_int_eq(parse(buf), 0);
        ck_assert_msg(!opt_flag, "%s", buf);
    }
}
END_TEST

START_TEST(test_bool_bad)
{
    opt_flag = true;
    harness_log_clear();
    ck_assert_int_eq(parse("flag=maybe"), 1);
    ck_assert(opt_flag);
    ck_assert(harness_log_has("bad value in 'flag=maybe'"));
    ck_assert_int_eq(parse("flag="), 1);
    ck_assert_int_eq(parse("flag=yess"), 1);
    ck_assert_int_eq(parse("flag=ye"), 1);
    ck_assert(opt_flag);
    /* no- takes no value: "no-flag=1" names an option that does not exist. */
    harness_log_clear();
    ck_assert_int_eq(parse("no-flag=1"), 1);
    ck_assert(opt_flag);
    ck_assert(harness_log_has("unknown option 'no-flag=1'"));
}
END_TEST

START_TEST(test_parse_bool)
{
    const char *s = "offset", *t = "onset";

    ck_assert_int_eq(parse_bool("on", NULL), 1);
    ck_assert_int_eq(parse_bool("disable", NULL), 0);
    ck_assert_int_eq(parse_bool("", NULL), -1);
    ck_assert_int_eq(parse_bool("On", NULL), -1);
    /* With an end pointer, only [s, end) counts. */
    ck_assert_int_eq(parse_bool(s, s + 3), 0);
    ck_assert_int_eq(parse_bool(s, s + 2), -1);
    ck_assert_int_eq(parse_bool(s, NULL), -1);
    ck_assert_int_eq(parse_bool(t, t + 2), 1);
    ck_assert_int_eq(parse_bool(t, t + 3), -1);
    ck_assert_int_eq(parse_bool(t, t), -1);
}
END_TEST

START_TEST(test_integer)
{
    ck_assert_int_eq(parse("count=42"), 0);
    ck_assert_uint_eq(opt_count, 42);
    ck_assert_int_eq(parse("count=0x10"), 0);
    ck_assert_uint_eq(opt_count, 16);
    ck_assert_int_eq(parse("count=010"), 0);
    ck_assert_uint_eq(opt_count, 8);
    ck_assert_int_eq(parse("count=4294967295"), 0);
    ck_assert_uint_eq(opt_count, 4294967295U);
    ck_assert_int_eq(parse("small=255 medium=65535"), 0);
    ck_assert_uint_eq(opt_small, 255);
    ck_assert_uint_eq(opt_medium, 65535);
    /* The last one wins. */
    ck_assert_int_eq(parse("count=1 count=2"), 0);
    ck_assert_uint_eq(opt_count, 2);
}
END_TEST

START_TEST(test_integer_bad)
{
    /* A rejected value leaves the option as it was. */
    harness_log_clear();
    ck_assert_int_eq(parse("count=12abc"), 1);
    ck_assert_uint_eq(opt_count, 7);
    ck_assert(harness_log_has("bad value in 'count=12abc'"));
    ck_assert_int_eq(parse("count"), 1);
    ck_assert_int_eq(parse("no-count"), 1);
    ck_assert_uint_eq(opt_count, 7);
    /* Values that do not fit the variable. */
    ck_assert_int_eq(parse("small=256"), 1);
    ck_assert_uint_eq(opt_small, 5);
    ck_assert_int_eq(parse("medium=65536"), 1);
    ck_assert_uint_eq(opt_medium, 9);
    ck_assert_int_eq(parse("count=4294967296"), 1);
    ck_assert_uint_eq(opt_count, 7);
    ck_assert_int_eq(parse("count=-1"), 1);
    ck_assert_uint_eq(opt_count, 7);
}
END_TEST

START_TEST(test_size)
{
    ck_assert_int_eq(parse("mem=512M"), 0);
    ck_assert_uint_eq(opt_mem, 512UL << 20);
    ck_assert_int_eq(parse("mem=4G"), 0);
    ck_assert_uint_eq(opt_mem, 4UL << 30);
    ck_assert_int_eq(parse("mem=0x1000"), 0);
    ck_assert_uint_eq(opt_mem, 0x1000);
    ck_assert_int_eq(parse("mem=64k"), 0);
    ck_assert_uint_eq(opt_mem, 64UL << 10);
    ck_assert_int_eq(parse("mem=16Q"), 1);
    ck_assert_int_eq(parse("mem=1MB"), 1);
    ck_assert_int_eq(parse("mem"), 1);
    ck_assert_int_eq(parse("no-mem"), 1);
    ck_assert_uint_eq(opt_mem, 64UL << 10);
}
END_TEST

START_TEST(test_string)
{
    ck_assert_int_eq(parse("console=vga"), 0);
    ck_assert_str_eq(opt_console, "vga");
    ck_assert_int_eq(parse("console=vga,com"), 0); /* 7 characters: fits */
    ck_assert_str_eq(opt_console, "vga,com");
    ck_assert_int_eq(parse("console="), 0);
    ck_assert_str_eq(opt_console, "");
}
END_TEST

START_TEST(test_string_bad)
{
    harness_log_clear();
    /* 8 characters do not fit in char[8]: rejected, the value stays. */
    ck_assert_int_eq(parse("console=com1,vga"), 1);
    ck_assert_str_eq(opt_console, "com1");
    ck_assert(harness_log_has("bad value in 'console=com1,vga'"));
    ck_assert_int_eq(parse("console"), 1);
    ck_assert_int_eq(parse("no-console"), 1);
    ck_assert_str_eq(opt_console, "com1");
}
END_TEST

START_TEST(test_quoting)
{
    ck_assert_int_eq(parse("name=\"a b c\" flag"), 0);
    ck_assert_str_eq(opt_name, "a b c");
    ck_assert(opt_flag);
    /* Quotes can be anywhere in the token and are removed. */
    ck_assert_int_eq(parse("name=x\"y z\"w"), 0);
    ck_assert_str_eq(opt_name, "xy zw");
    ck_assert_int_eq(parse("\"name=q r\""), 0);
    ck_assert_str_eq(opt_name, "q r");
    ck_assert_int_eq(parse("name=\"\""), 0);
    ck_assert_str_eq(opt_name, "");
    /* An unterminated quote runs to the end of the line. */
    opt_flag = false;
    ck_assert_int_eq(parse("name=\"abc no-flag"), 0);
    ck_assert_str_eq(opt_name, "abc no-flag");
    ck_assert(!opt_flag);
}
END_TEST

START_TEST(test_spaces)
{
    ck_assert_int_eq(parse("   count=3    flag   "), 0);
    ck_assert_uint_eq(opt_count, 3);
    ck_assert(opt_flag);
}
END_TEST

START_TEST(test_custom)
{
    ck_assert_int_eq(parse("custom=abc"), 0);
    ck_assert_str_eq(custom_seen, "abc");
    ck_assert_int_eq(parse("custom"), 0);
    ck_assert_str_eq(custom_seen, "");
    ck_assert_int_eq(parse("no-custom"), 0);
    ck_assert_str_eq(custom_seen, "no");
    ck_assert_int_eq(parse("custom=\"a=b c\""), 0);
    ck_assert_str_eq(custom_seen, "a=b c");
    harness_log_clear();
    ck_assert_int_eq(parse("custom=bad"), 1);
    ck_assert(harness_log_has("bad value in 'custom=bad'"));
    ck_assert_uint_eq(custom_calls, 5);
}
END_TEST

START_TEST(test_unknown_counted)
{
    harness_log_clear();
    ck_assert_int_eq(parse("foo flag bar=1 no-baz count=x count=5 no-"), 5);
    ck_assert(opt_flag);
    ck_assert_uint_eq(opt_count, 5);
    ck_assert(harness_log_has("unknown option 'foo'"));
    ck_assert(harness_log_has("unknown option 'bar=1'"));
    ck_assert(harness_log_has("unknown option 'no-baz'"));
    ck_assert(harness_log_has("unknown option 'no-'"));
    ck_assert(harness_log_has("bad value in 'count=x'"));
    /* Names match whole: prefixes and extensions are different options. */
    ck_assert_int_eq(parse("fla flags Flag"), 3);
}
END_TEST

START_TEST(test_truncation)
{
    char *line = malloc(600);
    char *name = malloc(400);

    /* A token longer than the parser's buffer is rejected as a whole... */
    memset(name, 'x', 299);
    name[299] = '\0';
    snprintf(line, 600, "name=%s count=3", name);
    harness_log_clear();
    ck_assert_int_eq(parse(line), 1);
    ck_assert(harness_log_has("bad value in 'name=xxx"));
    ck_assert_str_eq(opt_name, "unset");
    /* ...and parsing goes on after it. */
    ck_assert_uint_eq(opt_count, 3);

    /* An over-long unknown option counts once. */
    memset(name, 'y', 399);
    name[399] = '\0';
    snprintf(line, 600, "%s flag", name);
    ck_assert_int_eq(parse(line), 1);
    ck_assert(opt_flag);

    /* The longest value that fits the buffer (255 characters) is fine. */
    memset(name, 'z', 250);
    name[250] = '\0';
    snprintf(line, 600, "name=%s", name);
    ck_assert_uint_eq(strlen(line), 255);
    ck_assert_int_eq(parse(line), 0);
    ck_assert_str_eq(opt_name, name);
    free(line);
    free(name);
}
END_TEST

START_TEST(test_table_bounds)
{
    const struct kernel_param *count = find("count");

    /* Only the options of the given table are known. */
    ck_assert_int_eq(cmdline_parse_table("count=11 flag", count, count + 1), 1);
    ck_assert_uint_eq(opt_count, 11);
    ck_assert(!opt_flag);
    ck_assert_int_eq(cmdline_parse_table("count=12", count, count), 1);
    ck_assert_uint_eq(opt_count, 11);
}
END_TEST

START_TEST(test_cmdline_parse)
{
    /* The whole-image entry point uses the same section. */
    ck_assert_int_eq(cmdline_parse("flag count=99 nonsense"), 1);
    ck_assert(opt_flag);
    ck_assert_uint_eq(opt_count, 99);
}
END_TEST

Suite *cmdline_suite(void)
{
    Suite *s = suite_create("cmdline");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_bool);
    tcase_add_test(tc, test_bool_bad);
    tcase_add_test(tc, test_parse_bool);
    tcase_add_test(tc, test_integer);
    tcase_add_test(tc, test_integer_bad);
    tcase_add_test(tc, test_size);
    tcase_add_test(tc, test_string);
    tcase_add_test(tc, test_string_bad);
    tcase_add_test(tc, test_quoting);
    tcase_add_test(tc, test_spaces);
    tcase_add_test(tc, test_custom);
    tcase_add_test(tc, test_unknown_counted);
    tcase_add_test(tc, test_truncation);
    tcase_add_test(tc, test_table_bounds);
    tcase_add_test(tc, test_cmdline_parse);
    suite_add_tcase(s, tc);
    return s;
}
