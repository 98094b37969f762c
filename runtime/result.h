#pragma once
// A value-or-error result for the runtime. Every fallible call returns one
// and is [[nodiscard]], so an error cannot be dropped silently.

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace slipway::runtime {

/// Marks the error alternative when constructing a Result, so a Result whose
/// value and error have the same type stays unambiguous.
template <typename E>
struct Failure {
  E error;
};
template <typename E>
Failure<std::decay_t<E>> fail(E&& error) {
  return Failure<std::decay_t<E>>{std::forward<E>(error)};
}

/// The value of a call that only succeeds or fails.
struct Ok {};

/// Either a T or an E. Test with ok() (or as a bool) before value().
template <typename T, typename E>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  template <typename F>
  Result(Failure<F> failure) : state_(std::in_place_index<1>, E(std::move(failure.error))) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

/// A plain runtime error: one lowercase line, no final period (rustc style).
struct RunError {
  std::string message;
  std::string help;  ///< optional advice, printed as `help: ...`
};

}  // namespace slipway::runtime
