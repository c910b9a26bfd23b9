//! baton_tasks: the two counters spawned as tasks. They still take turns, but which of two ready
//! tasks runs next is the runtime's choice, not ours.
//!
//! Tasks A and B each count 0 to 9 and call `yield_now` after each number. A's numbers are in the
//! left column, B's in the right one.
//! Run: `cargo run --example baton_tasks` (instant). Compare with `baton`.

async fn count(name: &str, column: usize) {
    for number in 0..10 {
        println!("{:column$}{name} {number}", "");
        // Hand the thread back. This task is queued again only once the runtime has run the
        // tasks that were ready and looked at its timers and sockets.
        tokio::task::yield_now().await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    let a = tokio::spawn(count("A", 0));
    let b = tokio::spawn(count("B", 8));
    a.await?;
    b.await?;
    Ok(())
}
