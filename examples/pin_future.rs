//! pin_future: a future that borrows its own local across an `.await` must stay where it is once
//! polled; `pin!` and `Box::pin` keep it in place, and an `Unpin` future needs neither.
//!
//! `first_letter` keeps a word and a reference into it across a 0.5 s sleep. It is moved freely
//! before its first poll, pinned and polled once by hand, then awaited. A boxed one is moved around
//! after a poll: only the box moves. Last, `std::future::ready` is `Unpin` and is polled unpinned.
//! Run: `cargo run --example pin_future` (about 1 s).

use std::future::Future;
use std::pin::{Pin, pin};
use std::time::Duration;

use workbook::say;

// ANCHOR: borrows
/// Inside its future, `first` points into `word`, which lives in the same future: if the future
/// moved after this reference was made, `first` would point to where `word` used to be.
async fn first_letter(word: &'static str) -> char {
    let word = String::from(word);
    let first = &word[..1];
    tokio::time::sleep(Duration::from_millis(500)).await;
    first.chars().next().unwrap_or(' ')
}
// ANCHOR_END: borrows

/// Polls `future` once, by hand, and says what it answered.
fn poll_once<F: Future + ?Sized>(what: &str, future: Pin<&mut F>) {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.poll(&mut cx) {
        std::task::Poll::Pending => say(format!("{what}: polled once, Pending")),
        std::task::Poll::Ready(_) => say(format!("{what}: polled once, Ready")),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: pin
    // Not polled yet, so nothing points into it: moving it is fine.
    let future = first_letter("pinned");
    let moved = future;
    say("made a future and moved it: nothing has run, nothing points into it");

    // `pin!` puts it in place on this stack frame; from here on it can only be used through
    // `Pin<&mut _>`, which hands out no `&mut` to move it with.
    let mut pinned = pin!(moved);
    poll_once("pin!", pinned.as_mut());
    let letter = pinned.await;
    say(format!("pin!: awaited, the first letter is {letter}"));
    // ANCHOR_END: pin

    // ANCHOR: box
    // `Box::pin` puts it in place on the heap: the box may move, the future inside does not.
    let mut boxed: Pin<Box<dyn Future<Output = char>>> = Box::pin(first_letter("boxed"));
    poll_once("Box::pin", boxed.as_mut());
    let before = &*boxed as *const dyn Future<Output = char> as *const u8;
    let boxes = vec![boxed];
    let boxed = boxes.into_iter().next().expect("one box");
    let after = &*boxed as *const dyn Future<Output = char> as *const u8;
    say(format!(
        "Box::pin: the box moved into a Vec and out again; the future stayed in place: {}",
        before == after
    ));
    let letter = boxed.await;
    say(format!("Box::pin: awaited, the first letter is {letter}"));
    // ANCHOR_END: box

    // ANCHOR: unpin
    // `ready` holds no reference into itself: it is `Unpin`, and `Pin::new` accepts it as is.
    let mut ready = std::future::ready('u');
    poll_once("ready (Unpin)", Pin::new(&mut ready));
    // ANCHOR_END: unpin
    workbook::summary();
}
