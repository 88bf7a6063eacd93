// router-sim: the C ABI around RsSim<M> (rs_sim.h) and the replacements of
// Verilator's console/error routines.
//
// Verilator's own vl_stop/vl_fatal/vl_finish abort or exit the process; we
// compile verilated.cpp with VL_USER_STOP/VL_USER_FATAL/VL_USER_FINISH and
// define them here so that an assertion, $error, $stop, $fatal or $finish in
// the RTL becomes an error code that the Rust side turns into a panic.
#include "rs_sim.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {
thread_local RsSimBase* t_current = nullptr;
const size_t kMaxRecent = 16 * 1024;  // console text kept per step
}  // namespace

RsCurrent::RsCurrent(RsSimBase* sim) : m_prev(t_current) { t_current = sim; }
RsCurrent::~RsCurrent() { t_current = m_prev; }

int rs_vl_printf(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    std::string text;
    if (n >= 0 && static_cast<size_t>(n) < sizeof small) {
        text.assign(small, static_cast<size_t>(n));
    } else if (n >= 0) {
        std::vector<char> big(static_cast<size_t>(n) + 1);
        vsnprintf(big.data(), big.size(), fmt, ap2);
        text.assign(big.data(), static_cast<size_t>(n));
    }
    va_end(ap2);
    fputs(text.c_str(), stdout);
    fflush(stdout);
    if (t_current) t_current->note_output(text.c_str());
    return n;
}

static std::string rs_where(const char* filename, int linenum) {
    std::string s;
    if (filename && filename[0]) {
        s += filename;
        s += ":";
        s += std::to_string(linenum);
        s += ": ";
    }
    return s;
}

void vl_stop(const char* filename, int linenum, const char* hier) {
    (void)hier;
    const std::string msg = rs_where(filename, linenum) + "Verilog $stop (or failed assertion / $error)";
    Verilated::threadContextp()->gotError(true);
    if (t_current) {
        t_current->note_error(msg);
    } else {
        fprintf(stderr, "%%Error: %s\n", msg.c_str());
    }
}

void vl_finish(const char* filename, int linenum, const char* hier) {
    (void)hier;
    // The router has no business calling $finish: report it like an error
    // instead of letting Verilator exit(0) the test process.
    const std::string msg = rs_where(filename, linenum) + "Verilog $finish";
    Verilated::threadContextp()->gotFinish(true);
    Verilated::threadContextp()->gotError(true);
    if (t_current) {
        t_current->note_error(msg);
    } else {
        fprintf(stderr, "%%Error: %s\n", msg.c_str());
    }
}

void vl_fatal(const char* filename, int linenum, const char* hier, const char* msg) {
    (void)hier;
    const std::string text = rs_where(filename, linenum) + (msg ? msg : "fatal error");
    Verilated::threadContextp()->gotError(true);
    throw RsFatal(text);
}

// ---------------------------------------------------------------------------

void RsSimBase::note_output(const char* text) {
    if (m_recent.size() < kMaxRecent) m_recent += text;
}

void RsSimBase::note_error(const std::string& text) {
    m_error_flag = true;
    if (!m_error.empty()) m_error += "\n";
    m_error += text;
}

void RsSimBase::clear_error() {
    m_error.clear();
    m_error_flag = false;
    m_ctx->gotError(false);
    m_ctx->gotFinish(false);
}

// Completes m_error with what the RTL printed during this step (the
// assertion text comes before Verilator's call to vl_stop).
void RsSimBase::compose_error() {
    std::string full = m_recent;
    if (!full.empty() && full.back() != '\n') full += "\n";
    full += m_error.empty() ? std::string("Verilated model reported an error") : m_error;
    m_error = full;
    m_error_flag = true;
}

bool RsSimBase::eval_checked() {
    m_ctx->time(m_time);
    eval_model();
    if (m_tfp && m_tracing) m_tfp->dump(m_time);
    if (m_error_flag || m_ctx->gotError()) {
        compose_error();
        return false;
    }
    return true;
}

