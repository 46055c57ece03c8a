//! The one Rhai engine every scenario runs in: configured once, sandboxed,
//! and immutable afterwards.
//!
//! Scripts get the core language and Rehearse's own functions, nothing else:
//! no file, network or clock access, no `import`, no `eval`, no printing.
//! Every call into a script is bounded by operation, depth and size limits
//! and by a wall-clock deadline, so a hostile or buggy script ends with an
//! error naming the limit while the host and other scenarios carry on.

use crate::scenario::script_api;
use rhai::packages::{Package, StandardPackage};
use rhai::{Engine, EvalAltResult, ParseError, ParseErrorType};
use std::cell::Cell;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Operations one call into a script may perform.
pub const MAX_OPERATIONS: u64 = 1_000_000;
/// Nested function calls.
pub const MAX_CALL_LEVELS: usize = 32;
/// Nesting of expressions (and of expressions inside functions).
pub const MAX_EXPR_DEPTH: usize = 64;
/// Bytes in one string.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Items in one array.
pub const MAX_ARRAY_ITEMS: usize = 4_096;
/// Entries in one object map.
pub const MAX_MAP_ENTRIES: usize = 1_024;
/// Wall-clock time one call into a script may take.
pub const DEADLINE: Duration = Duration::from_millis(500);
/// Operations all the calls of one turn (rules, routes, `next`, the next
/// line) may perform together.
pub const TURN_OPERATIONS: u64 = 2_000_000;
/// Wall-clock time all the calls of one turn may take together.
pub const TURN_DEADLINE: Duration = Duration::from_millis(3_000);
/// How often (in operations) the clocks are read.
const CLOCK_EVERY: u64 = 64;

/// Why a script was stopped by Rehearse itself (the termination token).
const STOP_CALL_TIME: &str = "call deadline";
const STOP_TURN_TIME: &str = "turn deadline";
const STOP_TURN_OPS: &str = "turn operations";

/// Keywords switched off in scenario scripts.
const DISABLED: [&str; 3] = ["eval", "import", "export"];

/// The budget one turn shares among all its calls into the script.
#[derive(Clone, Copy)]
struct TurnBudget {
    deadline: Instant,
    operations_used: u64,
}

thread_local! {
    static DEADLINE_AT: Cell<Option<Instant>> = const { Cell::new(None) };
    static TURN: Cell<Option<TurnBudget>> = const { Cell::new(None) };
    static CALL_OPS: Cell<u64> = const { Cell::new(0) };
}

/// The shared, immutable scenario engine.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(build_engine)
}

fn build_engine() -> Engine {
    let mut engine = Engine::new_raw();
    engine.register_global_module(StandardPackage::new().as_shared_module());
    engine
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(MAX_EXPR_DEPTH, MAX_EXPR_DEPTH)
        .set_max_string_size(MAX_STRING_BYTES)
        .set_max_array_size(MAX_ARRAY_ITEMS)
        .set_max_map_size(MAX_MAP_ENTRIES)
        .set_max_variables(2_048)
        .set_max_functions(512)
        .set_max_modules(0)
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true);
    for symbol in DISABLED {
        engine.disable_symbol(symbol);
    }
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});
    engine.on_progress(|ops| {
        CALL_OPS.with(|c| c.set(ops));
        let turn = TURN.with(Cell::get);
        if let Some(t) = turn {
            if t.operations_used + ops > TURN_OPERATIONS {
                return Some(STOP_TURN_OPS.into());
            }
        }
        if ops % CLOCK_EVERY != 0 {
            return None;
        }
        let now = Instant::now();
        if turn.is_some_and(|t| now >= t.deadline) {
            return Some(STOP_TURN_TIME.into());
        }
        let expired = DEADLINE_AT.with(|d| d.get().is_some_and(|at| now >= at));
        expired.then(|| STOP_CALL_TIME.into())
    });
    script_api::register(&mut engine);
    engine
}

