//! pitfall_block_on_bug: calling `block_on` from inside a runtime panics: "Cannot start a runtime
//! from within a runtime".
//!
//! `fetch_price` is async (it waits 1 s for a price service). `fetch_price_blocking` wraps it for
//! synchronous callers: it starts a runtime and blocks on the future. Async `main` calls the
//! wrapper. This example catches the panic and prints its message, so you can read it without a
//! backtrace.
//! Run: `cargo run --example pitfall_block_on_bug` (at once). Compare with `pitfall_block_on_fix`
//! and `pitfall_block_on_fix_spawn_blocking`.

use std::panic;
use std::time::Duration;

use workbook::{say, summary, waiting_for};

/// An async function, such as one from an async client library.
async fn fetch_price(item: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(1000)).await;
    item.len() as u32 * 100
}

/// A synchronous wrapper for synchronous code: it starts a runtime of its own and blocks this
/// thread until the future is done.
fn fetch_price_blocking(item: &str) -> u32 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime can be built");
    runtime.block_on(fetch_price(item))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let bar = waiting_for("tea");
    say("asking for the price of tea");
    // Not part of the pitfall: catch the panic and print only its message, not a backtrace.
    panic::set_hook(Box::new(|_| {}));
    match panic::catch_unwind(|| fetch_price_blocking("tea")) {
        Ok(price) => say(format!("tea costs {price} cents")),
        Err(panic) => {
            say("panicked:");
            print_wrapped(panic_message(&panic));
        }
    }
    bar.end();
    summary();
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> &str {
    if let Some(message) = panic.downcast_ref::<&str>() {
        message
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message
    } else {
        "(a panic without a message)"
    }
}

/// Prints `text` in lines of at most 72 columns, indented.
fn print_wrapped(text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 72 {
            println!("    {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        println!("    {line}");
    }
}
