#include "runtime/scheduler.h"

#include <algorithm>
#include <deque>
#include <map>

namespace slipway::runtime {
namespace {

using std::chrono::milliseconds;

struct Slot {
  StepRecord record;
  StepHandle handle = 0;
  bool queued = false;
  bool running = false;
  bool timed_out = false;
  std::optional<Clock::time_point> deadline;
};

class Scheduler {
 public:
  Scheduler(const Plan& plan, Runner& runner, Reporter& reporter, const ValueScope& scope,
            const SchedulerOptions& options)
      : plan_(plan), runner_(runner), reporter_(reporter), scope_(scope), options_(options) {
    scope_.outputs = &outputs_;
    approved_ = options.approved_gates;
    for (const auto& ps : plan.steps) {
      Slot slot;
      slot.record.id = ps.step->id;
      slot.record.is_hook = ps.step->is_hook();
      slot.record.allow_failure = ps.step->allow_failure;
      slots_.push_back(std::move(slot));
    }
  }

  RunSummary run() {
    summary_.run_id = options_.run_id;
    summary_.started = Clock::now();
    reporter_.run_started(plan_, options_.run_id);
    while (true) {
      int interrupts = options_.interrupts ? options_.interrupts() : 0;
      if (interrupts >= 1 && !interrupted_) begin_interrupt();
      if (interrupts >= 2) {
        summary_.forced = true;
        for (size_t i = 0; i < slots_.size(); ++i)
          if (slots_[i].running) finalize(i, StepStatus::Cancelled, "interrupted (forced)");
        break;
      }
      size_t before;
      do {
        before = progress_;
        resolve();
        start_ready();
      } while (progress_ != before);
      if (running_count() == 0 && queue_.empty()) break;
      milliseconds wait = options_.tick;
      auto now = Clock::now();
      for (const auto& s : slots_)
        if (s.running && s.deadline && !s.timed_out)
          wait = std::min(wait, std::max(milliseconds(1), std::chrono::duration_cast<milliseconds>(*s.deadline - now)));
      for (auto& event : runner_.poll(wait)) handle(event);
      check_deadlines();
      std::vector<const StepRecord*> running;
      for (const auto& s : slots_)
        if (s.running) running.push_back(&s.record);
      reporter_.tick(running);
    }
    for (size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].record.status == StepStatus::Pending) finalize(i, StepStatus::Skipped, "never became ready");
    summary_.finished = Clock::now();
    for (const auto& s : slots_) summary_.steps.push_back(s.record);
    for (size_t i : critical_path(plan_, summary_.steps)) {
      summary_.critical_path.push_back(summary_.steps[i].id);
      summary_.critical_path_ms += summary_.steps[i].duration_ms();
    }
    summary_.interrupted = interrupted_;
    reporter_.run_finished(summary_);
    return summary_;
  }