/// Runs `f` (which calls into a script) under the wall-clock deadline; inside
/// [`per_turn`] its operations also count against the turn's budget.
pub fn with_deadline<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(Option<Instant>, u64);
    impl Drop for Reset {
        fn drop(&mut self) {
            let used = CALL_OPS.with(|c| c.replace(self.1));
            TURN.with(|t| {
                if let Some(mut b) = t.get() {
                    b.operations_used += used;
                    t.set(Some(b));
                }
            });
            DEADLINE_AT.with(|d| d.set(self.0));
        }
    }
    let previous = DEADLINE_AT.with(|d| d.replace(Some(Instant::now() + DEADLINE)));
    let outer_ops = CALL_OPS.with(|c| c.replace(0));
    let _reset = Reset(previous, outer_ops);
    f()
}

/// Runs one turn's work under one shared budget: every call it makes into
/// the script (rules, routes, `next`, the lines it renders) draws on the
/// same [`TURN_OPERATIONS`] and [`TURN_DEADLINE`], so a turn that runs a
/// thousand rules cannot take a thousand deadlines.
pub fn per_turn<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(Option<TurnBudget>);
    impl Drop for Reset {
        fn drop(&mut self) {
            TURN.with(|t| t.set(self.0));
        }
    }
    let budget = TurnBudget {
        deadline: Instant::now() + TURN_DEADLINE,
        operations_used: 0,
    };
    // A turn inside a turn (replay inside a command) keeps the outer budget.
    let previous = TURN.with(|t| {
        let old = t.get();
        t.set(Some(old.unwrap_or(budget)));
        old
    });
    let _reset = Reset(previous);
    f()
}

/// A plain-words description of a script error, naming the limit when one was hit.
pub fn describe(err: &EvalAltResult) -> String {
    match err {
        EvalAltResult::ErrorTooManyOperations(_) => format!(
            "the script ran too long and was stopped (operation limit of {MAX_OPERATIONS} reached)"
        ),
        EvalAltResult::ErrorTerminated(token, _) => match token.clone().into_string().as_deref() {
            Ok(STOP_TURN_OPS) => format!(
                "the turn's scripts ran too long together and were stopped (the turn's operation limit of {TURN_OPERATIONS} reached)"
            ),
            Ok(STOP_TURN_TIME) => format!(
                "the turn's scripts were stopped by the turn's time limit of {} ms",
                TURN_DEADLINE.as_millis()
            ),
            _ => format!(
                "the script was stopped by its time limit of {} ms",
                DEADLINE.as_millis()
            ),
        },
        EvalAltResult::ErrorStackOverflow(_) => format!(
            "function calls nested too deeply and were stopped (call-depth limit of {MAX_CALL_LEVELS})"
        ),
        EvalAltResult::ErrorDataTooLarge(what, _) => format!(
            "{what} grew too large and was stopped (limits: strings {} KiB, arrays {MAX_ARRAY_ITEMS} items, maps {MAX_MAP_ENTRIES} entries)",
            MAX_STRING_BYTES / 1024
        ),
        EvalAltResult::ErrorFunctionNotFound(sig, _) => format!(
            "unknown function {sig}; scenarios can use the Rhai language and Rehearse's functions only (no files, network or clock)"
        ),
        EvalAltResult::ErrorModuleNotFound(name, _) => {
            format!("modules cannot be imported in a scenario (tried \"{name}\")")
        }
        EvalAltResult::ErrorInFunctionCall(name, _, inner, _) if !name.starts_with("anon$") => {
            format!("in function {name}: {}", describe(inner))
        }
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => describe(inner),
        other => {
            let text = other.to_string();
            // Rhai appends " (line L, position C)"; locations are reported separately.
            match text.rfind(" (line ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// A plain-words description of a parse error.
pub fn describe_parse(err: &ParseError) -> String {
    if let ParseErrorType::ExprTooDeep = err.err_type() {
        return format!("expressions are nested too deeply (limit of {MAX_EXPR_DEPTH} levels)");
    }
    let text = err.err_type().to_string();
    for word in DISABLED {
        if text.contains(&format!("'{word}'")) {
            return format!(
                "`{word}` is not allowed in scenarios: scripts cannot load or evaluate other code"
            );
        }
    }
    text
}

/// The innermost position of a script error (where in the script it happened).
pub fn error_position(err: &EvalAltResult) -> rhai::Position {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, pos) => {
            let p = error_position(inner);
            if p.is_none() {
                *pos
            } else {
                p
            }
        }
        other => other.position(),
    }
}
