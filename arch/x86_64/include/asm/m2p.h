/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_M2P_H
#define ASM_X86_M2P_H

/*
 * The machine-to-physical table: for every machine frame, the
 * pseudo-physical frame its PV owner knows it by (~0 if none).  Guests
 * read it directly, read-only, at RO_MPT_VIRT_START (L4 slot 256).
 */
#define M2P_INVALID (~0UL)

void m2p_init(void);
void m2p_set(unsigned long mfn, unsigned long pfn);
unsigned long m2p_get(unsigned long mfn);

#endif /* ASM_X86_M2P_H */