int RsSimBase::step(const RsIn& in, RsOut& out) {
    if (m_error_flag) return 1;
    RsCurrent cur(this);
    if (Verilated::threadContextp() != m_ctx.get()) Verilated::threadContextp(m_ctx.get());
    m_recent.clear();
    try {
        apply(in);
        if (!m_tfp && m_one_eval) {
            // Not tracing: one eval per edge. Verilator 5.006 evaluates the
            // input-driven logic ("ico") at every eval and detects the edge
            // as clk & !clk_at_last_eval; with clk held high and that memory
            // forced low, one eval does both, as two would (the design only
            // uses posedge clk, which build.rs checked). ~20% faster, as the
            // input-driven logic is a big share of this design.
            set_clk(1);
            arm_edge();
            m_time += 5;
            if (!eval_checked()) return 1;
            m_time += 5;
        } else {
            // Inputs change while clk is low; the rising edge is at +5.
            set_clk(0);
            if (!eval_checked()) return 1;
            m_time += 5;
            set_clk(1);
            if (!eval_checked()) return 1;
            m_time += 5;
        }
    } catch (const RsFatal& e) {
        note_error(e.what());
        compose_error();
        return 1;
    }
    read(out);
    return 0;
}

int RsSimBase::start(const char* trace_path) {
    RsCurrent cur(this);
    const char* two = std::getenv("ROUTER_SIM_TWO_EVALS");
    m_one_eval = can_arm_edge() && !(two && two[0] && two[0] != '0');
    Verilated::threadContextp(m_ctx.get());
    try {
        RsIn idle;
        std::memset(&idle, 0, sizeof idle);
        apply(idle);  // rst_n = 0, everything idle
        set_clk(0);
        if (trace_path) {
            m_tfp.reset(new RsTrace);
            trace_model(m_tfp.get());
            m_tfp->open(trace_path);
            if (!m_tfp->isOpen()) {
                note_error(std::string("cannot open trace file ") + trace_path);
                return 1;
            }
        }
        if (!eval_checked()) return 1;  // dumps the initial state at t = 0
        m_time = 10;                     // edge k (k = 1, 2, ...) at 10k + 5
    } catch (const RsFatal& e) {
        note_error(e.what());
        return 1;
    }
    return 0;
}

void RsSimBase::finish() {
    if (m_tfp) {
        final_model();
        m_tfp->close();
        m_tfp.reset();
    } else {
        final_model();
    }
}

void rs_copy_error(const char* text, char* err, size_t errlen) {
    if (!err || errlen == 0) return;
    std::strncpy(err, text, errlen - 1);
    err[errlen - 1] = '\0';
}

RsSimBase* rs_make_finish(RsSimBase* sim, const char* trace_path, char* err, size_t errlen) {
    if (sim->start(trace_path) != 0) {
        rs_copy_error(sim->error().c_str(), err, errlen);
        delete sim;
        return nullptr;
    }
    return sim;
}

// ---------------------------------------------------------------------------
// C ABI (src/ffi.rs)

extern "C" {

int rs_step(RsSimBase* sim, const RsIn* in, RsOut* out) { return sim->step(*in, *out); }

void rs_outputs(RsSimBase* sim, RsOut* out) { sim->outputs(*out); }

// The text of the last error (empty if none); valid until the next call.
const char* rs_error(RsSimBase* sim) { return sim->error().c_str(); }

void rs_clear_error(RsSimBase* sim) { sim->clear_error(); }
void rs_set_tracing(RsSimBase* sim, int on) { sim->set_tracing(on != 0); }
void rs_skip_idle(RsSimBase* sim, uint64_t n) { sim->skip_idle(n); }

void rs_free(RsSimBase* sim) { delete sim; }

size_t rs_in_size(void) { return sizeof(RsIn); }
size_t rs_out_size(void) { return sizeof(RsOut); }
}
