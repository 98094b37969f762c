#include "runtime/interrupts.h"

#include <csignal>

#include <atomic>

namespace slipway::runtime {
namespace {

std::atomic<int> g_count{0};
struct sigaction g_old_int, g_old_term;

void on_signal(int) { g_count.fetch_add(1); }

}  // namespace

InterruptCounter::InterruptCounter() {
  g_count = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, &g_old_int);
  sigaction(SIGTERM, &action, &g_old_term);
}

InterruptCounter::~InterruptCounter() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

int InterruptCounter::count() { return g_count.load(); }

}  // namespace slipway::runtime
