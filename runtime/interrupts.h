#pragma once
// SIGINT/SIGTERM during a run: the first asks for a graceful stop (abort
// steps, clean up), the second forces (clean up without waiting).

namespace slipway::runtime {

/// Installs the handlers for its lifetime and restores the old ones after.
class InterruptCounter {
 public:
  InterruptCounter();
  ~InterruptCounter();
  InterruptCounter(const InterruptCounter&) = delete;
  InterruptCounter& operator=(const InterruptCounter&) = delete;

  /// Signals received since construction.
  static int count();
};

}  // namespace slipway::runtime
