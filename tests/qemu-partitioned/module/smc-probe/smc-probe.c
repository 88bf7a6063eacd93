// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for partitioned mode: issues SMCs the EL3 monitor must
 * refuse or answer per PSCI/SMCCC, and prints each result as
 * "SMC-PROBE: <name> <x0 as a signed long>". Loading it must leave the
 * oob core running (the test checks that afterwards through the channel).
 */
#include <linux/arm-smccc.h>
#include <linux/module.h>

#define PSCI_FEATURES		0x8400000a
#define PSCI_CPU_SUSPEND	0x84000001
#define PSCI_CPU_ON64		0xc4000003
#define PSCI_AFFINITY_INFO64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006

static unsigned long probe_entry = 0x200000;
module_param(probe_entry, ulong, 0444);
MODULE_PARM_DESC(probe_entry, "a valid Linux entry point (the kernel's load address)");
static unsigned long secure_addr = 0x78100000;
module_param(secure_addr, ulong, 0444);
MODULE_PARM_DESC(secure_addr, "an address in the Secure carve-out");

static long smc(unsigned long fid, unsigned long a1, unsigned long a2,
		unsigned long a3)
{
	struct arm_smccc_res res;

	arm_smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0, &res);
	return (long)res.a0;
}

/* An SMC with a non-zero immediate, which SMCCC callers never use. */
static long smc_imm1(unsigned long fid)
{
	register unsigned long x0 asm("x0") = fid;

	asm volatile("smc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return (long)x0;
}

#define SAY(name, v) pr_info("SMC-PROBE: %s %ld\n", name, (long)(v))

static int __init smc_probe_init(void)
{
	SAY("unknown-psci-fn", smc(0x840000ff, 0, 0, 0));
	SAY("zynqmp-sip-pm-get-api-version", smc(0xc2000001, 0, 0, 0));
	SAY("yielding-call", smc(0x01000000, 0, 0, 0));
	SAY("vendor-hyp-service", smc(0xc6000000, 0, 0, 0));
	SAY("arch-smccc-version", smc(0x80000000, 0, 0, 0));
	SAY("features-unknown", smc(PSCI_FEATURES, 0x840000ff, 0, 0));
	SAY("features-cpu-on64", smc(PSCI_FEATURES, PSCI_CPU_ON64, 0, 0));
	SAY("features-smccc-version", smc(PSCI_FEATURES, 0x80000000, 0, 0));
	SAY("cpu-on-oob-cpu", smc(PSCI_CPU_ON64, 0, probe_entry, 0));
	SAY("cpu-on-secure-entry", smc(PSCI_CPU_ON64, 1, secure_addr, 0));
	SAY("cpu-on-no-such-cpu", smc(PSCI_CPU_ON64, 7, probe_entry, 0));
	SAY("cpu-on-cluster-1", smc(PSCI_CPU_ON64, 0x101, probe_entry, 0));
	SAY("cpu-on-running-cpu", smc(PSCI_CPU_ON64, 1, probe_entry, 0));
	SAY("affinity-oob-cpu", smc(PSCI_AFFINITY_INFO64, 0, 0, 0));
	SAY("affinity-cpu1", smc(PSCI_AFFINITY_INFO64, 1, 0, 0));
	SAY("affinity-level-1", smc(PSCI_AFFINITY_INFO64, 1, 1, 0));
	SAY("migrate-info-type", smc(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0));
	SAY("cpu-suspend-powerdown", smc(PSCI_CPU_SUSPEND, 1 << 16, 0, 0));
	SAY("smc-imm-1", smc_imm1(0x84000000));
	SAY("all-ones", smc(~0UL, ~0UL, ~0UL, ~0UL));
	pr_info("SMC-PROBE: done\n");
	return 0;
}

static void __exit smc_probe_exit(void)
{
}

module_init(smc_probe_init);
module_exit(smc_probe_exit);
MODULE_DESCRIPTION("Issues refused and unknown SMCs at the EL3 monitor (test)");
MODULE_LICENSE("GPL");
