/* SPDX-License-Identifier: MIT */
/*
 * Interface version and a few helper macros shared by every public header.
 *
 * Xen lets a guest ask for an older interface by defining
 * __XEN_INTERFACE_VERSION__ before including these headers.  Xenia's
 * headers describe one interface only, the current one: a guest that
 * defines nothing gets it, a guest that asks for an older one still gets
 * the current definitions (the binary layouts did not change; only a few
 * legacy aliases are missing), and asking for a newer one is an error.
 */
#ifndef __XEN_PUBLIC_XEN_COMPAT_H__
#define __XEN_PUBLIC_XEN_COMPAT_H__

/* The newest interface these headers implement (Xen 4.19 numbering). */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00041300

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif

#if __XEN_INTERFACE_VERSION__ > __XEN_LATEST_INTERFACE_VERSION__
#error "interface version newer than these headers"
#endif

/*
 * XEN_PUBLIC_HYPERVISOR_VIEW marks code of the hypervisor itself, which
 * names a few things differently (see struct cpu_user_regs in
 * arch-x86/xen-x86_64.h).  The hypervisor build defines __XENIA__; the
 * host unit tests compile the same sources without it, but every
 * hypervisor source gets include/xenia/compiler.h force-included first,
 * so its include guard marks them too.
 */
#if defined(__XENIA__) || defined(XENIA_COMPILER_H)
#define XEN_PUBLIC_HYPERVISOR_VIEW 1
#endif

/*
 * Typed constants that also work from assembly, where C suffixes such as
 * UL are a syntax error.
 */
#ifdef __ASSEMBLER__
#define xen_mk_uint(x)   x
#define xen_mk_ulong(x)  x
#define xen_mk_ullong(x) x
#else
#define __xen_mk_suffix(x, s) x##s
#define xen_mk_uint(x)        __xen_mk_suffix(x, U)
#define xen_mk_ulong(x)       __xen_mk_suffix(x, UL)
#define xen_mk_ullong(x)      __xen_mk_suffix(x, ULL)
#endif

/*
 * Dimension for a trailing variable-length array: empty in C99 and later,
 * zero for GNU C++ (an accepted extension), one anywhere else.
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM
#elif defined(__GNUC__)
#define XEN_FLEX_ARRAY_DIM 0
#else
#define XEN_FLEX_ARRAY_DIM 1
#endif

#endif /* __XEN_PUBLIC_XEN_COMPAT_H__ */
