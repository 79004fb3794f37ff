/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEMPORARY: the one scheduler call event channels make, until the
 * scheduler (common/sched/) is merged; delete this file then.
 */
#include <xenia/sched.h>

/*
 * Every vCPU that exists runs on its own CPU, all the time: an event made
 * pending for the one running here is delivered on its way back to the
 * guest (pv_exit_to_guest), and there is no blocked vCPU to wake.
 */
void vcpu_kick(struct vcpu *v)
{
}
