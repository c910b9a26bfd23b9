//! future_size: a future is as big as what it keeps across its `.await`s, and no bigger.
//!
//! Five async fns that differ only in where a 1 KiB buffer lives: used after an `.await`, in scope
//! at it, dropped before it, boxed, or in a function with no `.await` at all. Nothing is polled: `size_of_val`
//! only measures the state machines the compiler made. The exact numbers depend on the compiler,
//! so the example prints how they compare.
//! Run: `cargo run --example future_size` (instant). Compare with `state_machine`.

use std::hint::black_box;
use std::mem::{size_of, size_of_val};
use std::time::Duration;

const KIB: usize = 1024;

// ANCHOR: futures
/// The buffer is used after the `.await`, so it is stored in the future.
async fn keeps_buffer() {
    let buffer = [1u8; KIB];
    tokio::time::sleep(Duration::from_millis(1)).await;
    black_box(&buffer);
}

/// The buffer is used only before the `.await`, but it is in scope until the end of the body:
/// the compiler keeps what is in scope at an `.await`, used later or not.
async fn in_scope_at_await() {
    let buffer = [1u8; KIB];
    black_box(&buffer);
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// The buffer's scope ends before the `.await`: it lives on the stack of one poll only.
async fn dropped_before_await() {
    {
        let buffer = [1u8; KIB];
        black_box(&buffer);
    }
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// The buffer is on the heap: the future keeps only the pointer.
async fn boxes_buffer() {
    let buffer = Box::new([1u8; KIB]);
    tokio::time::sleep(Duration::from_millis(1)).await;
    black_box(&buffer);
}

/// No `.await`: nothing has to survive a pause, so only the state is left.
async fn never_waits() {
    let buffer = [1u8; KIB];
    black_box(&buffer);
}
// ANCHOR_END: futures

fn compare(what: &str, size: usize, than: &str, other: usize) {
    let word = if size >= other {
        "at least"
    } else {
        "less than"
    };
    println!("{what:<34} {word} {than}");
}

// ANCHOR: main
fn main() {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    // Calling an async fn only builds its future, so these run none of the bodies.
    let keeps = size_of_val(&keeps_buffer());
    let in_scope = size_of_val(&in_scope_at_await());
    let dropped = size_of_val(&dropped_before_await());
    let boxes = size_of_val(&boxes_buffer());
    let never = size_of_val(&never_waits());
    let sleep = size_of::<tokio::time::Sleep>();

    compare("keeps the buffer across .await", keeps, "1 KiB", KIB);
    compare(
        "keeps it, versus the sleep alone",
        keeps,
        "a sleep + 1 KiB",
        sleep + KIB,
    );
    compare("in scope at .await, unused after", in_scope, "1 KiB", KIB);
    compare("dropped before .await", dropped, "1 KiB", KIB);
    compare(
        "dropped, versus the sleep alone",
        dropped,
        "a sleep + 64 bytes",
        sleep + 64,
    );
    compare("boxes the buffer", boxes, "1 KiB", KIB);
    compare("never waits", never, "8 bytes", 8);
}
// ANCHOR_END: main
