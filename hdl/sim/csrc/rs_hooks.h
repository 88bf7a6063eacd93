// Force-included (-include) into every C++ file of router-sim, Verilator's
// runtime included, so that Verilator's console output (VL_PRINTF, which
// $display, $error and failed assertions end in) goes through the wrapper:
// the wrapper echoes it to stdout and keeps it for the Rust panic message.
#ifndef ROUTER_SIM_RS_HOOKS_H
#define ROUTER_SIM_RS_HOOKS_H
#ifdef __cplusplus
int rs_vl_printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
#endif
