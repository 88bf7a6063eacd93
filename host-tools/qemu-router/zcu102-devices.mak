# Devices of the QEMU built by scripts/build-qemu.sh: the xlnx-zcu102 machine
# only (configure --without-default-devices --with-devices-aarch64=this).
# QEMU 7.2's Kconfig under-selects for this board; each extra line below was
# needed to configure, link or boot (TOOLCHAIN.md, "QEMU built from
# Debian's source").
CONFIG_XLNX_ZYNQMP_ARM=y
CONFIG_ARM_V7M=y
CONFIG_SEMIHOSTING=y
CONFIG_ARM_COMPATIBLE_SEMIHOSTING=y
CONFIG_OR_IRQ=y
CONFIG_USB=y
CONFIG_USB_DWC3=y
CONFIG_UNIMP=y
