// router-sim: one Verilated irq_router behind a small C ABI (see wrapper.cpp
// for the extern "C" functions and src/ffi.rs for the Rust side).
//
// RsSim<M> is instantiated once per built configuration (M = the Verilated
// class V<prefix>); build.rs generates a one-line translation unit per
// configuration that calls rs_make<M>().
#ifndef ROUTER_SIM_RS_SIM_H
#define ROUTER_SIM_RS_SIM_H

#include "verilated.h"
#if VM_TRACE_FST
#include "verilated_fst_c.h"
typedef VerilatedFstC RsTrace;
#else
#include "verilated_vcd_c.h"
typedef VerilatedVcdC RsTrace;
#endif

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <stdexcept>
#include <string>

// Keep in sync with RawIn / RawOut in src/ffi.rs (both are plain C layouts).
struct RsIn {
    uint32_t src[4];  // src_i, little-endian 32-bit words, bits >= NSRC zero
    uint32_t awaddr;
    uint32_t wdata;
    uint32_t araddr;
    uint8_t rst_n;
    uint8_t awprot;
    uint8_t awvalid;
    uint8_t wstrb;
    uint8_t wvalid;
    uint8_t bready;
    uint8_t arprot;
    uint8_t arvalid;
    uint8_t rready;
    uint8_t pad[3];
};

struct RsOut {
    uint32_t rdata;
    uint8_t irq_oob;
    uint8_t irq_inb;
    uint8_t awready;
    uint8_t wready;
    uint8_t bvalid;
    uint8_t bresp;
    uint8_t arready;
    uint8_t rvalid;
    uint8_t rresp;
    uint8_t pad[3];
};

// Thrown by our vl_fatal (Verilator's would abort the process); caught at
// every C ABI entry point.
struct RsFatal : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class RsSimBase {
public:
    virtual ~RsSimBase() = default;

    // Present inputs, clk low -> eval -> clk high -> eval. 0 = ok, 1 = the
    // RTL reported an error (assertion, $error, $stop, $fatal, $finish):
    // the text is in error().
    int step(const RsIn& in, RsOut& out);
    void outputs(RsOut& out) { read(out); }
    // Called by construction code after the model exists.
    int start(const char* trace_path);
    void finish();

    const std::string& error() const { return m_error; }
    void clear_error();
    // Pauses or resumes dumping to the trace file (a window of interest of
    // a long run); a no-op when the model was created without a trace.
    void set_tracing(bool on) { m_tracing = on; }
    // Advances the free-running cycle counter (and simulation time) as n
    // idle edges would, without evaluating them. Only exact once the design
    // is settled: see RouterRtl::skip_idle.
    void skip_idle(uint64_t n) {
        advance_cycle(n);
        m_time += 10 * n;
    }

    // Hooks called (via a thread-local "current simulation") from
    // Verilator's console and error routines.
    void note_output(const char* text);
    void note_error(const std::string& text);

protected:
    // One-eval edge (see step()): clk high with the trigger's memory of clk
    // forced low. Only available when build.rs found the expected trigger.
    virtual bool can_arm_edge() const = 0;
    virtual void arm_edge() = 0;
    virtual void apply(const RsIn& in) = 0;
    virtual void read(RsOut& out) = 0;
    virtual void set_clk(uint8_t v) = 0;
    virtual void eval_model() = 0;
    virtual void trace_model(RsTrace* tfp) = 0;
    virtual void final_model() = 0;
    virtual void advance_cycle(uint64_t n) = 0;

    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<RsTrace> m_tfp;
    uint64_t m_time = 0;
    bool m_tracing = true;
    bool m_one_eval = false;
    bool m_error_flag = false;
    std::string m_recent;  // console output of the current step
    std::string m_error;

private:
    bool eval_checked();
    void compose_error();
};

// Makes `sim` the target of the console/error hooks while in scope.
class RsCurrent {
public:
    explicit RsCurrent(RsSimBase* sim);
    ~RsCurrent();

private:
    RsSimBase* m_prev;
};

template <class T>
static inline void rs_put_src(T& port, const uint32_t* w) {
    port = static_cast<T>(static_cast<uint64_t>(w[0]) | (static_cast<uint64_t>(w[1]) << 32));
}
template <std::size_t N>
static inline void rs_put_src(VlWide<N>& port, const uint32_t* w) {
    static_assert(N <= 4, "src_i wider than 128 bits");
    for (std::size_t i = 0; i < N; ++i) port[i] = w[i];
}

