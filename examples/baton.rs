//! baton: two counters on one thread take turns, because each hands the thread back after every
//! number, like runners passing a baton.
//!
//! Counters A and B each count 0 to 9 and call `yield_now` after each number. A's numbers are in
//! the left column, B's in the right one: they alternate.
//! Run: `cargo run --example baton` (instant). Compare with `baton_no_yield` and `baton_tasks`.

async fn count(name: &str, column: usize) {
    for number in 0..10 {
        println!("{:column$}{name} {number}", "");
        // Hand the thread back: `join!` goes on with the other counter before this one continues.
        tokio::task::yield_now().await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    // `biased;` polls A before B each time, so A always runs first.
    tokio::join!(biased; count("A", 0), count("B", 8));
}
