//! Third-party parsers (PDF, workbooks) run on untrusted bytes. Some can panic on a damaged
//! file; [`contain`] turns such a panic into an error for that one file, and keeps the default
//! panic message (meant for programmers) off the user's terminal.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `parse`; a panic inside it becomes `Err` with the panic's message.
pub fn contain<T>(parse: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CONTAINING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(parse));
    CONTAINING.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the parser failed".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        assert_eq!(contain(|| 3), Ok(3));
        let err = contain(|| -> u8 { panic!("rusak") }).unwrap_err();
        assert_eq!(err, "rusak");
    }
}
