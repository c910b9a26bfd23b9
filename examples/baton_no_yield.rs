//! baton_no_yield: the same two counters on one thread, but neither hands the thread back, so A
//! counts to the end before B can start.
//!
//! Counters A and B each count 0 to 9. A's numbers are in the left column, B's in the right one.
//! Run: `cargo run --example baton_no_yield` (instant). Compare with `baton`.

async fn count(name: &str, column: usize) {
    for number in 0..10 {
        println!("{:column$}{name} {number}", "");
        // No `.await` here: nothing else runs on this thread until the count is over.
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    // `biased;` polls A before B each time, so A always runs first.
    tokio::join!(biased; count("A", 0), count("B", 8));
}