 private:
  size_t running_count() const {
    return static_cast<size_t>(std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.running; }));
  }

  void finalize(size_t i, StepStatus status, const std::string& message, bool benign = false) {
    StepRecord& r = slots_[i].record;
    r.status = status;
    r.message = message;
    r.benign_skip = benign;
    if (slots_[i].running) {  // stopped without a Finished event (forced)
      r.finished = Clock::now();
      r.finished_wall = std::chrono::system_clock::now();
    }
    slots_[i].running = false;
    slots_[i].queued = false;
    if (!r.ran()) {
      r.started = r.finished = Clock::now();
      r.started_wall = r.finished_wall = std::chrono::system_clock::now();
    }
    ++progress_;
    reporter_.step_finished(r);
  }

  static bool terminal(StepStatus s) { return s != StepStatus::Pending && s != StepStatus::Running; }

  std::string dep_problem(const StepRecord& dep) const {
    switch (dep.status) {
      case StepStatus::Failed: return "`" + dep.id + "` failed";
      case StepStatus::TimedOut: return "`" + dep.id + "` timed out";
      case StepStatus::Skipped: return "`" + dep.id + "` was skipped";
      case StepStatus::Cancelled: return "`" + dep.id + "` was cancelled";
      default: return "`" + dep.id + "` did not run";
    }
  }

  /// Decides every pending step whose fate is known: skipped, cancelled,
  /// not run, or queued to start.
  void resolve() {
    for (size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (slot.record.status != StepStatus::Pending || slot.queued || slot.running) continue;
      const PlanStep& ps = plan_.steps[i];
      if (ps.skip_reason) {
        finalize(i, StepStatus::Skipped, *ps.skip_reason, true);
        continue;
      }
      if (interrupted_) {
        finalize(i, StepStatus::Cancelled, "interrupted");
        continue;
      }
      // A required dependency that already failed decides the step, even
      // while other dependencies still run.
      std::optional<std::string> problem;
      for (const auto& d : ps.deps) {
        const StepRecord& dep = slots_[d.step].record;
        if (d.needs_success && terminal(dep.status) && !dep.lets_dependents_run()) {
          problem = dep_problem(dep);
          break;
        }
      }
      if (problem && !ps.hook_parent) {
        finalize(i, StepStatus::Skipped, *problem);
        continue;
      }
      if (cancelling_ && !ps.step->is_hook()) {
        finalize(i, StepStatus::Cancelled, "cancelled after `" + *summary_.stopped_by + "` failed");
        continue;
      }
      bool waiting = std::any_of(ps.deps.begin(), ps.deps.end(),
                                 [&](const PlanDep& d) { return !terminal(slots_[d.step].record.status); });
      if (waiting) continue;
      if (ps.hook_parent) {
        const StepRecord& parent = slots_[*ps.hook_parent].record;
        bool on_failure = ps.step->hook_kind == ir::HookKind::OnFailure;
        bool trigger = on_failure ? parent.failed() : parent.ran();
        if (!trigger) {
          finalize(i, StepStatus::NotRun, on_failure ? "`" + parent.id + "` did not fail" : "`" + parent.id + "` did not run");
          continue;
        }
      }
      if (problem) {
        finalize(i, StepStatus::Skipped, *problem);
        continue;
      }
      slot.queued = true;
      queue_.push_back(i);
    }
  }

  bool approve(const PlanStep& ps, size_t i) {
    for (const ir::Gate* gate : ps.gates) {
      if (approved_.count(gate->name)) continue;
      if (options_.ask_gate && options_.ask_gate(*gate)) {
        approved_.insert(gate->name);
        continue;
      }
      finalize(i, StepStatus::Skipped,
               options_.ask_gate ? "not approved at manual gate `" + gate->name + "`"
                                 : "manual gate `" + gate->name + "` was not approved (pass --approve " + gate->name + ")");
      return false;
    }
    return true;
  }

  void start_ready() {
    size_t limit = std::max<size_t>(1, std::min(options_.jobs, runner_.capacity()));
    while (running_count() < limit && !queue_.empty()) {
      size_t i = queue_.front();
      queue_.pop_front();
      Slot& slot = slots_[i];
      slot.queued = false;
      const PlanStep& ps = plan_.steps[i];
      if ((cancelling_ && !ps.step->is_hook()) || interrupted_) {
        ++progress_;  // resolve() decides it in the next round
        continue;
      }
      if (!approve(ps, i)) continue;
      int attempt = slot.record.attempts + 1;
      auto spec = build_step_spec(*ps.step, attempt, scope_);
      auto now = Clock::now();
      if (attempt == 1) {
        slot.record.started = now;
        slot.record.started_wall = std::chrono::system_clock::now();
      }
      slot.record.attempts = attempt;
      if (!spec) {
        slot.record.finished = now;
        slot.record.finished_wall = std::chrono::system_clock::now();
        finalize(i, StepStatus::Failed, spec.error().message);
        after_failure(i);
        continue;
      }
      slot.record.status = StepStatus::Running;
      slot.running = true;
      slot.timed_out = false;
      slot.deadline.reset();
      if (ps.step->timeout_ms) slot.deadline = now + milliseconds(*ps.step->timeout_ms);
      reporter_.step_started(slot.record, attempt);
      slot.handle = runner_.start(spec.value());
      by_handle_[slot.handle] = i;
    }
  }

  void handle(RunnerEvent& event) {
    auto it = by_handle_.find(event.handle);
    if (it == by_handle_.end()) return;
    size_t i = it->second;
    if (event.kind == RunnerEvent::Kind::Log) {
      reporter_.step_log(slots_[i].record, event.stream, event.line);
      return;
    }
    by_handle_.erase(it);
    finish_attempt(i, event.outcome);
  }

  void finish_attempt(size_t i, const StepOutcome& outcome) {
    Slot& slot = slots_[i];
    StepRecord& r = slot.record;
    const ir::Step& step = *plan_.steps[i].step;
    slot.running = false;
    r.finished = Clock::now();
    r.finished_wall = std::chrono::system_clock::now();
    r.exit_code.reset();
    StepStatus status = StepStatus::Succeeded;
    std::string message;
    bool retryable = false;
    switch (outcome.status) {
      case StepOutcome::Status::Exited:
        r.exit_code = outcome.exit_code;
        if (outcome.exit_code != 0) {
          status = StepStatus::Failed;
          message = "exited with code " + std::to_string(outcome.exit_code);
          retryable = true;
          break;
        }
        {
          auto values = parse_outputs_file(outcome.outputs_written ? outcome.outputs_text : "");
          if (!values) {
            status = StepStatus::Failed;
            message = values.error().message;
            break;
          }
          if (auto checked = check_outputs(values.value(), step.outputs); !checked) {
            status = StepStatus::Failed;
            message = checked.error().message;
            break;
          }
          OutputValues declared;
          for (const auto& d : step.outputs) declared[d.name] = values.value()[d.name];
          r.outputs = declared;
          outputs_[r.id] = std::move(declared);
        }
        break;
      case StepOutcome::Status::Aborted:
        if (slot.timed_out) {
          status = StepStatus::TimedOut;
          message = "timed out after " + format_duration(step.timeout_ms.value_or(0));
          retryable = true;
        } else {
          status = StepStatus::Cancelled;
          message = interrupted_ ? "interrupted" : "cancelled after `" + summary_.stopped_by.value_or("?") + "` failed";
        }
        break;
      case StepOutcome::Status::Error:
        status = StepStatus::Failed;
        message = outcome.message;
        break;
    }
    bool stopping = interrupted_ || (cancelling_ && !step.is_hook());
    if (retryable && r.attempts <= step.retry && !stopping) {
      reporter_.notice("`" + r.id + "` " + (status == StepStatus::TimedOut ? message : "failed (" + message + ")") +
                       "; retrying: attempt " + std::to_string(r.attempts + 1) + " of " +
                       std::to_string(step.retry + 1));
      r.status = StepStatus::Pending;
      slot.queued = true;
      queue_.push_front(i);
      ++progress_;
      return;
    }
    finalize(i, status, message);
    if (r.failed()) after_failure(i);
  }

  /// Fail-fast: the first required failure cancels everything else.
  void after_failure(size_t i) {
    const StepRecord& r = slots_[i].record;
    if (r.allow_failure || options_.keep_going || cancelling_ || interrupted_) return;
    cancelling_ = true;
    summary_.stopped_by = r.id;
    // Steps downstream of the failure are skipped, not cancelled: count the rest.
    std::vector<bool> downstream(slots_.size(), false);
    downstream[i] = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t j = 0; j < slots_.size(); ++j)
        if (!downstream[j])
          for (const auto& d : plan_.steps[j].deps)
            if (d.needs_success && downstream[d.step]) {
              downstream[j] = grew = true;
              break;
            }
    }
    size_t running = 0, pending = 0;
    for (size_t j = 0; j < slots_.size(); ++j) {
      if (plan_.steps[j].step->is_hook() || downstream[j]) continue;
      if (slots_[j].running) ++running;
      else if (slots_[j].record.status == StepStatus::Pending && !plan_.steps[j].skip_reason) ++pending;
    }
    if (running + pending > 0)
      reporter_.notice("stopping: `" + r.id + "` failed; cancelling " + std::to_string(running) + " running and " +
                       std::to_string(pending) + " pending step" + (running + pending == 1 ? "" : "s") +
                       " (--keep-going lets independent steps finish)");
    for (size_t j = 0; j < slots_.size(); ++j)
      if (slots_[j].running && !plan_.steps[j].step->is_hook()) runner_.abort(slots_[j].handle);
  }

  void begin_interrupt() {
    interrupted_ = true;
    size_t running = running_count();
    reporter_.notice("interrupted: stopping " + std::to_string(running) + " running step" + (running == 1 ? "" : "s") +
                     " and cleaning up (press Ctrl-C again to force)");
    for (auto& s : slots_)
      if (s.running) runner_.abort(s.handle);
    for (size_t i : queue_) slots_[i].queued = false;
    queue_.clear();
  }

  void check_deadlines() {
    auto now = Clock::now();
    for (auto& s : slots_)
      if (s.running && s.deadline && !s.timed_out && now >= *s.deadline) {
        s.timed_out = true;
        runner_.abort(s.handle);
      }
  }

  const Plan& plan_;
  Runner& runner_;
  Reporter& reporter_;
  ValueScope scope_;
  const SchedulerOptions& options_;
  std::vector<Slot> slots_;
  std::deque<size_t> queue_;
  std::map<StepHandle, size_t> by_handle_;
  std::map<std::string, OutputValues> outputs_;
  std::set<std::string> approved_;
  RunSummary summary_;
  bool cancelling_ = false;
  bool interrupted_ = false;
  size_t progress_ = 0;
};

}  // namespace

RunSummary run_plan(const Plan& plan, Runner& runner, Reporter& reporter, const ValueScope& scope,
                    const SchedulerOptions& options) {
  return Scheduler(plan, runner, reporter, scope, options).run();
}

std::vector<size_t> critical_path(const Plan& plan, const std::vector<StepRecord>& records) {
  std::optional<size_t> last;
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i].ran() && (!last || records[i].finished > records[*last].finished)) last = i;
  std::vector<size_t> path;
  while (last) {
    path.push_back(*last);
    std::optional<size_t> previous;
    for (const auto& d : plan.steps[*last].deps) {
      const StepRecord& dep = records[d.step];
      if (!dep.ran() || dep.finished > records[*last].started) continue;
      if (!previous || dep.finished > records[*previous].finished) previous = d.step;
    }
    last = previous;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace slipway::runtime