// The free-running cycle counter of irq_router.sv, advanced by n edges
// without evaluating them (RouterRtl::skip_idle). Interface 1.1 keeps it as
// two halves, cyc_lo_q and cyc_hi_q, with cyc_wrap_q = (cyc_lo_q is all
// ones) telling the high half to count at the next edge; the 1.0 RTL (the
// benchmark's reference build) as one register, cycle_q. A rename in the
// RTL fails this at build time.
template <class R, class = void>
struct RsOneCounter : std::false_type {};
template <class R>
struct RsOneCounter<R, std::void_t<decltype(std::declval<R&>().irq_router__DOT__cycle_q)>>
    : std::true_type {};

template <class R>
void rs_advance_cycle(R& r, uint64_t n) {
    if constexpr (RsOneCounter<R>::value) {
        r.irq_router__DOT__cycle_q += n;
    } else {
        uint64_t v = (uint64_t(r.irq_router__DOT__cyc_hi_q) << 32 | r.irq_router__DOT__cyc_lo_q) + n;
        r.irq_router__DOT__cyc_lo_q = uint32_t(v);
        r.irq_router__DOT__cyc_hi_q = uint32_t(v >> 32);
        r.irq_router__DOT__cyc_wrap_q = uint32_t(v) == 0xFFFFFFFFu;
    }
}

// Default edge arming: not available (two evals per edge).
struct RsNoArm {
    static constexpr bool ok = false;
    template <class M>
    static void arm(M&) {}
};

template <class M, class Arm = RsNoArm>
class RsSim final : public RsSimBase {
public:
    explicit RsSim(bool tracing) {
        m_ctx.reset(new VerilatedContext);
        // Verilator's runtime (scope registration, messages) goes through a
        // thread-local "current context": point it at ours before anything
        // else, here and at every entry point (wrapper.cpp).
        Verilated::threadContextp(m_ctx.get());
        m_ctx->fatalOnError(false);
        if (tracing) m_ctx->traceEverOn(true);  // before the model exists
        m_model.reset(new M(m_ctx.get(), "TOP"));
    }
    ~RsSim() override {
        RsCurrent cur(this);
        // The model's scopes unregister from the thread's current context:
        // it must be ours, not one of a model freed earlier (that deadlocks).
        Verilated::threadContextp(m_ctx.get());
        try {
            finish();
        } catch (...) {
        }
        m_model.reset();
        m_ctx.reset();
        // Leave no dangling "current context" behind on this thread.
        Verilated::threadContextp(nullptr);
    }

protected:
    void apply(const RsIn& in) override {
        M& m = *m_model;
        m.rst_n = in.rst_n;
        rs_put_src(m.src_i, in.src);
        m.s_axil_awaddr = in.awaddr;
        m.s_axil_awprot = in.awprot;
        m.s_axil_awvalid = in.awvalid;
        m.s_axil_wdata = in.wdata;
        m.s_axil_wstrb = in.wstrb;
        m.s_axil_wvalid = in.wvalid;
        m.s_axil_bready = in.bready;
        m.s_axil_araddr = in.araddr;
        m.s_axil_arprot = in.arprot;
        m.s_axil_arvalid = in.arvalid;
        m.s_axil_rready = in.rready;
    }
    void read(RsOut& out) override {
        const M& m = *m_model;
        out.irq_oob = m.irq_oob_o;
        out.irq_inb = m.irq_inb_o;
        out.awready = m.s_axil_awready;
        out.wready = m.s_axil_wready;
        out.bvalid = m.s_axil_bvalid;
        out.bresp = m.s_axil_bresp;
        out.arready = m.s_axil_arready;
        out.rvalid = m.s_axil_rvalid;
        out.rdata = m.s_axil_rdata;
        out.rresp = m.s_axil_rresp;
        out.pad[0] = out.pad[1] = out.pad[2] = 0;
    }
    bool can_arm_edge() const override { return Arm::ok; }
    void arm_edge() override { Arm::arm(*m_model); }
    void set_clk(uint8_t v) override { m_model->clk = v; }
    void eval_model() override { m_model->eval(); }
    void trace_model(RsTrace* tfp) override { m_model->trace(tfp, 99); }
    void final_model() override { m_model->final(); }
    void advance_cycle(uint64_t n) override { rs_advance_cycle(*m_model->rootp, n); }

private:
    std::unique_ptr<M> m_model;
};

// Shared by the generated per-configuration constructors.
RsSimBase* rs_make_finish(RsSimBase* sim, const char* trace_path, char* err, size_t errlen);
void rs_copy_error(const char* text, char* err, size_t errlen);

template <class M, class Arm = RsNoArm>
RsSimBase* rs_make(const char* trace_path, char* err, size_t errlen) {
    RsSim<M, Arm>* sim = nullptr;
    try {
        sim = new RsSim<M, Arm>(trace_path != nullptr);
    } catch (const std::exception& e) {
        rs_copy_error(e.what(), err, errlen);
        return nullptr;
    }
    return rs_make_finish(sim, trace_path, err, errlen);
}

#endif
