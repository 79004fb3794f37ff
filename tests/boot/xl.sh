# SPDX-License-Identifier: GPL-2.0-only
# Helpers for scenarios that type xl commands into dom0's shell
# (tools/dom0) over the serial console. Source after x86.sh.

# xl_boot CPU: Xenia (XL_MEM_MIB of RAM, 512 by default) with the control domain and its initrd, the serial
# input a FIFO that type_line writes; returns at dom0's shell prompt.
xl_boot() {
    local dom0="$srctree/build/dom0/dom0.elf" initrd="$srctree/build/dom0/initrd.cpio" input
    [ -f "$dom0" ] && [ -f "$initrd" ] || fail "dom0 is not built (make -C tools/dom0)"
    input="$OUT/$SCENARIO.input"
    rm -f "$input"
    mkfifo "$input"
    exec 9<>"$input" # opened both ways, so neither QEMU nor this shell blocks
    QEMU_INPUT=$input boot_qemu x86_64 -cpu "$1" -m "${XL_MEM_MIB:-512}" -kernel "$XENIA_X86" \
        -append "console=com1 dom0_mem=64M" -initrd "$dom0,$initrd initrd"
    expect '^dom0: xenstored running' "xenstored started"
    expect '^dom0: shell ready' "dom0's shell"
    XL_MARK=0
}

type_line() {
    printf '%s\r' "$1" >&9
}

# xl_mark: a line only the shell's echo prints, so that what came before
# it has been printed too; sets XL_MARK_LINE to its line number.
xl_mark() {
    XL_MARK=$((XL_MARK + 1))
    type_line "echo mark-$XL_MARK"
    expect "^mark-$XL_MARK\$" "the shell answering (mark $XL_MARK)"
    XL_MARK_LINE=$LAST_LINE
}

# xl_free_pages: XL_FREE = xl info's free_pages.
xl_free_pages() {
    type_line 'xl info'
    expect '^free_pages +: [0-9]+$' "xl info's free_pages"
    XL_FREE=$(capture ': ([0-9]+)$')
}

# xl_expect_only_dom0 WHAT: xl list shows Domain-0 and nothing else.
xl_expect_only_dom0() {
    local header rows
    type_line 'xl list'
    expect '^Name +ID +Mem +VCPUs +State +Time\(s\)$' "xl list's header ($1)"
    header=$LAST_LINE
    xl_mark
    rows=$(sed -n "$((header + 1)),$((XL_MARK_LINE - 1))p" "$LOG" | grep -avE '^(dom0# )?(echo mark-|$)')
    [ "$(printf '%s\n' "$rows" | grep -acE '^Domain-0 +0 ')" = 1 ] &&
        [ "$(printf '%s\n' "$rows" | grep -c .)" = 1 ] ||
        fail "$1: xl list shows $(printf '%s' "$rows" | tr '\n' ';')"
}

# xl_settle: the shell has run everything typed so far.
xl_settle() {
    xl_mark
}

xl_poweroff() {
    type_line 'poweroff'
    expect '^dom0: powering off' "dom0 powering off"
    x86_expect_dom0_destroyed
    expect_exit 0
}

# xl_expect_since LINE REGEX WHAT: REGEX on a line after LINE, waiting for
# it if need be, wherever it falls among the lines already matched: a
# guest's console ring and xl's reaper are drained by separate pollers,
# so their lines come in either order.
xl_expect_since() {
    local keep=$LAST_LINE
    LAST_LINE=$1
    expect "$2" "$3"
    [ "$LAST_LINE" -ge "$keep" ] || LAST_LINE=$keep
}
